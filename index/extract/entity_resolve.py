"""Within-article resolution: statistical spans reconciled with the gazetteer, acronyms
bound to their expansion, surnames bound to the full name, names propagated to the
parts of the text the model did not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import EntityType
from .cleanup import is_junk, strip_titles
from .gazetteer import Span, gazetteer, lexicon
from .normalize import PARTICLES, WORD_RE, fold, is_acronym, name_key, skeleton, standalone


@dataclass
class Cand:
    """A mutable candidate during resolution."""

    start: int
    end: int
    name: str
    type: EntityType
    source: str
    role: str | None = None


def _gaz_canon(name: str, etype: str) -> tuple[str, EntityType] | None:
    """Canonical gazetteer name for a model span, by alias or (for long names) skeleton."""
    g = gazetteer()
    entry = g.lookup(name) if etype == "person" and " " in name else g.fuzzy_lookup(name)
    if entry is None:
        return None
    if etype in ("product", "fac"):
        return entry.name, entry.type
    # A model ORG that is a gazetteer equipment name ("Harop") takes the gazetteer type, but a
    # PERSON must not become a country because someone is named after it.
    if etype == "person" and entry.type != "person" and " " in name:
        return None
    return entry.name, entry.type


def _person_like(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if any(fold(w).strip(".,") in lexicon()["org_heads"] for w in words):
        return False
    return all(
        w[0].isupper() or fold(w) in PARTICLES or fold(w) in {"bin", "ben", "ibn"} for w in words
    )


def from_model(text: str, raw: list[tuple[int, int, str]], gaz: list[Span]) -> list[Cand]:
    """Turn raw model spans into candidates: split fused spans, strip titles, retype."""
    out: list[Cand] = []
    for s, e, kind in raw:
        s, e = _trim(text, s, e)
        if e <= s or (s > 0 and text[s - 1] in "#@"):
            continue  # hashtags and handles are tags, not mentions
        inside = [g for g in gaz if s <= g.start and g.end <= e]
        overlapping = [g for g in gaz if g.start < e and s < g.end and g not in inside]
        if overlapping:
            continue
        if (
            kind == "person"
            and inside
            and all(
                g.type in ("equipment", "org")
                and not is_acronym(text[g.start : g.end])
                and g.end - g.start < e - s
                for g in inside
            )
            and len(text[s:e].split()) >= 2
            and _person_like(text[s:e])
        ):
            # "Ehud Barak", "Rafael Nadal": the person wins over a one-word gazetteer hit.
            for g in inside:
                gaz.remove(g)
            inside = []
        if kind == "person" and len(inside) == 1 and _namesake(text, s, e, inside[0]):
            gaz.remove(inside[0])  # "Nadav Gantz" is not Benny Gantz: keep the full name
            inside = []
        if not inside and kind == "org":
            # "Defense Rustem Umerov": a title word fused to a name the model took for an
            # organisation. Two or more name-like words left after the titles: a person.
            ts, te = strip_titles(text, s, e)
            if (ts, te) != (s, e) and len(text[ts:te].split()) >= 2 and _person_like(text[ts:te]):
                out.append(Cand(ts, te, text[ts:te], "person", "ner"))
                continue
        pieces = _pieces(s, e, inside)
        if inside and kind != "person":
            # Keep only what looks like a fused person name ("... Defense Ministry Dror Shalom").
            for ps, pe in pieces:
                ps, pe = strip_titles(text, *_trim(text, ps, pe))
                if pe > ps and _person_like(text[ps:pe]) and len(text[ps:pe].split()) >= 2:
                    out.append(Cand(ps, pe, text[ps:pe], "person", "ner"))
            continue
        for ps, pe in pieces:
            ps, pe = _trim(text, ps, pe)
            if inside and " " not in text[ps:pe].strip():
                # One word left beside a known name in a person span is a headline verb or
                # a common noun ("Gantz Signs", "the Tomb of Muhammad V"), not a person.
                continue
            cand = _one(text, ps, pe, kind)
            if cand is not None:
                out.append(cand)
    return out


_GIVEN = re.compile(r"([A-ZÀ-Ý][a-zà-ÿ'’-]+) $")


def _someone_else(full: str, g: Span) -> bool:
    """True when `full`, a name ending with the surname that gazetteer hit `g` matched
    alone, is not one of that person's names ("Nadav Gantz" against Benny Gantz)."""
    known = gazetteer().fuzzy_lookup(full)
    return known is None or known.name != g.name


