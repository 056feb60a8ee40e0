"""The workbench's pages, rendered on the server. Everything that comes from a document or a user
goes through ``html.escape``; scripts are our own static files (the CSP allows no inline script).
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from frenemy.assess.dyad import DyadAssessment
from frenemy.report.dyad import html_body

NAV = [("/", "Home"), ("/network", "Network"), ("/upload", "Upload"), ("/docs", "API")]


def page(title: str, body: str, scripts: tuple[str, ...] = ()) -> str:
    links = "".join(f'<a href="{href}">{name}</a>' for href, name in NAV)
    tags = "".join(f'<script src="/static/{escape(s)}"></script>' for s in scripts)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} \u2013 frenemy</title><link rel="stylesheet" href="/static/style.css">'
        f'<link rel="icon" href="/static/favicon.svg"></head><body><nav><strong>frenemy</strong>{links}</nav>'
        f"<main>{body}</main>{tags}</body></html>"
    )


def home(info: dict[str, Any], documents: list[dict[str, Any]], actors: list[dict[str, Any]]) -> str:
    options = "".join(f'<option value="{escape(a["name"])}">' for a in actors)
    counts = "".join(f"<li><strong>{escape(str(info.get(k, 0)))}</strong> {label}</li>" for k, label in (
        ("documents", "documents"), ("events", "events"), ("claims", "statements"), ("actors", "actors")))
    docs = "".join(
        f'<li><a href="/doc/{quote(d["doc_id"])}">{escape(d["title"] or d["doc_id"])}</a> '
        f'<small>{escape(d["publisher"] or "")} {escape(str(d["published"] or ""))}</small></li>' for d in documents)
    body = (
        "<h1>Friend or foe?</h1>"
        '<form id="dyad-form" action="/dyad" method="get" class="search">'
        '<input id="actor-a" name="a" list="actors" placeholder="first actor, e.g. Iran" required autocomplete="off">'
        '<input id="actor-b" name="b" list="actors" placeholder="second actor, e.g. al-Qaeda" required autocomplete="off">'
        '<input name="as_of" placeholder="as of (optional date)">'
        '<button type="submit">Assess</button></form>'
        f'<datalist id="actors">{options}</datalist>'
        '<p><label>Find an actor: <input id="actor-search" type="search" placeholder="search actors" '
        'autocomplete="off"></label></p><ul id="actor-results" class="results"></ul>'
        f'<h2>In the store</h2><ul class="counts">{counts}</ul>'
        f'<h2>Recent documents</h2><ul id="recent">{docs}</ul>'
    )
    return page("Home", body, ("app.js",))


def dyad(a: DyadAssessment) -> str:
    filters = (
        '<form id="evidence-filters" class="filters"><strong>Filter evidence:</strong> '
        '<input name="from" placeholder="from date"> <input name="to" placeholder="to date"> '
        '<input name="source" placeholder="source"> '
        '<select name="grade"><option value="">any grade</option>'
        + "".join(f"<option>{g}</option>" for g in "ABCDEF?")
        + '</select> <select name="commitment"><option value="">any commitment</option>'
        + "".join(f"<option>{c}</option>" for c in ("certain", "probable", "possible", "unknown", "certain-negative"))
        + '</select> <span id="evidence-count"></span></form>'
    )
    body = html_body(a, doc_link=lambda e: f"/doc/{quote(e.doc_id)}?{urlencode({'s': e.char_start or 0, 'e': e.char_end or 0})}"
                     f"#s{e.char_start or 0}")
    raw = f'/api/dyad?{urlencode({"a": a.a_name, "b": a.b_name, **({"as_of": a.as_of.isoformat()} if a.as_of else {})})}'
    body = body.replace('<ol id="evidence">', filters + '<ol id="evidence">', 1)
    return page(f"{a.a_name} \u2013 {a.b_name}", body + f'<p><a href="{escape(raw)}">this assessment as JSON</a></p>',
                ("app.js",))


def document(doc: dict[str, Any], start: int | None = None, end: int | None = None) -> str:
    """The text with actor mentions marked and each event or statement sentence anchored
    (``#s<char_start>``); the sentence a link points to is highlighted by CSS ``:target``."""
    text = doc["text"] or ""
    sentences = sorted({(r["char_start"], r["char_end"]) for r in (*doc["events"], *doc["claims"])
                        if r.get("char_start") is not None and r.get("char_end")})
    spans, last = [], -1
    for s, e in sentences:  # non-overlapping, first wins
        if s >= last:
            spans.append((s, e))
            last = e
    mentions = [(m["char_start"], m["char_end"], m["actor_id"]) for m in doc["mentions"]]
    out, pos = [], 0
    for s, e in spans:
        out.append(_marked(text, pos, s, mentions))
        out.append(f'<span class="ev" id="s{s}">{_marked(text, s, e, mentions)}</span>')
        pos = e
    out.append(_marked(text, pos, len(text), mentions))
    events = "".join(
        f'<li><a href="#s{r["char_start"]}">{escape(r["source_name"] or "")} \u2192 {escape(r["target_name"] or "")}: '
        f'{escape(r["trigger"] or "")}</a> <small>{escape(r["event_code"] or "")} {escape(str(r["event_date"] or ""))}</small></li>'
        for r in doc["events"])
    meta = " \u00b7 ".join(escape(str(doc[k])) for k in ("publisher", "author", "published") if doc.get(k))
    body = (
        f'<h1>{escape(doc["title"] or doc["doc_id"])}</h1><p><small>{meta} \u00b7 {escape(doc["doc_id"])}</small></p>'
        f'<div class="doc-layout"><article id="doc-text">{"".join(out)}</article>'
        f'<aside><h2>Events</h2><ol>{events}</ol></aside></div>'
    )
    return page(doc["title"] or doc["doc_id"], body, ("app.js",))


def _marked(text: str, start: int, end: int, mentions: list[tuple[int, int, str]]) -> str:
    out, pos = [], start
    for s, e, actor in mentions:
        if s < pos or e > end or s >= end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<mark class="actor" title="{escape(actor)}">{escape(text[s:e])}</mark>')
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out).replace("\n\n", "<br><br>")


