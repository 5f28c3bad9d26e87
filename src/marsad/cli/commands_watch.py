"""``marsad watch``: poll feeds and sitemaps and ingest what is new, until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import typer

from marsad import ingest_service, search_service
from marsad.errors import ConfigError, StoreError
from marsad.ingest.fetch import Fetcher
from marsad.watch import SourceReport, Watcher, parse_interval, read_sources_file


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("watch")(watch)


def watch(
    sources_file: str = typer.Argument(
        ..., help="A text file with one feed or sitemap URL per line ('URL \\[name]', # comments)."
    ),
    every: str = typer.Option("10m", "--every", help="Time between polls: 30s, 10m, 1h."),
    db: str | None = typer.Option(
        None, "--db", envvar="MARSAD_DB", help="The store; default $MARSAD_DB, else ./marsad.db."
    ),
    once: bool = typer.Option(False, "--once", help="Poll every source once, then exit."),
    no_fetch: bool = typer.Option(
        False, "--no-fetch", help="Store feed items as they are; do not fetch the linked pages."
    ),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Skip entities and quotes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Log only errors."),
) -> None:
    """Poll the sources, fetch new articles and ingest them, until SIGINT or SIGTERM.

    What was seen is in the store, so a restarted watcher fetches nothing twice. A source
    that fails is logged (also with --quiet) and polled again next time; the others go
    on. With --once the exit status is 1 when a source failed (for cron).
    """
    logging.basicConfig(
        level=logging.ERROR if quiet else logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    try:
        interval = parse_interval(every)
        sources = read_sources_file(sources_file)
    except ConfigError as exc:
        typer.echo(f"marsad: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        logging.getLogger("marsad.watch").info("signal %d: stopping after this source", signum)
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    options = ingest_service.IngestOptions(
        workers=1, analyse=None if no_analysis else ingest_service.ANALYSES
    )
    summary = _PollSummary()
    try:
        with search_service.open_store(db) as store, Fetcher() as fetcher:
            watcher = Watcher(store, sources, fetcher, options, fetch_pages=not no_fetch)
            polls = watcher.run(interval, stop, max_polls=1 if once else None, on_poll=summary)
    except (StoreError, ConfigError) as exc:
        typer.echo(f"marsad: error: {exc}", err=True)
        raise typer.Exit(1) from exc
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    typer.echo(f"marsad: watch stopped after {polls} poll(s)", err=True)
    if once and summary.failed:
        raise typer.Exit(1)


class _PollSummary:
    """Logs each poll's summary (at ERROR when a source failed) and keeps its failures."""

    failed = 0

    def __call__(self, reports: list[SourceReport]) -> None:
        kept = sum(r.kept for r in reports)
        self.failed = sum(r.status == "error" for r in reports)
        logging.getLogger("marsad.watch").log(
            logging.ERROR if self.failed else logging.INFO,
            "poll done: %d source(s), %d new article(s) stored, %d source(s) failed",
            len(reports), kept, self.failed,
        )  # fmt: skip
