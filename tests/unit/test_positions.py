"""Bulk position decoding and phrase checks agree with Whoosh's own Positions format."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from defexplore.index.blocks import PackedValues, RawValues
from defexplore.index.positions import decode_many, phrase_docs, position_decoder
from defexplore.index.postings import leaf_blocks
from whoosh import index as windex
from whoosh.fields import ID, TEXT, Schema
from whoosh.formats import Positions

FORMAT = Positions()


def _value(positions: list[int], trim: bool = False) -> bytes:
    encoded: bytes = FORMAT.encode(positions)
    return encoded[:-1] if trim else encoded


def _lists(rng: random.Random, count: int) -> list[list[int]]:
    out = []
    for _ in range(count):
        n = rng.choice([1, 1, 2, 3, 5, 20, 200, 1001, 1500])
        step = rng.choice([3, 40, 200, 300, 70_000])  # some deltas need two or four bytes
        start = rng.randrange(0, 600)
        out.append(sorted({start + rng.randrange(0, step * n + 1) for _ in range(n)}))
    return out


def test_decode_many_matches_whoosh_on_every_value_shape() -> None:
    rng = random.Random(7)
    lists = _lists(rng, 300)
    values = [_value(p, trim=rng.random() < 0.3) for p in lists]
    owner, positions = decode_many(values)
    expected_owner = [i for i, p in enumerate(lists) for _ in p]
    expected = [x for p in lists for x in p]
    assert owner.tolist() == expected_owner
    assert positions.tolist() == expected
    # and each value alone, as Whoosh decodes it
    for value, plist in zip(values, lists, strict=True):
        assert FORMAT.decode_positions(value) == plist


def test_decode_many_of_nothing() -> None:
    owner, positions = decode_many([])
    assert owner.size == 0 and positions.size == 0


@pytest.mark.parametrize("slop", [1, 2, 3])
@pytest.mark.parametrize("nwords", [2, 3])
def test_vector_phrase_check_matches_the_plain_loop(slop: int, nwords: int) -> None:
    rng = random.Random(slop * 10 + nwords)
    docs = list(range(0, 400, 2))
    words = []
    for _ in range(nwords):
        # Short documents and few distinct positions, so phrases often do occur.
        lists = [sorted(rng.sample(range(30), rng.randint(1, 8))) for _ in docs]
        # Postings sit in their own order; `at` says where each candidate's one is.
        at = list(range(len(docs)))
        rng.shuffle(at)
        values = [b""] * len(docs)
        for k, i in enumerate(at):
            values[i] = _value(lists[k])
        words.append((values, at))
    fast = phrase_docs(docs, words, position_decoder(FORMAT), slop)
    plain = phrase_docs(docs, words, FORMAT.decode_positions, slop)
    assert fast == plain
    assert 0 < len(plain) < len(docs)  # the check both keeps and drops documents


def test_phrase_needs_the_words_in_order() -> None:
    first = [_value([0, 10]), _value([5])]
    second = [_value([1]), _value([4])]
    docs = phrase_docs([3, 9], [(first, [0, 1]), (second, [0, 1])], position_decoder(FORMAT), 1)
    assert docs == [3]
    assert np.asarray(docs).dtype.kind == "i"


def _index(tmp_path: Path, docs: list[str]) -> Any:
    schema = Schema(body=TEXT())
    ix = windex.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for text in docs:
            writer.add_document(body=text)
    return ix


def test_blocks_read_without_unpickling_values_match_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta"]
    # Enough documents for several 128-posting blocks, some long enough for deltas
    # above 255, and varied term frequencies (weights).
    docs = [
        " ".join(rng.choice(words) for _ in range(rng.choice([3, 40, 700]))) for _ in range(450)
    ]
    ix = _index(tmp_path, docs)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in words:
            expected = [
                (d, w, v)
                for d, w, v in zip(*_whoosh_postings(reader.postings("body", word)), strict=True)
            ]
            plain = leaf_blocks(reader.postings("body", word), values=False)
            full = leaf_blocks(reader.postings("body", word), values=True)
            for ids, weights, _values in (plain, full):
                assert ids.tolist() == [d for d, _w, _v in expected]
                assert weights.tolist() == [w for _d, w, _v in expected]
            assert len(full[2]) > 2  # the term spans several blocks
            assert all(isinstance(b, RawValues) for b in full[2])
            # Every block's values are found in place: none is unpickled.
            monkeypatch.setattr(RawValues, "unpickled", _must_not_unpickle)
            packed = PackedValues(full[2])
            assert [packed[i] for i in range(len(packed))] == [v for _d, _w, v in expected]
            at = np.array(sorted(rng.sample(range(len(packed)), 50)), dtype=np.int64)
            joined, starts, lengths = packed.take(at)
            taken = [
                joined[s : s + n] for s, n in zip(starts.tolist(), lengths.tolist(), strict=True)
            ]
            assert taken == [expected[i][2] for i in at.tolist()]


def _whoosh_postings(m: Any) -> tuple[list[int], list[float], list[bytes]]:
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value())
        m.next()
    return ids, weights, values


def _must_not_unpickle(self: RawValues) -> list[bytes]:
    raise AssertionError("a block's values were not found in place")


def test_blocks_without_values_are_read_once(tmp_path: Path) -> None:
    # ID fields store (ids, None, None) blocks: the reader must not fall back to a
    # second, ordinary read of each block.
    ix = windex.create_in(str(tmp_path), Schema(tag=ID()))
    with ix.writer() as writer:
        for i in range(400):
            writer.add_document(tag="even" if i % 2 else "odd")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        expected = _whoosh_postings(reader.postings("tag", "even"))[0]
        matcher = reader.postings("tag", "even")
        matcher._read_data = _must_not_read_again
        ids, weights, values = leaf_blocks(matcher, values=False)
    assert ids.tolist() == expected and len(expected) == 200
    assert weights.tolist() == [1.0] * 200 and values == []


def _must_not_read_again() -> None:
    raise AssertionError("a block was read a second time")
