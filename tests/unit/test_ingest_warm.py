"""Ingest processes forked from the warm fork server: same results as one process.

Extraction workers (and, once it runs, index writers) are forked from a server that has
loaded spaCy and the model; the events index of a big run is then written by two such
processes. These tests check that what those processes produce is what one process does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from defexplore.index import batch
from defexplore.index.batch import PARALLEL_MIN_DOCS
from defexplore.index.corpus import Corpus
from defexplore.index.events_store import EventStore
from defexplore.index.extract.stories import group_stories
from defexplore.index.model import Event, Progress

from tests.conftest import REPO

_PLACES = ("Port Amal", "Valdoria", "Kessa Bay", "Northern Range", "Tarvik")


def _events(n: int) -> list[Event]:
    out = []
    for i in range(n):
        place = _PLACES[i % len(_PLACES)]
        day = 1 + i % 28
        out.append(
            Event(
                id=f"a{i // 3}#{i % 3}",
                article_id=f"a{i // 3}",
                path=f"/in/a{i // 3}.json",
                source=("Atlas Wire", "Harbor Post", None)[i % 3],
                date_start=f"2024-03-{day:02d}",
                date_end=f"2024-03-{day:02d}",
                precision="day",
                text=f"Officials in {place} signed the patrol boat deal number {i % 40}.",
                cue=f"{day} March",
                cue_start=0,
                cue_end=5,
                planned=i % 7 == 0,
                resolved=i % 11 != 0,
                entities=(place,),
                offset=i,
            )
        )
    return out


def _contents(store: EventStore) -> tuple[list[Event], list[dict[str, object]]]:
    with store.searcher() as s:
        stories = sorted(
            (dict(f) for f in s.all_stored_fields() if f.get("kind") == "story"),
            key=lambda f: str(f["id"]),
        )
    return sorted(store.all_events(), key=lambda e: e.id), stories


def test_events_written_by_forked_writers_match_one_process(tmp_path: Path) -> None:
    events = _events(PARALLEL_MIN_DOCS + 150)
    alone = EventStore(tmp_path / "alone")
    alone.replace(events, [], False, group_stories)
    batch.start_warm_server()
    assert batch.warm_server_started()
    forked = EventStore(tmp_path / "forked")
    stats = forked.replace(events, [], False, group_stories)
    assert stats.full_rewrite and stats.events == len(events)
    assert _contents(forked) == _contents(alone)
    # Two writers, two segments: the work was shared out.
    assert len(list(forked.dir.glob("*.seg"))) == 2
    # A rebuild with no events left empties the index instead of keeping the old one.
    forked.replace([], [], True, group_stories)
    assert forked.all_events() == []


_BLAS_SCRIPT = """
import json, sys
from defexplore.index.extract import ner
if sys.argv[1] == "numpy":
    assert ner.prefer_single_thread_blas()
from defexplore.index.extract.entities import extract_one
text = ("Israeli Defense Minister Benny Gantz met Moroccan officials in Rabat on Wednesday. "
        "Elbit Systems and Israel Aerospace Industries signed contracts with the Royal "
        "Armed Forces, said Abdellatif Loudiyi, who oversees the national defense "
        "administration.")
mentions = extract_one(text, "en")
ops = {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", None))
       for _, pipe in ner.model("en").pipeline for node in pipe.model.walk()}
