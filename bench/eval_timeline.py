"""Timeline extraction quality against hand-made gold (bench/gold/timeline.json).

Runs `extract_events` on every gold article (the bundled seeds, plus the dev corpus from
../shared/corpus when present; skipped otherwise), then `group_stories` over all events,
and reports: date value + precision accuracy on matched events, event recall and
precision (repeats of one event count as false positives), planned-flag accuracy, story
pair precision/recall/F1 and conflict recall. A predicted event matches a gold event when
its cue overlaps one of the gold cue's occurrences. Exits 0; `--verbose` lists misses.

    .venv/bin/python -m bench.eval_timeline [--verbose] [--json] [--entities]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from defexplore.index.extract.events import extract_events
from defexplore.index.extract.stories import group_stories
from defexplore.index.model import Event, Mention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "timeline.json"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
MARKER = re.compile(r"^\s*date \d{4}(?:-\d\d){0,2}\s")


@dataclass
class Tally:
    """Counts for one slice (all, a language, seeds or dev)."""

    required: int = 0
    found: int = 0
    predicted: int = 0
    false_pos: int = 0
    date_ok: int = 0
    planned_n: int = 0
    planned_ok: int = 0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        """One table line."""
        recall = self.found / self.required if self.required else 1.0
        counted = self.found + self.false_pos
        precision = self.found / counted if counted else 1.0
        date_acc = self.date_ok / self.found if self.found else 1.0
        planned = self.planned_ok / self.planned_n if self.planned_n else 1.0
        return (f"{name:<10}{self.articles:>5}{self.required:>6}{recall:>9.3f}{precision:>9.3f}"
                f"{date_acc:>9.3f}{planned:>9.3f}")  # fmt: skip


def _path(entry: str) -> Path:
    return ROOT / entry if entry.startswith("seeds/") else SHARED_CORPUS / entry


def _body(raw: str) -> str:
    # The " date YYYY-MM-DD" publication marker is metadata; blank it, keeping offsets.
    return MARKER.sub(lambda m: " " * len(m.group()), raw, count=1)


def _spans(text: str, cue: str, nth: list[int]) -> list[tuple[int, int]]:
    starts = [m.start() for m in re.finditer(re.escape(cue), text)]
    missing = [n for n in nth if n > len(starts)]
    if missing:
        raise SystemExit(f"gold error: {cue!r} occurrence {missing} not in text")
    return [(starts[n - 1], starts[n - 1] + len(cue)) for n in nth]


def _same_date(gold: dict[str, Any], event: Event) -> bool:
    return (gold["start"], gold["end"], gold["precision"]) == (
        event.date_start, event.date_end, event.precision) and (
        event.resolved == (gold["start"] is not None))  # fmt: skip


def _mentions_for(with_entities: bool) -> Callable[[str, str | None], Sequence[Mention]]:
    """The entity extractor when asked for and available, else no mentions (fallback keys)."""
    if with_entities:
        try:
            from defexplore.index.extract.entities import extract_one
        except ImportError:
            print("(entity extractor not available: fallback keys only)")
        else:
            return lambda text, language: extract_one(text, language)
    return lambda text, language: ()


def evaluate(verbose: bool = False, with_entities: bool = False) -> dict[str, Any]:
    """Run the evaluation; returns the figures (also printed by `main`)."""
    mentions_of = _mentions_for(with_entities)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    tallies: dict[str, Tally] = defaultdict(Tally)
    all_events: list[Event] = []
    matched: list[tuple[str, str, dict[str, Any]]] = []  # (gold story, event id, gold)
    skipped = 0
    for art in gold["articles"]:
        path = _path(art["file"])
        if not path.exists():
            skipped += 1
            continue
        body = _body(path.read_text(encoding="utf-8"))
        article_id = path.stem
        events = extract_events(article_id, art["file"], art["source"], body, "",
                                art["language"], art["published"],
                                mentions_of(body, art["language"]))  # fmt: skip
        all_events += events
        slices = ["all", art["language"], "seeds" if art["file"].startswith("seeds") else "dev"]
        spans = [(g, _spans(body, g["cue"], g["nth"])) for g in art["events"]]
        hit: dict[int, Event] = {}
        false_pos = 0
        for event in events:
            lo, hi = event.offset + event.cue_start, event.offset + event.cue_end
            owner = next((k for k, (_, ss) in enumerate(spans)
                          if any(s < hi and lo < e for s, e in ss)), None)  # fmt: skip
            if owner is None:
                false_pos += 1
                if verbose:
                    print(f"  FP {article_id}: {event.cue!r} -> {event.date_start}")
            elif spans[owner][0].get("optional"):
                continue
            elif owner in hit:
                false_pos += 1  # a repeat that was not merged
                if verbose:
                    print(f"  DUP {article_id}: {event.cue!r}")
            else:
                hit[owner] = event
        for name in slices:
            t = tallies[name]
            t.articles += 1
            t.predicted += len(events)
            t.false_pos += false_pos
        for k, (g, _) in enumerate(spans):
            if g.get("optional"):
                continue
            got = hit.get(k)
            for name in slices:
                t = tallies[name]
                t.required += 1
                if got is None:
                    continue
                t.found += 1
                t.date_ok += _same_date(g, got)
                if g["planned"] is not None:
                    t.planned_n += 1
                    t.planned_ok += got.planned == g["planned"]
            if got is None:
                if verbose:
                    print(f"  MISS {article_id}: {g['cue']!r}")
                continue
            if verbose and not _same_date(g, got):
                print(f"  DATE {article_id}: {g['cue']!r} gold {g['start']}..{g['end']} "
                      f"{g['precision']} got {got.date_start}..{got.date_end} "
                      f"{got.precision}")  # fmt: skip
            matched.append((g["story"], got.id, g))
    stories, assignment = group_stories(all_events)
    tp = fp = fn = 0
    for (ga, ea, _), (gb, eb, _) in combinations(matched, 2):
        same_gold, same_pred = ga == gb, assignment[ea] == assignment[eb]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    conflicts = [c for s in stories for c in s.conflicts]
    flagged = {c.a_event for c in conflicts} | {c.b_event for c in conflicts}
    wanted = [eid for _, eid, g in matched if g.get("conflict")]
    conflict_recall = sum(e in flagged for e in wanted) / len(wanted) if wanted else 1.0
    return {"tallies": dict(tallies), "pairs": (p, r, f1, tp, fp, fn), "skipped": skipped,
            "conflicts": conflicts, "conflict_recall": conflict_recall,
            "stories": stories, "matched": matched, "assignment": assignment}  # fmt: skip


def _print_story_errors(
    matched: list[tuple[str, str, dict[str, Any]]], assignment: dict[str, str]
) -> None:
    """Each gold story split over several predicted ones, and each predicted story that
    mixes gold stories: where the pair misses and false pairs come from."""
    by_gold: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_pred: dict[str, set[str]] = defaultdict(set)
    for story, event_id, g in matched:
        by_gold[story].append((assignment[event_id], f"{event_id.split(':')[0][:8]}:{g['cue']}"))
        by_pred[assignment[event_id]].add(story)
    for story, members in sorted(by_gold.items()):
        parts: dict[str, list[str]] = defaultdict(list)
        for pred, label in members:
            parts[pred].append(label)
        if len(parts) > 1:
            shown = " | ".join(", ".join(v) for v in parts.values())
            print(f"  SPLIT {story} into {len(parts)}: {shown}")
    for pred, stories in sorted(by_pred.items()):
        if len(stories) > 1:
            print(f"  MIXED {pred[:24]}: {', '.join(sorted(stories))}")


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and errors")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument(
        "--entities",
        action="store_true",
        help="pass the entity extractor's mentions (slower: loads NLP models)",
    )
    args = parser.parse_args(argv)
    res = evaluate(args.verbose, args.entities)
    tallies: dict[str, Tally] = res["tallies"]
    p, r, f1, tp, fp, fn = res["pairs"]
    if args.json:
        out = {name: vars(t) | {"misses": None} for name, t in tallies.items()}
        out["story_pairs"] = {"precision": p, "recall": r, "f1": f1}
        print(json.dumps(out, indent=2))
        return 0
    if res["skipped"]:
        print(f"(dev corpus not found at {SHARED_CORPUS}: {res['skipped']} articles skipped)")
    print(f"{'slice':<10}{'arts':>5}{'gold':>6}{'recall':>9}{'precis':>9}{'date_acc':>9}"
          f"{'planned':>9}")  # fmt: skip
    for name in ("all", "seeds", "dev", "en", "fr", "ar"):
        if name in tallies:
            print(tallies[name].row(name))
    print(
        f"story pairs: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
        f"(tp {tp}, fp {fp}, fn {fn}); stories {len(res['stories'])}"
    )
    print(
        f"date conflicts flagged: {len(res['conflicts'])}; "
        f"gold conflicts found: {res['conflict_recall']:.2f}"
    )
    if args.verbose:
        for c in res["conflicts"]:
            print(
                f"  CONFLICT {c.a_cue!r} ({c.a_source}, {c.a_date}) vs "
                f"{c.b_cue!r} ({c.b_source}, {c.b_date})"
            )
        for s in res["stories"]:
            if len(s.events) > 1:
                print(f"  STORY {s.date_start} {s.sources} {len(s.events)} ev: {s.title[:70]}")
        _print_story_errors(res["matched"], res["assignment"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
