"""The Corpus API on the bundled seeds and on small fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.store import LOCK_FILE, StoreError

from tests.conftest import SEEDS


def _snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in directory.rglob("*")}


def test_seeds_ingest_then_unchanged_reingest_touches_nothing(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "c") as corpus:
        first = corpus.ingest([SEEDS])
        assert len(first.added) == 5 and first.ok
        before = _snapshot(tmp_path / "c" / "articles")
        articles = [corpus.article(i) for i in first.added]
        again = corpus.ingest([SEEDS])
        assert sorted(again.unchanged) == sorted(first.added)
        assert again.added == again.updated == again.removed == ()
        assert _snapshot(tmp_path / "c" / "articles") == before
        assert [corpus.article(i) for i in first.added] == articles


def test_changed_file_is_updated_and_prune_removes_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha title\n\nThe frigate sailed to Toulon.", "utf-8")
    (folder / "b.txt").write_text("Beta title\n\nThe drone flew over Rabat.", "utf-8")
    with Corpus.open(tmp_path / "c") as corpus:
        assert len(corpus.ingest([folder]).added) == 2
        (folder / "a.txt").write_text("Alpha title\n\nThe corvette sailed to Brest.", "utf-8")
        report = corpus.ingest([folder])
        assert report.updated == ("a.txt",) and report.unchanged == ("b.txt",)
        assert corpus.search("corvette").total == 1
        assert corpus.search("frigate").total == 0
        (folder / "b.txt").unlink()
        assert corpus.ingest([folder]).removed == ()  # without --prune nothing is dropped
        assert corpus.ingest([folder], prune=True).removed == ("b.txt",)
        assert corpus.count() == 1


def test_search_total_snippet_marks_and_facets(seeds: Corpus) -> None:
    result = seeds.search("Gantz")
    assert result.error is None
    assert result.total == len(seeds.search("Gantz", limit=100).hits) >= 4
    for hit in result.hits:
        marked = [hit.snippet[s:e].lower() for s, e in hit.marks]
        assert marked and all(m.startswith("gantz") for m in marked)
    years = {f.value: f.count for f in result.facets["year"]}
    assert sum(years.values()) == result.total
    assert {f.value for f in result.facets["language"]} == {"en"}


def test_phrase_boolean_and_date_range(seeds: Corpus) -> None:
    phrase = seeds.search('"memorandum of understanding"').total
    words = seeds.search("memorandum understanding").total
    assert 0 < phrase <= words
    both = seeds.search("Kochavi OR Kalman").total
    assert both >= max(seeds.search("Kochavi").total, seeds.search("Kalman").total)
    dated = seeds.search("published:[2023 to 2023]")
    assert dated.total >= 2 and all((h.published or "").startswith("2023") for h in dated.hits)
    month = seeds.search("published:2022-03")
    assert all((h.published or "").startswith("2022-03") for h in month.hits)


def test_sort_by_date_and_paging(seeds: Corpus) -> None:
    result = seeds.search("", sort="date", limit=10)
    dates = [h.published or "" for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    page = seeds.search("", sort="date", limit=2, offset=2)
    assert [h.id for h in page.hits] == [h.id for h in result.hits[2:4]]
    assert page.total == result.total == 5


@pytest.mark.parametrize(
    "query, fragment",
    [
        ('"unclosed', "quote"),
        ("(Rabat", "bracket"),
        ("colour:red", "unknown field"),
        ("Rabat AND", "operator"),
        ("published:[2023-13 to 2024]", "invalid date"),
    ],
)
def test_bad_query_is_an_error_value(seeds: Corpus, query: str, fragment: str) -> None:
    result = seeds.search(query)
    assert result.error is not None and fragment in result.error
    assert result.hits == () and result.total == 0


def test_did_you_mean(seeds: Corpus) -> None:
    result = seeds.search("Moroco")
    assert result.suggestion is not None and "morocco" in result.suggestion.lower()


def test_filters_and_unknown_filter(seeds: Corpus) -> None:
    all_hits = seeds.search("Rabat").total
    only = seeds.search("Rabat", filters={"year": ["2023"]})
    assert 0 < only.total < all_hits
    assert seeds.search("Rabat", filters={"colour": ["x"]}).error is not None


def test_article_resolution_and_similar(seeds: Corpus) -> None:
    article = seeds.article("000")  # unique prefix
    assert article is not None and article.id.startswith("000")
    assert seeds.article(article.path) == article
    assert seeds.article("no-such-article") is None
    similar = seeds.similar(article.id, limit=3)
    assert similar and article.id not in {s.id for s in similar}


def test_french_and_arabic_are_searchable(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fr.txt").write_text(
        "Coopération militaire\n\nLes ministres de la Défense ont signé des accords "
        "militaires à Rabat. La coopération militaire entre les deux pays progresse.",
        "utf-8",
    )
    (folder / "ar.txt").write_text(
        "تعاون عسكري\n\nوقع وزير الدفاع مذكرة تفاهم في الرباط لتعزيز التعاون العسكري "
        "بين المغرب وإسرائيل في مجال الدفاع.",
        "utf-8",
    )
    with Corpus.open(tmp_path / "c") as corpus:
        corpus.ingest([folder], extract=False)
        assert [h.id for h in corpus.search("militaire").hits] == ["fr.txt"]
        assert [h.id for h in corpus.search("defense").hits] == ["fr.txt"]  # accents fold
        assert [h.id for h in corpus.search("والمغرب").hits] == ["ar.txt"]  # prefix stemmed
        assert [h.id for h in corpus.search("الدفاع").hits] == ["ar.txt"]


def test_stale_lock_is_recovered_and_live_lock_refused(tmp_path: Path) -> None:
    root = tmp_path / "c"
    with Corpus.open(root) as corpus:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        (root / LOCK_FILE).write_text(dead.stdout.strip())
        report = corpus.ingest([SEEDS])
        assert report.ok and len(report.added) == 5
        assert any("stale lock" in m for m in corpus.messages)
        assert not (root / LOCK_FILE).exists()
        (root / LOCK_FILE).write_text(str(os.getppid()))
        with pytest.raises(StoreError, match="being written"):
            corpus.ingest([SEEDS])


def test_stats(seeds: Corpus) -> None:
    stats = seeds.stats()
    assert stats.articles == 5 and stats.first is not None and stats.last is not None
    assert stats.first <= stats.last and stats.size_bytes > 0
    # One seed is undated; the span still runs from the earliest dated one.
    assert stats.first == "2021-11-29" and stats.last == "2023-01-18"


def test_engine_does_not_import_textual() -> None:
    # rich and Textual belong to the UI; spaCy and numpy only to ingest and compare, so
    # opening a corpus to search stays quick.
    code = (
        "import sys, json, defexplore.index, defexplore.index.corpus, defexplore.index.search;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'spacy', 'numpy'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
