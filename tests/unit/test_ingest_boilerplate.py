"""Boilerplate removal: web chrome out, captions apart, article text kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from defexplore.index.ingest import RawArticle, Source, parse
from defexplore.index.ingest.boilerplate import clean_units, is_caption, is_chrome

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "pages"


def parse_one(path: Path) -> RawArticle:
    result = parse(Source(path, path.parent), path.read_bytes())
    (article,) = result.articles
    return article


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Related News",
        "Read more:",
        "Read More »",
        "Share on Facebook",
        "100% Font Size",
        "Enable Read mode",
        "Skip to main content",
        "Home » World » Defence",
        "Your email address will not be published. Required fields are marked *",
        "Already registered? Enter your email to sign in.",
        "Register for free and continue reading",
        "For the latest headlines, follow our Google News channel online or via the app.",
        "Disclaimer: This post was published automatically from a syndicated feed.",
        "Copyright © 2023 Example Times. All rights reserved.",
        "#Defence #Navy #Freedonia",
        "3 min read",
        "Réagissez à cet article",
        "Vos commentaires",
        "Lire aussi : La Sylvanie commande des hélicoptères",
        "Votre adresse e-mail ne sera pas publiée.",
        "Publicité",
        "اقرأ أيضا",
        "مقالات ذات صلة",
        "إعلان",
        "Tags: navy, frigates, Sylvania",
        "Loading...",
        "business Defence Economy featured Global News military politics War",
    ],
)
def test_chrome_lines(line: str) -> None:
    # the tag cloud is only recognised in the header; every other line is chrome anywhere
    if line.startswith("business"):
        from defexplore.index.ingest.metadata import _is_tag_list

        assert _is_tag_list(line)
    else:
        assert is_chrome(line), line


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the agreement would be signed next week in the capital.",
        "Subscribers to the defence journal were told that the radar contract was signed.",
        "Officials said the share of defence spending would rise to three percent.",
        "Le ministre a déclaré que l'accord serait signé la semaine prochaine.",
        "وقال الوزير إن الاتفاقية ستوقع الأسبوع المقبل في العاصمة.",
        "He made the remarks a day after the two ministers signed a security agreement.",
        "More security cooperation with Sylvania?",
        "Officials said they would follow our lead on the matter.",
        "The report has not been reviewed by the ministry.",
        "Copyright laws were changed in 2020 by parliament.",
    ],
)
def test_article_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)
    assert not is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "A frigate in the harbour, May 2, 2021. (photo credit: EXAMPLE AGENCY)",
        "Illustrative: Soldiers march during a parade. (AP Photo/Some Photographer)",
        "The minister arrives at the airport (AFP)",
        "Troops land on the beach (video credit: Army Spokesperson)",
        "(Photo credit: NAME / POOL / AFP)",
        "Photo: the new patrol boat at sea",
        "Photo d'illustration : des soldats lors d'un défilé. © Exemple Agence",
        "AFP",
        "Getty Images",
        "Reuters/Some Photographer",
    ],
)
def test_caption_lines(line: str) -> None:
    assert is_caption(line)


def test_wire_credit_after_a_sentence_is_body() -> None:
    assert not is_caption(
        "The army sent observers to the exercise as part of the pact. (ANI/Xinhua)"
    )


def test_clean_units_separates_captions_and_dedupes() -> None:
    cleaned = clean_units(
        [
            "A ship in port, May 2, 2021. (photo credit: EXAMPLE AGENCY)",
            "A ship in port, May 2, 2021.",
            "(photo credit: EXAMPLE AGENCY)",
            "The navy of Freedonia received a new ship on Monday, officials said.",
            "The navy of Freedonia received a new ship on Monday, officials said.",
            "It is the third ship delivered this year.",
        ]
    )
    assert cleaned.captions == ["A ship in port, May 2, 2021. (photo credit: EXAMPLE AGENCY)"]
    assert cleaned.body == [
        "The navy of Freedonia received a new ship on Monday, officials said.",
        "It is the third ship delivered this year.",
    ]


def test_caption_followed_by_credit_line() -> None:
    cleaned = clean_units(
        [
            "The navy of Freedonia received a new ship on Monday, officials said in a statement.",
            "Sailors line up on the deck of the new ship",
            "(Photo credit: Navy press office)",
            "It is the third ship delivered this year.",
        ]
    )
    assert cleaned.captions == [
        "Sailors line up on the deck of the new ship",
        "(Photo credit: Navy press office)",
    ]
    assert len(cleaned.body) == 2


def test_teaser_before_read_more_and_trailing_related_headlines() -> None:
    cleaned = clean_units(
        [
            "The navy of Freedonia received a new ship on Monday, officials said.",
            "Sylvania tensions: is war coming?",
            "Read More »",
            "The ship will be based in the northern port, the navy said.",
            "Read more:",
            "Army chief names new deputy",
        ]
    )
    assert cleaned.body == [
        "The navy of Freedonia received a new ship on Monday, officials said.",
        "The ship will be based in the northern port, the navy said.",
    ]


def test_end_marker_does_not_cut_when_article_text_follows() -> None:
    cleaned = clean_units(
        [
            "The navy of Freedonia received a new ship on Monday, officials said.",
            "Related",
            "The ship, built over three years at a northern yard, will be based in the port.",
        ]
    )
    assert len(cleaned.body) == 2


def test_english_page_fixture() -> None:
    a = parse_one(PAGES / "en_saved.txt")
    assert a.body.split("\n\n") == [
        "The defence ministers of Freedonia and Sylvania signed a naval cooperation agreement on "
        "Friday in the port city of Dorne, covering joint patrols, training and the exchange of "
        "liaison officers.",
        "The agreement follows two years of talks and a series of joint exercises in the northern "
        "sea lanes, officials from both countries said in a joint statement.",
        "Regional navies have stepped up cooperation as shipping traffic in the area has grown, "
        "according to analysts.",
        "The pact will be reviewed by both parliaments before it enters into force next year.",
    ]
    assert a.captions.split("\n") == [
        "A patrol vessel moored in the harbour of Dorne, March 3, 2023. "
        "(photo credit: EXAMPLE PHOTO AGENCY)",
        "Illustrative: Sailors stand on the deck of a frigate during a parade. "
        "(AP Photo/Example Person)",
    ]


def test_french_page_fixture() -> None:
    a = parse_one(PAGES / "fr_saved.txt")
    assert len(a.body.split("\n\n")) == 3
    for chrome in ("Lire aussi", "Partager", "Réagissez", "commentaires", "adresse e-mail"):
        assert chrome not in a.body
    assert a.captions.startswith("Photo d'illustration")
    assert a.body.endswith("avant la fin de l'année.")


def test_arabic_page_fixture() -> None:
    a = parse_one(PAGES / "ar_saved.txt")
    assert len(a.body.split("\n\n")) == 2
    for chrome in ("اقرأ أيضا", "شارك", "إعلان", "الرئيسية"):
        assert chrome not in a.body
