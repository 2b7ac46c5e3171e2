"""Gazetteers of well-known entities, matched directly on text without any model.

The data lives in `data/*.json` (package data). Matching is token based: the text is split
into folded word tokens and each position is tried against the aliases starting with that
token, longest first. Acronyms (IDF, FAR, US) match case-sensitively; other aliases match
any capitalisation except all-lowercase, so "heron" the bird is not the Heron drone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import EntityType
from .normalize import WORD_RE, fold, is_acronym, name_key, skeleton

_FILES: dict[str, EntityType | None] = {
    "places.json": "place",
    "orgs.json": "org",
    "equipment.json": "equipment",
    "people.json": "person",
}


@dataclass(frozen=True)
class Entry:
    """A gazetteer entity: canonical name, type and every alias (canonical included)."""

    name: str
    type: EntityType
    aliases: tuple[str, ...]
    kind: str = ""


@dataclass(frozen=True)
class Span:
    """A located candidate entity in a text."""

    start: int
    end: int
    name: str
    type: EntityType
    source: str  # "gaz", "ner", "pattern", "prop"
    label: str = ""


@dataclass(frozen=True)
class _Alias:
    toks: tuple[str, ...]
    entry: Entry
    exact: str | None  # surface required verbatim (acronyms)
    single_word: bool


def load_json(name: str) -> Any:
    """Read one packaged data file."""
    path = resources.files(__package__ or "defexplore.index.extract") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


class Gazetteer:
    """All gazetteer entries with a token index for matching and a key index for lookup."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key: dict[str, Entry] = {}
        self._by_skeleton: dict[str, Entry | None] = {}
        self._surnames: dict[str, Entry | None] | None = None
        self._first: dict[str, list[_Alias]] = {}
        for entry in entries:
            for alias in entry.aliases:
                key = name_key(alias)
                # The first entry to claim a key wins: files are ordered by reliability.
                self._by_key.setdefault(key, entry)
                skel = skeleton(alias)
                if len(skel) >= 5 and not is_acronym(alias):
                    # Ambiguous skeletons are remembered as None so they never match.
                    prev = self._by_skeleton.get(skel, entry)
                    self._by_skeleton[skel] = entry if prev is entry else None
                toks = tuple(WORD_RE.findall(fold(alias)))
                if not toks:
                    continue
                exact = alias if is_acronym(alias) else None
                rec = _Alias(toks, entry, exact, len(toks) == 1)
                self._first.setdefault(toks[0], []).append(rec)
                last = toks[-1]
                if entry.type == "equipment" and exact is None and last.isalpha() and len(last) > 3:
                    # Plurals: "two Caesars", "Herons".
                    plural = (*toks[:-1], last + "s")
                    self._first.setdefault(plural[0], []).append(
                        _Alias(plural, entry, None, len(toks) == 1)
                    )
        for recs in self._first.values():
            recs.sort(key=lambda r: -len(r.toks))

    def lookup(self, name: str) -> Entry | None:
        """The entry a name (any alias, any spelling variant) belongs to."""
        return self._by_key.get(name_key(name))

    def fuzzy_lookup(self, name: str) -> Entry | None:
        """Like `lookup`, then tolerant of typos and transliterations ("Morroco", "Cochavi")."""
        entry = self.lookup(name)
        if entry is not None or len(name) < 5 or is_acronym(name):
            return entry
        return self._by_skeleton.get(skeleton(name))

    def surname(self, word: str) -> Entry | None:
        """The one well-known person whose surname is `word`, if exactly one."""
        key = name_key(word)
        if len(key) < 5 or " " in key:
            return None
        if self._surnames is None:
            table: dict[str, Entry | None] = {}
            for e in self.entries:
                if e.type == "person":
                    for alias in e.aliases:
                        toks = name_key(alias).split()
                        if len(toks) >= 2:
                            prev = table.get(toks[-1], e)
                            table[toks[-1]] = e if prev is e else None
            self._surnames = table
        return self._surnames.get(key)

    def find(self, text: str) -> list[Span]:
        """Non-overlapping gazetteer matches in `text`, longest first, in order."""
        found: list[Span] = []
        matches = [(m.start(), m.end(), fold(m.group())) for m in WORD_RE.finditer(text)]
        i = 0
        n = len(matches)
        while i < n:
            recs = self._first.get(matches[i][2])
            hit = None
            if recs:
                for rec in recs:
                    k = len(rec.toks)
                    if i + k > n:
                        continue
                    if any(matches[i + j][2] != rec.toks[j] for j in range(1, k)):
                        continue
                    start, end = matches[i][0], matches[i + k - 1][1]
                    if not _contiguous(text, matches, i, k):
                        continue
                    surface = text[start:end]
                    if not self._surface_ok(rec, surface, text, start, end):
                        continue
                    hit = (rec, k, start, end)
                    break
            if hit is None:
                i += 1
                continue
            rec, k, start, end = hit
            found.append(Span(start, end, rec.entry.name, rec.entry.type, "gaz", rec.entry.kind))
            i += k
        return found

    @staticmethod
    def _surface_ok(rec: _Alias, surface: str, text: str, start: int, end: int) -> bool:
        if rec.exact is not None:
            if surface != rec.exact:
                return False
            # Acronyms inside an all-caps line are ordinary words ("SO FAR", "LET US").
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            letters = [c for c in line if c.isalpha()]
            upper = sum(1 for c in letters if c.isupper())
            return not (len(letters) > 12 and upper / len(letters) > 0.7)
        if not any(c.isupper() or c.isdigit() for c in surface):
            return False
        if start > 0 and text[start - 1] == "#":
            return False
        if rec.entry.type == "org" and surface.split()[-1].islower():
            # "Israeli military" names the IDF; "Israeli military cooperation" and
            # "Moroccan-Israeli military ties" do not.
            if start > 0 and text[start - 1] == "-":
                return False
            nxt = WORD_RE.search(text, end)
            if (
                nxt
                and text[end : nxt.start()] == " "
                and fold(nxt.group()) in lexicon()["adjectival_followers"]
            ):
                return False
        if rec.single_word and rec.entry.type == "equipment" and surface.isalpha():
            # "Predator", "Patriot", "Arrow" open sentences as plain words; at a sentence
            # start, only accept them when an equipment noun follows.
            before = text[:start].rstrip()
            if not before or before[-1] in '.!?:\n"“':
                nxt = WORD_RE.search(text, end)
                return nxt is not None and fold(nxt.group()) in lexicon()["equipment_nouns"]
        return True


