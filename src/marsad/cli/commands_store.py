"""``marsad ingest | search | quotes | entities | show | stats | export``: the store's CLI.

A thin shell over :mod:`marsad.ingest_service` and :mod:`marsad.search_service`: it parses
options, prints tables (rich) or JSON Lines (--json) and turns errors into exit codes:
1 for a store or configuration problem, 2 for a query that cannot be understood.
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from marsad import ingest_service, search_service
from marsad.errors import ConfigError, QueryError, StoreError
from marsad.ingest.readers import FORMATS
from marsad.store.base import SearchFilters, Store
from marsad.store.export import FORMATS as EXPORT_FORMATS
from marsad.store.export import export_parquet, export_text

_DB_HELP = "The store: a SQLite file or a postgresql:// URL; default $MARSAD_DB, else ./marsad.db."
_JSON_HELP = "Print JSON Lines (one object per line) instead of a table."


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    for name, func in (
        ("ingest", ingest),
        ("search", search),
        ("quotes", quotes),
        ("entities", entities),
        ("show", show),
        ("stats", stats),
        ("export", export),
    ):
        app.command(name)(func)


def _db_option() -> Any:
    return typer.Option(None, "--db", envvar="MARSAD_DB", help=_DB_HELP)


@contextmanager
def _store(db: str | None, *, must_exist: bool = True) -> Iterator[Store]:
    try:
        with search_service.open_store(db, must_exist=must_exist) as store:
            yield store
    except QueryError as exc:
        typer.echo(f"marsad: bad query: {exc}", err=True)
        raise typer.Exit(2) from exc
    except (StoreError, ConfigError) as exc:
        typer.echo(f"marsad: error: {exc}", err=True)
        raise typer.Exit(1) from exc


#: Rejections an ingest prints; the rest are counted and listed by 'marsad stats --failures'.
SHOWN_REJECTIONS = 20


def _echo_first(lines: list[str], more: str) -> None:
    """The first :data:`SHOWN_REJECTIONS` lines on stderr, then how many were left out."""
    for line in lines[:SHOWN_REJECTIONS]:
        typer.echo(f"marsad: {line}", err=True)
    if len(lines) > SHOWN_REJECTIONS:
        typer.echo(f"marsad: … and {len(lines) - SHOWN_REJECTIONS} {more}", err=True)


def _emit_json(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _table(columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(
            *(r if isinstance(r, Text) else Text("" if r is None else str(r)) for r in row)
        )
    Console().print(table)


def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files, folders, globs or '-' (every format extract reads)."
    ),
    db: str | None = _db_option(),
    fmt: str = typer.Option("auto", "--format", "-f", help=f"Input format: {', '.join(FORMATS)}."),
    workers: int = typer.Option(0, "--workers", "-w", help="Pipeline processes (0: one per core)."),
    batch_size: int = typer.Option(
        ingest_service.DEFAULT_BATCH_SIZE, "--batch-size", help="Records per transaction."
    ),
    no_analysis: bool = typer.Option(False, "--no-analysis", help="Skip entities and quotes."),
    no_stories: bool = typer.Option(
        False,
        "--no-stories",
        help="Do not place articles in stories now (a faster bulk load); "
        "'marsad stories --rebuild' places them later.",
    ),
    quiet: bool = typer.Option(
        False,
        "--quiet",
        "-q",
        help="No progress bar and no summary (rejections are still reported).",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run on Dask: a scheduler address (tcp://HOST:8786; needs a postgresql:// "
        "store) or 'local' for a local cluster of --workers processes.",
    ),
) -> None:
    """Run the whole pipeline on the inputs and store the articles.

    Inputs already processed are skipped, and an article already stored (same URL, or the
    same normalised text from the same outlet) is counted as a duplicate, so re-running
    after a crash resumes. The same text from another outlet is stored as a republished
    copy, and every article is placed in a story (docs/stories.md).
    With --scheduler the pipeline runs on a Dask cluster's workers (docs/scaling.md).
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if workers < 0 or batch_size < 1:
        raise typer.BadParameter("--workers must be ≥ 0 and --batch-size ≥ 1")
    options = ingest_service.IngestOptions(
        fmt=fmt,
        workers=workers or None,
        batch_size=batch_size,
        analyse=None if no_analysis else ingest_service.ANALYSES,
        stories=not no_stories,
    )
    # SIGTERM (a service manager, `timeout`) stops the run as Ctrl-C does: the run is
    # recorded as interrupted, not left "running" until the next ingest notices
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with _store(db, must_exist=False) as store:
            run = _ingest_runner(store, db, paths, options, scheduler)
            result = run(None) if quiet else _ingest_with_progress(run)
    except KeyboardInterrupt:
        typer.echo(
            "marsad: interrupted; what was stored is kept: run the same command to resume",
            err=True,
        )
        raise typer.Exit(130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    # rejections are shown with --quiet too: a cron job must see what it lost
    _echo_first(
        [f"{f.origin}: rejected: {f.reason}" + (f" ({f.detail})" if f.detail else "")
         for f in result.failures],
        "more rejected: marsad stats --failures",
    )  # fmt: skip
    capped = len(result.warnings) >= ingest_service.MAX_WARNINGS  # kept, but repaired
    _echo_first(
        [f"{origin}: warning: {warning}" for origin, warning in result.warnings],
        "more warnings" + (" (at least)" if capped else ""),
    )
    if not quiet:
        typer.echo(
            f"marsad: {result.kept} kept ({result.copies} republished copies), "
            f"{result.duplicates} duplicate(s), "
            f"{result.rejected} rejected, {result.skipped} input(s) already ingested; "
            f"{result.seconds:.1f} s ({result.articles_per_second:.0f} articles/s)",
            err=True,
        )
    _report_partitions(result)
    missing = [f.origin for f in result.failures if f.reason == "not_found"]
    if missing:  # a mistyped path is the user's error, not a bad record of the data
        typer.echo(f"marsad: error: no such input: {', '.join(missing[:5])}", err=True)
        raise typer.Exit(1)
    if result.rejected and not (result.kept or result.duplicates or result.skipped):
        typer.echo("marsad: error: every input was rejected; nothing was stored", err=True)
        raise typer.Exit(1)  # as 'marsad extract' when no article comes out


OnProgress = Callable[[ingest_service.IngestStats], None]


def _ingest_runner(
    store: Store,
    db: str | None,
    paths: list[str],
    options: ingest_service.IngestOptions,
    scheduler: str | None,
) -> Callable[[OnProgress | None], ingest_service.IngestStats]:
    """The ingest to run: in this machine's processes, or on Dask with --scheduler."""
    if scheduler is None:
        return lambda progress: ingest_service.ingest_paths(store, paths, options, progress)
    from marsad import distributed

    location = search_service.store_path(db)
    return lambda progress: distributed.ingest_distributed(
        store, location, paths, scheduler, options, progress
    )


def _report_partitions(result: ingest_service.IngestStats) -> None:
    """Partitions that failed on the cluster after their retries: say so, exit 1."""
    failed = getattr(result, "failed_partitions", [])
    for part in failed:
        typer.echo(
            f"marsad: partition {part.index} ({part.records} records, {part.first_origin} … "
            f"{part.last_origin}) failed: {part.error}",
            err=True,
        )
    if failed:
        typer.echo(
            f"marsad: {len(failed)} partition(s) failed and were not stored; run the same "
            "command again to retry them",
            err=True,
        )
        raise typer.Exit(1)


def _ingest_with_progress(
    run: Callable[[OnProgress | None], ingest_service.IngestStats],
) -> ingest_service.IngestStats:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("[green]{task.fields[kept]} kept[/] · {task.fields[dup]} duplicate · "
                   "[red]{task.fields[rej]} rejected[/] · {task.fields[skip]} skipped"),
        TextColumn("{task.fields[rate]:.0f} articles/s"),
        TimeElapsedColumn(),
    )  # fmt: skip
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("ingest", total=None, kept=0, dup=0, rej=0, skip=0, rate=0.0)

        def update(s: ingest_service.IngestStats) -> None:
            progress.update(
                task, kept=s.kept, dup=s.duplicates, rej=s.rejected, skip=s.skipped,
                rate=s.articles_per_second,
            )  # fmt: skip

        result = run(update)
        update(result)
    return result


