"""Stages and the pipeline that runs them (the spaCy model: named, declared components).

A stage is a callable ``Document -> Document`` with a ``name``, the layers it ``requires``
and the layers it ``provides``. :class:`Pipeline` checks at build time that every stage's
requirements are provided by extraction or an earlier stage, so a mis-ordered pipeline
fails when it is assembled, not halfway through a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from marsad.errors import ConfigError, StageError
from marsad.model import Document

#: Layers every extracted document already has.
EXTRACTED_LAYERS = frozenset({"text", "title", "published", "sources"})


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(EXTRACTED_LAYERS)
        names: set[str] = set()
        for stage in stages:
            if stage.name in names:
                raise ConfigError(f"stage {stage.name!r} appears twice in the pipeline")
            missing = set(stage.requires) - available
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage "
                    f"provides; put a stage providing them before it"
                )
            available |= stage.provides
            names.add(stage.name)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage; a stage that raises is reported as :class:`StageError`."""
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # a bug in one stage must not end a whole batch
                raise StageError(stage.name, doc.id, exc) from exc
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def available_stages() -> dict[str, type]:
    """Analysis stages this installation has, by name (entities, quotes)."""
    from marsad.analyse.entities import EntityStage
    from marsad.analyse.quotes import QuoteStage

    return {"entities": EntityStage, "quotes": QuoteStage}


def build_pipeline(names: Iterable[str] = ("entities", "quotes")) -> Pipeline:
    stages = available_stages()
    chosen = []
    for name in names:
        if name not in stages:
            raise ConfigError(f"unknown stage {name!r}; available: {', '.join(stages)}")
        chosen.append(stages[name]())
    return Pipeline(chosen)
