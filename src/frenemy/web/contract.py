"""The HTTP API's contract as the OpenAPI schema states it: parameter shapes, error bodies, the
responses each route can give, and the media types of the ``.csv``/``.jsonl`` variants.

The schema is the truth: a request the schema accepts is answered (200, or 404 for a name or id
the store does not hold), and one it refuses is refused before it reaches the store (422). So
each parameter's shape is declared exactly, down to which dates exist (a pattern that knows
February and leap years), and the server validates against the same declaration.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import UploadFile
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_MONTH = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = (r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)")
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
#: YYYY, YYYY-MM or YYYY-MM-DD, and only days that exist (the CLI also takes "July 16, 2005").
DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
DATE_DESCRIPTION = "a date: YYYY, YYYY-MM or YYYY-MM-DD"
#: Two actor names separated by one comma (a name that resolves to no actor is a 404).
DYAD_PATTERN = r"^[^,]*,[^,]*$"
#: Where a page starts; take it from the previous page's ``next`` rather than making one up.
CURSOR_PATTERN = r"^[0-9]{1,9}$"
PAGE_DEFAULT, PAGE_MAX = 100, 1000
#: What a parameter with a pattern expects, said for people (the patterns are for machines).
PATTERN_HINTS = {"as_of": DATE_DESCRIPTION, "since": DATE_DESCRIPTION, "until": DATE_DESCRIPTION,
                 "dyad": "two actors separated by one comma (dyad=Iran,al-Qaeda)",
                 "cursor": "the cursor of a previous page's next link"}


class ErrorBody(BaseModel):
    """Every error, 4xx or 5xx: one line a user can act on."""

    error: str = Field(description="what went wrong, in one line")
    status: int = Field(description="the HTTP status, repeated for clients that lose it")
    suggestions: list[str] | None = Field(None, description="for an unknown actor: the names it may have meant")


class UploadForm(BaseModel):
    """``multipart/form-data`` with one or more ``files`` parts and nothing else."""

    model_config = ConfigDict(extra="forbid")
    # format: binary (not 3.1's contentMediaType) tells clients each part is a file of any bytes
    files: list[UploadFile] = Field(min_length=1, json_schema_extra={"items": {"type": "string", "format": "binary"}},
                                    description="the files; each part's filename decides how it is read (.txt .md "
                                                ".html .htm .jsonl .csv .json), as in `frenemy ingest`")


class UploadReport(BaseModel):
    added: int
    unchanged: int
    failed: int
    errors: list[str] = Field(description="one line per file or row not stored: its name and why")


class CSVText(PlainTextResponse):
    media_type = "text/csv"


class JSONLinesText(PlainTextResponse):
    media_type = "application/x-ndjson"


def page_model(name: str, columns: tuple[str, ...]) -> type[BaseModel]:
    """``{"rows": [...], "next": url|null, "total": n}`` with the listing's columns."""
    fields: dict[str, Any] = {c: (Any, Field(..., description=None)) for c in columns}
    row = create_model(f"{name}Row", __config__=ConfigDict(extra="allow"), **fields)
    # list[row]: the model is made at run time, so no static type (cast: mypy would refuse list[row])
    return create_model(f"{name}Page", rows=(cast(Any, list)[row], ...),
                        next=(str | None, Field(..., description="the next page's URL, null on the last page")),
                        total=(int, Field(..., description="rows in the whole listing")))


def error_response(description: str) -> dict[str, Any]:
    """An error answer, JSON whatever the route's own media type (``.csv`` routes' errors too)."""
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}


#: A route's documented answers by status code, as FastAPI's ``responses`` takes them.
Responses = dict[int | str, dict[str, Any]]

#: Answers any route can give, whatever its parameters.
COMMON_RESPONSES: Responses = {
    400: error_response("a malformed request, or a Host name this server does not answer to"),
    500: error_response("a bug in frenemy (the details are in the server's log)"),
    503: error_response("the store cannot be opened or is busy"),
}
VALIDATION: Responses = {422: error_response("a parameter or form field that does not match this schema")}
UNKNOWN_ACTOR: Responses = {404: error_response("an actor name that resolves to no actor (with suggestions)")}
WRITE_REFUSED: Responses = {403: error_response("a cross-origin write: its Origin or Referer is not this server")}
LINK_HEADER = {"Link": {"description": 'the next page, as <URL>; rel="next" (absent on the last page)',
                        "schema": {"type": "string"}}}


def finished(schema: dict[str, Any], token: bool) -> dict[str, Any]:
    """FastAPI's schema with what it cannot know: the error body every error refers to and, for a
    server started with ``--token``, the bearer header or cookie it needs (401 without)."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["ErrorBody"] = ErrorBody.model_json_schema(
        ref_template="#/components/schemas/{model}")
    if not token:
        return schema
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "the --token the server was started with"},
        "cookie": {"type": "apiKey", "in": "cookie", "name": "frenemy_token",
                   "description": "set by opening a page as /?token=TOKEN"},
    }
    schema["security"] = [{"bearer": []}, {"cookie": []}]
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {})["401"] = error_response("no or a wrong token")
    return schema


__all__ = ["COMMON_RESPONSES", "CSVText", "DATE_PATTERN", "ErrorBody", "JSONLinesText", "UploadForm", "finished",
           "page_model"]
