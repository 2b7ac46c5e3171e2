"""Story grouping across sources and languages, and date-conflict flags."""

from __future__ import annotations

from defexplore.index.extract.events import extract_events
from defexplore.index.extract.stories import group_stories
from defexplore.index.extract.textkeys import numbers
from defexplore.index.model import Event


def _ev(aid: str, source: str, body: str, published: str | None, lang: str = "en") -> list[Event]:
    return extract_events(aid, f"{aid}.txt", source, body, "", lang, published)


# A small corpus: two happenings reported by several outlets, plus unrelated noise.
CORPUS = [
    ("a", "Outlet A", "Israeli Defense Minister Benny Gantz and Abdellatif Loudiyi signed a "
     "defense memorandum of understanding in Rabat on Wednesday.", "2021-11-24", "en"),
    ("b", "Outlet B", "On November 24, 2021, Benny Gantz and Abdellatif Loudiyi signed a "
     "defense memorandum of understanding in Rabat.", "2021-12-01", "en"),
    ("c", "Outlet C", "Benny Gantz et Abdellatif Loudiyi ont signé à Rabat le 24 novembre 2021 "
     "un mémorandum d'entente.", None, "fr"),
    ("d", "Outlet D", "Algeria cut diplomatic ties with its western neighbour in August, citing "
     "hostile actions.", "2021-11-25", "en"),
    ("e", "Outlet E", "Elbit Systems will deliver 36 ATMOS howitzers to the Royal Armed Forces "
     "in 2025, the company said.", "2025-02-10", "en"),
    ("f", "Outlet F", "The Royal Armed Forces contracted Elbit Systems for 36 ATMOS howitzers "
     "in 2025.", "2025-03", "en"),
]  # fmt: skip


def _corpus() -> list[Event]:
    events: list[Event] = []
    for aid, source, body, published, lang in CORPUS:
        events += _ev(aid, source, body, published, lang)
    return events


def test_same_happening_across_sources_and_languages_is_one_story() -> None:
    events = _corpus()
    stories, assignment = group_stories(events)
    by_article = {e.article_id: assignment[e.id] for e in events}
    assert by_article["a"] == by_article["b"] == by_article["c"]
    assert by_article["e"] == by_article["f"]
    assert by_article["d"] not in (by_article["a"], by_article["e"])
    mou = next(s for s in stories if s.id == by_article["a"])
    assert mou.sources == ("Outlet A", "Outlet B", "Outlet C")
    assert (mou.date_start, mou.precision) == ("2021-11-24", "day")
    assert not mou.conflicts


def test_every_event_has_a_story() -> None:
    events = _corpus()
    stories, assignment = group_stories(events)
    assert set(assignment) == {e.id for e in events}
    assert {eid for s in stories for eid in s.events} == set(assignment)


def test_monday_against_tuesday_is_a_date_conflict() -> None:
    events = _ev("x", "Outlet X", "The Israel-Morocco defense steering committee held its "
                 "first meeting in Rabat on Monday.", "2023-01-18")  # fmt: skip
    events += _ev("y", "Outlet Y", "The Israel-Morocco defense steering committee held its "
                  "first meeting in Rabat on Tuesday.", "2023-01-18")  # fmt: skip
    stories, assignment = group_stories(events)
    assert assignment[events[0].id] == assignment[events[1].id]
    (story,) = stories
    (conflict,) = story.conflicts
    assert {conflict.a_cue, conflict.b_cue} == {"Monday", "Tuesday"}
    assert {conflict.a_date, conflict.b_date} == {"2023-01-16", "2023-01-17"}
    assert {conflict.a_source, conflict.b_source} == {"Outlet X", "Outlet Y"}
    assert conflict.story == story.id


def test_same_words_far_apart_in_time_are_different_stories() -> None:
    text = "The Israel-Morocco defense steering committee held its annual meeting in Rabat {}."
    events = _ev("x", "X", text.format("in January 2023"), None)
    events += _ev("y", "Y", text.format("in January 2024"), None)
    _, assignment = group_stories(events)
    assert assignment[events[0].id] != assignment[events[1].id]


