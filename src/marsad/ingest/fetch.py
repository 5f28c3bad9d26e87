"""Fetching pages over HTTP: one polite client for ``--fetch`` and, later, monitoring.

:class:`Fetcher` wraps one ``httpx.Client``. Its transport is injectable, so tests serve
pages from memory or from a local server and never touch the network. Every request:

* is refused when the site's robots.txt disallows it (RFC 9309: a robots.txt answering
  4xx allows everything, one answering 5xx or unreachable disallows everything);
* waits until ``min_interval`` seconds have passed since the last request to that host;
* sends ``If-None-Match`` / ``If-Modified-Since`` when the URL was fetched before
  (a ``304`` comes back as ``not_modified``, with no content);
* follows at most ``max_redirects`` redirects, checking robots.txt at each hop;
* stops reading past ``max_bytes`` (``too_large``);
* retries timeouts, connection errors, 429 and 5xx with exponential back-off (honouring a
  numeric ``Retry-After`` up to ``max_backoff``).

Failures raise :class:`~marsad.errors.RejectedInput` with reason ``fetch_failed``,
``http_status``, ``robots_disallowed`` or ``too_large``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from marsad import __version__
from marsad.errors import ConfigError, RejectedInput
from marsad.ingest.html import html_record
from marsad.ingest.readers import MAX_PAGE_BYTES, ReadResult
from marsad.model import RawRecord

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch. Defaults suit news sites.

    ``timeout``: seconds per request (connect and read); news pages answer in < 2 s, 15 s
    tolerates slow regional hosts. ``min_interval``: seconds between two requests to one
    host (1 s is the common crawl-delay). ``retries``: extra attempts after a transient
    failure, waiting ``backoff`` × 2^attempt seconds (≤ ``max_backoff``)."""

    timeout: float = 15.0
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 5
    min_interval: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    max_backoff: float = 30.0
    respect_robots: bool = True
    user_agent: str = f"Marsad/{__version__} (Arabic news monitoring)"

    def __post_init__(self) -> None:
        for name in ("timeout", "max_backoff"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"fetch {name} must be > 0 seconds, not {getattr(self, name)}")
        for name in ("min_interval", "backoff"):
            if getattr(self, name) < 0:
                raise ConfigError(f"fetch {name} must be ≥ 0 seconds, not {getattr(self, name)}")
        if self.max_bytes < 1024:
            raise ConfigError(f"fetch max_bytes must be at least 1024, not {self.max_bytes}")
        if not 0 <= self.max_redirects <= 20:
            raise ConfigError(f"fetch max_redirects must be 0-20, not {self.max_redirects}")
        if not 0 <= self.retries <= 10:
            raise ConfigError(f"fetch retries must be 0-10, not {self.retries}")


@dataclass(frozen=True)
class FetchResult:
    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    not_modified: bool = False
    fetched_at: str = ""


class Fetcher:
    """One HTTP client with robots.txt, rate limit, conditional GET, retries and limits."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            transport=transport,
            timeout=self.policy.timeout,
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent},
        )
        self._clock, self._sleep = clock, sleep
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> FetchResult:
        """Fetch one URL (redirects followed); raises RejectedInput on failure."""
        current = url
        for _ in range(self.policy.max_redirects + 1):
            self._check_robots(url, current)
            response, content = self._request_with_retries(url, current)
            if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return self._result(url, current, response, content)
        raise RejectedInput(url, "fetch_failed", f"more than {self.policy.max_redirects} redirects")

    def fetch_page(self, url: str, fields: dict[str, object] | None = None) -> RawRecord:
        """Fetch an HTML page as a raw record (charset from headers, then content)."""
        result = self.get(url)
        if result.not_modified:
            raise RejectedInput(url, "duplicate", "not modified since the last fetch (HTTP 304)")
        extra = dict(fields or {}, fetched_at=result.fetched_at, http_status=result.status)
        return html_record(
            result.content, url, url=result.final_url, headers=result.headers, fields=extra
        )

    def follow(self, record: RawRecord) -> ReadResult:
        """A feed item → the page it links to; on failure the item itself, with a note."""
        if not record.url:
            return record
        try:
            return self.fetch_page(record.url, {"feed_item": record.fields})
        except RejectedInput as exc:
            note = f"--fetch of {record.url} failed ({exc.reason}: {exc.detail}); feed text kept"
            return replace(record, notes=(*record.notes, note))

    # --- internals ------------------------------------------------------------------

    def _request_with_retries(self, origin: str, url: str) -> tuple[httpx.Response, bytes]:
        attempt = 0
        while True:
            try:
                response, content = self._request(origin, url)
            except httpx.TransportError as exc:
                if attempt >= self.policy.retries:
                    raise RejectedInput(
                        origin, "fetch_failed", f"{type(exc).__name__}: {exc}"
                    ) from exc
                self._sleep(self._delay(attempt, None))
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self.policy.retries:
                    return response, content
                self._sleep(self._delay(attempt, response.headers.get("retry-after")))
            attempt += 1

    def _request(self, origin: str, url: str) -> tuple[httpx.Response, bytes]:
        self._wait_for_host(url)
        headers = {}
        etag, modified = self._validators.get(url, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise RejectedInput(origin, "too_large", f"Content-Length {declared} bytes")
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > self.policy.max_bytes:
                    raise RejectedInput(origin, "too_large", f"over {self.policy.max_bytes} bytes")
                chunks.append(chunk)
        return response, b"".join(chunks)

    def _result(
        self, origin: str, final: str, response: httpx.Response, content: bytes
    ) -> FetchResult:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        headers = {k.lower(): v for k, v in response.headers.items()}
        if response.status_code == 304:
            return FetchResult(origin, final, 304, headers, b"", True, now)
        if response.status_code != 200:
            raise RejectedInput(origin, "http_status", f"HTTP {response.status_code} for {final}")
        self._validators[origin] = (headers.get("etag"), headers.get("last-modified"))
        return FetchResult(origin, final, 200, headers, content, False, now)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.policy.max_backoff)
        return min(self.policy.backoff * 2**attempt, self.policy.max_backoff)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.policy.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _check_robots(self, origin: str, url: str) -> None:
        if not self.policy.respect_robots:
            return
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RejectedInput(origin, "fetch_failed", f"not an http(s) URL: {url}")
        base = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(base)
        if robots is None:
            robots = self._robots[base] = self._load_robots(base)
        if not robots.can_fetch(self.policy.user_agent, url):
            raise RejectedInput(origin, "robots_disallowed", f"{base}/robots.txt forbids {url}")

    def _load_robots(self, base: str) -> RobotFileParser:
        robots = RobotFileParser()
        try:
            response, content = self._request_with_retries(base, f"{base}/robots.txt")
        except RejectedInput:
            robots.parse(["User-agent: *", "Disallow: /"])  # unreachable: assume disallowed
            return robots
        if 200 <= response.status_code < 300:
            robots.parse(content.decode("utf-8", errors="replace").splitlines())
        elif response.status_code >= 500:
            robots.parse(["User-agent: *", "Disallow: /"])
        else:
            robots.parse([])  # 4xx: no robots.txt, everything allowed
        return robots
