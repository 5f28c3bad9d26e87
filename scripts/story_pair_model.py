"""The learned pair model tried for same-story clustering (issue #7; docs/stories.md, "Tried").

Not used by Marsad: it gains about 0.015 of same-story F1 on most gold sets, does not reach
0.90, and costs about 15 times the rule's time per candidate pair. Kept so that the claim
can be rerun and the experiment continued (more labels, other features)::

    python scripts/story_pair_model.py --train pairs_heldout3 \\
        --test pairs_dev pairs_heldout pairs_heldout2
    python scripts/story_pair_model.py --train pairs_dev pairs_heldout pairs_heldout2 \\
        --test pairs_heldout3 --no-term-features

The model: an L2 logistic regression (Newton's method, standardised features) over
:func:`pair_features`, fitted on the labelled pairs of ``--train`` (copy or same_story
against different). The engine then places each ``--test`` set with the model's
probability as the story similarity (0 beyond the story window), joined at each
``--thresholds`` value, and the same-story F1 is printed beside the rule's; so is the
ranking of the test pairs themselves (AUC of the model and of the rule).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np

import marsad.stories.cluster as cluster
from marsad.analyse.gold_texts import shared_dir
from marsad.pipeline import build_pipeline
from marsad.stories.dedup import term_containment
from marsad.stories.evaluate import place_features, score_pairs
from marsad.stories.features import Features, compute_features, cosine, days_apart
from marsad.stories.gold import ArticleKey, GoldPair, load_articles, read_pairs
from marsad.stories.idf import default_idf
from marsad.stories.minhash import containment, jaccard
from marsad.text.normalize import match_key

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
IDF = default_idf()
RULE_SIMILARITY = cluster.similarity
#: Features that read a candidate's full term counts (slow to decode from a store).
TERM_FEATURES = ("term_cont", "rare_min", "rare_max", "title_rare_min", "title_rare_max")


def _share(found: int, total: int) -> float:
    return found / total if total else 0.5


def _rarest(terms: Iterable[str], n: int) -> list[str]:
    words = [t for t in terms if not t.isdigit()]
    return sorted(words, key=lambda t: (-IDF.idf(t), t))[:n]


def pair_features(a: Features, b: Features) -> dict[str, float]:
    rule = cluster.StoryRule()
    ea, eb = a.entities, b.entities
    shared = ea & eb
    ta, tb = match_key(a.title), match_key(b.title)
    title_a, title_b = {e for e in ea if e in ta}, {e for e in eb if e in tb}
    fa, fb = cluster._figures(a), cluster._figures(b)
    both_sh = len(a.shingles) > 0 and len(b.shingles) > 0
    apart = days_apart(a, b)
    top_shared = sorted((IDF.idf(t) for t in set(a.terms) & set(b.terms)), reverse=True)
    ra, rb = _rarest(a.term_counts, 8), _rarest(b.term_counts, 8)
    qa, qb = _rarest(a.title_terms, 3), _rarest(b.title_terms, 3)
    rare = (
        _share(sum(t in b.term_counts for t in ra), len(ra)),
        _share(sum(t in a.term_counts for t in rb), len(rb)),
    )
    title_rare = (
        _share(sum(t in b.term_counts for t in qa), len(qa)),
        _share(sum(t in a.term_counts for t in qb), len(qb)),
    )
    cross = (cosine(a.title_terms, b.terms), cosine(b.title_terms, a.terms))
    la, lb = len(a.shingles) + 1, len(b.shingles) + 1
    return {
        "cos_text": cosine(a.terms, b.terms),
        "cos_title": cosine(a.title_terms, b.title_terms),
        "cos_lead": cosine(a.lead_terms, b.lead_terms),
        "title_in_other_max": max(cross),
        "title_in_other_min": min(cross),
        "ent_share": len(shared) / min(len(ea), len(eb)) if ea and eb else 0.0,
        "ent_jaccard": len(shared) / len(ea | eb) if ea and eb else 0.0,
        "ent_shared": math.log1p(len(shared)),
        "ent_none": float(not ea or not eb),
        "title_ent_shared": float(bool(title_a & title_b)),
        "title_ent_clash": float(bool(title_a - eb) and bool(title_b - ea)),
        "figures": math.log1p(min(len(fa), len(fb))),
        "figures_share": _share(len(fa & fb), min(len(fa), len(fb))),
        "numbers_share": _share(len(a.numbers & b.numbers), min(len(a.numbers), len(b.numbers))),
        "sh_cont": containment(a.shingles, b.shingles) if both_sh else 0.0,
        "sh_jaccard": jaccard(a.shingles, b.shingles) if both_sh else 0.0,
        "term_cont": term_containment(a.term_counts, b.term_counts, IDF),
        "days": apart if apart is not None else 1.5,
        "undated": float(apart is None),
        "same_outlet": float(bool(a.outlet) and a.outlet == b.outlet),
        "same_agency": float(bool(set(a.agencies) & set(b.agencies))),
        "shared_top": len(top_shared),
        "shared_idf_max": top_shared[0] if top_shared else 0.0,
        "shared_idf_sum": sum(top_shared[:10]),
        "len_min": math.log(min(la, lb)),
        "len_ratio": math.log(max(la, lb) / min(la, lb)),
        "rare_min": min(rare),
        "rare_max": max(rare),
        "title_rare_min": min(title_rare),
        "title_rare_max": max(title_rare),
        "rule": RULE_SIMILARITY(a, b, rule),
        "rule_no_decay": RULE_SIMILARITY(a, b, cluster.StoryRule(time_decay=0.0)),
    }


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, ...]:
    """L2 logistic regression by Newton's method (the intercept is not penalised)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], 1.0 / c)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, z.T @ (p - y) + penalty * w)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return mean, scale, w