def _surname_hit(text: str, g: Span) -> bool:
    """A gazetteer person matched by one word: a surname alias."""
    return g.type == "person" and " " not in text[g.start : g.end].strip()


def namesakes(text: str, gaz: list[Span]) -> list[Cand]:
    """Well-known people's surnames written after another given name ("Nadav Gantz", which
    the model did not tag): removed from `gaz`, and returned as that other person."""
    lex = lexicon()
    skip = (lex["title_words"] | lex["demonyms"] | lex["sentence_starters"] | lex["calendar"]
            | lex["junk"])  # fmt: skip
    out: list[Cand] = []
    for g in [g for g in gaz if _surname_hit(text, g)]:
        m = _GIVEN.search(text, max(0, g.start - 40), g.start)
        if m is None or m.group(1).endswith(("'s", "’s")):  # "Israel's Gantz"
            continue
        if fold(m.group(1)) in skip or gazetteer().lookup(m.group(1)):
            continue
        full = text[m.start(1) : g.end]
        if _someone_else(full, g):
            gaz.remove(g)
            out.append(Cand(m.start(1), g.end, full, "person", "ner"))
    return out


def _namesake(text: str, s: int, e: int, g: Span) -> bool:
    """True when a person span ends with a well-known person's surname (the gazetteer hit
    `g`) but names someone else: another first name, not an alias of that person."""
    ts, te = strip_titles(text, s, e)
    full = text[ts:te]
    if not _surname_hit(text, g) or g.end != te:
        return False
    return len(full.split()) >= 2 and _person_like(full) and _someone_else(full, g)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _one(text: str, s: int, e: int, kind: str) -> Cand | None:
    if kind == "person":
        s2, e2 = strip_titles(text, s, e)
        if e2 <= s2 or not _person_like(text[s2:e2]):
            return None
        s, e = s2, e2
    surface = text[s:e]
    if " " not in surface and kind in ("person", "place", "org"):
        # A well-known person's surname alone, whatever label the model gave it ("M. Gantz").
        known = gazetteer().surname(surface)
        if known is not None and gazetteer().lookup(surface) is None:
            return Cand(s, e, known.name, "person", "ner")
    canon = _gaz_canon(surface, kind)
    if canon is not None:
        return Cand(s, e, canon[0], canon[1], "ner")
    if kind == "person" and " " not in surface and _THE_BEFORE.search(text, max(0, s - 5), s):
        return None  # "the Tomb of ...", "the Signing": a one-word name takes no article
    if kind == "fac":
        if not re.search(r"\b(Base|Airbase|Air Base|Naval Base|Camp)\b", surface):
            return None
        kind = "place"
    if kind == "product":
        if not re.search(r"\d", surface):
            return None
        kind = "equipment"
    if is_junk(surface):
        return None
    if kind == "org" and fold(surface.split()[-1]) in lexicon()["event_heads"]:
        return None
    if kind == "org" and all(fold(w) in lexicon()["generic_org_words"] for w in surface.split()):
        return None  # "Operations Division", "Steering Committee": a unit of what?
    etype: EntityType = kind  # type: ignore[assignment]
    return Cand(s, e, surface, etype, "ner")


def _pieces(s: int, e: int, inside: list[Span]) -> list[tuple[int, int]]:
    pieces = []
    pos = s
    for g in sorted(inside, key=lambda g: g.start):
        if g.start > pos:
            pieces.append((pos, g.start))
        pos = max(pos, g.end)
    if pos < e:
        pieces.append((pos, e))
    return pieces


