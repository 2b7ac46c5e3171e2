"""Domain cleanup around the statistical spans: titles and roles, junk, boilerplate lines,
and equipment designations the model does not know as a class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .gazetteer import Span, lexicon
from .normalize import WORD_RE, fold

# ---------------------------------------------------------------- boilerplate lines

_CREDIT = re.compile(
    r"(photo|image|video|picture|pic)\s*(credit|courtesy|by)\b|\bcredit\s*:|\bcourtesy of\b|"
    r"getty images|\bAP Photo\b|/AFP\b|\bAFP/|\(AFP\)|\(AP\)|\(Reuters\)|Reuters/|©|"
    r"^\s*(illustrative|file photo|file|pictured|above|below|top|photo)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
# "(photo credit: X)" alone on a line, under the caption it belongs to.
_CREDIT_ONLY = re.compile(r"^\s*\(\s*(photo|image|video)?\s*credit\s*:[^()]*\)\s*$", re.IGNORECASE)
_CREDIT_TAIL = re.compile(
    r"\(?\s*(photo|image|video)?\s*credit\s*:.*$|\([^()]*(AFP|AP|Reuters)[^()]*\)\s*$",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^\s*(read more|read full|related|advertisement|skip to|share|published|updated|"
    r"sign in|log in|register|subscribe|home\s*»|more loader|disclaimer|follow us|"
    r"lire aussi|à lire|voir aussi|اقرأ أيضا)",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"#\w+")


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def boilerplate_lines(text: str, captions: str = "") -> list[tuple[int, int]]:
    """Lines that are captions, photo credits, bylines, hashtags or site chrome."""
    cap_lines = {ln.strip() for ln in captions.split("\n") if len(ln.strip()) > 15}
    spans = line_spans(text)
    # Most texts have no credit at all: one search over the text saves a search per line.
    credits = _CREDIT.search(text) is not None
    tags = "#" in text
    if credits:
        # A caption often sits right above its credit line, or is repeated with it inline.
        for i, (start, end) in enumerate(spans):
            line = text[start:end].strip()
            if _CREDIT.search(line):
                head = _CREDIT_TAIL.sub("", line).strip()
                if len(head) > 15:
                    cap_lines.add(head)
                if _CREDIT_ONLY.match(line):
                    before = (text[a:b].strip() for a, b in reversed(spans[:i]))
                    prev = next((ln for ln in before if ln), "")
                    if 15 < len(prev) <= 300:
                        cap_lines.add(prev)
    out = []
    for start, end in spans:
        line = text[start:end].strip()
        if not line:
            continue
        upper = len(_UPPER.findall(line))
        letters = upper + len(_LOWER.findall(line))
        if (
            (letters >= 8 and upper / letters > 0.8 and " " in line)
            or (cap_lines and _is_caption(line, cap_lines))
            or (credits and _CREDIT.search(line))
            or _CHROME.match(line)
            or (tags and len(_HASHTAG.findall(line)) >= max(2, len(line.split()) // 2))
            or _BYLINE.match(line)
            or _BIO.match(line)
        ):
            out.append((start, end))
    return out


def _is_caption(line: str, cap_lines: set[str]) -> bool:
    if line in cap_lines:
        return True
    return len(line) > 15 and any(line in c or c in line for c in cap_lines)


_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
# Author bios: "About the author", "Jane Roe is a journalist based in Rabat ...".
_BIO = re.compile(
    r"^\s*((?i:about the author|à propos de l'auteur)|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+"
    r"(?:is|was)\s+(?:an?|the)\s+[^.]{0,80}?\b(?:journalist|correspondent|reporter|writer|editor|"
    r"fellow|analyst|contributor|researcher|author|freelancer?|columnist|professor)\b)"
)
_BYLINE = re.compile(r"^\s*by\s+[A-Z][\w.'-]*(\s+[A-Z][\w.'-]*){0,3}\s*(-|–|$)")


def in_ranges(pos: int, ranges: Iterable[tuple[int, int]]) -> bool:
    """True when pos lies in one of the [start, end) ranges."""
    return any(a <= pos < b for a, b in ranges)


# ---------------------------------------------------------------- junk


_LOWER_PARTICLE = re.compile(r"^(al|el|ad|ed|as|at|bin|ben|ibn|de|van|von|d|l)\b")
_GLUE = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "bin", "ben", "y"})


def is_junk(name: str) -> bool:
    """Names that are not entities: MOU, Defense, hashtags, chrome, bare numbers, lowercase."""
    if name.startswith("#") or "@" in name or "http" in name or "www." in name or "/" in name:
        return True
    f = fold(name).strip(" .,'-")
    if len(f) < 2 or not any(c.isalpha() for c in f):
        return True
    if f in lexicon()["junk"] or f in lexicon()["demonyms"]:
        return True
    if not any(c.isupper() for c in name) and not re.search(r"[\u0600-\u06FF]", name):
        return True
    words = name.split()
    if len(words) > 7:
        return True
    first = words[0] if words else ""
    if first[:1].islower() and not _LOWER_PARTICLE.match(first):
        return True
    if all(_is_title(w) for w in words):
        return True  # "King", "Général", "Prince"
    lower = [w for w in words[1:] if w[:1].islower()]
    if any(fold(w) not in _GLUE and not _LOWER_PARTICLE.match(w) for w in lower):
        return True  # tag lines and chrome ("Defence Economy featured Global News")
    # Multi-word all-caps runs are site chrome or credits ("IDF SPOKESPERSON UNIT").
    return len(words) >= 2 and sum(len(w) > 3 and w.isupper() for w in words) >= 2


# ---------------------------------------------------------------- titles and roles


def _is_title(tok: str) -> bool:
    f = fold(tok).strip(".,")
    if not f:
        return False
    parts = [p for p in re.split(r"[-.]", f) if p]
    words = lexicon()["title_words"]
    return f in words or (bool(parts) and all(p in words for p in parts))


def strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a person span past leading titles ("Maj.-Gen.", "Defense Minister", "M.")."""
    s = start
    while True:
        m = re.match(r"\s*(\S+)\s+", text[s:end])
        if not m or not _is_title(m.group(1)):
            break
        nxt = s + m.end()
        if not any(c.isupper() for c in text[nxt:end]):
            break
        s = nxt
    while s < end and text[s] in " \t\"'“”‘’(":
        s += 1
    e = end
    while e > s and text[e - 1] in " \t,.;:\"'“”’)":
        e -= 1
    if text[s:e].endswith(("'s", "’s")):
        e -= 2
    return s, e


