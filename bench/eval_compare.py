"""Evaluate compare (issue 6) against bench/gold/compare.json.

Pair classification F1 over verbatim / same_story / unrelated (gold "related" counts as
unrelated) on every pair of the seeds and dev articles, conflict recall on the gold
conflicts, and false conflicts per compared same-story pair. The dev corpus is read from
../shared at run time (never copied into the repo); without it only the seeds are used.

    .venv/bin/python -m bench.eval_compare [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from defexplore.index.compare import Background, compare, similar_kinds
from defexplore.index.compare_story import profile
from defexplore.index.model import Article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "compare.json"
SEEDS = ROOT / "seeds"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
CLASSES = ("verbatim", "same_story", "unrelated")


def _article(aid: str, path: Path, published: str | None, title: str, lang: str | None) -> Article:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2}) ", text)
    if m:  # the seeds and some dev files start with a "date YYYY-MM-DD" marker line
        published = published or m.group(1)
        text = text[m.end() :]
    return Article(
        id=aid, path=str(path), title=title, source=None, url=None, author=None,
        published=published, precision=None, language=lang, body=text,
    )  # fmt: skip


def load_articles() -> dict[str, Article]:
    """Seeds (always) and dev articles (when ../shared is present), keyed seed:NNN / dev:NNN."""
    out: dict[str, Article] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        aid = "seed:" + path.name[:3]
        out[aid] = _article(aid, path, None, "", "en")
    index = DEV / "INDEX.tsv"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            name, lang, date = cols[0], cols[3], cols[4] or None
            title = re.sub(r"^\[from URL\]\s*", "", cols[5]) if len(cols) > 5 else ""
            aid = "dev:" + name[:3]
            out[aid] = _article(aid, DEV / name, date, title, lang or None)
    return out


def ingested_articles(cache: Path | None = None) -> dict[str, Article]:
    """The same articles read back from a corpus built by `Corpus.ingest` (metadata and
    extracted entity mentions, as the product has them). The corpus is kept in a temporary
    folder between runs; re-ingest only re-reads changed files."""
    from defexplore.index.corpus import Corpus

    root = cache or Path(tempfile.gettempdir()) / "defexplore-eval-compare"
    paths = [SEEDS] + ([DEV] if (DEV / "INDEX.tsv").exists() else [])
    out: dict[str, Article] = {}
    with Corpus.open(root) as corpus:
        report = corpus.ingest(paths, prune=True)
        if report.failed:
            print(f"ingest: {len(report.failed)} failed: {report.failed[:3]}", file=sys.stderr)
        for hit in corpus.search("", limit=max(corpus.count(), 1), facets=False).hits:
            art = corpus.article(hit.id)
            if art is None or not art.path.endswith(".txt"):
                continue
            prefix = "seed:" if Path(art.path).parent == SEEDS.resolve() else "dev:"
            key = prefix + Path(art.path).name[:3]
            out[key] = replace(art, id=key)  # gold keys as ids
    return out


def corpus_predictions(cache: Path | None = None) -> dict[tuple[str, str], str]:
    """Pair kinds as the app shows them: `Corpus.similar_kinds` on the ingested corpus
    (more-like-this candidates plus duplicate-group members), keyed by gold ids."""
    from defexplore.index.corpus import Corpus

    root = cache or Path(tempfile.gettempdir()) / "defexplore-eval-compare"
    pred: dict[tuple[str, str], str] = {}
    with Corpus.open(root, create=False) as corpus:
        hits = corpus.search("", limit=max(corpus.count(), 1), facets=False).hits
        key_of = {h.id: _gold_key(Path(h.path)) for h in hits if h.path.endswith(".txt")}
        corpus.duplicates()
        for doc_id, key in key_of.items():
            for s in corpus.similar_kinds(doc_id, 30):
                other = key_of.get(s.id)
                if other is None or s.kind == "related":
                    continue
                k = _key(key, other)
                if pred.get(k, "unrelated") == "unrelated" or s.kind == "verbatim":
                    pred[k] = s.kind
    return pred


def _gold_key(path: Path) -> str:
    prefix = "seed:" if path.parent == SEEDS.resolve() else "dev:"
    return prefix + path.name[:3]


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _f1(gold: dict[tuple[str, str], str], pred: dict[tuple[str, str], str]) -> dict[str, Any]:
    per = {}
    for cls in CLASSES:
        tp = sum(1 for k in gold if gold[k] == cls and pred[k] == cls)
        fp = sum(1 for k in gold if gold[k] != cls and pred[k] == cls)
        fn = sum(1 for k in gold if gold[k] == cls and pred[k] != cls)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[cls] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                    "support": sum(1 for k in gold if gold[k] == cls)}  # fmt: skip
    macro = sum(v["f1"] for v in per.values()) / len(per)
    return {"macro_f1": round(macro, 3), "classes": per}


def evaluate(verbose: bool = False, ingest: bool = True) -> dict[str, Any]:
    """Run the whole evaluation and return the figures.

    With `ingest` (the default) the articles go through `Corpus.ingest`, so they carry the
    metadata and canonical entity mentions the product uses; otherwise raw files are read.
    """
    gold_doc = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = ingested_articles() if ingest else load_articles()
    ids = sorted(arts)
    bg = Background()
    for art in arts.values():
        bg.add(profile(art))
    gold: dict[tuple[str, str], str] = {}
    for a, b in itertools.combinations(ids, 2):
        gold[_key(a, b)] = "unrelated"
    fine: dict[tuple[str, str], str] = {}
    for p in gold_doc["pairs"]:
        if p["a"] in arts and p["b"] in arts:
            k = _key(p["a"], p["b"])
            fine[k] = p["kind"]
            gold[k] = "unrelated" if p["kind"] == "related" else p["kind"]
    # Classification as the product does it: each article against the rest of the corpus.
    pred: dict[tuple[str, str], str] = dict.fromkeys(gold, "unrelated")
    for aid in ids:
        others = [arts[x] for x in ids if x != aid]
        for oid, kind, _ in similar_kinds(arts[aid], others, bg):
            k = _key(aid, oid)
            coarse = "unrelated" if kind == "related" else kind
            # Both directions are scored; keep the stronger call (they rarely differ).
            if pred[k] == "unrelated" or coarse == "verbatim":
                pred[k] = coarse
    result: dict[str, Any] = {"articles": len(arts), "pairs": len(gold),
                              "mode": "ingested" if ingest else "raw files"}  # fmt: skip
    result["classification"] = _f1(gold, pred)
    errors = [
        {"pair": list(k), "gold": fine.get(k, "unrelated"), "pred": pred[k]}
        for k in gold if gold[k] != pred[k]
    ]  # fmt: skip
    result["classification_errors"] = errors
    if ingest:  # the same pairs as the app labels them (Corpus.similar_kinds)
        app = corpus_predictions()
        app_pred = {k: app.get(k, "unrelated") for k in gold}
        result["app_classification"] = _f1(gold, app_pred)
        result["app_classification_errors"] = [
            {"pair": list(k), "gold": fine.get(k, "unrelated"), "pred": app_pred[k]}
            for k in gold if gold[k] != app_pred[k]
        ]  # fmt: skip
    # Conflicts: compare every gold same-story / verbatim pair.
    expected: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in gold_doc["conflicts"]:
        if c["a"] in arts and c["b"] in arts:
            expected.setdefault(_key(c["a"], c["b"]), []).append(c)
    story_pairs = [k for k, v in gold.items() if v in ("verbatim", "same_story")]
    found = 0
    false: list[dict[str, Any]] = []
    for a, b in story_pairs:
        cmp = compare(arts[a], arts[b], bg)
        wanted = list(expected.get((a, b), []))
        for conflict in cmp.conflicts:
            match = next(
                (w for w in wanted if w["kind"] == conflict.kind
                 and _same_values(w, conflict.a_value, conflict.b_value, a == w["a"])),
                None,
            )  # fmt: skip
            if match:
                wanted.remove(match)
                found += 1
            else:
                false.append({"pair": [a, b], "kind": conflict.kind, "a_value": conflict.a_value,
                              "b_value": conflict.b_value, "a_sentence": conflict.a_sentence[:120],
                              "b_sentence": conflict.b_sentence[:120]})  # fmt: skip
        if verbose:
            print(f"{a} {b}: kind={cmp.kind} sim={cmp.similarity} reuse={cmp.reuse_a}/"
                  f"{cmp.reuse_b} pairs={len(cmp.pairs)} conflicts={len(cmp.conflicts)}",
                  file=sys.stderr)  # fmt: skip
    total_expected = sum(len(v) for v in expected.values())
    result["conflicts"] = {
        "expected": total_expected,
        "found": found,
        "recall": round(found / total_expected, 3) if total_expected else None,
        "compared_pairs": len(story_pairs),
        "false": len(false),
        "false_per_10_pairs": round(10 * len(false) / max(1, len(story_pairs)), 2),
        "false_list": false,
    }
    return result


def _same_values(w: dict[str, Any], av: str, bv: str, same_order: bool) -> bool:
    x, y = (w["a_value"], w["b_value"]) if same_order else (w["b_value"], w["a_value"])
    return _norm(x) in _norm(av) or (_norm(av) in _norm(x) and _norm(y) in _norm(bv))


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def main() -> int:
    """Print the evaluation (a table, or JSON with --json)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--raw", action="store_true", help="read the files directly (no mentions)")
    args = ap.parse_args()
    res = evaluate(args.verbose, ingest=not args.raw)
    if args.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))
        return 0
    cls = res["classification"]
    print(f"articles {res['articles']} ({res['mode']})  pairs {res['pairs']}")
    print(f"pair classification macro F1 {cls['macro_f1']}  (target >= 0.95)")
    for name, v in cls["classes"].items():
        p, r, f = v["precision"], v["recall"], v["f1"]
        print(f"  {name:11s} P {p:.3f} R {r:.3f} F1 {f:.3f} n={v['support']}")
    for e in res["classification_errors"]:
        print(f"  miss {e['pair'][0]} {e['pair'][1]}: gold {e['gold']}, predicted {e['pred']}")
    if "app_classification" in res:
        app = res["app_classification"]
        print(f"as the app labels pairs (Corpus.similar_kinds): macro F1 {app['macro_f1']}")
        for e in res["app_classification_errors"]:
            print(f"  miss {e['pair'][0]} {e['pair'][1]}: gold {e['gold']}, app {e['pred']}")
    c = res["conflicts"]
    print(f"conflict recall {c['found']}/{c['expected']}  false conflicts {c['false']} over")
    print(
        f"  {c['compared_pairs']} same-story pairs = {c['false_per_10_pairs']} per 10 (target <= 1)"
    )
    for f in c["false_list"]:
        print(f"  false {f['pair']} {f['kind']}: {f['a_value']!r} vs {f['b_value']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
