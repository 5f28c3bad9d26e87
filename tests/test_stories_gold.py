"""The stories quality gate: copies and same-story pairs on the hand-labelled gold pairs.

Four sets: ``pairs_dev.jsonl`` (212 pairs, used to set the engine's constants),
``pairs_heldout.jsonl`` (71 pairs drawn afterwards with another seed),
``pairs_heldout2.jsonl`` (144 pairs, a third seed) and ``pairs_heldout3.jsonl`` (591 pairs,
a fourth seed); the held-out sets share no article with the dev set or each other, were
labelled before the engine was run on them, and were never used for tuning. Every pair was
labelled twice, blind, and the disagreements adjudicated (``scripts/second_annotation.py``);
``annotators`` keeps both independent labels.
Floors are a little below the scores measured when they were recorded (docs/stories.md);
a change that lowers them fails here. Run ``marsad evaluate pairs GOLD --errors`` to see
which pairs moved.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from marsad.stories.evaluate import PairScores, evaluate_gold
from marsad.stories.gold import LABELS, read_pairs

GOLD_DIR = Path(__file__).parent / "gold"
DEV = GOLD_DIR / "pairs_dev.jsonl"
HELDOUT = GOLD_DIR / "pairs_heldout.jsonl"
HELDOUT2 = GOLD_DIR / "pairs_heldout2.jsonl"
HELDOUT3 = GOLD_DIR / "pairs_heldout3.jsonl"

#: Dev floors (measured on the adjudicated labels: copies P 0.981 R 0.864, same-story F1
#: 0.853; 59 copy pairs, 128 same-story pairs).
COPY_PRECISION_FLOOR = 0.98
COPY_RECALL_FLOOR = 0.85
STORY_F1_FLOOR = 0.84
#: Held-out floors (measured: copies P 0.900 R 0.900, same-story F1 0.860). One pair moves
#: these by 0.01-0.05 (20 copy pairs, 40 same-story pairs), so the slack is about one pair.
HELDOUT_COPY_PRECISION_FLOOR = 0.89
HELDOUT_COPY_RECALL_FLOOR = 0.89
HELDOUT_STORY_F1_FLOOR = 0.85
#: Second held-out set (measured: copies P 0.972 R 0.778, same-story F1 0.865; 45 copy
#: pairs, 91 same-story pairs): about one pair of slack.
HELDOUT2_COPY_PRECISION_FLOOR = 0.95
HELDOUT2_COPY_RECALL_FLOOR = 0.75
HELDOUT2_STORY_F1_FLOOR = 0.85
#: Third held-out set (measured: copies P 0.939 R 0.719, same-story F1 0.866; 171 copy
#: pairs, 351 same-story pairs): about two pairs of slack.
HELDOUT3_COPY_PRECISION_FLOOR = 0.93
HELDOUT3_COPY_RECALL_FLOOR = 0.71
HELDOUT3_STORY_F1_FLOOR = 0.86


@pytest.mark.parametrize(
    ("gold", "min_pairs", "min_per_label"),
    [(DEV, 150, 40), (HELDOUT, 60, 15), (HELDOUT2, 140, 40), (HELDOUT3, 500, 150)],
)
def test_stories_gold_file_holds_ids_and_labels_only(gold, min_pairs, min_per_label):
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    assert len(rows) >= min_pairs
    assert {k for row in rows for k in row} == {"a", "b", "label", "stratum", "note", "annotators"}
    assert all(set(row["a"]) == set(row["b"]) == {"corpus", "id"} for row in rows)
    pairs = read_pairs(gold)
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)
    labels = Counter(p.label for p in pairs)
    assert set(labels) == set(LABELS) and min(labels.values()) >= min_per_label
    assert {p.a[0] for p in pairs} == {"saudinewsnet", "ant_multisource"}


@pytest.mark.parametrize("gold", [DEV, HELDOUT, HELDOUT2, HELDOUT3])
def test_stories_gold_label_is_the_annotators_or_the_adjudicated_one(gold):
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines()]
    for row in rows:
        first, second = row["annotators"]
        assert {first, second} <= set(LABELS)
        if first == second:
            assert row["label"] == first
        else:
            assert row["label"] in (first, second) and "adjudicated:" in row["note"]
    disputed = sum(row["annotators"][0] != row["annotators"][1] for row in rows)
    assert disputed <= 0.1 * len(rows)  # the labelling rules are applied consistently


def test_stories_gold_heldout_shares_no_article_with_dev():
    def articles(gold: Path) -> set[tuple[str, str]]:
        return {key for p in read_pairs(gold) for key in (p.a, p.b)}

    assert not articles(DEV) & articles(HELDOUT)
    assert not (articles(DEV) | articles(HELDOUT)) & articles(HELDOUT2)
    assert not (articles(DEV) | articles(HELDOUT) | articles(HELDOUT2)) & articles(HELDOUT3)


@pytest.fixture(scope="module")
def dev_scores(shared_dir) -> PairScores:
    return evaluate_gold(DEV, shared_dir / "data" / "news")


@pytest.fixture(scope="module")
def heldout_scores(shared_dir) -> PairScores:
    return evaluate_gold(HELDOUT, shared_dir / "data" / "news")


def test_stories_gold_copies(dev_scores):
    assert dev_scores.copies.precision >= COPY_PRECISION_FLOOR
    assert dev_scores.copies.recall >= COPY_RECALL_FLOOR


def test_stories_gold_same_story(dev_scores):
    assert dev_scores.stories.f1 >= STORY_F1_FLOOR


def test_stories_gold_heldout_copies(heldout_scores):
    assert heldout_scores.copies.precision >= HELDOUT_COPY_PRECISION_FLOOR
    assert heldout_scores.copies.recall >= HELDOUT_COPY_RECALL_FLOOR


def test_stories_gold_heldout_same_story(heldout_scores):
    assert heldout_scores.stories.f1 >= HELDOUT_STORY_F1_FLOOR


@pytest.mark.parametrize(
    ("gold", "copy_precision", "copy_recall", "story_f1"),
    [
        (
            HELDOUT2,
            HELDOUT2_COPY_PRECISION_FLOOR,
            HELDOUT2_COPY_RECALL_FLOOR,
            HELDOUT2_STORY_F1_FLOOR,
        ),
        (
            HELDOUT3,
            HELDOUT3_COPY_PRECISION_FLOOR,
            HELDOUT3_COPY_RECALL_FLOOR,
            HELDOUT3_STORY_F1_FLOOR,
        ),
    ],
    ids=["heldout2", "heldout3"],
)
def test_stories_gold_later_heldout_sets(shared_dir, gold, copy_precision, copy_recall, story_f1):
    scores = evaluate_gold(gold, shared_dir / "data" / "news")
    assert scores.copies.precision >= copy_precision
    assert scores.copies.recall >= copy_recall
    assert scores.stories.f1 >= story_f1
