"""The stories quality gate: copies and same-story pairs on the hand-labelled gold pairs.

Floors are the scores measured when they were recorded (docs/stories.md); a change that
lowers them fails here. Run ``marsad evaluate pairs tests/gold/pairs_dev.jsonl --errors``
to see which pairs moved.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from marsad.stories.evaluate import evaluate_gold
from marsad.stories.gold import LABELS, read_pairs

GOLD = Path(__file__).parent / "gold" / "pairs_dev.jsonl"
COPY_PRECISION_FLOOR = 0.98
COPY_RECALL_FLOOR = 0.96
STORY_F1_FLOOR = 0.87


def test_stories_gold_file_holds_ids_and_labels_only():
    rows = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines()]
    assert len(rows) >= 150
    assert {k for row in rows for k in row} == {"a", "b", "label", "stratum", "note"}
    assert all(set(row["a"]) == set(row["b"]) == {"corpus", "id"} for row in rows)
    pairs = read_pairs(GOLD)
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)
    labels = Counter(p.label for p in pairs)
    assert set(labels) == set(LABELS) and min(labels.values()) >= 40
    assert {p.a[0] for p in pairs} == {"saudinewsnet", "ant_multisource"}


@pytest.fixture(scope="module")
def scores(shared_dir):
    return evaluate_gold(GOLD, shared_dir / "data" / "news")


def test_stories_gold_copies(scores):
    assert scores.copies.precision >= COPY_PRECISION_FLOOR
    assert scores.copies.recall >= COPY_RECALL_FLOOR


def test_stories_gold_same_story(scores):
    assert scores.stories.f1 >= STORY_F1_FLOOR
