"""The HTTP API and the web workbench: a thin FastAPI layer over ``frenemy.api``.

Same data, same answers as the CLI: ``/api/dyad`` returns exactly ``frenemy dyad --format json``,
list endpoints return the listing columns with ``next`` cursors and ``.csv``/``.jsonl`` variants.
User input never causes a 500: unknown actors and documents are 404, bad dates and parameters
400 or 422, each as JSON ``{"error": ...}``. Every response carries a Content-Security-Policy;
document text is only ever rendered escaped (``web/pages.py``).
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from frenemy import api
from frenemy.errors import FrenemyError, StoreError, UnknownActor, UnknownDocument, UsageError
from frenemy.report.listing import json_default, to_text
from frenemy.schemas import CLAIM_COLUMNS, DOCUMENT_LISTING, EVENT_COLUMNS, SOURCE_LISTING

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE_DEFAULT, PAGE_MAX = 100, 1000
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".csv", ".json")
ASSESSMENT_CACHE = 256  # assessments remembered per store state (the workbench asks for the same pairs again)
ACTOR_LISTING_COLUMNS = ("actor_id", "name", "type", "country", "provisional", "mentions", "documents", "names_seen")


class StoreLock:
    """Readers share the store, an upload writes alone (DuckDB will not open one file read-only
    and read-write at once in a process)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def create_app(db: str | os.PathLike[str], token: str | None = None) -> FastAPI:
    """The app for one store. With ``token``, every request must carry ``Authorization: Bearer
    <token>`` (or, for the browser, the cookie set by visiting ``/?token=<token>``)."""
    from frenemy.web import pages

    db = Path(db)
    lock = StoreLock()
    app = FastAPI(title="frenemy", description="Are two actors friend or foe, how has that changed, and how do we know?",
                  version=_version(), docs_url=None, redoc_url=None)  # Swagger UI loads from a CDN; /docs is ours
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token is not None and not _authorised(request, token):
            response = _error(401, "missing or wrong bearer token")
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if token is not None and request.query_params.get("token") == token:
            response.set_cookie("frenemy_token", token, httponly=True, samesite="strict")
        return response

    @app.exception_handler(FrenemyError)
    async def frenemy_error(request: Request, exc: FrenemyError):
        status = (404 if isinstance(exc, (UnknownActor, UnknownDocument)) else 503 if isinstance(exc, StoreError)
                  else 400)
        extra = {"suggestions": list(exc.suggestions)} if isinstance(exc, UnknownActor) else None
        return _error(status, str(exc), request, extra)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors())
        return _error(422, f"bad parameters: {problems}", request)

    def read(fn: Callable[[], Any]) -> Any:
        with lock.read():
            return fn()

    assessments: OrderedDict[tuple, Any] = OrderedDict()

    def assessment(a: str, b: str, as_of: str | None, by: str):
        """``api.assess``, remembered for the store as it is now (its file's size and time)."""
        stat = db.stat()
        key = (a.casefold(), b.casefold(), as_of, by, stat.st_mtime_ns, stat.st_size)
        with cache_lock:
            if key in assessments:
                assessments.move_to_end(key)
                return assessments[key]
        result = read(lambda: api.assess(db, a, b, as_of=as_of, by=by))
        with cache_lock:
            assessments[key] = result
            while len(assessments) > ASSESSMENT_CACHE:
                assessments.popitem(last=False)
        return result

    cache_lock = threading.Lock()

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

    _listing(app, "/api/actors", "Actors in the store, most mentioned first; q filters by any name seen",
             lambda q=None: actors_rows(q), ACTOR_LISTING_COLUMNS, ("q",))
    _listing(app, "/api/documents", "Stored documents, oldest first",
             lambda: read(lambda: api.documents(db)), DOCUMENT_LISTING, ())

    def events_rows(dyad: str | None = None, actor: str | None = None, since: str | None = None,
                    until: str | None = None) -> list[dict[str, Any]]:
        pair = _dyad_param(dyad)
        return read(lambda: api.events(db, actor=actor, dyad=pair, since=since, until=until))

    _listing(app, "/api/events", "Events; dyad=A,B (either direction), actor=, since=, until=",
             events_rows, EVENT_COLUMNS, ("dyad", "actor", "since", "until"))
    _listing(app, "/api/claims", "Relationship statements; dyad=A,B",
             lambda dyad=None: read(lambda: api.claims(db, dyad=_dyad_param(dyad))), CLAIM_COLUMNS, ("dyad",))
    _listing(app, "/api/sources", "Sources with their type and Admiralty grade",
             lambda: read(lambda: api.sources(db)), SOURCE_LISTING, ())

    @app.get("/api/documents/{doc_id}", summary="One document with its text, mentions, events and statements")
    def one_document(doc_id: str) -> Any:
        return _json(read(lambda: api.document(db, doc_id)))

    @app.get("/api/dyad", summary="The assessment of a pair: the same JSON as `frenemy dyad --format json`")
    def dyad(a: str, b: str, as_of: str | None = None, by: str = "auto") -> Any:
        return _json(assessment(a, b, as_of, by).to_dict())

    @app.get("/api/network", summary="Signed, dated network of every pair with evidence")
    def network(as_of: str | None = None) -> Any:
        from frenemy.export.graph import to_json

        return Response(read(lambda: to_json(api.network(db, as_of=as_of))), media_type="application/json")

    @app.post("/api/upload", summary="Add documents (the same rules and errors as `frenemy ingest`)")
    def upload(files: list[UploadFile] = File(...)) -> Any:
        return _json(_ingest_uploads(db, files, lock))

    # -- the pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> Any:
        return HTMLResponse(read(lambda: pages.home(api.db_info(db), api.documents(db, limit=15, newest_first=True),
                                                     actors_rows()[:400])))

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(a: str, b: str, as_of: str | None = None, by: str = "auto") -> Any:
        as_of = as_of or None  # the form sends an empty field
        return HTMLResponse(pages.dyad(assessment(a, b, as_of, by or "auto")))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> Any:
        return HTMLResponse(pages.document(read(lambda: api.document(db, doc_id))))

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page() -> Any:
        return HTMLResponse(pages.network())

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_page() -> Any:
        return HTMLResponse(pages.upload())

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(files: list[UploadFile] = File(...)) -> Any:
        return HTMLResponse(pages.upload(_ingest_uploads(db, files, lock)))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> Any:
        return HTMLResponse(pages.api_docs(app.openapi()))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Any:
        return RedirectResponse("/static/favicon.svg")

    return app


