"""Quality gate on the development gold set (tests/gold/quotes_dev.jsonl).

The floors are recorded here and must not be lowered silently: a change that drops the
extractor below them fails. They were set at 0.90 (the issue's bar); measured values at
the time of writing are in docs/quotes.md.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.analyse.gold_texts import CORPORA, shared_dir
from marsad.analyse.quotes.evaluate import Score, evaluate_gold
from marsad.analyse.quotes.gold import read_gold
from marsad.cli import app

GOLD = Path(__file__).parent / "gold" / "quotes_dev.jsonl"
FLOORS = {"f1": 0.90, "speaker_accuracy": 0.90, "precision": 0.90, "recall": 0.86}
LABEL_KEYS = {"start", "end", "speaker", "speaker_type", "speaker_mention", "cue", "kind"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module", params=[True, False], ids=["with-entities", "own-rules"])
def score(request) -> Score:
    return evaluate_gold(GOLD, entities=request.param)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quotes_gold_above_floor(score, metric):
    assert getattr(score, metric) >= FLOORS[metric], score.summary()


def test_quotes_gold_stores_labels_not_text(rows):
    for row in rows:
        assert set(row) == {"corpus", "article_id", "text_field", "text_sha256", "quotes"}
        for label in row["quotes"]:
            assert LABEL_KEYS <= set(label) <= LABEL_KEYS | {"via"}
            assert label["speaker_type"] in ("PERS", "ORG", "ANON")
            assert label["kind"] in ("direct", "indirect", "mixed")


def test_quotes_gold_spans_point_into_unchanged_texts():
    articles = read_gold(GOLD)  # raises when a text's sha256 changed
    for article in articles:
        for quote in article.quotes:
            assert 0 <= quote.start < quote.end <= len(article.text)
            assert quote.content == quote.content.strip()


def test_quotes_gold_covers_both_corpora_and_four_outlets(rows):
    by_corpus: dict[str, list[str]] = {}
    for row in rows:
        by_corpus.setdefault(row["corpus"], []).append(row["article_id"])
    assert len(rows) >= 25
    assert len(by_corpus["aljazeera_2026"]) >= 12
    assert len(by_corpus["ant_multisource"]) >= 13
    wanted = set(by_corpus["ant_multisource"])
    path = shared_dir() / "data" / "news" / CORPORA["ant_multisource"]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        sources = {r["source"] for r in map(json.loads, handle) if r["id"] in wanted}
    assert len(sources) >= 4


def test_quotes_gold_cli_prints_scores():
    result = CliRunner().invoke(app, ["evaluate", "quotes", str(GOLD), "--no-entities"])
    assert result.exit_code == 0, result.output
    assert "F1" in result.output and "speaker accuracy" in result.output


#: Three more hand-labelled sets of other articles, each labelled before the extractor was
#: run on it (docs/quotes.md, "Unseen articles"): quotes_dev2 and quotes_dev3 were scored
#: once and then used to fix general errors; quotes_test is blind, never used to change the
#: extractor. Floors sit about one quote below the values measured with the entities stage
#: and guard against regressions; the test set's are far below the dev set's: the rules
#: generalise much worse than the dev scores say.
OTHER_SETS = {
    "quotes_dev2.jsonl": {"f1": 0.74, "precision": 0.82, "recall": 0.67, "speaker_accuracy": 0.84},
    "quotes_dev3.jsonl": {"f1": 0.72, "precision": 0.80, "recall": 0.66, "speaker_accuracy": 0.85},
    "quotes_test.jsonl": {"f1": 0.47, "precision": 0.50, "recall": 0.45, "speaker_accuracy": 0.61},
}


@pytest.mark.parametrize("name", sorted(OTHER_SETS))
def test_quotes_other_sets_above_floor(name):
    score = evaluate_gold(GOLD.parent / name, entities=True)
    low = {
        m: getattr(score, m) for m, floor in OTHER_SETS[name].items() if getattr(score, m) < floor
    }
    assert not low, (low, score.summary())


def test_quotes_sets_label_different_articles():
    seen: dict[tuple[str, str], str] = {}
    for name in ["quotes_dev.jsonl", *sorted(OTHER_SETS)]:
        articles = read_gold(GOLD.parent / name)  # raises when a text's sha256 changed
        assert len(articles) >= 16 and sum(len(a.quotes) for a in articles) >= 90, name
        for article in articles:
            key = (article.corpus, article.article_id)
            assert key not in seen, (key, name, seen.get(key))
            seen[key] = name
