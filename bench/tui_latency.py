"""TUI speed: keystroke → results painted, and cold start → first interactive frame.

    python -m bench.tui_latency [--index DIR] [--runs 5] [--gap 0.12]

The corpus is Reuters-21578 (../shared/bench/reuters21578.jsonl) ingested with
extract=False into an index cached under /tmp (keyed by the engine's schema code, so a
schema change rebuilds it). Skips cleanly when the file is absent.

Keystroke latency: Pilot types each query one key at a time. `pilot.press` returns only
once the app is idle, then the bench waits `--gap` seconds before the next key, so keys are
`--gap` plus the app's own time apart (a brisk typist; wider than the search debounce, so
every key searches; narrower than the pane's facet delay, so, as when typing, facet
counts are not computed between keys). Each sample is the time from the key press to the
Search pane's results for the new text being painted: the results list (or the syntax
error line) records it right after the screen update in which it first draws the new
result has been written out, not after whatever refresh comes next, which can be an
earlier update without the new rows. Keys that leave the stripped query unchanged (a
space) are not samples.

Cold start: `defexplore`'s own code path (`build_app` + `App.run`, headless) in a fresh
interpreter; the sample is process spawn → first frame (written out, as Textual's Ready
event tells the app; it must show the search input focused), and → first results
painted. The child asserts that spaCy is not imported at the first frame.

Targets: keystroke p95 ≤ 50 ms; cold start ≤ 1.0 s; no NLP model at start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REUTERS = REPO.parent / "shared" / "bench" / "reuters21578.jsonl"
CACHE = Path("/tmp/defexplore-bench")
QUERIES: tuple[str, ...] = (
    "oil",
    "coffee prices",
    "opec output",
    "bank rate cut",
    "wheat exports",
    "dollar yen",
    "gold",
    "trade deficit japan",
    "crude oil prices",
    "shipping strike",
    "petrolium",
    '"interest rates"',
    "sugar OR cocoa",
    "title:grain",
)


def schema_key() -> str:
    """A hash of the engine files that decide the index format."""
    digest = hashlib.sha256()
    for name in ("store.py", "pipeline.py", "analysis.py"):
        path = REPO / "index" / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_index(index: Path | None) -> Path:
    """The cached Reuters index, built on first use (minutes)."""
    from defexplore.index.corpus import Corpus

    target = index or CACHE / f"reuters-{schema_key()}"
    if (target / "READY").exists():
        return target
    building = target.with_name(target.name + ".building")
    print(f"building the Reuters index in {target} (once; a few minutes)…", flush=True)
    started = time.perf_counter()
    with Corpus.open(building) as corpus:
        report = corpus.ingest([REUTERS], extract=False, max_bytes=1 << 30)
        count = corpus.count()
    print(
        f"  {count:,} articles, {len(report.failed)} skipped, {time.perf_counter() - started:.0f}s"
    )
    if target.exists():
        import shutil

        shutil.rmtree(target)
    os.replace(building, target)
    (target / "READY").write_text(str(count))
    return target


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def engine_only(index: Path) -> list[float]:
    """The same prefix searches straight on the corpus (hits only, as the pane's first
    phase asks): the reference the UI overhead is measured against."""
    from defexplore.index.corpus import Corpus

    samples: list[float] = []
    with Corpus.open(index, create=False) as corpus:
        corpus.search("qzxwarmup", limit=1)
        for query in QUERIES:
            typed = ""
            for ch in query:
                before = typed.strip()
                typed += ch
                if typed.strip() == before:
                    continue
                started = time.perf_counter()
                corpus.search(typed.strip(), limit=20, facets=False)
                samples.append(time.perf_counter() - started)
    return samples


async def keystrokes(index: Path, gap: float) -> tuple[list[float], int]:
    """Latency samples (seconds) of each keystroke, and the article count."""
    from defexplore.index.corpus import Corpus
    from defexplore.tui.screenshots import settle, snapshot_app
    from textual.widgets import Input

    samples: list[float] = []
    corpus = Corpus.open(index, create=False)
    app = snapshot_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.search_pane
        await settle(pilot, lambda: pane.painted is not None)
        field = app.main.query_one("#query", Input)
        for query in QUERIES:
            field.value = ""
            await settle(pilot, lambda: pane.painted is pane.request)
            typed = ""
            for ch in query:
                before = typed.strip()
                typed += ch
                await asyncio.sleep(gap)
                started = time.perf_counter()
                await pilot.press(ch)
                if typed.strip() == before:
                    continue
                deadline = started + 10
                while pane.painted is not pane.request:
                    if time.perf_counter() > deadline or not app.is_running:
                        raise RuntimeError(f"no results painted for {typed!r}")
                    await asyncio.sleep(0.0005)
                samples.append(pane.painted_at - started)
        count = corpus.count()
    corpus.close()
    return samples, count


CHILD = r"""
import asyncio, json, sys, time
from defexplore.tui.app import DefExploreApp, build_app

