"""Search benchmark: defexplore's Whoosh engine against SQLite FTS5, in the same run.

    python -m bench.search --corpus ../shared/bench/reuters21578.jsonl [--repeat 5]

Without --corpus a synthetic corpus is generated. Measures ingest docs/s, index size, cold
open + first query (fresh subprocess), and p50/p95 latency over a fixed query mix (each query
warmed once, then timed --rounds times; per-query medians; percentiles over the mix).
Figures are medians over --runs full runs; ratios are Whoosh / FTS5.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .common import (
    REPO_ROOT,
    cpu_now,
    dir_size,
    eprint,
    iter_jsonl,
    median,
    now,
    repeat_docs,
    write_jsonl,
)
from .fts5 import LIMIT, Fts5Index
from .queries import DEFAULT_QUERIES, BenchQuery, dump_queries, load_queries
from .report import render
from .synthetic import write_corpus

ENGINES = ("whoosh", "fts5")


@dataclass
class EngineRun:
    """One engine's figures from one full run."""

    engine: str
    docs: int = 0
    ingest_s: float = 0.0
    ingest_cpu_s: float = 0.0
    size_bytes: int = 0
    cold_s: list[float] = field(default_factory=list)  # open + first query, per probe
    import_s: list[float] = field(default_factory=list)  # engine import in the probe
    latency_s: list[float] = field(default_factory=list)  # per-query median, in mix order
    latency_cpu_s: list[float] = field(default_factory=list)  # the same in CPU time
    # The warm-up pass: each query's first run in the session, before any engine cache
    # (Whoosh's recent postings, SQLite's page cache) holds its terms.
    first_s: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- the two engines behind one tiny interface ------------------------------------------


class WhooshSide:
    """defexplore's own engine, driven only through the public `Corpus` API."""

    def __init__(self, index_dir: Path) -> None:
        from defexplore.index.corpus import Corpus

        self.corpus = Corpus.open(index_dir)

    def ingest(self, path: Path) -> int:
        # The per-file size cap guards the app against stray huge files; a bench corpus is
        # one big JSONL file by design.
        cap = max(path.stat().st_size + 1, 20 * 1024 * 1024)
        report = self.corpus.ingest([path], extract=False, max_bytes=cap)
        for problem in report.failed[:5]:
            eprint(f"  whoosh ingest failed: {problem}")
        return len(report.added) + len(report.updated)

    def search(self, q: BenchQuery) -> tuple[int, str | None]:
        res = self.corpus.search(q.whoosh, sort=q.sort, limit=LIMIT)
        return res.total, res.error

    def close(self) -> None:
        self.corpus.close()


class Fts5Side:
    """The SQLite FTS5 reference."""

    def __init__(self, db_path: Path, create: bool = False) -> None:
        self.index = Fts5Index.create(db_path) if create else Fts5Index(db_path)

    def ingest(self, path: Path) -> int:
        return self.index.ingest(iter_jsonl(path))

    def search(self, q: BenchQuery) -> tuple[int, str | None]:
        total, _rows = self.index.search(q, LIMIT)
        return total, None

    def close(self) -> None:
        self.index.close()


Side = WhooshSide | Fts5Side


def _location(engine: str, workdir: Path) -> Path:
    return workdir / ("whoosh-index" if engine == "whoosh" else "fts5.db")


def _open(engine: str, workdir: Path, create: bool) -> Side:
    where = _location(engine, workdir)
    if engine == "whoosh":
        where.mkdir(parents=True, exist_ok=True)
        return WhooshSide(where)
    return Fts5Side(where, create=create)


# --- measurements -----------------------------------------------------------------------


