"""The story engine: one call per new article gives its copy group and its story.

For each article, in ingest order: find its copies (:mod:`marsad.stories.dedup`); if it has
any, it belongs to their copy group and story; otherwise it joins the closest recent story
or opens one (:mod:`marsad.stories.cluster`). Nothing is re-clustered: when an earlier copy
arrives late (an older publication date), the group's ``duplicate_of`` moves to it and
the changed articles are returned so that a store can update them in the same transaction.

``duplicate_of`` points to the group's earliest article: by time (publication date, else
crawl time), then by ingest order (the lower article id); undated articles come last.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from marsad.stories.cluster import StoryClusterer, StoryRule
from marsad.stories.dedup import CopyFinder, CopyRule
from marsad.stories.features import Features
from marsad.stories.idf import IdfTable, default_idf
from marsad.stories.state import ArticleBook, BandIndex, Entry, best_candidates


@dataclass(frozen=True)
class Assignment:
    """Where an article went, and the earlier articles whose state changed with it."""

    article_id: int
    duplicate_of: int | None
    story: int
    copies: tuple[int, ...] = ()
    changed: tuple[tuple[int, int | None, int], ...] = ()  # (article_id, duplicate_of, story)


class StoryEngine:
    def __init__(
        self,
        index: BandIndex,
        book: ArticleBook,
        idf: IdfTable | None = None,
        copy_rule: CopyRule | None = None,
        story_rule: StoryRule | None = None,
    ) -> None:
        self.index = index
        self.book = book
        self.idf = idf or default_idf()
        self.copies = CopyFinder(self.idf, copy_rule)
        self.clusterer = StoryClusterer(story_rule)

    def add(self, article_id: int, features: Features, exact_of: int | None = None) -> Assignment:
        """Assign a new article (ids must grow with ingest order).

        ``exact_of`` names an earlier article with the same match key (the store finds it
        by content hash): the article joins that article's copy group whatever the copy
        rule says (a one-line item has too few shingles for the rule, yet is a copy)."""
        copy_keys = self.copies.keys(features)
        known = self.book.get([exact_of]) if exact_of is not None else {}
        if known:
            copies = list(known.values())
        else:
            candidates = self.book.get(self.copies.candidates(self.index, copy_keys))
            copies = self.copies.confirm(features, candidates.values())
        if copies:
            assignment = self._join_copies(article_id, features, copies, exact=bool(known))
        else:
            assignment = self._cluster(article_id, features)
        self.index.add(article_id, copy_keys.all + tuple(self.clusterer.index_keys(features)))
        return assignment

    def _cluster(self, article_id: int, features: Features) -> Assignment:
        rule = self.clusterer.rule
        found = self.index.candidates(
            self.clusterer.query_keys(features), limit_per_key=rule.key_limit
        )
        nearest = best_candidates(found, rule.candidates, rule.min_shared)
        best = self.clusterer.best_story(features, self.book.get(nearest).values(), self._features)
        story = best[0] if best else article_id
        self.book.put(Entry(article_id, features, None, story))
        return Assignment(article_id, None, story)

    def _join_copies(
        self, article_id: int, features: Features, copies: list[Entry], exact: bool = False
    ) -> Assignment:
        """Join the copy group of the earliest original that the article copies.

        Only a copy of a group's root (its earliest article, the probable original) joins
        the group, and groups are never merged: a roundup that carries two wire items is a
        copy of each, but the two items are not copies of each other. Of several groups,
        the one with the earliest root wins: the text first appeared there. An exact copy
        (``exact``) joins its twin's group without the test against the root."""
        roots = self.book.get({c.duplicate_of or c.article_id for c in copies})
        originals = [
            r
            for r in roots.values()
            if exact or self.copies.rule.is_copy(features, r.features, self.idf)
        ]
        if not originals:
            return self._cluster(article_id, features)
        first = min(originals, key=earliest_first)
        new = Entry(article_id, features, None, first.story)
        root = min([first, new], key=earliest_first)
        changed = []
        if root is new:
            for member in [first.article_id, *self.book.members(first.article_id)]:
                self.book.link(member, article_id, first.story)
                changed.append((member, article_id, first.story))
        duplicate_of = None if root is new else first.article_id
        self.book.put(Entry(article_id, features, duplicate_of, first.story))
        return Assignment(
            article_id,
            duplicate_of,
            first.story,
            tuple(c.article_id for c in copies),
            tuple(changed),
        )

    def _features(self, article_id: int) -> Features | None:
        entry = self.book.get([article_id]).get(article_id)
        return entry.features if entry else None


def earliest_first(entry: Entry) -> tuple[bool, datetime | None, int]:
    """Earliest first: dated before undated, then by time, then by ingest order."""
    when = entry.features.when
    return (when is None, when, entry.article_id) if when else (True, None, entry.article_id)
