"""Corpus-level compare (issue 6): compare, duplicates (cached), similar kinds, labels in similar.

Fixtures are small invented texts written to a temporary folder, plus a copy of the shared
seeds index (copied so the compare caches written here never touch the shared one).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from defexplore.index.compare_report import markdown, report, rows
from defexplore.index.corpus import Corpus
from defexplore.index.corpus_compare import DUPLICATES_FILE, ArticleNotFound

WIRE = (
    "date 2031-03-02\n\nValdoria orders patrol boats from Nordmarine\n\n"
    "The defense ministry of Valdoria announced on Monday that it had signed a contract for "
    "twelve patrol boats with the shipyard Nordmarine, worth 480 million euros. The boats will "
    "be delivered over three years, the ministry said in a statement. Admiral Teodor Haskel "
    "said the navy would retire its oldest corvettes once the boats arrive. The deal is the "
    "largest naval order in Valdoria in a decade, according to the Brena Institute.\n"
)
COPY = (
    "date 2031-03-03\n\nValdoria buys twelve patrol boats\n\n"
    "The defense ministry of Valdoria announced on Monday that it had signed a contract for "
    "twelve patrol boats with the shipyard Nordmarine, worth 480 million euros. The boats will "
    "be delivered over three years, the ministry said in a statement. Admiral Teodor Haskel "
    "said the navy would retire its oldest corvettes once the boats arrive. Opposition deputies "
    "asked for a debate on the cost.\n"
)
REWRITE = (
    "date 2031-03-02\n\nNordmarine wins Valdorian navy contract\n\n"
    "Shipbuilder Nordmarine will build fourteen patrol boats for the Valdorian navy under a deal "
    "worth 520 million euros, Valdoria's defense ministry said on Monday. Deliveries of the "
    "Nordmarine boats are spread over three years. Admiral Teodor Haskel told reporters that "
    "old corvettes would be withdrawn. Nordmarine shares rose in Brena trading.\n"
)
OTHER = (
    "date 2031-05-20\n\nHarvest festival draws crowds in Ostland\n\n"
    "Thousands of visitors came to the harvest festival in the Ostland village of Kemmer on "
    "Saturday. Bakers sold bread shaped like wheat sheaves and a brass band played until "
    "midnight. Organisers said attendance was the highest since the festival began.\n"
)


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """Four invented articles (a wire story, its copy, a rewrite, an unrelated one)."""
    folder = tmp_path_factory.mktemp("compare-fixtures")
    for name, text in (("wire", WIRE), ("copy", COPY), ("rewrite", REWRITE), ("other", OTHER)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = Corpus.open(tmp_path_factory.mktemp("compare-index") / "fixtures")
    report_ = corpus.ingest([folder], extract=False, workers=1)
    assert report_.ok and len(report_.added) == 4
    yield corpus
    corpus.close()


@pytest.fixture
def seeds_copy(seeds_corpus_dir: Path, tmp_path: Path) -> Iterator[Corpus]:
    """A private copy of the session's seeds index."""
    root = tmp_path / "seeds"
    shutil.copytree(seeds_corpus_dir, root)
    corpus = Corpus.open(root, create=False)
    yield corpus
    corpus.close()


def _id(corpus: Corpus, stem: str) -> str:
    doc_id = next(h.id for h in corpus.search("", limit=50, facets=False).hits if stem in h.path)
    return doc_id


def test_compare_refs_and_unknown_ref(fixture_corpus: Corpus) -> None:
    wire, copy = _id(fixture_corpus, "wire"), _id(fixture_corpus, "copy")
    path = fixture_corpus.article(wire)
    assert path is not None
    cmp = fixture_corpus.compare(path.path, copy)  # a path works as well as an id
    assert cmp.a_id == wire and cmp.b_id == copy
    assert cmp.kind == "verbatim" and cmp.reuse_a > 0.5 and cmp.reuse_b > 0.5
    assert cmp.passages and all(p.words >= 8 for p in cmp.passages)
    with pytest.raises(ArticleNotFound, match="nosuch"):
        fixture_corpus.compare(wire, "nosuch")


def test_compare_rewrite_flags_conflicts_and_attributions(fixture_corpus: Corpus) -> None:
    wire, rewrite = _id(fixture_corpus, "wire"), _id(fixture_corpus, "rewrite")
    cmp = fixture_corpus.compare(wire, rewrite)
    assert cmp.kind == "same_story"
    kinds = {(c.kind, c.a_value, c.b_value) for c in cmp.conflicts}
    assert any(k == "money" and "480" in a and "520" in b for k, a, b in kinds), kinds
    assert any(k == "number" and "twelve" in a.lower() for k, a, _ in kinds), kinds
    whos = {x.who for x in cmp.attributions_a}
    assert "the Brena Institute" in whos or "Brena Institute" in whos
    # Every conflict lands on a row of the side-by-side view.
    flagged = {n for row in rows(cmp) for n in row.conflicts}
    assert flagged == set(range(len(cmp.conflicts)))


