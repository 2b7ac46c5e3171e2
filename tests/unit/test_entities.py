"""Entity extraction on small invented texts (the spaCy model loads once for the module)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from defexplore.index.extract.entities import DocText, extract_mentions
from defexplore.index.model import Mention

EN = (
    "The meeting was co-chaired by Inspector General Youssef El Amrani and Director of "
    "Foreign Relations at the Israeli Defense Ministry Noa Peretz.\n"
    "Maj.-Gen. Avraham Tzur met Israeli Defense Minister Benny Gantz in Rabat. "
    "Tzur later said the Royal Armed Forces (FAR) would buy Barak 8 missiles and Heron drones.\n"
    "The FAR also tested the Stormwing-7 kamikaze drone. The MOU was signed. #Defense #Morocco\n"
    "Photo credit: Karim Haddad/AFP\n"
    "Karim Haddad took the picture in Casablanca (AFP)\n"
)
FR = (
    "M. Gantz a rencontré le ministre Abdellatif Loudiyi à Rabat, au Maroc, "
    "avec les Forces Armées Royales."
)
AR = "زار وزير الدفاع الإسرائيلي بيني غانتس الرباط، ثم التقى غانتس مسؤولين في المغرب وبالرباط."


@pytest.fixture(scope="module")
def mentions() -> list[list[Mention]]:
    docs = [DocText(EN, "en"), DocText(FR, "fr"), DocText(AR, "ar"), DocText(EN, None)]
    return extract_mentions(docs)


def _names(ms: list[Mention]) -> set[tuple[str, str]]:
    return {(m.name, m.type) for m in ms}


def test_offsets_point_at_the_surface(mentions: list[list[Mention]]) -> None:
    for doc, ms in zip((EN, FR, AR, EN), mentions, strict=True):
        assert ms == sorted(ms, key=lambda m: (m.start, m.end))
        for m in ms:
            assert doc[m.start : m.end] == m.text


def test_english_types_titles_and_fused_spans(mentions: list[list[Mention]]) -> None:
    names = _names(mentions[0])
    assert ("Benny Gantz", "person") in names
    assert ("Rabat", "place") in names
    assert ("Israel Ministry of Defense", "org") in names
    assert ("Noa Peretz", "person") in names  # split off "the Israeli Defense Ministry Noa Peretz"
    assert ("Avraham Tzur", "person") in names
    assert ("Royal Moroccan Armed Forces", "org") in names
    assert ("Barak 8", "equipment") in names
    assert ("Heron", "equipment") in names
    assert ("Stormwing-7", "equipment") in names  # unknown system found by pattern
    # No titles inside names; roles kept.
    assert not any(n.startswith(("Maj", "Inspector", "Director")) for n, _ in names)
    roles: dict[str, str] = {}
    for m in mentions[0]:
        if m.role:
            roles.setdefault(m.name, m.role)
    assert roles.get("Benny Gantz") == "Israeli Defense Minister"
    assert roles.get("Avraham Tzur", "").startswith("Maj.-Gen")


def test_surname_and_acronym_resolved_within_article(mentions: list[list[Mention]]) -> None:
    by_text = {m.text: m.name for m in mentions[0]}
    assert by_text["Tzur"] == "Avraham Tzur"
    assert by_text["FAR"] == "Royal Moroccan Armed Forces"


def test_junk_and_caption_only_entities_dropped(mentions: list[list[Mention]]) -> None:
    names = {n for n, _ in _names(mentions[0])}
    assert not names & {"MOU", "Defense", "#Defense", "AFP", "Agence France-Presse"}
    assert "Karim Haddad" not in names  # only in a photo credit
    assert "Casablanca" not in names  # only in a caption line
    assert "Morocco" not in names  # only in a hashtag


def test_french(mentions: list[list[Mention]]) -> None:
    names = _names(mentions[1])
    assert {
        ("Benny Gantz", "person"),
        ("Abdellatif Loudiyi", "person"),
        ("Rabat", "place"),
    } <= names
    assert {("Morocco", "place"), ("Royal Moroccan Armed Forces", "org")} <= names


def test_arabic_gazetteer_joins_the_same_entities(mentions: list[list[Mention]]) -> None:
    ms = mentions[2]
    names = _names(ms)
    assert {("Benny Gantz", "person"), ("Rabat", "place"), ("Morocco", "place")} <= names
    assert sum(m.name == "Benny Gantz" for m in ms) == 2  # full name and surname alone
    assert sum(m.name == "Rabat" for m in ms) == 2  # الرباط and وبالرباط (clitics stripped)
    assert any(m.text == "الرباط" and m.start > AR.index("وبالرباط") for m in ms)


def test_gazetteer_only_without_language(mentions: list[list[Mention]]) -> None:
    names = _names(mentions[3])
    assert {("Benny Gantz", "person"), ("Barak 8", "equipment"), ("Rabat", "place")} <= names


def test_import_loads_no_model() -> None:
    code = (
        "import sys; import defexplore.index.extract.entities, defexplore.index.extract.aliases;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


UNSEEN = (
    "WARSAW — Polish Defence Minister Mariusz Kowalczyk said Warsaw signed a contract with "
    "Hyundai Rotem for 180 K2 Black Panther tanks. Kowalczyk told reporters the Homar-K "
    "multiple rocket launcher would follow.\n"
    "The first K2 tanks arrive in Gdynia in December.\n"
    "Revs 12 mln vs 10 mln\n"
)


def test_unknown_systems_and_surnames_generalise() -> None:
    ms = extract_mentions([DocText(UNSEEN, "en")])[0]
    by_text = {m.text: (m.name, m.type) for m in ms}
    assert by_text["Mariusz Kowalczyk"] == ("Mariusz Kowalczyk", "person")
    assert by_text["Kowalczyk"] == ("Mariusz Kowalczyk", "person")
    assert by_text["K2 Black Panther"] == ("K2 Black Panther", "equipment")
    assert by_text["K2"] == ("K2 Black Panther", "equipment")  # designation alone, same system
    assert by_text["Homar-K"][1] == "equipment"
    assert by_text["Hyundai Rotem"] == ("Hyundai Rotem", "org")
    assert "Revs" not in by_text  # a capitalised table label is not a person


def test_author_bio_only_entities_dropped() -> None:
    text = (
        "Israel Aerospace Industries will deliver the drones to Morocco, the company said.\n"
        "Samir Benali is a freelance journalist based in Casablanca who covers North Africa.\n"
    )
    names = {m.name for m in extract_mentions([DocText(text, "en")])[0]}
    assert {"Israel Aerospace Industries", "Morocco"} <= names
    assert not names & {"Samir Benali", "Casablanca", "North Africa"}


def test_bare_defense_ministry_is_the_article_ministry() -> None:
    text = "Israel's Defense Ministry approved the sale. The Defense Ministry oversees all exports."
    ms = extract_mentions([DocText(text, "en")])[0]
    assert [m.name for m in ms if m.type == "org"] == ["Israel Ministry of Defense"] * 2


def test_any_countrys_defense_ministry_and_official_name_are_one_entity() -> None:
    text = (
        "The Azerbaijani Defense Ministry signed a deal with Baykar. A week later the "
        "Ministry of Defence of Azerbaijan confirmed it, and Azerbaijan's Defense Ministry "
        "published the text. The Slovak Republic and Kazakhstan's Ministry of National "
        "Defence joined the talks; Slovakia said more would follow."
    )
    ms = extract_mentions([DocText(text, "en")])[0]
    orgs = [m.name for m in ms if m.type == "org" and "Ministry" in m.name]
    assert orgs == ["Azerbaijani Ministry of Defense"] * 3 + ["Kazakh Ministry of Defense"]
    assert [m.name for m in ms if m.text.startswith("Slovak")] == ["Slovakia"] * 2
    # Ministries the orgs gazetteer names itself keep their own entry.
    israel = extract_mentions([DocText("The Israeli Defense Ministry said so.", "en")])[0]
    assert [m.name for m in israel] == ["Israel Ministry of Defense"]


def test_arabic_firms_systems_and_officials_join_their_english_entities() -> None:
    text = (
        "أعلن البنتاغون أن شركة جنرال أتوميكس ستسلم طائرات إم كيو-9 مزودة بصواريخ هيل فاير "
        "إلى الجيش الجزائري، وأبلغ الكونغرس بذلك."
    )
    names = {(m.name, m.type) for m in extract_mentions([DocText(text, "ar")])[0]}
    assert {
        ("US Department of Defense", "org"), ("General Atomics", "org"),
        ("MQ-9 Reaper", "equipment"), ("Hellfire", "equipment"),
        ("Algerian People's National Army", "org"), ("US Congress", "org"),
    } <= names  # fmt: skip
    english = extract_mentions([DocText("General Atomics told the U.S. Congress.", "en")])[0]
    assert {m.name for m in english} == {"General Atomics", "US Congress"}


def test_headline_words_and_common_nouns_beside_a_name_are_not_people() -> None:
    text = (
        "In Landmark Visit, Gantz Signs Naval Pact With Kestria\n\n"
        "Earlier on Monday, Gantz visited the Tomb of Muhammad V in Rabat. "
        "Mr. Gantz said the pact would last. Le ministre Arlo Venn a salué l'accord."
    )
    ms = extract_mentions([DocText(text, "en")])[0]
    people = {m.name for m in ms if m.type == "person"}
    assert {"Benny Gantz", "Mohammed V"} <= people
    assert not people & {"Signs", "Tomb", "Gantz Signs"}
    assert all(m.role != "Mr." for m in ms)  # a courtesy title is not a role
    french = extract_mentions([DocText("Le ministre Arlo Venn a salué l'accord.", "fr")])[0]
    assert [m.role for m in french if m.name == "Arlo Venn"] == ["ministre"]


def test_a_title_word_fused_to_a_name_does_not_make_an_organisation() -> None:
    text = "Zorvia's Defence Milan Dravik said the deal was done. The G7 welcomed it."
    names = {(m.name, m.type) for m in extract_mentions([DocText(text, "en")])[0]}
    assert ("Milan Dravik", "person") in names and ("G7", "org") in names
    assert not any(n.startswith("Defence") for n, _ in names)
    # Organisations that open with a title word stay organisations.
    orgs = "The Defense Security Cooperation Agency and General Dynamics agreed."
    found = {(m.name, m.type) for m in extract_mentions([DocText(orgs, "en")])[0]}
    assert {("Defense Security Cooperation Agency", "org"), ("General Dynamics", "org")} <= found


def test_units_named_only_with_generic_words_are_not_organisations() -> None:
    text = (
        "The head of the Operations Division met members of the Strategic Planning "
        "Directorate and the Joint Steering Committee in Port Amal, with the Kestrian Navy."
    )
    orgs = {m.name for m in extract_mentions([DocText(text, "en")])[0] if m.type == "org"}
    assert orgs == {"Kestrian Navy"}
    # Well-known bodies named only with such words are in the gazetteer.
    known = "The National Security Council met Central Command officers."
    orgs = {m.name for m in extract_mentions([DocText(known, "en")])[0] if m.type == "org"}
    assert orgs == {"National Security Council", "US Central Command"}


def test_arabic_titles_before_or_after_a_name_are_roles() -> None:
    text = (
        "التقى وزير الدفاع الإسرائيلي بيني غانتس في الرباط عبد اللطيف لوديي الوزير المنتدب "
        "المكلف بإدارة الدفاع. وكان الرئيس الأميركي، دونالد ترامب قد أعلن ذلك. وقال غانتس إن "
        "الاتفاق مهم."
    )
    roles = [(m.name, m.role) for m in extract_mentions([DocText(text, "ar")])[0]
             if m.type == "person"]  # fmt: skip
    assert roles == [
        ("Benny Gantz", "وزير الدفاع الإسرائيلي"),
        ("Abdellatif Loudiyi", "الوزير المنتدب المكلف بإدارة الدفاع"),
        ("Donald Trump", "الرئيس الأميركي"),
        ("Benny Gantz", None),  # "وقال غانتس": a verb, not a title
    ]


def test_a_title_set_off_by_a_comma_before_the_name_is_a_role() -> None:
    fr = "Selon le ministre de la Défense de Kestrie, Arlo Venn, l'accord est historique."
    en = (
        "Talks went on. The Kestrian navy chief, Peter Novak, flew in. He met his host, "
        "Maria Stone."
    )
    roles = {
        m.name: m.role
        for text, lang in ((fr, "fr"), (en, "en"))
        for m in extract_mentions([DocText(text, lang)])[0]
        if m.type == "person"
    }
    assert roles["Arlo Venn"] == "ministre de la Défense de Kestrie"
    assert roles["Peter Novak"] == "Kestrian navy chief"
    assert "Maria Stone" in roles and roles["Maria Stone"] is None  # "his host": no title
    after = "Il a rencontré Arlo Venn, l'ambassadeur de Kestrie, à Port Amal."
    ms = extract_mentions([DocText(after, "fr")])[0]
    assert [m.role for m in ms if m.name == "Arlo Venn"] == ["ambassadeur de Kestrie"]


def test_a_namesake_of_a_well_known_person_stays_a_different_person() -> None:
    # "Gantz" alone is a gazetteer alias of Benny Gantz; Nadav Gantz is someone else,
    # whether the model tags his name or not.
    tagged = "Israeli Defense Minister Benny Gantz met Nadav Gantz, a lawyer, in Tel Aviv."
    untagged = "Nadav Gantz, a lawyer from Haifa, said the ruling was unfair."
    for text in (tagged, untagged):
        people = [m.name for m in extract_mentions([DocText(text, "en")])[0] if m.type == "person"]
        assert "Nadav Gantz" in people
        assert people.count("Benny Gantz") == (1 if text is tagged else 0)
    # Aliases and spelling variants of the well-known person are still him.
    same = (
        "Benjamin Gantz spoke. Israel's Gantz left. When Gantz spoke, Rabat listened. "
        "Meanwhile Gantz flew home. Although Gantz agreed, the deal stalled."
    )
    found = {m.name for m in extract_mentions([DocText(same, "en")])[0] if m.type == "person"}
    assert found == {"Benny Gantz"}


def test_a_missing_model_is_skipped_but_a_broken_one_is_an_error(monkeypatch) -> None:
    from defexplore.index.extract import ner

    def fake_import(name: str):
        if name == "absent_model":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        raise ModuleNotFoundError("No module named 'click'", name="click")

    monkeypatch.setattr("importlib.import_module", fake_import)
    monkeypatch.setitem(ner._CANDIDATES, "xx", ("absent_model",))
    assert ner.model("xx") is None  # not installed: run without the model layer
    monkeypatch.setitem(ner._CANDIDATES, "yy", ("broken_model",))
    with pytest.raises(ImportError, match="click"):
        ner.model("yy")  # installed but cannot load: say so, never extract nothing quietly