drawn = []

def on_ready(self):
    # Textual posts Ready to the app right after it has written the first frame. (A
    # callback asked for "after the refresh" from the auto-pilot ran up to 0.2 s and
    # six frames later: it queued behind the main screen's own start-up messages.)
    try:
        focused = self.main.query_one("#query").has_focus
    except Exception:
        focused = False
    drawn.append((time.time(), focused))

DefExploreApp.on_ready = on_ready

async def probe(pilot):
    app = pilot.app
    while not drawn:
        await asyncio.sleep(0.001)
    spacy = "spacy" in sys.modules
    pane = app.main.search_pane
    while pane.painted is None:
        await asyncio.sleep(0.002)
    painted = time.time()
    print(json.dumps({"first_frame": drawn[0][0], "interactive": drawn[0][1],
                      "results": painted, "spacy": spacy}))
    app.exit()

app = build_app(sys.argv[1])
app.run(headless=True, size=(120, 40), auto_pilot=probe)
app.corpus.close()
"""


def cold_start(index: Path) -> tuple[float, float, bool, bool]:
    """Seconds from spawn to first frame and to first results; whether spaCy was loaded;
    whether the first frame showed the search input focused."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(index)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("{"))
    data = json.loads(line)
    return (
        data["first_frame"] - started,
        data["results"] - started,
        bool(data["spacy"]),
        bool(data["interactive"]),
    )


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and print medians and p95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an existing Reuters index directory")
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs (default 5)")
    parser.add_argument("--gap", type=float, default=0.12, help="seconds between keys")
    args = parser.parse_args(argv)
    if args.index is None and not REUTERS.exists():
        print(f"skipped: {REUTERS} not found")
        return 0
    index = ensure_index(args.index)
    # Other jobs share the machine: report the load around the run with the figures.
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    samples, count = asyncio.run(keystrokes(index, args.gap))
    ms = [s * 1000 for s in samples]
    ref = [s * 1000 for s in engine_only(index)]
    print(f"corpus: {count:,} articles ({index})")
    print(
        f"keystroke → results painted: n={len(ms)}  median {statistics.median(ms):.1f} ms  "
        f"p95 {pct(ms, 0.95):.1f} ms  max {max(ms):.1f} ms  (target p95 ≤ 50 ms)"
    )
    print(
        f"  reference, Corpus.search alone for the same prefixes: median "
        f"{statistics.median(ref):.1f} ms  p95 {pct(ref, 0.95):.1f} ms  "
        f"(UI share of the median: {statistics.median(ms) - statistics.median(ref):.1f} ms)"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"  machine load average (1 min) before / after: {load_before:.1f} / {load:.1f} "
        f"on {os.cpu_count()} CPUs"
    )

    cold_start(index)  # warm the OS file cache and .pyc files: we measure start-up, not disk
    firsts, results, spacy, interactive = [], [], False, True
    for _ in range(args.runs):
        first, painted, loaded, focused = cold_start(index)
        firsts.append(first)
        results.append(painted)
        spacy = spacy or loaded
        interactive = interactive and focused
    print(
        f"cold start → first frame: n={len(firsts)}  median {statistics.median(firsts):.2f} s  "
        f"p95 {pct(firsts, 0.95):.2f} s  (target ≤ 1.0 s)"
    )
    print(
        f"cold start → first results painted: median {statistics.median(results):.2f} s  "
        f"p95 {pct(results, 0.95):.2f} s"
    )
    print(f"search input focused in the first frame: {'yes' if interactive else 'NO (defect)'}")
    print(f"spaCy imported at start-up: {'YES (defect)' if spacy else 'no'}")
    return 1 if spacy or not interactive else 0


if __name__ == "__main__":
    sys.exit(main())
