"""Learn word clusters from the unlabeled news in ../shared/data/news/ for the NER tagger.

Distributional clusters (Brown-style word classes) are the cheapest strong semi-supervised
feature for a CRF: a rare name in the test data shares a class with the names the tagger saw.
Here they come from a directional co-occurrence matrix (left/right neighbours at distance 1
and 2), weighted by positive PMI, reduced by a randomized SVD and clustered by k-means at
three granularities. Every step is deterministic (fixed seed, one thread is enough).

The same vectors also give a binarised embedding (Guo et al. 2014): for each of the first
SIGN_DIMS dimensions, whether a word lies far above ("3+") or below ("3-") zero.

Writes ``src/marsad/data/ner/lexicon.tsv.gz``, a header line then one line per folded word
form seen at least MIN_COUNT times: ``word count c64 c256 c1024 c16 c4096 emb``. Takes about
15 minutes on one core (the 4096-class k-means is most of it); a rerun rebuilds the
shipped file's content exactly. Usage::

    OPENBLAS_NUM_THREADS=1 python scripts/build_clusters.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy import sparse

from marsad.analyse.ner.lexicon import lexicon_form
from marsad.text.tokenize import tokenize

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "marsad" / "data" / "ner" / "lexicon.tsv.gz"
#: Corpora with a licence that allows derived data (aljazeera_2026 is "tests only").
CORPORA = ("ant_multisource.jsonl.gz", "saudinewsnet.jsonl.gz", "ant_jawharafm.jsonl.gz")
SEED = 13
#: Words seen fewer times get no class: below 5 the context vectors are noise (checked by
#: eye on name neighbours) and the lexicon grows past 4 MB.
MIN_COUNT = 5
#: Context words: the most frequent ones, distinct per side and distance.
N_CONTEXTS = 20_000
OFFSETS = (-2, -1, 1, 2)
#: Dimensions kept by the SVD (100 is the usual size for clustering; 150 gave no better dev F1).
DIM = 100
#: Cluster counts, as in multi-granularity Brown-cluster prefixes. The first three came
#: first; 16 and 4096 were added later (+0.35 point of dev F1) from the float32 copy of the
#: vectors with their own seed, which is why they are computed apart (see main).
K_LEVELS = (64, 256, 1024)
K_LEVELS_ADDED = (16, 4096)
SEED_ADDED = 99
KMEANS_ITERATIONS = 25
#: Dimensions binarised into sign features, and the count a word needs to get them.
SIGN_DIMS = 50
SIGN_MIN_COUNT = 10
HEADER = "#word\tcount\tc64\tc256\tc1024\tc16\tc4096\temb\n"


def iter_texts(news_dir: Path) -> Iterator[str]:
    """Article texts, each distinct text once (SaudiNewsNet republishes wire stories)."""
    seen: set[bytes] = set()
    for name in CORPORA:
        with gzip.open(news_dir / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = " ".join(str(record.get(k) or "") for k in ("title", "text"))
                digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()
                if digest in seen:
                    continue
                seen.add(digest)
                yield text


def corpus_ids(news_dir: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The vocabulary (by falling count), the counts, and the corpus as an id array.

    Sentence breaks are id -1 so that no context crosses an article.
    """
    vocab: dict[str, int] = {}
    stream: list[int] = []
    for text in iter_texts(news_dir):
        for tok in tokenize(text):
            form = lexicon_form(tok.text)
            stream.append(vocab.setdefault(form, len(vocab)))
        stream.append(-1)
    ids = np.asarray(stream, dtype=np.int64)
    counts = np.bincount(ids[ids >= 0], minlength=len(vocab))
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    words = list(vocab)
    sorted_words = [words[i] for i in order]
    ids = np.where(ids >= 0, rank[np.maximum(ids, 0)], -1)
    return sorted_words, counts[order], ids


def cooccurrence(ids: np.ndarray, n_rows: int) -> sparse.csr_matrix:
    """Counts of (word, context word at offset d) for words of rank < n_rows."""
    blocks = []
    n = len(ids)
    for k, d in enumerate(OFFSETS):
        w, c = (ids[: n - d], ids[d:]) if d > 0 else (ids[-d:], ids[: n + d])
        keep = (w >= 0) & (w < n_rows) & (c >= 0) & (c < N_CONTEXTS)
        blocks.append((w[keep], c[keep] + k * N_CONTEXTS))
    rows = np.concatenate([b[0] for b in blocks])
    cols = np.concatenate([b[1] for b in blocks])
    data = np.ones(len(rows), dtype=np.float64)
    shape = (n_rows, N_CONTEXTS * len(OFFSETS))
    return sparse.csr_matrix((data, (rows, cols)), shape=shape)


