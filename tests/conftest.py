"""Shared fixtures: every test gets its own DEFEXPLORE_HOME so no user data is touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"


@pytest.fixture(autouse=True)
def defexplore_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private data root for the test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DEFEXPLORE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def seeds_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled seeds, built once per session (read-only for tests)."""
    root = tmp_path_factory.mktemp("seeds-index") / "seeds"
    with Corpus.open(root) as corpus:
        report = corpus.ingest([SEEDS])
        assert report.ok, report.failed
    return root


@pytest.fixture
def seeds(seeds_corpus_dir: Path) -> Iterator[Corpus]:
    """The shared seeds corpus, opened."""
    corpus = Corpus.open(seeds_corpus_dir, create=False)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def pact_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the invented naval-pact articles (tests/pact.py), built once, read-only."""
    from tests.pact import ARTICLES, write_articles

    base = tmp_path_factory.mktemp("pact")
    folder = write_articles(base / "files", ARTICLES)
    with Corpus.open(base / "index") as corpus:
        assert corpus.ingest([folder], workers=1).ok
    return base / "index"


@pytest.fixture
def pact(pact_dir: Path) -> Iterator[Corpus]:
    """The naval-pact corpus, opened."""
    corpus = Corpus.open(pact_dir, create=False)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def valdoria_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the invented Valdoria articles (test_entities_corpus.ARTICLES), built
    once with its alias sidecar written; read-only, copy it to edit."""
    import json

    from tests.unit.test_entities_corpus import ARTICLES

    base = tmp_path_factory.mktemp("valdoria")
    folder = base / "files"
    folder.mkdir()
    for name, record in ARTICLES.items():
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    with Corpus.open(base / "index") as corpus:
        assert corpus.ingest([folder], workers=1).ok
        corpus.entities()  # writes the alias sidecar once
    return base / "index"
