"""Per-article language detection with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Language detection on a prefix is as good as on the whole text and keeps ingest fast.
PREFIX_CHARS = 1000
_MIN_LETTERS = 12
_LETTERS = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^[a-z]{2}$")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid  # imported lazily: loading the model costs a fraction of a second

    return py3langid


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
    lang, _score = _identifier().classify(sample)
    return str(lang) if lang else None
