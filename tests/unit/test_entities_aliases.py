"""Corpus-level alias merging and user edits (no NLP model needed)."""

from __future__ import annotations

import json
from pathlib import Path

from defexplore.index.extract.aliases import AliasTable, aggregate
from defexplore.index.extract.edits import EntityEdits
from defexplore.index.model import EntityType, Mention


def _m(
    name: str, etype: EntityType = "person", text: str | None = None, role: str | None = None
) -> Mention:
    return Mention(name, etype, text or name, 0, len(text or name), role)


def test_people_sharing_a_surname_stay_apart() -> None:
    per = {
        "a": [_m("Abdullah bin Hassan Al Nuaimi"), _m("Theyab bin Saqer Al Nuaimi")],
        "b": [_m("Al Nuaimi")],
        "c": [_m("Theyab bin Saqer Al-Nuaimi")],
    }
    table = AliasTable.build(per)
    assert table.canonical("Abdullah bin Hassan Al Nuaimi", "person") != table.canonical(
        "Theyab bin Saqer Al Nuaimi", "person"
    )
    # A bare shared surname is ambiguous: it must not be folded into either person.
    assert table.canonical("Al Nuaimi", "person") == ("Al Nuaimi", "person")
    # Particles and hyphens do not make a different person.
    assert table.canonical("Theyab bin Saqer Al-Nuaimi", "person") == table.canonical(
        "Theyab bin Saqer Al Nuaimi", "person"
    )


def test_two_people_same_surname_different_first_name_not_fuzzy_merged() -> None:
    per = {"a": [_m("David Cohen")], "b": [_m("Daniel Cohen")], "c": [_m("Cohen")]}
    table = AliasTable.build(per)
    assert table.canonical("David Cohen", "person") == ("David Cohen", "person")
    assert table.canonical("Daniel Cohen", "person") == ("Daniel Cohen", "person")
    assert table.canonical("Cohen", "person") == ("Cohen", "person")


def test_transliterations_and_typos_merge() -> None:
    per = {
        "a": [_m("Aviv Kochavi"), _m("Morocco", "place")],
        "b": [_m("Aviv Kohavi"), _m("Morroco", "place")],
        "c": [_m("Aviv Cochavi"), _m("Mohammed Berrid")],
        "d": [_m("Muhammad Berrid"), _m("Kochavi")],
    }
    table = AliasTable.build(per)
    kochavi = table.canonical("Aviv Kochavi", "person")
    assert kochavi == ("Aviv Kochavi", "person")
    assert table.canonical("Aviv Kohavi", "person") == kochavi
    assert table.canonical("Aviv Cochavi", "person") == kochavi
    assert table.canonical("Kochavi", "person") == kochavi
    assert table.canonical("Morroco", "place") == ("Morocco", "place")
    assert table.canonical("Muhammad Berrid", "person") == table.canonical(
        "Mohammed Berrid", "person"
    )
    assert set(table.aliases("Aviv Kochavi", "person")) >= {
        "Aviv Kochavi",
        "Aviv Kohavi",
        "Aviv Cochavi",
    }


def test_digits_and_cooccurrence_block_fuzzy_merges() -> None:
    per = {
        "a": [_m("Hermes 450", "equipment"), _m("Hermes 900", "equipment")],
        "b": [_m("Arrow 2", "equipment")],
        "c": [_m("Arrow 3", "equipment")],
    }
    table = AliasTable.build(per)
    assert table.canonical("Hermes 450", "equipment") == ("Hermes 450", "equipment")
    assert table.canonical("Arrow 2", "equipment") != table.canonical("Arrow 3", "equipment")


def test_acronym_bound_in_one_article_names_the_entity_elsewhere() -> None:
    per = {
        "a": [
            _m("Royal Armed Forces", "org", "Royal Armed Forces"),
            _m("Royal Armed Forces", "org", "FAR"),
        ],
        "b": [_m("FAR", "org")],
    }
    table = AliasTable.build(per)
    assert table.canonical("FAR", "org") == ("Royal Armed Forces", "org")
    assert "FAR" in table.aliases("Royal Armed Forces", "org")


def test_json_roundtrip_and_aggregate() -> None:
    per = {
        "a": [
            _m("Benny Gantz", role="Defense Minister"),
            _m("Benny Gantz", text="Gantz"),
            _m("Israel", "place"),
        ],
        "b": [_m("Benny Gantz"), _m("Israel", "place")],
    }
    table = AliasTable.from_json(json.loads(json.dumps(AliasTable.build(per).to_json())))
    ents = {(e.name, e.type): e for e in aggregate(per, table)}
    gantz = ents[("Benny Gantz", "person")]
    assert (gantz.articles, gantz.mentions) == (2, 3)
    assert gantz.roles == ("Defense Minister",)
    assert "Gantz" in gantz.aliases
    assert ents[("Israel", "place")].articles == 2


def test_edits_persist_atomically_and_reapply_on_rebuild(tmp_path: Path) -> None:
    per = {
        "a": [
            _m("Zohar Plati"),
            _m("Heron", "org"),
            _m("Defense Ministry", "org"),
            _m("Jon Smith"),
        ],
        "b": [_m("Z. Plati"), _m("Jonathan Smith"), _m("Kochavi"), _m("Aviv Kochavi")],
    }
    edits = EntityEdits()
    edits.merge("Zohar Plati", "Z. Plati", "person")
    edits.retype("Heron", "org", "equipment")
    edits.hide("Defense Ministry", "org")
    edits.rename("Jon Smith", "John Smith", "person")
    edits.split("Aviv Kochavi", "Kochavi", "person")
    edits.save(tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    loaded = EntityEdits.load(tmp_path)
    assert loaded.to_json() == edits.to_json()

    # Re-ingest: the table is rebuilt from the mentions, edits re-applied.
    table = AliasTable.build(per, loaded)
    assert table.canonical("Z. Plati", "person") == ("Zohar Plati", "person")
    assert table.canonical("Heron", "org") == ("Heron", "equipment")
    assert table.canonical("Defense Ministry", "org") is None
    assert table.canonical("Jon Smith", "person") == ("John Smith", "person")
    assert table.canonical("Kochavi", "person") == ("Kochavi", "person")
    assert table.canonical("Aviv Kochavi", "person") == ("Aviv Kochavi", "person")
    names = {(e.name, e.type) for e in aggregate(per, table)}
    assert ("Defense Ministry", "org") not in names
    assert ("Heron", "equipment") in names


def test_load_missing_edits_is_empty(tmp_path: Path) -> None:
    assert EntityEdits.load(tmp_path / "nope.json").ops == []
