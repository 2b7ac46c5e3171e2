"""Word positions from Whoosh's Positions values, decoded many at a time, and phrase checks.

A Positions value is a 4-byte big-endian count, then a protocol-2 pickle of the list of
position deltas (its stop byte may be trimmed). Unpickling one value per candidate
document dominated first-run phrase queries on large corpora, so values whose deltas all
fit in one byte, nearly all of them in news text, are read straight from the bytes with
numpy; any other value goes through `pickle`, with the same result.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from whoosh.formats import Format, Positions

from .blocks import PackedValues
from .postings import Ids, distinct

Decoder = Callable[[bytes], Iterable[int]]


class Values(Protocol):
    """A term's posting values by posting index: a list, or values decoded on access."""

    def __len__(self) -> int: ...

    def __getitem__(self, i: int, /) -> bytes: ...


# A list of n >= 2 one-byte ints pickles (protocol 2) as PROTO 2, EMPTY_LIST, BINPUT 0,
# MARK, n x (BININT1 d), APPENDS, STOP; a list of one as ..., BINPUT 0, BININT1 d, APPEND,
# STOP. Past 1,000 items pickle splits the appends, which the length check rejects.
_BININT1 = ord("K")
_HEAD = b"\x80\x02]q\x00"
_MANY_FIRST_ARG = 4 + len(_HEAD) + 2  # count, head, MARK, BININT1
_ONE_FIRST_ARG = 4 + len(_HEAD) + 1  # count, head, BININT1
_LIMIT = 1000
# Packs (candidate index, position) into one sortable key; positions stay far below it.
_SHIFT = np.int64(1) << np.int64(32)
# Above this slop, one membership pass per allowed gap costs more than the plain loop.
_MAX_VECTOR_SLOP = 16


def _positions(value: bytes) -> Iterable[int]:
    # Same positions as Positions.decode_positions, with the running sum done in C.
    body = value[4:] if value.endswith(b".") else value[4:] + b"."
    return accumulate(pickle.loads(body))


def position_decoder(fmt: Format) -> Decoder:
    """A function from a posting's stored value to the word's positions in the doc."""
    if type(fmt) is Positions:
        return _positions
    decode: Decoder = fmt.decode_positions
    return decode


def decode_many(values: Sequence[bytes]) -> tuple[Ids, Ids]:
    """(owner, position) for every position in `values`, where owner indexes `values`.

    Sorted by owner, then position.
    """
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    return decode_packed(b"".join(values), np.cumsum(lengths) - lengths, lengths)


def decode_packed(joined: bytes, starts: Ids, lengths: Ids) -> tuple[Ids, Ids]:
    """`decode_many` of the values at `starts` in `joined`, each `lengths` long."""
    count = len(starts)
    if count == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    # Padded, so the header reads below stay inside the buffer for any value.
    buf = np.frombuffer(joined + bytes(16), dtype=np.uint8)
    ok = lengths >= 4 + len(_HEAD) + 3
    at = np.where(ok, starts, 0)
    n = np.zeros(count, dtype=np.int64)
    for k in range(4):
        n = (n << 8) | buf[at + k].astype(np.int64)
    first = np.where(n == 1, starts + _ONE_FIRST_ARG, starts + _MANY_FIRST_ARG)
    # The full length, or one byte less when the stop byte was trimmed.
    full = np.where(n == 1, _ONE_FIRST_ARG + 3, _MANY_FIRST_ARG + 2 * n + 1)
    ok &= (n >= 1) & (n <= _LIMIT) & ((lengths == full) | (lengths == full - 1))
    for k, byte in enumerate(_HEAD):
        ok &= buf[np.where(ok, starts + 4 + k, 0)] == byte

    fast = np.flatnonzero(ok)
    sizes = n[fast]
    owner = np.repeat(fast, sizes)
    step = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    args = np.repeat(first[fast], sizes) + 2 * step
    opcode_ok = buf[args - 1] == _BININT1
    if not opcode_ok.all():  # a wider delta somewhere: those values take the slow path
        bad = distinct(owner[~opcode_ok], is_sorted=True)
        ok[bad] = False
        keep = ok[owner]
        owner, args = owner[keep], args[keep]
        step, sizes = step[keep], n[np.flatnonzero(ok)]
    deltas = buf[args].astype(np.int64)
    total = np.cumsum(deltas)
    # Each value's running sum restarts: subtract the total reached before it began.
    begins = np.cumsum(sizes) - sizes
    before = np.where(begins > 0, total[np.maximum(begins - 1, 0)], 0)
    positions = total - np.repeat(before, sizes)

    slow = np.flatnonzero(~ok)
    if slow.size:
        more = [list(_positions(_slice(joined, starts, lengths, i))) for i in slow.tolist()]
        owner = np.concatenate([owner, np.repeat(slow, [len(m) for m in more])])
        positions = np.concatenate([positions, np.fromiter((p for m in more for p in m), np.int64)])
        order = np.lexsort((positions, owner))
        owner, positions = owner[order], positions[order]
    return owner, positions


def phrase_docs(
    docs: list[int], words: Sequence[tuple[Values, list[int]]], decode: Decoder, slop: int
) -> list[int]:
    """The candidate docs where the words occur in order, each within `slop` of the last.

    `words` gives, per word, its posting values and the index of each candidate's posting.
    """
    if decode is _positions and 1 <= slop <= _MAX_VECTOR_SLOP:
        return _vector_phrase(docs, words, slop)
    keep: list[int] = []
    for k, doc in enumerate(docs):
        values, at = words[0]
        current = set(decode(values[at[k]]))
        for values, at in words[1:]:
            nxt = decode(values[at[k]])
            current = {p for p in nxt if any(0 < p - c <= slop for c in current)}
            if not current:
                break
        if current:
            keep.append(doc)
    return keep


def _slice(joined: bytes, starts: Ids, lengths: Ids, i: int) -> bytes:
    start = int(starts[i])
    return joined[start : start + int(lengths[i])]


def _keys(values: Values, at: list[int]) -> Ids:
    if isinstance(values, PackedValues):
        owner, positions = decode_packed(*values.take(np.asarray(at, dtype=np.int64)))
    else:
        owner, positions = decode_many([values[i] for i in at])
    return owner * _SHIFT + positions


def _vector_phrase(
    docs: list[int], words: Sequence[tuple[Values, list[int]]], slop: int
) -> list[int]:
    current = _keys(*words[0])
    for values, at in words[1:]:
        if current.size == 0:
            break
        nxt = _keys(values, at)
        hit = np.zeros(len(nxt), dtype=bool)
        for gap in range(1, slop + 1):
            hit |= _member(nxt - gap, current)
        current = nxt[hit]
    owners = distinct(current // _SHIFT, is_sorted=True)
    kept: list[int] = np.asarray(docs, dtype=np.int64)[owners].tolist()
    return kept


def _member(keys: Ids, sorted_keys: Ids) -> NDArray[np.bool_]:
    """Which of `keys` are in `sorted_keys` (sorted, non-empty)."""
    i = np.searchsorted(sorted_keys, keys)
    i[i == len(sorted_keys)] = 0
    return np.asarray(sorted_keys[i] == keys)
