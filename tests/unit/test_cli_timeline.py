"""`defexplore timeline`, `stories` and `story`: JSON read back, human output, exit codes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.cli import main

from tests.pact import ARTICLES, write_articles

EVENT_KEYS = {
    "date",
    "date_end",
    "precision",
    "text",
    "cue",
    "planned",
    "resolved",
    "source",
    "entities",
    "article",
    "story",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("cli-timeline")
    folder = write_articles(base / "files", ARTICLES)
    with Corpus.open(base / "index") as corpus:
        assert corpus.ingest([folder], workers=1).ok
    return str(base / "index")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in argv and out.strip() else out)


def test_timeline_json_schema_and_filters(
    capsys: pytest.CaptureFixture[str], index_dir: str
) -> None:
    code, data = run(capsys, "timeline", "--corpus", index_dir, "--json")
    assert code == 0 and data["error"] is None
    assert data["total"] == data["shown"] == len(data["events"]) > 0
    for event in data["events"]:
        assert set(event) >= EVENT_KEYS
        assert set(event["article"]) >= {"id", "path"}
        assert event["text"][event["cue_start"] : event["cue_end"]] == event["cue"]
    assert sum(b["count"] for b in data["histogram"]) == data["total"] - data["undated"]

    code, data = run(
        capsys, "timeline", "--corpus", index_dir, "--json",
        "--entity", "Port Amal", "--from", "2024-03", "--to", "2024-03",
    )  # fmt: skip
    assert code == 0 and data["total"] == 3
    assert all("Port Amal" in e["entities"] for e in data["events"])
    assert {e["date"] for e in data["events"]} == {"2024-03-12", "2024-03-13"}
    # The three reports of the signing share one story, flagged as conflicting dates.
    assert len({e["story"] for e in data["events"]}) == 1
    assert all(e["story_sources"] == 3 for e in data["events"])
    assert any(e["conflict"] for e in data["events"])

    code, data = run(capsys, "timeline", "--corpus", index_dir, "--json", "-s", "harbor post")
    assert code == 0 and {e["source"] for e in data["events"]} == {"Harbor Post"}
    code, data = run(capsys, "timeline", "--corpus", index_dir, "--json", "-q", "exercise")
    assert code == 0 and [e["planned"] for e in data["events"]] == [True]


def test_stories_and_story(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, data = run(capsys, "stories", "--corpus", index_dir, "--json", "--min-sources", "2")
    assert code == 0 and data["total"] == len(data["stories"]) >= 1
    story = next(s for s in data["stories"] if "Port Amal" in s["title"])
    assert sorted(story["sources"]) == ["Atlas Wire", "Desert Daily", "Harbor Post"]
    assert story["conflicts"] and {"a_cue", "b_cue", "a_date", "b_date"} <= set(
        story["conflicts"][0]
    )
    code, one = run(capsys, "story", story["id"], "--corpus", index_dir, "--json")
    assert code == 0 and one["id"] == story["id"]
    assert sorted(m["source"] for m in one["members"]) == sorted(story["sources"])

    code, text = run(capsys, "story", story["id"], "--corpus", index_dir)
    assert code == 0 and "date conflict" in text and "Harbor Post" in text
    assert run(capsys, "story", "s:nope", "--corpus", index_dir)[0] == 1


def test_human_output_and_usage_errors(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, text = run(capsys, "timeline", "--corpus", index_dir, "--source", "Atlas Wire")
    assert code == 0 and "2 events" in text and "Atlas Wire" in text and "planned" in text
    code, text = run(capsys, "stories", "--corpus", index_dir)
    assert code == 0 and "stories" in text
    _, listed = run(capsys, "stories", "--corpus", index_dir, "--json")
    for story in listed["stories"]:  # at 80 columns: each id whole, each title legible
        assert story["id"] in text and story["title"][:25] in text

    code, data = run(capsys, "timeline", "--corpus", index_dir, "--json", "-q", '"naval')
    assert code == 2 and "unclosed quote" in data["error"] and data["events"] == []
    assert run(capsys, "timeline", "--corpus", index_dir, "--from", "last week")[0] == 2
    assert run(capsys, "timeline", "--corpus", index_dir, "--limit", "-1")[0] == 2
    assert run(capsys, "stories", "--corpus", index_dir, "--min-sources", "0")[0] == 2
    assert run(capsys, "timeline", "--corpus", index_dir, "--bogus")[0] == 2


def test_default_corpus_timeline_is_seeded(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run(capsys, "timeline", "--json", "--limit", "3")
    assert code == 0 and data["total"] > 3 and len(data["events"]) == 3