def predict(model: tuple[np.ndarray, ...], x: np.ndarray) -> np.ndarray:
    mean, scale, w = model
    return 1.0 / (1.0 + np.exp(-(w[0] + ((x - mean) / scale) @ w[1:])))


def auc(y: np.ndarray, s: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    pos, neg = s[y], s[~y]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


GoldSet = tuple[list[GoldPair], dict[ArticleKey, Features]]


def load_set(name: str) -> GoldSet:
    pairs = read_pairs(GOLD / f"{name}.jsonl")
    docs = load_articles(shared_dir() / "data" / "news", [k for p in pairs for k in (p.a, p.b)])
    stage = build_pipeline(("entities",))
    return pairs, {k: compute_features(stage(d), IDF) for k, d in docs.items()}


def matrix(data: GoldSet, keep: list[str]) -> tuple[np.ndarray, np.ndarray]:
    pairs, feats = data
    rows, labels = [], []
    for p in pairs:
        if p.a in feats and p.b in feats:
            f = pair_features(feats[p.a], feats[p.b])
            rows.append([f[k] for k in keep])
            labels.append(p.label != "different")
    return np.array(rows), np.array(labels)


def same_story_f1(data: GoldSet, threshold: float) -> float:
    pairs, feats = data  # in corpus order, as marsad evaluate pairs places them
    placed = place_features(feats, IDF, cluster.StoryRule(threshold=threshold))
    return score_pairs(pairs, placed).stories.f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", nargs="+", required=True, help="gold sets to fit on")
    parser.add_argument("--test", nargs="+", required=True, help="gold sets to place")
    parser.add_argument("--c", type=float, default=0.1, help="inverse L2 strength")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.4, 0.5, 0.6])
    parser.add_argument("--no-term-features", action="store_true", help=str(TERM_FEATURES))
    args = parser.parse_args()
    sets = {name: load_set(name) for name in dict.fromkeys(args.train + args.test)}
    any_pair = next(iter(sets[args.train[0]][1].values()))
    names = list(pair_features(any_pair, any_pair))
    keep = [n for n in names if not (args.no_term_features and n in TERM_FEATURES)]
    x, y = (
        np.concatenate(parts)
        for parts in zip(*(matrix(sets[n], keep) for n in args.train), strict=True)
    )
    model = fit_logistic(x, y.astype(float), args.c)
    for name in args.test:
        xt, yt = matrix(sets[name], keep)
        rule_auc = auc(yt, xt[:, keep.index("rule")])
        print(
            f"{name}: {len(yt)} pairs, AUC rule {rule_auc:.3f} model {auc(yt, predict(model, xt)):.3f}"
        )
        print(
            f"  rule at {cluster.STORY_THRESHOLD}: same-story F1 {same_story_f1(sets[name], cluster.STORY_THRESHOLD):.3f}"
        )

        def learned(a: Features, b: Features, rule: cluster.StoryRule) -> float:
            apart = days_apart(a, b)
            if apart is not None and apart > rule.window_days:
                return 0.0
            f = pair_features(a, b)
            return float(predict(model, np.array([[f[k] for k in keep]]))[0])

        cluster.similarity = learned
        try:
            for t in args.thresholds:
                print(f"  model at {t}: same-story F1 {same_story_f1(sets[name], t):.3f}")
        finally:
            cluster.similarity = RULE_SIMILARITY


if __name__ == "__main__":
    main()
