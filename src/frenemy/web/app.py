"""The HTTP API and the web workbench: a thin FastAPI layer over ``frenemy.api``.

Same data, same answers as the CLI: ``/api/dyad`` returns exactly ``frenemy dyad --format json``,
list endpoints return the listing columns with ``next`` cursors and ``.csv``/``.jsonl`` variants.
The OpenAPI schema is the contract (``web/contract.py``): a request it admits is answered, one it
does not is a 422, unknown actors and documents are 404; every error, 5xx included, is JSON
``{"error": ...}`` (a page, for the browser) with the security headers. Who may ask, from where,
is ``web/security.py``; document text is only ever rendered escaped (``web/pages.py``).
"""

from __future__ import annotations

import inspect
import json
import logging
import os
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, File, Path as PathParam, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from frenemy import api
from frenemy.assess.timeline import PERIODS
from frenemy.errors import FrenemyError, StoreError, UnknownActor, UnknownDocument, UsageError
from frenemy.report.listing import json_default, to_text
from frenemy.schemas import CLAIM_COLUMNS, DOCUMENT_LISTING, EVENT_COLUMNS, SOURCE_LISTING
from frenemy.web.contract import (COMMON_RESPONSES, CURSOR_PATTERN, DATE_DESCRIPTION, DATE_PATTERN, DYAD_PATTERN,
                                  LINK_HEADER, PAGE_DEFAULT, PAGE_MAX, PATTERN_HINTS, UNKNOWN_ACTOR, VALIDATION,
                                  WRITE_REFUSED, CSVText, JSONLinesText, UploadForm, UploadReport, error_response,
                                  finished, page_model)
from frenemy.store.version import VersionWatch
from frenemy.web.cache import SharedAnswers
from frenemy.web.security import Guard, Refused, harden, is_page_path, set_csrf_cookie
from frenemy.web.upload import UPLOAD_MAX_BYTES, StoreLock, UploadedFile, Uploads

STATIC = Path(__file__).parent / "static"
ASSESSMENT_CACHE = 256  # assessments remembered per store state (the workbench asks for the same pairs again)
ACTOR_LISTING_COLUMNS = ("actor_id", "name", "type", "country", "provisional", "mentions", "documents", "names_seen")
log = logging.getLogger("frenemy.web")

Period = Literal[PERIODS]  # type: ignore[valid-type]  # the CLI's --by values, an enum in the schema


class UploadPageForm(UploadForm):
    """The upload page's form: the files and the CSRF token the page put in it."""

    csrf: str = ""


