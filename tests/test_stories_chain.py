from __future__ import annotations

import pytest

from marsad.stories.chain import republication_chain
from marsad.stories.state import Entry
from stories_helpers import WIRE, doc, features


def entry(article_id, outlet, published="2015-08-03T10:00:00+03:00", agency=None) -> Entry:
    d = doc(str(article_id), WIRE, published=published, outlet=outlet, agency=agency)
    return Entry(article_id, features(d), None, 1)


def test_chain_agency_feed_is_the_original():
    chain = republication_chain(
        [
            entry(1, "الرياض", "2015-08-03T09:00:00+03:00"),
            entry(2, "was", "2015-08-03T11:00:00+03:00"),
            entry(3, "عكاظ", "2015-08-04T06:00:00+03:00", agency="واس"),
        ]
    )
    assert (chain.original_article, chain.original_source) == (2, "واس")
    assert chain.agencies == ("واس",)
    assert [o for o, _ in chain.outlets] == ["الرياض", "واس", "عكاظ"]


def test_chain_credited_agency_when_its_feed_is_missing():
    chain = republication_chain(
        [entry(5, "اليوم", agency="رويترز"), entry(4, "عكاظ", agency="رويترز"), entry(6, "سبق")]
    )
    assert chain.original_source == "رويترز"
    assert chain.evidence == "credited by 2 of 3 copies"
    assert chain.original_article == 4


def test_chain_without_credits_is_the_earliest_copy():
    chain = republication_chain([entry(2, "عكاظ"), entry(1, "اليوم")])
    assert (chain.original_article, chain.original_source, chain.evidence) == (
        1,
        "اليوم",
        "earliest copy",
    )
    assert chain.to_json()["outlets"] == [
        {"outlet": "اليوم", "article": 1},
        {"outlet": "عكاظ", "article": 2},
    ]


def test_chain_needs_a_member():
    with pytest.raises(ValueError, match="at least one"):
        republication_chain([])
