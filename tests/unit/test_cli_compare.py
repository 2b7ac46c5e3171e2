"""`defexplore compare` and `defexplore duplicates`: JSON read back, human output, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from defexplore.tui.cli import main

HEADER_KEYS = {"id", "path", "title", "source", "published", "language"}
CONFLICT_KEYS = {"kind", "a_value", "b_value", "a_sentence", "b_sentence"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in argv and out.strip() else out)


@pytest.fixture
def corpus_dir(seeds_corpus_dir: Path, tmp_path: Path) -> str:
    root = tmp_path / "seeds"
    shutil.copytree(seeds_corpus_dir, root)
    return str(root)


def _ids(capsys: pytest.CaptureFixture[str], corpus: str) -> list[str]:
    code, found = run(capsys, "search", "Gantz", "--corpus", corpus, "--json")
    assert code == 0
    return [h["id"] for h in found["hits"]]


def test_compare_json(capsys: pytest.CaptureFixture[str], corpus_dir: str) -> None:
    a, b = _ids(capsys, corpus_dir)[:2]
    code, doc = run(capsys, "compare", a, b[:12], "--corpus", corpus_dir, "--json")
    assert code == 0
    assert set(doc["a"]) == HEADER_KEYS and doc["a"]["id"] == a and doc["b"]["id"] == b
    assert doc["kind"] in ("verbatim", "same_story", "related", "unrelated")
    assert 0.0 <= doc["similarity"] <= 1.0
    assert 0.0 <= doc["reuse_a"] <= 1.0 and 0.0 <= doc["reuse_b"] <= 1.0
    n_a, n_b = len(doc["a_sentences"]), len(doc["b_sentences"])
    assert all(0 <= p["a_index"] < n_a and 0 <= p["b_index"] < n_b for p in doc["pairs"])
    covered = {p["a_index"] for p in doc["pairs"]} | set(doc["only_a"])
    assert covered == set(range(n_a))
    assert all(set(c) >= CONFLICT_KEYS for c in doc["conflicts"])
    assert all({"a_start", "b_start", "text", "words"} <= set(p) for p in doc["passages"])


def test_compare_human_and_errors(capsys: pytest.CaptureFixture[str], corpus_dir: str) -> None:
    a, b = _ids(capsys, corpus_dir)[:2]
    code, text = run(capsys, "compare", a, b, "--corpus", corpus_dir)
    assert code == 0 and "similarity" in text and "aligned" in text
    assert main(["compare", a, "no-such-article", "--corpus", corpus_dir]) == 1
    assert "no-such-article" in capsys.readouterr().err
    assert main(["compare", a, "--corpus", corpus_dir]) == 2  # B missing: usage


def test_duplicates_json_and_cache(capsys: pytest.CaptureFixture[str], corpus_dir: str) -> None:
    code, doc = run(capsys, "duplicates", "--corpus", corpus_dir, "--json")
    assert code == 0 and isinstance(doc["groups"], list)
    for g in doc["groups"]:
        assert g["kind"] in ("verbatim", "same_story") and len(g["article_ids"]) >= 2
        assert [h["id"] for h in g["articles"]] == g["article_ids"]
        assert g["origin"] is None or g["origin"] in g["article_ids"]
    assert (Path(corpus_dir) / "compare-duplicates.json").exists()
    code, again = run(capsys, "duplicates", "--corpus", corpus_dir, "--json")
    assert code == 0 and again == doc
    code, text = run(capsys, "duplicates", "--corpus", corpus_dir)
    assert code == 0 and text.strip()
