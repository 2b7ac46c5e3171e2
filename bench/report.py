"""Turn the search benchmark's raw figures into a markdown report (medians and ratios)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .common import (
    fmt_num,
    fmt_ratio,
    machine_info,
    markdown_table,
    median,
    percentile,
    ratio,
)
from .queries import BenchQuery

if TYPE_CHECKING:
    from .search import EngineRun

P95_TARGET_MS = 50.0
INGEST_TARGET = 300.0


def _per_run(
    runs: Sequence[dict[str, EngineRun]], engine: str, fn: Callable[[EngineRun], float]
) -> float:
    """Median over runs of one figure of one engine (NaN when the engine did not run)."""
    return median([fn(run[engine]) for run in runs if engine in run])


def summary(runs: Sequence[dict[str, EngineRun]]) -> dict[str, dict[str, float]]:
    """The headline figures per engine, medians over runs."""
    out: dict[str, dict[str, float]] = {}
    for engine in ("whoosh", "fts5"):
        out[engine] = {
            "docs": _per_run(runs, engine, lambda r: r.docs),
            "ingest_dps": _per_run(runs, engine, lambda r: ratio(r.docs, r.ingest_s)),
            "ingest_dpcs": _per_run(runs, engine, lambda r: ratio(r.docs, r.ingest_cpu_s)),
            "size_mb": _per_run(runs, engine, lambda r: r.size_bytes / 1e6),
            "import_ms": _per_run(runs, engine, lambda r: 1000 * median(r.import_s)),
            "cold_ms": _per_run(runs, engine, lambda r: 1000 * median(r.cold_s)),
            "p50_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_s, 50)),
            "p95_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_s, 95)),
            "max_ms": _per_run(runs, engine, lambda r: 1000 * max(r.latency_s, default=math.nan)),
            "p50_cpu_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_cpu_s, 50)),
            "p95_cpu_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_cpu_s, 95)),
            "first_p50_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.first_s, 50)),
            "first_p95_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.first_s, 95)),
        }
    return out


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")


def render(
    label: str,
    queries: Sequence[BenchQuery],
    runs: Sequence[dict[str, EngineRun]],
    rounds: int,
    verbose: bool = False,
) -> str:
    """The markdown report of one benchmark invocation."""
    s = summary(runs)
    w, f = s["whoosh"], s["fts5"]
    info = machine_info()
    dps, p95, fp95 = w["ingest_dps"], w["p95_ms"], f["p95_ms"]

    def row(
        label: str, key: str, digits: int = 1, target: str = "", ratio_: bool = True
    ) -> list[str]:
        r = fmt_ratio(ratio(w[key], f[key])) if ratio_ else ""
        return [label, fmt_num(w[key], digits), fmt_num(f[key], digits), r, target]

    def verdict(value: float, ok: bool) -> str:
        return _verdict(None if math.isnan(value) else ok)

    rows = [
        row("ingest (docs/s)", "ingest_dps", 0,
            f">= {INGEST_TARGET:.0f}: {verdict(dps, dps >= INGEST_TARGET)}"),
        row("ingest (docs per CPU-s)", "ingest_dpcs", 0),
        row("index size (MB)", "size_mb"),
        row("cold open + first query (ms)", "cold_ms"),
        row("engine import, cold process (ms)", "import_ms", ratio_=False),
        row("query p50 (ms)", "p50_ms", 2),
        row("query p95 (ms)", "p95_ms", 2,
            f"<= {P95_TARGET_MS:.0f} ms: {verdict(p95, p95 <= P95_TARGET_MS)}; "
            f"<= FTS5: {verdict(p95 - fp95, p95 <= fp95)}"),
        row("query max (ms)", "max_ms", 2),
        row("query p50, CPU (ms)", "p50_cpu_ms", 2),
        row("query p95, CPU (ms)", "p95_cpu_ms", 2),
        row("first run p50 (ms)", "first_p50_ms", 2),
        row("first run p95 (ms)", "first_p95_ms", 2),
    ]  # fmt: skip
    parts = [
        f"### Search benchmark: {label}",
        "",
        f"Docs indexed: Whoosh {fmt_num(w['docs'], 0)}, FTS5 {fmt_num(f['docs'], 0)}. "
        f"{len(queries)} queries, top {20} + exact total, warmed once then {rounds} timed "
        f"rounds (per-query median); medians of {len(runs)} run(s). No NLP extraction. "
        f"Machine: {info['platform']}, {info['cpus']} CPUs, Python {info['python']}, "
        f"SQLite {info['sqlite']}, Whoosh {info['whoosh']}. Cold = fresh process, "
        "warm OS page cache. 'First run' is each query's warm-up run: no engine cache "
        "holds its terms yet (the first query also opens the session). CPU rows count "
        "this process's CPU time only (and its children's for ingest): the machine may be "
        "shared, and CPU time shows the work.",
        "",
        markdown_table(["metric", "Whoosh", "FTS5", "Whoosh/FTS5", "target"], rows),
        "",
        _by_kind(queries, runs),
        "",
        _agreement(queries, runs),
    ]
    errors = sorted({e for run in runs for r in run.values() for e in r.errors})
    if errors:
        parts += ["", "Query errors:", *(f"- {e}" for e in errors)]
    if verbose:
        parts += ["", _per_query(queries, runs)]
    return "\n".join(parts)


def _query_ms(runs: Sequence[dict[str, EngineRun]], engine: str) -> list[float]:
    """Per-query latency in ms, median over runs."""
    present = [run[engine].latency_s for run in runs if engine in run and run[engine].latency_s]
    if not present:
        return []
    return [1000 * median([lat[i] for lat in present]) for i in range(len(present[0]))]


def _by_kind(queries: Sequence[BenchQuery], runs: Sequence[dict[str, EngineRun]]) -> str:
    wq, fq = _query_ms(runs, "whoosh"), _query_ms(runs, "fts5")
    kinds = list(dict.fromkeys(q.kind for q in queries))
    rows = []
    for kind in kinds:
        idx = [i for i, q in enumerate(queries) if q.kind == kind]
        wk = [wq[i] for i in idx] if wq else []
        fk = [fq[i] for i in idx] if fq else []
        rows.append(
            [
                kind,
                str(len(idx)),
                fmt_num(median(wk), 2),
                fmt_num(max(wk, default=math.nan), 2),
                fmt_num(median(fk), 2),
                fmt_num(max(fk, default=math.nan), 2),
                fmt_ratio(ratio(median(wk), median(fk))),
            ]
        )
    header = ["kind", "n", "Whoosh med", "Whoosh max", "FTS5 med", "FTS5 max", "ratio"]
    return "Latency by query kind (ms):\n\n" + markdown_table(header, rows)


def _agreement(queries: Sequence[BenchQuery], runs: Sequence[dict[str, EngineRun]]) -> str:
    """How often both engines count the same matches (analyzers differ, so not always)."""
    if not runs or "whoosh" not in runs[0] or "fts5" not in runs[0]:
        return ""
    wt, ft = runs[0]["whoosh"].totals, runs[0]["fts5"].totals
    close = sum(1 for a, b in zip(wt, ft, strict=False) if abs(a - b) <= 0.1 * max(a, b, 1))
    return (
        f"Exact totals agree within 10% on {close}/{len(queries)} queries "
        "(the engines' tokenizers and stemmers differ, so some gaps are expected; -v lists them)."
    )


def _per_query(queries: Sequence[BenchQuery], runs: Sequence[dict[str, EngineRun]]) -> str:
    wq, fq = _query_ms(runs, "whoosh"), _query_ms(runs, "fts5")
    wt = runs[0]["whoosh"].totals if "whoosh" in runs[0] else []
    ft = runs[0]["fts5"].totals if "fts5" in runs[0] else []
    rows = []
    for i, q in enumerate(queries):
        rows.append(
            [
                q.whoosh.replace("|", "\\|") + (" (by date)" if q.sort == "date" else ""),
                q.kind,
                fmt_num(wq[i], 2) if wq else "",
                fmt_num(fq[i], 2) if fq else "",
                str(wt[i]) if wt else "",
                str(ft[i]) if ft else "",
            ]
        )
    header = ["query", "kind", "Whoosh ms", "FTS5 ms", "Whoosh total", "FTS5 total"]
    return "Per query:\n\n" + markdown_table(header, rows)
