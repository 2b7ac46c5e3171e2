"""Timeline speed on the Reuters-21578 dump: event extraction, story grouping, the events
index (full build, small incremental update) and timeline queries.

Reads ../shared/bench/reuters21578.jsonl (skips cleanly when absent). Events are
extracted without the NER layer (capitalised names stand in for entities), which is what
makes a run take minutes rather than an hour. Figures are CPU seconds (the work) and wall
seconds (what a user waits on this machine), plus per-1k-event rates; grouping is also
given as a ratio to extraction, measured in the same run.

    .venv/bin/python -m bench.timeline_speed [--articles N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from defexplore.index.corpus import Corpus
from defexplore.index.events_store import EventStore
from defexplore.index.extract.stories import group_stories
from defexplore.index.ingest import RawArticle, discover, parse, read_source
from defexplore.index.model import Event

from .common import cpu_now, now

REUTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "reuters21578.jsonl"
QUERIES: list[dict[str, Any]] = [
    {"limit": 1000},
    {"query": "oil", "limit": 1000},
    {"entity": "OPEC", "limit": 1000},
    {"date_from": "1987-03", "date_to": "1987-03", "limit": 1000},
    {"query": "oil", "entity": "Saudi Arabia", "granularity": "day"},
]


def _extract(batch: list[RawArticle]) -> list[Event]:
    from defexplore.index.extract.events import extract_events

    out: list[Event] = []
    for r in batch:
        out += extract_events(r.id, r.path, r.source, r.body, r.captions, r.language, r.published)
    return out


def _timed(label: str, fn: Any, *args: Any) -> Any:
    cpu, wall = cpu_now(), now()
    value = fn(*args)
    print(f"{label:<34} cpu {cpu_now() - cpu:8.2f}s   wall {now() - wall:8.2f}s", flush=True)
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the timeline benchmark and print a report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=0, help="first N articles (0: all)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not REUTERS.exists():
        print(f"skipped: {REUTERS} not found")
        return 0
    sources, _ = discover([REUTERS], [], [])
    articles = parse(sources[0], _bytes(sources[0].path)).articles
    if args.articles:
        articles = articles[: args.articles]
    batches = [articles[i : i + 200] for i in range(0, len(articles), 200)]

    def extract_all() -> list[Event]:
        # Child CPU time counts once the pool has been waited for (cpu_now includes it).
        with ProcessPoolExecutor(2) as pool:
            return [e for chunk in pool.map(_extract, batches) for e in chunk]

    cpu0 = cpu_now()
    events = _timed(f"extract events ({len(articles)} articles)", extract_all)
    extract_cpu = cpu_now() - cpu0
    n = len(events)
    print(f"{n} events, {n / max(len(articles), 1):.2f} per article")
    cpu0 = cpu_now()
    stories, _ = _timed("group_stories (all events)", group_stories, events)
    group_cpu = cpu_now() - cpu0
    multi = sum(1 for s in stories if len(s.events) > 1)
    print(f"{multi} stories of 2+ events; grouping = {group_cpu / max(extract_cpu, 1e-9):.2f}x "
          f"extraction CPU, {group_cpu / max(n, 1) * 1000:.2f}s per 1k events")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "reuters"
        root.mkdir()
        store = EventStore(root)
        _timed("events index: full build", store.replace, events, [], True, group_stories)
        some = sorted({e.article_id for e in events})[:100]
        changed = [e for e in events if e.article_id in set(some)]
        _timed("events index: update 100 articles", store.replace, changed, some, False,
               group_stories)  # fmt: skip
        store.close()
        corpus = Corpus(root.name, root)
        for q in QUERIES:
            cpus, walls, total = [], [], 0
            for _ in range(args.repeat):
                cpu, wall = cpu_now(), now()
                total = corpus.timeline(**q).total
                cpus.append(cpu_now() - cpu)
                walls.append(now() - wall)
            cpu_ms = statistics.median(cpus) * 1000
            wall_ms = statistics.median(walls) * 1000
            print(f"timeline {q!s:<60} {total:>6} events  cpu median {cpu_ms:6.0f}ms  "
                  f"wall {wall_ms:6.0f}ms")  # fmt: skip
        _timed("stories()", corpus.stories)
        corpus.close()
    return 0


def _bytes(path: Path) -> bytes:
    data = read_source(path, 1 << 31)
    if not isinstance(data, bytes):
        raise SystemExit(f"cannot read {path}: {data.reason}")
    return data


if __name__ == "__main__":
    sys.exit(main())
