"""Sample hard candidate pairs for the stories gold set (tests/gold/pairs_dev.jsonl).

The gold set must be hard: near-identical copies are easy for any detector, so most pairs
are drawn where copy / same-story / different are hard to tell apart. Candidates come from
two similarity views over SaudiNewsNet and ANT (multisource), computed here with simple,
independent code (not the detector under test):

* 3-word shingles of the match key, exact Jaccard and containment, for pairs found by a
  permissive MinHash LSH (Jaccard 0.15);
* TF-IDF cosine over match-key words (title + text) for pairs within 3 days of each other
  (SaudiNewsNet has no publication date: its crawl date stands in).

Pairs are then drawn per stratum (table ``STRATA``) with a fixed seed, at most twice per
article, and printed as a work list *without* the similarity numbers so that labelling is
done by reading the two articles::

    OPENBLAS_NUM_THREADS=1 python scripts/sample_pairs.py sample > /tmp/pairs_work.jsonl
    python scripts/sample_pairs.py show /tmp/pairs_work.jsonl 0 20   # read pairs 0..19

Labels are then written by hand into tests/gold/pairs_dev.jsonl (ids, label, a note).

The held-out set (tests/gold/pairs_heldout.jsonl) was drawn the same way with another seed,
smaller quotas and the dev set's pairs and articles excluded::

    OPENBLAS_NUM_THREADS=1 python scripts/sample_pairs.py sample --seed 23 --scale 0.35 \\
        --exclude tests/gold/pairs_dev.jsonl > /tmp/heldout_work.jsonl

The second and third held-out sets likewise (seeds 61 and 97, scales 0.7 and 3, every
earlier set excluded; the third without its ``shingle_high`` stratum, labelled from the
packets that ``scripts/second_annotation.py packets --sets pairs_heldout3 --seed 97
--parts 6`` rebuilds). docs/stories.md ("The gold pairs") has the exact commands.

The ``show`` view cuts long texts (``--head``/``--tail``); read further with a larger
``--head`` when the beginning does not decide the label.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import gzip
import json
import random
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy import sparse

from marsad.text.normalize import match_key

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPORA = ("saudinewsnet", "ant_multisource")
SEED = 7
WINDOW_DAYS = 3
_WORD_RE = re.compile(r"\w+")
_LETTERS_RE = re.compile(r"[^\W\d_]{2,}")
#: Headline words of daily market reports: pairs of them on nearby days share most words
#: but often report opposite moves (the ANS "disagree" headlines are of this kind).
MARKET_WORDS = ("الذهب", "النفط", "الدولار", "الاسهم", "البورصه", "برنت", "اليورو", "الطقس")


@dataclass
class Article:
    corpus: str
    id: str
    source: str
    title: str
    text: str
    day: int


@dataclass
class Pair:
    i: int
    j: int
    jaccard: float = 0.0
    containment: float = 0.0
    cosine: float = 0.0


def load(shared: Path) -> list[Article]:
    out = []
    for corpus in CORPORA:
        with gzip.open(shared / "news" / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                date = (r.get("published") or r.get("date_extracted") or "")[:10]
                day = dt.date.fromisoformat(date).toordinal() if date else 0
                out.append(
                    Article(corpus, r["id"], r["source"], r["title"] or "", r["text"] or "", day)
                )
    return out


def shingles(text: str) -> np.ndarray:
    words = _WORD_RE.findall(match_key(text))
    grams = (" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1)))
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32))


def shingle_pairs(shingle_sets: list[np.ndarray]) -> dict[tuple[int, int], Pair]:
    lsh = MinHashLSH(threshold=0.15, num_perm=128)
    base = MinHash(num_perm=128, seed=1)
    pairs: dict[tuple[int, int], Pair] = {}
    for i, sh in enumerate(shingle_sets):
        if len(sh) < 5:
            continue
        m = MinHash(
            num_perm=128, seed=1, hashfunc=int, permutations=base.permutations, scheme="affine32"
        )
        m.update_batch(sh.tolist())
        for j in lsh.query(m):
            inter = len(np.intersect1d(sh, shingle_sets[j], assume_unique=True))
            small = min(len(sh), len(shingle_sets[j]))
            jac = inter / (len(sh) + len(shingle_sets[j]) - inter)
            pairs[(j, i)] = Pair(j, i, jaccard=jac, containment=inter / small)
        lsh.insert(i, m)
    return pairs


def cosine_pairs(arts: list[Article], floor: float = 0.12) -> dict[tuple[int, int], float]:
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, a in enumerate(arts):
        counts = collections.Counter(_LETTERS_RE.findall(match_key(a.title + " " + a.text)))
        for w, n in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(1 + np.log(n))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(arts), len(vocab)))
    df = np.bincount(cols, minlength=len(vocab))
    idf = np.log(len(arts) / (1 + df))
    idf[df > len(arts) * 0.1] = 0
    x = x.multiply(idf).tocsr()
    norm = np.sqrt(x.multiply(x).sum(1)).A1
    norm[norm == 0] = 1
    x = (sparse.diags(1 / norm) @ x).tocsr()
    days = np.array([a.day for a in arts])
    corpus = np.array([a.corpus for a in arts])
    out: dict[tuple[int, int], float] = {}
    for c in CORPORA:
        for d in np.unique(days[corpus == c]):
            idx = np.where((days == d) & (corpus == c))[0]
            win = np.where((corpus == c) & (days >= d) & (days <= d + WINDOW_DAYS))[0]
            sims = (x[idx] @ x[win].T).tocoo()
            for r, k, v in zip(sims.row, sims.col, sims.data, strict=True):
                i, j = int(idx[r]), int(win[k])
                if i != j and v >= floor:
                    out[(min(i, j), max(i, j))] = float(v)
    return out


def title_names(title: str, df: collections.Counter[str]) -> set[str]:
    """Rare headline words: a cheap stand-in for shared entities."""
    return {w for w in _LETTERS_RE.findall(match_key(title)) if len(w) > 3 and df[w] <= 30}


Predicate = Callable[[Pair, Article, Article], bool]


def _strata(arts: list[Article]) -> list[tuple[str, int, Predicate]]:
    def market(a: Article) -> bool:
        return any(w in match_key(a.title) for w in MARKET_WORDS)

    return [
        ("shingle_high", 12, lambda p, a, b: p.jaccard >= 0.7),
        ("shingle_mid", 20, lambda p, a, b: 0.4 <= p.jaccard < 0.7),
        ("shingle_low", 30, lambda p, a, b: 0.15 <= p.jaccard < 0.4 and p.containment < 0.7),
        ("trimmed", 15, lambda p, a, b: p.jaccard < 0.4 and p.containment >= 0.7),
        ("spa_wire", 20, lambda p, a, b: "was" in (a.source, b.source) and a.source != b.source),
        ("cosine_high", 30, lambda p, a, b: p.cosine >= 0.4 and p.jaccard < 0.15),
        ("cosine_mid", 35, lambda p, a, b: 0.2 <= p.cosine < 0.4 and p.jaccard < 0.15),
        (
            "ant_cross_outlet",
            15,
            lambda p, a, b: (
                a.corpus == b.corpus == "ant_multisource"
                and a.source != b.source
                and p.cosine >= 0.3
            ),
        ),
        ("market_reports", 12, lambda p, a, b: market(a) and market(b) and p.cosine >= 0.25),
    ]


def sample(
    arts: list[Article],
    seed: int = SEED,
    scale: float = 1.0,
    exclude: frozenset[tuple[str, str]] = frozenset(),
) -> Iterator[dict[str, object]]:
    """Candidate pairs per stratum; articles in ``exclude`` (corpus, id) are never drawn, so
    that a held-out set shares no article with the set it checks."""
    shingle_sets = [shingles(a.text) for a in arts]
    pairs = shingle_pairs(shingle_sets)
    for key, cos in cosine_pairs(arts).items():
        pairs.setdefault(key, Pair(*key)).cosine = cos
    rnd = random.Random(seed)
    used: collections.Counter[int] = collections.Counter()
    for k, a in enumerate(arts):
        if (a.corpus, a.id) in exclude:
            used[k] = 2  # as if already drawn twice
    taken: set[tuple[int, int]] = set()
    ordered = sorted(pairs.values(), key=lambda p: (p.i, p.j))
    rnd.shuffle(ordered)
    for name, full_quota, pred in _strata(arts):
        quota = max(1, round(full_quota * scale))
        got = 0
        for p in ordered:
            if got >= quota:
                break
            a, b = arts[p.i], arts[p.j]
            if (p.i, p.j) in taken or used[p.i] >= 2 or used[p.j] >= 2 or not pred(p, a, b):
                continue
            taken.add((p.i, p.j))
            used.update((p.i, p.j))
            got += 1
            yield _row(name, a, b)
    yield from _names_stratum(arts, pairs, rnd, taken, used, max(1, round(20 * scale)))
    yield from _ans_stratum(arts, exclude)


def _names_stratum(
    arts: list[Article],
    pairs: dict[tuple[int, int], Pair],
    rnd: random.Random,
    taken: set[tuple[int, int]],
    used: collections.Counter[int],
    quota: int = 20,
) -> Iterator[dict[str, object]]:
    """Same-day pairs sharing two rare headline words but little text (same entities)."""
    df: collections.Counter[str] = collections.Counter()
    for a in arts:
        df.update(set(_LETTERS_RE.findall(match_key(a.title))))
    by_day: dict[tuple[str, int], list[int]] = collections.defaultdict(list)
    for k, a in enumerate(arts):
        by_day[(a.corpus, a.day)].append(k)
    names = [title_names(a.title, df) for a in arts]
    found = []
    for _key, ks in sorted(by_day.items()):
        for x, i in enumerate(ks):
            for j in ks[x + 1 :]:
                p = pairs.get((i, j))
                if len(names[i] & names[j]) >= 2 and (p is None or p.cosine < 0.2):
                    found.append((i, j))
    rnd.shuffle(found)
    got = 0
    for i, j in found:
        if got >= quota:
            break
        if (i, j) in taken or used[i] >= 2 or used[j] >= 2:
            continue
        taken.add((i, j))
        used.update((i, j))
        got += 1
        yield _row("same_day_names", arts[i], arts[j])


def _ans_stratum(
    arts: list[Article], exclude: frozenset[tuple[str, str]]
) -> Iterator[dict[str, object]]:
    """ANS 'disagree' headline pairs whose two articles are both in the corpora."""
    by_title: dict[str, int] = {}
    for k, a in enumerate(arts):
        by_title.setdefault(match_key(a.title), k)
    for split in ("train", "dev", "test"):
        with open(SHARED / "pairs" / f"{split}.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                i, j = by_title.get(match_key(row["s1"])), by_title.get(match_key(row["s2"]))
                if row["stance"] != "disagree" or i is None or j is None:
                    continue
                if {(arts[i].corpus, arts[i].id), (arts[j].corpus, arts[j].id)} & exclude:
                    continue
                yield _row("ans_disagree", arts[i], arts[j])


def _row(stratum: str, a: Article, b: Article) -> dict[str, object]:
    return {
        "a": {"corpus": a.corpus, "id": a.id},
        "b": {"corpus": b.corpus, "id": b.id},
        "stratum": stratum,
    }


def show(work: Path, start: int, stop: int, shared: Path, head: int, tail: int) -> None:
    rows = [json.loads(line) for line in work.read_text("utf-8").splitlines() if line.strip()]
    wanted = {(r[s]["corpus"], r[s]["id"]) for r in rows[start:stop] for s in ("a", "b")}
    arts = {(a.corpus, a.id): a for a in load(shared) if (a.corpus, a.id) in wanted}
    for n, r in enumerate(rows[start:stop], start):
        print(f"##### {n} [{r['stratum']}]")
        for s in ("a", "b"):
            a = arts[(r[s]["corpus"], r[s]["id"])]
            day = dt.date.fromordinal(a.day) if a.day else "?"
            print(f"  {s}: {a.id} {a.source} {day} ({len(a.text)} chars)\n  T: {a.title}")
            text = " ".join(a.text.split())
            cut = len(text) > head + tail + 40
            print("  " + (text[:head] + " [...] " + text[-tail:] if cut else text))
        print()


def _gold_articles(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for side in ("a", "b"):
                    yield row[side]["corpus"], row[side]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    sub = parser.add_subparsers(dest="cmd", required=True)
    sa = sub.add_parser("sample")
    sa.add_argument("--seed", type=int, default=SEED, help="random seed of the draw")
    sa.add_argument("--scale", type=float, default=1.0, help="multiplies every quota")
    sa.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a gold file whose articles are not drawn again (repeatable)",
    )
    sh = sub.add_parser("show")
    sh.add_argument("work", type=Path)
    sh.add_argument("start", type=int)
    sh.add_argument("stop", type=int)
    sh.add_argument("--head", type=int, default=700, help="characters shown from the start")
    sh.add_argument("--tail", type=int, default=250, help="characters shown from the end")
    args = parser.parse_args()
    if args.cmd == "sample":
        exclude = frozenset(_gold_articles(args.exclude))
        for row in sample(load(args.data), args.seed, args.scale, exclude):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        show(args.work, args.start, args.stop, args.data, args.head, args.tail)


if __name__ == "__main__":
    main()
