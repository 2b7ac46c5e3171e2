"""Compare engine (issue 6): alignment, shared passages, conflicts, attributions, groups.

All fixtures are small invented texts; no third-party article is used.
"""

from __future__ import annotations

from defexplore.index.compare import (
    attributions,
    classify_pair,
    compare,
    duplicate_groups,
    similar_kinds,
)
from defexplore.index.model import Article


def art(aid: str, body: str, published: str | None = None, title: str = "") -> Article:
    return Article(aid, f"{aid}.txt", title, None, None, None, published, None, "en", body)


WIRE = (
    "The defense ministry of Valdoria announced on Monday that it had signed a contract for "
    "twelve patrol boats with the shipyard Nordmarine. The boats will be delivered over three "
    "years, the ministry said in a statement. Analysts expect the navy to retire its oldest "
    "vessels once the new boats arrive. The deal is the largest naval order in a decade."
)


# One report writes in two sentences what the other joins into one (shared with the pane's
# Pilot test).
SPLIT = (
    "The naval pact was the centrepiece of a visit this week by Kestrian defence minister "
    "Arlo Venn to Zorvia. Zorvia and Kestria restored diplomatic ties last year under "
    "the Harbor Accords. Venn met the Zorvian navy chief in Port Amal."
)
JOINED = (
    "The naval pact was the centrepiece of a visit this week by Kestrian defence minister "
    "Arlo Venn to Zorvia, which restored diplomatic ties with Kestria last year under "
    "the Harbor Accords. Venn met the Zorvian navy chief in Port Amal."
)


def test_alignment_handles_reordering_and_marks_unmatched() -> None:
    a = art(
        "a",
        "Alpha Corp opened a factory in Lyon. The plant employs 300 workers. "
        "Weather was mild across the region.",
    )
    b = art(
        "b",
        "The new plant employs 300 workers. Alpha Corp opened a factory in Lyon. "
        "Shares of unrelated banks fell sharply on Friday.",
    )
    cmp = compare(a, b)
    rows = {(p.a_index, p.b_index) for p in cmp.pairs}
    assert (0, 1) in rows and (1, 0) in rows
    assert cmp.only_a == (2,) and cmp.only_b == (2,)
    same = next(p for p in cmp.pairs if p.a_index == 0)
    assert same.kind == "same"


def test_a_sentence_split_in_two_on_one_side_is_merged_into_one_row() -> None:
    from defexplore.index.compare_report import rows

    a, b = art("a", SPLIT), art("b", JOINED)
    for x, y, flip in ((a, b, False), (b, a, True)):
        cmp = compare(x, y)
        merged = [(p.a_index, p.b_index) for p in cmp.pairs if p.kind == "merged"]
        assert merged == ([(0, 1)] if flip else [(1, 0)])
        assert cmp.only_a == () and cmp.only_b == ()
        statuses = [r.status for r in rows(cmp)]
        assert statuses[1] == "merged" and "only_a" not in statuses and "only_b" not in statuses
        # The merged row leaves the side that said it in one sentence empty.
        assert (rows(cmp)[1].b is None) != flip and (rows(cmp)[1].a is None) == flip


def test_neighbours_that_add_nothing_are_not_merged() -> None:
    a = art("a", "Alpha Corp opened a factory in Lyon. Weather was mild across the region.")
    b = art("b", "Alpha Corp opened a new factory in Lyon on Monday.")
    cmp = compare(a, b)
    assert [p.kind for p in cmp.pairs] != [] and all(p.kind != "merged" for p in cmp.pairs)
    assert cmp.only_a == (1,)


def test_paraphrase_aligns_without_verbatim_text() -> None:
    a = art(
        "a",
        "Ministers of Valdoria and Ostland signed a cooperation agreement in Brena on "
        "Tuesday. Separately, farmers protested about fuel prices.",
    )
    b = art(
        "b",
        "A cooperation pact was signed by the ministers of Ostland and Valdoria in "
        "Brena on Tuesday. The zoo welcomed a baby giraffe.",
    )
    cmp = compare(a, b)
    assert [(p.a_index, p.b_index, p.kind) for p in cmp.pairs] == [(0, 0, "paraphrase")]
    assert cmp.only_a == (1,) and cmp.only_b == (1,)


def test_shared_passages_and_reuse_share() -> None:
    a = art("a", WIRE)
    b = art("b", "Local news in brief. " + WIRE.split(". ")[0] + ". Officials gave no price.")
    cmp = compare(a, b)
    assert len(cmp.passages) == 1
    passage = cmp.passages[0]
    assert passage.words >= 8
    assert a.body[passage.a_start : passage.a_end] == passage.text
    assert b.body[passage.b_start : passage.b_end].lower() == passage.text.lower()
    assert 0.2 < cmp.reuse_a < 0.5
    assert cmp.reuse_b > 0.6


def test_short_common_phrases_are_not_passages() -> None:
    a = art("a", "He said the talks were useful and constructive for both sides today.")
    b = art("b", "Markets rose. Officials said the talks were useful and calm.")
    assert compare(a, b).passages == ()


def test_money_conflict_with_currency_normalization() -> None:
    a = art("a", "Valdoria agreed to buy the Skyshield air defense system for $500 million.")
    b = art("b", "Valdoria agreed to buy the Skyshield air defense system in a $600m deal.")
    conflicts = compare(a, b).conflicts
    assert [(c.kind, c.a_value, c.b_value) for c in conflicts] == [
        ("money", "$500 million", "$600m")
    ]
    assert conflicts[0].a_sentence.startswith("Valdoria")


