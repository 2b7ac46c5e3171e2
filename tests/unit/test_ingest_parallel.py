"""Big ingests write the article index from worker processes: same results as one process.

A run with enough new articles hands them to writer processes that each write a Whoosh
segment, committed together in one table of contents. These tests compare such an index
with one written in a single process, through the Corpus API, and check that updates,
interrupted runs and workers that cannot start keep the index whole.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from defexplore.index.batch import PARALLEL_MIN_DOCS
from defexplore.index.corpus import Corpus
from defexplore.index.model import Progress

from tests.conftest import REPO

N = PARALLEL_MIN_DOCS + 200
_WORDS = (
    "navy", "frigate", "corvette", "drone", "radar", "missile", "budget", "minister", "treaty",
    "harbour", "patrol", "exercise", "contract", "supplier", "engine", "satellite", "coast",
    "guard", "border", "airbase", "convoy", "officer", "training", "cyber", "battalion",
    "submarine", "helicopter", "tanker", "procurement", "summit",
)  # fmt: skip
_FRENCH = (
    "Le ministre de la Défense a annoncé un nouvel accord pour la marine. Les essais de "
    "la frégate commenceront au printemps prochain dans le port de Toulon, selon l'état-major."
)
_SOURCES = ("Wire One", "Daily Post", "Harbour News", "Le Quotidien", "Coastal Times")


def _record(i: int, rng: random.Random, tag: str = "") -> dict[str, str]:
    words = " ".join(rng.choice(_WORDS) for _ in range(40))
    french = i % 10 == 0
    body = _FRENCH if french else f"The {words}. Officials said the {tag}plan was agreed."
    return {
        "id": f"doc-{i}",
        "title": f"Report {i} on the {rng.choice(_WORDS)} {rng.choice(_WORDS)}",
        "text": body,
        "date": f"202{i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "source": _SOURCES[i % len(_SOURCES)],
    }


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def _records(tag: str = "") -> list[dict[str, str]]:
    rng = random.Random(7)
    return [_record(i, rng, tag) for i in range(N)]


def _segments(corpus_dir: Path) -> int:
    return len(list((corpus_dir / "articles").glob("*.seg")))


_QUERIES = (
    "frigate",
    "navy OR submarine",
    '"coast guard"',
    "frégate",
    "defense",
    "title:report AND drone",
    "published:[2021 to 2022]",
    "source:harbour",
    "frigate NOT radar",
)


def _answers(corpus: Corpus) -> list[object]:
    out: list[object] = [corpus.count(), corpus.stats().languages]
    for q in _QUERIES:
        result = corpus.search(q, limit=N)
        assert result.error is None, q
        out.append((q, result.total, sorted(h.id for h in result.hits), result.facets))
    out.append(corpus.search("frigatte").suggestion)
    out.append([corpus.article(f"doc-{i}") for i in (0, 1, 17, N - 1)])
    return out


def test_worker_written_index_answers_like_one_written_in_process(tmp_path: Path) -> None:
    source = _write(tmp_path / "in" / "news.jsonl", _records())
    with Corpus.open(tmp_path / "one") as one, Corpus.open(tmp_path / "two") as two:
        assert len(one.ingest([source], extract=False, workers=1).added) == N
        report = two.ingest([source], extract=False, workers=2)
        assert len(report.added) == N and report.ok
        # One segment per writer process: the work was shared, not done here.
        assert (_segments(tmp_path / "one"), _segments(tmp_path / "two")) == (1, 2)
        assert _answers(two) == _answers(one)
        assert two.search('"coast guard"').hits[0].marks  # snippets from worker segments


def test_big_update_replaces_every_changed_article(tmp_path: Path) -> None:
    source = tmp_path / "in" / "news.jsonl"
    with Corpus.open(tmp_path / "c") as corpus:
        _write(source, _records())
        corpus.ingest([source], extract=False, workers=2)
        # Every English article changes; French ones (every tenth) stay as they were.
        records = _records(tag="revised ")[:-3]
        _write(source, records)
        report = corpus.ingest([source], extract=False, workers=2)
        assert len(report.updated) == sum(1 for i in range(N - 3) if i % 10) > PARALLEL_MIN_DOCS
        assert len(report.unchanged) == N - 3 - len(report.updated)
        assert sorted(report.removed) == sorted(f"doc-{i}" for i in range(N - 3, N))
        assert corpus.count() == N - 3
        assert corpus.search("revised").total == len(report.updated)
        assert corpus.search("officials").total == len(report.updated)
        assert corpus.article(f"doc-{N - 1}") is None
        # A second identical run changes nothing.
        again = corpus.ingest([source], extract=False, workers=2)
        assert again.added == again.updated == again.removed == ()


class _Stop(Exception):
    pass


def test_interrupted_big_ingest_leaves_last_commit_and_no_processes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    records = _records()
    step = 60
    for n, start in enumerate(range(0, N, step)):
        _write(folder / f"part{n:02d}.jsonl", records[start : start + step])
    files = len(list(folder.iterdir()))
    first = _write(tmp_path / "first" / "one.jsonl", [_record(N + 1, random.Random(1))])

    def stop_late(p: Progress) -> None:
        # Past PARALLEL_MIN_DOCS: the writer processes hold some articles already.
        if p.stage == "parse" and p.item == f"part{files - 1:02d}.jsonl":
            raise _Stop

    with Corpus.open(tmp_path / "c") as corpus:
        corpus.ingest([first], extract=False)
        with pytest.raises(_Stop):
            corpus.ingest([folder], extract=False, workers=2, progress=stop_late)
        assert multiprocessing.active_children() == []
        assert corpus.count() == 1
        report = corpus.ingest([folder], extract=False, workers=2)
        assert len(report.added) == N and corpus.count() == N + 1
    # The interrupted run's unfinished segment files were deleted by the next commit.
    names = [p.name for p in (tmp_path / "c" / "articles").iterdir()]
    left = [n for n in names if not n.endswith((".seg", ".toc", "_WRITELOCK"))]
    assert left == [] and len([n for n in names if n.endswith(".seg")]) == 3, names


_KILLED_SCRIPT = """
import os, sys, time, multiprocessing
from pathlib import Path
from defexplore.index.corpus import Corpus