_LEAD = re.compile(
    r"^(?:(?:the|The|THE|and|or|of|at|with|by|for|from|to|in|et|de|du|des)\s+"
    r"|[’']s\s+|[lLdD][’'])+"
)
_TRAIL_CHARS = " \t\n,.;:!?\"'“”‘’()[]-–—"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    m = _LEAD.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    while s < e and text[s] in _TRAIL_CHARS:
        s += 1
    while e > s and text[e - 1] in _TRAIL_CHARS:
        e -= 1
    m = _LEAD.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    for suffix in ("'s", "’s"):
        if text[s:e].endswith(suffix):
            e -= 2
    while e > s and text[e - 1] in _TRAIL_CHARS:
        e -= 1
    return s, e


def bind_acronyms(text: str, cands: list[Cand]) -> list[Cand]:
    """ "Royal Armed Forces (FAR)": FAR then names that entity everywhere in the article."""
    table: dict[str, tuple[str, EntityType]] = {}
    for c in cands:
        m = re.match(r"\s*\(([A-Z][A-Za-z.&]{1,8})\)", text[c.end : c.end + 14])
        if not m or c.type == "person":
            continue
        acr = m.group(1)
        caps = [ch for ch in acr if ch.isupper()]
        initials = {
            w[0].upper() for w in re.findall(r"[^\W\d_]+", text[c.start : c.end] + " " + c.name)
        }
        if len(caps) >= 2 and set(caps) <= initials:
            table.setdefault(acr, (c.name, c.type))
    if not table:
        return cands
    out = []
    for c in cands:
        hit = table.get(text[c.start : c.end])
        out.append(replace(c, name=hit[0], type=hit[1]) if hit else c)
    for acr, (name, etype) in table.items():
        for start, end in standalone(text, acr):
            if not any(c.start < end and start < c.end for c in out):
                out.append(Cand(start, end, name, etype, "acronym"))
    return out


def propagate(text: str, cands: list[Cand]) -> list[Cand]:
    """Find again, anywhere in the text, names and surnames the model found once."""
    titles = lexicon()["title_words"] | lexicon()["demonyms"]
    targets: dict[str, tuple[str, EntityType]] = {}
    for c in cands:
        if c.source not in ("ner", "pattern"):
            continue
        surface = text[c.start : c.end]
        if len(surface) >= 3 and not is_junk(surface):
            targets.setdefault(surface, (c.name, c.type))
        if c.type == "person":
            words = surface.split()
            last = words[-1] if len(words) >= 2 else ""
            if (
                len(last) >= 4
                and last[0].isupper()
                and fold(last) not in titles
                and gazetteer().lookup(last) is None
            ):
                targets.setdefault(last, (c.name, c.type))
    out = list(cands)
    for surface, (name, etype) in sorted(targets.items(), key=lambda kv: -len(kv[0])):
        for start, end in standalone(text, surface):
            if not any(c.start < end and start < c.end for c in out):
                out.append(Cand(start, end, name, etype, "prop"))
    return out


_MINISTRY = re.compile(r"\b(ministry of defen[cs]e|defen[cs]e ministry)\b")
_BARE_MINISTRY = re.compile(r"\b(?:[Dd]efen[cs]e [Mm]inistry|[Mm]inistry of [Dd]efen[cs]e)\b")


