"""Stories: republished copies, story clusters, republication chains, related articles.

``compute_features`` turns a Document into :class:`Features` (pure); a
:class:`StoryEngine` over a :class:`BandIndex` and an :class:`ArticleBook` places each new
article in a copy group and a story. docs/stories.md explains the thresholds.
"""

from marsad.stories.chain import Chain, republication_chain
from marsad.stories.cluster import StoryRule
from marsad.stories.dedup import CopyRule
from marsad.stories.engine import Assignment, StoryEngine
from marsad.stories.features import Features, compute_features
from marsad.stories.related import Related, related_articles
from marsad.stories.state import ArticleBook, BandIndex, Entry, MemoryBandIndex, MemoryBook

__all__ = [
    "ArticleBook",
    "Assignment",
    "BandIndex",
    "Chain",
    "CopyRule",
    "Entry",
    "Features",
    "MemoryBandIndex",
    "MemoryBook",
    "Related",
    "StoryEngine",
    "StoryRule",
    "compute_features",
    "related_articles",
    "republication_chain",
]
