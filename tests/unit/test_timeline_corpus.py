"""The events index through `Corpus`: ingest, filters, stories, conflicts, re-ingest.

The fixture articles are invented (made-up countries, port and boats), so nothing here
leans on a seed's wording.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from defexplore.index.corpus import Corpus
from defexplore.index.model import Event

from tests.pact import ARTICLES, write_articles


def by_source(events: tuple[Event, ...]) -> dict[str | None, list[Event]]:
    out: dict[str | None, list[Event]] = {}
    for e in events:
        out.setdefault(e.source, []).append(e)
    return out


def test_events_are_indexed_sorted_and_complete(pact: Corpus) -> None:
    result = pact.timeline()
    assert result.error is None and result.total == len(result.events) == pact.event_count()
    dated = [e for e in result.events if e.resolved]
    assert [e.date_start for e in dated] == sorted(e.date_start or "" for e in dated)
    # Undated rows come last and are counted apart.
    assert not result.events[-1].resolved and result.undated == 1
    assert all(e.story for e in result.events)
    signing = [e for e in result.events if "Port Amal" in e.text and e.precision == "day"]
    assert {e.source for e in signing} == {"Atlas Wire", "Harbor Post", "Desert Daily"}
    first = signing[0]
    assert first.text[first.cue_start : first.cue_end] == first.cue
    assert "Port Amal" in first.entities
    planned = [e for e in result.events if e.planned]
    assert [e.date_start for e in planned] == ["2024-06"]


def test_histogram_covers_every_month_of_the_span(pact: Corpus) -> None:
    result = pact.timeline()
    assert result.granularity == "month"
    periods = [b.period for b in result.histogram]
    assert periods[0] == "2019-01" and periods[-1] == "2024-06"
    assert len(periods) == (2024 - 2019) * 12 + 6  # empty months are kept
    assert sum(b.count for b in result.histogram) == result.total - result.undated
    years = pact.timeline(granularity="year").histogram
    assert [b.period for b in years] == [str(y) for y in range(2019, 2025)]


def test_filters_by_entity_source_and_dates(pact: Corpus) -> None:
    port = pact.timeline(entity="port amal")  # whole name, any case
    assert port.total >= 3 and all("Port Amal" in e.entities for e in port.events)
    harbor = pact.timeline(source="HARBOR POST")
    assert harbor.total == 2 and {e.source for e in harbor.events} == {"Harbor Post"}
    assert [f.value for f in harbor.sources] == ["Harbor Post"]
    march = pact.timeline(date_from="2024-03", date_to="2024-03")
    assert march.total == 3 and all(e.date_start.startswith("2024-03") for e in march.events)  # type: ignore[union-attr]
    later = pact.timeline(date_from="2024-03-13")
    assert {e.date_start for e in later.events} == {"2024-03-13", "2024-06"}
    assert pact.timeline(include_unresolved=False).undated == 0
    both = pact.timeline("patrol", source="Desert Daily")
    assert both.total == 1 and both.events[0].source == "Desert Daily"
    limited = pact.timeline(limit=2)
    assert len(limited.events) == 2 and limited.total == pact.timeline().total


def test_query_syntax_and_date_errors_come_back_as_values(pact: Corpus) -> None:
    assert pact.timeline("naval").total >= 3
    assert pact.timeline('entity:"Port Amal"').total == pact.timeline(entity="Port Amal").total
    assert "unclosed quote" in (pact.timeline('"naval pact').error or "")
    assert "not available" in (pact.timeline("author:someone").error or "")
    assert "invalid date" in (pact.timeline(date_from="March").error or "")
    assert "empty" in (pact.timeline(date_from="2024", date_to="2023").error or "")
    bad = pact.timeline("nosuchfield:x")
    assert bad.error and bad.total == 0 and bad.events == ()


def test_stories_list_sources_and_flag_the_date_conflict(pact: Corpus) -> None:
    stories = pact.stories()
    pact_story = next(s for s in stories if "Port Amal" in s.title)
    assert set(pact_story.sources) == {"Atlas Wire", "Harbor Post", "Desert Daily"}
    assert pact_story.date_start == "2024-03-12"  # two of three sources agree
    (conflict,) = pact_story.conflicts
    assert {conflict.a_date, conflict.b_date} == {"2024-03-12", "2024-03-13"}
    assert "Harbor Post" in (conflict.a_source, conflict.b_source)
    assert pact.stories(min_sources=3) == (pact_story,)
    assert pact.stories(min_sources=4) == ()
    assert pact.story(pact_story.id) == pact_story
    members = pact.story_events(pact_story.id)
    assert {e.id for e in members} == set(pact_story.events)
    # The events point at their story and carry it in timeline results.
    result = pact.timeline(entity="Port Amal")
    assert pact_story in result.stories


def test_a_lone_event_is_its_own_story(pact: Corpus) -> None:
    lone = next(e for e in pact.timeline().events if e.date_start == "2019")
    story = pact.story(lone.story or "")
    assert story is not None and story.events == (lone.id,) and story.sources == ("Harbor Post",)
    assert pact.story("s:no-such-event") is None


def test_events_for_article_in_reading_order(pact: Corpus) -> None:
    article = pact.resolve("a.json#1") or ""
    events = pact.events_for_article(article)
    assert [e.cue for e in events] == ["12 March 2024", "June 2024"]
    assert events[0].offset < events[1].offset
    assert pact.events_for_article("missing") == ()


def test_a_changed_article_replaces_its_events(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "files", ARTICLES)
    with Corpus.open(tmp_path / "index") as corpus:
        corpus.ingest([folder], workers=1)
        before = corpus.timeline().total
        changed = dict(ARTICLES["b.json"])
        changed["text"] = changed["text"].replace("13 March 2024", "12 March 2024")
        write_articles(folder, {"b.json": changed})
        report = corpus.ingest([folder], workers=1)
        assert len(report.updated) == 1
        harbor = corpus.timeline(source="Harbor Post")
        assert harbor.total == 2  # replaced, not added to
        assert "2024-03-13" not in {e.date_start for e in harbor.events}
        assert corpus.timeline().total == before
        story = next(s for s in corpus.stories() if "Port Amal" in s.title)
        assert story.conflicts == ()  # the sources agree now

        (folder / "c.json").unlink()
        corpus.ingest([folder], workers=1, prune=True)
        assert corpus.timeline(source="Desert Daily").total == 1  # d.json is left
        story = next(s for s in corpus.stories() if "Port Amal" in s.title)
        assert set(story.sources) == {"Atlas Wire", "Harbor Post"}

        corpus.ingest([folder], workers=1, rebuild=True)
        again = corpus.timeline()
        assert (
            again.total == corpus.event_count() and len({e.id for e in again.events}) == again.total
        )


def test_opening_a_corpus_and_querying_the_timeline_loads_no_nlp(pact_dir: Path) -> None:
    code = (
        "import sys\n"
        "from defexplore.index.corpus import Corpus\n"
        f"c = Corpus.open({str(pact_dir)!r}, create=False)\n"
        "assert c.timeline('naval').total > 0 and c.stories()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'textual', 'thinc')]\n"
        "assert not bad, bad\n"
        "assert 'defexplore.index.extract.stories' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_an_empty_corpus_has_an_empty_timeline(tmp_path: Path) -> None:
    with Corpus.open(tmp_path / "empty") as corpus:
        result = corpus.timeline("anything", entity="x")
        assert result.error is None and result.total == 0 and result.histogram == ()
        assert corpus.stories() == () and corpus.story("s:x") is None
        assert corpus.events_for_article("x") == () and corpus.story_events("s:x") == ()
        assert corpus.event_count() == 0


def test_an_older_events_layout_is_carried_over_without_reingest(
    pact_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "index"
    shutil.copytree(pact_dir, copy)
    with Corpus.open(copy, create=False) as corpus:
        events, stories = corpus.timeline().events, corpus.stories()
    # The layout version before numeric fields were indexed as one term per value.
    (copy / "events.json").write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    with Corpus.open(copy, create=False) as corpus:
        assert corpus.timeline().events == events and corpus.stories() == stories
        march = corpus.timeline(date_from="2024-03", date_to="2024-03")
        assert march.total and all((e.date_start or "").startswith("2024-03") for e in march.events)
    assert json.loads((copy / "events.json").read_text(encoding="utf-8"))["schema_version"] > 1
