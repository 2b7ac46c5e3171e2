"""Entity extraction: people (with roles), organisations, places and equipment.

Layers, per article:
1. gazetteers (countries, capitals, armed forces, ministries, firms, weapon systems, people;
   Arabic aliases) matched on the whole text: cheap, precise, language independent;
2. the spaCy statistical NER (English, French) on the sentences that still hold an unknown
   capitalised word, within a character budget (speed: the model is the dominant cost);
3. cleanup: titles moved into roles, fused spans split, junk and boilerplate-only entities
   dropped, equipment designations found by pattern;
4. within-article resolution: acronyms bound to their expansion, surnames to full names,
   names found once propagated to the rest of the text.

spaCy is imported lazily (in `ner`), only when a document needs the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Mention
from . import ner
from .arabic import arabic_gazetteer, arabic_role
from .cleanup import (
    boilerplate_lines,
    clean_role,
    equipment_patterns,
    in_ranges,
    is_junk,
    line_spans,
    role_after,
    role_appositive,
    role_before,
)
from .entity_resolve import (
    Cand,
    bind_acronyms,
    from_model,
    namesakes,
    propagate,
    resolve_people,
)
from .gazetteer import Span, gazetteer, lexicon
from .normalize import ARABIC_RE, fold

# Characters of text per document given to the statistical model (None = all). The model
# costs ~35 µs per character on one core; see bench/entities_speed.py for the trade-off.
DEFAULT_NER_CHARS: int | None = 2000


@dataclass(frozen=True)
class DocText:
    """What an extraction worker gets per article."""

    text: str  # cleaned body
    language: str | None  # "en" | "fr" | "ar" | other/None -> gazetteer only
    captions: str = ""  # captions/credits: entities found ONLY here are excluded


_SENT = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|(?=\n)|$)")
_WORD = re.compile(r"[^\s]+")
_CONTEXT = 4  # words of context on each side of an unknown capitalised word


def _segments(
    text: str, gaz: list[Span], boiler: list[tuple[int, int]], budget: int | None
) -> list[tuple[int, int]]:
    """Windows worth giving to the model: a few words around each capitalised word that no
    gazetteer explains, inside one sentence, outside boilerplate, within the budget.

    The small model's features reach only a few tokens to each side (4 convolution layers of
    window 1), so a window of `_CONTEXT` words each side gives the model the context it uses
    while skipping the rest of the sentence.
    """
    lex = lexicon()
    skip = lex["demonyms"] | lex["junk"] | lex["title_words"]
    starters = lex["sentence_starters"]
    covered = sorted((g.start, g.end) for g in gaz)
    chosen: list[tuple[int, int]] = []
    seen: set[str] = set()
    used = 0
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        if e - s < 3 or in_ranges(s + (e - s) // 2, boiler):
            continue
        words = [(w.start(), w.end()) for w in _WORD.finditer(text, s, e)]
        wanted = []
        for k, (ws, we) in enumerate(words):
            c = text[ws:we]
            if not c[:1].isupper():
                continue
            word = fold(c).strip(".'’-")
            if (k == 0 and word in starters) or word in skip:
                continue
            if word in seen or any(a <= ws < b for a, b in covered):
                continue  # a name seen once is found again by propagation, not the model
            seen.add(word)
            wanted.append(k)
        for k in wanted:
            lo = words[max(0, k - _CONTEXT)][0]
            hi = words[min(len(words) - 1, k + _CONTEXT)][1]
            if chosen and lo <= chosen[-1][1]:
                used += hi - chosen[-1][1]
                chosen[-1] = (chosen[-1][0], max(hi, chosen[-1][1]))
            else:
                chosen.append((lo, hi))
                used += hi - lo
        if budget is not None and used >= budget:
            break
    return chosen


@dataclass
class _Prep:
    doc: DocText
    gaz: list[Span]
    boiler: list[tuple[int, int]]
    segments: list[tuple[int, int]]
    model_lang: str | None


def _prepare(doc: DocText, budget: int | None) -> _Prep:
    text = doc.text
    gaz = gazetteer().find(text)
    if ARABIC_RE.search(text):
        gaz += arabic_gazetteer().find(text)
        gaz.sort(key=lambda s: s.start)
    boiler = boilerplate_lines(text, doc.captions)
    lang = doc.language if ner.supported(doc.language) else None
    segments = _segments(text, gaz, boiler, budget) if lang else []
    return _Prep(doc, gaz, boiler, segments, lang if segments else None)


def extract_mentions(
    docs: Sequence[DocText], *, ner_chars: int | None = DEFAULT_NER_CHARS
) -> list[list[Mention]]:
    """Batch extraction: one list of mentions per doc, ordered by offset.

    `ner_chars` bounds the text given to the statistical model per document (None: all of
    it); the gazetteers always read the whole text. Models load lazily, once per process.
    """
    preps = [_prepare(d, ner_chars) for d in docs]
    raw: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    for lang in sorted({p.model_lang for p in preps if p.model_lang}):
        idx = [i for i, p in enumerate(preps) if p.model_lang == lang]
        results = ner.run(lang, [(preps[i].doc.text, preps[i].segments) for i in idx])
        for i, ents in zip(idx, results, strict=True):
            raw[i] = ents
    return [_finish(p, r) for p, r in zip(preps, raw, strict=True)]


def extract_one(text: str, language: str | None, captions: str = "") -> list[Mention]:
    """Convenience wrapper for a single article."""
    return extract_mentions([DocText(text, language, captions)])[0]


def _finish(prep: _Prep, raw: list[tuple[int, int, str]]) -> list[Mention]:
    text = prep.doc.text
    gaz = list(prep.gaz)
    others = namesakes(text, gaz)
    model = [_product(text, c) for c in from_model(text, raw, gaz)]
    cands = [Cand(g.start, g.end, g.name, g.type, "gaz") for g in gaz] + others
    cands += _non_overlapping(model, cands)
    cands += [
        Cand(p.start, p.end, p.name, p.type, "pattern")
        for p in equipment_patterns(text, gaz)
        if not any(c.start < p.end and p.start < c.end for c in cands)
    ]
    cands = bind_acronyms(text, cands)
    if prep.model_lang:
        cands = propagate(text, cands)
    cands = resolve_people(text, cands)
    cands = _drop_lone_capitals(text, cands)
    cands = [c for c in cands if c.source == "gaz" or c.source == "acronym" or not is_junk(c.name)]
    cands = _drop_boilerplate(text, cands, prep.boiler)
    cands = [
        c for c in cands if c.source == "gaz" or c.type == "person" or not _in_title(text, c.start)
    ]
    cands = [c for c in cands if c.source == "gaz" or not _truncated(text, c.end)]
    cands = [c for c in cands if c.source == "gaz" or not _blocked(text, c.start, c.end)]
    roles: dict[int, str | None] = {}
    role_spans: list[tuple[int, int]] = []
    prev_end = 0
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        if c.type != "person":
            continue
        if ARABIC_RE.match(text, c.start):  # no capitals: titles open with a head word
            roles[id(c)] = arabic_role(text, c.start, c.end, prev_end)
        else:
            before = role_before(text, c.start, prev_end)
            if before:
                role_spans.append((text.rfind(before, 0, c.start), c.start))
            roles[id(c)] = clean_role(
                before or role_appositive(text, c.start, prev_end) or role_after(text, c.end)
            )
        prev_end = c.end
    # Organisations the model found inside a person's title ("Senate president X") are part
    # of the role; gazetteer organisations there (ministries, armed forces) are kept.
    cands = [
        c
        for c in cands
        if c.source == "gaz" or c.type == "person" or not _inside(c.start, role_spans)
    ]
    return [
        Mention(c.name, c.type, text[c.start : c.end], c.start, c.end, roles.get(id(c)))
        for c in sorted(cands, key=lambda c: (c.start, c.end))
    ]


_FOLLOW = re.compile(r"\s+([a-z][a-z-]*)")


def _product(text: str, c: Cand) -> Cand:
    """A model ORG right before an equipment noun is a product ("the Homar-K rocket
    launcher"), unless it has a company-like head word ("Systems", "Corp")."""
    if c.type != "org":
        return c
    lex = lexicon()
    if any(fold(w).strip(".,") in lex["org_heads"] for w in c.name.split()):
        return c
    pos = c.end
    for _ in range(4):
        m = _FOLLOW.match(text, pos)
        if not m or fold(m.group(1)) in {"and", "or", "to", "of", "the", "with", "from", "for"}:
            return c
        if fold(m.group(1)) in lex["equipment_nouns"]:
            c.type = "equipment"
            return c
        pos = m.end()
    return c


def _drop_lone_capitals(text: str, cands: list[Cand]) -> list[Cand]:
    """A one-word "person" from the model, bound to no full name and only ever seen at the
    start of a sentence or line, is usually a capitalised common word ("Revs", "Dlrs")."""
    lone: dict[str, bool] = {}
    for c in cands:
        if c.type == "person" and c.source != "gaz" and " " not in c.name:
            before = text[: c.start].rstrip(" \t\"'“‘(")
            initial = not before or before[-1] in ".!?:\n"
            lone[c.name] = lone.get(c.name, True) and initial
    return [c for c in cands if not (c.type == "person" and lone.get(c.name, False))]


def _truncated(text: str, end: int) -> bool:
    """A word cut off at the very end of a clipped text ("In Decem")."""
    tail = text.rstrip()
    return end >= len(tail) and tail[-1:] not in '.!?"”»)'


@lru_cache(maxsize=1)
def _blocked_re() -> re.Pattern[str]:
    words = sorted(lexicon()["not_entities"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _blocked(text: str, start: int, end: int) -> bool:
    """Spans inside names of treaties and similar non-entities ("Abraham Accords")."""
    lo = max(0, start - 40)
    window = text[lo : end + 40]
    hits = _blocked_re().finditer(window)
    return any(m.start() + lo < end and start < m.end() + lo for m in hits)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_TITLE_OF = re.compile(
    r"(?:^|\s)([\w-]+)\s+(?:of|at|for|in|de|du|des)\s+(?:the\s+|la\s+|l['’]\s*)?(?:[\w-]+['’]s\s+)?$"
)


def _in_title(text: str, start: int) -> bool:
    """A sub-unit named inside a title ("Director of the Office of ...", "Commander of the
    Southern Region") belongs to the role, not to the article's organisations."""
    m = _TITLE_OF.search(text[max(0, start - 60) : start])
    return m is not None and fold(m.group(1)) in lexicon()["title_heads"]


def _non_overlapping(new: list[Cand], taken: list[Cand]) -> list[Cand]:
    out: list[Cand] = []
    for c in sorted(new, key=lambda c: -(c.end - c.start)):
        if not any(t.start < c.end and c.start < t.end for t in taken + out):
            out.append(c)
    return out


def _drop_boilerplate(text: str, cands: list[Cand], boiler: list[tuple[int, int]]) -> list[Cand]:
    """Entities seen only in captions, credits, bylines or chrome are not the article's."""
    lines = line_spans(text)
    bylines = list(boiler)
    for c in cands:
        if c.type != "person":
            continue
        for a, b in lines:
            if a <= c.start < b:
                rest = re.sub(r"^\s*(by|par)\s+", "", text[a:b].strip(), flags=re.IGNORECASE)
                if rest.strip(" .,-|") == text[c.start : c.end]:
                    bylines.append((a, b))
                break
    body_names = {(c.name, c.type) for c in cands if not in_ranges(c.start, bylines)}
    return [c for c in cands if (c.name, c.type) in body_names]
