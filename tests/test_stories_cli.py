from __future__ import annotations

import gzip
import json

from typer.testing import CliRunner

from marsad.cli import app
from stories_helpers import WIRE
from test_stories_engine import OTHER


def test_stories_cli_evaluate_pairs_on_a_small_corpus(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    records = [
        {"id": "x-1", "source": "okaz", "title": "أمير القصيم", "text": WIRE},
        {"id": "x-2", "source": "alyaum", "title": "أمير القصيم يطلع", "text": WIRE},
        {"id": "x-3", "source": "sabq", "title": "تأجيل الدوري", "text": OTHER},
    ]
    for record in records:
        record["date_extracted"] = "2015-08-03 10:00:00"
    with gzip.open(news / "tiny.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    gold = tmp_path / "gold.jsonl"
    pairs = [("x-1", "x-2", "copy"), ("x-1", "x-3", "different")]
    gold.write_text(
        "".join(
            json.dumps(
                {"a": {"corpus": "tiny", "id": a}, "b": {"corpus": "tiny", "id": b}, "label": label}
            )
            + "\n"
            for a, b, label in pairs
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["evaluate", "pairs", str(gold), "--news", str(news), "--no-entities", "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["copies"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 1,
        "fp": 0,
        "fn": 0,
    }


def test_stories_cli_reports_a_bad_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"a": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "pairs", str(gold), "--news", str(tmp_path)])
    assert result.exit_code == 1
    assert "gold.jsonl:1: not a gold pair" in result.output
