"""``marsad stories``, ``story``, ``related`` and ``evaluate pairs``: thin shells over
:mod:`marsad.stories_service` and :mod:`marsad.stories.evaluate`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console
from rich.text import Text

from marsad import stories_service
from marsad.cli.commands_store import _db_option, _emit_json, _store, _table
from marsad.errors import ConfigError, MarsadError
from marsad.store.base import Store
from marsad.stories.evaluate import evaluate_gold, evaluate_store, format_scores

T = TypeVar("T")


def register(app: typer.Typer, evaluate: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("related")(related)
    evaluate.command("pairs")(evaluate_pairs)


def stories(
    db: str | None = _db_option(),
    since: str | None = typer.Option(None, "--since", help="Seen on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Seen on or before (YYYY-MM-DD)."),
    limit: int = typer.Option(20, "--limit", "-n", help="Number of stories."),
    min_size: int = typer.Option(1, "--min-size", help="Only stories with this many articles."),
    order: str = typer.Option("recent", "--sort", help="recent (last seen) or size."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per story."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Place every stored article again first (after an upgrade)."
    ),
) -> None:
    """The stories of the store: headline, outlets, first and last seen, size.

    Every article is placed in a story as it is ingested; a story groups the copies of a
    text and the other articles about the same event within three days."""
    with _store(db) as store:
        if rebuild:
            placed = stories_service.rebuild(store)
            typer.echo(f"marsad: placed {placed} article(s) again", err=True)
        rows = _guard(
            lambda: stories_service.list_stories(
                store, since, until, min_size=min_size, order=order, limit=limit
            )
        )
        unplaced = store.unplaced()
    if unplaced:
        typer.echo(
            f"marsad: {unplaced} article(s) have no story yet (stored with --no-stories or "
            "before stories existed): run 'marsad stories --rebuild'",
            err=True,
        )
    if as_json:
        _emit_json([r.to_json() for r in rows])
        return
    _table(
        ["story", "size", "texts", "first seen (UTC)", "last seen (UTC)", "outlets", "headline"],
        [
            [
                r.id,
                r.size,
                r.texts,
                (r.first_seen or "")[:16],
                (r.last_seen or "")[:16],
                "، ".join(f"{o or '?'} ({n})" for o, n in r.outlets[:8])
                + ("…" if len(r.outlets) > 8 else ""),
                r.headline or "",
            ]
            for r in rows
        ],
    )


def story(
    story_id: int = typer.Argument(..., help="Story id (as `marsad stories` lists it)."),
    db: str | None = _db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the story as one JSON object."),
) -> None:
    """One story: its articles, earliest first, and who ran each text and where it came from."""
    with _store(db) as store:
        found = stories_service.story(store, story_id)
    if found is None:
        typer.echo(f"marsad: no story {story_id} in the store", err=True)
        raise typer.Exit(1)
    if as_json:
        _emit_json([found.to_json()])
        return
    console = Console()
    console.print(Text(f"story {found.id}: {found.headline or '(no title)'}", style="bold"))
    _table(
        ["article", "seen (UTC)", "outlet", "copy of", "title"],
        [
            [a.article_id, (a.seen or "")[:16], a.outlet, a.duplicate_of or "", a.title or ""]
            for a in found.articles
        ],
    )
    for group in found.groups:
        if group.chain is None:
            continue
        chain = group.chain
        outlets = "، ".join(dict.fromkeys(o for o, _ in chain.outlets))
        console.print(
            f"text {group.root}: {len(group.articles)} copies by {outlets}; "
            f"original: {chain.original_source} ({chain.evidence})"
        )


def related(
    ident: str = typer.Argument(..., help="Store id (a number) or document id."),
    db: str | None = _db_option(),
    limit: int = typer.Option(10, "--limit", "-n", help="Number of articles."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per article."),
) -> None:
    """Articles to read next (اقرأ أيضاً): the same story first, then the same names and
    topic, else the articles sharing most of its title's words (as the API and web app)."""
    with _store(db) as store:
        article_id = _article_id(store, ident)
        rows = _guard(lambda: stories_service.related(store, article_id, limit))
        placed = store.story_links([article_id]).get(article_id, (None, None))[1] is not None
        if not rows:
            rows = _title_matches(store, article_id, limit)
    if not placed:
        typer.echo(
            f"marsad: article {article_id} has no story yet: run 'marsad stories --rebuild'",
            err=True,
        )
    if as_json:
        _emit_json([r.to_json() for r in rows])
        return
    _table(
        ["article", "why", "score", "seen (UTC)", "outlet", "title"],
        [
            [
                r.article.article_id,
                r.reason,
                f"{r.score:.2f}",
                (r.article.seen or "")[:16],
                r.article.outlet,
                r.article.title or "",
            ]
            for r in rows
        ],
    )


def _title_matches(
    store: Store, article_id: int, limit: int
) -> list[stories_service.RelatedArticle]:
    from marsad.serve.stories import title_related  # the fallback the API and web app use

    found = store.article(str(article_id))
    if found is None:
        return []
    articles = store.story_briefs(title_related(store, article_id, found[1], limit))
    return [stories_service.RelatedArticle(a, "title", 0.0) for a in articles]


def _article_id(store: Store, ident: str) -> int:
    article_id = stories_service.resolve(store, ident)
    if article_id is None:
        typer.echo(f"marsad: no article {ident!r} in the store", err=True)
        raise typer.Exit(1)
    return article_id


def _guard(call: Callable[[], T]) -> T:
    try:
        return call()
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from exc


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
    db: str | None = typer.Option(
        None,
        "--db",
        help="Score the stories a store recorded at ingest (the gold articles among all the "
        "others) instead of placing the gold articles alone.",
    ),
) -> None:
    """Precision and recall of copies and of same-story pairs on a gold set of pairs.

    The gold articles are extracted from the corpora and placed by the story engine in
    corpus order; a copy pair is found when both articles are in one copy group, a
    same-story pair (copy or same_story) when both have one story id.
    """
    try:
        if db is not None:
            with _store(db) as store:
                scores, left_out = evaluate_store(gold, store)
            typer.echo(f"marsad: {left_out} pair(s) with an article not in the store", err=True)
        else:
            scores = evaluate_gold(gold, news, entities=entities)
    except MarsadError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(scores.to_json(), ensure_ascii=False))
    else:
        typer.echo(format_scores(scores, errors))
