"""The FastAPI application: the JSON API under ``/api`` and the Arabic web app, one process.

:func:`create_app` takes a store (tests) or the path or URL of one (``marsad serve``). Reads
use a small pool of store objects, one per request at a time (SQLite: WAL, readers never
wait for the writer; PostgreSQL: each with its own connection pool); writes (``POST
/api/ingest``) use one more, one ingest at a time.
Every response carries a strict Content-Security-Policy; every error is JSON under
``/api`` and a readable Arabic page elsewhere, never a stack trace.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import AsyncIterator, Collection, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad import __version__, search_service
from marsad.errors import ConfigError, MarsadError, QueryError, StoreError
from marsad.serve.ingest import body_too_large
from marsad.serve.rendering import STATIC_DIR, render
from marsad.serve.stories import EngineStories, StoryBackend
from marsad.serve.views import NotFound
from marsad.store.base import Store

log = logging.getLogger("marsad.serve")

#: Largest request body (POST /api/ingest). The readers refuse a single page over 20 MB;
#: 32 MiB lets a feed, a small WARC or a few thousand JSON Lines records through in one
#: request while bounding what one client can make the server hold in memory.
MAX_BODY_BYTES = 32 * 1024 * 1024
#: No script, style, font or image from anywhere but this server; no inline scripts or
#: styles (article text is untrusted: even if markup slipped through, it could not run).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
#: Threads running request handlers in one process (anyio's default is 40). A handler is
#: mostly Python under the GIL; SQLite work releases it, so a few threads keep the cores
#: busy while more only queue on the GIL. The others wait on the event loop, which costs
#: less: 32 searchers on 2 cores, closed loop, p99 628 ms with 40 threads, 216 ms with 4
#: (benchmarks/RESULTS.md).
REQUEST_THREADS = 4
API_DESCRIPTION = """Search and read the articles of a Marsad store.

