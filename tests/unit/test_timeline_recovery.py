"""The timeline catches up with the articles after an ingest stopped half-way.

An ingest commits the article index first, then the events index. Stopped in between
(Ctrl+C during the timeline stage, a crash), the articles are in but their events are
not; the next ingest notices and derives the events again from the stored articles.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.model import Event

from tests.pact import ARTICLES, write_articles


def rows(events: tuple[Event, ...]) -> list[Event]:
    """A timeline's events, but for their file paths (the indexes read different folders;
    ids come from file names, so they match)."""
    return sorted((replace(e, path="") for e in events), key=lambda e: e.id)


def interrupt_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next events update stop as Ctrl+C would, after the article commit."""

    def stop(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Corpus, "_update_events", stop)


def test_an_interrupted_ingest_is_caught_up_by_the_next(
    pact: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = {k: ARTICLES[k] for k in ("a.json", "b.json")}
    folder = write_articles(tmp_path / "files", first)
    with Corpus.open(tmp_path / "index") as corpus:
        assert corpus.ingest([folder], workers=1).ok
        assert corpus.messages == []  # an ordinary ingest has nothing to catch up
        write_articles(folder, ARTICLES)
        with monkeypatch.context() as patch:
            interrupt_timeline(patch)
            with pytest.raises(KeyboardInterrupt):
                corpus.ingest([folder], workers=1)
        assert corpus.count() == len(ARTICLES)  # the articles were committed…
        assert "Desert Daily" not in {e.source for e in corpus.timeline().events}  # …not events

        report = corpus.ingest([folder], workers=1)
        assert report.ok and len(report.unchanged) == len(ARTICLES) and not report.added
        assert any("timeline was behind" in m for m in corpus.messages)
        # The same timeline and stories as a corpus that was never interrupted.
        assert rows(corpus.timeline().events) == rows(pact.timeline().events)
        assert corpus.stories() == pact.stories()
        corpus.messages.clear()
        corpus.ingest([folder], workers=1)
        assert corpus.messages == []  # caught up once, then in step again


def test_a_lost_events_index_is_derived_again(pact_dir: Path, pact: Corpus, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(pact_dir, copy)
    shutil.rmtree(copy / "events")
    (copy / "events.json").unlink()
    with Corpus.open(copy) as corpus:
        assert corpus.timeline().total == 0
        # The files the index was built from: unchanged, so nothing is re-extracted.
        report = corpus.ingest([pact_dir.parent / "files"], workers=1)
        assert len(report.unchanged) == len(ARTICLES)
        assert rows(corpus.timeline().events) == rows(pact.timeline().events)


def test_articles_ingested_without_extraction_stay_without_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_articles(tmp_path / "plain", {"a.json": ARTICLES["a.json"]})
    extracted = write_articles(tmp_path / "full", {"b.json": ARTICLES["b.json"]})
    with Corpus.open(tmp_path / "index") as corpus:
        corpus.ingest([folder], workers=1, extract=False)
        assert corpus.timeline().total == 0
        with monkeypatch.context() as patch:
            interrupt_timeline(patch)
            with pytest.raises(KeyboardInterrupt):
                corpus.ingest([extracted], workers=1)
        corpus.ingest([extracted], workers=1)
        assert any("timeline was behind" in m for m in corpus.messages)
        assert {e.source for e in corpus.timeline().events} == {"Harbor Post"}


def test_a_rebuild_stopped_before_its_timeline_is_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebuild starts the article index's generations again, so the catch-up must not
    # take a generation number it saw before the rebuild for "in step".
    first = write_articles(tmp_path / "first", {"a.json": ARTICLES["a.json"]})
    with Corpus.open(tmp_path / "index") as corpus:
        corpus.ingest([first], workers=1)
        (first / "a.json").unlink()
        write_articles(first, {"b.json": ARTICLES["b.json"]})
        with monkeypatch.context() as patch:
            interrupt_timeline(patch)
            with pytest.raises(KeyboardInterrupt):
                corpus.ingest([first], workers=1, rebuild=True)
        assert {e.source for e in corpus.timeline().events} == {"Atlas Wire"}  # stale
        corpus.ingest([first], workers=1)
        assert {e.source for e in corpus.timeline().events} == {"Harbor Post"}
