"""Frozen dataclasses of comparisons: aligned sentences, shared passages, conflicts.

Split from `model.py` to keep modules small; `model` re-exports every name here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PairKind = Literal["verbatim", "same_story", "related", "unrelated"]
ConflictKind = Literal["number", "money", "date", "name", "place"]


@dataclass(frozen=True)
class AlignedPair:
    """Two sentences, one per article, that say the same thing ("same"), nearly
    ("paraphrase"), or that complete another pair ("merged": one side wrote in one
    sentence what the other wrote in two, so one index appears in two pairs)."""

    a_index: int
    b_index: int
    a_sentence: str
    b_sentence: str
    similarity: float
    kind: str = "paraphrase"  # "same" | "paraphrase" | "merged"


@dataclass(frozen=True)
class SharedPassage:
    """A verbatim run of words found in both bodies ([start, end) character offsets)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str
    words: int


@dataclass(frozen=True)
class Conflict:
    """Two aligned (or same-role) sentences that give different values for one detail."""

    kind: ConflictKind
    a_value: str
    b_value: str
    a_sentence: str
    b_sentence: str
    a_index: int
    b_index: int
    role: str = ""  # what the values stand for, e.g. "inspector general" or "usd"


@dataclass(frozen=True)
class Attribution:
    """An attribution phrase ("according to X", "X said in a statement") and its source."""

    text: str
    who: str
    sentence_index: int
    kind: str = "said"  # according_to | said | statement | told | reported | citing


@dataclass(frozen=True)
class Comparison:
    """Everything the Compare pane and `defexplore compare` show for two articles.

    Sentence indices refer to `a_sentences` / `b_sentences`; spans are body offsets.
    """

    a_id: str
    b_id: str
    similarity: float
    kind: PairKind
    reuse_a: float
    reuse_b: float
    a_sentences: tuple[str, ...]
    b_sentences: tuple[str, ...]
    pairs: tuple[AlignedPair, ...]
    only_a: tuple[int, ...]
    only_b: tuple[int, ...]
    passages: tuple[SharedPassage, ...]
    conflicts: tuple[Conflict, ...]
    attributions_a: tuple[Attribution, ...] = ()
    attributions_b: tuple[Attribution, ...] = ()
    a_spans: tuple[tuple[int, int], ...] = ()
    b_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles that copy one another ("verbatim") or report one event ("same_story").

    `origin` is the earliest-published member of a verbatim group (the likely wire source).
    """

    kind: str
    article_ids: tuple[str, ...]
    origin: str | None = None
    score: float = 0.0
