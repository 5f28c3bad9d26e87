"""``marsad extract``: pages in, one JSON object per article out."""

from __future__ import annotations

import json
import sys

import typer

from marsad import service
from marsad.ingest.readers import FORMATS
from marsad.model import Rejection


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    paths: list[str] = typer.Argument(
        ..., help="Files, folders, glob patterns or '-' for stdin. .gz is read transparently."
    ),
    fmt: str = typer.Option(
        "auto", "--format", "-f", help=f"Input format: {', '.join(FORMATS)} (auto detects it)."
    ),
    url: str | None = typer.Option(None, "--url", help="URL of the page, when reading one page."),
    no_analysis: bool = typer.Option(
        False, "--no-analysis", help="Skip entities and quotes (extraction only, faster)."
    ),
    fetch: bool = typer.Option(
        False,
        "--fetch",
        help="Fetch the page each feed item links to and extract it (uses the network; "
        "honours robots.txt, one request per second per site). Off by default.",
    ),
) -> None:
    """Extract articles and print them as JSON Lines (one article per line) on stdout.

    Rejected inputs are reported on stderr with their origin and reason; the other inputs
    are still processed. Exit status: 0 when at least one article came out, 1 otherwise.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    analyse = None if no_analysis else ("entities", "quotes")
    articles = rejected = 0
    out = sys.stdout
    for item in service.extract_paths(paths, fmt, url=url, analyse=analyse, fetch=fetch):
        if isinstance(item, Rejection):
            rejected += 1
            detail = f" ({item.detail})" if item.detail else ""
            typer.echo(f"marsad: {item.origin}: rejected: {item.reason}{detail}", err=True)
            continue
        articles += 1
        for warning in item.meta.get("warnings", ()):
            typer.echo(f"marsad: {item.origin}: warning: {warning}", err=True)
        out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    out.flush()
    typer.echo(f"marsad: {articles} article(s), {rejected} rejected input(s)", err=True)
    if articles == 0:
        raise typer.Exit(1)