def test_same_money_in_other_words_is_no_conflict() -> None:
    a = art("a", "Valdoria agreed to buy the Skyshield air defense system for $500 million.")
    b = art("b", "Valdoria agreed to buy the Skyshield system for 500 million dollars.")
    c = art("c", "Valdoria agreed to buy the Skyshield system for 450 million euros.")
    assert compare(a, b).conflicts == ()
    assert compare(a, c).conflicts == ()  # another currency: not comparable


def test_number_conflict_and_unit_normalization() -> None:
    a = art("a", "The howitzer has a range of 40 km and the army ordered 36 howitzers.")
    b = art("b", "The howitzer has a range of 25 miles and the army ordered 48 howitzers.")
    found = {(c.kind, c.a_value, c.b_value) for c in compare(a, b).conflicts}
    assert found == {("number", "36 howitzers", "48 howitzers")}


def test_date_and_weekday_conflicts() -> None:
    a = art("a", "The accord was signed in Brena on November 24, 2021 by both ministers.")
    b = art("b", "The accord was signed in Brena on November 25, 2021 by both ministers.")
    kinds = [(c.kind, c.a_value, c.b_value) for c in compare(a, b).conflicts]
    assert kinds == [("date", "November 24, 2021", "November 25, 2021")]
    c = art("c", "The summit of the northern alliance opened in Brena on Tuesday.")
    d = art("d", "The summit of the northern alliance opened in Brena on Wednesday.")
    assert [(x.kind, x.a_value, x.b_value) for x in compare(c, d).conflicts] == [
        ("date", "Tuesday", "Wednesday")
    ]
    e = art("e", "The summit of the northern alliance opened in Brena in November 2021.")
    assert (
        compare(
            e, art("f", "The summit of the northern alliance opened in Brena on November 3, 2021.")
        ).conflicts
        == ()
    )


def test_name_conflict_in_same_role() -> None:
    a = art("a", "The meeting was chaired by Inspector General Marek Volten and the envoy.")
    b = art("b", "Tomas Grell, Inspector General of the Ostland army, chaired the meeting.")
    conflicts = compare(a, b).conflicts
    assert [(c.kind, c.a_value, c.b_value, c.role) for c in conflicts] == [
        ("name", "Marek Volten", "Tomas Grell", "inspector general")
    ]


def test_same_person_spelled_differently_is_no_conflict() -> None:
    a = art("a", "The talks were chaired by Inspector General Aviv Kochavi in the capital.")
    b = art("b", "Aviv Kohavi, Inspector General of the army, chaired the talks in the capital.")
    assert compare(a, b).conflicts == ()


def test_place_conflict() -> None:
    a = art("a", "The two defense ministers met in Cairo to sign the border agreement.")
    b = art("b", "The two defense ministers met in Amman to sign the border agreement.")
    assert [(c.kind, c.a_value, c.b_value) for c in compare(a, b).conflicts] == [
        ("place", "Cairo", "Amman")
    ]
    c = art("c", "The two defense ministers met in Egypt to sign the border agreement.")
    assert compare(a, c).conflicts == ()  # Cairo is in Egypt


def test_no_conflict_between_unrelated_sentences() -> None:
    a = art(
        "a",
        "Valdoria bought 36 tanks for $500 million in 2020. The minister met "
        "Inspector General Marek Volten in Cairo on Monday.",
    )
    b = art(
        "b",
        "Rainfall in the northern valleys reached 120 mm in 2019. A festival opened "
        "in Amman on Friday, said its director Tomas Grell.",
    )
    cmp = compare(a, b)
    assert cmp.conflicts == ()
    assert cmp.kind == "unrelated"


def test_attribution_phrases() -> None:
    text = (
        "The army will expand its drone fleet, according to the defense ministry. "
        "An army spokesperson told Reuters the order was final. "
        "The ministry said in a statement that talks continue. "
        "The deal was worth $20m, Haaretz reported on Tuesday."
    )
    found = {(a.kind, a.who, a.sentence_index) for a in attributions(text)}
    assert ("according_to", "the defense ministry", 0) in found
    assert any(
        k == "told" and "spokesperson" in w and "Reuters" in w and i == 1 for k, w, i in found
    )
    assert ("statement", "The ministry", 2) in found
    assert ("reported", "Haaretz", 3) in found


def test_classification_verbatim_same_story_unrelated() -> None:
    a = art("a", WIRE, "2024-03-04")
    b = art("b", WIRE.replace("Analysts expect", "Observers expect") + " More later.", "2024-03-05")
    assert classify_pair(a, b) == "verbatim"
    c = art(
        "c",
        "Nordmarine will build twelve patrol boats for the Valdoria navy under a "
        "contract the defense ministry of Valdoria announced this week; deliveries "
        "of the patrol boats from Nordmarine are spread over three years.",
        "2024-03-06",
    )
    assert classify_pair(a, c) == "same_story"
    d = art(
        "d",
        "Heavy snow closed mountain roads and schools across the northern provinces "
        "for a second day, forecasters said.",
        "2024-03-05",
    )
    assert classify_pair(a, d) == "unrelated"


def test_duplicate_groups_and_origin() -> None:
    first = art("w1", WIRE, "2024-03-04")
    copy = art("w2", "Update: " + WIRE, "2024-03-05")
    other = art(
        "o",
        "Heavy snow closed mountain roads and schools across the northern "
        "provinces for a second day, forecasters said on Monday.",
        "2024-03-05",
    )
    calls: list[tuple[int, int]] = []
    groups = duplicate_groups([copy, other, first], progress=lambda d, t: calls.append((d, t)))
    verbatim = [g for g in groups if g.kind == "verbatim"]
    assert len(verbatim) == 1
    assert set(verbatim[0].article_ids) == {"w1", "w2"}
    assert verbatim[0].origin == "w1"
    assert calls and calls[-1] == (3, 3)
    assert similar_kinds(first, [copy, other])[0][:2] == ("w2", "verbatim")