_ROLE_GLUE = frozenset({"of", "the", "at", "de", "du", "des", "la", "le", "d", "l"})


def role_before(text: str, start: int, limit: int = 0) -> str | None:
    """A title written right before a name: "Israeli Defense Minister", "FAR Inspector General".

    `limit` is where the role may begin at the earliest (end of the previous name)."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 120, limit)
    window = text[line_start:start]
    toks = list(re.finditer(r"[\w.’'-]+", window))
    heads = lexicon()["title_heads"]
    keep = len(toks)
    has_head = False
    for m in reversed(toks):
        between = window[m.end() : toks[keep].start() if keep < len(toks) else len(window)]
        if between.strip(" ’'s"):
            break
        w = m.group()
        f = fold(w).strip(".")
        capital = w[0].isupper()
        if keep == len(toks) and f in _ROLE_GLUE:
            break
        if w.endswith(".") and not _is_title(w):
            break
        if not (capital or _is_title(w) or f in _ROLE_GLUE or "’" in w or "'" in w):
            break
        if f in lexicon()["demonyms"] and not capital:
            break
        if f in heads or any(p in heads for p in re.split(r"[-.]", f) if p):
            has_head = True
        keep -= 1
    lex = lexicon()
    # "Mausoleum of King X": what precedes "of" is not part of the title when no title
    # word comes before it ("Director of the ... Office of the Ministry X" stays whole).
    for k in range(len(toks) - 1, keep, -1):
        if fold(toks[k].group()) in {"of", "de", "du", "des"} and not any(
            _is_title(t.group()) for t in toks[keep:k]
        ):
            keep = k + 1
            break
    drop = _ROLE_GLUE | {"former", "then"} | lex["sentence_starters"] | lex["calendar"]
    while keep < len(toks) and fold(toks[keep].group().strip(".")) in drop:
        if _is_title(toks[keep].group()):
            break
        keep += 1
    if not has_head or keep >= len(toks):
        return None
    role = window[toks[keep].start() :].strip(" ,")
    if re.search(r"\b(said|told|met|and)$", role) or len(role) < 3:
        return None
    return role


_APPOSITIVE_DET = frozenset({"le", "la", "the", "son", "sa", "his", "her", "its"})
_CLAUSE_END = re.compile(r"[.;:()\n«»\"“”]|,\s")


@lru_cache(maxsize=1)
def _appositive_titles() -> frozenset[str]:
    # Title words that name a function, not a courtesy title or a pronoun.
    return lexicon()["title_heads"] - _HONORIFICS - {"he", "dr", "prof"}


def role_appositive(text: str, start: int, limit: int = 0) -> str | None:
    """A lowercase title set off by a comma before the name, as French and English news
    write it: "le ministre israélien de la Défense, Benny Gantz", "the Israeli defense
    minister, Benny Gantz". It opens with a determiner and a title word."""
    window = text[max(limit, start - 160) : start].rstrip()
    if not window.endswith(","):
        return None
    clause = window[:-1]
    clause = clause[max((m.end() for m in _CLAUSE_END.finditer(clause)), default=0) :]
    toks = list(re.finditer(r"[\w’'-]+", clause))[-14:]
    for d, tok in enumerate(toks):
        word = fold(tok.group())
        if word.startswith(("l'", "l’")):  # "l'ambassadeur": the article is glued on
            first, following = tok.start() + 2, [word[2:]]
        elif word in _APPOSITIVE_DET and d + 1 < len(toks):
            first, following = toks[d + 1].start(), []
        else:
            continue
        # The title word itself, or after up to two words ("the Israeli defense minister").
        following += [fold(t.group()) for t in toks[d + 1 : d + 4]][: 3 - len(following)]
        if any(w in _appositive_titles() for w in following):
            return clause[first:].strip() or None
    return None


