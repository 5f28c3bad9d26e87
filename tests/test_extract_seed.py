"""The canonical example: the seed page against ../shared/seed/expected.json."""

from __future__ import annotations

import pytest

from marsad import service
from marsad.analyse.gold_texts import compare_key as seed_key
from marsad.model import Document, Rejection


@pytest.fixture(scope="module")
def seed_docs(seed_page) -> list[Document]:
    results = list(service.extract_paths([str(seed_page)], analyse=None))
    assert not [r for r in results if isinstance(r, Rejection)]
    return [r for r in results if isinstance(r, Document)]


def _match(docs: list[Document], title: str) -> Document:
    found = [d for d in docs if d.title and seed_key(d.title) == seed_key(title)]
    assert len(found) == 1, f"no article titled {title!r}"
    return found[0]


def test_extract_seed_finds_two_articles(seed_docs, seed_expected):
    assert len(seed_docs) == len(seed_expected["articles"]) == 2


@pytest.mark.parametrize("index", [0, 1])
def test_extract_seed_article_fields(seed_docs, seed_expected, index):
    exp = seed_expected["articles"][index]
    doc = _match(seed_docs, exp["title"])
    assert doc.role == exp["role"]
    if exp["published"] is None:
        assert doc.published is None
    else:
        assert doc.published is not None
        assert doc.published[:10] == exp["published"]
    text = seed_key(doc.text)
    assert text.startswith(seed_key(exp["text_starts_with"]))
    assert text.endswith(seed_key(exp["text_ends_with"]))
    for banned in exp["text_must_not_contain"]:
        assert seed_key(banned) not in text


@pytest.mark.parametrize("index", [0, 1])
def test_extract_seed_source_chain_is_exact(seed_docs, seed_expected, index):
    exp = seed_expected["articles"][index]
    doc = _match(seed_docs, exp["title"])
    got = {(seed_key(s.name), s.role) for s in doc.sources}
    want = {(seed_key(s["name"]), s["role"]) for s in exp["sources"]}
    assert got == want