def resolve_people(text: str, cands: list[Cand]) -> list[Cand]:
    """Bind surnames to the full name mentioned nearest before (else after) in the article,
    and use one spelling per person: the gazetteer's, else the longest written."""
    # A surname the model labelled as something else ("Blaszczak told", tagged ORG).
    surnames = {fold(c.name.split()[-1]) for c in cands if c.type == "person" and " " in c.name}
    for c in cands:
        single = c.source != "gaz" and c.type in ("org", "place") and " " not in c.name
        if single and fold(c.name) in surnames:
            c.type = "person"
    people = sorted((c for c in cands if c.type == "person"), key=lambda c: c.start)
    keys = {id(c): name_key(c.name).split() for c in people}
    fulls = [c for c in people if len(keys[id(c)]) >= 2]
    for c in people:
        k = keys[id(c)]
        if not k:
            continue
        best = None
        for f in fulls:
            fk = keys[id(f)]
            if f is c or len(fk) <= len(k) or fk[-len(k) :] != k:
                continue
            if (
                f.start < c.start and (best is None or best.start > c.start or f.start > best.start)
            ) or best is None:
                best = f
        if best is not None:
            c.name = best.name
        elif len(k) == 1 and c.source != "gaz":
            known = gazetteer().surname(c.name)
            if known is not None:
                c.name = known.name
    # Words that the gazetteer knows as equipment but that name a person here ("Barak").
    surnames = {fold(c.name.split()[-1]) for c in people if len(c.name.split()) >= 2}
    for c in cands:
        if c.type == "equipment" and " " not in c.name and fold(text[c.start : c.end]) in surnames:
            c.type = "person"
            c.name = next(
                p.name for p in people if fold(p.name.split()[-1]) == fold(text[c.start : c.end])
            )
    # "the Front" after "the Polisario Front": a one-word organisation naming the head of a
    # longer one in the same article is that organisation.
    heads: dict[str, set[str]] = {}
    for c in cands:
        if c.type == "org" and len(c.name.split()) >= 2:
            heads.setdefault(fold(c.name.split()[-1]), set()).add(c.name)
    for c in cands:
        if c.type == "org" and " " not in c.name and c.source != "gaz":
            names = heads.get(fold(c.name), set())
            if len(names) == 1:
                c.name = next(iter(names))
    # A bare "Defense Ministry" is the one country's ministry this article names in full.
    ministries = {c.name for c in cands if c.type == "org" and _MINISTRY.search(fold(c.name))}
    if len(ministries) == 1:
        name = next(iter(ministries))
        for m in _BARE_MINISTRY.finditer(text):
            if not any(c.start < m.end() and m.start() < c.end for c in cands):
                cands.append(Cand(m.start(), m.end(), name, "org", "prop"))
    # "K2" after "K2 Black Panther": a designation alone names the full system.
    systems = [c.name for c in cands if c.type == "equipment" and " " in c.name]
    for c in cands:
        if c.type == "equipment" and " " not in c.name and any(ch.isdigit() for ch in c.name):
            longer = {n for n in systems if n.split()[0] == c.name}
            if len(longer) == 1:
                c.name = longer.pop()
    _unify(cands)
    return cands


def _unify(cands: list[Cand]) -> None:
    """One display name per (key, type) in the article: gazetteer form, else the longest."""
    best: dict[tuple[str, str], str] = {}
    gaz_names = {(name_key(c.name), c.type) for c in cands if c.source == "gaz"}
    for c in cands:
        k = (name_key(c.name), c.type)
        cur = best.get(k)
        if k in gaz_names:
            if c.source == "gaz":
                best[k] = c.name
            continue
        if cur is None or len(c.name) > len(cur):
            best[k] = c.name
    for c in cands:
        c.name = best.get((name_key(c.name), c.type), c.name)
    # Close spellings inside one article (typos) join the more frequent spelling.
    counts: dict[tuple[str, str], int] = {}
    for c in cands:
        counts[(c.name, c.type)] = counts.get((c.name, c.type), 0) + 1
    by_skel: dict[tuple[str, str], str] = {}
    for (name, etype), _n in sorted(counts.items(), key=lambda kv: -kv[1]):
        by_skel.setdefault((skeleton(name), etype), name)
    for c in cands:
        c.name = by_skel.get((skeleton(c.name), c.type), c.name)


__all__ = ["WORD_RE", "Cand", "bind_acronyms", "from_model", "propagate", "resolve_people"]