def test_report_json_and_markdown(fixture_corpus: Corpus) -> None:
    wire, copy = _id(fixture_corpus, "wire"), _id(fixture_corpus, "copy")
    a, b = fixture_corpus.article(wire), fixture_corpus.article(copy)
    assert a is not None and b is not None
    cmp = fixture_corpus.compare(wire, copy)
    doc = json.loads(json.dumps(report(cmp, a, b)))
    assert doc["a"]["id"] == wire and doc["b"]["published"] == "2031-03-03"
    assert doc["origin"] == wire  # the earlier copy of a verbatim pair
    assert {"similarity", "reuse_a", "reuse_b", "pairs", "only_a", "only_b", "passages",
            "conflicts"} <= set(doc)  # fmt: skip
    text = markdown(cmp, a, b)
    assert "| A | B | status |" in text and "Likely origin" in text
    # Every sentence of both sides appears exactly once in the rows.
    seen_a = [r.a for r in rows(cmp) if r.a is not None]
    seen_b = [r.b for r in rows(cmp) if r.b is not None]
    assert sorted(seen_a) == list(range(len(cmp.a_sentences)))
    assert sorted(seen_b) == list(range(len(cmp.b_sentences)))


def test_duplicates_are_cached_per_index_generation(fixture_corpus: Corpus) -> None:
    groups = fixture_corpus.duplicates()
    wire, copy = _id(fixture_corpus, "wire"), _id(fixture_corpus, "copy")
    verbatim = [g for g in groups if g.kind == "verbatim"]
    assert len(verbatim) == 1 and set(verbatim[0].article_ids) == {wire, copy}
    assert verbatim[0].origin == wire
    other = _id(fixture_corpus, "other")
    assert all(other not in g.article_ids for g in groups)
    cache = json.loads((fixture_corpus.root / DUPLICATES_FILE).read_text(encoding="utf-8"))
    assert cache["groups"][0]["article_ids"] == list(verbatim[0].article_ids)
    assert fixture_corpus.cached_duplicates() == groups
    # A stale key (another index generation) is not trusted.
    cache["key"] = "0:0:0"
    (fixture_corpus.root / DUPLICATES_FILE).write_text(json.dumps(cache), encoding="utf-8")
    fixture_corpus._compare_groups = ("0:0:0", ())
    assert fixture_corpus.cached_duplicates() is None
    assert fixture_corpus.duplicates() == groups


def test_similar_kinds_and_labels_in_similar(fixture_corpus: Corpus) -> None:
    wire, copy, rewrite = (_id(fixture_corpus, s) for s in ("wire", "copy", "rewrite"))
    kinds = {s.id: s.kind for s in fixture_corpus.similar_kinds(wire, 5)}
    assert kinds.get(copy) == "verbatim" and kinds.get(rewrite) == "same_story"
    assert _id(fixture_corpus, "other") not in kinds
    labelled = fixture_corpus.similar(wire, 5)
    assert labelled[0].id == copy and labelled[0].kind == "verbatim"
    with pytest.raises(ArticleNotFound):
        fixture_corpus.similar_kinds("nosuch", 5)


def test_seeds_same_story_kinds_and_background_cache(seeds_copy: Corpus) -> None:
    # Three seeds report the January 2023 Rabat meeting of the defense committee.
    query = '"monitoring committee" OR "steering committee"'
    rabat = [h.id for h in seeds_copy.search(query, facets=False).hits]
    assert len(rabat) >= 2
    kinds = {s.id: s.kind for s in seeds_copy.similar_kinds(rabat[0], 5)}
    assert any(kinds.get(x) == "same_story" for x in rabat[1:]), kinds
    # With the extracted entities, the corpus grouping finds that story too.
    groups = seeds_copy.duplicates()
    assert any(len(set(g.article_ids) & set(rabat)) >= 2 for g in groups), groups
    bg = seeds_copy.compare_background()
    assert bg.docs == seeds_copy.count()
    assert (seeds_copy.root / "compare-background.json").exists()


def test_entities_link_reports_across_languages() -> None:
    """Canonical entity names are shared by reports in other languages and wordings."""
    from defexplore.index.compare import classify_pair
    from defexplore.index.model import Article, EntityType, Mention

    def art(
        aid: str, body: str, published: str | None, names: list[tuple[str, EntityType]]
    ) -> Article:
        mentions = tuple(
            Mention(name, kind, name, body.find(name.split()[-1]), 0) for name, kind in names
        )
        return Article(
            aid, aid, "", None, None, None, published, None, None, body, mentions=mentions
        )

    people: list[tuple[str, EntityType]] = [
        ("Teodor Haskel", "person"), ("Mira Onsk", "person"), ("Nordmarine", "org")
    ]  # fmt: skip
    en = art("en", "Admiral Haskel met minister Onsk to sign the Nordmarine deal in Brena.",
             "2031-03-02", people)  # fmt: skip
    fr = art("fr", "L'amiral Haskel a rencontré la ministre Onsk pour signer le contrat "
             "Nordmarine.", "2031-03-03", people)  # fmt: skip
    later = art("later", "Admiral Haskel and minister Onsk opened the Nordmarine yard.",
                "2031-09-20", people)  # fmt: skip
    assert classify_pair(en, fr) == "same_story"
    # The same people months later are another story.
    assert classify_pair(en, later) != "same_story"
