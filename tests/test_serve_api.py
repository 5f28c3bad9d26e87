"""The JSON API (marsad.serve.api) through FastAPI's test client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from marsad.serve.app import CONTENT_SECURITY_POLICY, create_app
from marsad.serve.stories import EngineStories
from serve_helpers import STORY_ID, TOKEN, build_hand_store, build_seed_store, hostile_document
from store_helpers import ARTICLES, quoted_document

SEED_MAIN_TITLE = "أوستن يلتقي غالانت ويؤكد حرص واشنطن على أمن إسرائيل"


@pytest.fixture(scope="module")
def seed_client(tmp_path_factory: pytest.TempPathFactory, seed_page: Path) -> Iterator[TestClient]:
    db = build_seed_store(tmp_path_factory.mktemp("seed") / "seed.db", seed_page)
    with TestClient(create_app(db, token=TOKEN)) as client:
        yield client


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hand_store(tmp_path_factory.mktemp("hand") / "hand.db")


@pytest.fixture
def client(hand_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hand_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def _error(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "status"} and body["status"] == status
    assert "Traceback" not in response.text and 'File "' not in response.text
    return str(body["error"])


# -- the done criteria on the seed page ------------------------------------------------


def test_serve_api_search_finds_the_seed_article(seed_client: TestClient) -> None:
    body = seed_client.get("/api/search", params={"q": "رفح"}).json()
    assert body["total"] >= 1
    hit = body["hits"][0]
    assert {"id", "title", "published", "sources", "snippet", "score"} <= set(hit)
    assert hit["title"] == SEED_MAIN_TITLE and hit["published"] == "2024-03-27"
    assert {"name": "الجزيرة", "role": "origin"} in hit["sources"]
    assert "رفح" in hit["snippet"]


def test_serve_api_seed_article_carries_its_18_quotes(seed_client: TestClient) -> None:
    hit = seed_client.get("/api/search", params={"q": "رفح"}).json()["hits"][0]
    article = seed_client.get(f"/api/articles/{hit['id']}").json()
    assert article["title"] == SEED_MAIN_TITLE
    assert len(article["quotes"]) == 18
    assert article["entities"] and all("canonical" in e for e in article["entities"])
    assert article["store_id"] == hit["id"]


def test_serve_api_ingest_without_token_is_401(seed_client: TestClient) -> None:
    response = seed_client.post("/api/ingest", content="نص")
    _error(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


# -- reading ---------------------------------------------------------------------------


def test_serve_api_article_is_the_document_json(client: TestClient) -> None:
    body = client.get("/api/articles/q1").json()
    store_id, story_id = body.pop("store_id"), body.pop("story_id")
    assert isinstance(store_id, int) and story_id == store_id  # it opened its own story
    assert body == json.loads(json.dumps(quoted_document().to_json()))
    assert client.get(f"/api/articles/{store_id}").json()["id"] == "q1"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "الأمطار"}, ["a2"]),
        ({"q": "وزير", "since": "2024-03-02"}, ["q1"]),
        ({"q": "الرهائن", "speaker": "غالانت"}, ["q1"]),
        ({"q": "الرهائن", "entity": "غالانت"}, ["q1"]),
        ({"q": "الرهائن", "source": "الأنباء"}, ["q1"]),
        ({"q": "الرهائن", "until": "2024-03-10"}, ["a3"]),
    ],
)
def test_serve_api_search_filters(
    client: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    body = client.get("/api/search", params=params).json()
    assert [h["doc_id"] for h in body["hits"]] == expected
    assert body["total"] == len(expected)


def test_serve_api_search_pages_with_offset(client: TestClient) -> None:
    pages = [
        client.get("/api/search", params={"q": "في", "limit": 1, "offset": n}).json()
        for n in range(3)
    ]
    assert {p["total"] for p in pages} == {pages[0]["total"]} and pages[0]["total"] >= 3
    assert len({p["hits"][0]["id"] for p in pages}) == 3


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/search?q=", 422),
        ("/api/search", 422),
        ("/api/search?q=-رفح", 400),
        ("/api/search?q=رفح&limit=0", 422),
        ("/api/search?q=رفح&limit=abc", 422),
        ("/api/search?q=رفح&offset=-1", 422),
        ("/api/search?q=رفح&offset=5000", 422),
        ("/api/search?q=رفح&since=yesterday", 400),
        ("/api/search?q=رفح&since=2024-13-99", 400),  # shaped like a date, but none
        ("/api/search?q=رفح&until=2024-02-30", 400),
        # a filter that folds to nothing (a tatweel, a lone diacritic) would keep everything
        ("/api/search?q=رفح&speaker=ـ", 400),
        ("/api/search?q=رفح&entity=%D9%8E", 400),
        ("/api/search?q=رفح&source=ـ", 400),
        ("/api/quotes?speaker=ـ", 400),
        ("/api/people/ـ", 400),
        ("/api/search?q=" + "كلمة " * 120, 422),
        ("/api/entities?type=PEOPLE", 422),
        ("/api/stories/abc", 422),
    ],
)
def test_serve_api_bad_parameters_are_clear_json_errors(
    client: TestClient, url: str, status: int
) -> None:
    message = _error(client.get(url), status)
    assert len(message) > 10


@pytest.mark.parametrize(
    "url", ["/api/articles/999", "/api/articles/nope/related", "/api/stories/99", "/api/nope"]
)
def test_serve_api_missing_things_are_404(client: TestClient, url: str) -> None:
    _error(client.get(url), 404)


def test_serve_api_quotes_and_entities(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "غالانت"}).json()["quotes"]
    assert [q["content"] for q in quotes] == ["لن نتوقف حتى نعيد الرهائن"]
    about = client.get("/api/quotes", params={"about": "الرهائن"}).json()["quotes"]
    assert len(about) == 1
    people = client.get("/api/entities", params={"type": "pers"}).json()["entities"]
    assert "يوآف غالانت" in [e["canonical"] for e in people]


def test_serve_api_person_counts_mentions_per_day(client: TestClient) -> None:
    body = client.get("/api/people/غالانت").json()
    assert body["mentions_per_day"] == [{"day": "2024-03-27", "articles": 1}]
    assert len(body["quotes"]) == 1


# -- stories (the adapter's contract) --------------------------------------------------


def test_serve_api_stories_are_those_placed_at_ingest(client: TestClient) -> None:
    listing = client.get("/api/stories").json()
    (story,) = listing["stories"]  # stories of one article are not listed
    assert story["id"] == STORY_ID and story["articles"] == 2
    assert story["outlets"] == ["منفذ 3", "منفذ 9"] and story["texts"] == 1
    assert "as they are ingested" in listing["message"]
    story = client.get(f"/api/stories/{STORY_ID}").json()
    assert [a["doc_id"] for a in story["articles"]] == ["a3", "a3-copy"]  # oldest first
    assert story["outlets"] == ["منفذ 3", "منفذ 9"]
    # The copy's story holds only its own text: related articles come from the title.
    related = client.get("/api/articles/a3-copy/related").json()
    assert "a3" not in [a["doc_id"] for a in related["related"]]


def test_serve_api_without_stories_lists_none_and_relates_by_title(tmp_path: Path) -> None:
    db = build_hand_store(tmp_path / "plain.db", stories=False)
    with TestClient(create_app(db)) as c:
        listing = c.get("/api/stories").json()
        assert listing["stories"] == [] and "marsad stories --rebuild" in listing["message"]
        assert "--rebuild" in _error(c.get(f"/api/stories/{STORY_ID}"), 404)
        related = c.get("/api/articles/a1/related").json()
    assert related["method"] == "title"
    assert "a1" not in [a["doc_id"] for a in related["related"]]


# -- writing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "header", "status"),
    [
        (TOKEN, None, 401),
        (TOKEN, "Bearer wrong-token", 401),
        (TOKEN, f"Basic {TOKEN}", 401),
        (TOKEN, "Bearer ", 401),
        (None, None, 401),
        (None, f"Bearer {TOKEN}", 403),
    ],
)
def test_serve_api_ingest_needs_the_token(
    hand_db: Path, token: str | None, header: str | None, status: int
) -> None:
    headers = {"Authorization": header} if header is not None else {}
    with TestClient(create_app(hand_db, token=token)) as c:
        _error(c.post("/api/ingest", content="نص", headers=headers), status)


def test_serve_api_ingest_stores_json_lines(tmp_path: Path) -> None:
    records = [{**a, "id": a["id"] + "-api", "url": a["url"] + "/api"} for a in ARTICLES]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(tmp_path / "new.db", token=TOKEN, analyse=None)) as c:
        first = c.post("/api/ingest", content=body, headers=auth).json()
        again = c.post("/api/ingest", content=body, headers=auth).json()
        hits = c.get("/api/search", params={"q": "رفح"}).json()["hits"]
        status = c.get("/api/status").json()
    assert (first["kept"], first["rejected"]) == (3, 0)
    assert (again["kept"], again["skipped"]) == (0, 3)
    assert [h["doc_id"] for h in hits] == ["a3-api"]
    assert status["stats"]["articles"] == 3 and status["runs"][0]["status"] == "done"


@pytest.mark.parametrize("chunked", [False, True])
def test_serve_api_ingest_refuses_a_body_over_the_limit(tmp_path: Path, chunked: bool) -> None:
    app = create_app(tmp_path / "s.db", token=TOKEN, max_body_bytes=1024)
    data = b"x" * 4096
    content: Any = iter([data[:2048], data[2048:]]) if chunked else data
    with TestClient(app) as c:
        response = c.post(
            "/api/ingest", content=content, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert "1,024 bytes" in _error(response, 413)


def test_serve_api_ingest_rejects_an_unknown_format(client: TestClient) -> None:
    response = client.post(
        "/api/ingest?format=pdf", content="x", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert "format" in _error(response, 400)


# -- the whole surface -----------------------------------------------------------------


def test_serve_api_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/articles/{ident}", "/api/articles/{ident}/related",
                 "/api/quotes", "/api/entities", "/api/stories", "/api/stories/{story_id}",
                 "/api/ingest"):  # fmt: skip
        assert path in paths
    assert "/search" not in paths  # pages are not API
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text and "<script" not in docs.text


@pytest.mark.parametrize("url", ["/api/search?q=رفح", "/", "/api/nope", "/static/marsad.css"])
def test_serve_api_sends_a_strict_content_security_policy(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"


class _BrokenStories(EngineStories):
    def stories(self, store: Any, limit: int, offset: int) -> list[dict[str, object]]:
        raise RuntimeError("secret internal detail /etc/passwd")


def test_serve_api_unexpected_errors_hide_the_trace(hand_db: Path) -> None:
    app = create_app(hand_db, stories=_BrokenStories())
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/stories")
    message = _error(response, 500)
    assert "secret" not in message and "passwd" not in response.text
    assert response.headers["x-frame-options"] == "DENY"  # the guard's headers on 500s too
    assert "content-security-policy" in response.headers


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/%C2%B2",  # str.isdigit() accepts superscript two, int() does not
        "/api/articles/%D9%A3",  # an Arabic-Indic digit is not store id 3
        "/api/articles/99999999999999999999999",  # beyond SQLite's integers
        "/api/articles/%C2%B2/related",
        "/api/stories/99999999999999999999999",
    ],
)
def test_serve_api_ids_that_cannot_be_store_ids_are_not_found(
    client: TestClient, path: str
) -> None:
    _error(client.get(path), 404)


def test_serve_web_huge_story_id_is_a_not_found_page(client: TestClient) -> None:
    response = client.get("/stories/99999999999999999999999")
    assert response.status_code == 404 and "غير موجود" in response.text


def test_serve_api_hostile_text_is_returned_verbatim_as_json(client: TestClient) -> None:
    body = client.get("/api/articles/evil").json()
    assert body["text"] == hostile_document().text
    assert body["title"].startswith("<script>")


def test_serve_token_with_spaces_is_usable(hand_db: Path) -> None:
    app = create_app(hand_db, token=f"  {TOKEN} \n")
    with TestClient(app) as c:
        response = c.post(
            "/api/ingest?format=jsonl", content=b"", headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert response.status_code == 400  # past the token check, refused as empty
