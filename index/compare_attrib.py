# ruff: noqa: E501  (one pattern per line reads better than split regex fragments)
"""Attribution phrases: who a report says its information comes from.

"according to the Moroccan army", "Haaretz reported", "the ministry said in a statement",
"an IDF spokesperson told Xinhua", "selon le ministère", "بحسب ..." are found with patterns over
each sentence; `who` is the source's noun phrase.
"""

from __future__ import annotations

import re

from .compare_text import split_sentences
from .model import Attribution

_VERBS = (
    r"said|says|stated|announced|reported|reports|added|noted|confirmed|claimed|told|"
    r"declared|explained|indicated|revealed|wrote|tweeted|continued|quoted"
)
# A source: up to six words, starting with a determiner or a capital, not crossing punctuation.
_NP = (
    r"(?:(?:the|a|an|its|his|her|their|one of the|one|two|several|some)\s+)?"
    r"(?:[A-Z\u0600-\u06ff][\w'’.&-]*|[a-z][\w'’-]*)(?:\s+(?:of\s+the\s+|of\s+|for\s+)?"
    r"[\w'’.&-]+){0,6}?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("according_to", re.compile(r"\b[Aa]ccording to (?P<who>" + _NP + r")(?=[,.;:)]|\s+(?:on|in|which|who|that|as|the|a)\b|$)")),
    ("according_to", re.compile(r"\b(?:[Ss]elon|[Dd]'après|[Dd]’après) (?P<who>" + _NP + r")(?=[,.;:)]|$)")),
    ("citing", re.compile(r"\b(?:citing|quoting) (?P<who>" + _NP + r")(?=[,.;:)]|$)")),
    ("statement", re.compile(r"(?P<who>(?:[A-Z][\w'’.&-]*\s+){0,5}[\w'’.&-]+)\s+(?:said|announced|stated)\s+in\s+a\s+(?:press\s+)?(?:statement|release|communiqu[eé])")),
    ("statement", re.compile(r"\b[Ii]n a (?:press )?(?:statement|release)(?: on \w+)?, (?P<who>" + _NP + r") (?:said|announced|stated)")),
    ("told", re.compile(r"(?P<who>(?:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,2},\s+)?(?:\(?[A-Z][\w'’.&-]*\)?\s+|(?:an?|the)\s+|[a-z]+\s+){0,6}(?:spokesperson|spokesman|spokeswoman|official|officials|source|sources|[A-Z][\w'’.&-]*))\s+told\s+(?P<via>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}(?:\s+(?:media|news agency|newspaper|daily|radio|television|TV))?)")),
    ("statement", re.compile(r"\b(?:[Aa] )?(?:statement|communiqu[eé]|press release) (?:issued|released|published) by (?P<who>" + _NP + r")(?=[,.;:)]|\s+(?:on|in|said|says|indicated|stated|added)\b|$)")),
    ("reported", re.compile(r"(?P<who>(?:[A-Z][\w'’.&-]*\s+){0,4}[A-Z][\w'’.&-]*(?:\s+(?:news\s+)?(?:agency|newspaper|daily|website|media))?)\s+(?:reported|reports|has reported|quoted)\b")),
    ("reported", re.compile(r"\b(?:reported|revealed|first reported) by (?P<who>" + _NP + r")(?=[,.;:)]|$)")),
    ("said", re.compile(r"[,”\"]\s*(?:" + _VERBS + r")\s+(?P<who>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,6}?)(?=[,.;:]|\s+(?:on|in|at|after|during|adding)\b|$)")),
    ("said", re.compile(r"(?P<who>(?:the\s+|The\s+)?(?:[A-Z][\w'’.&-]*\s+){0,4}(?:[A-Z][\w'’.&-]*|spokesperson|spokesman|ministry|army|official|officials|sources|statement))(?:\s+on\s+[A-Z][a-z]+day)?\s+(?:said|says|stated|announced|confirmed|added|continued)\b")),
    ("said", re.compile(r"(?P<who>(?:[A-Z][\w'’.&-]*\s+){0,4}[A-Z][\w'’.&-]*)\s+(?:a\s+)?(?:déclaré|indiqué|affirmé|annoncé)\b")),
    ("according_to", re.compile(r"(?:بحسب|حسب|وفقا ل|وفق|نقلا عن)\s+(?P<who>(?:\S+\s*){1,4}?)(?=[،,.]|$)")),
]  # fmt: skip
# Every pattern needs one of these words: a cheap test that skips most sentences.
_TRIGGERS = (
    "said", "says", "stated", "announced", "report", "added", "noted", "confirmed", "claimed",
    "told", "declared", "explained", "indicated", "revealed", "wrote", "tweeted", "continued",
    "quot", "according", "selon", "après", "citing", "statement", "release", "communiqu",
    "déclaré", "indiqué", "affirmé", "annoncé", "حسب", "وفق", "نقلا",
)  # fmt: skip
# The words each pattern cannot match without (same order as _PATTERNS): most sentences
# need only one or two of the patterns run.
_SAID = ("said", "says", "stated", "announced", "added", "confirmed", "continued", "noted",
         "reported", "reports", "claimed", "told", "declared", "explained", "indicated", "revealed",
         "wrote", "tweeted", "quoted")  # fmt: skip
_NEEDS: list[tuple[str, ...]] = [
    ("according",),
    ("selon", "après"),
    ("citing", "quoting"),
    ("statement", "release", "communiqu"),
    ("statement", "release"),
    ("told",),
    ("statement", "communiqu", "release"),
    ("report", "quoted"),
    ("reported", "revealed"),
    _SAID,
    ("said", "says", "stated", "announced", "confirmed", "added", "continued"),
    ("déclaré", "indiqué", "affirmé", "annoncé"),
    ("حسب", "وفق", "نقلا"),
]
_BAD_WHO = re.compile(
    r"^(?:it|he|she|they|we|i|this|that|which|who|there|and|but|also|then|has|have|had|was|"
    r"is|the|a|an|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)$",
    re.IGNORECASE,
)


def _clean(who: str) -> str:
    who = who.strip(" ,.;:\"“”'()")
    who = re.sub(r"^(?:and|but|as|while|when|after)\s+", "", who, flags=re.IGNORECASE)
    return who


def sentence_attributions(sentence: str, index: int) -> list[Attribution]:
    """Attributions in one sentence (one per distinct source and kind)."""
    out: list[Attribution] = []
    seen: set[str] = set()
    low = sentence.lower()
    if not any(t in low for t in _TRIGGERS):
        return out
    for (kind, pattern), needs in zip(_PATTERNS, _NEEDS, strict=True):
        if not any(t in low for t in needs):
            continue
        for m in pattern.finditer(sentence):
            who = _clean(m.group("who"))
            if not who or _BAD_WHO.match(who) or len(who) > 80:
                continue
            key = who.lower()
            if any(key in s or s in key for s in seen):
                continue
            seen.add(key)
            via = m.groupdict().get("via")
            if via:
                who = f"{who} (to {via.strip()})"
            out.append(Attribution(m.group().strip(" ,"), who, index, kind))
    return out


def attributions(text: str) -> list[Attribution]:
    """Every attribution phrase in `text`, with the index of its sentence."""
    out: list[Attribution] = []
    for i, sentence in enumerate(split_sentences(text)):
        out.extend(sentence_attributions(sentence.text, i))
    return out
