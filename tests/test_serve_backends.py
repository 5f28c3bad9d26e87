"""The web app and the API over each store backend: the same answers from SQLite and from
PostgreSQL (counts, facets, people, stories, related articles, pages)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marsad.serve import queries
from marsad.serve.app import create_app
from marsad.store.base import SearchFilters
from marsad.store.open import open_store
from marsad.store.query import parse_query
from serve_helpers import STORY_ID, article_documents
from store_helpers import processed


@pytest.fixture(scope="module")
def location(backend, new_store, tmp_path_factory) -> str:
    url = new_store(backend, tmp_path_factory.mktemp(f"serve-{backend}"))
    with open_store(url) as store:
        run = store.begin_run(["hand-made"])
        store.write_batch(run, [processed(d) for d in article_documents()])
        store.finish_run(run, "done", {})
    return url


@pytest.fixture(scope="module")
def client(location: str) -> Iterator[TestClient]:
    with TestClient(create_app(location)) as c:
        yield c


def _get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "الأمطار"}, ["a2"]),
        ({"q": "الرهائن", "speaker": "غالانت"}, ["q1"]),
        ({"q": "الرهائن", "entity": "غالانت"}, ["q1"]),
        ({"q": "الرهائن", "source": "الأنباء"}, ["q1"]),
        ({"q": "الرهائن", "until": "2024-03-10"}, ["a3"]),
        ({"q": "-"}, []),
    ],
)
def test_search_counts_and_filters(client: TestClient, params, expected) -> None:
    if params["q"] == "-":
        assert client.get("/api/search", params=params).status_code == 400
        return
    body = _get(client, "/api/search", **params)
    assert [h["doc_id"] for h in body["hits"]] == expected
    assert body["total"] == len(expected)


def test_search_facets(client: TestClient, location: str) -> None:
    assert _get(client, "/api/search", q="الرهائن")["total"] == 3  # a3, its copy and q1
    with open_store(location) as store:
        facets = queries.facets(store, parse_query("الرهائن"), SearchFilters())
        assert queries.facets(store, parse_query("كلمةغائبة"), SearchFilters()).sources == []
    assert {f.value for f in facets.sources} >= {"منفذ 3", "منفذ 9", "وكالة الأنباء"}
    assert [f.value for f in facets.people] == ["يوآف غالانت"]
    assert {f.value for f in facets.days} == {"2024-03-10", "2024-03-11", "2024-03-27"}
    html = client.get("/search", params={"q": "الرهائن"}).text
    assert "<h3>المنافذ</h3>" in html and "منفذ 9" in html


def test_person_page_data(client: TestClient) -> None:
    body = _get(client, "/api/people/غالانت")
    assert body["mentions_per_day"] == [{"day": "2024-03-27", "articles": 1}]
    assert len(body["quotes"]) == 1


def test_stories_and_related(client: TestClient) -> None:
    (story,) = _get(client, "/api/stories")["stories"]
    assert story["id"] == STORY_ID and story["outlets"] == ["منفذ 3", "منفذ 9"]
    detail = _get(client, f"/api/stories/{STORY_ID}")
    assert [a["doc_id"] for a in detail["articles"]] == ["a3", "a3-copy"]
    (chain,) = detail["republished"]  # the one text run by two outlets
    assert chain["root"] == STORY_ID and chain["outlets"] == ["منفذ 3", "منفذ 9"]
    assert chain["original"] == "منفذ 3" and chain["evidence"] == "earliest copy"
    html = client.get(f"/stories/{STORY_ID}").text
    assert "نصوص أعيد نشرها" in html and "المصدر الأرجح: منفذ 3" in html
    related = _get(client, "/api/articles/q1/related")
    ids = [a["doc_id"] for a in related["related"]]
    assert related["method"] in {"topic", "title"} and "q1" not in ids


@pytest.mark.parametrize(
    "url", ["/", "/search?q=الرهائن", "/articles/q1", "/stories", "/people/غالانت"]
)
def test_pages_render(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and 'dir="rtl"' in response.text
