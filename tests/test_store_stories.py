"""Stories at ingest: every stored article gets its copy group and story, in the batch's
transaction, on every backend (hand-made articles, no corpus text)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from marsad import stories_service
from marsad.errors import ConfigError
from marsad.ingest_service import analyse_document
from marsad.model import Document
from marsad.store import migrations, story_store
from marsad.store.base import ProcessedInput, SearchFilters
from marsad.store.open import open_store
from marsad.store.query import parse_query
from marsad.stories.evaluate import evaluate_store
from stories_helpers import WIRE, doc

OTHER = (
    "أعلنت الهيئة العامة للأرصاد وحماية البيئة أن أمطارا رعدية غزيرة ستهطل على منطقة جازان "
    "ونجران وعسير خلال الأيام الثلاثة المقبلة، مصحوبة برياح نشطة تثير الأتربة والغبار وتحد من "
    "مدى الرؤية الأفقية على الطرق السريعة، ودعت المواطنين والمقيمين إلى الابتعاد عن مجاري "
    "السيول والأودية وعدم المجازفة بعبورها، والتقيد بتعليمات الدفاع المدني حفاظا على سلامتهم."
)


def wire_doc(ident: str, outlet: str, text: str = WIRE, **kw: object) -> Document:
    title = "أمير القصيم يستقبل رئيس الجامعة" if text != OTHER else "أمطار رعدية على جازان"
    d = doc(ident, text, title=title, outlet=outlet, **kw)  # type: ignore[arg-type]
    d.url = f"https://{ident}.example/news"
    d.record_sha256 = (ident.encode().hex() * 64)[:64]
    d.origin = f"{ident}.json"
    return d


def item(d: Document) -> ProcessedInput:
    return ProcessedInput(d.record_sha256, d.origin, (analyse_document(d),))


@pytest.fixture
def wire_store(store_url):
    """The wire text from SPA, a verbatim copy (another outlet), an edited copy (a third
    outlet, date word and honorific changed) and an unrelated weather report."""
    edited = WIRE.replace("اليوم", "أمس").replace("أمير منطقة", "صاحب السمو الملكي أمير منطقة")
    docs = [
        wire_doc("spa", "was"),
        wire_doc("okaz", "عكاظ"),
        wire_doc("riyadh", "الرياض", edited),
        wire_doc("weather", "الوطن", OTHER),
    ]
    with open_store(store_url) as store:
        run = store.begin_run(["hand-made"])
        result = store.write_batch(run, [item(d) for d in docs])
        store.finish_run(run, "done", {})
        yield store, result


def test_copies_are_stored_and_linked_to_the_first_copy(wire_store):
    store, result = wire_store
    assert (result.kept, result.copies, result.duplicates) == (4, 2, 0)
    links = store.story_links([1, 2, 3, 4])
    assert links[1] == (None, 1)
    assert links[2] == (1, 1)  # verbatim: joined through its content hash
    assert links[3] == (1, 1)  # edited: joined by the copy rule
    assert links[4] == (None, 4)
    assert store.unplaced() == 0


def test_story_list_names_outlets_sizes_and_times(wire_store):
    store, _ = wire_store
    biggest = stories_service.list_stories(store, order="size", limit=5)
    assert [s.id for s in biggest] == [1, 4]
    wire = biggest[0]
    assert (wire.size, wire.texts) == (3, 1)
    assert {o for o, _ in wire.outlets} == {"واس", "عكاظ", "الرياض"}
    assert wire.headline == "أمير القصيم يستقبل رئيس الجامعة"
    assert wire.first_seen is not None and wire.first_seen.startswith("2015-08-03")
    assert stories_service.list_stories(store, min_size=2) == [wire]
    assert stories_service.list_stories(store, since="2015-08-04") == []
    assert len(stories_service.list_stories(store, until="2015-08-03")) == 2
    with pytest.raises(ConfigError):
        stories_service.list_stories(store, order="alphabetical")


def test_story_detail_gives_the_republication_chain(wire_store):
    store, _ = wire_store
    detail = stories_service.story(store, 1)
    assert detail is not None
    assert [a.article_id for a in detail.articles] == [1, 2, 3]
    (group,) = detail.groups
    assert group.root == 1 and group.chain is not None
    assert group.chain.original_source == "واس"
    assert "agency's own feed" in group.chain.evidence
    assert stories_service.story(store, 999) is None


def test_related_puts_the_story_first_and_shows_each_text_once(wire_store):
    store, _ = wire_store
    # Article 2's story holds only copies of its own text: nothing of the story to add,
    # and the weather report shares neither names nor words.
    assert stories_service.related(store, 2) == []
    with pytest.raises(ConfigError):
        stories_service.related(store, 2, limit=0)


def test_search_filters_by_story(wire_store):
    store, _ = wire_store
    query = parse_query("الجامعة")
    hits = store.search(query, SearchFilters(story=1), 10)
    assert sorted(h.article_id for h in hits) == [1, 2, 3]
    assert store.search(query, SearchFilters(story=4), 10) == []


def test_same_text_from_the_same_outlet_is_a_duplicate_not_a_copy(store_url):
    first = wire_doc("a", "عكاظ")
    again = dataclasses.replace(wire_doc("b", "عكاظ"), title="عنوان آخر")
    with open_store(store_url) as store:
        run = store.begin_run(["x"])
        result = store.write_batch(run, [item(first), item(again)])
        assert (result.kept, result.copies, result.duplicates) == (1, 0, 1)


def test_a_short_exact_copy_joins_its_group_despite_the_copy_rule(store_url):
    short = "وصل ولي العهد إلى جدة قادما من الرياض."  # too few shingles for the copy rule
    docs = [wire_doc("s1", "was", short), wire_doc("s2", "عكاظ", short)]
    with open_store(store_url) as store:
        run = store.begin_run(["x"])
        result = store.write_batch(run, [item(d) for d in docs])
        assert result.copies == 1
        assert store.story_links([2])[2] == (1, 1)


def test_an_earlier_copy_arriving_late_becomes_the_group_root(store_url):
    late = wire_doc("late", "was", published="2015-08-03T07:00:00+03:00")
    docs = [wire_doc("okaz", "عكاظ"), wire_doc("madina", "المدينة"), late]
    with open_store(store_url) as store:
        run = store.begin_run(["x"])
        store.write_batch(run, [item(d) for d in docs[:2]])
        store.write_batch(run, [item(docs[2])])
        links = store.story_links([1, 2, 3])
        assert links[3][0] is None
        assert links[1][0] == 3 and links[2][0] == 3
        assert {story for _, story in links.values()} == {1}


def test_a_failed_placement_rolls_the_whole_batch_back(store_url, monkeypatch):
    """A crash while placing stories loses nothing committed and duplicates nothing on
    the re-run: articles and their story state are one transaction."""
    docs = [wire_doc("spa", "was"), wire_doc("okaz", "عكاظ"), wire_doc("w", "الوطن", OTHER)]
    calls = []
    real = story_store.StoryPlacer.place

    def failing(self, article_id, features, exact_of=None):
        calls.append(article_id)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real(self, article_id, features, exact_of)

    with open_store(store_url) as store:
        run = store.begin_run(["x"])
        store.write_batch(run, [item(docs[0])])
        before = store.story_digest()
        monkeypatch.setattr(story_store.StoryPlacer, "place", failing)
        with pytest.raises(Exception, match="power cut"):
            store.write_batch(run, [item(d) for d in docs[1:]])
        assert store.stats()["articles"] == 1
        assert store.story_digest() == before
        monkeypatch.setattr(story_store.StoryPlacer, "place", real)
        store.write_batch(run, [item(d) for d in docs[1:]])
        assert store.stats()["articles"] == 3
        okaz, weather = (store.article(i)[0] for i in ("okaz", "w"))  # type: ignore[index]
        # (PostgreSQL does not give back the ids of a rolled-back transaction)
        assert store.story_links([okaz, weather]) == {okaz: (1, 1), weather: (None, weather)}


def test_rebuild_places_every_article_as_ingest_did(wire_store):
    store, _ = wire_store
    digest = store.story_digest()
    assert stories_service.rebuild(store) == 4
    assert store.story_digest() == digest
    assert store.story_links([1, 2, 3, 4]) == {1: (None, 1), 2: (1, 1), 3: (1, 1), 4: (None, 4)}


def test_a_store_from_before_stories_migrates_and_is_rebuilt(tmp_path):
    """A 0001 store keeps its articles and search index; ``rebuild`` gives them stories."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, script = migrations.MIGRATIONS[0]
    for statement in migrations._statements(script):
        conn.execute(statement)
    conn.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
    for n, d in enumerate([wire_doc("spa", "was"), wire_doc("okaz", "عكاظ")], start=1):
        a = analyse_document(d)
        conn.execute(
            "INSERT INTO articles (id, doc_id, url, content_hash, title, text, published, "
            "role, lang, origin, record_sha256, position, provenance, meta) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'main', 'ar', ?, ?, 0, '{}', '{}')",
            (n, d.id, d.url, f"hash{n}", d.title, d.text, d.published, d.origin,
             d.record_sha256),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (n, a.title_terms, a.text_terms),
        )
        conn.execute(
            "INSERT INTO sources (name, key) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (d.sources[0].name, d.sources[0].name),
        )
        conn.execute(
            "INSERT INTO article_sources VALUES (?, 0, "
            "(SELECT id FROM sources WHERE name = ?), 'publisher', '')",
            (n, d.sources[0].name),
        )
    conn.close()
    with open_store(str(path)) as store:
        assert store.stats()["migrations"] == [n for n, _ in migrations.MIGRATIONS]
        assert store.stats()["articles"] == 2
        assert len(store.search(parse_query("الجامعة"), SearchFilters(), 10)) == 2
        assert store.unplaced() == 2
        assert stories_service.rebuild(store) == 2
        assert store.unplaced() == 0
        assert store.story_links([2]) == {2: (1, 1)}