def test_one_source_repeating_itself_is_not_a_conflict() -> None:
    events = _ev("x", "X", "The steering committee met in Rabat on Monday. The steering "
                 "committee met in Rabat on Tuesday.", "2023-01-18")  # fmt: skip
    stories, _ = group_stories(events)
    assert not any(s.conflicts for s in stories)


def test_reports_sharing_only_a_common_name_but_rare_words_are_one_story() -> None:
    # "Zorvia" is in every event, so it is too common to suggest pairs; the two reports of
    # the session share only lowercase words besides it.
    months = ("January", "March", "May", "July", "September", "November")
    events: list[Event] = []
    for i in range(60):
        date = f"{1 + i % 28} {months[i % 6]} {2000 + i // 6}"
        events += _ev(f"n{i}", f"Noise {i}", f"Zorvia published trade figure {i} on {date}.", None)
    a = _ev("a", "Outlet A", "Zorvia's steering committee for coastal drills convened its "
            "inaugural session on Tuesday.", "2024-05-08")  # fmt: skip
    b = _ev("b", "Outlet B", "The inaugural session of the steering committee on coastal "
            "drills convened in Zorvia on May 7, 2024.", "2024-05-09")  # fmt: skip
    _, assignment = group_stories([*events, *a, *b])
    assert len(a) == len(b) == 1 and assignment[a[0].id] == assignment[b[0].id]
    noise = {assignment[e.id] for e in events}
    assert assignment[a[0].id] not in noise


def test_two_happenings_in_one_article_are_not_joined_by_its_topic() -> None:
    # The sentences share the article's names and words, which says nothing about being
    # one happening; the protest is another story.
    events = _ev("x", "Outlet X", "Kestrian defence minister Arlo Venn visited Zorvia and "
                 "Port Amal on Tuesday for naval talks with Zorvia.\n\nOstrava protested the "
                 "Kestrian minister's visit to Zorvia and Port Amal naval talks in May.",
                 "2024-05-10")  # fmt: skip
    _, assignment = group_stories(events)
    assert len(events) == 2 and assignment[events[0].id] != assignment[events[1].id]


def test_a_sum_is_one_key_however_its_scale_is_written() -> None:
    assert numbers("received $22m this year") == numbers("bought $22 million of drones")
    assert numbers("a $1.5bn deal") == numbers("a 1.5 billion dollar deal") == {"#1.5"}
    assert numbers("€300mn, 12,000 troops") == {"#300", "#12000"}
    # Model names, units and years are not sums.
    assert numbers("F-16s and A330 tankers flew 30km in 2020") == set()


def test_a_story_is_dated_by_its_most_specific_agreed_date() -> None:
    # "this week" overlaps every report, the arrival the day before included; the day
    # most reports name is the story's date.
    pub = "2024-05-09"  # a Thursday
    reports = [
        ("a", "The naval pact between Zorvia and Kestria was the centrepiece of a visit "
         "this week by Kestrian defence minister Arlo Venn."),
        ("b", "Zorvia and Kestria signed the naval pact in Port Amal on Wednesday, Arlo Venn "
         "said."),
        ("c", "Arlo Venn signed the naval pact with Zorvia in Port Amal on Wednesday."),
        ("d", "On Wednesday Kestria and Zorvia signed a naval pact, Arlo Venn said."),
        ("e", "Arlo Venn, who reached Port Amal on Tuesday, signed the naval pact with "
         "Zorvia and Kestria there."),
    ]  # fmt: skip
    events = [e for aid, text in reports for e in _ev(aid, f"Outlet {aid}", text, pub)]
    stories, assignment = group_stories(events)
    assert len({assignment[e.id] for e in events}) == 1
    story = next(s for s in stories if s.id == assignment[events[0].id])
    assert (story.date_start, story.precision) == ("2024-05-08", "day")
    assert "Wednesday" in story.title and not story.conflicts


def test_empty_input() -> None:
    assert group_stories([]) == ([], {})