print(json.dumps([[m.name, m.type, m.start, m.end, m.role] for m in mentions] + [sorted(ops)]))
"""


def _run_blas(mode: str) -> list[object]:
    done = subprocess.run(
        [sys.executable, "-c", _BLAS_SCRIPT, mode],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
    )
    out: list[object] = json.loads(done.stdout.splitlines()[-1])
    return out


def test_single_thread_blas_products_find_the_same_entities() -> None:
    *blis_mentions, blis_ops = _run_blas("blis")
    *numpy_mentions, numpy_ops = _run_blas("numpy")
    assert blis_ops == ["NumpyOpsTrue"] and numpy_ops == ["NumpyOpsFalse"]
    assert numpy_mentions == blis_mentions
    assert ["Benny Gantz", "person"] in [m[:2] for m in numpy_mentions]  # type: ignore[index]


def test_single_thread_blas_is_refused_once_numpy_is_loaded() -> None:
    import numpy  # noqa: F401  (whatever loaded it, its BLAS threads are fixed now)
    from defexplore.index.extract import ner

    assert not ner.prefer_single_thread_blas()


_NAMES = ("Dara Velkov", "Imre Sandor", "Lina Okafor", "Tomas Reyne", "Ayla Brenner")
_ORGS = ("Kestrel Dynamics", "Orvane Shipyards", "Halden Aerospace")


def _articles(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        name, org = _NAMES[i % len(_NAMES)], _ORGS[i % len(_ORGS)]
        place = _PLACES[i % len(_PLACES)]
        text = (
            f"{name}, the chief executive of {org}, said on {1 + i % 28} March 2024 that "
            f"the company would deliver {2 + i % 5} patrol boats to {place}. "
            f"Officials in {place} confirmed the order on Tuesday."
        )
        out.append(
            {
                "id": f"n{i}",
                "title": f"{org} order {i}",
                "text": text,
                "date": "2024-03-29",
                "source": ("Atlas Wire", "Harbor Post")[i % 2],
            }
        )
    return out


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def _collect(messages: list[str]) -> Callable[[Progress], None]:
    return lambda p: messages.append(p.item)


def test_extraction_streamed_to_workers_matches_one_process(tmp_path: Path) -> None:
    # Three chunks and a partial one: chunks go to the workers while parsing goes on.
    source = _jsonl(tmp_path / "in" / "news.jsonl", _articles(110))
    answers = []
    for workers in (1, 2):
        messages: list[str] = []
        with Corpus.open(tmp_path / f"c{workers}") as corpus:
            report = corpus.ingest([source], workers=workers, progress=_collect(messages))
            assert len(report.added) == 110 and not report.failed
            assert not any("failed" in m for m in messages)
            answers.append(
                (
                    [(e.name, e.type, e.articles, e.mentions) for e in corpus.entities()],
                    corpus.timeline().events,
                    corpus.stories(),
                )
            )
    assert answers[0] == answers[1]
    assert ("Dara Velkov", "person") in [row[:2] for row in answers[0][0]]


_STDIN_EXTRACT = """
import json, sys
from pathlib import Path
from defexplore.index.corpus import Corpus
messages = []
with Corpus.open(Path(sys.argv[1])) as corpus:
    report = corpus.ingest([Path(sys.argv[2])], workers=2,
                           progress=lambda p: p.item and messages.append(p.item))
    print(json.dumps([len(report.added), corpus.count(), corpus.event_count(), messages]))
"""


def test_extraction_workers_that_cannot_start_fall_back_to_this_process(tmp_path: Path) -> None:
    # A worker re-imports the parent's __main__, which a script read from stdin does not
    # have: every worker dies at start, and this process extracts instead.
    source = _jsonl(tmp_path / "in" / "news.jsonl", _articles(70))
    done = subprocess.run(
        [sys.executable, "-", str(tmp_path / "c"), str(source)],
        input=_STDIN_EXTRACT,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=True,
    )
    added, count, events, messages = json.loads(done.stdout.splitlines()[-1])
    assert (added, count) == (70, 70) and events >= 70
    assert "worker processes failed; continuing" in messages


def test_mention_records_are_what_asdict_gives() -> None:
    from dataclasses import asdict

    from defexplore.index.model import Mention
    from defexplore.index.pipeline import mention_record

    for mention in (
        Mention("Benny Gantz", "person", "Gantz", 10, 15, "Israeli Defense Minister"),
        Mention("Rabat", "place", "Rabat", 0, 5),
    ):
        record = mention_record(mention)
        assert record == asdict(mention)
        assert json.dumps(record) == json.dumps(asdict(mention))  # same keys, same order