def test_a_bulk_load_without_stories_is_placed_by_rebuild(store_url, new_store, backend, tmp_path):
    """``--no-stories`` stores the articles unplaced; ``rebuild`` then gives the grouping an
    ingest with stories gives."""
    docs = [wire_doc("spa", "was"), wire_doc("okaz", "عكاظ"), wire_doc("w", "الوطن", OTHER)]
    with open_store(store_url) as placed, open_store(new_store(backend, tmp_path)) as later:
        for store, stories in ((placed, True), (later, False)):
            run = store.begin_run(["x"])
            result = store.write_batch(run, [item(d) for d in docs], stories=stories)
            assert result.kept == 3 and result.copies == (1 if stories else 0)
        assert later.unplaced() == 3 and later.stories() == []
        assert stories_service.rebuild(later) == 3
        assert later.unplaced() == 0
        assert later.story_digest() == placed.story_digest()


def test_gold_pairs_are_scored_on_the_stories_a_store_recorded(wire_store, tmp_path):
    store, _ = wire_store
    gold = tmp_path / "pairs.jsonl"
    rows = [("spa", "okaz", "copy"), ("riyadh", "spa", "copy"), ("spa", "weather", "different"),
            ("spa", "not-stored", "copy")]  # fmt: skip
    gold.write_text(
        "".join(
            json.dumps({"a": {"corpus": "hand", "id": a}, "b": {"corpus": "hand", "id": b},
                        "label": label}) + "\n"
            for a, b, label in rows
        ),
        "utf-8",
    )  # fmt: skip
    scores, left_out = evaluate_store(gold, store)
    assert left_out == 1
    assert (scores.copies.precision, scores.copies.recall) == (1.0, 1.0)
    assert (scores.stories.precision, scores.stories.recall) == (1.0, 1.0)
