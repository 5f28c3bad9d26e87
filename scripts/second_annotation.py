"""Second, blind annotation of the stories gold pairs, and adjudication of disagreements.

Every pair of ``tests/gold/pairs_*.jsonl`` is read again by another annotator who sees the
two articles only (no label, note, stratum or set), under the rules of ``docs/stories.md``
("The gold pairs"). Where the two labels differ, an adjudicator reads both articles and the
two labels with their notes (in random order, unnamed) and decides. Nobody in the loop sees
the engine's output::

    python scripts/second_annotation.py packets --out /tmp/ann          # key.jsonl + packet*.txt
    #   annotators write /tmp/ann/labels*.jsonl: {"n", "label", "confidence", "note"}
    python scripts/second_annotation.py agreement --out /tmp/ann        # agreement, kappa
    python scripts/second_annotation.py adjudication --out /tmp/ann     # adjudicate.txt
    #   the adjudicator writes /tmp/ann/adjudicated.jsonl: {"n", "label", "reason"}
    python scripts/second_annotation.py merge --out /tmp/ann            # rewrites the gold files

The dev and the first two held-out sets were re-annotated together (the defaults); the third
held-out set, first labelled from the same packets, with
``packets --sets pairs_heldout3 --seed 97 --parts 6``.

``merge`` keeps each pair's order and fields and adds ``annotators`` (the first and the
second label); where they differ, ``label`` becomes the adjudicated one and the
adjudicator's reason is added to the note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

from sample_pairs import SHARED, Article, load

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
SETS = ("pairs_dev", "pairs_heldout", "pairs_heldout2")
SEED = 2026  # the order of the pairs in the packets
ADJUDICATION_SEED = 5  # the order of the two labels shown to the adjudicator
PARTS = 4


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _articles(rows: list[dict], shared: Path) -> dict[tuple[str, str], Article]:
    wanted = {(r[s]["corpus"], r[s]["id"]) for r in rows for s in "ab"}
    return {(a.corpus, a.id): a for a in load(shared) if (a.corpus, a.id) in wanted}


def _show(n: int, row: dict, arts: dict[tuple[str, str], Article], cut: bool) -> list[str]:
    lines = [f"##### pair {n}"]
    for side in "ab":
        a = arts[(row[side]["corpus"], row[side]["id"])]
        day = dt.date.fromordinal(a.day) if a.day else "?"
        text = " ".join(a.text.split())
        if cut and len(text) > 4000:  # the packets cut very long texts; adjudication does not
            text = text[:3000] + " [...] " + text[-900:]
        lines.append(f"  {side}: outlet={a.source} date={day} ({len(a.text)} chars)")
        lines.append(f"  TITLE: {a.title}\n  TEXT: {text}")
    return lines


def packets(out: Path, shared: Path, sets: list[str], seed: int, parts: int) -> None:
    rows = [{**r, "set": name} for name in sets for r in _jsonl(GOLD / f"{name}.jsonl")]
    random.Random(seed).shuffle(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / "key.jsonl").write_text(
        "".join(json.dumps({"n": n, **r}, ensure_ascii=False) + "\n" for n, r in enumerate(rows))
    )
    arts = _articles(rows, shared)
    for k in range(parts):
        lines = [
            line
            for n in range(k, len(rows), parts)
            for line in [*_show(n, rows[n], arts, True), ""]
        ]
        (out / f"packet{k}.txt").write_text("\n".join(lines), "utf-8")


def _labels(out: Path) -> tuple[dict[int, dict], dict[int, dict]]:
    key = {r["n"]: r for r in _jsonl(out / "key.jsonl")}
    second = {r["n"]: r for f in sorted(out.glob("labels*.jsonl")) for r in _jsonl(f)}
    if set(second) != set(key):
        raise SystemExit(f"second labels cover {len(second)} of {len(key)} pairs")
    return key, second


def _first(row: dict) -> str:
    """The first annotator's label (a line already merged keeps it in ``annotators``)."""
    return str(row["annotators"][0] if "annotators" in row else row["label"])


def kappa(pairs: list[tuple[object, object]]) -> tuple[float, float]:
    """Observed agreement and Cohen's kappa of two label sequences."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / n / n
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(out: Path) -> None:
    key, second = _labels(out)
    for name in (*sorted({row["set"] for row in key.values()}), None):
        pairs = [(_first(key[n]), second[n]["label"]) for n in key if name in (None, key[n]["set"])]
        same = [(a != "different", b != "different") for a, b in pairs]
        (po, k), (pb, kb) = kappa(pairs), kappa(same)
        print(
            f"{name or 'all':15s} pairs {len(pairs):3d}  three labels: agree {po:.3f} kappa {k:.3f}"
            f"  same story or not: agree {pb:.3f} kappa {kb:.3f}"
        )


def adjudication(out: Path, shared: Path) -> None:
    key, second = _labels(out)
    disputed = [n for n in sorted(key) if _first(key[n]) != second[n]["label"]]
    arts = _articles([key[n] for n in disputed], shared)
    rng = random.Random(ADJUDICATION_SEED)
    lines = []
    for n in disputed:
        views = [(_first(key[n]), key[n]["note"]), (second[n]["label"], second[n]["note"])]
        rng.shuffle(views)
        lines += _show(n, key[n], arts, False)
        lines += [
            f"  annotator {who}: {label} — {note}"
            for who, (label, note) in zip("XY", views, strict=True)
        ]
        lines.append("")
    (out / "adjudicate.txt").write_text("\n".join(lines), "utf-8")
    print(f"{len(disputed)} disputed pairs in {out / 'adjudicate.txt'}")


def merge(out: Path) -> None:
    key, second = _labels(out)
    decided = {r["n"]: r for r in _jsonl(out / "adjudicated.jsonl")}
    final: dict[tuple[str, str, str, str], dict] = {}
    for n, row in key.items():
        first_label, second_label = _first(row), second[n]["label"]
        if first_label != second_label and n not in decided:
            raise SystemExit(f"pair {n} is disputed and not adjudicated")
        ident = (row["a"]["corpus"], row["a"]["id"], row["b"]["corpus"], row["b"]["id"])
        final[ident] = {"annotators": [first_label, second_label]}
        if first_label != second_label:
            final[ident]["label"] = decided[n]["label"]
            note = row["note"].split("; adjudicated: ")[0]  # merging twice adds nothing
            final[ident]["note"] = f"{note}; adjudicated: {decided[n]['reason']}"
    for name in sorted({row["set"] for row in key.values()}):
        path = GOLD / f"{name}.jsonl"
        rows = _jsonl(path)
        for row in rows:
            row.update(
                final[(row["a"]["corpus"], row["a"]["id"], row["b"]["corpus"], row["b"]["id"])]
            )
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("packets", "agreement", "adjudication", "merge"))
    parser.add_argument("--out", type=Path, required=True, help="working folder")
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--sets", nargs="+", default=list(SETS), help="gold files (packets)")
    parser.add_argument("--seed", type=int, default=SEED, help="shuffle of the pairs (packets)")
    parser.add_argument("--parts", type=int, default=PARTS, help="packets to write")
    args = parser.parse_args()
    if args.step == "packets":
        packets(args.out, args.data, args.sets, args.seed, args.parts)
    elif args.step == "agreement":
        agreement(args.out)
    elif args.step == "adjudication":
        adjudication(args.out, args.data)
    else:
        merge(args.out)


if __name__ == "__main__":
    main()
