"""Per-article language detection with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Language detection on a prefix is as good as on the whole text and keeps ingest fast.
PREFIX_CHARS = 320
_MIN_LETTERS = 12
_LETTERS = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^[a-z]{2}$")


# Languages of the world's news output. Restricting the model to them avoids verdicts such
# as Volapük, Scottish Gaelic or Haitian Creole for short, number-heavy wire items.
_LANGUAGE_CODES = (
    "af am ar az bg bn bs ca cs cy da de el en es et eu fa fi fr ga gl gu ha he hi hr hu "
    "hy id is it ja ka kk km kn ko ku ky lt lv mk ml mn mr ms mt my ne nl no pa pl ps pt "
    "ro ru si sk sl so sq sr sv sw ta te th tr uk ur uz vi zh "
)
LANGUAGES = frozenset(_LANGUAGE_CODES.split())


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Imported lazily: loading the model costs a fraction of a second.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(sorted(LANGUAGES & set(identifier.nb_classes)))
    return identifier


class _Scorer:
    """py3langid's naive Bayes scoring with a float32 table.

    The model ships as float16, which numpy multiplies without BLAS: scoring took longer
    than the feature walk. Converting the (restricted) table once makes it several times
    faster while giving the same decisions.
    """

    def __init__(self, identifier: Any) -> None:
        import numpy as np
        from py3langid.langid import visit_counts

        self._np = np
        self._visit = visit_counts
        self._ident = identifier
        self._table = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
        self._prior = np.asarray(identifier.nb_pc, dtype=np.float32)
        self._classes = list(identifier.nb_classes)

    def classify(self, text: str) -> str | None:
        np = self._np
        ident = self._ident
        if text.isupper():
            text = text.lower()  # the model was trained on mixed case (as py3langid does)
        data = unicodedata.normalize("NFC", text).encode("utf-8", errors="surrogatepass")
        visits = self._visit(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
        if not visits:
            return None
        idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        scores = np.log1p(counts) @ self._table[idx] + self._prior
        return str(self._classes[int(scores.argmax())])


@lru_cache(maxsize=1)
def _scorer() -> _Scorer | None:
    try:
        return _Scorer(_identifier())
    except (AttributeError, ImportError, TypeError):  # py3langid internals changed
        return None


def normalise_language(value: object) -> str | None:
    """An ISO 639-1 code from an explicit value ("en", "EN", "en-US", "fr_FR"), else None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if _CODE.match(code) else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:PREFIX_CHARS]
    if len(_LETTERS.findall(sample)) < _MIN_LETTERS:
        return None
    scorer = _scorer()
    if scorer is not None:
        return scorer.classify(sample)
    lang, _score = _identifier().classify(sample)
    return str(lang) if lang else None
