"""``marsad watch`` against a local HTTP server whose feed changes between polls."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.ingest.fetch import Fetcher, FetchPolicy
from marsad.ingest_service import IngestOptions
from marsad.store.base import Store
from marsad.store.open import open_store
from marsad.store.sqlite import SQLiteStore
from marsad.watch import Watcher, WatchSource, parse_interval, read_sources_file, sitemap_urls
from store_helpers import sigterm_once_the_store_exists

# Our own sentences; one short article per item.
BODIES = [
    "أعلنت وزارة الصحة في مدينة الرياض عن افتتاح مستشفى جديد يضم مئتي سرير للأطفال.",
    "قال وزير التعليم إن العام الدراسي المقبل سيبدأ في الأول من سبتمبر في جميع المدارس.",
    "افتتحت بلدية جدة حديقة عامة جديدة على الواجهة البحرية بمساحة عشرة آلاف متر مربع.",
]


class Site:
    """Mutable state of the local site: which items the feed lists, what was requested."""

    def __init__(self) -> None:
        self.items = 2
        self.requests: list[str] = []

    def feed(self, base: str) -> bytes:
        items = "".join(
            f"<item><title>خبر رقم {i}</title><link>{base}/a/{i}.html</link>"
            f"<description>{BODIES[i]}</description>"
            f"<pubDate>Mon, 14 May 2018 0{i}:00:00 +0000</pubDate></item>"
            for i in range(self.items)
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>موقع</title>{items}</channel></rss>").encode()  # fmt: skip

    def page(self, i: int) -> bytes:
        body = f"<p>{BODIES[i]}</p>" * 4
        return (f'<html lang="ar"><head><meta charset="utf-8"><title>خبر رقم {i}</title></head>'
                f"<body><article><h1>خبر رقم {i}</h1>{body}</article></body></html>").encode()  # fmt: skip


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            base = f"http://{self.headers['Host']}"
            if self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif self.path == "/feed.xml":
                self._send(200, state.feed(base), "application/rss+xml")
            elif self.path.startswith("/a/"):
                self._send(200, state.page(int(self.path[3])), "text/html; charset=utf-8")
            elif self.path == "/sitemap.xml":
                xml = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                       f'sitemap/0.9"><url><loc>{base}/a/2.html</loc></url></urlset>')  # fmt: skip
                self._send(200, xml.encode(), "application/xml")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _watcher(store: Store, sources: list[WatchSource], fetcher: Fetcher) -> Watcher:
    return Watcher(store, sources, fetcher, IngestOptions(workers=1, analyse=None))


def _fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(min_interval=0, retries=0, timeout=5))


def test_watch_ingests_only_new_items_across_polls_and_restarts(site, store_url):
    state, base = site
    sources = [WatchSource(f"{base}/feed.xml", "local")]
    db = store_url
    with open_store(db) as store, _fetcher() as fetcher:
        first = _watcher(store, sources, fetcher).poll_once()
        assert (first[0].status, first[0].new, first[0].kept) == ("ok", 2, 2)
        state.items = 3
        second = _watcher(store, sources, fetcher).poll_once()
        assert (second[0].new, second[0].seen, second[0].kept) == (1, 2, 1)
    assert sorted(p for p in state.requests if p.startswith("/a/")) == [
        "/a/0.html", "/a/1.html", "/a/2.html",
    ]  # fmt: skip
    with open_store(db) as store, _fetcher() as fetcher:  # a restarted watcher
        again = _watcher(store, sources, fetcher).poll_once()
        assert (again[0].new, again[0].seen, again[0].kept) == (0, 3, 0)
        assert store.stats()["articles"] == 3


def test_watch_a_failing_source_does_not_stop_the_others(site, tmp_path):
    _, base = site
    sources = [
        WatchSource("http://127.0.0.1:9/feed.xml", "down"),
        WatchSource(f"{base}/feed.xml", "up"),
    ]
    with SQLiteStore(tmp_path / "w.db") as store, _fetcher() as fetcher:
        reports = _watcher(store, sources, fetcher).poll_once()
    assert [r.status for r in reports] == ["error", "ok"]
    assert "fetch_failed" in reports[0].error or "robots" in reports[0].error
    assert reports[1].kept == 2


def test_watch_cli_once_quiet_reports_a_failed_source(site, tmp_path):
    _, base = site
    sources = tmp_path / "sources.txt"
    sources.write_text(f"{base}/missing.xml gone\n{base}/feed.xml up\n", "utf-8")
    env = dict(os.environ, MARSAD_DB=str(tmp_path / "w.db"))
    cmd = [sys.executable, "-m", "marsad.cli", "watch", str(sources), "--once", "--quiet"]
    done = subprocess.run(
        [*cmd, "--no-analysis"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr  # cron sees the failure
    assert "gone: error" in done.stderr and "1 source(s) failed" in done.stderr
    assert "up: ok" not in done.stderr  # --quiet: the sources that worked stay quiet
    with SQLiteStore(tmp_path / "w.db") as store:
        assert store.stats()["articles"] == 2


def test_watch_reads_sitemaps(site, tmp_path):
    _, base = site
    with SQLiteStore(tmp_path / "w.db") as store, _fetcher() as fetcher:
        (report,) = _watcher(
            store, [WatchSource(f"{base}/sitemap.xml", "map")], fetcher
        ).poll_once()
    assert (report.status, report.new, report.kept) == ("ok", 1, 1)


def test_watch_run_stops_when_told(site, tmp_path):
    _, base = site
    stop = threading.Event()
    with SQLiteStore(tmp_path / "w.db") as store, _fetcher() as fetcher:
        watcher = _watcher(store, [WatchSource(f"{base}/feed.xml", "local")], fetcher)
        timer = threading.Timer(0.5, stop.set)
        timer.start()
        polls = watcher.run(every=0.1, stop=stop)
        timer.cancel()
    assert polls >= 1 and stop.is_set()


def test_watch_cli_stops_cleanly_on_sigterm(site, tmp_path):
    _, base = site
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# local feed\n{base}/feed.xml local\n", "utf-8")
    env = dict(os.environ, MARSAD_DB=str(tmp_path / "w.db"))
    cmd = [
        sys.executable,
        "-m",
        "marsad.cli",
        "watch",
        str(sources),
        "--every",
        "1s",
        "--no-analysis",
    ]
    with subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True) as proc:
        err = sigterm_once_the_store_exists(proc, tmp_path / "w.db", settle=2)
    assert proc.returncode == 0, err
    assert "watch stopped after" in err
    with SQLiteStore(tmp_path / "w.db") as store:
        assert store.stats()["articles"] == 2


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("10m", 600), ("1h", 3600), ("5", 300)])
def test_watch_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "ten minutes", "-5m"])
def test_watch_parse_interval_rejects_nonsense(text):
    with pytest.raises(ConfigError):
        parse_interval(text)


def test_watch_sources_file_names_bad_lines(tmp_path: Path):
    good = tmp_path / "ok.txt"
    good.write_text(
        "https://a.example/feed.xml الموقع أ\n\n# comment\nhttp://b.example/rss\n", "utf-8"
    )
    assert [s.name for s in read_sources_file(good)] == ["الموقع أ", "http://b.example/rss"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/feed.xml\nftp://nope\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad.txt:2"):
        read_sources_file(bad)


def test_watch_sitemap_urls_only_for_sitemaps():
    assert sitemap_urls(b"<rss><channel></channel></rss>") is None
    xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a</loc></url></urlset>'
    assert sitemap_urls(xml) == ["https://x.example/a"]
