"""Readers for plain text, Markdown and HTML files (one article per file)."""

from __future__ import annotations

import re
from typing import Any

from .build import Found
from .dates import parse_date
from .metadata import read_header, strip_marker
from .units import markdown_to_text, split_units

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_plain(text: str, *, markdown: bool = False) -> Found:
    """Metadata and paragraphs of a saved plain-text (or Markdown) article."""
    images: list[str] = []
    if markdown:
        text, images = markdown_to_text(text)
    rest, marker_date = strip_marker(text.lstrip("\n"))
    marker_text = marker_date is not None and bool(rest.split("\n", 1)[0].strip())
    header, units = read_header(split_units(rest), marker_text)
    return Found(
        title=header.title,
        author=header.author,
        date=marker_date or header.date,
        url=header.url,
        site=header.site,
        units=units,
        captions=images,
    )


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if any (lower case)."""
    m = _CHARSET_RE.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _doc_text(doc: Any) -> str:
    body = getattr(doc, "body", None)
    if body is not None:
        try:
            from trafilatura.xml import xmltotxt

            return str(xmltotxt(body, include_formatting=False) or "")
        except Exception:  # pragma: no cover - depends on trafilatura internals
            pass
    return str(getattr(doc, "text", "") or "")


def _figure_captions(tree: Any) -> list[str]:
    # trafilatura drops <figcaption>; captions are kept, apart from the body.
    captions: list[str] = []
    for node in tree.iter("figcaption"):
        text = " ".join(node.text_content().split())
        if text and text not in captions:
            captions.append(text)
    return captions


def read_html(text: str) -> Found | str:
    """Main text and metadata of an HTML page via trafilatura, or the reason it failed."""
    import lxml.html
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    try:
        tree = lxml.html.fromstring(text)
        captions = _figure_captions(tree)
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # lxml and trafilatura raise assorted errors on broken markup
        return f"HTML could not be parsed: {exc.__class__.__name__}"
    if doc is None:
        return "no article text found in the HTML page"
    body = _doc_text(doc)
    date = parse_date(getattr(doc, "date", None))
    return Found(
        title=getattr(doc, "title", None),
        author=getattr(doc, "author", None),
        date=date,
        url=getattr(doc, "url", None),
        site=getattr(doc, "sitename", None),
        units=split_units(body),
        captions=captions,
        # <html lang> is left out on purpose: templates often declare one language for
        # pages in several, so detection on the text is more reliable.
    )
