"""Whoosh3 posting blocks, read without unpickling what the query does not need.

A block's data is a protocol-2 pickle of (ids, weights, values), usually zlib-compressed.
For a field with positions, the values are most of it, and protocol 2 rebuilds each bytes
value through a call to `_codecs.encode`: unpickling them was most of the cost of reading
a block. So:
- without values, only the start of a block is decompressed and unpickled, up to where
  the values begin;
- with values, they stay in the decompressed blocks as the UTF-8 text the pickle holds.
  All blocks of a term are searched at once with numpy for where each value lies, and a
  query converts to bytes only the values of its candidate documents.
Whatever does not look exactly as expected goes through an ordinary unpickling.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Ids = NDArray[np.int64]

# The values part starts with the `_codecs.encode` global (after a MARK when there are
# more than three values); the global is then memoized (BINPUT) and each later value
# fetches it back (BINGET) before its text.
_VALUES_START = b"c_codecs\nencode\n"
_MARK = ord("(")
# Closes the ids and weights as the 3-tuple Whoosh wrote, with None for the values.
_CLOSE = b"N\x87."
_BINPUT, _BINGET, _BINUNICODE, _STOP = ord("q"), ord("h"), ord("X"), ord(".")
_BAD_PICKLE = (pickle.UnpicklingError, ValueError, TypeError, EOFError, IndexError)


@dataclass(frozen=True)
class RawValues:
    """A block's values still inside its decompressed pickle; `at` is where the global is."""

    data: bytes
    at: int
    count: int

    def unpickled(self) -> list[bytes]:
        return list(pickle.loads(self.data)[2])


BlockValues = RawValues | list[bytes]


def read_block(m: Any, values: bool) -> tuple[Sequence[Any], Any, BlockValues | None]:
    """The current block's raw ids, raw weights and (with `values`) its values."""
    n = int(m._blocklength)
    data = _data(m, whole=values)
    at = -1 if data is None else data.find(_VALUES_START)
    if data is not None and at > 0:
        head = _ids_and_weights(data[: at - 1 if data[at - 1] == _MARK else at] + _CLOSE, n)
        if head is not None:
            return head[0], head[1], RawValues(data, at, n) if values else None
    elif data is not None and not values:
        # No values part (ID and KEYWORD fields pickle (ids, None, None)): `data` is the
        # whole block already, so it is unpickled here rather than read a second time.
        whole = _ids_and_weights(data, n)
        if whole is not None:
            return whole[0], whole[1], None
    m._read_data()
    raw_ids, raw_weights, _ = m._data
    if not values:
        return raw_ids, raw_weights, None
    m._read_values()
    return raw_ids, raw_weights, list(m._values)


def _data(m: Any, whole: bool) -> bytes | None:
    """The block's decompressed data: all of it, or at least up to where values start."""
    try:
        raw = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
        if not m._compression:
            return bytes(raw)
        if whole:
            return zlib.decompress(raw)
        # An id takes at most 5 bytes and a weight 9, so this nearly always suffices.
        limit = 16 * int(m._blocklength) + 64
        unzip = zlib.decompressobj()
        out = unzip.decompress(raw, limit)
        while _VALUES_START not in out and unzip.unconsumed_tail:
            out += unzip.decompress(unzip.unconsumed_tail, limit)
        if _VALUES_START not in out:  # no values part: then all of the block is wanted
            out += unzip.flush()
        return out
    except (AttributeError, TypeError, zlib.error):
        return None


def _ids_and_weights(pickled: bytes, n: int) -> tuple[Sequence[Any], Any] | None:
    """The ids and weights of a block's (ids, weights, values) pickle, if they check out."""
    try:
        raw_ids, raw_weights, _values = pickle.loads(pickled)
    except _BAD_PICKLE:
        return None
    weights_ok = raw_weights is None or isinstance(raw_weights, float) or len(raw_weights) == n
    return (raw_ids, raw_weights) if len(raw_ids) == n and weights_ok else None


