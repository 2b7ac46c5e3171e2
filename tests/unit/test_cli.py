"""The headless CLI: JSON output read back, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from defexplore.tui.cli import COMMANDS, build_parser, main

from tests.conftest import SEEDS

ARTICLE_KEYS = {"id", "path", "title", "source", "published", "language"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in argv and out.strip() else out)


def test_index_search_article_similar_corpora_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, report = run(capsys, "index", str(SEEDS), "--corpus", "demo", "--json")
    assert code == 0 and report["counts"]["added"] == 5 and report["failed"] == []
    assert report["corpus"] == "demo" and len(report["added"]) == 5

    code, result = run(capsys, "search", "Gantz", "--corpus", "demo", "--json", "--limit", "2")
    assert code == 0 and result["total"] >= 4 and len(result["hits"]) == 2
    assert all(set(hit) >= ARTICLE_KEYS for hit in result["hits"])
    assert {"source", "year", "language"} <= set(result["facets"])

    first = result["hits"][0]["id"]
    code, article = run(capsys, "article", first, "--corpus", "demo", "--json")
    assert code == 0 and set(article) >= ARTICLE_KEYS and "Gantz" in article["body"]

    code, similar = run(capsys, "similar", first, "--corpus", "demo", "--json")
    assert code == 0 and similar["id"] == first
    assert similar["similar"] and all(set(s) >= ARTICLE_KEYS for s in similar["similar"])

    code, corpora = run(capsys, "corpora", "--json")
    assert code == 0 and [c["name"] for c in corpora["corpora"]] == ["demo"]
    assert corpora["corpora"][0]["articles"] == 5


def test_default_corpus_is_seeded_on_first_use(capsys: pytest.CaptureFixture[str]) -> None:
    code, stats = run(capsys, "stats", "--json")
    assert code == 0 and stats["name"] == "seeds" and stats["articles"] == 5


def test_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A title\n\nSome article text about Rabat.", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    code, report = run(capsys, "index", str(folder), "--corpus", "x", "--json")
    assert code == 1
    assert report["counts"]["added"] == 1
    assert [Path(f["path"]).name for f in report["failed"]] == ["empty.txt"]

    code, result = run(capsys, "search", '"unclosed', "--corpus", "x", "--json")
    assert code == 2 and "quote" in result["error"]
    assert main(["search"]) == 2  # missing argument
    assert main(["article", "nope", "--corpus", "x"]) == 1
    assert main(["index", str(tmp_path / "missing"), "--corpus", "x"]) == 1


def test_command_names_known_without_imports_match_the_parser() -> None:
    assert build_parser()[1] == COMMANDS
