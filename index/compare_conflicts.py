"""Disagreements between two reports: numbers, money, dates, names in a role, places.

Conservative by design: details are only compared between sentences that were aligned (they
say the same thing) or that name the same specific role. A value that the other side states
anywhere nearby never counts as a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .compare_facts import DateRef, comparable, compatible, dates, places, quantities, same_amount
from .compare_roles import RoleName, role_names, same_person
from .compare_text import fold, skeleton
from .model import Conflict

CONFLICT_MIN = 0.4  # aligned pairs below this similarity are too loose to compare details
# Roles specific enough to compare across the whole of two same-story articles.
_SPECIFIC_ROLES = frozenset(
    """inspector general|chief of staff|defense minister|foreign minister|interior minister|
    prime minister|deputy prime minister|vice president|director general|ceo|
    secretary of state|secretary general|defense secretary|national security advisor|
    minister delegate|crown prince""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


def _surname_keys(name: str) -> set[str]:
    last = re.split(r"[\s-]+", name.strip())[-1]
    return {skeleton(last), fold(last)}


def _mentions(name: str, text_keys: set[str]) -> bool:
    return bool(_surname_keys(name) & text_keys)


def text_keys(text: str) -> set[str]:
    """Folded words and their skeletons, for "is this name mentioned at all" checks."""
    words = re.findall(r"[\w'’]+", text)
    keys = {fold(w) for w in words}
    keys.update(skeleton(w) for w in words if w[:1].isupper() and len(w) > 2)
    return keys


def _quantity_conflicts(a: str, b: str) -> list[tuple[str, str, str, str]]:
    qa, qb = quantities(a), quantities(b)
    out = []
    for key in {q.key for q in qa} & {q.key for q in qb}:
        va = [q for q in qa if q.key == key]
        vb = [q for q in qb if q.key == key]
        if any(same_amount(x, y) for x in va for y in vb):
            continue
        # A value repeated elsewhere in the other sentence (in another unit) is no conflict.
        if any(same_amount(x, y) for x in va for y in qb) or any(
            same_amount(x, y) for x in qa for y in vb
        ):
            continue
        if len(va) > 2 or len(vb) > 2:
            continue  # lists of figures: too easy to pair the wrong ones
        kind = "money" if va[0].money else "number"
        out.append((kind, va[0].surface, vb[0].surface, key.split(":", 1)[1]))
    return out


def _date_conflicts(a: str, b: str) -> list[tuple[str, str, str, str]]:
    da, db = dates(a), dates(b)
    if not da or not db:
        return []
    free_a = [x for x in da if not any(compatible(x, y) for y in db)]
    free_b = [y for y in db if not any(compatible(x, y) for x in da)]
    out = []
    for x in free_a:
        for y in free_b:
            if comparable(x, y) and _same_shape(x, y):
                out.append(("date", x.surface, y.surface, "date"))
                free_b.remove(y)
                break
    return out


def _same_shape(x: DateRef, y: DateRef) -> bool:
    # "November 2021" against "2020" is a real disagreement; "Tuesday" against "2021" is not
    # comparable; a year alone against a full date compares years only.
    return (x.weekday is None) == (y.weekday is None)


def _name_conflicts(
    ra: Sequence[RoleName], rb: Sequence[RoleName], keys_a: set[str], keys_b: set[str]
) -> list[tuple[str, str, str, str]]:
    out = []
    for x in ra:
        for y in rb:
            if x.role != y.role or (x.country and y.country and x.country != y.country):
                continue
            if same_person(x.name, y.name):
                continue
            if any(same_person(x.name, z.name) for z in rb if z.role == x.role):
                continue
            if _mentions(x.name, keys_b) or _mentions(y.name, keys_a):
                continue
            out.append(("name", x.name, y.name, x.role))
    return out


def _place_conflicts(a: str, b: str) -> list[tuple[str, str, str, str]]:
    pa, pb = places(a, locative_only=True), places(b, locative_only=True)
    all_a = {p.name for p, _ in places(a)} | {p.country for p, _ in places(a)}
    all_b = {p.name for p, _ in places(b)} | {p.country for p, _ in places(b)}
    out = []
    for x, xs in pa:
        if x.name in all_b or (x.country in all_b and x.level == "country"):
            continue
        for y, ys in pb:
            if y.name in all_a or x.level != y.level:
                continue
            if x.level == "city" and x.country == y.country:
                continue  # two cities of one country may both be right (a tour)
            out.append(("place", xs, ys, x.level))
            break
    return out


def find_conflicts(
    sa: Sequence[str],
    sb: Sequence[str],
    pairs: Sequence[tuple[int, int, float]],
    body_a: str,
    body_b: str,
    same_story: bool,
) -> list[Conflict]:
    """Every conflict between aligned sentences, plus role conflicts across same-story texts."""
    keys_a, keys_b = text_keys(body_a), text_keys(body_b)
    out: list[Conflict] = []
    seen: set[tuple[str, str, str]] = set()

    def add(found: list[tuple[str, str, str, str]], i: int, j: int) -> None:
        for kind, va, vb, role in found:
            key = (kind, fold(va), fold(vb))
            if key in seen:
                continue
            seen.add(key)
            out.append(Conflict(kind, va, vb, sa[i], sb[j], i, j, role))  # type: ignore[arg-type]

    roles_a = [role_names(s) for s in sa]
    roles_b = [role_names(s) for s in sb]
    for i, j, sim in pairs:
        if sim < CONFLICT_MIN:
            continue
        a, b = sa[i], sb[j]
        add(_quantity_conflicts(a, b), i, j)
        add(_date_conflicts(a, b), i, j)
        add(_name_conflicts(roles_a[i], roles_b[j], keys_a, keys_b), i, j)
        add(_place_conflicts(a, b), i, j)
    if same_story:
        add_roles = _role_conflicts_across(roles_a, roles_b, keys_a, keys_b)
        for i, j, found in add_roles:
            add(found, i, j)
    return out


def _role_conflicts_across(
    roles_a: Sequence[Sequence[RoleName]],
    roles_b: Sequence[Sequence[RoleName]],
    keys_a: set[str],
    keys_b: set[str],
) -> list[tuple[int, int, list[tuple[str, str, str, str]]]]:
    """Same-role conflicts between non-aligned sentences: only for specific roles, and only
    when neither name appears anywhere in the other article."""
    holders_a = [x for r in roles_a for x in r]
    holders_b = [y for r in roles_b for y in r]
    out = []
    for i, ra in enumerate(roles_a):
        for x in ra:
            if x.role not in _SPECIFIC_ROLES:
                continue
            for j, rb in enumerate(roles_b):
                found = [
                    c
                    for c in _name_conflicts(
                        [x], [y for y in rb if y.role == x.role], keys_a, keys_b
                    )
                    if not any(same_person(c[2], h.name) for h in holders_a if h.role == x.role)
                    and not any(same_person(c[1], h.name) for h in holders_b if h.role == x.role)
                ]
                if found:
                    out.append((i, j, found))
    return out
