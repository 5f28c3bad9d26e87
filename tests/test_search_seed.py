"""Gate: the seed page and 2,000 ANT articles in a fresh store (issue 6's first criterion)."""

from __future__ import annotations

import gzip
import itertools

import pytest

from marsad import search_service
from marsad.errors import QueryError
from marsad.ingest_service import IngestOptions, ingest_paths
from marsad.store.open import open_store

ANT_ARTICLES = 2000
#: The quotation stage runs on the seed page (whose quotations this gate lists); the ANT
#: articles are ingested without analysis to keep the suite fast. Entities have their tests.
SEED_OPTIONS = IngestOptions(workers=1, analyse=("quotes",))
ANT_OPTIONS = IngestOptions(workers=2, analyse=None)


@pytest.fixture(scope="module")
def seeded(shared_dir, tmp_path_factory, backend, new_store):
    folder = tmp_path_factory.mktemp("seed")
    ant = folder / "ant.jsonl"
    with gzip.open(shared_dir / "data/news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        ant.write_text("".join(itertools.islice(fh, ANT_ARTICLES)), "utf-8")
    seed = [str(shared_dir / "seed/000_df90e072d6e6857f.txt")]
    with open_store(new_store(backend, folder)) as store:
        ingest_paths(store, seed, SEED_OPTIONS)
        first_ant = ingest_paths(store, [str(ant)], ANT_OPTIONS)
        second = ingest_paths(store, [*seed, str(ant)], ANT_OPTIONS)
        yield store, first_ant, second


def test_search_seed_second_identical_run_adds_nothing(seeded):
    store, first, second = seeded
    assert first.kept > 1900
    assert (second.kept, second.duplicates, second.skipped) == (0, 0, first.inputs + 1)
    assert store.stats()["articles"] == first.kept + 2  # the seed page holds two articles


@pytest.mark.parametrize(
    "query", ["رفح", "الرهائن الإسرائيليين", "وزير الدفاع الامريكي", "وزير الدفاع الأمريكى"]
)
def test_search_seed_main_article_in_top_five(seeded, query):
    store = seeded[0]
    results = search_service.search(store, query, limit=5)
    assert any(r.hit.title and "أوستن يلتقي غالانت" in r.hit.title for r in results), [
        r.hit.title for r in results
    ]


def test_search_seed_quotes_of_gallant(seeded):
    quotes = search_service.quotes(seeded[0], speaker="غالانت")
    assert len(quotes) >= 2
    assert all("غالانت" in q.speaker for q in quotes)


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(رفح", "رفح OR", "رفح NOT", "' OR 1=1 --", "x" * 10_240, "\u064e\u0651" * 30, "*"],
)
def test_search_seed_hostile_queries(seeded, query):
    try:
        search_service.search(seeded[0], query)
    except QueryError as exc:
        assert str(exc)
