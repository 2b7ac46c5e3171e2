"""Metadata from saved plain-text articles, sidecars and structured date values."""

from __future__ import annotations

from pathlib import Path

import pytest
from defexplore.index.ingest import RawArticle, Source, parse
from defexplore.index.ingest.dates import find_date, parse_date
from defexplore.index.ingest.metadata import outlet_from_url, strip_marker
from defexplore.index.ingest.sidecar import parse_sidecar

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def parse_one(path: Path, root: Path | None = None) -> RawArticle:
    path = path.absolute()
    result = parse(Source(path, (root or path.parent).absolute()), path.read_bytes())
    assert result.failed == [] and result.warnings == []
    (article,) = result.articles
    return article


def parse_text(tmp_path: Path, text: str, name: str = "a.txt") -> RawArticle:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_one(path)


def test_saved_english_page_header() -> None:
    a = parse_one(FIXTURES / "pages" / "en_saved.txt")
    assert a.title == "Freedonia and Sylvania sign naval cooperation pact"
    assert a.author == "Maria Lopez"
    assert (a.published, a.precision) == ("2023-03-04", "day")
    assert a.source == "example-times.com"  # the site line
    assert a.body.startswith("The defence ministers of Freedonia and Sylvania signed")
    for chrome in ("#Defence", "By Maria", "Published", "Font Size", "Skip to", "Home »"):
        assert chrome not in a.body


def test_saved_french_page_header() -> None:
    a = parse_one(FIXTURES / "pages" / "fr_saved.txt")
    assert a.title == "Le Freedonia et la Sylvanie renforcent leur coopération militaire"
    assert a.author == "Jean Dupont"
    assert (a.published, a.precision) == ("2022-01-12", "day")  # published, not updated
    assert a.language == "fr"
    assert a.source is None  # nothing names the outlet: never invented


def test_saved_arabic_page_header() -> None:
    a = parse_one(FIXTURES / "pages" / "ar_saved.txt")
    assert a.title == "فريدونيا وسيلفانيا توقعان اتفاقية للتعاون العسكري"
    assert a.author == "أحمد يوسف"
    assert (a.published, a.precision) == ("2021-11-24", "day")  # Moroccan month name
    assert a.language == "ar"
    assert a.body.startswith("وقع وزيرا الدفاع")


def test_leading_date_marker_with_month_precision() -> None:
    a = parse_one(FIXTURES / "pages" / "marker_month.txt")
    assert (a.published, a.precision) == ("2021-11", "month")
    # the text after the marker on the same line is article text, not a title
    assert a.body.startswith("The defence minister of Freedonia arrived")
    assert a.title.startswith("The defence minister of Freedonia arrived")
    assert "date 2021" not in a.body


def test_marker_on_its_own_line_then_title(tmp_path: Path) -> None:
    a = parse_text(
        tmp_path,
        " date 2022-02-03 \n\nFrigate launched at northern yard\n\n"
        "A new frigate for the navy of Freedonia was launched on Wednesday at the northern "
        "shipyard, the company said.",
    )
    assert (a.published, a.precision) == ("2022-02-03", "day")
    assert a.title == "Frigate launched at northern yard"
    assert a.body.startswith("A new frigate")


def test_weekday_date_line_bare_author_and_source_url() -> None:
    a = parse_one(FIXTURES / "pages" / "weekday_date.txt")
    assert a.title == "Army chief visits border posts"
    assert a.author == "Anna Karenova"
    assert (a.published, a.precision) == ("2021-11-29", "day")
    assert a.url == "https://www.example-post.co.uk/world/army-chief-visits-border-posts"
    assert a.source == "example-post.co.uk"  # derived from the URL
    assert "Source:" not in a.body and "Anna" not in a.body


def test_byline_with_date_and_standfirst(tmp_path: Path) -> None:
    a = parse_text(
        tmp_path,
        "Air defence battery delivered to Sylvania\n"
        "The deal is the largest of its kind in the region\n"
        "By News Desk - October 20 2022\n\n"
        "An air defence battery made in Freedonia arrived in Sylvania on Wednesday, "
        "according to officials of both countries.\n",
    )
    assert a.title == "Air defence battery delivered to Sylvania"
    assert a.author == "News Desk"
    assert (a.published, a.precision) == ("2022-10-20", "day")
    assert a.body.startswith("The deal is the largest of its kind in the region")


