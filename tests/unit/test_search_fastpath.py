"""The tuned search path (index/fastpath.py) against independent counts and Whoosh itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.fastpath import DateDocs, DateIndex, swap_date_ranges
from whoosh.query import NumericRange

from bench.common import iter_jsonl
from bench.synthetic import write_corpus


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Corpus, list[Any]]]:
    root = tmp_path_factory.mktemp("fastpath")
    path = root / "synthetic.jsonl"
    write_corpus(path, 150, seed=11)
    corpus = Corpus.open(root / "index")
    report = corpus.ingest([path], extract=False)
    assert len(report.added) == 150
    yield corpus, list(iter_jsonl(path))
    corpus.close()


def _count(docs: list[Any], word: str, month: str | None = None) -> int:
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    return sum(
        1
        for d in docs
        if pattern.search(f"{d['title']} {d['text']}")
        and (month is None or str(d["date"]).startswith(month))
    )


def test_totals_are_exact(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, docs = synthetic
    for word in ("oil", "wheat", "company"):
        result = corpus.search(word, limit=5)
        assert result.total == _count(docs, word) > 0
        assert len(result.hits) == min(5, result.total)
        # Facets are counted over the same exact set.
        assert sum(f.count for f in result.facets["year"]) == result.total


def test_date_range_matches_an_independent_count(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, docs = synthetic
    march = sum(1 for d in docs if str(d["date"]).startswith("1987-03"))
    assert corpus.search("published:[1987-03-01 to 1987-03-31]").total == march
    assert corpus.search("published:1987-03").total == march
    both = corpus.search("oil AND published:[1987-03-01 to 1987-03-31]")
    assert both.total == _count(docs, "oil", "1987-03")
    assert all(h.published and h.published.startswith("1987-03") for h in both.hits)


def test_sort_by_date_is_newest_first(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, _docs = synthetic
    dates = [h.published or "" for h in corpus.search("oil", sort="date").hits]
    assert dates == sorted(dates, reverse=True) and dates
    dates = [h.published or "" for h in corpus.search("oil", sort="date_asc").hits]
    assert dates == sorted(dates)


def test_a_filter_matching_nothing_gives_no_hits(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, _docs = synthetic
    result = corpus.search("oil", filters={"source": ["No Such Agency"]})
    assert result.total == 0 and result.hits == ()


def test_did_you_mean_uses_indexed_terms(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, _docs = synthetic
    result = corpus.search("wheet")
    assert result.total == 0 and result.suggestion == "wheat"


def test_swap_keeps_exclusive_bounds() -> None:
    index = DateIndex()
    swapped = swap_date_ranges(NumericRange("pubnum", 19870301, 19870331, True, True), index)
    assert isinstance(swapped, DateDocs)
    assert (swapped.lo, swapped.hi) == (19870302, 19870330)
    untouched = NumericRange("other", 1, 2)
    assert swap_date_ranges(untouched, index) is untouched


def test_snippet_marks_stemmed_matches(synthetic: tuple[Corpus, list[Any]]) -> None:
    corpus, _docs = synthetic
    hit = corpus.search('"trade deficit"').hits[0]
    marked = [hit.snippet[a:b].lower() for a, b in hit.marks]
    assert marked and set(marked) <= {"trade", "deficit"}


def test_word_spans_match_whole_tokens_by_analyzed_form() -> None:
    from defexplore.index.analysis import english, french
    from defexplore.index.fastpath import WordMatcher

    text = "Oil-rich states said oil prices rose; OIL, oils and u.s.oil did not. Oil."
    spans = WordMatcher().spans(english(), text, {"oil"})
    assert [text[a:b] for a, b in spans] == ["oil", "OIL", "oils", "Oil"]
    french_text = "Les armées de l'Etat-major et l'armée française"
    words = [french_text[a:b] for a, b in WordMatcher().spans(french(), french_text, {"arme"})]
    single = WordMatcher()
    assert words == [w for w in ("armées", "armée") if single.form(french(), w) == "arme"]
    assert words  # the French stemmer folds both to the wanted form
