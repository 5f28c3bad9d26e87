"""CoNLL files (one token per line, blank line between sentences) and span-level scoring.

Scoring follows conlleval: an entity counts as found only when its type and both of its
boundaries match the gold entity exactly; micro scores pool every type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PERS", "ORG", "LOC", "MISC")


@dataclass(frozen=True)
class Row:
    """One line of a CoNLL file: a token with its columns, or a sentence break."""

    token: str | None
    columns: tuple[str, ...] = ()


def read_rows(lines: Iterable[str]) -> Iterator[Row]:
    """Rows of a CoNLL text: the first column is the token; blank lines are breaks."""
    for line in lines:
        cells = line.rstrip("\r\n").split()
        yield Row(cells[0], tuple(cells[1:])) if cells else Row(None)


def sentences(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Rows grouped into sentences (breaks dropped)."""
    current: list[Row] = []
    for row in rows:
        if row.token is None:
            if current:
                yield current
            current = []
        else:
            current.append(row)
    if current:
        yield current


def read_tagged(path: Path) -> list[tuple[list[str], list[str]]]:
    """``token TAG`` sentences; the tag is the last column (``O`` when missing)."""
    with path.open(encoding="utf-8") as handle:
        return [
            ([r.token or "" for r in sent], [r.columns[-1] if r.columns else "O" for r in sent])
            for sent in sentences(read_rows(handle))
        ]


def repair_iob2(tags: Sequence[str]) -> list[str]:
    """Valid IOB2: an ``I-X`` that does not continue an ``X`` entity becomes ``B-X``."""
    out = list(tags)
    # only I- tags can change; most tags of a text are O
    for i in [i for i, tag in enumerate(out) if tag[:2] == "I-"]:
        tag = out[i]
        if (out[i - 1] if i else "O")[2:] != tag[2:]:
            out[i] = "B-" + tag[2:]
    return out


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of an IOB2 sequence as ``(first, last + 1, type)`` token ranges."""
    out: list[tuple[int, int, str]] = []
    start, end, label = -1, -1, ""
    # only the tags other than O matter; most tags of a text are O
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:
        tag = tags[i]
        if i == end and tag[:2] == "I-" and tag[2:] == label:
            end = i + 1
            continue
        if start >= 0:
            out.append((start, end, label))
        start, end, label = (i, i + 1, tag[2:]) if len(tag) > 2 else (-1, -1, "")
    if start >= 0:
        out.append((start, end, label))
    return out


@dataclass(frozen=True)
class Score:
    true_pos: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Exact-match entity scores per type and ``"micro"`` over all types."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        gold_spans = set(spans(g))
        pred_spans = set(spans(p))
        for s in gold_spans:
            n_gold[s[2]] += 1
        for s in pred_spans:
            n_pred[s[2]] += 1
            tp[s[2]] += s in gold_spans
    types = sorted(set(n_gold) | set(n_pred), key=lambda t: (t not in LABELS, t))
    out = {t: Score(tp[t], n_pred[t], n_gold[t]) for t in types}
    out["micro"] = Score(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return out


def format_scores(scores: dict[str, Score]) -> str:
    """A plain table: type, precision, recall, F1, gold and predicted counts."""
    lines = [f"{'type':<6} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>6} {'pred':>6}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<6} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f} {s.gold:6d} {s.predicted:6d}"
        )
    return "\n".join(lines)
