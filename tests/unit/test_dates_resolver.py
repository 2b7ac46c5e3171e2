"""Table-driven tests of date finding and resolution (issue 5).

Each row: text, language, publication date, the cue expected (a substring of the match),
and the expected (start, end, precision), or None when the date must stay unresolved.
Every expression class is resolved against several publication dates, including year
ends and a weekday falling on the publication day.
"""

from __future__ import annotations

import pytest
from defexplore.index.extract.dates import DateMatch, find_dates

Expected = tuple[str, str, str] | None
CASES: list[tuple[str, str, str | None, str, Expected]] = [
    # --- absolute, English ---
    ("They met on 24 November 2021 in Rabat.", "en", None, "24 November 2021",
     ("2021-11-24", "2021-11-24", "day")),
    ("They met on 24 November 2021 in Rabat.", "en", "2023-01-01", "24 November 2021",
     ("2021-11-24", "2021-11-24", "day")),
    ("The deal was signed Nov. 24 2021 in Rabat.", "en", None, "Nov. 24 2021",
     ("2021-11-24", "2021-11-24", "day")),
    ("It was signed on November 24, 2021.", "en", "2022-05-01", "November 24, 2021",
     ("2021-11-24", "2021-11-24", "day")),
    ("In November 2021, Gantz visited Rabat.", "en", None, "November 2021",
     ("2021-11", "2021-11", "month")),
    ("Ties were formalized in 2020 under the accords.", "en", None, "2020",
     ("2020", "2020", "year")),
    ("The record is dated 2021-11-24 in the file.", "en", None, "2021-11-24",
     ("2021-11-24", "2021-11-24", "day")),
    ("He arrived on November 23 for a visit.", "en", "2021-11-29", "November 23",
     ("2021-11-23", "2021-11-23", "day")),
    ("He arrived on November 23 for a visit.", "en", "2022-01-03", "November 23",
     ("2021-11-23", "2021-11-23", "day")),
    ("He arrived on November 23 for a visit.", "en", "2021-11", "November 23",
     ("2021-11-23", "2021-11-23", "day")),
    ("He arrived on November 23 for a visit.", "en", None, "November 23", None),
    # --- absolute, French ---
    ("Il est arrivé le 1er novembre à Rabat.", "fr", "2021-11-20", "1er novembre",
     ("2021-11-01", "2021-11-01", "day")),
    ("Il est arrivé le 1er novembre à Rabat.", "fr", "2022-01-05", "1er novembre",
     ("2021-11-01", "2021-11-01", "day")),
    ("Il est arrivé le 1er novembre à Rabat.", "fr", None, "1er novembre", None),
    ("L'accord a été signé le 24 novembre 2021.", "fr", None, "24 novembre 2021",
     ("2021-11-24", "2021-11-24", "day")),
    ("Une visite officielle du 23 au 25 novembre.", "fr", "2021-11", "23 au 25 novembre",
     ("2021-11-23", "2021-11-25", "day")),
    ("Une visite officielle du 23 au 25 novembre.", "fr", "2021-11-26", "23 au 25 novembre",
     ("2021-11-23", "2021-11-25", "day")),
    # --- absolute, Arabic (Mashriq and Maghreb month names) ---
    ("وقع الاتفاق في 24 يوليو 2022 بالرباط.", "ar", None, "24 يوليو 2022",
     ("2022-07-24", "2022-07-24", "day")),
    ("وقع الاتفاق في 24 يوليوز 2022 بالرباط.", "ar", None, "24 يوليوز 2022",
     ("2022-07-24", "2022-07-24", "day")),
    ("زار الوزير المغرب في نونبر 2021.", "ar", None, "نونبر 2021", ("2021-11", "2021-11", "month")),
    ("زار الوزير المغرب في نوفمبر/تشرين الثاني 2021.", "ar", None, "نوفمبر",
     ("2021-11", "2021-11", "month")),
    ("وقع الاتفاق في ٢٤ غشت ٢٠٢٢.", "ar", None, "غشت", ("2022-08-24", "2022-08-24", "day")),
    ("وصل الوفد في يوليوز الماضي.", "ar", "2022-09-13", "يوليوز", ("2022-07", "2022-07", "month")),
    # --- weekdays: most recent on or before publication, unless the tense is future ---
    ("The meeting took place on Tuesday in Rabat.", "en", "2023-01-17", "Tuesday",
     ("2023-01-17", "2023-01-17", "day")),  # weekday on the publication day
    ("The meeting took place on Tuesday in Rabat.", "en", "2023-01-18", "Tuesday",
     ("2023-01-17", "2023-01-17", "day")),
    ("The meeting took place on Tuesday in Rabat.", "en", "2023-01-02", "Tuesday",
     ("2022-12-27", "2022-12-27", "day")),  # across the year end
    ("Officials met on Wednesday night in Rabat.", "en", "2021-11-25", "Wednesday night",
     ("2021-11-24", "2021-11-24", "day")),
    ("The minister will visit Rabat on Monday.", "en", "2022-12-28", "Monday",
     ("2023-01-02", "2023-01-02", "day")),  # future, across the year end
    ("The minister will visit Rabat on Monday.", "en", "2023-01-02", "Monday",
     ("2023-01-02", "2023-01-02", "day")),  # future, on the publication day
    ("He will meet the king before returning late Thursday night.", "en", "2022-02-02",
     "Thursday", ("2022-02-03", "2022-02-03", "day")),
    ("A spokesperson told Xinhua on Saturday he will visit next week.", "en", "2022-07-17",
     "Saturday", ("2022-07-16", "2022-07-16", "day")),  # nearest verb is past
    ("They met last Monday in Rabat.", "en", "2023-01-16", "last Monday",
     ("2023-01-09", "2023-01-09", "day")),
    ("The meeting took place on Tuesday in Rabat.", "en", None, "Tuesday", None),
    ("The meeting took place on Tuesday in Rabat.", "en", "2021-11", "Tuesday",
     ("2021-11", "2021-11", "month")),  # month-only publication: month precision
    ("Le ministre a été reçu ce lundi à Rabat.", "fr", "2021-11-24", "ce lundi",
     ("2021-11-22", "2021-11-22", "day")),
    ("Le ministre a été reçu ce lundi à Rabat.", "fr", "2021-11-22", "ce lundi",
     ("2021-11-22", "2021-11-22", "day")),
    ("Tebboune s'est exprimé vendredi sur la visite.", "fr", "2022-01-01", "vendredi",
     ("2021-12-31", "2021-12-31", "day")),
    ("زار غانتس الرباط يوم الأربعاء.", "ar", "2021-11-25", "الأربعاء",
     ("2021-11-24", "2021-11-24", "day")),
    ("ومن المقرر أن يزور غانتس الكنيس يوم الخميس.", "ar", "2021-11-24", "الخميس",
     ("2021-11-25", "2021-11-25", "day")),
    # --- months relative to publication ---
    ("Last July, a cyber agreement was signed.", "en", "2021-11-29", "Last July",
     ("2021-07", "2021-07", "month")),
    ("Last July, a cyber agreement was signed.", "en", "2022-07-10", "Last July",
     ("2021-07", "2021-07", "month")),
    ("Last July, a cyber agreement was signed.", "en", "2022-01-01", "Last July",
     ("2021-07", "2021-07", "month")),
    ("In June, a C-130 landed in Israel.", "en", "2022-03-25", "June",
     ("2021-06", "2021-06", "month")),
    ("In June, a C-130 landed in Israel.", "en", "2022-06-30", "June",
     ("2022-06", "2022-06", "month")),
    ("In June, a C-130 landed in Israel.", "en", "2023-01-01", "June",
     ("2022-06", "2022-06", "month")),
    ("In June, a C-130 landed in Israel.", "en", "2022", "June", None),  # June 2021 or 2022
    ("In January of last year, the army received drones.", "en", "2022-03-25",
     "January of last year", ("2021-01", "2021-01", "month")),
    ("Il s'est rendu à Rabat en août dernier.", "fr", "2021-11-24", "août dernier",
     ("2021-08", "2021-08", "month")),
    ("Il s'est rendu à Rabat en août dernier.", "fr", "2022-08-15", "août dernier",
     ("2021-08", "2021-08", "month")),
    # --- units relative to publication ---
    ("Earlier this month, Algiers accused Rabat.", "en", "2021-11-25", "Earlier this month",
     ("2021-11", "2021-11", "month")),
    ("Earlier this month, Algiers accused Rabat.", "en", "2022-01-01", "Earlier this month",
     ("2022-01", "2022-01", "month")),
    ("The two countries normalized ties last year.", "en", "2021-11-25", "last year",
     ("2020", "2020", "year")),
    ("The two countries normalized ties last year.", "en", "2022-01-01", "last year",
     ("2021", "2021", "year")),
    ("The two countries normalized ties last year.", "en", "2022", "last year",
     ("2021", "2021", "year")),
    ("The army chief will visit Morocco next week.", "en", "2022-07-17", "next week",
     ("2022-07-18", "2022-07-24", "day")),
    ("The army chief will visit Morocco next week.", "en", "2021-12-29", "next week",
     ("2022-01-03", "2022-01-09", "day")),
    ("The budget for the coming year was passed.", "en", "2022-03-25", "the coming year",
     ("2023", "2023", "year")),
    ("The budget for the coming year was passed.", "en", "2022-12-31", "the coming year",
     ("2023", "2023", "year")),
    ("Le président a critiqué la visite effectuée la semaine passée.", "fr", "2021-12-01",
     "la semaine passée", ("2021-11-22", "2021-11-28", "day")),
    ("Polisario head said last week the movement would act.", "en", "2021-11-25",
     "last week", ("2021-11-15", "2021-11-21", "day")),
    ("Earlier this morning, the minister laid a wreath.", "en", "2021-11-24",
     "Earlier this morning", ("2021-11-24", "2021-11-24", "day")),
    ("وقال المسؤول الأسبوع الماضي إن الاتفاق جاهز.", "ar", "2021-11-25", "الأسبوع الماضي",
     ("2021-11-15", "2021-11-21", "day")),
    ("The visit came two years ago.", "en", "2022-09-13", "two years ago",
     ("2020", "2020", "year")),
    ("The two countries normalized ties last year.", "en", None, "last year", None),
    # --- ranges ---
    ("Talks were held between 16 and 17 January in Rabat.", "en", "2023-01-18",
     "16 and 17 January", ("2023-01-16", "2023-01-17", "day")),
    ("Talks were held between 16 and 17 January in Rabat.", "en", "2023-02-10",
     "16 and 17 January", ("2023-01-16", "2023-01-17", "day")),
    ("The committee met on Monday and Tuesday in Rabat.", "en", "2023-01-18",
     "Monday and Tuesday", ("2023-01-16", "2023-01-17", "day")),
    ("A two-day meeting in Rabat ended on Tuesday.", "en", "2023-01-18", "Tuesday",
     ("2023-01-16", "2023-01-17", "day")),
    ("A two-day meeting in Rabat ended on Tuesday.", "en", "2023-01-17", "Tuesday",
     ("2023-01-16", "2023-01-17", "day")),
    ("The two-day visit will begin on Monday.", "en", "2022-07-17", "Monday",
     ("2022-07-18", "2022-07-19", "day")),
    ("Drills ran from 30 November to 2 December 2021.", "en", None, "30 November",
     ("2021-11-30", "2021-12-02", "day")),
    ("The ministry issued a statement on Monday.", "en", "2018-06-08", "Monday",
     ("2018-06-04", "2018-06-04", "day")),
    # --- seasons: a span of months ---
    ("The next session will be held in autumn 2018.", "en", None, "autumn 2018",
     ("2018-09", "2018-11", "month")),
    ("Deliveries are due by the spring of 2025.", "en", "2024-01-10", "spring of 2025",
     ("2025-03", "2025-05", "month")),
    ("In the fall of 2019 the talks collapsed.", "en", None, "fall of 2019",
     ("2019-09", "2019-11", "month")),
    ("The exercise will take place this summer.", "en", "2024-03-02", "this summer",
     ("2024-06", "2024-08", "month")),
    ("The exercise will take place this summer.", "en", None, "this summer", None),
    ("La session aura lieu à l'automne 2018.", "fr", None, "automne 2018",
     ("2018-09", "2018-11", "month")),
    ("Les exercices auront lieu cet été au Maroc.", "fr", "2023-05-04", "cet été",
     ("2023-06", "2023-08", "month")),
    ("ستعقد الدورة المقبلة في خريف 2018.", "ar", None, "خريف 2018",
     ("2018-09", "2018-11", "month")),
    ("وصلت الطائرات صيف عام 2021.", "ar", None, "صيف عام 2021", ("2021-06", "2021-08", "month")),
]  # fmt: skip


