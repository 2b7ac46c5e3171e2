"""Timing, statistics, corpus-file and table helpers shared by the bench scripts.

Figures are medians (of repeated runs) and ratios against a reference engine measured in
the same process, because absolute numbers only mean something on the machine that made them.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

REPO_ROOT = Path(__file__).resolve().parent.parent


def now() -> float:
    """A monotonic high-resolution clock, in seconds."""
    return time.perf_counter()


def cpu_now() -> float:
    """CPU seconds used so far by this process and its waited-for children.

    On a shared machine wall time mostly measures the neighbours; CPU time measures the
    work, so the report shows both.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Call `fn` and return its result with the elapsed seconds."""
    t0 = now()
    out = fn()
    return out, now() - t0


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values (so a missing figure never looks like zero)."""
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        return math.nan
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p / 100.0
    lo = math.floor(k)
    hi = math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def ratio(a: float, b: float) -> float:
    """a / b, NaN when either side is missing or b is zero."""
    if math.isnan(a) or math.isnan(b) or b == 0:
        return math.nan
    return a / b


def dir_size(path: Path) -> int:
    """Total bytes of the regular files under `path` (or of `path` itself if a file)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            # A file removed mid-walk (merge leftovers) is simply not counted.
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSON-lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                obj = json.loads(line)
                if isinstance(obj, dict):
                    yield obj


def write_jsonl(path: Path, docs: Iterable[dict[str, Any]]) -> int:
    """Write docs as JSON lines; returns how many were written."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False))
            fh.write("\n")
            n += 1
    return n


def repeat_docs(
    docs: Iterable[dict[str, Any]], times: int, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """The first `limit` docs, repeated `times` times with ids suffixed -r1..-rN.

    With times == 1 the ids are left as they are, so a plain run indexes the file unchanged.
    """
    base = list(docs) if limit is None else [d for _, d in zip(range(limit), docs, strict=False)]
    if times <= 1:
        yield from base
        return
    for r in range(1, times + 1):
        for doc in base:
            yield {**doc, "id": f"{doc.get('id', '')}-r{r}"}


def machine_info() -> dict[str, str]:
    """What the figures were measured on."""
    import sqlite3

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": str(os.cpu_count() or "?"),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        import whoosh

        info["whoosh"] = whoosh.versionstring()
    except ImportError:  # the FTS5 side can still run alone
        info["whoosh"] = "absent"
    return info


def fmt_num(value: float, digits: int = 1) -> str:
    """A number for a table cell: thousands separators, 'n/a' for NaN."""
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def fmt_ratio(value: float) -> str:
    """A ratio for a table cell, e.g. '2.35x'."""
    return "n/a" if math.isnan(value) else f"{value:.2f}x"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured markdown table, columns padded for plain-text reading too."""
    widths = [len(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)]
        return "| " + " | ".join(padded) + " |"

    sep = (
        "|"
        + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def eprint(*args: object) -> None:
    """Progress goes to stderr so stdout stays the report."""
    print(*args, file=sys.stderr, flush=True)
