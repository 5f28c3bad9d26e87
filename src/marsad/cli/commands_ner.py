"""``marsad tag``, ``marsad evaluate ner`` and ``marsad evaluate entities``: thin shells over
marsad.analyse.ner."""

from __future__ import annotations

from pathlib import Path

import typer

from marsad.analyse.ner.api import MODELS, evaluate_conll, tag_conll
from marsad.analyse.ner.conll import format_scores
from marsad.analyse.ner.documents import evaluate_entity_gold
from marsad.errors import MarsadError

_MODEL_HELP = "Which shipped model: full (trained on all of ANERcorp train) or train90."


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("tag")(tag)
    evaluate.command("ner")(evaluate_ner)
    evaluate.command("entities")(evaluate_entities)


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


def evaluate_entities(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Entity gold JSONL."),
    lenient: bool = typer.Option(
        False, "--lenient", help="Also accept a name that is the other's first or last words."
    ),
    errors: bool = typer.Option(False, "--errors", help="List missed and extra names."),
) -> None:
    """Document-level PERS/ORG/LOC names of the entity stage against a gold file."""
    try:
        scores, found = evaluate_entity_gold(gold, lenient=lenient)
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(format_scores(scores))
    if errors:
        for article, etype, name in found.missed:
            typer.echo(f"missed  {article}  {etype}  {name}")
        for article, etype, name in found.extra:
            typer.echo(f"extra   {article}  {etype}  {name}")
