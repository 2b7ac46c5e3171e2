"""Ingest speed with and without extraction (entities, dates, stories) through `Corpus.ingest`.

    python -m bench.ingest_speed [--corpus F.jsonl] [--docs N] [--workers 2] [--no-extract]
                                 [--repeat R] [--reference]

Reads the first N records of the corpus (default: ../shared/bench/reuters21578.jsonl),
ingests them into a fresh temporary index, and prints docs/s (wall and per CPU-second of
this process and its workers) and when each stage began. With --repeat it prints the
median of R runs; with --reference each repetition first runs the same ingest with one
process (workers=1, no writer or extraction processes), so the two are compared under the
same machine load, and the ratio of the medians is printed. Skips cleanly when the corpus
is absent.

Every ingest runs in a fresh interpreter, as `defexplore ingest` does: extraction workers
come from a fork server that loads the model once and outlives the ingest, so a second
ingest in the same process would not pay that start-up. CPU counts the process, the
processes it has waited for, and (on Linux, from /proc) its live descendants with the
processes they have waited for: the fork server and the workers forked from it are not
children this process waits for.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from defexplore.index.corpus import Corpus
from defexplore.index.model import Progress

REUTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "reuters21578.jsonl"


def _descendants_cpu() -> float:
    """CPU seconds of this process's live descendants and of what they have waited for."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    parent: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the command name (which may hold spaces): state is field 3.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        ticks[pid] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    me = os.getpid()
    total = 0
    for pid in ticks:
        up = parent.get(pid)
        while up is not None and up not in (me, 0, 1):
            up = parent.get(up)
        if up == me:
            total += ticks[pid]
    return total / os.sysconf("SC_CLK_TCK")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + _descendants_cpu()


@dataclass(frozen=True)
class Run:
    """One ingest: articles, wall and CPU seconds, when each stage began (wall and CPU)."""

    articles: int
    failed: int
    wall: float
    cpu: float
    stages: dict[str, float]
    stage_cpu: dict[str, float]
    load: float  # load average over the last minute, at the start


def ingest_once(sample: Path, index: Path, *, extract: bool, workers: int) -> Run:
    """Ingest `sample` into a new index at `index` and time it, in a fresh interpreter."""
    args = [sys.executable, "-m", "bench.ingest_speed", "--one", str(sample), str(index)]
    args += ["--workers", str(workers)] + (["--no-extract"] if not extract else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return Run(**json.loads(done.stdout.splitlines()[-1]))


def _ingest_here(sample: Path, index: Path, *, extract: bool, workers: int) -> Run:
    """Ingest `sample` into a new index at `index` and time it, in this process."""
    stages: dict[str, float] = {}
    stage_cpu: dict[str, float] = {}
    load = os.getloadavg()[0]
    start, cpu0 = time.perf_counter(), _cpu()

    def progress(p: Progress) -> None:
        if p.stage not in stages:
            stages[p.stage] = time.perf_counter() - start
            stage_cpu[p.stage] = _cpu() - cpu0

    with Corpus.open(index) as corpus:
        # The per-file size cap guards the app against stray huge files; a bench sample is
        # one big JSONL file by design (108k records are 130 MB).
        cap = max(sample.stat().st_size + 1, 20 * 1024 * 1024)
        report = corpus.ingest(
            [sample], extract=extract, workers=workers, progress=progress, max_bytes=cap
        )
        wall, cpu = time.perf_counter() - start, _cpu() - cpu0
    return Run(len(report.added), len(report.failed), wall, cpu, stages, stage_cpu, load)


def _line(label: str, run: Run) -> str:
    n = run.articles
    stages = ", ".join(
        f"{k} {v:.1f}s/{run.stage_cpu.get(k, 0.0):.1f} cpu-s" for k, v in run.stages.items()
    )
    return (
        f"{label}: wall {run.wall:.1f}s -> {n / run.wall:.1f} docs/s; "
        f"cpu {run.cpu:.1f}s -> {n / run.cpu:.1f} docs per CPU-s; load {run.load:.1f}; "
        f"stages began (wall/CPU): {stages}"
    )


def _medians(runs: list[Run]) -> tuple[float, float]:
    wall = statistics.median(r.articles / r.wall for r in runs)
    cpu = statistics.median(r.articles / r.cpu for r in runs)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    """Run the ingest benchmark and print one report line per run, then the medians."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REUTERS)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-extract", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--reference", action="store_true", help="also run with workers=1")
    ap.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)  # sample, index
    args = ap.parse_args(argv)
    if args.one:
        run = _ingest_here(*args.one, extract=not args.no_extract, workers=args.workers)
        print(json.dumps(asdict(run)))
        return 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (skipped)")
        return 0
    extract = not args.no_extract
    runs: list[Run] = []
    refs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with args.corpus.open("rb") as src, sample.open("wb") as out:
            out.writelines(itertools.islice(src, args.docs))
        for i in range(args.repeat):
            if args.reference:
                ref = ingest_once(sample, Path(tmp) / f"ref{i}", extract=extract, workers=1)
                refs.append(ref)
                print(_line("workers=1", ref), flush=True)
            run = ingest_once(sample, Path(tmp) / f"run{i}", extract=extract, workers=args.workers)
            runs.append(run)
            print(_line(f"workers={args.workers}", run), flush=True)
    print(f"articles {runs[0].articles}, failed {runs[0].failed}, extract={extract}")
    wall, cpu = _medians(runs)
    print(f"median of {len(runs)}: {wall:.1f} docs/s wall, {cpu:.1f} docs per CPU-s")
    if refs:
        ref_wall, ref_cpu = _medians(refs)
        print(
            f"reference (workers=1) median: {ref_wall:.1f} docs/s wall, "
            f"{ref_cpu:.1f} docs per CPU-s; ratio wall {wall / ref_wall:.2f}x, "
            f"CPU {cpu / ref_cpu:.2f}x"
        )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
