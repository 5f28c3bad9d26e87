"""The web app in a real browser: Debian's Chromium, headless, driven by Playwright.

Never downloads a browser: it runs /usr/bin/chromium (``.ci/run`` installs Debian's
package). Screenshots go to build/screenshots/ ($MARSAD_SCREENSHOTS elsewhere) for a
person to look at. Skipped only outside CI when Chromium is not installed; in CI
(``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from marsad import ingest_service
from marsad.serve.app import create_app
from marsad.store.sqlite import SQLiteStore
from serve_helpers import build_hand_store

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (/usr/bin/chromium); "
        "run 'apt-get install -y chromium' or .ci/run",
        allow_module_level=True,
    )
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SEED_TITLE = "أوستن يلتقي غالانت ويؤكد حرص واشنطن على أمن إسرائيل"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def shots() -> Path:
    path = Path(os.environ.get("MARSAD_SCREENSHOTS") or REPO / "build" / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seed_page: Path) -> Iterator[str]:
    """The app over the hand-made articles and the seed page, on a free loopback port."""
    import uvicorn

    db = build_hand_store(tmp_path_factory.mktemp("browser") / "browser.db")
    with SQLiteStore(db) as store:
        ingest_service.ingest_paths(
            store, [str(seed_page)], ingest_service.IngestOptions(workers=1)
        )
    sock = socket.create_server(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(db), log_level="warning", access_log=False)
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    uv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="ar")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def _store_id(page: Page, server: str, title: str) -> Any:
    response = page.request.get(f"{server}/api/search", params={"q": title, "limit": 1})
    return response.json()["hits"][0]["id"]


def test_serve_browser_search_then_open_the_article(page: Page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "رفح")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".hit")
    assert "نتيجة" in page.inner_text(".total")
    page.screenshot(path=shots / "search.png", full_page=True)
    page.click(f"text={SEED_TITLE}")
    page.wait_for_selector("article.article")
    assert page.inner_text("h1") == SEED_TITLE
    assert page.locator(".quotes li").count() == 18
    assert page.locator(".text .quote").count() >= 18
    assert page.locator(".text a.ent-pers").count() > 0
    assert "اقرأ أيضاً" in page.inner_text(".related")
    page.screenshot(path=shots / "article.png", full_page=True)


def test_serve_browser_story_timeline(page: Page, server: str, shots: Path) -> None:
    page.goto(server + "/stories")
    page.click("text=مفاوضات الرهائن في القاهرة")
    page.wait_for_selector(".timeline")
    items = page.locator(".timeline li")
    assert items.count() == 2
    assert "2024-03-10" in items.nth(0).inner_text()
    page.screenshot(path=shots / "story.png", full_page=True)


def test_serve_browser_layout_is_right_to_left_on_a_phone(
    browser: Browser, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE, locale="ar", is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/articles/{_store_id(page, server, SEED_TITLE)}")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    brand = page.locator(".brand").bounding_box()
    title = page.locator("h1").bounding_box()
    assert brand is not None and title is not None
    assert brand["x"] + brand["width"] > PHONE["width"] * 0.75  # the name sits on the right
    assert title["x"] + title["width"] > PHONE["width"] * 0.9
    page.screenshot(path=shots / "article-phone.png")
    context.close()


def test_serve_browser_hostile_text_is_shown_as_text(page: Page, server: str, shots: Path) -> None:
    page.goto(f"{server}/articles/evil")
    text = page.inner_text(".text")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert '<a href="javascript:alert(3)">' in text
    assert page.locator("main img, main script, main b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.inner_text("h1").startswith("<script>")
    page.wait_for_timeout(200)
    assert page.dialogs == []  # type: ignore[attr-defined]
    page.screenshot(path=shots / "hostile.png", full_page=True)


def test_serve_browser_person_page_charts_mentions(page: Page, server: str, shots: Path) -> None:
    page.goto(f"{server}/people/لويد أوستن")
    assert page.locator("svg rect.bar").count() >= 30
    assert page.locator(".timeline li").count() >= 1
    page.screenshot(path=shots / "person.png", full_page=True)