def create_app(db: str | os.PathLike[str], token: str | None = None, *, host: str = "127.0.0.1",
               allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The app for one store, served as ``host`` (and the loopback names and ``allowed_hosts``).
    With ``token``, every request must carry ``Authorization: Bearer <token>`` or the cookie a
    browser gets by opening a page as ``/?token=<token>``."""
    from frenemy.web import pages

    db = Path(db)
    guard = Guard(token, host, tuple(allowed_hosts))
    lock = StoreLock()
    uploads = Uploads(db, lock)
    app = FastAPI(title="frenemy", description="Are two actors friend or foe, how has that changed, and how do we know?",
                  version=_version(), docs_url=None, redoc_url=None,  # Swagger UI loads from a CDN; /docs is ours
                  responses=COMMON_RESPONSES)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = finished(plain_openapi(), token is not None)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.middleware("http")
    async def guard_requests(request: Request, call_next):
        try:
            guard.check_host(request)
            redirect = guard.check_token(request)
            if redirect is not None:
                return harden(redirect)
            guard.check_origin(request)
        except Refused as exc:
            return harden(_error(exc.status, str(exc), request, headers=exc.headers))
        return harden(await call_next(request))

    _install_error_handlers(app)

    def read(fn: Callable[[], Any]) -> Any:
        with lock.read():
            return fn()

    answers = SharedAnswers(ASSESSMENT_CACHE)
    watch = VersionWatch(db)

    def version() -> str:
        """The store's content version, fingerprinted again only when the file changed."""
        return watch.current(lambda: read(lambda: api.store_version(db)))

    def assessment(a: str, b: str, as_of: str | None, by: str) -> _Assessed:
        """``api.assess`` and its JSON bytes, computed once per question and store content however
        many clients ask at once."""
        key = ("dyad", a.casefold(), b.casefold(), as_of, by, version())

        def compute() -> _Assessed:
            result = read(lambda: api.assess(db, a, b, as_of=as_of, by=by))
            return _Assessed(result, _dumps(result.to_dict()))

        return answers.get(key, compute)

    # -- the API --------------------------------------------------------------------------------

    @app.get("/api/info", summary="Store counts")
    def info() -> Any:
        return _json(read(lambda: api.db_info(db)))

    def actors_rows(q: str | None = None) -> list[dict[str, Any]]:
        rows = read(lambda: api.actors(db))
        if q:
            needle = q.lower()
            rows = [r for r in rows if needle in (r["name"] or "").lower() or needle in (r["names_seen"] or "").lower()
                    or needle == r["actor_id"].lower()]
        return rows

    dyad_filter = ("dyad", "two actors separated by a comma, either direction (dyad=Iran,al-Qaeda)", DYAD_PATTERN)
    _listing(app, "/api/actors", "Actors in the store, most mentioned first; q filters by any name seen",
             lambda q=None: actors_rows(q), ACTOR_LISTING_COLUMNS,
             [("q", "part of any name the actor was seen under, or its id", None)])
    _listing(app, "/api/documents", "Stored documents, oldest first",
             lambda: read(lambda: api.documents(db)), DOCUMENT_LISTING, [])

    def events_rows(dyad: str | None = None, actor: str | None = None, since: str | None = None,
                    until: str | None = None) -> list[dict[str, Any]]:
        pair = _dyad_param(dyad)
        return read(lambda: api.events(db, actor=actor, dyad=pair, since=since, until=until))

    _listing(app, "/api/events", "Events; dyad=A,B (either direction), actor=, since=, until=", events_rows,
             EVENT_COLUMNS, [dyad_filter, ("actor", "one actor, as source or target", None),
                             ("since", f"events on or after {DATE_DESCRIPTION}", DATE_PATTERN),
                             ("until", f"events on or before {DATE_DESCRIPTION}", DATE_PATTERN)], UNKNOWN_ACTOR)
    _listing(app, "/api/claims", "Relationship statements; dyad=A,B",
             lambda dyad=None: read(lambda: api.claims(db, dyad=_dyad_param(dyad))), CLAIM_COLUMNS, [dyad_filter],
             UNKNOWN_ACTOR)
    _listing(app, "/api/sources", "Sources with their type and Admiralty grade",
             lambda: read(lambda: api.sources(db)), SOURCE_LISTING, [])

    @app.get("/api/documents/{doc_id}", summary="One document with its text, mentions, events and statements",
             responses={404: error_response("no document with that id"), **VALIDATION})
    def one_document(doc_id: Annotated[str, PathParam(description="a doc_id from /api/documents")]) -> Any:
        return _json(read(lambda: api.document(db, doc_id)))

    @app.get("/api/dyad", summary="The assessment of a pair: the same JSON as `frenemy dyad --format json`",
             responses={**UNKNOWN_ACTOR, 400: error_response("the two names are one actor, or a Host name this "
                                                                 "server does not answer to"), **VALIDATION})
    def dyad(a: Annotated[str, Query(description="the first actor, by any of its names", examples=["Iran"])],
             b: Annotated[str, Query(description="the second actor", examples=["al-Qaeda"])],
             as_of: Annotated[str | None, Query(pattern=DATE_PATTERN,
                                                description=f"assess as known on {DATE_DESCRIPTION}")] = None,
             by: Annotated[Period, Query(description="timeline periods")] = "auto") -> Any:
        return Response(assessment(a, b, as_of, by).body, media_type="application/json")

    @app.get("/api/network", summary="Signed, dated network of every pair with evidence", responses=VALIDATION)
    def network(as_of: Annotated[str | None, Query(
            pattern=DATE_PATTERN, description=f"relations as known on {DATE_DESCRIPTION}")] = None) -> Any:
        from frenemy.export.graph import to_json

        body = answers.get(("network", as_of, version()), lambda: read(lambda: to_json(api.network(db, as_of=as_of))))
        return Response(body, media_type="application/json")

    @app.post("/api/upload", summary="Add documents (the same rules and errors as `frenemy ingest`)",
              responses={200: {"model": UploadReport}, **WRITE_REFUSED, **VALIDATION})
    def upload(form: Annotated[UploadForm, File()]) -> Any:
        return _json(uploads.ingest(_uploaded(form.files)))

    # -- the pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> Any:
        return HTMLResponse(read(lambda: pages.home(api.db_info(db), api.documents(db, limit=15, newest_first=True),
                                                     actors_rows()[:400])))

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(a: str, b: str, as_of: str | None = None, by: str = "auto") -> Any:
        as_of = as_of or None  # the form sends an empty field
        return HTMLResponse(pages.dyad(assessment(a, b, as_of, by or "auto").assessment))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> Any:
        return HTMLResponse(pages.document(read(lambda: api.document(db, doc_id))))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page() -> Any:
        return HTMLResponse(pages.network())

    def upload_page_response(request: Request, result: dict[str, Any] | None = None) -> HTMLResponse:
        field, fresh_cookie = guard.csrf_for(request)
        response = HTMLResponse(pages.upload(result, csrf=field))
        if fresh_cookie:
            set_csrf_cookie(response, fresh_cookie)
        return response

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page(request: Request) -> Any:
        return upload_page_response(request)

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request, form: Annotated[UploadPageForm, File()]) -> Any:
        guard.check_csrf(request, form.csrf)
        return upload_page_response(request, uploads.ingest(_uploaded(form.files)))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> Any:
        return HTMLResponse(pages.api_docs(app.openapi()))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Any:
        return RedirectResponse("/static/favicon.svg")

    return app


