"""Reading Whoosh postings and field lengths as numpy arrays.

Everything here that reaches into Whoosh's whoosh3 codec (posting blocks, the lengths
column, the Positions encoding) checks for what it needs and otherwise uses the public
per-posting API, so another Whoosh release costs speed, not results.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray
from whoosh.columns import NumericColumn
from whoosh.fields import NUMERIC
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length

from .blocks import BlockValues, PackedValues, read_block

Ids = NDArray[np.int64]
Weights = NDArray[np.float64]
Block = tuple[Ids, Weights, list[BlockValues]]

# Whoosh stores a field's length per document as one byte; 0 reads as the default 1.
_LENGTHS = np.array([byte_to_length(b) if b else 1 for b in range(256)], dtype=np.float64)


def distinct(values: Ids, *, is_sorted: bool = False) -> Ids:
    """The sorted distinct values.

    `np.unique` imports `numpy.ma` on first use (about 40 ms), which would land on
    some user's first query; this does the same for plain integer arrays.
    """
    out = values if is_sorted else np.sort(values)
    if out.size < 2:
        return out
    keep = np.empty(out.size, dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


@dataclass
class Postings:
    """One term's postings across all segments: global docnums, weights and raw values."""

    ids: Ids
    weights: Weights
    values: PackedValues | None


def _overlaps(within: Ids, lo: int, hi: int) -> bool:
    i = int(np.searchsorted(within, lo))
    return i < len(within) and int(within[i]) <= hi


def leaf_blocks(m: Any, values: bool, within: Ids | None = None) -> Block:
    """(docnums, weights, values per block) of one segment's postings.

    With `within` (sorted segment docnums), blocks holding none of them are skipped
    unread: a block header gives its last docnum, so its range is known before its data
    is unpickled. The blocks' ids and weights are gathered in lists and turned into
    arrays once per segment: per-block numpy calls cost more than the data.
    """
    if isinstance(m, FilterMatcher):  # deleted documents: the caller masks them out
        m = m.child
    if not (hasattr(m, "_read_data") and hasattr(m, "_next_block")):
        return _public_blocks(m, values)
    raw_ids: list[int] = []
    raw_weights: list[float] = []
    vals: list[BlockValues] = []
    starts: list[int] = []
    tops: list[int] = []
    last = -1
    while m.is_active():
        top = int(m.block_max_id())
        if within is None or _overlaps(within, last + 1, top):
            ids, weights, block_values = read_block(m, values)
            starts.append(len(raw_ids))
            tops.append(top)
            raw_ids.extend(ids)
            if weights is None or isinstance(weights, float):
                raw_weights.extend([1.0 if weights is None else weights] * len(ids))
            else:
                raw_weights.extend(weights)
            if block_values is not None:
                vals.append(block_values)
        last = top
        m._next_block()
    out = np.array(raw_ids, dtype=np.int64)
    if not m._byteids and starts:
        out = _undelta(out, starts, tops)
    return out, np.array(raw_weights, dtype=np.float64), vals


def _undelta(deltas: Ids, starts: list[int], tops: list[int]) -> Ids:
    """Docnums from blocks of deltas, each block's first delta counted from 0."""
    # Count every block's first delta from the last docnum of the block before it (its
    # header's maximum), then one running sum decodes them all.
    shifted = deltas.copy()
    shifted[starts[1:]] -= np.asarray(tops[:-1], dtype=np.int64)
    out = np.cumsum(shifted)
    ends = [*(s - 1 for s in starts[1:]), len(out) - 1]
    if out[ends].tolist() == tops:
        return out
    # A header whose maximum is not the block's last id: decode block by block.
    bounds = [*starts, len(deltas)]
    return np.concatenate([np.cumsum(deltas[a:b]) for a, b in pairwise(bounds)])


def _public_blocks(m: Any, values: bool) -> Block:
    # Inline postings of rare terms, or another codec: one posting at a time.
    id_list: list[int] = []
    weight_list: list[float] = []
    val_list: list[Any] = []
    while m.is_active():
        id_list.append(m.id())
        weight_list.append(m.weight())
        if values:
            val_list.append(m.value())
        m.next()
    vals: list[BlockValues] = [val_list] if values else []
    return np.array(id_list, dtype=np.int64), np.array(weight_list), vals


def unsigned_column(reader: IndexReader, field: str) -> NDArray[np.int64] | None:
    """Every document's value of an unsigned 32-bit NUMERIC column, read in one go.

    Whoosh's column reader unpacks and translates one value per document; for such a
    column both steps are the identity on big-endian words. None when the column is not
    stored that way.
    """
    fobj = reader.schema[field]
    if not (isinstance(fobj, NUMERIC) and fobj.sortable_typecode == "I"):
        return None
    if fobj.signed or fobj.decimal_places or fobj.numtype is not int:
        return None
    col = reader.column_reader(field, translate=False)
    if not isinstance(col, NumericColumn.Reader):
        return None  # e.g. a segment without the column
    try:
        count, width = int(col._count), int(col._fixedlen)
        raw = col._dbfile.get(col._basepos, count * width)
        # Documents past the last written value read as the column's default.
        out = np.full(reader.doc_count_all(), int(col._default), dtype=np.int64)
        out[:count] = np.frombuffer(raw, dtype=">u4")[: len(out)]
        return out
    except (AttributeError, TypeError, ValueError):
        return None


def segment_lengths(reader: IndexReader, field: str) -> Weights:
    """Every document's length in `field` for one segment, as Whoosh's scorer reads it."""
    size = reader.doc_count_all()
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = b"" if column is None else column._dbfile.get(column._basepos, column._count)
        codes = np.zeros(size, dtype=np.uint8)
        codes[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)[:size]
        return _LENGTHS[codes]
    except (AttributeError, ImportError):
        return np.array([reader.doc_field_length(d, field, 1) for d in range(size)], float)
