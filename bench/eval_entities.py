"""Entity extraction quality against hand-made gold (bench/gold/entities.json).

Extracts mentions from the bundled seeds and, when present, the dev corpus in
../shared/corpus/dev (skipped cleanly otherwise), builds one corpus-level alias table over
all of them, and compares each article's set of unique (canonical name, type) with the gold
set. A prediction matches a gold entity of the same type when its canonical name equals the
gold name or one of the gold's accepted aliases (case, diacritics, hyphens ignored).
Prints precision, recall and F1 per type for seeds and dev separately, then overall.
Exits 0.

    .venv/bin/python -m bench.eval_entities [--verbose] [--json] [--ner-chars N|all]
        [--no-people-gazetteer]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from defexplore.index.extract.aliases import AliasTable
from defexplore.index.extract.entities import DEFAULT_NER_CHARS, DocText, extract_mentions
from defexplore.index.extract.normalize import name_key
from defexplore.index.model import ENTITY_TYPES, Mention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "entities.json"
SEEDS = [ROOT / "seeds", ROOT.parent / "shared" / "seeds"]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
MARKER = re.compile(r"^\s*date \d{4}(?:-\d\d){0,2}\s")


def _load(split: str, files: dict[str, Any]) -> dict[str, DocText]:
    docs: dict[str, DocText] = {}
    if split == "seeds":
        base = next((d for d in SEEDS if d.is_dir()), None)
        langs: dict[str, str] = {}
    else:
        base = DEV if DEV.is_dir() else None
        langs = {}
        if base is not None and (base / "INDEX.tsv").exists():
            with (base / "INDEX.tsv").open(encoding="utf-8") as fh:
                langs = {r["file"]: r["language"] for r in csv.DictReader(fh, delimiter="\t")}
    if base is None:
        return docs
    for name in files:
        path = base / name
        if path.exists():
            text = MARKER.sub("", path.read_text(encoding="utf-8"), count=1)
            docs[f"{split}/{name}"] = DocText(text, langs.get(name, "en"))
    return docs


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(ner_chars: int | None, verbose: bool = False) -> dict[str, Any]:
    """Run extraction + merging and score it; returns the figures per split and type."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    docs: dict[str, DocText] = {}
    for split in ("seeds", "dev"):
        docs.update(_load(split, gold[split]))
    ids = sorted(docs)
    t0 = time.perf_counter()
    mentions = extract_mentions([docs[i] for i in ids], ner_chars=ner_chars)
    seconds = time.perf_counter() - t0
    per_article: dict[str, list[Mention]] = dict(zip(ids, mentions, strict=True))
    table = AliasTable.build(per_article)
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for doc_id in ids:
        split, fname = doc_id.split("/", 1)
        lang = docs[doc_id].language or "?"
        predicted = set()
        for m in per_article[doc_id]:
            canon = table.canonical(m.name, m.type)
            if canon is not None:
                predicted.add(canon)
        wanted = gold[split][fname]
        matched_pred: set[tuple[str, str]] = set()
        for g in wanted:
            keys = {name_key(g["name"]), *(name_key(a) for a in g.get("aliases", []))}
            hit = next(
                (
                    p
                    for p in predicted
                    if p[1] == g["type"] and p not in matched_pred and name_key(p[0]) in keys
                ),
                None,
            )
            for slot in (split, f"{split}:{lang}", "all"):
                counts[slot][g["type"]][0 if hit else 2] += 1
            if hit:
                matched_pred.add(hit)
            elif verbose:
                print(f"  FN {doc_id[:40]:40} {g['type']:9} {g['name']}")
        for p in sorted(predicted - matched_pred):
            for slot in (split, f"{split}:{lang}", "all"):
                counts[slot][p[1]][1] += 1
            if verbose:
                print(f"  FP {doc_id[:40]:40} {p[1]:9} {p[0]}")
    report: dict[str, Any] = {
        "docs": len(ids),
        "extract_seconds": round(seconds, 2),
        "ner_chars": ner_chars,
    }
    for slot, by_type in sorted(counts.items()):
        rows: dict[str, dict[str, float]] = {}
        total = [0, 0, 0]
        for t in ENTITY_TYPES:
            tp, fp, fn = by_type[t]
            total = [a + b for a, b in zip(total, (tp, fp, fn), strict=True)]
            rows[t] = dict(zip(("p", "r", "f1"), _prf(tp, fp, fn), strict=True)) | {
                "tp": tp,
                "fp": fp,
                "fn": fn,
            }
        rows["overall"] = dict(zip(("p", "r", "f1"), _prf(*total), strict=True)) | dict(
            zip(("tp", "fp", "fn"), total, strict=True)
        )
        report[slot] = rows
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list false positives and negatives")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument(
        "--ner-chars", default=str(DEFAULT_NER_CHARS), help="model budget per doc, or 'all'"
    )
    ap.add_argument(
        "--no-people-gazetteer",
        action="store_true",
        help="ablation: find people with the model only (how it does on people nobody listed)",
    )
    args = ap.parse_args()
    if args.no_people_gazetteer:
        from defexplore.index.extract import gazetteer as gz

        gz._FILES.pop("people.json", None)
    ner_chars = None if args.ner_chars in ("all", "None") else int(args.ner_chars)
    report = evaluate(ner_chars, args.verbose)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    secs = report["extract_seconds"]
    print(f"{report['docs']} articles, model budget {ner_chars} chars/doc, extraction {secs} s")
    for slot in [s for s in ("seeds", "dev", "dev:en", "dev:fr", "dev:ar", "all") if s in report]:
        print(f"\n[{slot}]   {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
        for t, row in report[slot].items():
            figures = f"{row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f}"
            print(f"{t:10} {figures}  {row['tp']:3} {row['fp']:3} {row['fn']:3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