_SERVE_ENV = "FRENEMY_SERVE"  # how `frenemy serve --workers N` hands its settings to each worker process


def serve_environment(db: Path, token: str | None, host: str, allowed_hosts: Iterable[str]) -> dict[str, str]:
    """The environment ``app_from_environment`` reads in a worker process."""
    settings = {"db": str(db), "token": token, "host": host, "allowed_hosts": list(allowed_hosts)}
    return {_SERVE_ENV: json.dumps(settings)}


def app_from_environment() -> FastAPI:
    """The app of a worker process started by ``frenemy serve --workers N`` (a uvicorn factory)."""
    settings = json.loads(os.environ[_SERVE_ENV])
    return create_app(settings["db"], settings["token"], host=settings["host"], allowed_hosts=settings["allowed_hosts"])


def _install_error_handlers(app: FastAPI) -> None:
    """Every error as ``{"error": ...}`` (a page for the browser): ours, FastAPI's and Starlette's
    (404 no such route, 405, a body that does not parse) and, last, any bug, which the server logs
    and the client sees as a 500 with the same headers as every other response."""

    @app.exception_handler(FrenemyError)
    async def frenemy_error(request: Request, exc: FrenemyError):
        status = (404 if isinstance(exc, (UnknownActor, UnknownDocument)) else 503 if isinstance(exc, StoreError)
                  else 400)
        extra = {"suggestions": list(exc.suggestions)} if isinstance(exc, UnknownActor) else None
        return _error(status, str(exc), request, extra)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        problems = "; ".join(_problem(e) for e in exc.errors())
        return _error(422, f"bad parameters: {problems}", request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "bad request"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or endpoint at {request.url.path} (the API is listed at /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed here (allowed: {(exc.headers or {}).get('Allow', 'GET')})"
        elif exc.status_code == 400 and "multipart" in message.lower():
            message = f"malformed multipart/form-data body ({message.rstrip('.')})"
        return _error(exc.status_code, message, request, headers=dict(exc.headers or {}))

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return _error(exc.status, str(exc), request, headers=exc.headers)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        # Answered from outside the middleware that adds the headers, so it adds them itself.
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return harden(_error(500, f"internal error ({type(exc).__name__}); the server's log has the details", request))


def _listing(app: FastAPI, path: str, summary: str, rows_for: Callable[..., list[dict[str, Any]]],
             columns: Sequence[str], filters: Sequence[tuple[str, str, str | None]],
             responses: dict[int | str, dict[str, Any]] | None = None) -> None:
    """Register ``path``, ``path.csv`` and ``path.jsonl``: one page of rows with a ``next`` cursor.
    ``filters`` are (name, description, pattern) of the query parameters ``rows_for`` takes."""
    names = [name for name, _, _ in filters]
    accepted = [*names, "limit", "cursor"]

    def handler(request: Request, fmt: str, values: dict[str, Any]) -> Any:
        unknown = set(request.query_params) - set(accepted)
        if unknown:
            raise UsageError(f"unknown parameter {sorted(unknown)[0]!r} (this endpoint takes: {', '.join(accepted)})")
        limit, offset = values["limit"], int(values["cursor"] or 0)
        given = {k: values[k] for k in names if values.get(k)}
        rows = rows_for(**given)
        page, more = rows[offset : offset + limit], len(rows) > offset + limit
        next_url = None
        if more:  # only what this endpoint takes goes into the link: never a token or a stray parameter
            query = {**given, **({"limit": limit} if "limit" in request.query_params else {}), "cursor": offset + limit}
            next_url = str(request.url.replace(query=urlencode(query)))
        if fmt == "json":
            return _json({"rows": [{c: r.get(c) for c in columns} for r in page], "next": next_url, "total": len(rows)})
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
        return (CSVText if fmt == "csv" else JSONLinesText)(to_text(page, columns, fmt), headers=headers)

    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    parameters += [inspect.Parameter(name, keyword, annotation=str | None,
                                     default=Query(None, description=description, pattern=pattern))
                   for name, description, pattern in filters]
    parameters += [
        inspect.Parameter("limit", keyword, annotation=int, default=Query(
            PAGE_DEFAULT, ge=1, le=PAGE_MAX, description=f"rows per page (default {PAGE_DEFAULT})")),
        inspect.Parameter("cursor", keyword, annotation=str | None, default=Query(
            None, pattern=CURSOR_PATTERN, description="where the page starts: the cursor in the previous page's next")),
    ]
    name = path.strip("/").replace("/", "_").removeprefix("api_").capitalize()
    documented = {400: error_response("a parameter this endpoint does not take, or a Host name this server "
                                      "does not answer to"), **VALIDATION, **(responses or {})}
    for suffix, fmt in (("", "json"), (".csv", "csv"), (".jsonl", "jsonl")):
        def endpoint(request: Request, _fmt: str = fmt, **values: Any) -> Any:
            return handler(request, _fmt, values)

        endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        endpoint.__name__ = f"{path.strip('/').replace('/', '_')}_{fmt}"
        ok = ({"model": page_model(name, tuple(columns))} if fmt == "json"
              else {"description": f"the rows as {fmt.upper()}", "headers": LINK_HEADER})
        app.add_api_route(path + suffix, endpoint, methods=["GET"],
                          response_class={"json": JSONResponse, "csv": CSVText, "jsonl": JSONLinesText}[fmt],
                          summary=summary + ("" if fmt == "json" else f" ({fmt})"), responses={200: ok, **documented})


def _uploaded(files: list[UploadFile]) -> list[UploadedFile]:
    """Each part's name and bytes, read no further than the size limit."""
    out = []
    for upload in files:
        data = upload.file.read(UPLOAD_MAX_BYTES + 1)
        out.append(UploadedFile(upload.filename or "", data[:UPLOAD_MAX_BYTES], len(data) > UPLOAD_MAX_BYTES))
    return out


def _problem(error: dict[str, Any]) -> str:
    """One validation error in words: the parameter and what it expects (never the value sent)."""
    where = ".".join(str(p) for p in error["loc"][1:]) or str(error["loc"][0])
    if error.get("type") == "extra_forbidden":
        return f"{where}: unknown field (the form takes: files)"
    if error.get("type") == "string_pattern_mismatch" and where in PATTERN_HINTS:
        return f"{where}: expected {PATTERN_HINTS[where]}"
    return f"{where}: {error['msg']}"


def _dyad_param(value: str | None) -> tuple[str, str] | None:
    """``A,B`` as a pair of names; a blank name is an unknown actor (404), like any other."""
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2:
        raise UsageError(f"dyad: expected two actors separated by a comma (dyad=Iran,al-Qaeda), got {value!r}")
    return parts[0], parts[1]


@dataclass(frozen=True)
class _Assessed:
    """An assessment and the JSON bytes it is served as."""

    assessment: Any
    body: bytes


def _dumps(data: Any) -> bytes:
    return json.dumps(data, default=json_default, ensure_ascii=False).encode("utf-8")


def _json(data: Any) -> Response:
    return Response(_dumps(data), media_type="application/json")


def _error(status: int, message: str, request: Request | None = None, extra: dict[str, Any] | None = None,
           headers: dict[str, str] | None = None) -> Response:
    """JSON for the API (with ``extra`` fields: an unknown actor's suggestions), a page for the browser."""
    if request is not None and is_page_path(request.url.path):
        from frenemy.web.pages import error

        return HTMLResponse(error(status, message), status_code=status, headers=headers)
    return JSONResponse({"error": message, "status": status, **(extra or {})}, status_code=status, headers=headers)


def _version() -> str:
    from frenemy import __version__

    return __version__


__all__ = ["create_app"]
