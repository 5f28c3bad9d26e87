"""Extraction never crashes on real corpora, and what it produces is sane."""

from __future__ import annotations

import gzip
import itertools
import json

import pytest

from marsad import service
from marsad.model import Document, Rejection


@pytest.fixture(scope="module")
def corpus_file(shared_dir, tmp_path_factory):
    """The 70 Al Jazeera articles and the first 1,000 ANT articles, as one JSONL file."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    news = shared_dir / "data" / "news"
    with path.open("w", encoding="utf-8") as out:
        for name, limit in (("aljazeera_2026.jsonl.gz", None), ("ant_multisource.jsonl.gz", 1000)):
            with gzip.open(news / name, "rt", encoding="utf-8") as fh:
                for line in itertools.islice(fh, limit):
                    out.write(line)
    return path


def test_extract_corpora_never_crash_and_keep_ids(corpus_file):
    results = list(service.extract_paths([str(corpus_file)], analyse=None))
    docs = [r for r in results if isinstance(r, Document)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    mains = [d for d in docs if d.role == "main"]
    assert len(mains) + len(rejected) == 1070
    assert len(rejected) <= 5, rejected[:5]
    with corpus_file.open(encoding="utf-8") as fh:
        ids = [json.loads(line).get("id") for line in fh]
    assert {d.id for d in mains} <= {str(i) for i in ids}
    assert all(d.text.strip() and d.title for d in mains)


def test_extract_corpora_dates_come_from_records(corpus_file):
    docs = [
        r
        for r in service.extract_paths([str(corpus_file)], analyse=None)
        if isinstance(r, Document)
    ]
    dated = [d for d in docs if d.role == "main" and d.published]
    assert len(dated) >= 1060
    assert all(d.published and d.published[:4].isdigit() for d in dated)
