"""`defexplore entities`, `entity` and `article --json` entities: JSON, text and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from defexplore.tui.cli import main

ENTITY_KEYS = {"name", "type", "aliases", "roles", "articles", "mentions"}


@pytest.fixture
def index_dir(valdoria_dir: Path) -> str:
    return str(valdoria_dir)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    data = json.loads(captured.out) if "--json" in argv and code == 0 else None
    return code, data, captured.out + captured.err


def test_entities_json_schema_and_filters(
    index_dir: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data, _ = run(capsys, "entities", "--corpus", index_dir, "--json")
    assert code == 0
    rows = data["entities"]
    assert rows and all(set(r) == ENTITY_KEYS for r in rows)
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    daniel = next(r for r in rows if r["name"] == "Daniel Morvan")
    assert (daniel["type"], daniel["articles"], daniel["mentions"]) == ("person", 2, 3)
    assert "Morvan" in daniel["aliases"]

    code, data, _ = run(
        capsys, "entities", "--corpus", index_dir, "--json", "--type", "org", "--sort", "name"
    )
    names = [r["name"] for r in data["entities"]]
    assert code == 0 and names == sorted(names, key=str.casefold)
    assert {r["type"] for r in data["entities"]} == {"org"}

    code, data, _ = run(
        capsys, "entities", "--corpus", index_dir, "--json", "-q", "morvan", "--limit", "1"
    )
    assert code == 0 and [r["name"] for r in data["entities"]] == ["Daniel Morvan"]


def test_entities_of_one_article(index_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(capsys, "entities", "--corpus", index_dir, "--json", "--article", "b")
    assert code == 0
    claire = next(r for r in data["entities"] if r["name"] == "Claire Morvan")
    assert (claire["articles"], claire["mentions"]) == (1, 2)
    code, article, _ = run(capsys, "article", "b", "--corpus", index_dir, "--json")
    assert code == 0
    assert {(e["name"], e["articles"]) for e in article["entities"]} == {
        (r["name"], r["articles"]) for r in data["entities"]
    }
    code, _, text = run(capsys, "entities", "--corpus", index_dir, "--article", "zzz")
    assert code == 1 and "no article" in text


def test_entity_detail(index_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, data, _ = run(
        capsys, "entity", "Morvan", "--type", "person", "--corpus", index_dir, "--json"
    )
    assert code == 0
    assert data["name"] == "Daniel Morvan" and data["total_mentions"] == 3
    assert {c["match"] for c in data["contexts"]} == {"Daniel Morvan", "Morvan"}
    assert all(c["source"] == "Harbor Times" for c in data["contexts"])
    assert data["sources"][0]["first"] == "2022-03-14"
    assert any(c["name"] == "Kestrel City" for c in data["cooccurring"])

    code, _, text = run(capsys, "entity", "Daniel Morvan", "--corpus", index_dir)
    assert code == 0 and "Harbor Times" in text and "Kestrel City" in text


def test_exit_codes(index_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, text = run(capsys, "entity", "Nobody Atall", "--corpus", index_dir)
    assert code == 1 and "no entity" in text
    code, _, _ = run(capsys, "entities", "--corpus", index_dir, "--type", "ship")
    assert code == 2
    code, _, _ = run(capsys, "entities", "--corpus", index_dir, "--limit", "-1")
    assert code == 2


def test_text_table(index_dir: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, text = run(capsys, "entities", "--corpus", index_dir, "--type", "place")
    assert code == 0 and "Kestrel City" in text and "entities" in text
