"""Ingest on the real dev corpus (../shared/corpus/dev), skipped when it is absent.

The corpus is third-party text: it is only read from its shared location, never copied
into the repository.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from defexplore.index.ingest import RawArticle, discover, parse, read_source

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not (DEV / "INDEX.tsv").exists(), reason="dev corpus absent")

# Generic page chrome: none of it may survive in a body.
CHROME = (
    "Read more",
    "Read More",
    "Font Size",
    "Read mode",
    "Advertisement",
    "Related News",
    "Related Topics",
    "More Loader",
    "Register",
    "Réagissez",
    "Vos commentaires",
    "Your email address",
    "Google News",
    "Skip to main content",
    "Top Stories",
    "Disclaimer:",
    "Read Full Here",
    "photo credit",
    "Photo credit",
    "Home »",
    "#",
)


def index_rows() -> dict[str, dict[str, str]]:
    with open(DEV / "INDEX.tsv", encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def ingest(root: Path) -> dict[str, RawArticle]:
    sources, problems = discover([root])
    assert problems == []
    out: dict[str, RawArticle] = {}
    for source in sources:
        data = read_source(source.path)
        assert isinstance(data, bytes)
        result = parse(source, data)
        assert result.failed == [] and result.warnings == []
        (article,) = result.articles
        out[article.id] = article
    return out


@pytest.fixture(scope="module")
def with_sidecar() -> dict[str, RawArticle]:
    return ingest(DEV)


@pytest.fixture(scope="module")
def without_sidecar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RawArticle]:
    copy = tmp_path_factory.mktemp("dev")
    for path in DEV.glob("*.txt"):
        shutil.copy(path, copy / path.name)
    return ingest(copy)


def test_every_listed_file_is_ingested(with_sidecar: dict[str, RawArticle]) -> None:
    assert set(with_sidecar) == set(index_rows())  # README.md and INDEX.tsv are not articles


def test_sidecar_facts_win(with_sidecar: dict[str, RawArticle]) -> None:
    for name, row in index_rows().items():
        a = with_sidecar[name]
        assert a.source == (row["outlet"] or None)
        assert a.url == (row["url"] or None)
        assert a.language == row["language"]
        assert a.published == (row["publication_date"] or None)
        title = row["title"].removeprefix("[from URL] ")
        if title:
            assert a.title == title


def test_chrome_is_removed(with_sidecar: dict[str, RawArticle]) -> None:
    for a in with_sidecar.values():
        for chrome in CHROME:
            assert chrome not in a.body, (a.id, chrome)
        assert a.body and "\n\n\n" not in a.body


def test_captions_are_kept_apart(with_sidecar: dict[str, RawArticle]) -> None:
    with_captions = [a for a in with_sidecar.values() if a.captions]
    assert len(with_captions) >= 3
    for a in with_captions:
        for caption in a.captions.split("\n"):
            assert caption not in a.body


def test_language_detection_matches_index(without_sidecar: dict[str, RawArticle]) -> None:
    for name, row in index_rows().items():
        assert without_sidecar[name].language == row["language"], name


def test_guessed_titles_and_dates_agree_with_index(
    without_sidecar: dict[str, RawArticle],
) -> None:
    rows = index_rows()
    titles = [n for n, r in rows.items() if r["title"] and not r["title"].startswith("[from")]
    right = [n for n in titles if without_sidecar[n].title == rows[n]["title"]]
    assert len(right) >= 0.8 * len(titles), sorted(set(titles) - set(right))
    for name, row in rows.items():
        guessed = without_sidecar[name].published
        if guessed is not None and row["publication_date"]:
            assert guessed == row["publication_date"], name  # a guess may be missing, not wrong
    for a in without_sidecar.values():
        assert a.title and len(a.title) <= 160