def role_after(text: str, end: int) -> str | None:
    """An appositive title: "Dror Shalom, Director of the Office of ... at the Ministry, ..."."""
    m = re.match(r",\s+([^,;()\n.]{3,120}?)(?=,|;|\.(\s|$)|\)|\n|$)", text[end : end + 160])
    if not m:
        return None
    role = m.group(1).strip()
    # "l'ambassadeur d'Israël": the French article is glued to the title word.
    words = [re.sub(r"^[lL]['’]", "", w) for w in role.split()]
    heads = lexicon()["title_heads"]
    first = fold(words[0]) if words else ""
    # French (and some English) titles are lowercase: "Mohammed Berrid, inspecteur général".
    if (
        not words
        or not words[0]
        or not (role[0].isupper() or first in {"the", "former", "le", "la"} or first in heads)
    ):
        return None
    if not any(
        any(p in heads for p in re.split(r"[-.]", fold(w).strip(".")) if p) for w in words[:4]
    ):
        return None
    return role


def clean_role(role: str | None) -> str | None:
    """Trim possessive country prefixes such as "Morocco’s" and surrounding punctuation."""
    if not role:
        return None
    role = re.sub(r"^(?i:(?:the|le|la|les)\s+|l['’])", "", role.strip(" ,;:"))
    # Courtesy titles say nothing about what a person does.
    if fold(role).rstrip(".") in _HONORIFICS:
        return None
    return role or None


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "m", "mme", "mlle", "messrs", "sir", "dame"})


# ---------------------------------------------------------------- equipment patterns

_DESIGNATION = re.compile(r"\b([A-Z]{1,4})-?(\d{1,4}[A-Z]{0,2})\b")
_NAMED = re.compile(
    r"\b((?:[A-Z]{1,4}-?\d{1,4}[A-Z]{0,2}\s+)?"
    r"(?:[A-Z][A-Za-z]+|[A-Z]{2,})(?:[ -](?:[A-Z][A-Za-z]+|[A-Z]{2,})){0,2})"
    r"(?:[ -](\d{1,4}[A-Z]?|[A-Z]{1,3}\d{0,3}))?\b"
)
_NEXT_WORDS = re.compile(r"\s+([a-z][a-z-]*)")
_NOT_DESIGNATION = frozenset(
    {"COVID", "Q", "H", "G", "CO", "PM", "AM", "UTC", "GMT", "NO", "N", "B", "P", "MP", "AD", "BC"}
)


def equipment_patterns(text: str, taken: list[Span]) -> list[Span]:
    """Weapon designations (F-35, MQ-9) and names followed by an equipment noun
    ("Heron reconnaissance drones", "Barak MX air defense system")."""
    nouns = lexicon()["equipment_nouns"]
    blockers = lexicon()["equipment_blockers"] | lexicon()["demonyms"]
    out: list[Span] = []

    def free(s: int, e: int) -> bool:
        return not any(t.start < e and s < t.end for t in taken + out)

    for m in _DESIGNATION.finditer(text):
        letters, _ = m.group(1), m.group(2)
        if letters in _NOT_DESIGNATION or not free(m.start(), m.end()):
            continue
        if "-" not in m.group() and len(letters) < 2:
            # "K2", "T90": only right before an equipment noun ("K2 tanks").
            nxt = _NEXT_WORDS.match(text, m.end())
            if not nxt or fold(nxt.group(1)) not in nouns:
                continue
        window = fold(text[max(0, m.start() - 80) : m.end() + 80])
        if any(w in nouns for w in WORD_RE.findall(window)):
            out.append(Span(m.start(), m.end(), m.group(), "equipment", "pattern"))
    for m in _NAMED.finditer(text):
        name_end = m.end()
        pos, found = name_end, False
        for _ in range(4):
            w = _NEXT_WORDS.match(text, pos)
            if not w or fold(w.group(1)) in {
                "and",
                "or",
                "of",
                "the",
                "to",
                "with",
                "in",
                "by",
                "from",
            }:
                break
            if fold(w.group(1)) in nouns:
                found = True
                break
            pos = w.end()
        if not found:
            continue
        s = m.start(1)
        words = text[s:name_end].split()
        # Drop leading words that are blockers (The, Israeli, Moroccan...).
        while words and fold(words[0].split("-")[0]) in blockers:
            s += len(words[0]) + 1
            words = words[1:]
        if not words or not free(s, name_end) or fold(words[0]) in lexicon()["junk"]:
            continue
        before = text[:s].rstrip()
        sentence_start = not before or before[-1] in '.!?\n:"“'
        if sentence_start and not m.group(2) and len(words) == 1:
            continue
        out.append(Span(s, name_end, text[s:name_end], "equipment", "pattern"))
    return out