Every article is returned in the one article JSON documented in the README
(`Document.to_json()`), with its store id. Errors are `{"error": message, "status": code}`.
`POST /api/ingest` needs `Authorization: Bearer <token>` (the server's `MARSAD_API_TOKEN`).
"""


class StorePool:
    """Store connections for request threads: readers from a pool, one locked writer."""

    def __init__(self, store_or_path: Store | str | Path) -> None:
        self._shared = store_or_path if isinstance(store_or_path, Store) else None
        self.path = None if self._shared is not None else str(store_or_path)
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        self.write_lock = threading.Lock()
        if self.path is not None:  # create and migrate it now, fail now if it is not a store
            self._idle.put(self._open())

    def _open(self) -> Store:
        assert self.path is not None
        store = search_service.open_store(self.path)
        with self._opened_lock:
            self._opened.append(store)
        return store

    @contextmanager
    def reader(self) -> Iterator[Store]:
        if self._shared is not None:
            yield self._shared
            return
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = self._open()
        try:
            yield store
        finally:
            self._idle.put(store)

    @contextmanager
    def writer(self) -> Iterator[Store | None]:
        """The write connection, or None while another ingest holds it."""
        if not self.write_lock.acquire(blocking=False):
            yield None
            return
        try:
            if self._shared is not None:
                yield self._shared
                return
            store = self._open()
            try:
                yield store
            finally:
                store.close()
                with self._opened_lock:
                    self._opened.remove(store)
        finally:
            self.write_lock.release()

    def close(self) -> None:
        with self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


class GuardMiddleware:
    """What every request goes through: the Host check (when the server names its hosts),
    HEAD answered as GET (monitors and link checkers send it), a declared body over the
    limit refused before it is read (the ingest endpoint also counts what arrives), the
    security headers on every response, and a 500 that hides the details of an unexpected
    error. (Starlette's own handler for ``Exception`` runs outside every middleware: its 500
    would lack the headers and re-raise, resetting a kept-alive connection.)"""

    def __init__(
        self, app: ASGIApp, max_body_bytes: int, allowed_hosts: Collection[str] | None = None
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "HEAD":  # answered as GET; the server drops the body
            scope = {**scope, "method": "GET"}
        headers = dict(scope["headers"])
        if self.allowed_hosts is not None:
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed_hosts:
                # DNS rebinding: a hostile page whose name now points at 127.0.0.1
                response = error_response(scope["path"], 400, f"unexpected Host {host!r}")
                await response(scope, receive, self._with_headers(send))
                return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            response = error_response(scope["path"], 413, body_too_large(self.max_body_bytes))
            await response(scope, receive, self._with_headers(send))
            return
        started = False
        send_with_headers = self._with_headers(send)

        async def send_guarded(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_guarded)
        except Exception:
            log.exception("%s %s failed", scope.get("method"), scope["path"])
            if started:  # too late for an error response: the client sees a cut-off body
                raise
            response = error_response(scope["path"], 500, INTERNAL_ERROR)
            await response(scope, receive, send_with_headers)

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        return wrapped


def host_name(header: str) -> str:
    """The host of a Host header, without the port (``[::1]:8000`` → ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(
    store_or_db_path: Store | str | Path,
    token: str | None = None,
    *,
    stories: StoryBackend | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    analyse: tuple[str, ...] | None = ("entities", "quotes"),
    allowed_hosts: Collection[str] | None = None,
) -> FastAPI:
    """The application over one store. ``token`` enables ``POST /api/ingest`` (None:
    writes disabled); ``stories`` connects the stories stage (default: the store's
    ``story_id`` column); ``analyse`` names the analysis stages run on ingested articles;
    ``allowed_hosts``, when given, are the only Host names answered (others get 400)."""
    if token is not None:
        token = token.strip()  # the Authorization header is compared stripped too
        if not token:
            raise ConfigError("MARSAD_API_TOKEN is empty; unset it to disable writes")
    from marsad.serve import api, web

    app = FastAPI(
        lifespan=_lifespan,
        title="Marsad API",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # /docs is rendered by the web app: no CDN, no inline script
        redoc_url=None,
    )
    app.state.pool = StorePool(store_or_db_path)
    app.state.token = token
    app.state.stories = stories or EngineStories()
    app.state.max_body_bytes = max_body_bytes
    app.state.analyse = analyse
    app.include_router(api.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _install_error_handlers(app)
    app.add_middleware(GuardMiddleware, max_body_bytes=max_body_bytes, allowed_hosts=allowed_hosts)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield
    app.state.pool.close()


# -- errors ----------------------------------------------------------------------------

#: Status of each error kind: what the client can do about it.
_STATUS: list[tuple[type[Exception], int]] = [
    (QueryError, 400),
    (NotFound, 404),
    (StoreError, 503),
    (MarsadError, 500),
]


INTERNAL_ERROR = "internal error; the server log has details"


def error_response(path: str, status: int, message: str) -> Response:
    """JSON under /api, an Arabic error page elsewhere."""
    if path.startswith("/api") or path == "/openapi.json":
        return JSONResponse({"error": message, "status": status}, status_code=status)
    page = render("error.html", status=status, message=message)
    return Response(page, status_code=status, media_type="text/html; charset=utf-8")


def _install_error_handlers(app: FastAPI) -> None:
    async def marsad_error(request: Request, exc: Exception) -> Response:
        status = next(code for kind, code in _STATUS if isinstance(exc, kind))
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request.url.path, status, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        response = error_response(request.url.path, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request.url.path, 422, _validation_message(exc))

    app.add_exception_handler(MarsadError, marsad_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where: list[Any] = [p for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(str(p) for p in where) or "request"
        parts.append(f"{name}: {err.get('msg', 'invalid value')}")
    return "bad parameter: " + "; ".join(parts)


#: Environment variables through which ``marsad serve --workers N`` hands its options to
#: the worker processes (uvicorn starts each one from an import string, not an object).
DB_ENV = "MARSAD_SERVE_DB"
MAX_BODY_ENV = "MARSAD_SERVE_MAX_BODY"
HOSTS_ENV = "MARSAD_SERVE_HOSTS"  # comma-separated; unset: any Host


def app_from_environment() -> FastAPI:
    """The app factory of each worker process of ``marsad serve --workers N``."""
    import os

    hosts = os.environ.get(HOSTS_ENV)
    return create_app(
        os.environ[DB_ENV],
        os.environ.get("MARSAD_API_TOKEN") or None,
        max_body_bytes=int(os.environ.get(MAX_BODY_ENV, MAX_BODY_BYTES)),
        allowed_hosts=hosts.split(",") if hosts else None,
    )
