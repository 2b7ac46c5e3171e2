"""Metadata that saved plain-text articles carry in their first lines.

A leading " date YYYY-MM-DD" marker, a title line, bylines and author lines, "Published:"
lines, bare date lines, hashtag lines, a site or URL line. Lines used as metadata are taken
out of the text so the body starts with the article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .boilerplate import is_caption, is_chrome, word_count
from .dates import DateValue, date_line, find_date, make_date

HEADER_UNITS = 14  # metadata lives in the first lines; later lines are article text

_MARKER_RE = re.compile(
    r"^[ \t]*date[ \t]*:?[ \t]+(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=\s|$)[ \t]*", re.I
)
_DATE_LABELS = re.compile(
    r"(?i)(?<!\w)(?:first published|published(?: on| at)?|posted(?: on| at)?|updated(?: on| at)?"
    r"|last updated?(?: on| at)?|modified|date|publié(?: le)?|mis à jour(?: le)?|modifié(?: le)?"
    r"|le|on|at|à|h|gmt|utc|تاريخ النشر|نشر في|نُشر في|آخر تحديث|بتاريخ|في)(?!\w)"
)
_UPDATED_RE = re.compile(r"(?i)^\s*(?:last )?(?:updated?|modified|mis à jour|آخر تحديث)")
_LABEL_ONLY_RE = re.compile(
    r"(?i)^(?:(?:published|posted|updated|last updated?|publié(?: le)?|mis à jour(?: le)?"
    r"|تاريخ النشر|آخر تحديث)\s*:?\s*)+$"
)
_BYLINE_START = re.compile(
    r"^(?:by|par|written by|écrit par|reported by|story by|text by|texte de)\s*:?\s+(?P<rest>.+)$",
    re.I,
)
_BYLINE_SPLIT = re.compile(r"\s*(?:[|•·/]|\s[-–—]\s)\s*")
_CONNECTOR_WORDS = "of the and & de du des la le el al bin ben van von der da di et avec with staff"
_NAME_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())
_NAME_TAIL = re.compile(r"(?i)[\s,]*(?:on|le|published|posted|updated|publié)?[\s,:]*$")
_PUBLISHED_START = re.compile(
    r"(?i)^(?:first published|published|posted|publié|updated|last updated?|mis à jour)\b"
)
_BY_IN_LINE = re.compile(r"(?:^|\s)(?:by|par)\s+(?P<name>[^|•·\-–—]+)$", re.I)
# Words typical of outlet names, to recognise a masthead line above the headline.
_MASTHEAD_WORDS = (
    "News Times Post Herald Journal Gazette Tribune Press Daily Monitor Chronicle Observer"
    " Express Telegraph Guardian Review Magazine Media Network TV Radio Agency Eye Online"
    " Info Hebdo Matin Monde Figaro Libération Nouvelles Actualités Presse Weekly Insider"
)
_OUTLET_WORDS = frozenset(_MASTHEAD_WORDS.split())
_AR_BYLINE_RE = re.compile(r"^(?:بقلم|كتب(?:ه|ت)?|إعداد)\s*:?\s+(?P<name>[^\d,|،\-–]{3,60})$")
_AUTHOR_LABEL_RE = re.compile(
    r"(?i)^(?:author|authors|auteur|auteurs|الكاتب|المؤلف)\s*:\s*(?P<name>.{3,80})$"
)
_BARE_NAME_RE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:\s+(?:(?:de|du|van|von|el|al|bin|ben|da|di|le|la)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+){1,3}$"
)
_URL_LINE_RE = re.compile(
    r"(?i)^(?:(?:source|url|link|lien|original(?:ly published)?(?: at| on)?|via|المصدر|الرابط)"
    r"\s*:?\s*)?(?P<url>https?://\S+)\s*$"
)
_DOMAIN_RE = re.compile(r"(?i)^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,12}$")
_COPYRIGHT_RE = re.compile(
    r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<site>[^.,|©]{2,60}?)\s*(?:[.,|]|all rights|tous droits|$)"
)
_FUNCTION_WORDS = (
    "the a an of in on to for and or with by from at as is are was his her its their "
    "after over under into says said le la les de des du et en au aux un une pour sur par "
    "dans "
)
_TAG_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())


@dataclass
class Header:
    """What the first lines said about the article."""

    title: str | None = None
    author: str | None = None
    date: DateValue | None = None
    url: str | None = None
    site: str | None = None
    marker: bool = False  # the file started with a " date ..." marker followed by text


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's domain from a URL (www.jpost.com -> jpost.com), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    for prefix in ("www.", "www2.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


def strip_marker(text: str) -> tuple[str, DateValue | None]:
    """Remove a leading " date YYYY[-MM[-DD]]" marker; the text after it is article text."""
    m = _MARKER_RE.match(text)
    if not m:
        return text, None
    year, month, day = m.groups()
    value = make_date(int(year), int(month) if month else None, int(day) if day else None)
    if value is None:
        return text, None
    return text[m.end() :], value


def _is_tag_list(text: str) -> bool:
    # "business Defence Economy featured Global News ...": category links with no grammar.
    words = text.split()
    if len(words) < 7 or re.search(r"[.,;:!?\"“”()]", text):
        return False
    return not any(w.lower() in _TAG_FUNCTION_WORDS for w in words)


def _is_short_label(text: str) -> bool:
    # One or two words with no sentence punctuation before the article starts: a section
    # name, a site name or a widget ("World", "Top Stories", "zeenews").
    return word_count(text) <= 2 and not re.search(r"[.!?:;]$", text)


# A wire dateline opening the text: "RABAT, Morocco (AP) — ", "(MENAFN- UkrinForm) ",
# "RABAT — ". Not news, so not title material (the body keeps it).
DATELINE = re.compile(
    r"^(?:\([A-Z][^()\n]{0,29}\)\s*[—–-]*\s*"  # (MENAFN- UkrinForm) / (Reuters) -
    r"|(?:[A-Z][\w'’.-]*(?:[ ,]+[A-Z][\w'’.-]*){0,4}\s*)\([A-Z][^()\n]{0,29}\)"
    r"\s*(?:[—–-]+\s*(?=[A-Z\"“])|$)"  # RABAT, Morocco (AP) — / Abu Dhabi (WAM)<line end>
    r"|[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,2}(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)"
    r"{0,2})?\s*[—–]\s*(?=[A-Z\"“]))"  # RABAT — The
)


def _title_candidate(text: str) -> bool:
    words = word_count(text)
    if not 3 <= words <= 30 or len(text) > 250 or not DATELINE.sub("", text, count=1):
        return False
    return not text.endswith((".", ";", ",")) or text.endswith("...")


def valid_name(name: str) -> bool:
    """Whether `name` reads like a person's or desk's name (Latin script, capitalised)."""
    words = name.replace(",", " ").split()
    if not 1 <= len(words) <= 8 or len(name) > 80 or re.search(r"\d", name):
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words)


def _byline(text: str) -> tuple[str | None, DateValue | None] | None:
    m = _BYLINE_START.match(text)
    if m and word_count(text) <= 16 and not re.search(r"[a-z]{2}[.!?]$", text):
        rest = m.group("rest")
        name = _BYLINE_SPLIT.split(rest, maxsplit=1)[0]
        found = find_date(rest)
        if found and found[1] < len(name):  # "By X on March 3, 2021" / "By X, March 3"
            name = _NAME_TAIL.sub("", name[: found[1]])
        name = name.strip(" ,;:")
        if not valid_name(name):
            return None
        return name, found[0] if found else None
    m = _AR_BYLINE_RE.match(text) or _AUTHOR_LABEL_RE.match(text)
    if m:
        return m.group("name").strip(), None
    return None


def _published_line(text: str) -> tuple[DateValue, str | None, bool] | None:
    # "Published on March 3, 2021 by Jane Roe": a date line that also names the author.
    if not _PUBLISHED_START.match(text) or word_count(text) > 20:
        return None
    found = find_date(text)
    if found is None:
        return None
    by = _BY_IN_LINE.search(text[found[2] :])
    author = by.group("name").strip(" ,;:") if by else None
    return (
        found[0],
        author if author and valid_name(author) else None,
        bool(_UPDATED_RE.match(text)),
    )


def _looks_like_outlet(text: str) -> bool:
    # A masthead line: a few capitalised words, one of them typical of outlet names.
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"[.!?:;,]$", text):
        return False
    if not all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words):
        return False
    return any(w.strip("'’-") in _OUTLET_WORDS for w in words)


def _site_from_copyright(text: str) -> str | None:
    m = _COPYRIGHT_RE.match(text)
    if not m:
        return None
    site = m.group("site").strip(" -–")
    return site if site and not site.isdigit() and word_count(site) <= 6 else None


def read_header(units: list[str], marker: bool) -> tuple[Header, list[str]]:
    """Take metadata out of the first units; return it and the units that remain."""
    header = Header(marker=marker)
    dates: list[tuple[int, DateValue]] = []  # (priority, value): published before updated
    keep: list[str] = []
    body_started = marker  # text on the marker line is already the article
    title_index: int | None = None
    for i, unit in enumerate(units):
        text = unit.strip()
        if i >= HEADER_UNITS:
            keep.append(unit)
            continue
        m = _URL_LINE_RE.match(text)
        if m:
            header.url = header.url or m.group("url").rstrip(".,;")
            continue
        if _DOMAIN_RE.match(text):
            header.site = header.site or text.lower().removeprefix("www.")
            continue
        if _LABEL_ONLY_RE.match(text):
            continue
        value = date_line(text, _DATE_LABELS)
        if value is not None:
            dates.append((2 if _UPDATED_RE.match(text) else 1, value))
            continue
        published = _published_line(text)
        if published is not None:
            dates.append((2 if published[2] else 1, published[0]))
            header.author = header.author or published[1]
            continue
        by = _byline(text)
        if by is not None:
            header.author = header.author or by[0]
            if by[1]:
                dates.append((1, by[1]))
            continue
        if is_chrome(text) or _is_tag_list(text):
            continue
        if (
            not body_started
            and header.title is not None
            and header.author is None
            and title_index is not None
            and i - title_index <= 3
            and _BARE_NAME_RE.match(text)
        ):
            header.author = text  # a bare name right under the headline is the byline
            continue
        if not body_started and header.title is None and _looks_like_outlet(text):
            header.site = header.site or text
            continue
        if _is_short_label(text):
            continue
        if (
            not body_started
            and header.title is None
            and not is_caption(text)
            and _title_candidate(text)
        ):
            header.title = text
            title_index = i
            continue
        body_started = True
        keep.append(unit)
    if dates:
        header.date = min(dates, key=lambda d: d[0])[1]
    for unit in reversed(units[-3:]):  # a source link or copyright line at the very end
        text = unit.strip()
        m = _URL_LINE_RE.match(text)
        if m and header.url is None:
            header.url = m.group("url").rstrip(".,;")
            if unit in keep:
                keep.remove(unit)
        site = _site_from_copyright(text)
        if site and header.site is None:
            header.site = site
    return header, keep
