"""A dyad assessment as a report: JSON (the contract), Markdown, terminal text, and one
self-contained HTML file.

The HTML report embeds its chart as inline SVG, loads nothing from anywhere, and forbids scripts
with a Content-Security-Policy; every piece of document text goes through ``html.escape``, so an
article that contains ``<script>`` or ``<img onerror=...>`` shows it as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from frenemy.assess.dyad import DyadAssessment
from frenemy.report.chart import COLOURS, timeline_svg
from frenemy.report.listing import json_default

FORMATS = ("text", "md", "json", "html")
SIGNS = {1: "+", -1: "\u2212", 0: "0"}
EVIDENCE_ROWS = 200


def _predicted_sign(sign: int | None) -> str:
    """The mark of a sign balance predicts; "?" when it predicts none."""
    return "?" if sign is None else SIGNS.get(sign, "?")


def render(assessment: DyadAssessment, fmt: str) -> str:
    if fmt == "json":
        return to_json(assessment)
    if fmt == "md":
        return to_markdown(assessment)
    if fmt == "html":
        return to_html(assessment)
    return to_markdown(assessment, compact=True)  # "text": rendered through rich in the CLI


def to_json(assessment: DyadAssessment) -> str:
    return json.dumps(assessment.to_dict(), default=json_default, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any, limit: int = 160) -> str:
    text = " ".join(str("" if value is None else value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text.replace("|", "\\|")


def _signed(value: float | None) -> str:
    """A score as printed: signed, two decimals; "none" where there is no evidence to score."""
    return "none" if value is None else f"{value:+.2f}"


def _interval(v) -> str:
    return "none" if v.low is None else f"{v.low:+.2f} to {v.high:+.2f}"


def _title(a: DyadAssessment) -> str:
    return f"{a.a_name} \u2013 {a.b_name}: {a.verdict.label}"


def to_markdown(a: DyadAssessment, compact: bool = False) -> str:
    """Markdown; ``compact`` lists the evidence one line per item (for the terminal)."""
    v = a.verdict
    lines = [f"# {_cell(_title(a))}", "", f"**Verdict.** {_cell(v.statement, 2000)}", "",
             "| score | 90% interval | likelihood | confidence | reports | sources | documents |",
             "|---|---|---|---|---|---|---|",
             f"| {_signed(v.score)} | {_interval(v)} | {v.likelihood}{f' ({v.likelihood_range})' if v.likelihood_range else ''} | {v.confidence} "
             f"| {a.stats['groups']} | {a.stats['origins']} | {a.stats['documents']} |", ""]
    if a.as_of:
        lines += [f"As known on {a.as_of.isoformat()}.", ""]
    lines += [f"## Timeline (by {a.unit})", "",
              "| period | score | label | cooperative | conflictual | transactional | main evidence |",
              "|---|---|---|---|---|---|---|"]
    for p in a.periods:
        label = p.label + (" (contested)" if p.contested else "")
        lines.append(f"| {p.period} | {p.score:+.2f} | {label} | {p.n_cooperative} | {p.n_conflictual} | "
                     f"{p.n_transactional} | {_cell(', '.join(p.highlights))} |")
    if a.turning_points:
        lines += ["", "Turning points:", ""] + [f"- {_cell(t.description)}" for t in a.turning_points]
    comp = a.competition
    lines += ["", "## Competing hypotheses", "",
              "Ranked by credibility-weighted inconsistency (Heuer): the least inconsistent evidence first.", "",
              "| rank | hypothesis | inconsistency | consistency | items against |", "|---|---|---|---|---|"]
    for h in comp.hypotheses:
        lines.append(f"| {h.rank} | **{h.name}**: {_cell(h.description)} | {h.inconsistency:.2f} | "
                     f"{h.consistency:.2f} | {h.n_inconsistent} |")
    names = [h.name for h in comp.hypotheses]
    lines += ["", "Most diagnostic evidence:", "", "| evidence | class | weight | " + " | ".join(names) + " |",
              "|---|---|---|" + "---|" * len(names)]
    for row in comp.matrix[:12]:
        lead = a.groups[row.group].lead
        lines.append(f"| {_cell(_describe(lead), 90)} | {row.evidence_class} | {row.weight:.2f} | "
                     + " | ".join(row.ratings[n] for n in names) + " |")
    if comp.sensitivity:
        lines += ["", "Sensitivity:", ""]
        lines += [f"- {_cell(_describe(a.groups[s.group].lead), 120)}: {s.explanation}" for s in comp.sensitivity]
    else:
        lines += ["", "Sensitivity: no single item, if wrong, changes which hypothesis leads."]
    lines += ["", "## Contradictions", ""]
    if a.contradictions:
        lines += ["| kind | one source says | another says |", "|---|---|---|"]
        for c in a.contradictions:
            lines.append(f"| {c.kind}{' (same document)' if c.same_document else ''} | {_cell(_quote(c.a), 300)} | "
                         f"{_cell(_quote(c.b), 300)} |")
    else:
        lines.append("None found between different sources.")
    lines += ["", "## The enemy of my enemy", ""]
    if a.balance:
        lines += ["| third party | " + f"{_cell(a.a_name)} \u2194 C | {_cell(a.b_name)} \u2194 C | strong balance predicts |"
                  " weak balance allows | observed | balanced (strong / weak) |", "|---|---|---|---|---|---|---|"]
        for t in a.balance:
            lines.append(
                f"| {_cell(t.third_party)} | {SIGNS[t.sign_a]} ({t.score_a:+.2f}) | {SIGNS[t.sign_b]} ({t.score_b:+.2f}) "
                f"| {_predicted_sign(t.predicted)} | {' or '.join(SIGNS[s] for s in t.allowed_weak) or '?'} "
                f"| {SIGNS[t.observed]} | {_yes(t.balanced_strong)} / {_yes(t.balanced_weak)} |")
    else:
        lines.append("No third party has evidence with both actors.")
    lines += ["", f"## Evidence ({a.stats['counted']} counted, {a.stats['set_aside']} set aside)", ""]
    if not compact:
        lines += ["| # | date | who \u2192 whom | what | sign | said by (grade) | credibility | commitment | weight | document |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
    for n, e in enumerate(a.evidence[:EVIDENCE_ROWS], 1):
        when = e.date.isoformat() if e.date else ""
        if e.date_end and e.date and e.date_end != e.date:
            when += f"..{e.date_end.isoformat()}"
        aside = f" ({_cell(e.set_aside)})" if e.set_aside else ""
        if compact:  # the terminal: one line per item, no ten-column table
            lines.append(
                f"{n}. {when} **{_cell(e.source_name)} \u2192 {_cell(e.target_name)}**: {_cell(e.what, 60)} "
                f"({SIGNS[e.polarity]}), said by {_cell(e.attributed_to or e.publisher)} ({e.source_reliability or '?'}), "
                f"credibility {e.credibility or '?'}, {e.commitment or '?'}, weight {e.weight:.2f}{aside} "
                f"\u2014 *{_cell(e.title or e.doc_id, 60)}*")
            continue
        lines.append(
            f"| {n} | {when} | {_cell(e.source_name)} \u2192 {_cell(e.target_name)} | {_cell(e.what, 60)} "
            f"| {SIGNS[e.polarity]} | {_cell(e.attributed_to or e.publisher)} ({e.source_reliability or '?'}) "
            f"| {e.credibility or ''} | {e.commitment or ''} | {e.weight:.2f}{aside} "
            f"| {_cell(e.title or e.doc_id, 60)} |")
    if len(a.evidence) > EVIDENCE_ROWS:
        lines.append(f"\n{len(a.evidence) - EVIDENCE_ROWS} more in the JSON report.")
    return "\n".join(lines) + "\n"


def _yes(value: bool | None) -> str:
    return "?" if value is None else "yes" if value else "no"


def _describe(e) -> str:
    when = e.date.isoformat()[:7] if e.date else "undated"
    return f"{e.source_name} {e.what} {e.target_name} ({when}; {e.attributed_to or 'the document'})"


def _quote(e) -> str:
    return (f"{e.attributed_to or e.publisher or 'the document'} ({e.source_reliability or '?'}): "
            f"\u201c{e.what}\u201d \u2014 {e.sentence}")


# -- HTML -------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em} .verdict{font-size:1.1em;background:#f6f6f6;border-left:6px solid var(--c);padding:.8em 1em}
table{border-collapse:collapse;margin:.6em 0;width:100%} td,th{border:1px solid #ddd;padding:.3em .5em;
vertical-align:top;text-align:left;font-size:.92em} th{background:#fafafa} .num{text-align:right}
.CC{background:#c8e6c9}.C{background:#e8f5e9}.N{background:#fff}.I{background:#ffebee}.II{background:#ffcdd2}
.sent{color:#444;font-style:italic} .aside{color:#888} .pair td{width:50%} small{color:#666}
"""


