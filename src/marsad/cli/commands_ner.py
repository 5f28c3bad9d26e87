"""``marsad tag`` and ``marsad evaluate ner``: thin shells over marsad.analyse.ner.api."""

from __future__ import annotations

from pathlib import Path

import typer

from marsad.analyse.ner.api import MODELS, evaluate_conll, tag_conll
from marsad.analyse.ner.conll import format_scores
from marsad.errors import MarsadError

_MODEL_HELP = "Which shipped model: full (trained on all of ANERcorp train) or train90."


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("tag")(tag)
    evaluate.command("ner")(evaluate_ner)


def _model(value: str) -> str:
    if value not in MODELS:
        raise typer.BadParameter(f"choose one of {', '.join(MODELS)}")
    return value


def tag(
    conll: Path = typer.Option(
        ..., "--conll", exists=True, dir_okay=False, help="One token per line (first column)."
    ),
    model: str = typer.Option("full", callback=_model, help=_MODEL_HELP),
) -> None:
    """Tag named entities (IOB2: PERS, ORG, LOC, MISC); prints 'token TAG' line for line."""
    try:
        with conll.open(encoding="utf-8") as handle:
            lines = tag_conll(handle, model)
    except (MarsadError, UnicodeDecodeError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo("\n".join(lines))


def evaluate_ner(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold 'token TAG' file."),
    model: str = typer.Option("full", callback=_model, help=_MODEL_HELP),
) -> None:
    """Entity-level precision, recall and F1 (exact spans), micro and per type."""
    try:
        scores = evaluate_conll(file, model)
    except (MarsadError, UnicodeDecodeError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(format_scores(scores))