def test_section_label_before_title_and_published_label(tmp_path: Path) -> None:
    a = parse_text(
        tmp_path,
        "Top Stories\n\nSylvania hosts army chiefs for a regional summit\n\n"
        "Published: Updated:\nSeptember 13, 2022\n\n"
        "Army chiefs from six countries met in the capital of Sylvania on Tuesday.\n",
    )
    assert a.title == "Sylvania hosts army chiefs for a regional summit"
    assert (a.published, a.precision) == ("2022-09-13", "day")
    assert a.body == "Army chiefs from six countries met in the capital of Sylvania on Tuesday."


def test_copyright_line_names_the_site(tmp_path: Path) -> None:
    a = parse_text(
        tmp_path,
        "Cadets graduate from the naval academy\n\n"
        "Two hundred cadets graduated from the naval academy of Freedonia on Friday.\n\n"
        "© 2021 Example Harbour Herald. All rights reserved.\n",
    )
    assert a.source == "Example Harbour Herald"
    assert "rights reserved" not in a.body


def test_sidecar_wins_and_strips_url_title_prefix() -> None:
    root = FIXTURES / "sidecar"
    a = parse_one(root / "a.txt")
    assert a.title == "Army chief to visit Sylvania"  # "[from URL] " removed, beats the line
    assert a.source == "Example News"
    assert a.url == "https://www.example-news.com/a"
    assert (a.published, a.precision) == ("2022-07-17", "day")  # beats the date line
    assert a.language == "en"
    assert "Army chief of Freedonia will visit" not in a.body  # the title line is still removed


def test_sidecar_empty_cells_are_unknown() -> None:
    root = FIXTURES / "sidecar"
    b = parse_one(root / "b.txt")
    assert b.title == "Coast guard receives new cutters"  # from the text: title cell empty
    assert b.source == "example-gazette.org"  # outlet cell empty: derived from the URL
    assert b.published is None
    c = parse_one(root / "c.txt")
    assert c.language == "fr"  # explicit language wins over detection
    assert (c.published, c.precision) == ("2020", "year")
    assert c.source is None and c.url is None
    d = parse_one(root / "d.txt")  # not listed in the sidecar
    assert d.source is None and d.title == "Harbour opened to allied navies"


def test_sidecar_in_parent_folder_keyed_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "metadata.csv").write_text(
        "filename,url,source,date,title\n"
        "sub/x.txt,https://m.example.org/x,Example Org,2019-05,Exercise held\n",
        encoding="utf-8",
    )
    path = tmp_path / "sub" / "x.txt"
    path.write_text("Troops of Freedonia held an exercise near the coast.", encoding="utf-8")
    a = parse_one(path, root=tmp_path)
    assert a.id == "sub/x.txt"
    assert (a.title, a.source, a.published) == ("Exercise held", "Example Org", "2019-05")


def test_sidecar_change_is_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Troops of Freedonia held an exercise near the coast.", encoding="utf-8")
    sidecar = tmp_path / "INDEX.tsv"
    sidecar.write_text("file\toutlet\nx.txt\tFirst Outlet\n", encoding="utf-8")
    assert parse_one(path).source == "First Outlet"
    sidecar.write_text("file\toutlet\nx.txt\tSecond Outlet Name\n", encoding="utf-8")
    assert parse_one(path).source == "Second Outlet Name"


def test_parse_sidecar_columns() -> None:
    entries = parse_sidecar(
        "file\turl\toutlet\tlanguage\tpublication_date\ttitle\tnote\n"
        "a.txt\thttps://x.org/a\tX\tEN\t2021-11\t[from URL] Hello there\t\n"
        "b.txt\t\t\t\t\t\n",
        "\t",
    )
    assert entries["a.txt"].title == "Hello there"
    assert entries["a.txt"].language == "en"
    assert entries["b.txt"].url is None and entries["b.txt"].title is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.jpost.com/middle-east/article-1", "jpost.com"),
        ("https://english.alarabiya.net/News/x", "english.alarabiya.net"),
        ("https://m.example.co.uk/a", "example.co.uk"),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-24", ("2021-11-24", "day")),
        ("2021-11", ("2021-11", "month")),
        ("2021", ("2021", "year")),
        ("1987-02-26T15:01:01.790000", ("1987-02-26", "day")),
        ("Tue, 24 Nov 2021 10:00:00 GMT", ("2021-11-24", "day")),
        ("24 novembre 2021", ("2021-11-24", "day")),
        ("November 2021", ("2021-11", "month")),
        ("2021-02-30", None),
        ("someday", None),
    ],
)
def test_parse_date(value: str, expected: tuple[str, str] | None) -> None:
    assert parse_date(value) == expected