def _find(text: str, language: str, published: str | None, cue: str) -> DateMatch:
    matches = find_dates(text, language, published)
    hits = [m for m in matches if cue.lower() in m.cue.lower() or m.cue.lower() in cue.lower()]
    assert hits, f"no date found for {cue!r} in {text!r}: {matches}"
    return hits[0]


@pytest.mark.parametrize(("text", "language", "published", "cue", "expected"), CASES)
def test_resolves(
    text: str, language: str, published: str | None, cue: str, expected: Expected
) -> None:
    match = _find(text, language, published, cue)
    assert text[match.start : match.end] == match.cue
    if expected is None:
        assert not match.resolved
        assert (match.date_start, match.date_end, match.precision) == (None, None, None)
    else:
        assert match.resolved
        assert (match.date_start, match.date_end, match.precision) == expected


NOT_DATES: list[tuple[str, str]] = [
    ("The conflict has lasted 43 years.", "en"),
    ("He joined when a 29-year ceasefire ended.", "en"),
    ("Le parlement a voté la loi de finances 2022 hier soir.", "fr"),
    ("The plan is part of Vision 2030 for the kingdom.", "en"),
    ("Elbit will deliver 36 ATMOS 2000 howitzers.", "en"),
    ("The deal was worth $2020 and 80% of the territory is controlled.", "en"),
    ("The statement came at 11:52 AM local time.", "en"),
    ("Morocco may buy more drones; protesters march on the capital.", "en"),
    ("Monday 29 November 2021 Last update on Monday, November 29, 2021 At 11:52 AM", "en"),
    ("Black Friday sales were strong.", "en"),
    ("(Source: Kestrian Ministry of Defence; issued June 06, 2018)", "en"),
    ("Exports fall 2020 tonnes short; Spring Valley hosted talks.", "en"),
    ("Le contrat a été signé et l'été fut calme.", "fr"),
    ("تقطع الطائرة 150 كم في الساعة.", "ar"),
    ("التقى ربيع 2020 مسؤولين في الرباط.", "ar"),  # Rabie, a name, then a number
]


@pytest.mark.parametrize(("text", "language"), NOT_DATES)
def test_not_dates(text: str, language: str) -> None:
    found = [m.cue for m in find_dates(text, language, "2022-01-10")]
    # "hier soir" in the French row is a real date; nothing else may be.
    assert all(cue.lower().startswith("hier") for cue in found), found


def test_unknown_language_runs_every_grammar() -> None:
    cues = {m.cue for m in find_dates("Visite le 24 novembre 2021 et 24 يوليوز 2022.", None, None)}
    assert {"24 novembre 2021", "24 يوليوز 2022"} <= cues


def test_relative_flag() -> None:
    (absolute,) = find_dates("It happened in November 2021.", "en", "2022-01-10")
    (relative,) = find_dates("It happened last year.", "en", "2022-01-10")
    assert not absolute.relative
    assert relative.relative
