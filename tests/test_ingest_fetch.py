"""Fetching: a local HTTP server over ../shared/data, and in-memory transports per behaviour."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

import marsad.formats  # noqa: F401
from marsad import service
from marsad.errors import ConfigError, RejectedInput
from marsad.ingest.fetch import Fetcher, FetchPolicy
from marsad.model import Document, RawRecord

FAST = FetchPolicy(min_interval=0, backoff=0, timeout=5)
PAGE = (
    "<html><head><meta charset='utf-8'></head><body><h1>عنوان الخبر</h1><p>"
    + "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى. " * 10
    + "</p></body></html>"
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(shared_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(shared_dir / "data"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_fetch_a_page_from_the_local_server(server):
    with Fetcher(FAST) as fetcher:
        record = fetcher.fetch_page(f"{server}/html/htmldate_mediacloud_1691196862.html")
    assert record.format == "html" and record.encoding == "utf-8"
    assert record.fields["http_status"] == 200 and record.fields["fetched_at"]


def test_fetch_feed_items_with_fetch_extract_the_linked_pages(server, tmp_path):
    page = f"{server}/html/htmldate_mediacloud_1691196862.html"
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f"""<rss version="2.0"><channel><title>اليوم السابع</title>
        <item><title>عنوان من الخلاصة</title><link>{page}</link>
        <pubDate>Mon, 24 Aug 2020 09:23:13 GMT</pubDate>
        <description>وصف قصير للخبر من الخلاصة يكفي للتعرف إلى اللغة العربية.</description></item>
        <item><title>رابط مكسور</title><link>{server}/html/missing.html</link>
        <description>وصف قصير لخبر آخر من الخلاصة يكفي للتعرف إلى اللغة العربية.</description></item>
        </channel></rss>""",
        "utf-8",
    )
    with Fetcher(FAST) as fetcher:
        results = list(service.extract_paths([str(feed)], analyse=None, fetcher=fetcher))
    fetched, kept = results
    assert isinstance(fetched, Document) and isinstance(kept, Document)
    assert fetched.url == page and len(fetched.text) > 500  # the page, not the description
    assert fetched.published and fetched.published.startswith("2020-08-24")
    assert "http_status" in kept.meta["warnings"][0]  # 404: the feed item is kept, with a note


def test_fetch_without_the_option_nothing_is_fetched(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<rss version='2.0'><channel><title>موقع</title><item><title>خبر</title>"
        "<link>http://127.0.0.1:9/never</link><description>وصف قصير للخبر من الخلاصة يكفي "
        "للتعرف إلى اللغة العربية.</description></item></channel></rss>",
        "utf-8",
    )
    (doc,) = service.extract_paths([str(feed)], analyse=None)
    assert isinstance(doc, Document) and doc.provenance["text"] == "feed:description"


def _fetcher(handler, sleeps: list[float] | None = None, **policy: object) -> Fetcher:
    settings = {"min_interval": 0.0, "backoff": 1.0, "timeout": 5.0} | policy
    return Fetcher(
        FetchPolicy(**settings),  # type: ignore[arg-type]
        transport=httpx.MockTransport(handler),
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )


def _site(routes: dict[str, httpx.Response]):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return routes.get(request.url.path, httpx.Response(404))

    return handler, seen


def test_fetch_conditional_get_sends_validators_and_reads_304():
    state = {"calls": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        state["calls"] += 1
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, headers={"ETag": '"v1"'}, content=PAGE.encode())

    with _fetcher(handler) as fetcher:
        first = fetcher.get("https://news.example/a")
        second = fetcher.get("https://news.example/a")
    assert not first.not_modified and second.not_modified and state["calls"] == 2


def test_fetch_robots_txt_is_respected():
    handler, seen = _site(
        {
            "/robots.txt": httpx.Response(200, text="User-agent: *\nDisallow: /private/\n"),
            "/public": httpx.Response(200, content=PAGE.encode()),
        }
    )
    with _fetcher(handler) as fetcher:
        assert fetcher.get("https://news.example/public").status == 200
        with pytest.raises(RejectedInput) as info:
            fetcher.get("https://news.example/private/x")
    assert info.value.reason == "robots_disallowed"
    assert [r.url.path for r in seen].count("/robots.txt") == 1  # cached per host


def test_fetch_retries_with_backoff_then_gives_up():
    handler, seen = _site({"/robots.txt": httpx.Response(404), "/x": httpx.Response(503)})
    sleeps: list[float] = []
    with _fetcher(handler, sleeps, retries=2) as fetcher, pytest.raises(RejectedInput) as info:
        fetcher.get("https://news.example/x")
    assert info.value.reason == "http_status"
    assert sleeps == [1.0, 2.0] and [r.url.path for r in seen].count("/x") == 3


def test_fetch_rate_limit_waits_between_requests_to_one_host():
    handler, _ = _site({"/robots.txt": httpx.Response(404), "/a": httpx.Response(200, text="x")})
    sleeps: list[float] = []
    clock = iter([0.0, 0.0, 0.0, 0.2, 0.2, 0.2, 0.2])
    fetcher = Fetcher(
        FetchPolicy(min_interval=1.0),
        transport=httpx.MockTransport(handler),
        clock=lambda: next(clock),
        sleep=sleeps.append,
    )
    with fetcher:
        fetcher.get("https://news.example/a")
        fetcher.get("https://news.example/a")
    assert sleeps and all(0 < s <= 1.0 for s in sleeps)


def test_fetch_size_limit_and_redirect_bound():
    big = httpx.Response(200, content=b"x" * 5000)
    loop = httpx.Response(302, headers={"Location": "/loop"})
    handler, _ = _site({"/robots.txt": httpx.Response(404), "/big": big, "/loop": loop})
    with _fetcher(handler, max_bytes=1024, max_redirects=3) as fetcher:
        with pytest.raises(RejectedInput) as too_big:
            fetcher.get("https://news.example/big")
        with pytest.raises(RejectedInput) as looping:
            fetcher.get("https://news.example/loop")
    assert too_big.value.reason == "too_large"
    assert looping.value.reason == "fetch_failed" and "redirects" in looping.value.detail


def test_fetch_charset_from_the_header_beats_a_lying_page():
    body = PAGE.encode("windows-1256")  # the page claims utf-8
    headers = {"Content-Type": "text/html; charset=windows-1256"}
    handler, _ = _site(
        {
            "/robots.txt": httpx.Response(404),
            "/p": httpx.Response(200, headers=headers, content=body),
        }
    )
    with _fetcher(handler) as fetcher:
        record = fetcher.fetch_page("https://news.example/p")
    assert isinstance(record, RawRecord) and "وزارة الصحة" in record.text


def test_fetch_network_errors_are_typed():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with _fetcher(handler, retries=1) as fetcher, pytest.raises(RejectedInput) as info:
        fetcher.get("https://down.example/a")
    assert info.value.reason == "robots_disallowed"  # robots.txt unreachable: RFC 9309


@pytest.mark.parametrize(
    "bad", [{"timeout": 0}, {"max_bytes": 10}, {"max_redirects": 99}, {"retries": -1}]
)
def test_fetch_policy_is_validated(bad):
    with pytest.raises(ConfigError):
        FetchPolicy(**bad)  # type: ignore[arg-type]
