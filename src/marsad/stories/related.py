"""Related articles (اقرأ أيضاً): the same story first, then the same names and topic.

For an article already placed by the engine:

1. the other articles of its story, one per copy group (a reader wants each text once),
   most recent first;
2. articles within :data:`RELATED_WINDOW_DAYS` that share its names and words, found
   through the same term-day postings as clustering, ranked by :func:`relatedness` (the
   story similarity without the time discount) and shown when at least
   :data:`RELATED_MIN`; ties go to the more recent article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from marsad.errors import ConfigError
from marsad.stories.cluster import StoryClusterer, StoryRule, similarity
from marsad.stories.features import Features
from marsad.stories.state import ArticleBook, BandIndex, Entry, best_candidates

#: How far back and ahead related articles are looked for: a week keeps the background
#: of a developing story (the sanctions before the counter-sanctions) without the archive.
RELATED_WINDOW_DAYS = 7
#: Minimum relatedness of an article outside the story. 0.2 is below the story threshold
#: (0.30) on purpose: these are the articles "about the same thing", not the same event.
RELATED_MIN = 0.2
DEFAULT_LIMIT = 10
#: Articles scored for one related list (those sharing the most best terms).
RELATED_CANDIDATES = 200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Related:
    article_id: int
    reason: str  # "story" or "topic"
    score: float

    def to_json(self) -> dict[str, object]:
        return {"article": self.article_id, "reason": self.reason, "score": round(self.score, 3)}


def relatedness(a: Features, b: Features) -> float:
    """Story similarity over the related window, without the time discount."""
    rule = StoryRule(window_days=RELATED_WINDOW_DAYS, time_decay=0.0)
    return similarity(a, b, rule)


def related_articles(
    article_id: int, index: BandIndex, book: ArticleBook, limit: int = DEFAULT_LIMIT
) -> list[Related]:
    """The related articles of a placed article (see the module docstring)."""
    if limit < 1:
        raise ConfigError(f"limit must be at least 1, not {limit}")
    entry = book.get([article_id]).get(article_id)
    if entry is None:
        return []
    own_group = entry.duplicate_of or entry.article_id
    seen_groups = {own_group}
    out: list[Related] = []
    story = book.get(book.story_members(entry.story))
    for other in sorted(story.values(), key=_recent_first):
        group = other.duplicate_of or other.article_id
        if group not in seen_groups:
            seen_groups.add(group)
            out.append(Related(other.article_id, "story", 1.0))
    if len(out) >= limit:
        return out[:limit]
    scored = []
    rule = StoryRule()
    found = index.candidates(_keys(entry.features), limit_per_key=rule.key_limit)
    nearest = best_candidates(found, RELATED_CANDIDATES, rule.min_shared)
    for other in book.get(nearest).values():
        group = other.duplicate_of or other.article_id
        if group in seen_groups or other.story == entry.story:
            continue
        score = relatedness(entry.features, other.features)
        if score >= RELATED_MIN:
            scored.append((score, other))
    scored.sort(key=lambda so: (-round(so[0], 3), _recent_first(so[1])))
    for score, other in scored:
        group = other.duplicate_of or other.article_id
        if group not in seen_groups:
            seen_groups.add(group)
            out.append(Related(other.article_id, "topic", score))
    return out[:limit]


def _keys(features: Features) -> list[int]:
    return StoryClusterer().query_keys(features, span=RELATED_WINDOW_DAYS)


def _recent_first(entry: Entry) -> tuple[float, int]:
    when = entry.features.when
    seconds = (when - _EPOCH).total_seconds() if when else float("-inf")
    return (-seconds, -entry.article_id)
