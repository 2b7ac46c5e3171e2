"""Splitting text into paragraphs ("units"), undoing hard line wrapping where present."""

from __future__ import annotations

import re

_TERMINAL = (".", "!", "?", ":", '"', "”", "»", ")")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


def _looks_wrapped(lines: list[str]) -> bool:
    # Hard-wrapped text (wire copy, e-mail) has many lines of similar width that stop
    # mid-sentence; saved web pages put one paragraph on each line, so some lines are long.
    filled = [ln.strip() for ln in lines if ln.strip()]
    if len(filled) < 4:
        return False
    if sum(len(ln) > 100 for ln in filled) > 0.05 * len(filled):
        return False
    width = max(len(ln) for ln in filled)
    if sum(len(ln) >= 0.6 * width for ln in filled) < 0.5 * len(filled):
        return False
    open_ended = sum(not ln.endswith(_TERMINAL) for ln in filled)
    return open_ended >= 0.5 * len(filled)


def split_units(text: str) -> list[str]:
    """Paragraphs of `text`, stripped, in order; wrapped lines are joined."""
    lines = text.split("\n")
    units: list[str] = []
    if not _looks_wrapped(lines):
        for line in lines:
            line = " ".join(line.split())
            if line:
                units.append(line)
        return units
    current: list[str] = []
    for line in lines:
        indented = line[:1] in (" ", "\t") and line.strip() != ""
        if (not line.strip() or indented) and current:
            units.append(" ".join(current))
            current = []
        if line.strip():
            current.append(" ".join(line.split()))
    if current:
        units.append(" ".join(current))
    return units


def markdown_to_text(text: str) -> tuple[str, list[str]]:
    """Plain text from Markdown, plus the alt texts of its images (kept as captions)."""
    images: list[str] = []

    def _image(m: re.Match[str]) -> str:
        if m.group(1).strip():
            images.append(m.group(1).strip())
        return ""

    out: list[str] = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            out.append("")
            continue
        line = _MD_HEADING.sub("", line)
        line = _MD_QUOTE.sub("", line)
        line = _MD_IMAGE.sub(_image, line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out), images
