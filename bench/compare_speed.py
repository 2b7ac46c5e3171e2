"""Speed of compare (issue 6): two 1,000-word articles, and same-story detection over Reuters.

Targets: `compare` of two ~1,000-word articles <= 100 ms (median of repeated runs);
`duplicate_groups` over the 21.5k Reuters-21578 corpus <= 60 s on 2 cores. The Reuters file is
read from ../shared/bench at run time; without it that part is skipped.

    .venv/bin/python -m bench.compare_speed [--runs 7] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import time
from collections import Counter
from pathlib import Path

from defexplore.index.compare import compare, duplicate_groups
from defexplore.index.compare_facts import clear_caches
from defexplore.index.compare_story import clear_profiles
from defexplore.index.model import Article

ROOT = Path(__file__).resolve().parent.parent
REUTERS = ROOT.parent / "shared" / "bench" / "reuters21578.jsonl"


def _long_pair(words: int = 1000) -> tuple[Article, Article]:
    """Two ~1,000-word articles that share some sentences, reorder others and differ in places
    (built from the Reuters corpus when present, else from the bundled seeds)."""
    texts: list[str] = []
    if REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if len(rec.get("text", "").split()) > 300:
                    texts.append(rec["text"])
                if len(texts) >= 8:
                    break
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    a_parts, b_parts = [], []
    words_a = 0
    for i, t in enumerate(texts * 4):
        a_parts.append(t)
        paragraphs = t.split("\n\n")
        # B: the same material, paragraphs reversed, every third text replaced by another one.
        b_parts.append("\n\n".join(reversed(paragraphs)) if i % 3 else texts[(i + 1) % len(texts)])
        words_a += len(t.split())
        if words_a >= words * 1.5:
            break

    def art(aid: str, body: str) -> Article:
        return Article(aid, aid, aid, None, None, None, None, None, "en", _cut(body, words))

    return art("a", "\n\n".join(a_parts)), art("b", "\n\n".join(b_parts))


def _cut(text: str, words: int) -> str:
    """`text` up to the first sentence end after `words` words."""
    for count, m in enumerate(re.finditer(r"\S+", text), 1):
        if count >= words and re.search(r"[.!?][\"')]*$", m.group()):
            return text[: m.end()]
    return text


def bench_pair(runs: int) -> dict[str, float]:
    """Median milliseconds of `compare` on two ~1,000-word articles."""
    a, b = _long_pair()
    compare(a, b)  # warm up imports and regexes
    times, cpu = [], []
    for _ in range(runs):
        clear_caches()  # each run starts cold, like a new pair in the app
        clear_profiles()
        t0, c0 = time.perf_counter(), time.process_time()
        compare(a, b)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {
        "words_a": len(a.body.split()),
        "words_b": len(b.body.split()),
        "median_ms": round(statistics.median(times), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),
    }


def bench_reuters(limit: int | None, workers: int) -> dict[str, object] | None:
    """Seconds for `duplicate_groups` over the Reuters corpus, and what it found."""
    if not REUTERS.exists():
        return None
    arts = []
    with REUTERS.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or ""
            date = (rec.get("date") or "")[:10] or None
            arts.append(
                Article(
                    rec["id"],
                    "",
                    rec.get("title") or "",
                    rec.get("source"),
                    None,
                    None,
                    date,
                    "day" if date else None,
                    "en",
                    text,
                )
            )
            if limit and len(arts) >= limit:
                break
    t0, c0 = time.perf_counter(), time.process_time()
    k0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    groups = duplicate_groups(arts, workers=workers)
    seconds = time.perf_counter() - t0
    parent = time.process_time() - c0
    k1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    children = (k1.ru_utime + k1.ru_stime) - (k0.ru_utime + k0.ru_stime)
    kinds = Counter(g.kind for g in groups)
    return {
        "articles": len(arts),
        "seconds": round(seconds, 1),
        "parent_cpu": round(parent, 1),
        "workers_cpu": round(children, 1),
        # On an idle machine the workers split their CPU time over the cores, and the
        # parent's own work (pairing, clustering) follows: a fair estimate of the wall time.
        "idle_estimate": round(parent + children / max(1, workers), 1),
        "groups": dict(kinds),
        "articles_in_groups": sum(len(g.article_ids) for g in groups),
        "largest": max((len(g.article_ids) for g in groups), default=0),
    }


def main() -> int:
    """Print medians for both benchmarks."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores (wall times include waiting for a shared CPU)")  # fmt: skip
    pair = bench_pair(args.runs)
    print(
        f"compare two articles ({pair['words_a']} / {pair['words_b']} words): "
        f"median {pair['median_ms']} ms wall, {pair['median_cpu_ms']} ms CPU over "
        f"{args.runs} runs (target <= 100 ms)"
    )
    if args.skip_corpus:
        return 0
    res = bench_reuters(args.limit, args.workers)
    if res is None:
        print("duplicate_groups: skipped (../shared/bench/reuters21578.jsonl not found)")
    else:
        print(
            f"duplicate_groups over {res['articles']} articles, {args.workers} workers: "
            f"{res['seconds']} s wall; CPU {res['parent_cpu']} s main + {res['workers_cpu']} s "
            f"workers, so about {res['idle_estimate']} s on {args.workers} idle cores "
            f"(target <= 60 s); groups {res['groups']}, "
            f"{res['articles_in_groups']} articles grouped, largest {res['largest']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
