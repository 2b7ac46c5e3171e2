"""Entities through `Corpus`: counts, alias expansion in search, edits persisted and
re-applied after a re-ingest, and a shared surname that must not merge two people.

The fixture corpus is invented (fictional country, people and firm), so nothing here
depends on the seeds' wording.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.model import Entity

ARTICLES = {
    "a.json": {
        "title": "Valdoria signs drone deal with Norland Aerospace",
        "published": "2022-03-14",
        "source": "Harbor Times",
        "text": "Valdoria's defence minister Daniel Morvan signed an agreement in Kestrel City "
        "on Monday with Norland Aerospace to buy twelve reconnaissance drones. Morvan said "
        "the drones would patrol the northern border. The Valdorian Armed Forces will "
        "receive the first aircraft next year.",
    },
    "b.json": {
        "title": "Norland minister visits Valdoria",
        "published": "2022-05-02",
        "source": "Daily Courier",
        "text": "Claire Morvan, Norland's foreign minister, arrived in Kestrel City for talks "
        "with Valdoria's government. Claire Morvan met officials of the Valdorian Armed "
        "Forces and discussed joint exercises.",
    },
    "c.json": {
        "title": "Border patrols expand",
        "published": "2022-07-20",
        "source": "Harbor Times",
        "text": "The Valdorian Armed Forces expanded patrols along the border with Norland. "
        "Defence minister Daniel Morvan inspected the troops in Kestrel City, where he "
        "praised the new drones.",
    },
}


def _write(folder: Path, name: str, record: dict[str, str]) -> None:
    (folder / name).write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[Corpus]:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, record in ARTICLES.items():
        _write(folder, name, record)
    with Corpus.open(tmp_path / "index") as c:
        report = c.ingest([folder], workers=1)
        assert report.ok, report.failed
        c.folder = folder  # type: ignore[attr-defined]
        yield c


def _files(ids: object) -> set[str]:
    """Article ids without the record suffix JSON files get ("a.json#1" -> "a.json")."""
    assert isinstance(ids, set | tuple | list)
    return {str(i).split("#")[0] for i in ids}


def _find(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert found, f"{name} not in {[e.name for e in entities]}"
    return found[0]


def test_listing_counts_articles_and_mentions(corpus: Corpus) -> None:
    people = corpus.entities(type="person")
    assert {e.type for e in people} == {"person"}
    daniel = _find(people, "Daniel Morvan")
    # Two articles; three mentions (full name twice, the bare surname once).
    assert (daniel.articles, daniel.mentions) == (2, 3)
    assert "Morvan" in daniel.aliases
    city = _find(corpus.entities(), "Kestrel City")
    assert (city.type, city.articles) == ("place", 3)


def test_shared_surname_does_not_merge_two_people(corpus: Corpus) -> None:
    people = {e.name: e for e in corpus.entities(type="person")}
    assert "Daniel Morvan" in people and "Claire Morvan" in people
    assert people["Claire Morvan"].articles == 1
    # The bare "Morvan" sits beside Daniel in his article, so it joins him, not Claire.
    assert "Morvan" not in people["Claire Morvan"].aliases


def test_sort_query_limit_and_article(corpus: Corpus) -> None:
    by_name = corpus.entities(sort="name")
    assert [e.name.casefold() for e in by_name] == sorted(e.name.casefold() for e in by_name)
    by_mentions = corpus.entities(sort="mentions")
    assert [e.mentions for e in by_mentions] == sorted(
        (e.mentions for e in by_mentions), reverse=True
    )
    assert [e.name for e in corpus.entities(query="morv")] == ["Daniel Morvan", "Claire Morvan"]
    assert len(corpus.entities(limit=2)) == 2
    in_b = corpus.entities(article="b.json")
    claire = _find(in_b, "Claire Morvan")
    assert (claire.articles, claire.mentions) == (1, 2)
    assert "Daniel Morvan" not in {e.name for e in in_b}
    with pytest.raises(ValueError):
        corpus.entities(type="ship")
    with pytest.raises(KeyError):
        corpus.entities(article="nope")


def test_article_carries_its_entities(corpus: Corpus) -> None:
    article = corpus.article("a.json")
    assert article is not None
    names = {(e.name, e.type) for e in article.entities}
    assert ("Daniel Morvan", "person") in names
    assert ("Norland Aerospace", "org") in names


def test_detail_has_contexts_cooccurrence_and_sources(corpus: Corpus) -> None:
    found = corpus.entity("morvan", "person")  # a bare surname, any case
    assert found is not None
    assert found.entity.name == "Daniel Morvan"
    assert found.total_mentions == 3 == len(found.mentions)
    assert {m.match for m in found.mentions} == {"Daniel Morvan", "Morvan"}
    first = found.mentions[0]
    assert first.published == "2022-03-14" and first.source == "Harbor Times"
    assert "defence minister" in first.left
    assert first.match == "Daniel Morvan" and first.right.startswith(" signed")
    co = {c.name: c.count for c in found.cooccurring}
    assert co["Kestrel City"] == 2 and co["Valdorian Armed Forces"] == 2
    assert "Claire Morvan" not in co
    sources = {s.source: s for s in found.sources}
    assert set(sources) == {"Harbor Times"}
    assert (sources["Harbor Times"].first, sources["Harbor Times"].last) == (
        "2022-03-14",
        "2022-07-20",
    )
    assert corpus.entity("Nobody Atall") is None


def test_search_expands_aliases(corpus: Corpus) -> None:
    # The bare surname is indexed only in a.json under its canonical name; c.json has
    # the full name: both must match, and Claire's article must not.
    for query in ('person:"Daniel Morvan"', "person:Morvan", 'entity:"daniel morvan"'):
        result = corpus.search(query, limit=10)
        assert result.error is None, result.error
        assert _files({h.id for h in result.hits}) == {"a.json", "c.json"}, query
    assert _files({h.id for h in corpus.search('person:"Claire Morvan"').hits}) == {"b.json"}
    assert corpus.search("entity:Norland drones").total == 1  # org Norland, in c.json only
    combined = corpus.search('place:"Kestrel City" AND NOT person:"Claire Morvan"')
    assert _files({h.id for h in combined.hits}) == {"a.json", "c.json"}
    filtered = corpus.search("", filters={"person": ["Morvan"]})
    assert filtered.total == 2
    facet = {f.value: f.count for f in filtered.facets["person"]}
    assert facet["Daniel Morvan"] == 2 and "Claire Morvan" not in facet


def test_edits_persist_and_survive_reingest(corpus: Corpus, tmp_path: Path) -> None:
    corpus.rename_entity("Valdorian Armed Forces", "Valdorian Army", "org")
    corpus.hide_entity("Kestrel City", "place")
    corpus.merge_entities("Norland", "Norland Aerospace", "org")
    names = {e.name for e in corpus.entities()}
    assert "Valdorian Army" in names and "Valdorian Armed Forces" not in names
    assert "Kestrel City" not in names and "Norland Aerospace" not in names
    norland = _find(corpus.entities(type="org"), "Norland")
    assert norland.articles == 3
    edits = json.loads((corpus.root / "entity_edits.json").read_text(encoding="utf-8"))
    assert [op["op"] for op in edits["ops"]] == ["rename", "hide", "merge"]
    assert (corpus.root / "aliases.json").exists()
    # Renamed entities still search under their old names, and hidden ones still match.
    assert corpus.search('org:"Valdorian Army"').total == 3
    assert corpus.search('place:"Kestrel City"').total == 3

    # A changed file is re-ingested: the edits are replayed on the rebuilt table.
    folder: Path = corpus.folder  # type: ignore[attr-defined]
    changed = dict(ARTICLES["b.json"])
    changed["text"] += " The Valdorian Armed Forces later thanked Norland Aerospace."
    _write(folder, "b.json", changed)
    report = corpus.ingest([folder], workers=1)
    assert _files(report.updated) == {"b.json"}
    names = {e.name for e in corpus.entities()}
    assert "Valdorian Army" in names and "Kestrel City" not in names
    assert _find(corpus.entities(type="org"), "Valdorian Army").mentions == 4

    # And a fresh process (no caches) sees the same thing.
    root = corpus.root
    corpus.close()
    with Corpus.open(root, create=False) as again:
        assert "Valdorian Army" in {e.name for e in again.entities()}
        undone = again.undo_entity_edit()
        assert undone is not None and undone.op == "merge"
        assert "Norland Aerospace" in {e.name for e in again.entities()}


def _facet(corpus: Corpus, etype: str) -> dict[str, int]:
    return {f.value: f.count for f in corpus.search("").facets[etype]}


def test_search_facets_follow_edits(corpus: Corpus) -> None:
    before = _facet(corpus, "org")
    # Norland in b and c; Norland Aerospace in a only.
    assert before["Norland"] == 2 and before["Norland Aerospace"] == 1
    assert _facet(corpus, "place")["Kestrel City"] == 3
    corpus.hide_entity("Kestrel City", "place")
    corpus.merge_entities("Norland", "Norland Aerospace", "org")
    corpus.rename_entity("Valdorian Armed Forces", "Valdorian Army", "org")
    orgs = _facet(corpus, "org")
    # One entry for the merged pair, over the union of their articles.
    assert orgs["Norland"] == 3 and "Norland Aerospace" not in orgs
    assert orgs["Valdorian Army"] == 3 and "Valdorian Armed Forces" not in orgs
    assert "Kestrel City" not in _facet(corpus, "place")
    corpus.unhide_entity("Kestrel City", "place")
    assert _facet(corpus, "place")["Kestrel City"] == 3


def test_split_retype_unhide(corpus: Corpus) -> None:
    # An article naming only "Morvan": the corpus table binds it to Daniel (the surname
    # stands for him elsewhere). Splitting detaches that name again. (A surface the
    # extractor folded into a full name inside one article is stored under the full name,
    # so only names the corpus table merged can be split.)
    record = {
        "title": "Patrol report",
        "source": "Harbor Times",
        "published": "2022-09-01",
        "text": "The patrols will continue, Morvan told reporters in Kestrel City on Friday.",
    }
    _write(corpus.folder, "d.json", record)  # type: ignore[attr-defined]
    corpus.ingest([corpus.folder], workers=1)  # type: ignore[attr-defined]
    daniel = _find(corpus.entities(type="person"), "Daniel Morvan")
    assert (daniel.articles, daniel.mentions) == (3, 4)
    corpus.split_entity("Daniel Morvan", "Morvan", "person")
    people = {e.name: e for e in corpus.entities(type="person")}
    assert (people["Daniel Morvan"].articles, people["Daniel Morvan"].mentions) == (2, 3)
    assert (people["Morvan"].articles, people["Morvan"].mentions) == (1, 1)
    corpus.retype_entity("Norland", "org", "place")
    assert "Norland" in {e.name for e in corpus.entities(type="place")}
    assert "Norland" not in {e.name for e in corpus.entities(type="org")}
    corpus.hide_entity("Valdoria", "place")
    assert corpus.hidden_entities() == (("Valdoria", "place"),)
    corpus.unhide_entity("Valdoria", "place")
    assert "Valdoria" in {e.name for e in corpus.entities(type="place")}
    with pytest.raises(ValueError):
        corpus.merge_entities("Daniel Morvan", "Nobody Atall", "person")
