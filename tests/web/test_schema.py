"""The OpenAPI schema is the truth: schemathesis, with every check it has, against a real
`frenemy serve` over a real store, finds nothing. Every request the schema admits is answered,
every one it refuses is refused, every status, media type and body is the one documented.

Bounded (25 examples per operation and phase) and derandomized, so a run is the same run each time.
"""

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings  # comes with schemathesis

from tests.web.conftest import copy_of, serving

EXAMPLES = 25


@pytest.fixture(scope="module")
def contract_server(small_store, tmp_path_factory):
    """A server of its own: the run uploads whatever it likes."""
    with serving(copy_of(small_store, tmp_path_factory.mktemp("contract"))) as base:
        yield base


def _served_schema() -> dict:
    """The schema `frenemy serve` serves, made by the same app (no store is read to make it), so
    the operations are known when pytest collects the tests; the test below checks that the
    running server serves exactly this."""
    from frenemy.web.app import create_app

    return create_app("schema-only.duckdb").openapi()


SPEC = _served_schema()
schema = schemathesis.openapi.from_dict(SPEC, config=schemathesis.Config())


def test_the_server_serves_this_schema(contract_server):
    assert httpx.get(contract_server + "/openapi.json", timeout=30).json() == SPEC


def test_the_schema_declares_what_the_routes_take(contract_server):
    """The parameters a client needs are in the schema, and nothing internal leaks into it."""
    spec = httpx.get(contract_server + "/openapi.json", timeout=30).json()
    names = {path: {p["name"] for p in ops["get"].get("parameters", [])} for path, ops in spec["paths"].items()
             if "get" in ops}
    assert names["/api/events"] == {"dyad", "actor", "since", "until", "limit", "cursor"}
    assert names["/api/actors.csv"] == {"q", "limit", "cursor"} and names["/api/dyad"] == {"a", "b", "as_of", "by"}
    assert not any(n.startswith("_") or n == "token" for params in names.values() for n in params)
    assert set(spec["paths"]["/api/events.csv"]["get"]["responses"]["200"]["content"]) == {"text/csv"}
    assert set(spec["paths"]["/api/claims.jsonl"]["get"]["responses"]["200"]["content"]) == {"application/x-ndjson"}
    assert {"400", "404", "422", "500"} <= set(spec["paths"]["/api/events"]["get"]["responses"])
    upload = spec["components"]["schemas"]["UploadForm"]
    assert upload["additionalProperties"] is False and upload["required"] == ["files"]


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_failure(case, contract_server):
    """Every built-in check (server errors, status codes, media types, response schemas, positive
    data accepted, negative data rejected, methods, headers ...) on every operation."""
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    case.call_and_validate(base_url=contract_server, checks=CHECKS.get_all(), timeout=120)
