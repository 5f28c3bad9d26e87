"""``marsad evaluate pairs``: a thin shell over marsad.stories.evaluate."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from marsad.errors import MarsadError
from marsad.stories.evaluate import evaluate_gold, format_scores


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    evaluate.command("pairs")(evaluate_pairs)


def evaluate_pairs(
    gold: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="Labelled article pairs, one a line (JSONL)."
    ),
    news: Path | None = typer.Option(
        None,
        "--news",
        file_okay=False,
        help="Folder of the news corpora (default: data/news of $MARSAD_SHARED or ../shared).",
    ),
    entities: bool = typer.Option(
        True, "--entities/--no-entities", help="Run the entities stage first, as ingest does."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    errors: bool = typer.Option(False, "--errors", help="Also list the pairs scored wrong."),
) -> None:
    """Precision and recall of copies and of same-story pairs on a gold set of pairs.

    The gold articles are extracted from the corpora and placed by the story engine in
    corpus order; a copy pair is found when both articles are in one copy group, a
    same-story pair (copy or same_story) when both have one story id.
    """
    try:
        scores = evaluate_gold(gold, news, entities=entities)
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(scores.to_json(), ensure_ascii=False))
    else:
        typer.echo(format_scores(scores, errors))