def _listing(app: FastAPI, path: str, summary: str, rows_for: Callable[..., list[dict[str, Any]]],
             columns: Sequence[str], filters: Sequence[str]) -> None:
    """Register ``path``, ``path.csv`` and ``path.jsonl``: one page of rows with a ``next`` cursor."""

    def handler(request: Request, fmt: str) -> Any:
        params = request.query_params
        unknown = set(params) - set(filters) - {"limit", "cursor", "token"}
        if unknown:
            raise UsageError(f"unknown parameter {sorted(unknown)[0]!r} (this endpoint takes: "
                             f"{', '.join([*filters, 'limit', 'cursor'])})")
        limit = _limit(params.get("limit"))
        offset = _offset(params.get("cursor"))
        rows = rows_for(**{k: params[k] for k in filters if params.get(k)})
        page, more = rows[offset : offset + limit], len(rows) > offset + limit
        next_url = str(request.url.include_query_params(cursor=_cursor(offset + limit))) if more else None
        if fmt == "json":
            return _json({"rows": [{c: r.get(c) for c in columns} for r in page], "next": next_url, "total": len(rows)})
        text = to_text(page, columns, fmt)
        headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
        media = "text/csv" if fmt == "csv" else "application/x-ndjson"
        return PlainTextResponse(text, media_type=media, headers=headers)

    for suffix, fmt in (("", "json"), (".csv", "csv"), (".jsonl", "jsonl")):
        def endpoint(request: Request, _fmt: str = fmt) -> Any:
            return handler(request, _fmt)

        endpoint.__name__ = f"{path.strip('/').replace('/', '_')}_{fmt}"
        app.add_api_route(path + suffix, endpoint, methods=["GET"], summary=summary + ("" if fmt == "json" else f" ({fmt})"))


def _ingest_uploads(db: Path, files: list[UploadFile], lock: StoreLock) -> dict[str, Any]:
    """Store uploaded files with the rules of ``frenemy ingest``: each file is checked for size and
    type first; names are reduced to a safe basename in a private temporary folder."""
    errors, saved = [], []
    with tempfile.TemporaryDirectory(prefix="frenemy-upload-") as folder:
        for upload in files:
            name = Path(upload.filename or "upload.txt").name.replace("\x00", "") or "upload.txt"
            if not name.lower().endswith(UPLOAD_SUFFIXES):
                errors.append(f"{name}: not a supported type ({', '.join(UPLOAD_SUFFIXES)})")
                continue
            data = upload.file.read(UPLOAD_MAX_BYTES + 1)
            if len(data) > UPLOAD_MAX_BYTES:
                errors.append(f"{name}: larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
                continue
            target = Path(folder) / f"{len(saved)}-{name}"
            target.write_bytes(data)
            saved.append(target)
        report = None
        if saved:
            with lock.write():
                report = api.ingest([str(p) for p in saved], db)
            errors += [f"{Path(e.location).name.split('-', 1)[-1]}: {e.reason}" for e in report.failed]
    return {"added": report.added if report else 0, "unchanged": report.unchanged if report else 0,
            "failed": len(errors), "errors": errors}


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    return (header == f"Bearer {token}" or request.cookies.get("frenemy_token") == token
            or request.query_params.get("token") == token)


def _dyad_param(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"dyad: expected two actors separated by a comma (dyad=Iran,al-Qaeda), got {value!r}")
    return parts[0], parts[1]


def _limit(value: str | None) -> int:
    if value is None:
        return PAGE_DEFAULT
    if not value.isdigit() or not 1 <= int(value) <= PAGE_MAX:
        raise UsageError(f"limit: expected a whole number from 1 to {PAGE_MAX}, got {value!r}")
    return int(value)


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if text.startswith("o") and text[1:].isdigit():
            return int(text[1:])
    except (ValueError, UnicodeDecodeError):
        pass
    raise UsageError(f"cursor: not a cursor this server gave out ({cursor!r})")


def _json(data: Any) -> Response:
    return Response(json.dumps(data, default=json_default, ensure_ascii=False), media_type="application/json")


def _error(status: int, message: str, request: Request | None = None, extra: dict[str, Any] | None = None) -> Response:
    """JSON for the API (with ``extra`` fields: an unknown actor's suggestions), a page for the browser."""
    if request is not None and not request.url.path.startswith("/api/"):
        from frenemy.web.pages import error

        return HTMLResponse(error(status, message), status_code=status)
    return JSONResponse({"error": message, "status": status, **(extra or {})}, status_code=status)


def _version() -> str:
    from frenemy import __version__

    return __version__


__all__ = ["create_app"]
