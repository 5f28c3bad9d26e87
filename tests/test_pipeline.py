from __future__ import annotations

from dataclasses import dataclass

import pytest

from marsad import ingest_service, service
from marsad.errors import ConfigError, StageError
from marsad.model import Document, RawRecord, Rejection
from marsad.pipeline import Pipeline, build_pipeline

ARABIC = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى.\n" * 3


@dataclass
class FakeStage:
    name: str
    requires: frozenset[str] = frozenset({"text"})
    provides: frozenset[str] = frozenset()
    fail_on: str = ""

    def __call__(self, doc: Document) -> Document:
        if self.fail_on and self.fail_on in doc.text:
            raise IndexError("string index out of range")
        doc.meta.setdefault("ran", []).append(self.name)
        return doc


def test_pipeline_runs_stages_in_order():
    pipeline = Pipeline(
        [FakeStage("a", provides=frozenset({"x"})), FakeStage("b", frozenset({"x"}))]
    )
    assert pipeline(Document("d", "نص")).meta["ran"] == ["a", "b"]
    assert pipeline.names == ["a", "b"]


def test_pipeline_refuses_a_stage_before_what_it_needs():
    with pytest.raises(ConfigError, match="needs \\['x'\\]"):
        Pipeline([FakeStage("b", frozenset({"x"})), FakeStage("a", provides=frozenset({"x"}))])


def test_pipeline_refuses_a_stage_twice():
    with pytest.raises(ConfigError, match="twice"):
        Pipeline([FakeStage("a"), FakeStage("a")])


def test_pipeline_unknown_stage_name_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown stage"):
        build_pipeline(["entities", "sentiment"])


def test_pipeline_stage_failure_names_stage_and_document():
    pipeline = Pipeline([FakeStage("boom", fail_on="خطة")])
    with pytest.raises(StageError, match="stage 'boom' failed on document d7: IndexError"):
        pipeline(Document("d7", "خطة"))


def _record(i: int, text: str) -> RawRecord:
    return RawRecord(f"mem:{i}", "text", f"{i:064x}", "utf-8", f"عنوان {i}\n{text}")


def test_pipeline_failure_rejects_only_that_record_in_extract():
    pipeline = Pipeline([FakeStage("boom", fail_on="كارثة")])
    records = [_record(1, ARABIC), _record(2, ARABIC + "كارثة"), _record(3, ARABIC)]
    results = list(service.extract_records(records, pipeline))
    assert [type(r).__name__ for r in results] == ["Document", "Rejection", "Document"]
    rejection = results[1]
    assert isinstance(rejection, Rejection)
    assert (rejection.origin, rejection.reason) == ("mem:2", "internal_error")


def test_pipeline_failure_in_ingest_is_recorded_and_retried_next_run(monkeypatch):
    monkeypatch.setattr(
        ingest_service, "_pipeline", lambda analyse: Pipeline([FakeStage("boom", fail_on="كارثة")])
    )
    out = ingest_service.process_records([_record(1, ARABIC + "كارثة"), _record(2, ARABIC)], ("x",))
    assert out[0].rejection is not None and out[0].rejection.reason == "internal_error"
    assert out[0].record_sha256 is None  # not marked processed: a re-run retries it
    assert out[1].rejection is None and len(out[1].documents) == 1
