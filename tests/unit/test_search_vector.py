"""Search through the array evaluator (index/vector.py) against Whoosh's own matchers.

Whoosh, searching the same index with the same parsed query, is the oracle: the set of
matches, their order and their scores must agree, across segments and deletions. (Not for
wildcards or ranges that expand to several terms: below 5,000 documents Whoosh scores
those as a constant, above it term by term, which is what the evaluator always does.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.fastpath import DATE_FIELD
from defexplore.index.postings import unsigned_column
from defexplore.index.query import QueryBuilder
from whoosh import index as windex

from bench.synthetic import write_corpus

QUERIES = (
    "oil",
    "said",
    "company",
    "export*",
    "agricultur*",
    "wheet~1",
    '"trade deficit"',
    '"interest rates"',
    "oil AND opec",
    "wheat OR corn",
    "dollar NOT yen",
    "NOT oil",
    "(coffee OR cocoa) AND brazil",
    "title:oil",
    "title:dollar AND body:yen",
    "source:reuters AND coffee",
    'body:"crude oil" AND title:prices',
    "published:[1987-03-01 to 1987-03-31]",
    "oil AND published:[1987-03-01 to 1987-03-31]",
    "oil AND published:{19870301 to 19870331}",
    "oil^2 OR wheat",
    "oil (wheat OR corn)^2",
    '"crude oil"~3',
    "oil ANDMAYBE opec",
    "oil ANDNOT opec",
    "ex*rt",
    "oil AND NOT wheat AND NOT corn",
    # Every(field): not handled by the array evaluator, so Whoosh's matchers run it.
    "title:* AND wheat",
)


def _oracle(root: Path, text: str) -> list[tuple[str, float]]:
    """(id, score) of every match, best first, from a plain Whoosh search."""
    query = QueryBuilder().prepare(text).query
    with windex.open_dir(str(root / "articles")).searcher() as searcher:
        reader = searcher.reader()
        # Whoosh's NOT matcher yields deleted documents of a segment; nothing else does.
        return [
            (hit["id"], hit.score)
            for hit in searcher.search(query, limit=None)
            if not reader.is_deleted(hit.docnum)
        ]


def _check(corpus: Corpus, text: str, limit: int = 15) -> int:
    expected = _oracle(corpus.root, text)
    result = corpus.search(text, limit=limit)
    assert result.error is None, text
    assert result.total == len(expected), text
    assert [h.id for h in result.hits] == [i for i, _ in expected[:limit]], text
    for hit, (_id, score) in zip(result.hits, expected, strict=False):
        assert hit.score == pytest.approx(score, abs=1e-3), text
    return result.total


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, Path]]:
    root = tmp_path_factory.mktemp("vector")
    path = root / "synthetic.jsonl"
    write_corpus(path, 300, seed=5)
    corpus = Corpus.open(root / "index")
    corpus.ingest([path], extract=False)
    yield corpus, path
    corpus.close()


def test_matches_order_and_scores_agree_with_whoosh(synthetic: tuple[Corpus, Path]) -> None:
    corpus, _path = synthetic
    totals = [_check(corpus, q) for q in QUERIES]
    # The mix must exercise real matches, not agree on empty results.
    assert sum(1 for t in totals if t > 0) >= len(QUERIES) - 2
    # Again, now that recent postings are kept: in reverse, so ANDs meet cached terms.
    assert [_check(corpus, q) for q in reversed(QUERIES)] == totals[::-1]


def test_agreement_holds_across_segments_and_deletions(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_corpus(first, 120, seed=8)
    write_corpus(second, 60, seed=9)
    corpus = Corpus.open(tmp_path / "index")
    try:
        corpus.ingest([first, second], extract=False)
        # Rewrite part of one file: changed records are deleted and re-added in a new
        # segment, and the vanished ones are pruned.
        rows = [json.loads(line) for line in first.read_text().splitlines()][:70]
        for row in rows[:20]:
            row["text"] = "Oil and wheat prices said to rise. " + row["text"]
        first.write_text("".join(json.dumps(r) + "\n" for r in rows))
        report = corpus.ingest([first, second], extract=False, prune=True)
        assert report.updated and report.removed
        for q in QUERIES:
            _check(corpus, q)
    finally:
        corpus.close()


def test_sort_by_date_covers_every_match(synthetic: tuple[Corpus, Path]) -> None:
    corpus, _path = synthetic
    relevance = corpus.search("oil", limit=500)
    by_date = corpus.search("oil", sort="date", limit=500)
    assert by_date.total == relevance.total > 0
    assert {h.id for h in by_date.hits} == {h.id for h in relevance.hits}
    dates = [h.published or "" for h in by_date.hits]
    assert dates == sorted(dates, reverse=True)


def _ids(result: Any) -> list[str]:
    return [h.id for h in result.hits]


def test_paging_walks_the_same_order(synthetic: tuple[Corpus, Path]) -> None:
    corpus, _path = synthetic
    whole = _ids(corpus.search("said", limit=40))
    pages = [_ids(corpus.search("said", limit=10, offset=o)) for o in range(0, 40, 10)]
    assert [i for page in pages for i in page] == whole and len(whole) == 40


def test_an_empty_corpus_searches_cleanly(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "empty")
    try:
        for text, sort in (("", "date"), ("oil", "relevance"), ("published:2021", "date_asc")):
            result = corpus.search(text, sort=sort)
            assert (result.error, result.total, result.hits) == (None, 0, ())
        assert corpus.search("oil", filters={"source": ["Reuters"]}).total == 0
    finally:
        corpus.close()


def test_date_column_read_in_one_go_matches_whoosh(tmp_path: Path) -> None:
    # Segments with deletions, and a record without a date (its column value is 0).
    path = tmp_path / "a.jsonl"
    write_corpus(path, 60, seed=2)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    rows[0].pop("date", None)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    corpus = Corpus.open(tmp_path / "index")
    try:
        corpus.ingest([path], extract=False)
        for row in rows[10:15]:
            row["text"] = "Revised: " + row["text"]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        assert corpus.ingest([path], extract=False).updated
    finally:
        corpus.close()
    seen: list[int] = []
    with windex.open_dir(str(tmp_path / "index" / "articles")).searcher() as searcher:
        leaves = [leaf for leaf, _base in searcher.reader().leaf_readers()]
        assert len(leaves) == 2 and any(leaf.has_deletions() for leaf in leaves)
        for leaf in leaves:
            fast = unsigned_column(leaf, DATE_FIELD)
            assert fast is not None
            assert fast.tolist() == [int(v) for v in leaf.column_reader(DATE_FIELD)]
            seen.extend(fast.tolist())
    assert 0 in seen and len(set(seen)) > 10
