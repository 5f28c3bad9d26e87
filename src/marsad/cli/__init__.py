"""The ``marsad`` command: a thin shell over :mod:`marsad.service`.

Each command group lives in its own module with a ``register(app, evaluate)`` function;
this module only assembles them, so commands can be added without touching the others.
"""

from __future__ import annotations

import typer

from marsad import __version__

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): Arabic news monitoring — ingest, extract, analyse and search Arabic news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate = typer.Typer(
    help="Measure quality against a gold set (precision, recall, F1).", no_args_is_help=True
)
app.add_typer(evaluate, name="evaluate")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Marsad (مرصد): Arabic news monitoring."""


def _register_all() -> None:
    from marsad.cli import (
        commands_extract,
        commands_ner,
        commands_quotes,
        commands_serve,
        commands_store,
        commands_stories,
        commands_watch,
    )

    for module in (
        commands_extract,
        commands_ner,
        commands_quotes,
        commands_store,
        commands_watch,
        commands_stories,
        commands_serve,
    ):
        module.register(app, evaluate)


_register_all()


def main() -> None:
    app()