def test_find_date_languages() -> None:
    found = find_date("Publié le 3 décembre 2021 à 10h")
    assert found is not None and found[0] == ("2021-12-03", "day")
    found = find_date("الخميس ٢٥ نوفمبر ٢٠٢١")
    assert found is not None and found[0] == ("2021-11-25", "day")
    found = find_date("July 17, 2022")
    assert found is not None and found[0] == ("2022-07-17", "day")


def test_strip_marker() -> None:
    assert strip_marker(" date 2023-01-18 Text here") == ("Text here", ("2023-01-18", "day"))
    assert strip_marker("No marker here")[1] is None
    assert strip_marker(" date 2023-13-01 x")[1] is None  # invalid month: not a marker


@pytest.mark.parametrize(
    ("text", "title", "source", "author", "published"),
    [
        (
            "The Harbour Herald\n\nNavy chief to make first official visit\n\n"
            "The chief of the navy will visit the kingdom for three days, a first for the force.",
            "Navy chief to make first official visit",
            "The Harbour Herald",  # masthead above the headline
            None,
            None,
        ),
        (
            "Sylvania hosts army chief in a first\n"
            "Published on November 25, 2021 by John Smith\n\n"
            "The army chief arrived on Tuesday for a conference of commanders.",
            "Sylvania hosts army chief in a first",
            None,
            "John Smith",
            "2021-11-25",
        ),
        (
            "Navy receives new corvette\nBy Harbour Herald Staff\n\n"
            "The navy received a new corvette on Monday.",
            "Navy receives new corvette",
            None,
            "Harbour Herald Staff",
            None,
        ),
        (
            "Navy receives new corvette\nBy John Smith on March 3, 2021\n\n"
            "The navy received a new corvette on Monday.",
            "Navy receives new corvette",
            None,
            "John Smith",
            "2021-03-03",
        ),
        (
            "Navy receives new corvette\nBy Monday, the ship had reached its home port.\n\n"
            "The navy received a new corvette on Monday.",
            "Navy receives new corvette",
            None,
            None,  # a sentence starting with "By" is not a byline
            None,
        ),
    ],
)
def test_header_variants(
    tmp_path: Path,
    text: str,
    title: str,
    source: str | None,
    author: str | None,
    published: str | None,
) -> None:
    a = parse_text(tmp_path, text)
    assert (a.title, a.source, a.author, a.published) == (title, source, author, published)
    if author is not None:
        assert not a.body.startswith(("By ", "Published"))
    else:
        assert a.body.startswith(("The ", "By Monday"))


def test_parent_sidecar_does_not_match_by_bare_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "INDEX.tsv").write_text("file\toutlet\nx.txt\tTop Outlet\n", encoding="utf-8")
    for path in (tmp_path / "x.txt", tmp_path / "sub" / "x.txt"):
        path.write_text("Troops of Freedonia held an exercise near the coast.", encoding="utf-8")
    assert parse_one(tmp_path / "x.txt", root=tmp_path).source == "Top Outlet"
    assert parse_one(tmp_path / "sub" / "x.txt", root=tmp_path).source is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            " date 2024-05-08 SALVARA, Freedonia (AP) — Freedonia signed a naval pact with "
            "Sylvania on Wednesday.\n\nMore text.",
            "Freedonia signed a naval pact with Sylvania",
        ),
        (
            "Port Amal (FNA)\n\nThe Freedonian navy received two patrol boats on Monday.",
            "The Freedonian navy received two patrol boats",
        ),
        (
            "(WNS) Sylvania ordered four radars from Freedonia, officials said.",
            "Sylvania ordered four radars from Freedonia",
        ),
        # Parentheses and dashes that are not a dateline stay in the title.
        (
            "Freedonia (and Sylvania) signed the naval pact in Port Amal on Monday.",
            "Freedonia (and Sylvania) signed",
        ),
        (
            "Halcyon Marine (HLM) - the shipyard - won the patrol boat contract in May.",
            "Halcyon Marine (HLM) - the shipyard",
        ),
    ],
)
def test_a_title_made_from_the_text_skips_a_wire_dateline(
    tmp_path: Path, text: str, title: str
) -> None:
    a = parse_text(tmp_path, text)
    assert a.title.startswith(title)
    assert a.body.strip().split()[0] in text.split()[:4]  # the body keeps the dateline
