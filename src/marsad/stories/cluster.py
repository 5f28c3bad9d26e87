"""Story clustering: a new article joins the most similar recent story, or opens one.

Similarity (:func:`similarity`) mixes three TF-IDF cosines over the analyser's terms —
the whole article (title counted twice), the headline, the lead — adds a bonus for shared
named entities, and discounts it with the time between the articles and when their
figures disagree (daily market and weather reports share their words, not their numbers).
A story's score is the best similarity of the new article to any of its members (single
link), and a story is only joined while the new article is within the window of the
story's first article, so that a daily series does not chain into one story.

Candidates come from the band index: every article posts its :data:`INDEX_TERMS` best
terms under its day, a new article looks up its own best terms on every day of the window
and scores the :data:`STORY_CANDIDATES` articles sharing the most of them, so the cost per
article is bounded whatever the number of articles stored.

Deterministic: the same articles in the same order give the same story ids (a story's id
is the id of the article that opened it; ties go to the lower story id).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.errors import ConfigError
from marsad.stories.features import Features, cosine, days_apart
from marsad.stories.state import Entry, combine64, key64

#: Articles about one event are published within this many days (the issue's default).
WINDOW_DAYS = 3
#: Join a story at this similarity or above. Calibrated on the gold pairs (docs/stories.md):
#: lower merges the daily market and weather reports of nearby days, higher splits the
#: independent write-ups of one event.
STORY_THRESHOLD = 0.30
#: Shares of the three cosines: whole article, headline, lead. Headlines of two write-ups
#: of one event name it in the same words even when the bodies differ (gold pairs, direct
#: pair similarity, first annotation: the headline and lead shares raise the best F1 from
#: 0.876 to 0.888).
TEXT_SHARE, TITLE_SHARE, LEAD_SHARE = 0.6, 0.2, 0.2
#: Weight of the shared-entity share (|shared| / smaller set) added to the cosines.
ENTITY_WEIGHT = 0.2
#: The similarity loses this share over the whole window (linearly with the time between
#: the articles): reports of one event cluster within a day, a daily series a day apart.
TIME_DECAY = 0.5
#: When both articles give at least FIGURES numbers (years and single digits aside) and
#: fewer than FIGURES_AGREE of them are shared, the similarity is multiplied by
#: FIGURES_FACTOR: two days of a market report share every word but the figures.
FIGURES = 3
FIGURES_AGREE = 0.25
FIGURES_FACTOR = 0.6
#: Terms an article posts under its day, and terms a new article looks up.
INDEX_TERMS = 12
QUERY_TERMS = 12
#: Per term-day key, only the most recent articles are considered: bounds the cost of
#: terms that are everywhere on a busy day.
TERM_KEY_LIMIT = 50
#: Articles scored per new article: those sharing the most best terms (at least
#: MIN_SHARED_TERMS). Keeps the cost flat as the store grows; on the gold pairs 30, 60 and
#: 200 give the same stories, and requiring 2 shared terms loses recall (F1 0.877 vs 0.882).
STORY_CANDIDATES = 30
MIN_SHARED_TERMS = 1


@dataclass(frozen=True)
class StoryRule:
    window_days: float = WINDOW_DAYS
    threshold: float = STORY_THRESHOLD
    entity_weight: float = ENTITY_WEIGHT
    time_decay: float = TIME_DECAY
    figures_factor: float = FIGURES_FACTOR
    index_terms: int = INDEX_TERMS
    query_terms: int = QUERY_TERMS
    key_limit: int = TERM_KEY_LIMIT
    candidates: int = STORY_CANDIDATES
    min_shared: int = MIN_SHARED_TERMS

    def __post_init__(self) -> None:
        if self.window_days < 0:
            raise ConfigError(f"StoryRule.window_days must be >= 0, not {self.window_days}")
        if not 0.0 < self.threshold <= 2.0:
            raise ConfigError(f"StoryRule.threshold must be in (0, 2], not {self.threshold}")
        if self.entity_weight < 0:
            raise ConfigError(f"StoryRule.entity_weight must be >= 0, not {self.entity_weight}")
        for name in ("time_decay", "figures_factor"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"StoryRule.{name} must be in [0, 1], not {getattr(self, name)}")
        for name in ("index_terms", "query_terms", "key_limit", "candidates", "min_shared"):
            if getattr(self, name) < 1:
                raise ConfigError(f"StoryRule.{name} must be >= 1, not {getattr(self, name)}")


def similarity(a: Features, b: Features, rule: StoryRule) -> float:
    """How likely two articles report one event (0 outside the time window)."""
    apart = days_apart(a, b)
    if apart is not None and apart > rule.window_days:
        return 0.0
    score = (
        TEXT_SHARE * cosine(a.terms, b.terms)
        + TITLE_SHARE * cosine(a.title_terms, b.title_terms)
        + LEAD_SHARE * cosine(a.lead_terms, b.lead_terms)
    )
    if a.entities and b.entities:
        shared = len(a.entities & b.entities) / min(len(a.entities), len(b.entities))
        score += rule.entity_weight * shared
    if apart and rule.window_days:
        score *= 1.0 - rule.time_decay * apart / rule.window_days
    if figures_disagree(a, b):
        score *= rule.figures_factor
    return score


def figures_disagree(a: Features, b: Features) -> bool:
    fa, fb = _figures(a), _figures(b)
    if min(len(fa), len(fb)) < FIGURES:
        return False
    return len(fa & fb) / min(len(fa), len(fb)) < FIGURES_AGREE


def _figures(features: Features) -> set[str]:
    return {n for n in features.numbers if len(n) > 1 and not _YEAR_RE.fullmatch(n)}


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


class StoryClusterer:
    def __init__(self, rule: StoryRule | None = None) -> None:
        self.rule = rule or StoryRule()

    def index_keys(self, features: Features) -> list[int]:
        day = _day_number(features)
        return [combine64(term_key(t), day) for t in _best(features, self.rule.index_terms)]

    def query_keys(self, features: Features, span: float | None = None) -> list[int]:
        """Keys of the article's best terms on every day within ``span`` days (default:
        the story window); an undated article looks among the undated."""
        terms = [term_key(t) for t in _best(features, self.rule.query_terms)]
        if features.day is None:
            return [combine64(t, UNDATED) for t in terms]
        reach = int(self.rule.window_days if span is None else span)
        days = range(features.day - reach, features.day + reach + 1)
        return [combine64(t, d) for t in terms for d in days]

    def best_story(
        self,
        features: Features,
        entries: Iterable[Entry],
        story_start: Callable[[int], Features | None],
    ) -> tuple[int, float] | None:
        """The story the article joins and its score, or None when none is close enough.

        ``story_start`` gives the features of a story's first article (its id's)."""
        scores: dict[int, float] = {}
        for entry in entries:
            score = similarity(features, entry.features, self.rule)
            if score >= self.rule.threshold and score > scores.get(entry.story, 0.0):
                scores[entry.story] = score
        for story, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            start = story_start(story)
            apart = days_apart(features, start) if start is not None else None
            if apart is None or apart <= self.rule.window_days:
                return story, score
        return None


def _best(features: Features, n: int) -> list[str]:
    return sorted(features.terms, key=lambda t: (-features.terms[t], t))[:n]


#: The day number under which undated articles post their terms.
UNDATED = -1


def _day_number(features: Features) -> int:
    return features.day if features.day is not None else UNDATED


@lru_cache(maxsize=200_000)
def term_key(term: str) -> int:
    """A term's 64-bit key (memoised: the same terms come back in every article)."""
    return key64("term", term)
