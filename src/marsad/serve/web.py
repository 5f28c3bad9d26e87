"""The Arabic web app: server-rendered pages over :mod:`marsad.serve.views`.

Routes: ``/`` and ``/search`` (search with facets), ``/articles/{id}``, ``/stories`` and
``/stories/{id}``, ``/people/{name}``, ``/ingest`` (ingest status) and ``/docs`` (the API,
rendered from the OpenAPI schema). No page needs JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse

from marsad.errors import QueryError
from marsad.serve import views
from marsad.serve.rendering import STATIC_DIR, bar_chart, render
from marsad.store.base import SearchFilters

router = APIRouter(include_in_schema=False)
#: Results per search page.
PAGE_SIZE = 10
#: Most mentioned people and places on the home page.
HOME_ENTITIES = 12

Text = Annotated[str, Query(max_length=500)]


def _page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(name, **context), status_code=code)


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Text = "",
    speaker: Text = "",
    entity: Text = "",
    source: Text = "",
    since: Text = "",
    until: Text = "",
    page: Annotated[int, Query(ge=1, le=views.MAX_OFFSET // PAGE_SIZE)] = 1,
) -> HTMLResponse:
    form = {"q": q, "speaker": speaker, "entity": entity, "source": source,
            "since": since, "until": until}  # fmt: skip
    pool = request.app.state.pool
    if not q.strip():
        with pool.reader() as store:
            people = store.entities("PERS", HOME_ENTITIES)
            places = store.entities("LOC", HOME_ENTITIES)
            stats = store.stats()
        return _page("home.html", form=form, people=people, places=places, stats=stats)
    speaker_, entity_, source_, since_, until_ = (
        v.strip() or None for v in (speaker, entity, source, since, until)
    )
    filters = SearchFilters(speaker_, entity_, source_, since_, until_)
    try:
        with pool.reader() as store:
            result = views.search(
                store, q, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE, with_facets=True
            )
    except QueryError as exc:
        return _page("search.html", 400, form=form, result=None, error=str(exc), page=page)
    return _page("search.html", form=form, result=result, error=None, page=page)


@router.get("/articles/{ident}", response_class=HTMLResponse)
def article(request: Request, ident: str) -> HTMLResponse:
    with request.app.state.pool.reader() as store:
        view = views.article(store, request.app.state.stories, ident)
    return _page("article.html", view=view, doc=view.doc)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request) -> HTMLResponse:
    backend = request.app.state.stories
    with request.app.state.pool.reader() as store:
        found = backend.stories(store, 50, 0)
        message = backend.status(store)
    return _page("stories.html", stories=found, message=message)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int) -> HTMLResponse:
    with request.app.state.pool.reader() as store:
        view = views.story(store, request.app.state.stories, story_id)
    return _page("story.html", story=view)


@router.get("/people/{name}", response_class=HTMLResponse)
def person(request: Request, name: str) -> HTMLResponse:
    with request.app.state.pool.reader() as store:
        view = views.person(store, name)
    return _page("person.html", person=view, chart=bar_chart(view.per_day))


@router.get("/ingest", response_class=HTMLResponse)
def ingest_status(request: Request) -> HTMLResponse:
    with request.app.state.pool.reader() as store:
        status = views.ingest_status(store, request.app.state.token is not None)
    return _page("ingest.html", status=status)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return _page("docs.html", schema=request.app.openapi())


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")
