"""The seed page's entities (../shared/seed/expected.json), found by the entity stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.analyse.entities import EntityStage
from marsad.analyse.gold_texts import compare_key as seed_key
from marsad.model import Document, EntitySpan

SPLIT_LINE = "إقرأ أيضاً:"


@pytest.fixture(scope="module")
def seed_entities(seed_page: Path) -> list[list[EntitySpan]]:
    parts = seed_page.read_text(encoding="utf-8").split(SPLIT_LINE)
    stage = EntityStage()
    return [
        stage(Document(id=f"seed-{i}", text=part.strip())).entities for i, part in enumerate(parts)
    ]


def _expected(seed_expected: dict[str, Any]) -> list[tuple[int, str, str]]:
    return [
        (i, label, name)
        for i, article in enumerate(seed_expected["articles"])
        for label, names in article["entities"].items()
        for name in names
    ]


def test_ner_seed_has_expectations(seed_expected: dict[str, Any]) -> None:
    assert len(_expected(seed_expected)) >= 30


def test_ner_seed_every_expected_entity_is_found(
    seed_entities: list[list[EntitySpan]], seed_expected: dict[str, Any]
) -> None:
    missing = []
    for article, label, name in _expected(seed_expected):
        found = {(e.label, seed_key(e.canonical)) for e in seed_entities[article]}
        if (label, seed_key(name)) not in found:
            missing.append((article, label, name))
    assert not missing


def test_ner_seed_named_people_have_titles(
    seed_entities: list[list[EntitySpan]], seed_expected: dict[str, Any]
) -> None:
    people = seed_expected["articles"][0]["entities"]["PERS"]
    untitled = [
        name
        for name in people
        if not any(
            e.role
            for e in seed_entities[0]
            if e.label == "PERS" and seed_key(e.canonical) == seed_key(name)
        )
    ]
    assert len(people) == 9
    assert not untitled


def test_ner_seed_nationality_adjectives_are_not_entities(
    seed_entities: list[list[EntitySpan]],
) -> None:
    adjectives = {"الاسرائيلي", "الاميركي", "الاميركيه", "الاسرائيليه", "الامريكي"}
    assert not [e for doc in seed_entities for e in doc if seed_key(e.text) in adjectives]


def test_ner_seed_spans_point_into_the_text(
    seed_page: Path, seed_entities: list[list[EntitySpan]]
) -> None:
    parts = [p.strip() for p in seed_page.read_text(encoding="utf-8").split(SPLIT_LINE)]
    for text, entities in zip(parts, seed_entities, strict=True):
        for e in entities:
            assert text[e.start : e.end] == e.text
            assert e.key
