"""The ``entities`` pipeline stage: people, organisations, places and other names."""

from __future__ import annotations

from marsad.analyse.ner.pipeline import load_finder
from marsad.model import Document


class EntityStage:
    """Fills ``doc.entities`` from ``doc.text``.

    Requires: ``text``. Provides: ``entities`` (EntitySpan: offsets into ``text``, label PERS,
    ORG, LOC or MISC, the canonical name, its match key, and the role and country of a
    person whose title is given). The model loads on first use, once per process.
    """

    name = "entities"
    requires = frozenset({"text"})
    provides = frozenset({"entities"})

    def __call__(self, doc: Document) -> Document:
        doc.entities = load_finder().spans(doc.text)
        return doc
