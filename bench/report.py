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
            "size_mb": _per_run(runs, engine, lambda r: r.size_bytes / 1e6),
            "import_ms": _per_run(runs, engine, lambda r: 1000 * median(r.import_s)),
            "cold_ms": _per_run(runs, engine, lambda r: 1000 * median(r.cold_s)),
            "p50_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_s, 50)),
            "p95_ms": _per_run(runs, engine, lambda r: 1000 * percentile(r.latency_s, 95)),
            "max_ms": _per_run(runs, engine, lambda r: 1000 * max(r.latency_s, default=math.nan)),
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
    dps, p95 = w["ingest_dps"], w["p95_ms"]
    rows = [
        [
            "ingest (docs/s)",
            fmt_num(dps),
            fmt_num(f["ingest_dps"]),
            fmt_ratio(ratio(dps, f["ingest_dps"])),
            f">= {INGEST_TARGET:.0f}: "
            + _verdict(None if math.isnan(dps) else dps >= INGEST_TARGET),
        ],
        [
            "index size (MB)",
            fmt_num(w["size_mb"]),
            fmt_num(f["size_mb"]),
            fmt_ratio(ratio(w["size_mb"], f["size_mb"])),
            "",
        ],
        [
            "cold open + first query (ms)",
            fmt_num(w["cold_ms"]),
            fmt_num(f["cold_ms"]),
            fmt_ratio(ratio(w["cold_ms"], f["cold_ms"])),
            "",
        ],
        [
            "engine import, cold process (ms)",
            fmt_num(w["import_ms"]),
            fmt_num(f["import_ms"]),
            "",
            "",
        ],
        [
            "query p50 (ms)",
            fmt_num(w["p50_ms"], 2),
            fmt_num(f["p50_ms"], 2),
            fmt_ratio(ratio(w["p50_ms"], f["p50_ms"])),
            "",
        ],
        [
            "query p95 (ms)",
            fmt_num(p95, 2),
            fmt_num(f["p95_ms"], 2),
            fmt_ratio(ratio(p95, f["p95_ms"])),
            f"<= {P95_TARGET_MS:.0f} ms: "
            f"{_verdict(None if math.isnan(p95) else p95 <= P95_TARGET_MS)}; "
            f"<= FTS5: {_verdict(None if math.isnan(p95 / f['p95_ms']) else p95 <= f['p95_ms'])}",
        ],
        [
            "query max (ms)",
            fmt_num(w["max_ms"], 2),
            fmt_num(f["max_ms"], 2),
            fmt_ratio(ratio(w["max_ms"], f["max_ms"])),
            "",
        ],
    ]
    parts = [
        f"### Search benchmark: {label}",
        "",
        f"Docs indexed: Whoosh {fmt_num(w['docs'], 0)}, FTS5 {fmt_num(f['docs'], 0)}. "
        f"{len(queries)} queries, top {20} + exact total, warmed once then {rounds} timed "
        f"rounds (per-query median); medians of {len(runs)} run(s). No NLP extraction. "
        f"Machine: {info['platform']}, {info['cpus']} CPUs, Python {info['python']}, "
        f"SQLite {info['sqlite']}, Whoosh {info['whoosh']}. Cold = fresh process, "
        "warm OS page cache.",
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