def network() -> str:
    body = (
        "<h1>Network</h1><p>Signed, dated relations: green cooperative, red hostile, edge width by evidence. "
        'Move the slider to see the relations as of the end of a year.</p>'
        '<p><label>As of <input id="year" type="range" min="1900" max="2100" step="1"> <output id="year-label"></output>'
        '</label> <span id="edge-count"></span></p><div id="graph"></div>'
    )
    return page("Network", body, ("vendor/cytoscape.min.js", "network.js"))


def upload(result: dict[str, Any] | None = None, csrf: str = "") -> str:
    """The upload form (with its CSRF token, which the server checks) and the last upload's report."""
    report = ""
    if result is not None:
        errors = "".join(f"<li>{escape(e)}</li>" for e in result["errors"])
        report = (f'<div id="upload-result"><p>{result["added"]} added, {result["unchanged"]} already stored, '
                  f'{result["failed"]} failed.</p><ul class="errors">{errors}</ul></div>')
    body = (
        "<h1>Add documents</h1><p>Text, Markdown, HTML, JSON Lines, CSV or JSON, up to 10 MB each: the same rules and "
        "errors as <code>frenemy ingest</code>.</p>"
        '<form id="upload-form" action="/upload" method="post" enctype="multipart/form-data">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<input id="upload-files" type="file" name="files" multiple required> <button type="submit">Upload</button></form>'
        + report
    )
    return page("Upload", body)


def error(status: int, message: str) -> str:
    return page("Error", f'<h1>{status}</h1><p id="error">{escape(message)}</p><p><a href="/">Back to the start</a></p>')


def api_docs(schema: dict[str, Any]) -> str:
    """The OpenAPI schema as a page (offline: no Swagger UI from a CDN)."""
    rows = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = ", ".join(
                f'{escape(p["name"])}{"" if p.get("required") else "?"}' for p in op.get("parameters", []))
            rows.append(f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}</code></td>"
                        f"<td>{escape(params)}</td><td>{escape(op.get('summary', ''))}</td></tr>")
    body = (f"<h1>HTTP API</h1><p>{escape(schema.get('info', {}).get('description', ''))} The machine-readable schema "
            'is at <a href="/openapi.json">/openapi.json</a>. List endpoints page with <code>limit</code> and the '
            "<code>next</code> cursor, and have <code>.csv</code> and <code>.jsonl</code> variants; errors are JSON "
            "<code>{\"error\": ...}</code>.</p><table><tr><th>method</th><th>path</th><th>parameters</th><th>what</th></tr>"
            + "".join(rows) + "</table>")
    return page("API", body)


__all__ = ["api_docs", "document", "dyad", "error", "home", "network", "page", "upload"]
