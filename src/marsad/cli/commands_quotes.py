"""``marsad evaluate quotes``: a thin shell over marsad.analyse.quotes.evaluate."""

from __future__ import annotations

from pathlib import Path

import typer

from marsad.analyse.quotes.evaluate import evaluate_gold, format_score
from marsad.errors import MarsadError


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    evaluate.command("quotes")(evaluate_quotes)


def evaluate_quotes(
    gold: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="Gold labels, one article a line (JSONL)."
    ),
    entities: bool = typer.Option(
        True, "--entities/--no-entities", help="Run the entities stage first, as the pipeline does."
    ),
    errors: bool = typer.Option(
        False, "--errors", help="Also list missed quotes, extra quotes and wrong speakers."
    ),
) -> None:
    """Precision, recall and F1 of quote extraction, and speaker accuracy, on a gold set.

    A found quote matches a gold one when the speakers agree and the contents share at
    least half of the gold content's words. Texts are read from the shared data folder
    ($MARSAD_SHARED, else ../shared beside the repository).
    """
    try:
        score = evaluate_gold(gold, entities=entities)
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(format_score(score, errors))
