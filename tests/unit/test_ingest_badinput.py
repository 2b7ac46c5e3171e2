"""Bad input: each case is reported with a reason and skipped, and the rest is indexed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from defexplore.index.ingest import (
    ParseResult,
    Source,
    discover,
    discovery as discovery_module,
    parse,
    read_source,
)
from defexplore.index.model import Problem

GOOD = "The navy of Freedonia received a new patrol ship on Monday, officials said."


def parse_bytes(tmp_path: Path, name: str, data: bytes) -> ParseResult:
    path = tmp_path / name
    path.write_bytes(data)
    return parse(Source(path, tmp_path), data)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    result = parse_bytes(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert result.articles == []
    (problem,) = result.failed
    assert "binary" in problem.reason


def test_binary_file_with_control_characters(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 50 + GOOD.encode()
    result = parse_bytes(tmp_path, "blob.md", data)
    assert result.articles == [] and "binary" in result.failed[0].reason


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  \r\n"])
@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"])
def test_empty_and_whitespace_files(tmp_path: Path, name: str, data: bytes) -> None:
    result = parse_bytes(tmp_path, name, data)
    assert result.articles == []
    (problem,) = result.failed
    assert "empty" in problem.reason


def test_invalid_utf8_is_replaced_and_flagged(tmp_path: Path) -> None:
    data = b"Patrol ship delivered\n\n" + GOOD.encode() + b" Caf\xe9 owners cheered.\n"
    result = parse_bytes(tmp_path, "latin1.txt", data)
    (article,) = result.articles
    assert "\ufffd" in article.body
    (warning,) = result.warnings
    assert "invalid UTF-8" in warning.reason and warning.path.endswith("latin1.txt")
    assert result.failed == []


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    data = ("Patrol ship delivered\n\n" + GOOD).encode("utf-16")
    result = parse_bytes(tmp_path, "wide.txt", data)
    (article,) = result.articles
    assert article.title == "Patrol ship delivered" and result.warnings == []


def test_file_over_size_cap_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 100, encoding="utf-8")

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened although it is too large")

    monkeypatch.setattr(discovery_module, "open", no_open, raising=False)
    problem = read_source(path, max_bytes=1000)
    assert isinstance(problem, Problem)
    assert "too large" in problem.reason and "1000" in problem.reason


def test_file_under_size_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(GOOD, encoding="utf-8")
    assert read_source(path, max_bytes=1000) == GOOD.encode()


def test_missing_file(tmp_path: Path) -> None:
    problem = read_source(tmp_path / "gone.txt")
    assert isinstance(problem, Problem) and problem.reason == "file not found"


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")

    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(discovery_module, "open", denied, raising=False)
    problem = read_source(path)
    assert isinstance(problem, Problem) and problem.reason == "permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    folder = tmp_path / "closed"
    folder.mkdir()
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")
    folder.chmod(0)
    try:
        problem = read_source(path)
        assert isinstance(problem, Problem) and problem.reason == "permission denied"
        _, problems = discover([tmp_path])
        assert Problem(str(folder), "permission denied") in problems
    finally:
        path.chmod(0o644)
        folder.chmod(0o755)


def test_malformed_json_reports_line(tmp_path: Path) -> None:
    data = b'{\n  "title": "x",\n  "text": "y"\n  "date": "2021"\n}\n'
    result = parse_bytes(tmp_path, "broken.json", data)
    assert result.articles == []
    (problem,) = result.failed
    assert "malformed JSON" in problem.reason and problem.line == 4


def test_jsonl_bad_lines_reported_good_lines_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "title": "First", "text": GOOD}),
        '{"id": "b", "title": "Broken", "text": ',
        "",
        json.dumps({"id": "c", "summary": "neither title nor text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a", "title": "Duplicate", "text": GOOD}),
        json.dumps({"id": "e", "title": "Last", "body": GOOD}),
    ]
    result = parse_bytes(tmp_path, "mixed.jsonl", "\n".join(lines).encode())
    assert [a.id for a in result.articles] == ["a", "e"]
    failed = {p.line: p.reason for p in result.failed}
    assert set(failed) == {2, 4, 5, 6}
    assert "malformed JSON" in failed[2]
    assert "neither text nor title" in failed[4]
    assert "not a JSON object" in failed[5]
    assert "duplicate id" in failed[6]
    assert all(p.path.endswith("mixed.jsonl") for p in result.failed)


def test_jsonl_invalid_utf8_line_is_flagged_and_kept(tmp_path: Path) -> None:
    good = json.dumps({"title": "Ok", "text": GOOD}).encode()
    bad = b'{"title": "Caf\xe9", "text": "' + GOOD.encode() + b'"}'
    result = parse_bytes(tmp_path, "enc.jsonl", good + b"\n" + bad + b"\n")
    assert len(result.articles) == 2
    (warning,) = result.warnings
    assert warning.line == 2 and "invalid UTF-8" in warning.reason


def test_json_records_without_text(tmp_path: Path) -> None:
    data = json.dumps(
        [{"title": "Only a title"}, {"title": "Good", "content": GOOD}, 7, {"author": "X"}]
    )
    result = parse_bytes(tmp_path, "list.json", data.encode())
    assert [a.title for a in result.articles] == ["Only a title", "Good"]
    assert result.articles[0].body == ""
    reasons = sorted(p.reason for p in result.failed)
    assert reasons == [
        "record 3: not a JSON object",
        "record 4: record has neither text nor title (text, body, content, title)",
    ]


def test_json_scalar_is_rejected(tmp_path: Path) -> None:
    result = parse_bytes(tmp_path, "scalar.json", b"42")
    assert result.articles == [] and "neither an object nor a list" in result.failed[0].reason


def test_text_with_only_chrome(tmp_path: Path) -> None:
    result = parse_bytes(tmp_path, "chrome.txt", b"Advertisement\nShare\nRead more\n")
    assert result.articles == [] and "no article text" in result.failed[0].reason


def test_html_without_content(tmp_path: Path) -> None:
    result = parse_bytes(tmp_path, "empty.html", b"<html><head></head><body></body></html>")
    assert result.articles == [] and result.failed


@pytest.mark.parametrize("name", ["x.txt", "x.md", "x.html", "x.json", "x.jsonl", "x.pdf"])
def test_parse_never_raises_on_garbage(tmp_path: Path, name: str) -> None:
    garbage = bytes((i * 37 + 11) % 256 for i in range(3000))
    result = parse_bytes(tmp_path, name, garbage)
    assert result.articles == [] and result.failed


def test_symlink_loop_and_dangling_symlink(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "self.txt").symlink_to(root / "self.txt")
    sources, problems = discover([root])
    assert [s.relpath for s in sources] == ["sub/a.txt"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert reasons == {
        "loop": "symlink loop",
        "dangling.txt": "dangling symlink",
        "self.txt": "symlink loop",
    }


def test_unsupported_suffix_ignored_in_folder_reported_when_explicit(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    sources, problems = discover([tmp_path])
    assert [s.relpath for s in sources] == ["a.txt"] and problems == []
    sources, problems = discover([tmp_path / "scan.pdf"])
    assert sources == []
    (problem,) = problems
    assert "unsupported file type '.pdf'" in problem.reason


def test_missing_explicit_path(tmp_path: Path) -> None:
    sources, problems = discover([tmp_path / "nope"])
    assert sources == [] and problems == [Problem(str(tmp_path / "nope"), "file not found")]


def test_one_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 10)
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "' + GOOD + '"}\n{oops\n', encoding="utf-8")
    sources, problems = discover([tmp_path])
    assert problems == []
    articles, failed = [], []
    for source in sources:
        data = read_source(source.path)
        assert isinstance(data, bytes)
        result = parse(source, data)
        articles += result.articles
        failed += result.failed
    assert sorted(a.id for a in articles) == ["a.txt", "d.jsonl#1"]
    assert sorted((Path(p.path).name, p.line) for p in failed) == [
        ("b.txt", None),
        ("c.txt", None),
        ("d.jsonl", 2),
    ]


def test_symlinked_root_gives_canonical_paths(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    (source,) = discover([tmp_path / "alias"])[0]
    assert source.path == (real / "a.txt").resolve() and source.relpath == "a.txt"