def stall(p):
    if p.stage == "parse" and p.item == sys.argv[3]:
        # Writer processes hold articles now: report them, then wait to be killed.
        print(" ".join(str(c.pid) for c in multiprocessing.active_children()), flush=True)
        time.sleep(600)

if __name__ == "__main__":
    with Corpus.open(Path(sys.argv[1])) as corpus:
        corpus.ingest([Path(sys.argv[2])], extract=False, workers=2, progress=stall)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has finished; only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killed_ingest_leaves_no_workers_and_the_last_commit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    records = _records()
    for n, start in enumerate(range(0, N, 60)):
        _write(folder / f"part{n:02d}.jsonl", records[start : start + 60])
    last = sorted(folder.iterdir())[-1].name
    first = _write(tmp_path / "first" / "one.jsonl", [_record(N + 1, random.Random(1))])
    with Corpus.open(tmp_path / "c") as corpus:
        corpus.ingest([first], extract=False)
    script = tmp_path / "killed.py"
    script.write_text(_KILLED_SCRIPT, "utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "c"), str(folder), last],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout is not None
    children = [int(pid) for pid in proc.stdout.readline().split()]
    assert children  # the writer processes (and multiprocessing's resource tracker)
    proc.kill()
    proc.wait()
    for _ in range(100):  # the workers notice their parent's death and exit
        if not any(_running(pid) for pid in children):
            break
        time.sleep(0.1)
    assert not any(_running(pid) for pid in children)
    with Corpus.open(tmp_path / "c") as corpus:
        assert corpus.count() == 1  # the killed run committed nothing
        report = corpus.ingest([folder], extract=False, workers=2)
        assert len(report.added) == N and corpus.count() == N + 1
        assert any("stale lock" in m for m in corpus.messages)


_STDIN_SCRIPT = """
import json, sys
from pathlib import Path
from defexplore.index.corpus import Corpus
messages = []
with Corpus.open(Path(sys.argv[1])) as corpus:
    report = corpus.ingest([Path(sys.argv[2])], extract=False, workers=2,
                           progress=lambda p: p.item and messages.append(p.item))
    print(json.dumps([len(report.added), corpus.count(), messages]))
"""


def test_writer_processes_that_cannot_start_fall_back_to_this_process(tmp_path: Path) -> None:
    # spawn re-imports the parent's __main__, which a script read from stdin does not have.
    source = _write(tmp_path / "in" / "news.jsonl", _records())
    done = subprocess.run(
        [sys.executable, "-", str(tmp_path / "c"), str(source)],
        input=_STDIN_SCRIPT,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=True,
    )
    added, count, messages = json.loads(done.stdout.splitlines()[-1])
    assert (added, count) == (N, N)
    assert any("writer processes failed to start" in m for m in messages)
