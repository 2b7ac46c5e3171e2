"""Who holds which role in a sentence: "Inspector General X", "Y, Director of Z".

Used to flag name conflicts: two reports of one event that name different people in the same
role. Titles are a closed list of general office words; names are capitalized runs next to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .compare_gazetteer import PLACES, country_of
from .compare_text import fold, skeleton

# Longest first, so "inspector general" wins over "general". Ranks (general, colonel) are
# not roles: many people share them.
_TITLES = [
    "inspector general", "inspector-general", "chief of staff", "chief of the general staff",
    "army chief", "military chief", "defense minister", "defence minister",
    "minister of defense", "minister of defence", "foreign minister", "minister of foreign affairs",
    "interior minister", "prime minister", "deputy prime minister", "vice president",
    "president", "director general", "director-general", "director", "chief executive officer",
    "chief executive", "ceo", "chairman", "chairwoman", "chair", "spokesperson", "spokesman",
    "spokeswoman", "commander", "ambassador", "secretary of state", "secretary general",
    "secretary-general", "defense secretary", "national security advisor",
    "national security adviser", "minister delegate", "minister", "king", "crown prince",
    "head", "chief", "governor", "mayor", "senator", "envoy",
]  # fmt: skip
_TITLE_RE = re.compile(
    r"\b(" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_CANON = {
    "inspector-general": "inspector general", "defence minister": "defense minister",
    "minister of defense": "defense minister", "minister of defence": "defense minister",
    "minister of foreign affairs": "foreign minister", "director-general": "director general",
    "chief executive officer": "ceo", "chief executive": "ceo", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "chairwoman": "chairman", "chair": "chairman",
    "secretary-general": "secretary general", "national security adviser":
    "national security advisor", "chief of the general staff": "chief of staff",
    "army chief": "chief of staff", "military chief": "chief of staff",
}  # fmt: skip
# Words that end an organisation's name, so "Defense Ministry Dror Shalom" splits before "Dror".
_ORG_HEADS = frozenset(
    """ministry forces force office army navy agency command division council committee
    bureau department systems industries company corporation group unit region zone
    staff affairs government administration parliament assembly house senate institute
    university ministère forces armées état-major idf far un nato""".split()  # noqa: SIM905
)
_RANKS = frozenset(
    """general gen lt lt.-gen lt.-gen. maj maj.-gen brig brig.-gen col colonel adm admiral
    captain capt major lieutenant sergeant marshal field mr mrs ms dr h.e his her
    excellency majesty royal highness former then-defense then""".split()  # noqa: SIM905
)
_PERSON_TOKEN = re.compile(r"[A-Z][\w'’.-]*|(?:al|el|bin|ben|ibn|abu|de|van|von)(?:-[A-Z][\w'’]*)?")


@dataclass(frozen=True)
class RoleName:
    """A person named in a role, with the role's nationality when stated."""

    role: str
    name: str
    country: str | None


def _person_after(text: str) -> str | None:
    """A 2-4 word person name at the start of `text` (after ranks), else None."""
    words: list[str] = []
    for raw in text.split():
        word = raw.strip(",;:()“”\"'")
        ends = raw != raw.rstrip(",;:)”\"'")
        low = fold(word).rstrip(".")
        if not words and (low in _RANKS or fold(word) in _RANKS):
            continue
        if not word or not _PERSON_TOKEN.fullmatch(word) or low in _ORG_HEADS or word.isupper():
            break
        if fold(word) in PLACES or country_of(word):
            break
        words.append(word.rstrip("."))
        if ends or len(words) == 4:
            break
    return " ".join(words) if len(words) >= 2 and words[0][:1].isupper() else None


def _person_before(text: str) -> str | None:
    """A 2-4 word person name ending `text` ("... Dror Shalom")."""
    m = re.search(r"((?:[\w'’.-]+\s+){1,3}[\w'’.-]+)\s*$", text)
    if not m:
        return None
    words = m.group(1).split()
    while words:
        candidate = _person_after(" ".join(words))
        if candidate and candidate.split()[-1] == words[-1].rstrip("."):
            return candidate
        words = words[1:]
    return None


def role_names(sentence: str) -> list[RoleName]:
    """(role, person) pairs stated in `sentence`."""
    out: list[RoleName] = []
    for m in _TITLE_RE.finditer(sentence):
        raw = m.group(1)
        if raw[0].islower() and raw.lower() in ("head", "chief", "chair", "king", "commander"):
            continue  # "to head the delegation", "chief concern"
        role = _CANON.get(raw.lower(), raw.lower())
        before = sentence[max(0, m.start() - 40) : m.start()]
        country = _qualifier(before, sentence[m.end() : m.end() + 60])
        after = sentence[m.end() :]
        name = None
        # "Title [of the Some Org] Firstname Lastname"
        q = re.match(r"(?:\s+(?:of|at|for|to)\s+(?:the\s+)?[^,;]{0,70}?)??\s*,?\s+(?=[A-Z])", after)
        if q:
            name = _person_after(after[q.end() :])
            if name and not _only_org_between(after[: q.end()]):
                name = None
        # "Firstname Lastname, [the] Title"
        if name is None:
            b = re.search(r"([A-Z][\w'’.-]*(?:\s+[\w'’.-]+){1,3}),\s+(?:the\s+|a\s+)?$", before)
            if b:
                name = _person_before(b.group(1))
        if name:
            out.append(RoleName(role, name, country))
    return out


def _only_org_between(text: str) -> bool:
    # The qualifier between a title and a name may name an organisation, not another person.
    return " and " not in text and "," not in text.strip().rstrip(",")


def _qualifier(before: str, after: str) -> str | None:
    for word in reversed(before.split()[-2:]):
        if country_of(word):
            return country_of(word)
    m = re.match(r"\s+of\s+(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+)?)", after)
    if m:
        for word in (m.group(1), m.group(1).split()[0]):
            if country_of(word):
                return country_of(word)
    return None


def same_person(a: str, b: str) -> bool:
    """True when two names plausibly denote one person (shared surname, spelling variants)."""
    ta = [t for t in re.split(r"[\s-]+", a) if len(t) > 2]
    tb = [t for t in re.split(r"[\s-]+", b) if len(t) > 2]
    ka = {skeleton(t) for t in ta if len(skeleton(t)) >= 2}
    kb = {skeleton(t) for t in tb if len(skeleton(t)) >= 2}
    if ka & kb:
        return True
    fa = {fold(t) for t in ta}
    return bool(fa & {fold(t) for t in tb})
