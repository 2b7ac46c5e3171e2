"""Turning raw bytes into text: binary and empty detection, UTF-8 with flagged fallback."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_SAMPLE = 8192
# Bytes that never appear in text files (everything below 0x20 except tab, LF, VT, FF, CR,
# plus DEL and ESC which some terminals' logs carry but articles do not).
_CONTROL = frozenset(set(range(0x00, 0x09)) | set(range(0x0E, 0x20)) | {0x7F})
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, or the reason it could not be decoded; `warning` flags a lossy decode."""

    text: str | None
    error: str | None = None
    warning: str | None = None


def binary_reason(data: bytes) -> str | None:
    """Why `data` looks binary, or None when it looks like text."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes)"
    if sample:
        controls = sum(1 for b in sample if b in _CONTROL)
        if controls / len(sample) > 0.05:
            return "binary file (too many control characters)"
    return None


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters that would upset indexing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text.replace("\ufeff", ""))


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes as text.

    UTF-16/32 files with a byte-order mark are decoded as such. Otherwise UTF-8 is
    expected; invalid sequences are replaced and the result is flagged with a warning.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            if not text.strip():
                return Decoded(None, error="empty file")
            return Decoded(clean_text(text))
    if not data.strip():
        return Decoded(None, error="empty file" if not data else "empty file (whitespace only)")
    reason = binary_reason(data)
    if reason:
        return Decoded(None, error=reason)
    warning = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        warning = (
            f"invalid UTF-8 (first bad byte at offset {exc.start}); "
            "decoded with replacement characters"
        )
    text = clean_text(text)
    if not text.strip():
        return Decoded(None, error="empty file (whitespace only)")
    return Decoded(text, warning=warning)
