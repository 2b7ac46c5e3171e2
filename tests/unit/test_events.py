"""Event extraction: one row per dated statement, chrome dropped, repeats merged."""

from __future__ import annotations

from defexplore.index.extract.events import extract_events
from defexplore.index.model import Event, Mention

CAPTION = (
    "Illustrative: A helicopter flies over the African Lion exercise in Tantan, Morocco, "
    "June 18, 2021. (AP Photo)"
)
BODY = f"""Morocco says it will boost military ties with Israel

{CAPTION}
{CAPTION}

Morocco's army said Tuesday it had agreed with Israel to strengthen military cooperation.

Monday 29 November 2021 Last update on Monday, November 29, 2021 At 11:52 AM

July 17, 2022

The Israeli army chief will visit Morocco next week, a spokesperson told reporters.

In November 2021, Benny Gantz signed a memorandum of understanding in Rabat.
"""


def _events(
    body: str = BODY, published: str | None = "2023-01-18", mentions: list[Mention] | None = None
) -> list[Event]:
    return extract_events("a1", "a1.txt", "Outlet", body, "", "en", published, mentions or ())


def test_rows_and_offsets() -> None:
    events = _events()
    cues = [e.cue for e in events]
    assert cues == ["June 18, 2021", "Tuesday", "next week", "November 2021"]
    for n, e in enumerate(events, start=1):
        assert e.id == f"a1#{n}"
        assert e.text[e.cue_start : e.cue_end] == e.cue
        assert BODY[e.offset + e.cue_start : e.offset + e.cue_end] == e.cue
        assert e.article_id == "a1" and e.path == "a1.txt" and e.source == "Outlet"


def test_caption_repeat_is_one_event_and_chrome_is_not_an_event() -> None:
    events = _events()
    assert sum(e.date_start == "2021-06-18" for e in events) == 1
    assert not any(e.date_start in ("2021-11-29", "2022-07-17") for e in events)


def test_dates_and_planned() -> None:
    by_cue = {e.cue: e for e in _events()}
    assert (by_cue["Tuesday"].date_start, by_cue["Tuesday"].precision) == ("2023-01-17", "day")
    assert not by_cue["Tuesday"].planned
    week = by_cue["next week"]
    assert (week.date_start, week.date_end, week.planned) == ("2023-01-23", "2023-01-29", True)
    assert (by_cue["November 2021"].date_start, by_cue["November 2021"].precision) == (
        "2021-11",
        "month",
    )


def test_expected_to_is_planned() -> None:
    (event,) = _events("Gantz is expected to sign the MoU in Manama on Thursday.", "2022-02-02")
    assert event.planned and event.date_start == "2022-02-03"


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    by_cue = {e.cue: e for e in _events(published=None)}
    assert not by_cue["Tuesday"].resolved
    assert by_cue["Tuesday"].date_start is None and by_cue["Tuesday"].precision is None
    assert by_cue["November 2021"].resolved  # absolute dates need no publication date


def test_headline_restated_by_lede_is_one_event() -> None:
    body = (
        "Israeli army chief to visit Morocco next week\n\n"
        "The Israeli army chief Aviv Kochavi will visit Morocco next week, a spokesperson "
        "told Xinhua on Saturday.\n"
    )
    events = _events(body, "2022-07-17")
    assert [e.cue for e in events].count("next week") == 1
    assert {e.cue for e in events} == {"next week", "Saturday"}


def test_dateline_is_metadata() -> None:
    body = "Jerusalem, July 17 The Israeli army chief will visit Morocco next week, Xinhua said.\n"
    assert [e.cue for e in _events(body, "2022-07-17")] == ["next week"]


def test_entities_come_from_mentions_in_the_sentence() -> None:
    body = "Intro line without a date.\nBenny Gantz visited Rabat on Wednesday."
    start = body.index("Benny")
    mentions = [
        Mention("Benny Gantz", "person", "Benny Gantz", start, start + 11),
        Mention("Rabat", "place", "Rabat", body.index("Rabat"), body.index("Rabat") + 5),
        Mention("Elsewhere", "place", "Intro", 0, 5),
    ]
    (event,) = _events(body, "2021-11-25", mentions=mentions)
    assert event.entities == ("Benny Gantz", "Rabat")


def test_fallback_entities_without_mentions() -> None:
    (event,) = _events("Benny Gantz visited Rabat on Wednesday.", "2021-11-25")
    assert "Benny Gantz" in event.entities and "Rabat" in event.entities


def test_french_and_arabic_articles() -> None:
    fr = extract_events("f", "f.txt", "S", "M. Gantz est au Maroc du 23 au 25 novembre.", "",
                        "fr", "2021-11", ())  # fmt: skip
    assert [(e.date_start, e.date_end) for e in fr] == [("2021-11-23", "2021-11-25")]
    ar = extract_events("r", "r.txt", "S", "ومن المقرر أن يزور غانتس الكنيس يوم الخميس.", "",
                        "ar", None, ())  # fmt: skip
    assert len(ar) == 1 and ar[0].planned and not ar[0].resolved


def test_captions_argument() -> None:
    body = "Gantz landed in Manama on Wednesday."
    captions = "Gantz arriving in Manama, Bahrain, on February 2, 2022."
    events = extract_events("c", "c.txt", None, body, captions, "en", "2022-02-02", ())
    # Same day, same happening: the caption does not add a second row.
    assert len(events) == 1 and events[0].date_start == "2022-02-02"


def test_hard_wrapped_wire_copy_keeps_whole_sentences() -> None:
    line = "Officials from both countries met in the capital to discuss trade and"
    tail = "security matters on Tuesday, the ministry said in a statement."
    body = "\n".join([line] * 5) + "\n" + tail + "\n"
    (event,) = _events(body, "2023-01-18")
    assert event.text.startswith("Officials from both") and event.text.endswith("statement.")
    assert "\n" not in event.text and event.date_start == "2023-01-17"
