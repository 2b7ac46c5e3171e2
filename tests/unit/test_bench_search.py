"""Smoke test of the search benchmark: synthetic corpus, FTS5 reference and Whoosh side.

No timing assertions: it checks that both engines index the same documents and count the
same matches for simple queries, and that the report renders.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench.common import iter_jsonl, percentile, repeat_docs
from bench.fts5 import Fts5Index
from bench.queries import DEFAULT_QUERIES, BenchQuery
from bench.report import render
from bench.search import one_run
from bench.synthetic import generate, write_corpus


def _docs_with_word(docs: list[dict[str, object]], word: str) -> int:
    """Independent count: documents whose title or text contains `word` as a token."""
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    return sum(1 for d in docs if pattern.search(f"{d['title']} {d['text']}"))


def test_synthetic_corpus_is_deterministic_and_dated_in_1987() -> None:
    a = list(generate(50, seed=7))
    b = list(generate(50, seed=7))
    c = list(generate(50, seed=8))
    assert a == b
    assert a != c
    assert len({d["id"] for d in a}) == 50
    assert all(str(d["date"]).startswith("1987-") for d in a)


def test_repeat_docs_suffixes_ids() -> None:
    base = [{"id": "x1", "text": "a"}, {"id": "x2", "text": "b"}, {"id": "x3", "text": "c"}]
    out = list(repeat_docs(base, 2, limit=2))
    assert [d["id"] for d in out] == ["x1-r1", "x2-r1", "x1-r2", "x2-r2"]
    assert list(repeat_docs(base, 1)) == base


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([0.0, 10.0], 95) == 9.5


def test_fts5_counts_match_an_independent_count(tmp_path: Path) -> None:
    docs = list(generate(200, seed=3))
    index = Fts5Index.create(tmp_path / "f.db")
    assert index.ingest(docs) == 200
    total, rows = index.search(BenchQuery("term", "wheat", "wheat"))
    assert total == _docs_with_word(docs, "wheat") > 0
    assert 0 < len(rows) <= 20
    in_march = sum(1 for d in docs if str(d["date"])[:7] == "1987-03")
    total, rows = index.search(BenchQuery("date", "", None, "1987-03-01", "1987-03-31"))
    assert total == in_march
    # Newest first.
    assert len(rows) == min(20, in_march)
    index.close()


def test_both_engines_run_on_a_small_corpus(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.jsonl"
    write_corpus(path, 200, seed=5)
    docs = list(iter_jsonl(path))
    queries = (
        DEFAULT_QUERIES[0],  # oil
        BenchQuery("phrase", '"trade deficit"', '"trade deficit"'),
        BenchQuery("fielded", "title:wheat", "title:wheat"),
    )
    args = argparse.Namespace(engines=["whoosh", "fts5"], cold=1, rounds=1)
    runs = one_run(path, queries, tmp_path / "work", args)
    whoosh, fts5 = runs["whoosh"], runs["fts5"]
    assert whoosh.docs == fts5.docs == 200
    assert whoosh.size_bytes > 0 and fts5.size_bytes > 0
    assert whoosh.ingest_s > 0 and len(whoosh.cold_s) == 1
    assert len(whoosh.latency_s) == len(fts5.latency_s) == 3
    assert not whoosh.errors
    oil = _docs_with_word(docs, "oil")
    assert whoosh.totals[0] == fts5.totals[0] == oil > 0
    # Same phrase, same count in both engines.
    assert whoosh.totals[1] == fts5.totals[1]
    text = render("synthetic", queries, [runs], rounds=1, verbose=True)
    assert "ingest (docs/s)" in text and "query p95 (ms)" in text
    assert '"trade deficit"' in text