def to_html(a: DyadAssessment) -> str:
    """One self-contained HTML file: no scripts (forbidden by its CSP), nothing loaded from anywhere."""
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<title>{escape(_title(a))}</title><style>{_CSS}</style></head><body>",
        html_body(a),
        "</body></html>",
    ]) + "\n"


def html_body(a: DyadAssessment, doc_link: Callable[[Any], str] | None = None) -> str:
    """The report's HTML without the page around it (the web workbench wraps it). ``doc_link``
    gives an evidence item's link to its document; each item carries ``data-*`` attributes for
    filtering by date, source, grade and commitment."""
    v = a.verdict
    colour = COLOURS.get(v.label, "#9e9e9e")
    out = [
        f"<h1>{escape(a.a_name)} \u2013 {escape(a.b_name)}</h1>",
        f'<p class="verdict" style="--c:{colour}" id="verdict"><strong>{escape(v.label)}</strong>: '
        f"{escape(v.statement)}</p>",
        f"<p><small>score {_signed(v.score)} (90% interval {_interval(v)}); {escape(v.likelihood)} "
        f"({escape(v.likelihood_range or '-')}); {escape(v.confidence)} confidence; {a.stats['groups']} independent reports, "
        f"{a.stats['origins']} sources, {a.stats['documents']} documents"
        + (f"; as known on {a.as_of.isoformat()}" if a.as_of else "") + "</small></p>",
        f"<h2>Timeline (by {escape(a.unit)})</h2>", timeline_svg(a.periods, _title(a)),
    ]
    if a.turning_points:
        out.append("<ul>" + "".join(f"<li>{escape(t.description)}</li>" for t in a.turning_points) + "</ul>")
    out.append(_html_table(["period", "score", "label", "cooperative", "conflictual", "transactional", "main evidence"], [
        [p.period, f"{p.score:+.2f}", p.label + (" (contested)" if p.contested else ""), p.n_cooperative,
         p.n_conflictual, p.n_transactional, ", ".join(p.highlights)] for p in a.periods]))
    comp = a.competition
    names = [h.name for h in comp.hypotheses]
    out += ["<h2>Competing hypotheses</h2>",
            "<p>Ranked by credibility-weighted inconsistency (Heuer): the least inconsistent evidence first.</p>",
            _html_table(["rank", "hypothesis", "inconsistency", "consistency", "items against"], [
                [h.rank, f"{h.name}: {h.description}", f"{h.inconsistency:.2f}", f"{h.consistency:.2f}",
                 h.n_inconsistent] for h in comp.hypotheses])]
    rows = []
    for row in comp.matrix:
        cells = "".join(f'<td class="{escape(row.ratings[n])}">{escape(row.ratings[n])}</td>' for n in names)
        rows.append(f"<tr><td>{escape(_describe(a.groups[row.group].lead))}</td><td>{escape(row.evidence_class)}</td>"
                    f"<td class=\"num\">{row.weight:.2f}</td><td class=\"num\">{row.diagnosticity}</td>{cells}</tr>")
    out.append("<table id=\"ach\"><tr><th>evidence</th><th>class</th><th>weight</th><th>diagnosticity</th>"
               + "".join(f"<th>{escape(n)}</th>" for n in names) + "</tr>" + "".join(rows) + "</table>")
    if comp.sensitivity:
        out.append("<p>Sensitivity:</p><ul>" + "".join(
            f"<li>{escape(_describe(a.groups[s.group].lead))}: {escape(s.explanation)}</li>" for s in comp.sensitivity)
            + "</ul>")
    else:
        out.append("<p>Sensitivity: no single item, if wrong, changes which hypothesis leads.</p>")
    out.append("<h2>Contradictions</h2>")
    if a.contradictions:
        out.append('<table class="pair" id="contradictions"><tr><th>one source says</th><th>another says</th></tr>'
                   + "".join(f"<tr><td>{_html_quote(c.a)}</td><td>{_html_quote(c.b)}<br><small>{escape(c.kind)}"
                             f"{' (same document)' if c.same_document else ''}</small></td></tr>"
                             for c in a.contradictions) + "</table>")
    else:
        out.append("<p>None found between different sources.</p>")
    out.append("<h2>The enemy of my enemy</h2>")
    out.append(_html_table(
        ["third party", f"{a.a_name} \u2194 C", f"{a.b_name} \u2194 C", "strong balance predicts", "weak balance allows",
         "observed", "balanced (strong / weak)"],
        [[t.third_party, f"{SIGNS[t.sign_a]} ({t.score_a:+.2f})", f"{SIGNS[t.sign_b]} ({t.score_b:+.2f})",
          _predicted_sign(t.predicted), " or ".join(SIGNS[s] for s in t.allowed_weak) or "?", SIGNS[t.observed],
          f"{_yes(t.balanced_strong)} / {_yes(t.balanced_weak)}"] for t in a.balance],
        empty="No third party has evidence with both actors.", table_id="balance"))
    out.append(f"<h2>Evidence ({a.stats['counted']} counted, {a.stats['set_aside']} set aside)</h2><ol id=\"evidence\">")
    for e in a.evidence:
        when = e.date.isoformat() if e.date else "undated"
        if e.date_end and e.date and e.date_end != e.date:
            when += f"..{e.date_end.isoformat()}"
        aside = f' <span class="aside">set aside: {escape(e.set_aside)}</span>' if e.set_aside else ""
        link = f' <a class="open" href="{escape(doc_link(e))}">open document</a>' if doc_link else ""
        data = (f' data-date="{escape(e.date.isoformat() if e.date else "")}" data-source="{escape(e.attributed_to or "")}"'
                f' data-grade="{escape((e.source_reliability or "?")[:1])}" data-commitment="{escape(e.commitment or "")}"')
        out.append(
            f'<li id="{escape(e.id)}"{data}><strong>{escape(e.source_name)} \u2192 {escape(e.target_name)}</strong>: '
            f"{escape(e.what)} <small>({escape(when)}; sign {SIGNS[e.polarity]}; "
            f"{escape(e.code or e.evidence_class)}; weight {e.weight:.2f})</small>{aside}<br>"
            f'<span class="sent">{escape(e.sentence)}</span><br><small>said by {escape(e.attributed_to or "the document")} '
            f"(reliability {escape(e.source_reliability or '?')}, credibility {e.credibility or '?'}, "
            f"commitment {escape(e.commitment or '?')}); {escape(e.title or '')} \u2014 "
            f"{escape(e.publisher or '')} [{escape(e.doc_id)}, characters {e.char_start}\u2013{e.char_end}]</small>{link}</li>")
    out += ["</ol>", "<p><small>frenemy assessment; every figure above is computed from the evidence listed here."
            "</small></p>"]
    return "\n".join(out)


def _html_quote(e) -> str:
    return (f"<strong>{escape(e.attributed_to or e.publisher or 'the document')}</strong> "
            f"(reliability {escape(e.source_reliability or '?')}, credibility {e.credibility or '?'}): "
            f"\u201c{escape(e.what)}\u201d<br><span class=\"sent\">{escape(e.sentence)}</span>"
            f"<br><small>{escape(e.title or e.doc_id)}</small>")


def _html_table(header: list[str], rows: list[list[Any]], empty: str = "", table_id: str = "") -> str:
    if not rows and empty:
        return f"<p>{escape(empty)}</p>"
    ident = f' id="{escape(table_id)}"' if table_id else ""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table{ident}><tr>{head}</tr>{body}</table>"


__all__ = ["FORMATS", "html_body", "render", "to_html", "to_json", "to_markdown"]
