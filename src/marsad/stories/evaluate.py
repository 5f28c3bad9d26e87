"""Evaluate copies and stories on labelled pairs (``marsad evaluate pairs GOLD.jsonl``).

The gold articles go through extraction, the entity stage and the story engine in corpus
order, as at ingest; then each pair is scored:

* **copies** — predicted when both articles are in one copy group; gold ``copy``;
* **same story** — predicted when both have one story id; gold ``copy`` or ``same_story``
  (a copy is a story's member too). Recall on the ``same_story`` pairs alone (the
  independently written ones) is reported beside it.

A pair whose article was rejected at extraction (an empty record) counts as predicted
"not linked".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from marsad.analyse.gold_texts import shared_dir
from marsad.model import Document
from marsad.store.base import Store
from marsad.stories.cluster import StoryRule
from marsad.stories.features import Features, compute_features
from marsad.stories.gold import ArticleKey, GoldPair, load_articles, read_pairs
from marsad.stories.idf import IdfTable, default_idf
from marsad.stories.state import MemoryBandIndex, MemoryBook


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PairScores:
    copies: Counts = field(default_factory=Counts)
    stories: Counts = field(default_factory=Counts)
    independent_recall: Counts = field(default_factory=Counts)
    errors: list[tuple[str, GoldPair]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            name: {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
            for name, c in (
                ("copies", self.copies),
                ("same_story", self.stories),
                ("same_story_independent", self.independent_recall),
            )
        }


@dataclass(frozen=True)
class Placement:
    group: int  # the copy group's root id
    story: int


def score_pairs(pairs: Iterable[GoldPair], placed: Mapping[ArticleKey, Placement]) -> PairScores:
    scores = PairScores()
    for pair in pairs:
        a, b = placed.get(pair.a), placed.get(pair.b)
        same_group = a is not None and b is not None and a.group == b.group
        same_story = a is not None and b is not None and a.story == b.story
        scores.copies.add(pair.label == "copy", same_group)
        scores.stories.add(pair.label != "different", same_story)
        if pair.label == "same_story":
            scores.independent_recall.add(True, same_story)
        if (pair.label == "copy") != same_group:
            scores.errors.append(("copy", pair))
        elif (pair.label != "different") != same_story:
            scores.errors.append(("story", pair))
    return scores


def place_documents(docs: Mapping[ArticleKey, Document]) -> dict[ArticleKey, Placement]:
    """Run the story engine over the documents in the mapping's order."""
    idf = default_idf()
    return place_features({key: compute_features(doc, idf) for key, doc in docs.items()}, idf)


def place_features(
    features: Mapping[ArticleKey, Features],
    idf: IdfTable | None = None,
    story_rule: StoryRule | None = None,
) -> dict[ArticleKey, Placement]:
    """Run the story engine over articles' features in the mapping's order."""
    from marsad.stories.engine import StoryEngine

    book = MemoryBook()
    engine = StoryEngine(MemoryBandIndex(), book, idf or default_idf(), story_rule=story_rule)
    ids: dict[ArticleKey, int] = {}
    for number, (key, item) in enumerate(features.items(), 1):
        engine.add(number, item)
        ids[key] = number
    entries = book.get(ids.values())
    return {
        key: Placement(entries[i].duplicate_of or i, entries[i].story) for key, i in ids.items()
    }


def evaluate_gold(gold: Path, news_dir: Path | None = None, entities: bool = True) -> PairScores:
    """Score the story engine on a gold file against the corpora in ``news_dir``
    (default: ``data/news`` of the shared folder)."""
    news_dir = news_dir or shared_dir() / "data" / "news"
    pairs = read_pairs(gold)
    docs = load_articles(news_dir, [k for p in pairs for k in (p.a, p.b)])
    if entities:
        from marsad.pipeline import build_pipeline

        pipeline = build_pipeline(("entities",))
        docs = {k: pipeline(d) for k, d in docs.items()}
    return score_pairs(pairs, place_documents(docs))


def evaluate_store(gold: Path, store: Store) -> tuple[PairScores, int]:
    """Score the copy groups and stories a store recorded at ingest (the whole corpus
    around the gold articles, not the gold articles alone) on a gold file; returns the
    scores and the number of pairs left out because an article is not in the store (an
    exact duplicate from the same outlet is not stored)."""
    pairs = read_pairs(gold)
    ids: dict[ArticleKey, int] = {}
    for key in {k for p in pairs for k in (p.a, p.b)}:
        found = store.article(key[1])
        if found is not None:
            ids[key] = found[0]
    links = store.story_links(list(ids.values()))
    placed: dict[ArticleKey, Placement] = {}
    for key, i in ids.items():
        duplicate_of, story = links.get(i, (None, None))
        if story is not None:
            placed[key] = Placement(duplicate_of or i, story)
    kept = [p for p in pairs if p.a in placed and p.b in placed]
    return score_pairs(kept, placed), len(pairs) - len(kept)


def format_scores(scores: PairScores, errors: bool = False) -> str:
    """The report printed by ``marsad evaluate pairs``."""
    lines = [f"{'':24} {'precision':>9} {'recall':>7} {'F1':>6} {'pairs':>6}"]
    for name, counts in (
        ("copies", scores.copies),
        ("same story", scores.stories),
    ):
        pairs = counts.tp + counts.fn
        lines.append(
            f"{name:24} {counts.precision:9.3f} {counts.recall:7.3f} {counts.f1:6.3f} {pairs:6d}"
        )
    independent = scores.independent_recall
    lines.append(
        f"{'  written independently':24} {'':9} {independent.recall:7.3f} {'':6} "
        f"{independent.tp + independent.fn:6d}"
    )
    if errors:
        for kind, pair in scores.errors:
            lines.append(f"{kind:5} {pair.label:10} {pair.a[1]} {pair.b[1]}  {pair.note}")
    return "\n".join(lines)
