"""The Arabic web pages (marsad.serve.web), their escaping, and ``marsad serve``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote_plus, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.analyse.ner.canonical import entity_key
from marsad.cli.commands_serve import allowed_hosts
from marsad.model import Document, EntitySpan, QuoteSpan
from marsad.serve.app import create_app, host_name
from marsad.serve.rendering import CHART_MIN_DAYS, bar_chart
from marsad.serve.views import segments
from serve_helpers import HOSTILE_SPEAKER, TOKEN, build_hand_store, hostile_document

PAGES = [
    "/",
    "/search?q=الرهائن",
    "/articles/q1",
    "/articles/evil",
    "/stories",
    "/stories/3",
    "/people/غالانت",
    "/ingest",
    "/docs",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_hand_store(tmp_path_factory.mktemp("web") / "web.db")
    with TestClient(create_app(db, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("url", ["/", "/api/status", "/search?q=رفح"])
def test_serve_head_is_answered_like_get(client: TestClient, url: str) -> None:
    response = client.head(url)
    assert response.status_code == 200 and response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", PAGES)
def test_serve_web_pages_are_arabic_right_to_left(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in response.text
    assert '<meta name="viewport"' in response.text


@pytest.mark.parametrize("url", PAGES)
def test_serve_web_pages_load_nothing_from_elsewhere(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script" not in html.replace("&lt;script", "")  # no script at all, not even ours
    assert not re.search(r"\sstyle=", html)  # CSP forbids inline styles
    for ref in re.findall(r'<(?:link|img|script)[^>]*(?:href|src)="([^"]*)"', html):
        assert ref.startswith("/"), ref


def test_serve_web_hostile_article_text_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/evil").text
    for raw in ("<script>alert", "<img src=x", "<b>كلام", "<i>منفذ", 'href="javascript:'):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;a href=&#34;javascript:alert(3)&#34;&gt;" in html


@pytest.mark.parametrize(
    "url", ["/search?q=الحقن", f"/people/{HOSTILE_SPEAKER}", "/search?q=<script>alert(9)</script>"]
)
def test_serve_web_hostile_text_is_escaped_everywhere(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script>alert" not in html and "<img src=x" not in html


def test_serve_web_article_marks_quotes_entities_and_related(client: TestClient) -> None:
    html = client.get("/articles/q1").text
    assert '<span class="quote" id="q1"' in html
    assert 'class="ent ent-pers" href="/people/' in html
    assert "التصريحات (1)" in html and "سلسلة المصادر" in html
    assert "اقرأ أيضاً" in html and "/articles/" in html


def test_serve_web_search_shows_facets_and_highlights(client: TestClient) -> None:
    assert "<mark>رفح</mark>" in client.get("/search", params={"q": "رفح"}).text
    html = client.get("/search", params={"q": "الرهائن"}).text
    for facet in ("المنافذ", "الأشخاص", "التواريخ"):
        assert f"<h3>{facet}</h3>" in html
    assert "entity=" + quote_plus(entity_key("يوآف غالانت")) in html  # by the entity's key


def test_serve_web_entity_filter_is_labelled_with_the_name(client: TestClient) -> None:
    key = entity_key("يوآف غالانت")
    html = client.get("/search", params={"q": "الرهائن", "entity": key}).text
    label = html[html.index('<span class="filter">') :]
    assert label.startswith('<span class="filter">الكيان: يوآف غالانت <a'), label[:80]


def test_serve_web_outlet_facet_links_filter_by_the_outlet(client: TestClient) -> None:
    html = client.get("/search", params={"q": "الرهائن"}).text
    outlets = html[html.index("<h3>المنافذ</h3>") : html.index("<h3>الأشخاص</h3>")]
    links = re.findall(r'<a href="(/search\?[^"]+)">([^<]+)</a> <span class="count">(\d+)', outlets)
    assert links
    for href, name, count in links:
        params = parse_qs(urlsplit(unescape(href)).query)
        assert params["source"] == [name]  # the outlet, not its count
        followed = client.get(unescape(href)).text  # the hand store has < 200 hits
        assert f'<p class="total">{count} نتيجة' in followed


def test_serve_web_story_is_a_timeline_of_outlets(client: TestClient) -> None:
    html = client.get("/stories/3").text
    assert html.index("2024-03-10") < html.index("2024-03-11")
    assert "منفذ 9" in html and 'class="timeline"' in html


def test_serve_web_person_page_has_a_chart(client: TestClient) -> None:
    html = client.get("/people/غالانت").text
    assert "<svg" in html and html.count('<rect class="bar"') == CHART_MIN_DAYS
    assert "لن نتوقف حتى نعيد الرهائن" in html


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/articles/999", 404, "غير موجود"),
        ("/stories/999", 404, "غير موجود"),
        ("/people/لا_أحد_بهذا_الاسم", 404, "غير موجود"),
        ("/search?q=-رفح", 400, "تعذّر البحث"),
        ("/search?q=رفح&since=أمس", 400, "تعذّر البحث"),
        ("/nowhere", 404, "غير موجود"),
    ],
)
def test_serve_web_errors_are_readable_pages(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text and '<html lang="ar" dir="rtl">' in response.text
    assert "Traceback" not in response.text


def test_serve_web_bar_chart_fills_missing_days() -> None:
    chart = bar_chart([("2024-03-01", 2), ("2024-03-03", 4), ("bad", 9)])
    days = {b["day"]: b["n"] for b in chart["bars"]}
    assert len(days) == CHART_MIN_DAYS and chart["max"] == 4
    assert days["2024-03-02"] == 0 and days["2024-03-03"] == 4
    right = max(chart["bars"], key=lambda b: b["x"])
    assert right["day"] == chart["first"]  # right to left: the first day on the right
    assert bar_chart([])["bars"] == []


def test_serve_web_segments_cover_the_text() -> None:
    text = 'قال غالانت: "لن نتوقف" اليوم'
    doc = Document(
        id="s",
        text=text,
        entities=[EntitySpan(4, 10, "PERS", text="غالانت")],
        quotes=[QuoteSpan(13, 21, "direct", content="لن نتوقف")],
    )
    parts = segments(doc)
    assert "".join(p.text for p in parts) == text
    assert [p.text for p in parts if p.entity is not None] == ["غالانت"]
    assert [(p.text, p.anchors) for p in parts if p.quote is not None] == [("لن نتوقف", (0,))]


def test_serve_web_nested_quotations_each_get_their_link_target() -> None:
    text = "وقال الوزير إن الحكومة «لن تتراجع» عن قرارها."
    outer = QuoteSpan(text.index("إن"), len(text) - 1, "indirect", speaker="الوزير")
    inner = QuoteSpan(text.index("«") + 1, text.index("»"), "direct", speaker="الوزير")
    parts = segments(Document(id="n", text=text, quotes=[outer, inner]))
    assert [p.anchors for p in parts if p.anchors] == [(0,), (1,)]
    assert next(p.quote for p in parts if p.text == "لن تتراجع") == 1  # the innermost


def test_serve_web_hostile_document_round_trips(client: TestClient) -> None:
    assert client.get("/api/articles/evil").json()["text"] == hostile_document().text


def test_serve_cli_prints_the_address_and_serves(tmp_path: Path) -> None:
    db = build_hand_store(tmp_path / "cli.db")
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_API_TOKEN"}
    marsad = str(Path(sys.executable).with_name("marsad"))
    cmd = [marsad, "serve", "--db", str(db), "--port", "0"]
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as proc:
        try:
            assert proc.stdout is not None
            lines = [proc.stdout.readline() for _ in range(3)]
            address = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[1])
            assert address, lines
            url = address.group(0) + "api/search"
            body = httpx.get(url, params={"q": "رفح"}, timeout=10).json()
            assert sorted(h["doc_id"] for h in body["hits"]) == ["a3", "a3-copy"]
            assert "disabled" in lines[2]
            # a page whose name was rebound to 127.0.0.1 (DNS rebinding) gets nothing
            rebound = httpx.get(url, params={"q": "رفح"}, headers={"Host": "evil.example"})
            assert rebound.status_code == 400 and "a3" not in rebound.text
            local = httpx.get(url, params={"q": "رفح"}, headers={"Host": "localhost:1"})
            assert local.status_code == 200
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.mark.parametrize(
    ("header", "host"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost", "localhost"),
        ("[::1]:80", "::1"),
        ("::1", "::1"),
        ("evil.example:80", "evil.example"),
        ("", ""),
    ],
)
def test_serve_host_name_drops_the_port(header: str, host: str) -> None:
    assert host_name(header) == host


@pytest.mark.parametrize(
    ("bind", "extra", "hosts"),
    [
        ("127.0.0.1", [], ["127.0.0.1", "localhost", "::1"]),
        ("::1", ["news.example"], ["127.0.0.1", "localhost", "::1", "news.example"]),
        ("0.0.0.0", [], None),  # exposed on purpose: any name
        ("0.0.0.0", ["news.example"], ["0.0.0.0", "news.example"]),
    ],
)
def test_serve_cli_allowed_hosts(bind: str, extra: list[str], hosts: list[str] | None) -> None:
    assert allowed_hosts(bind, extra) == hosts
