"""Ingest readers: formats, ids, hashes and the discover -> read -> parse flow."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from defexplore.index.ingest import (
    SUPPORTED_SUFFIXES,
    RawArticle,
    Source,
    discover,
    file_hash,
    parse,
    read_source,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
FOLDER = FIXTURES / "folder"


def ingest(paths: list[Path]) -> dict[str, RawArticle]:
    sources, problems = discover(paths)
    assert problems == []
    articles: dict[str, RawArticle] = {}
    for source in sources:
        data = read_source(source.path)
        assert isinstance(data, bytes)
        result = parse(source, data)
        assert result.failed == [], result.failed
        for article in result.articles:
            assert article.id not in articles
            articles[article.id] = article
    return articles


@pytest.fixture(scope="module")
def folder_articles() -> dict[str, RawArticle]:
    return ingest([FOLDER])


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".htm", ".json", ".jsonl"} == set(SUPPORTED_SUFFIXES)


def test_ids_are_relative_paths_or_record_ids(folder_articles: dict[str, RawArticle]) -> None:
    assert set(folder_articles) == {
        "plain.txt",
        "sub/note.md",
        "page.html",
        "one.json#1",
        "list.json#1",
        "42",
        "wire-1",
        "records.jsonl#2",
        "records.jsonl#3",
    }


def test_paths_are_absolute(folder_articles: dict[str, RawArticle]) -> None:
    for article in folder_articles.values():
        assert Path(article.path).is_absolute()
        assert Path(article.path).exists()


def test_plain_text(folder_articles: dict[str, RawArticle]) -> None:
    a = folder_articles["plain.txt"]
    assert a.title == "Harbour patrol boats handed over to coastal guard"
    assert a.body.startswith("The coastal guard of Freedonia received four patrol boats")
    assert "\n\nThe boats will patrol" in a.body
    assert a.title not in a.body
    assert a.language == "en"
    assert a.source is None and a.url is None and a.published is None
    assert a.hash == hashlib.sha256((FOLDER / "plain.txt").read_bytes()).hexdigest()[:16]


def test_markdown(folder_articles: dict[str, RawArticle]) -> None:
    a = folder_articles["sub/note.md"]
    assert a.title == "Joint exercise ends in the desert"
    assert "**" not in a.body and "](" not in a.body
    assert "joint exercise between the armies" in a.body
    assert "according to a press release." in a.body
    assert a.captions == "Soldiers board a transport aircraft at dawn"


def test_html_uses_trafilatura_metadata(folder_articles: dict[str, RawArticle]) -> None:
    a = folder_articles["page.html"]
    assert a.title == "Radar contract signed"
    assert a.author == "Jane Roe"
    assert a.source == "Example Defence Review"
    assert a.published == "2022-03-14" and a.precision == "day"
    assert a.url == "https://www.example-defence.org/news/radar-contract"
    assert "three long-range surveillance radars" in a.body
    assert "Advertisement" not in a.body
    assert "All rights reserved" not in a.body
    assert (
        a.captions
        == "A surveillance radar on a hill near the border. (Photo credit: Example Agency)"
    )
    assert "surveillance radar on a hill" not in a.body
    assert not a.body.startswith("Radar contract signed")


def test_jsonl_fields(folder_articles: dict[str, RawArticle]) -> None:
    a = folder_articles["wire-1"]
    assert a.title == "NAVY ORDERS TWO FRIGATES"  # upper-case titles are left alone
    assert a.source == "Example Wire"
    assert a.author == "A. Writer, B. Writer"
    assert a.published == "2021-06-07" and a.precision == "day"
    assert a.url == "https://wire.example.com/1"
    assert a.body.endswith("The first ship is due in three years.")
    first_line = (FOLDER / "records.jsonl").read_bytes().split(b"\n")[0]
    assert a.hash == file_hash(first_line)

    fr = folder_articles["records.jsonl#2"]
    assert fr.source == "Exemple Presse"
    assert fr.published == "2021-11" and fr.precision == "month"
    assert fr.language == "fr"  # detected

    third = folder_articles["records.jsonl#3"]
    assert third.title == "Training centre opens"
    assert third.source == "example.net"  # derived from the URL's domain
    assert third.published is None


def test_json_list_and_object(folder_articles: dict[str, RawArticle]) -> None:
    assert folder_articles["list.json#1"].published == "2020-12-03"
    assert folder_articles["42"].title == "Border talks resume"
    one = folder_articles["one.json#1"]
    assert one.published == "2019" and one.precision == "year"
    assert one.language == "en"  # explicit "en-GB" normalised
    assert one.hash == file_hash((FOLDER / "one.json").read_bytes())
    # records of a list are hashed one by one, so editing one leaves the others unchanged
    assert folder_articles["list.json#1"].hash != folder_articles["42"].hash


def test_json_wrapper_object(tmp_path: Path) -> None:
    records = [
        {"title": f"Item {i}", "text": f"Body text number {i} about a patrol."} for i in (1, 2)
    ]
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"articles": records}), encoding="utf-8")
    result = parse(Source(path, tmp_path), path.read_bytes())
    assert [a.title for a in result.articles] == ["Item 1", "Item 2"]


def test_explicit_language_wins(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    line = {"text": "This text is plainly written in English about frigates.", "language": "fr"}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (article,) = parse(Source(path, tmp_path), path.read_bytes()).articles
    assert article.language == "fr"


def test_title_falls_back_to_first_sentence_then_stem(tmp_path: Path) -> None:
    long_par = (
        "The navy of Freedonia commissioned a new submarine on Monday in a ceremony at the "
        "main naval base, officials said, adding that two more boats would follow. Second."
    )
    path = tmp_path / "untitled.txt"
    path.write_text(long_par, encoding="utf-8")
    (article,) = parse(Source(path, tmp_path), path.read_bytes()).articles
    assert article.title.startswith("The navy of Freedonia commissioned a new submarine")
    assert "Second" not in article.title
    assert article.body == long_par


def test_discover_is_sorted_and_deterministic() -> None:
    first, _ = discover([FOLDER])
    second, _ = discover([FOLDER])
    assert first == second
    rels = [s.relpath for s in first]
    assert rels == [
        "list.json",
        "one.json",
        "page.html",
        "plain.txt",
        "records.jsonl",
        "sub/note.md",
    ]
    assert all(s.root == FOLDER.resolve() for s in first)


def test_discover_single_file_root_is_parent() -> None:
    sources, problems = discover([FOLDER / "sub" / "note.md"])
    assert problems == []
    assert sources == [Source(FOLDER.resolve() / "sub" / "note.md", FOLDER.resolve() / "sub")]
    assert sources[0].relpath == "note.md"


def test_include_exclude_globs() -> None:
    sources, _ = discover([FOLDER], include=["*.json", "*.jsonl"])
    assert [s.relpath for s in sources] == ["list.json", "one.json", "records.jsonl"]
    sources, _ = discover([FOLDER], exclude=["sub", "*.html"])
    assert [s.relpath for s in sources] == ["list.json", "one.json", "plain.txt", "records.jsonl"]
    sources, _ = discover([FOLDER], include=["sub/*"])
    assert [s.relpath for s in sources] == ["sub/note.md"]


def test_discover_overlapping_paths_yield_each_file_once() -> None:
    sources, _ = discover([FOLDER, FOLDER / "plain.txt"])
    assert [s.path.name for s in sources].count("plain.txt") == 1
