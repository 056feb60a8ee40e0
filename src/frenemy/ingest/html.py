"""HTML -> main text and metadata, tolerant of truncated and malformed pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

_MIN_MAIN_TEXT = 40


@dataclass
class Page:
    text: str
    fields: dict[str, str] = field(default_factory=dict)


def extract_html(raw: str) -> Page:
    """Main text by trafilatura (falling back to all visible text when the page is too broken
    or too short for it), title/author/site by trafilatura, publication date by htmldate."""
    import trafilatura
    from htmldate import find_date

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    fields: dict[str, str] = {}
    text = ""
    try:
        result = trafilatura.bare_extraction(raw, with_metadata=True, favor_recall=True, include_comments=False)
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        result = None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text") or ""
        for key, name in (("title", "title"), ("author", "author"), ("sitename", "publisher"), ("url", "url")):
            if data.get(key):
                fields[name] = str(data[key])
    if len(text.strip()) < _MIN_MAIN_TEXT:
        text = _visible_text(raw) or text
        fields.setdefault("title", _html_title(raw) or "")
    try:
        found = find_date(raw, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:
        found = None
    if found:
        fields["date"] = found
    return Page(text.strip(), {k: v for k, v in fields.items() if v})


def _parse(raw: str):
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(raw)
    except Exception:
        return None


def _visible_text(raw: str) -> str:
    """All text outside scripts and styles, one block per paragraph-like element."""
    tree = _parse(raw)
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
        bad.getparent().remove(bad)
    block_tags = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "div", "section", "article"}
    blocks = []
    for element in tree.iter(*block_tags):
        if any(child.tag in block_tags for child in element.iterdescendants()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    if not blocks and tree.find("body") is not None:
        blocks = [" ".join(tree.find("body").text_content().split())]
    return "\n\n".join(blocks)


def _html_title(raw: str) -> str | None:
    tree = _parse(raw)
    if tree is None:
        return None
    titles = tree.xpath("//title/text()|//h1//text()")
    return " ".join(titles[0].split()) if titles else None