class PackedValues:
    """One term's posting values, in posting order, as UTF-8 texts of Latin-1 strings."""

    def __init__(self, blocks: Sequence[BlockValues]) -> None:
        raw = [b for b in blocks if isinstance(b, RawValues)]
        raw_at = [k for k, b in enumerate(blocks) if isinstance(b, RawValues)]
        starts, lengths, owners, ok = _locate(raw)
        found = ok[owners]
        index = np.array(raw_at, dtype=np.int64)
        parts = [(starts[found], lengths[found], index[owners[found]])]
        located = {k for k, good in zip(raw_at, ok.tolist(), strict=True) if good}
        texts: list[bytes] = []
        base = sum(len(b.data) for b in raw)
        for k, block in enumerate(blocks):
            if k in located:
                continue
            values = block.unpickled() if isinstance(block, RawValues) else block
            encoded = [v.decode("latin-1").encode("utf-8") for v in values]
            size = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
            parts.append((base + np.cumsum(size) - size, size, np.full(len(size), k)))
            texts.extend(encoded)
            base += int(size.sum())
        self._buf = b"".join([*(b.data for b in raw), *texts])
        # Values of blocks read the ordinary way sit after the others: restore the order.
        order = np.argsort(np.concatenate([p[2] for p in parts]), kind="stable")
        self._starts = np.concatenate([p[0] for p in parts])[order]
        self._lengths = np.concatenate([p[1] for p in parts])[order]

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> bytes:
        start = int(self._starts[i])
        return self._buf[start : start + int(self._lengths[i])].decode("utf-8").encode("latin-1")

    def take(self, at: Ids) -> tuple[bytes, Ids, Ids]:
        """The values at posting indexes `at`, joined: (bytes, starts, lengths)."""
        starts, lengths = self._starts[at], self._lengths[at]
        ends = np.cumsum(lengths)
        step = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
        gathered = np.frombuffer(self._buf, dtype=np.uint8)[
            np.repeat(starts - (ends - lengths), lengths) + step
        ]
        # A Latin-1 character above 127 is two bytes in UTF-8, led by 0xC2 or 0xC3.
        leads = np.concatenate([[0], np.cumsum(gathered >= 0xC0)])
        shrink = leads[ends] - leads[ends - lengths]
        text = gathered.tobytes().decode("utf-8").encode("latin-1")
        sizes = lengths - shrink
        return text, np.cumsum(sizes) - sizes, sizes


def _locate(blocks: list[RawValues]) -> tuple[Ids, Ids, Ids, NDArray[np.bool_]]:
    """Where the blocks' values lie in their joined data: (starts, lengths, block, ok).

    Each value is the text of a BINUNICODE opcode: after the global's BINPUT for the
    first, after a BINGET of it for the others. A text cannot hold those three bytes in
    a row (its count and deltas are far too small), and a block whose count or layout
    does not check out is marked not ok, for an ordinary unpickling.
    """
    empty = np.zeros(0, dtype=np.int64)
    if not blocks:
        return empty, empty, empty, np.zeros(0, dtype=bool)
    sizes = np.array([len(b.data) for b in blocks], dtype=np.int64)
    bases = np.cumsum(sizes) - sizes
    buf = np.frombuffer(b"".join(b.data for b in blocks) + bytes(8), dtype=np.uint8)
    puts = bases + np.array([b.at for b in blocks], dtype=np.int64) + len(_VALUES_START)
    ok = (buf[puts] == _BINPUT) & (buf[puts + 2] == _BINUNICODE)
    memos = buf[puts + 1]
    gets = np.flatnonzero((buf[:-2] == _BINGET) & (buf[2:] == _BINUNICODE))
    owner = np.searchsorted(bases, gets, side="right") - 1
    keep = (gets > puts[owner]) & (buf[gets + 1] == memos[owner])
    opcodes = np.concatenate([puts + 2, gets[keep] + 2])
    owners = np.concatenate([np.arange(len(blocks)), owner[keep]])
    order = np.argsort(opcodes, kind="stable")
    opcodes, owners = opcodes[order], owners[order]
    ok &= np.bincount(owners, minlength=len(blocks)) == [b.count for b in blocks]
    size = np.zeros(len(opcodes), dtype=np.int64)
    for k in range(4, 0, -1):  # the text's little-endian 4-byte length
        size = (size << 8) | buf[opcodes + k].astype(np.int64)
    starts = opcodes + 5
    ends = starts + size
    # A text ends with the pickle's STOP, inside its block, before the next opcode.
    same = np.append(owners[1:] == owners[:-1], False)
    fits = (ends <= (bases + sizes)[owners]) & (~same | (ends < np.append(opcodes[1:], 0)))
    fits &= buf[np.minimum(ends, len(buf)) - 1] == _STOP
    ok[owners[~fits]] = False
    return starts, size, owners, ok
