"""Arabic alias gazetteer: no spaCy model exists for Arabic, so well-known entities are found
by their Arabic spellings and mapped to the same canonical (English) names as elsewhere, so
that Arabic articles join the same entities (غانتس -> Benny Gantz, المغرب -> Morocco).

Arabic attaches conjunctions and prepositions to the next word (والمغرب, بالرباط, للمغرب), so
each token is also tried with those clitics removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import EntityType
from .gazetteer import Span, load_json
from .normalize import fold_arabic

_AR_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u064B-\u0652\u0670\u0640]+|\d+")
_TYPES: tuple[EntityType, ...] = ("place", "org", "person", "equipment")


@dataclass(frozen=True)
class _Rec:
    toks: tuple[str, ...]
    name: str
    type: EntityType


def _candidates(tok: str) -> list[tuple[str, int]]:
    """The token and its clitic-stripped forms, with how many letters were removed."""
    out = [(tok, 0)]
    stems = [(tok, 0)]
    if len(tok) > 3 and tok[0] in "وف":
        stems.append((tok[1:], 1))
    for stem, cut in list(stems):
        if len(stem) > 3 and stem.startswith("لل"):
            # li + al- is written with one lam: للمغرب = لـ + المغرب
            out.append(("ا" + stem[1:], cut + 1))
        if len(stem) > 3 and stem[0] in "بلك":
            out.append((stem[1:], cut + 1))
        if cut:
            out.append((stem, cut))
    return out


class ArabicGazetteer:
    """Token-trie matcher over normalised Arabic aliases."""

    def __init__(self, table: dict[str, dict[str, list[str]]]) -> None:
        self._first: dict[str, list[_Rec]] = {}
        for etype in _TYPES:
            for name, forms in table.get(etype, {}).items():
                for form in forms:
                    toks = tuple(fold_arabic(t) for t in _AR_WORD.findall(form))
                    if toks:
                        self._first.setdefault(toks[0], []).append(_Rec(toks, name, etype))
        for recs in self._first.values():
            recs.sort(key=lambda r: -len(r.toks))

    def find(self, text: str) -> list[Span]:
        """Non-overlapping matches, longest first; offsets exclude stripped clitics."""
        words = [(m.start(), m.end(), fold_arabic(m.group())) for m in _AR_WORD.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(words):
            best: tuple[int, int, _Rec] | None = None
            for form, cut in _candidates(words[i][2]):
                for rec in self._first.get(form, ()):
                    k = len(rec.toks)
                    if i + k > len(words) or (best is not None and k <= best[0]):
                        continue
                    if all(words[i + j][2] == rec.toks[j] for j in range(1, k)):
                        best = (k, cut, rec)
            if best is None:
                i += 1
                continue
            k, cut, rec = best
            start = _skip_letters(text, words[i][0], cut)
            spans.append(Span(start, words[i + k - 1][1], rec.name, rec.type, "gaz", "ar"))
            i += k
        return spans


def _skip_letters(text: str, start: int, count: int) -> int:
    """Advance past `count` letters (diacritics do not count) to drop a clitic from a span."""
    pos = start
    while count > 0 and pos < len(text):
        if not re.match(r"[\u064B-\u0652\u0670\u0640]", text[pos]):
            count -= 1
        pos += 1
    return pos


@lru_cache(maxsize=1)
def arabic_gazetteer() -> ArabicGazetteer:
    """The packaged Arabic gazetteer, loaded once per process."""
    return ArabicGazetteer(load_json("arabic.json"))


# Words that open a title in Arabic, folded (fold_arabic) and without their clitics: the
# script has no capitals to mark where a title starts, so it starts at one of these.
_TITLE_HEADS = frozenset(
    fold_arabic(w)
    for w in (
        "وزير", "الوزير", "وزيرة", "الوزيرة", "رئيس", "الرئيس", "رئيسة", "قائد", "القائد",
        "مفتش", "المفتش", "سفير", "السفير", "الجنرال", "الفريق", "اللواء", "العميد", "العقيد",
        "الأدميرال", "الملك", "العاهل", "ولي", "الأمير", "مساعد", "نائب", "مدير", "المدير",
        "المتحدث", "الناطق", "كاتب", "الأمين", "زعيم", "الزعيم", "المبعوث", "مبعوث",
    )
)  # fmt: skip
# A title does not run across these: the end of a clause, or a verb introducing the name.
_ROLE_STOP = re.compile(r"[.؛:!?؟\n()«»\"]")
_MAX_ROLE_WORDS = 7


def _is_head(word: str) -> bool:
    return any(form in _TITLE_HEADS for form, _ in _candidates(fold_arabic(word)))


def arabic_role(text: str, start: int, end: int, limit: int = 0) -> str | None:
    """The title of a person named at text[start:end] in Arabic, written before the name
    ("وزير الدفاع الإسرائيلي بيني غانتس", "وزير الدفاع السابق، مارك إسبر") or right after it
    ("عبد اللطيف لوديي الوزير المنتدب المكلف إدارة الدفاع")."""
    before = text[max(limit, start - 120) : start]
    cut = max((m.end() for m in _ROLE_STOP.finditer(before)), default=0)
    words = list(_AR_WORD.finditer(before, cut))[-_MAX_ROLE_WORDS:]
    first = next((m for m in words if _is_head(m.group())), None)
    if first is not None:
        role = before[first.start() :].strip(" ،,")
        if "،" not in role.rstrip("،"):  # one comma may set the name apart, no more
            return role
    after = text[end : end + 120]
    stop = _ROLE_STOP.search(after)
    after = after[: stop.start() if stop else len(after)].split("،")[0]
    words = list(_AR_WORD.finditer(after))[:_MAX_ROLE_WORDS]
    if words and _is_head(words[0].group()) and after[: words[0].start()].strip() == "":
        return after[: words[-1].end()].strip()
    return None