def search(
    query: str = typer.Argument(
        ..., help='Words (all must match), "a phrase", -excluded, prefix*.'
    ),
    db: str | None = _db_option(),
    limit: int = typer.Option(10, "--limit", "-n", help="Number of results."),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
    speaker: str | None = typer.Option(
        None, "--speaker", help="Only articles quoting this speaker."
    ),
    entity: str | None = typer.Option(
        None, "--entity", help="Only articles mentioning this entity."
    ),
    source: str | None = typer.Option(None, "--source", help="Only articles from this source."),
    since: str | None = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    story: int | None = typer.Option(None, "--story", help="Only articles of this story id."),
) -> None:
    """Search the stored articles (Arabic-aware: spelling variants and word forms match)."""
    filters = SearchFilters(speaker, entity, source, since, until, story)
    with _store(db) as store:
        results = search_service.search(store, query, filters, limit)
    if as_json:
        _emit_json([r.to_json() for r in results])
        return
    rows = []
    for r in results:
        snippet = Text(r.snippet.text)
        for start, end in r.snippet.highlights:
            snippet.stylize("bold yellow", start, end)
        rows.append([str(r.hit.article_id), r.hit.published or "", r.hit.title or "", snippet])
    _table(["id", "published", "title", "snippet"], rows)


def quotes(
    db: str | None = _db_option(),
    speaker: str | None = typer.Option(None, "--speaker", help="Speaker name (any part of it)."),
    about: str | None = typer.Option(None, "--about", help="A search query on the quotation."),
    limit: int = typer.Option(50, "--limit", "-n", help="Number of quotations."),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """List stored quotations, newest first."""
    with _store(db) as store:
        rows = search_service.quotes(store, speaker, about, limit)
    if as_json:
        _emit_json([r.__dict__ for r in rows])
        return
    _table(
        ["article", "published", "speaker", "kind", "quotation"],
        [[r.article_id, r.published, r.speaker, r.kind, r.content] for r in rows],
    )


ENTITY_TYPES = ("PERS", "ORG", "LOC", "MISC")


def entities(
    db: str | None = _db_option(),
    label: str | None = typer.Option(None, "--type", help="PERS, ORG, LOC or MISC."),
    limit: int = typer.Option(20, "--top", "--limit", "-n", help="Number of entities."),
    as_json: bool = typer.Option(False, "--json", help=_JSON_HELP),
) -> None:
    """The most mentioned entities (by number of articles)."""
    if label is not None and label.upper() not in ENTITY_TYPES:
        raise typer.BadParameter(f"choose one of {', '.join(ENTITY_TYPES)}", param_hint="--type")
    if limit < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--top")
    search_service.check_limit(limit)
    with _store(db) as store:
        rows = store.entities(label.upper() if label else None, limit)
    if as_json:
        _emit_json([r.__dict__ for r in rows])
        return
    _table(
        ["entity", "type", "articles", "mentions", "key"],
        [[r.canonical, r.label, r.articles, r.mentions, r.key] for r in rows],
    )


def show(
    ident: str = typer.Argument(..., help="Store id (a number) or document id."),
    db: str | None = _db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the article's JSON."),
) -> None:
    """Show one stored article."""
    with _store(db) as store:
        found = store.article(ident)
        links = store.story_links([found[0]]) if found else {}
    if found is None:
        typer.echo(f"marsad: no article {ident!r} in the store", err=True)
        raise typer.Exit(1)
    store_id, doc = found
    duplicate_of, story = links.get(store_id, (None, None))
    if as_json:
        placed = {"duplicate_of": duplicate_of, "story": story}
        _emit_json([{"store_id": store_id, **placed, **doc.to_json()}])
        return
    console = Console()
    console.print(Text(doc.title or "(no title)", style="bold"))
    head = [f"id {store_id}", doc.id, doc.published or "no date", *([doc.url] if doc.url else [])]
    console.print(" · ".join(head), markup=False)
    copy = f"copy of {duplicate_of} · " if duplicate_of is not None else ""
    console.print(f"{copy}story {story if story is not None else '—'}")
    console.print(", ".join(f"{s.name} ({s.role})" for s in doc.sources))
    console.print(doc.text)
    for q in doc.quotes:
        console.print(f"« {q.content} » — {q.speaker}")


def stats(
    db: str | None = _db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    failures: bool = typer.Option(
        False, "--failures", help="List every rejected input instead (origin, reason, detail)."
    ),
) -> None:
    """Counts of what the store holds, and its last ingest runs."""
    with _store(db) as store:
        if failures:
            rows = store.failures(search_service.MAX_LIMIT)
            if as_json:
                _emit_json(rows)
            else:
                _table(
                    ["run", "origin", "reason", "detail"],
                    [[r["run"], r["origin"], r["reason"], r["detail"] or ""] for r in rows],
                )
            return
        data = store.stats()
        runs = store.runs(5)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    _table(["", "value"], [[k, v] for k, v in data.items()])
    _table(
        ["run", "started", "status", "counts"],
        [[r.id, r.started_at, r.status, json.dumps(r.counts)] for r in runs],
    )


def export(
    db: str | None = _db_option(),
    fmt: str = typer.Option("jsonl", "--format", "-f", help=f"{' | '.join(EXPORT_FORMATS)}."),
    output: str | None = typer.Option(None, "--output", "-o", help="File (required for parquet)."),
    limit: int = typer.Option(0, "--limit", "-n", help="At most this many articles (0: all)."),
) -> None:
    """Export every stored article (JSON Lines uses the article JSON of 'marsad extract')."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(
            f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format"
        )
    if fmt == "parquet" and not output:
        raise typer.BadParameter(
            "parquet is binary: give a file with --output", param_hint="--output"
        )
    if limit < 0:
        raise typer.BadParameter("must be 0 (all) or more", param_hint="--limit")
    if output and not Path(output).resolve().parent.is_dir():
        raise typer.BadParameter(f"no folder {Path(output).parent}", param_hint="--output")
    with _store(db) as store:
        if fmt == "parquet":
            assert output is not None
            count = export_parquet(store, output, limit or None)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                count = export_text(store, fmt, fh, limit or None)
        else:
            count = export_text(store, fmt, sys.stdout, limit or None)
    typer.echo(f"marsad: {count} article(s) exported", err=True)