def ppmi(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive PMI with context counts smoothed by ^0.75 (Levy et al. 2015)."""
    matrix = matrix.tocoo()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    col_p = col_sums / col_sums.sum()
    pmi = np.log(matrix.data * 1.0 / total) - np.log(row_sums[matrix.row] / total)
    pmi -= np.log(col_p[matrix.col])
    keep = pmi > 0
    out = sparse.csr_matrix((pmi[keep], (matrix.row[keep], matrix.col[keep])), shape=matrix.shape)
    return out


def randomized_svd(matrix: sparse.csr_matrix, dim: int, rng: np.random.Generator) -> np.ndarray:
    """Left singular vectors scaled by sqrt(singular values) (Halko et al. 2011)."""
    probe = rng.standard_normal((matrix.shape[1], dim + 20))
    basis = matrix @ probe
    for _ in range(3):
        basis, _ = np.linalg.qr(basis)
        basis = matrix @ (matrix.T @ basis)
    basis, _ = np.linalg.qr(basis)
    small = (matrix.T @ basis).T
    u_small, s, _ = np.linalg.svd(small, full_matrices=False)
    vectors = basis @ u_small[:, :dim]
    return vectors * np.sqrt(s[:dim])


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding on a sample; returns labels."""
    sample = x[rng.choice(len(x), size=min(len(x), 20 * k), replace=False)]
    centres = [sample[rng.integers(len(sample))]]
    best = np.full(len(sample), np.inf)
    for _ in range(1, k):
        best = np.minimum(best, 2.0 - 2.0 * sample @ centres[-1])
        p = np.maximum(best, 0) / np.maximum(best, 0).sum()
        centres.append(sample[rng.choice(len(sample), p=p)])
    c = np.asarray(centres)
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(KMEANS_ITERATIONS):
        labels = np.argmax(x @ c.T, axis=1)
        sums = np.zeros_like(c)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        c = np.where(empty[:, None], c, sums / np.where(norms == 0, 1, norms))
    return labels


def signs(vectors: np.ndarray) -> list[str]:
    """Binarised embeddings: a dimension is "+" above the mean of its positive values and
    "-" below the mean of its negative values (a dimension without negative values,
    the first singular vector, never fires "-")."""
    v = vectors[:, :SIGN_DIMS]
    with np.errstate(invalid="ignore", divide="ignore"):
        pos = np.array([col[col > 0].mean() if (col > 0).any() else np.nan for col in v.T])
        neg = np.array([col[col < 0].mean() if (col < 0).any() else np.nan for col in v.T])
    out = []
    for row in v:
        items = [f"{k}+" for k in np.nonzero(row > pos)[0]]
        items += [f"{k}-" for k in np.nonzero(row < neg)[0]]
        out.append(",".join(items))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--vectors", type=Path, help="also save the vectors (.npy) here")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(SEED)
    t0 = time.time()
    words, counts, ids = corpus_ids(args.data / "news")
    n_rows = int((counts >= MIN_COUNT).sum())
    print(f"{len(ids):,} tokens, {len(words):,} types, {n_rows:,} kept", file=sys.stderr)
    vectors = randomized_svd(ppmi(cooccurrence(ids, n_rows)), DIM, rng)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    if args.vectors:
        np.save(args.vectors, vectors.astype(np.float32))
    levels = [kmeans(vectors, k, rng) for k in K_LEVELS]
    stored = vectors.astype(np.float32).astype(np.float64)
    rng_added = np.random.default_rng(SEED_ADDED)
    levels += [kmeans(stored, k, rng_added) for k in K_LEVELS_ADDED]
    emb = signs(stored)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(HEADER.encode("utf-8"))
        for i in range(n_rows):
            cells = [words[i], str(int(counts[i]))] + [str(int(lv[i])) for lv in levels]
            cells.append(emb[i] if counts[i] >= SIGN_MIN_COUNT else "")
            raw.write(("\t".join(cells) + "\n").encode("utf-8"))
    print(f"wrote {args.out} in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