def measure_latency(
    search: Callable[[BenchQuery], tuple[int, str | None]],
    queries: Sequence[BenchQuery],
    rounds: int,
) -> tuple[list[float], list[float], list[float], list[int], list[str]]:
    """Per-query median wall and CPU latency over `rounds` after a warm-up; the warm-up's
    own wall latency per query; totals; errors."""
    totals: list[int] = []
    errors: list[str] = []
    first: list[float] = []
    for q in queries:  # warm-up, and the totals/errors for the report
        t0 = now()
        total, error = search(q)
        first.append(now() - t0)
        totals.append(total)
        if error:
            errors.append(f"{q.whoosh}: {error}")
    samples: list[list[float]] = [[] for _ in queries]
    cpu: list[list[float]] = [[] for _ in queries]
    # Round-robin so a query never runs twice in a row against its own hot caches.
    for _ in range(rounds):
        for i, q in enumerate(queries):
            c0 = time.thread_time()
            t0 = now()
            search(q)
            samples[i].append(now() - t0)
            cpu[i].append(time.thread_time() - c0)
    return [median(s) for s in samples], [median(c) for c in cpu], first, totals, errors


def cold_probe(engine: str, workdir: Path, query: BenchQuery) -> tuple[float, float]:
    """Open the index and run one query in a fresh interpreter: (import_s, open+query_s)."""
    cmd = [
        sys.executable,
        "-m",
        "bench.search",
        "--probe",
        engine,
        str(workdir),
        json.dumps(asdict(query)),
    ]
    out = subprocess.run(
        cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=True, env=os.environ.copy()
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return float(data["import_s"]), float(data["cold_s"])


def _probe_main(engine: str, workdir: Path, query_json: str) -> None:
    q = BenchQuery(**json.loads(query_json))
    t0 = now()
    if engine == "whoosh":
        import defexplore.index.corpus  # noqa: F401  (import cost is reported separately)
    t1 = now()
    side = _open(engine, workdir, create=False)
    side.search(q)
    t2 = now()
    side.close()
    print(json.dumps({"import_s": t1 - t0, "cold_s": t2 - t1}))


def _count(engine: str, workdir: Path) -> int:
    side = _open(engine, workdir, create=False)
    try:
        if isinstance(side, WhooshSide):
            return side.corpus.stats().articles
        return int(side.index.db.execute("SELECT count(*) FROM meta").fetchone()[0])
    finally:
        side.close()


def one_run(
    corpus: Path, queries: Sequence[BenchQuery], workdir: Path, args: argparse.Namespace
) -> dict[str, EngineRun]:
    """Index the corpus with both engines and measure everything once."""
    runs = {e: EngineRun(e) for e in args.engines}
    for engine in args.engines:
        where = _location(engine, workdir)
        if getattr(args, "reuse", False) and where.exists():
            # Query-only re-measurement of indexes kept with --workdir (for tuning).
            runs[engine].size_bytes = dir_size(where)
            runs[engine].docs, runs[engine].ingest_s = _count(engine, workdir), math.nan
            runs[engine].ingest_cpu_s = math.nan
            continue
        shutil.rmtree(where, ignore_errors=True) if where.is_dir() else where.unlink(True)
        side = _open(engine, workdir, create=True)
        eprint(f"[{engine}] ingest {corpus.name} ...")
        c0, t0 = cpu_now(), now()
        runs[engine].docs = side.ingest(corpus)
        runs[engine].ingest_s = now() - t0
        runs[engine].ingest_cpu_s = cpu_now() - c0
        side.close()
        runs[engine].size_bytes = dir_size(where)
        eprint(
            f"[{engine}] {runs[engine].docs} docs in {runs[engine].ingest_s:.1f}s, "
            f"{runs[engine].size_bytes / 1e6:.1f} MB"
        )
    for engine in args.engines:
        for _ in range(args.cold):
            imp, cold = cold_probe(engine, workdir, queries[0])
            runs[engine].import_s.append(imp)
            runs[engine].cold_s.append(cold)
        side = _open(engine, workdir, create=False)
        eprint(f"[{engine}] {len(queries)} queries x {args.rounds} rounds ...")
        lat, cpu, first, totals, errors = measure_latency(side.search, queries, args.rounds)
        side.close()
        run = runs[engine]
        run.latency_s, run.latency_cpu_s, run.totals, run.errors = lat, cpu, totals, errors
        run.first_s = first
    return runs


# --- corpus preparation and CLI ---------------------------------------------------------


def prepare_corpus(args: argparse.Namespace, workdir: Path) -> tuple[Path, str]:
    """The JSON-lines file to index and a label saying what it is."""
    if args.corpus is None:
        path = workdir / "synthetic.jsonl"
        n = write_corpus(path, args.synthetic, seed=args.seed)
        base, label = path, f"synthetic ({n} docs, seed {args.seed})"
        if args.repeat <= 1:
            return base, label
    else:
        base, label = args.corpus, args.corpus.name
        if args.repeat <= 1 and args.limit_docs is None:
            return base, label
    path = workdir / "corpus.jsonl"
    n = write_jsonl(path, repeat_docs(iter_jsonl(base), args.repeat, args.limit_docs))
    if args.limit_docs is not None:
        label += f", first {args.limit_docs} docs"
    if args.repeat > 1:
        label += f", repeated {args.repeat}x with ids suffixed -r1..-r{args.repeat}"
    return path, f"{label} = {n} docs"


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=Path, help="JSON-lines corpus (default: synthetic)")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="index the corpus N times, ids suffixed -r1..-rN (default 1)",
    )
    p.add_argument("--limit-docs", type=int, help="use only the first N docs (quick runs)")
    p.add_argument("--synthetic", type=int, default=10000, help="synthetic corpus size")
    p.add_argument("--seed", type=int, default=1987, help="synthetic corpus seed")
    p.add_argument("--queries", type=Path, help="JSON query mix (see --dump-queries)")
    p.add_argument("--dump-queries", action="store_true", help="print the default mix and exit")
    p.add_argument("--runs", type=int, default=1, help="full runs; figures are medians")
    p.add_argument("--rounds", type=int, default=5, help="timed passes over the query mix")
    p.add_argument("--cold", type=int, default=3, help="cold-open probes per engine and run")
    p.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    p.add_argument("--workdir", type=Path, help="keep indexes here (default: a temp dir)")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="with --workdir: keep existing indexes, measure queries only",
    )
    p.add_argument("--md", type=Path, help="also append the markdown report to this file")
    p.add_argument("--json", type=Path, help="also write raw figures as JSON")
    p.add_argument("-v", "--verbose", action="store_true", help="per-query table")
    p.add_argument("--probe", nargs=3, metavar=("ENGINE", "DIR", "QUERY"), help=argparse.SUPPRESS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    args = build_parser().parse_args(argv)
    if args.probe:
        _probe_main(args.probe[0], Path(args.probe[1]), args.probe[2])
        return 0
    queries = load_queries(args.queries) if args.queries else DEFAULT_QUERIES
    if args.dump_queries:
        print(dump_queries(queries))
        return 0
    if args.corpus is not None and not args.corpus.is_file():
        eprint(f"corpus not found: {args.corpus}")
        return 2
    keep = args.workdir is not None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="defexplore-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # Corpus.open takes a path, but keep any registry or cache away from the user's data.
    os.environ.setdefault("DEFEXPLORE_HOME", str(workdir / "home"))
    try:
        corpus, label = prepare_corpus(args, workdir)
        all_runs: list[dict[str, EngineRun]] = []
        for i in range(args.runs):
            eprint(f"run {i + 1}/{args.runs}: {label}")
            all_runs.append(one_run(corpus, queries, workdir, args))
        text = render(label, queries, all_runs, args.rounds, args.verbose)
        print(text)
        if args.md:
            with args.md.open("a", encoding="utf-8") as fh:
                fh.write(text + "\n\n")
        if args.json:
            raw: list[dict[str, Any]] = [{e: asdict(r) for e, r in run.items()} for run in all_runs]
            args.json.write_text(json.dumps({"corpus": label, "runs": raw}, indent=1))
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
