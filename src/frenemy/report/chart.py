"""The timeline as a self-contained SVG: one bar per period (score, up for cooperation, down for
conflict), its 90% interval as a whisker, and the counts of cooperative / conflictual evidence
underneath. Each bar carries a ``<title>`` (the hover text) with its evidence. No scripts, no
external resources: the SVG embeds in the HTML report and opens alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from frenemy.assess.timeline import Period

COLOURS = {"allied": "#1a7f37", "cooperative": "#4cae4f", "mixed": "#9e9e9e", "transactional": "#d4a017",
           "adversarial": "#e06c5a", "hostile": "#b3261e"}


def timeline_svg(periods: Sequence[Period], title: str = "", width: int = 900, height: int = 300) -> str:
    """An SVG document (as text) drawing the periods' scores."""
    left, right, top, bottom = 48, 16, 28, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    mid = top + plot_h / 2
    n = max(len(periods), 1)
    step = plot_w / n
    bar = max(min(step * 0.7, 40), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title or "timeline")}" font-family="sans-serif" font-size="11">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{left}" y1="{mid}" x2="{width - right}" y2="{mid}" stroke="#555"/>',
    ]
    for value, text in ((1, "+1 allied"), (0.5, ""), (-0.5, ""), (-1, "-1 hostile")):
        y = mid - value * plot_h / 2
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#ddd" stroke-dasharray="3,3"/>')
        if text:
            parts.append(f'<text x="4" y="{y + 4}" fill="#555">{escape(text.split()[0])}</text>')
    every = max(1, round(n / 24))
    for i, p in enumerate(periods):
        x = left + i * step + (step - bar) / 2
        y_score = mid - p.score * plot_h / 2
        y0, h = (y_score, mid - y_score) if p.score >= 0 else (mid, y_score - mid)
        hover = (f"{p.period}: {p.label} {p.score:+.2f} (90% {p.low:+.2f}..{p.high:+.2f}); "
                 f"{p.n_cooperative} cooperative, {p.n_conflictual} conflictual, {p.n_transactional} transactional"
                 + (f"; {', '.join(p.highlights)}" if p.highlights else "") + ("; contested" if p.contested else ""))
        parts.append(
            f'<g class="period" data-period="{escape(p.period)}"><title>{escape(hover)}</title>'
            f'<rect x="{x:.1f}" y="{y0:.1f}" width="{bar:.1f}" height="{max(h, 1):.1f}" '
            f'fill="{COLOURS.get(p.label, "#9e9e9e")}"'
            + (' stroke="#000" stroke-dasharray="2,2"' if p.contested else "") + "/>"
            f'<line x1="{x + bar / 2:.1f}" y1="{mid - p.high * plot_h / 2:.1f}" x2="{x + bar / 2:.1f}" '
            f'y2="{mid - p.low * plot_h / 2:.1f}" stroke="#333"/></g>'
        )
        if i % every == 0:
            base = top + plot_h + 14
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{base}" text-anchor="middle">{escape(p.period)}</text>')
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{base + 14}" text-anchor="middle" fill="#2e7d32">'
                         f'+{p.n_cooperative}</text>')
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{base + 27}" text-anchor="middle" fill="#c62828">'
                         f'\u2212{p.n_conflictual}</text>')
    if not periods:
        parts.append(f'<text x="{width / 2}" y="{mid - 8}" text-anchor="middle">no dated evidence</text>')
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["timeline_svg"]
