"""A deterministic synthetic newswire corpus, for runs without the Reuters file.

Documents use the same JSON-lines shape as the bench copy of Reuters-21578 (id, title, text,
date, source, url) and a commodity/finance vocabulary, so the query mix in `bench.queries`
finds hits in either. Word frequencies follow a Zipf-like law, as in real text, because
posting-list lengths (a few very common words, a long tail) drive search cost.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .common import write_jsonl


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Topic words the query mix searches for; the rest is generic newswire filler.
TOPIC_WORDS = _words(
    "oil wheat dollar coffee gold opec tariffs earnings bank yen sugar shipping corn "
    "cocoa brazil silver iran iraq japan semiconductors grain soybeans crude prices "
    "exports imports deficit surplus rates inflation bonds stocks futures copper tin "
    "rubber cotton livestock reserves treasury currency mark sterling franc barrels"
)
FILLER_WORDS = _words(
    "said the of to in and a for on it its was is by with that from at will be "
    "which as has year would have pct mln billion company market last this new "
    "also an are were up but not after one two three government official week "
    "month told reporters analysts expected higher lower rose fell quarter share "
    "shares net profit loss sales first second third other group agreement "
    "talks officials state trade minister output production record level meeting "
    "industry price demand supply report statement today earlier sources added"
)
PHRASES = (
    "trade deficit",
    "interest rates",
    "crude oil",
    "central bank",
    "stock exchange",
    "money supply",
    "federal reserve",
    "net loss",
    "oil prices",
    "united states",
    "bank of japan",
    "european community",
)
SOURCES = ("Reuters", "Reuters", "Reuters", "Associated Press", "Agence France-Presse")
FIRST_DAY = dt.date(1987, 2, 26)
LAST_DAY = dt.date(1987, 10, 20)


class _Words:
    """Draws words with Zipf-like weights (rank r has weight 1/r)."""

    def __init__(self, rng: random.Random) -> None:
        vocab = list(FILLER_WORDS) + list(TOPIC_WORDS)
        # A fixed shuffle of topic words into the tail keeps some of them rare, some common.
        rng.shuffle(vocab)
        # Filler first so the most frequent words are function words, as in news text.
        vocab = [w for w in vocab if w in FILLER_WORDS] + [w for w in vocab if w in TOPIC_WORDS]
        # A long tail of made-up rare words gives the index a realistic term count.
        vocab += [f"{a}{b}" for a in ("kor", "vel", "zan", "mir", "tal") for b in range(400)]
        self.vocab = vocab
        self.weights = [1.0 / (r + 1) for r in range(len(vocab))]
        self.rng = rng

    def draw(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, weights=self.weights, k=k)


def generate(n: int, seed: int = 1987, words_per_doc: int = 130) -> Iterator[dict[str, Any]]:
    """Yield `n` synthetic articles; the same (n, seed) always yields the same docs."""
    rng = random.Random(seed)
    words = _Words(rng)
    span = (LAST_DAY - FIRST_DAY).days
    for i in range(1, n + 1):
        topic = rng.sample(TOPIC_WORDS, 2)
        length = max(10, int(rng.gauss(words_per_doc, words_per_doc / 3)))
        body = words.draw(length)
        # Sprinkle the document's topics and a phrase or two so queries have real hits.
        for _ in range(rng.randint(1, 4)):
            body.insert(rng.randrange(len(body) + 1), rng.choice(topic))
        for _ in range(rng.randint(0, 2)):
            body.insert(rng.randrange(len(body) + 1), rng.choice(PHRASES))
        sentences = [" ".join(body[j : j + 18]) for j in range(0, len(body), 18)]
        text = ".\n".join(s[:1].upper() + s[1:] for s in sentences) + "."
        title_words = [*topic, *words.draw(rng.randint(2, 5))]
        rng.shuffle(title_words)
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        stamp = dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)))
        yield {
            "id": f"synthetic-{i}",
            "title": " ".join(title_words).upper(),
            "text": text,
            "date": stamp.isoformat(),
            "source": rng.choice(SOURCES),
            "url": None,
        }


def write_corpus(path: Path, n: int, seed: int = 1987) -> int:
    """Write a synthetic corpus of `n` docs to `path` (JSON lines); returns the count."""
    return write_jsonl(path, generate(n, seed))
