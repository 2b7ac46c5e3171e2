"""Ingest speed with extraction (entities, dates, stories) through `Corpus.ingest`.

    python -m bench.ingest_speed [--corpus F.jsonl] [--docs N] [--workers 2] [--no-extract]

Reads the first N records of the corpus (default: ../shared/bench/reuters21578.jsonl),
ingests them into a fresh temporary index, and prints docs/s (wall and per CPU-second of
this process and its workers) and when each stage began. Skips cleanly when the corpus is
absent.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from defexplore.index.corpus import Corpus
from defexplore.index.model import Progress

REUTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "reuters21578.jsonl"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Run the ingest benchmark and print one report line per figure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REUTERS)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-extract", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (skipped)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with args.corpus.open("rb") as src, sample.open("wb") as out:
            out.writelines(itertools.islice(src, args.docs))
        stages: dict[str, float] = {}
        start, cpu0 = time.perf_counter(), _cpu()

        def progress(p: Progress) -> None:
            stages.setdefault(p.stage, time.perf_counter() - start)

        with Corpus.open(Path(tmp) / "index") as corpus:
            report = corpus.ingest(
                [sample], extract=not args.no_extract, workers=args.workers, progress=progress
            )
            wall, cpu = time.perf_counter() - start, _cpu() - cpu0
            n = len(report.added)
            print(f"articles {n}, failed {len(report.failed)}, extract={not args.no_extract}")
            print(f"wall {wall:.1f}s  -> {n / wall:.1f} docs/s")
            print(f"cpu  {cpu:.1f}s  -> {n / cpu:.1f} docs per CPU-s (all processes)")
            print("stage starts: " + ", ".join(f"{k} {v:.1f}s" for k, v in stages.items()))
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
