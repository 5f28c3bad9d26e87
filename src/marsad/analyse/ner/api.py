"""What the CLI and other stages call: tag CoNLL text, score a gold file, find entities."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from marsad.analyse.ner.conll import Score, read_rows, read_tagged, score
from marsad.analyse.ner.tagger import MODEL_FULL, MODEL_TRAIN90, load_tagger

MODELS = {"full": MODEL_FULL, "train90": MODEL_TRAIN90}


def tag_conll(lines: Iterable[str], model: str = "full") -> list[str]:
    """``token TAG`` for each token line, ``""`` for each blank line, line for line.

    The first column is the token; other columns are ignored; blank lines separate
    sentences. The whole input is one stretch of text for the document-consistency step.
    """
    rows = list(read_rows(lines))
    sentences: list[list[str]] = []
    current: list[str] = []
    for row in rows:
        if row.token is None:
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(row.token)
    if current:
        sentences.append(current)
    tags = iter(t for sent in load_tagger(MODELS[model]).tag_sentences(sentences) for t in sent)
    return ["" if row.token is None else f"{row.token} {next(tags)}" for row in rows]


def evaluate_conll(path: Path, model: str = "full") -> dict[str, Score]:
    """Entity-level scores of the shipped model on a ``token TAG`` gold file."""
    gold = read_tagged(path)
    predicted = load_tagger(MODELS[model]).tag_sentences([tokens for tokens, _ in gold])
    return score([tags for _, tags in gold], predicted)