def _contiguous(text: str, matches: list[tuple[int, int, str]], i: int, k: int) -> bool:
    """Tokens of one alias must be separated only by spaces, hyphens, dots or apostrophes."""
    for j in range(i, i + k - 1):
        gap = text[matches[j][1] : matches[j + 1][0]]
        if len(gap) > 3 or any(c not in " -.'’/\u00a0" for c in gap):
            return False
    return True


def _entries() -> list[Entry]:
    entries: list[Entry] = []
    for fname, etype in _FILES.items():
        data = load_json(fname)
        for kind, items in data.items():
            if kind.startswith("_") or etype is None:
                continue
            for item in items:
                parts = tuple(p.strip() for p in item.split("|") if p.strip())
                entries.append(Entry(parts[0], etype, parts, kind))
    return entries


# How articles name a country's defence ministry; {c} is the country, its possessive or
# an adjective ("Azerbaijani Defense Ministry", "Kazakhstan's Ministry of National Defence").
_MINISTRY_FORMS = (
    "{c} Ministry of Defense", "{c} Ministry of Defence", "{c} Defense Ministry",
    "{c} Defence Ministry", "{c} Ministry of National Defense", "{c} Ministry of National Defence",
)  # fmt: skip
_OF_FORMS = (
    "Ministry of Defense of {c}", "Ministry of Defence of {c}",
    "Ministry of National Defense of {c}", "Ministry of National Defence of {c}",
)  # fmt: skip


def _defense_ministries() -> list[Entry]:
    """One entry per country of data/defense_ministries.json, with every usual form of
    its ministry's name: written out, a hundred countries' worth would be mostly typos."""
    entries: list[Entry] = []
    for item in load_json("defense_ministries.json")["countries"]:
        country, *adjectives = (p.strip() for p in item.split("|"))
        names = (*adjectives, country, f"{country}'s")
        aliases = [form.format(c=c) for c in names for form in _MINISTRY_FORMS]
        aliases += [form.format(c=country) for form in _OF_FORMS]
        name = f"{adjectives[0]} Ministry of Defense"
        entries.append(Entry(name, "org", tuple(dict.fromkeys([name, *aliases])), "ministries"))
    return entries


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    # After the files: an alias a file already gives keeps the file's entry.
    return Gazetteer(_entries() + _defense_ministries())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Word lists from data/lexicon.json, folded."""
    data = load_json("lexicon.json")
    return {k: frozenset(fold(w) for w in v) for k, v in data.items() if not k.startswith("_")}
