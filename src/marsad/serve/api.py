"""The JSON API: thin handlers over :mod:`marsad.serve.views` and the service layer.

Handlers are plain ``def`` functions (run in the thread pool: SQLite work releases the
GIL), take a pooled store connection for the request and return JSON; errors are raised
as :mod:`marsad.errors` exceptions and turned into statuses by the app.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from marsad import search_service
from marsad.errors import QueryError
from marsad.ingest.readers import FORMATS
from marsad.serve import views
from marsad.serve.app import StorePool
from marsad.serve.ingest import ingest_body, read_body
from marsad.store.base import SearchFilters

router = APIRouter(prefix="/api", tags=["api"])


# -- response shapes (for the OpenAPI schema; handlers return plain JSON) ---------------


class Error(BaseModel):
    error: str = Field(description="What went wrong and what to do about it.")
    status: int


class SearchHitModel(BaseModel):
    id: int = Field(description="Store id: GET /api/articles/{id}.")
    doc_id: str = Field(description="The article JSON's own id.")
    title: str | None
    published: str | None
    url: str | None
    sources: list[dict[str, str]] = Field(description="Source chain: name and role.")
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] of matched words.")
    score: float = Field(description="BM25 relevance (higher is better).")


class SearchResponse(BaseModel):
    total: int = Field(description="Articles matching the query and filters.")
    hits: list[SearchHitModel]


class ArticleResponse(BaseModel):
    """The article JSON (README, 'The article JSON') with ``store_id`` and ``story_id``."""

    model_config = {"extra": "allow"}
    store_id: int
    id: str
    text: str
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


class IngestResponse(BaseModel):
    run: int
    inputs: int
    kept: int
    duplicates: int
    rejected: int
    skipped: int
    failures: list[dict[str, str]]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "A query or parameter that cannot be used."},
    404: {"model": Error, "description": "Not in the store."},
    422: {"model": Error, "description": "A parameter of the wrong type."},
}

Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="Results per page.")]


def _pool(request: Request) -> StorePool:
    pool: StorePool = request.app.state.pool
    return pool


# -- reading ---------------------------------------------------------------------------


@router.get("/search", response_model=SearchResponse, responses=ERRORS)
def search(
    request: Request,
    q: Annotated[
        str,
        Query(min_length=1, max_length=500, description='Words, "phrases", -excluded, prefix*.'),
    ],
    speaker: Text = None,
    entity: Text = None,
    source: Text = None,
    since: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD")] = None,
    limit: Limit = 10,
    offset: Annotated[int, Query(ge=0, le=views.MAX_OFFSET)] = 0,
) -> JSONResponse:
    """Ranked articles for a query (Arabic-aware), with highlighted snippets."""
    filters = SearchFilters(speaker, entity, source, since, until)
    with _pool(request).reader() as store:
        page = views.search(store, q, filters, limit, offset)
    return JSONResponse(page.to_json())


@router.get("/articles/{ident}", response_model=ArticleResponse, responses=ERRORS)
def article(request: Request, ident: str) -> JSONResponse:
    """One article, by store id (a number) or document id: the full article JSON,
    entities and quotations included."""
    with _pool(request).reader() as store:
        view = views.article(store, request.app.state.stories, ident)
    return JSONResponse(view.to_json())


@router.get("/articles/{ident}/related", responses=ERRORS)
def related(request: Request, ident: str, limit: Limit = views.RELATED_LIMIT) -> JSONResponse:
    """Articles to read next: the article's story when it has one (``method: story``),
    else those sharing the most title words (``method: title``)."""
    with _pool(request).reader() as store:
        return JSONResponse(views.related(store, request.app.state.stories, ident, limit))


@router.get("/quotes", responses=ERRORS)
def quotes(
    request: Request,
    speaker: Text = None,
    about: Annotated[str | None, Query(max_length=500, description="A search query.")] = None,
    limit: Limit = 50,
) -> JSONResponse:
    """Quotations, newest first, by speaker (any part of the name) and/or topic."""
    with _pool(request).reader() as store:
        rows = search_service.quotes(store, speaker or None, about or None, limit)
    return JSONResponse({"quotes": [r.__dict__ for r in rows]})


@router.get("/entities", responses=ERRORS)
def entities(
    request: Request,
    type: Annotated[str | None, Query(pattern="^(?i:PERS|ORG|LOC|MISC)$")] = None,
    limit: Limit = 20,
) -> JSONResponse:
    """The most mentioned entities (by number of articles), optionally of one type."""
    with _pool(request).reader() as store:
        rows = store.entities(type.upper() if type else None, limit)
    return JSONResponse({"entities": [r.__dict__ for r in rows]})


@router.get("/people/{name}", responses=ERRORS)
def person(request: Request, name: str) -> JSONResponse:
    """A person's quotations (oldest first) and the articles mentioning them per day."""
    with _pool(request).reader() as store:
        return JSONResponse(views.person(store, name).to_json())


@router.get("/stories", responses=ERRORS)
def stories(
    request: Request, limit: Limit = 20, offset: Annotated[int, Query(ge=0, le=10_000)] = 0
) -> JSONResponse:
    """Stories (groups of articles on one event), most recent news first."""
    backend = request.app.state.stories
    with _pool(request).reader() as store:
        found = backend.stories(store, limit, offset)
        message = backend.status(store)
    return JSONResponse({"stories": found, "message": message})


@router.get("/stories/{story_id}", responses=ERRORS)
def story(request: Request, story_id: int) -> JSONResponse:
    """One story: its outlets and its articles, oldest first."""
    with _pool(request).reader() as store:
        return JSONResponse(views.story(store, request.app.state.stories, story_id).to_json())


@router.get("/status")
def status(request: Request) -> JSONResponse:
    """What the store holds, its last ingest runs and failures."""
    with _pool(request).reader() as store:
        view = views.ingest_status(store, request.app.state.token is not None)
    return JSONResponse(view.to_json())


# -- writing ---------------------------------------------------------------------------


@router.post(
    "/ingest",
    response_model=IngestResponse,
    responses={
        401: {"model": Error, "description": "No token, or the wrong one."},
        403: {"model": Error, "description": "Writes are disabled on this server."},
        409: {"model": Error, "description": "Another ingest is running."},
        413: {"model": Error, "description": "The body is over the size limit."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "A page (text or HTML), a feed, a WARC or JSON Lines; gzip allowed.",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def ingest(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    format: Annotated[str, Query(description=f"One of {', '.join(FORMATS)}.")] = "auto",
) -> JSONResponse:
    """Run the pipeline on the body and store its articles (``Authorization: Bearer``)."""
    check_token(request.app.state.token, authorization)
    if format not in FORMATS:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    body = await read_body(request, request.app.state.max_body_bytes)
    return await ingest_body(request.app, body, format)


def check_token(expected: str | None, authorization: str | None) -> None:
    """401 without a valid bearer token; 403 when the server has none (writes disabled)."""
    challenge = {"WWW-Authenticate": 'Bearer realm="marsad"'}
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        hint = "" if expected else " (and writes are disabled on this server)"
        raise HTTPException(401, f"send 'Authorization: Bearer <token>'{hint}", challenge)
    if expected is None:
        raise HTTPException(403, "writes are disabled: the server has no MARSAD_API_TOKEN")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "the token is not valid", challenge)
