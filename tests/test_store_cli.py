"""The store's CLI: ingest twice adds nothing, listings print tables or JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from store_helpers import (
    ARTICLES,
    SAME_TEXT,
    SAME_URL,
    sigterm_once_the_store_exists,
    write_jsonl,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, backend, new_store):
    folder = tmp_path_factory.mktemp("cli")
    inputs = write_jsonl(folder / "in.jsonl", [*ARTICLES, SAME_TEXT, SAME_URL])
    (folder / "empty.txt").write_bytes(b"")
    path = new_store(backend, folder)
    args = ["ingest", "--db", path, "--no-analysis", "--workers", "1", str(inputs)]
    first = runner.invoke(app, [*args, str(folder / "empty.txt")])
    assert first.exit_code == 0, first.output
    assert "3 kept (0 republished copies), 2 duplicate(s), 1 rejected" in first.stderr
    return path


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_store_cli_second_ingest_adds_nothing(db, tmp_path):
    inputs = write_jsonl(tmp_path / "in.jsonl", [*ARTICLES, SAME_TEXT, SAME_URL])
    result = runner.invoke(app, ["ingest", "--db", db, "--no-analysis", "-w", "1", str(inputs)])
    assert (
        "0 kept (0 republished copies), 0 duplicate(s), 0 rejected, 5 input(s) already"
        in result.stderr
    )
    stats = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert stats["articles"] == 3


def test_store_cli_lists_every_rejection_beyond_those_printed(tmp_path, backend, new_store):
    path = new_store(backend, tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(f"{{broken {i}\n" for i in range(25)), "utf-8")
    result = runner.invoke(app, ["ingest", "--db", path, "-q", "-w", "1", str(bad)])
    assert result.stderr.count("rejected: malformed") == 20  # shown even with -q
    assert "and 5 more rejected: marsad stats --failures" in result.stderr
    assert result.exit_code == 1 and "every input was rejected" in result.stderr
    listed = _json_lines(runner.invoke(app, ["stats", "--db", path, "--failures", "--json"]).stdout)
    assert sorted(r["origin"] for r in listed) == sorted(f"{bad}:{i}" for i in range(1, 26))


def test_store_cli_ingest_reports_repairs_as_warnings(tmp_path, backend, new_store):
    page = tmp_path / "page.txt"
    page.write_bytes(("عنوان الخبر\n" + ARTICLES[0]["text"]).encode() + b"\xff\xfe tail")
    result = runner.invoke(
        app, ["ingest", "--db", new_store(backend, tmp_path), "-w", "1", str(page)]
    )
    assert result.exit_code == 0, result.output
    assert f"marsad: {page}: warning:" in result.stderr  # as 'marsad extract' says it


def test_store_cli_search_prints_json_lines(db):
    result = runner.invoke(app, ["search", "--db", db, "--json", "وزير الدفاع الأمريكى"])
    assert result.exit_code == 0, result.output
    (hit,) = _json_lines(result.stdout)
    assert hit["doc_id"] == "a1" and hit["highlights"]


def test_store_cli_search_prints_a_table(db):
    result = runner.invoke(app, ["search", "--db", db, "رفح"])
    assert result.exit_code == 0 and "مفاوضات الرهائن" in result.stdout


@pytest.mark.parametrize("query", ['"', "-رفح", "ًٌ", "x" * 20_000])
def test_store_cli_malformed_query_is_a_clear_message(db, query):
    result = runner.invoke(app, ["search", "--db", db, "--", query])
    assert result.exit_code == 2
    assert result.stderr.startswith("marsad: bad query:")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("query", ["NEAR(", "رفح AND (", "'; DROP TABLE articles; --"])
def test_store_cli_fts_and_sql_syntax_is_searched_as_words(db, query):
    result = runner.invoke(app, ["search", "--db", db, "--json", query])
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_store_cli_missing_store_says_what_to_do(store_url):
    result = runner.invoke(app, ["search", "--db", store_url, "رفح"])
    assert result.exit_code == 1 and "marsad ingest" in result.stderr


def test_store_cli_show_prints_the_article(db):
    result = runner.invoke(app, ["show", "--db", db, "a3", "--json"])
    (doc,) = _json_lines(result.stdout)
    assert doc["title"] == ARTICLES[2]["title"] and doc["store_id"] == 3
    assert (doc["duplicate_of"], doc["story"]) == (None, 3)


@pytest.mark.parametrize("command", [["quotes"], ["entities", "--type", "PERS"]])
def test_store_cli_listings_take_json_and_limit(db, command):
    result = runner.invoke(app, [*command, "--db", db, "--json", "--limit", "5"])
    assert result.exit_code == 0 and result.stdout == ""


def test_store_cli_export_jsonl_uses_the_article_json(db):
    result = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"])
    docs = _json_lines(result.stdout)
    assert [d["id"] for d in docs] == ["a1", "a2", "a3"]
    assert set(docs[0]) >= {"text", "entities", "quotes", "sources", "record_sha256"}
    # Three different texts: each an original, each its own story.
    assert [(d["store_id"], d["duplicate_of"], d["story"]) for d in docs] == [
        (1, None, 1),
        (2, None, 2),
        (3, None, 3),
    ]


def test_store_cli_export_csv_and_parquet(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--limit", "2"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert [(r["store_id"], r["duplicate_of"], r["story"]) for r in rows] == [
        ("1", "", "1"),
        ("2", "", "2"),
    ]
    out = tmp_path / "a.parquet"
    result = runner.invoke(app, ["export", "--db", db, "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["a1", "a2", "a3"]
    assert table.column("story").to_pylist() == [1, 2, 3]


def test_store_cli_uses_marsad_db_from_the_environment(db):
    result = runner.invoke(app, ["stats", "--json"], env={"MARSAD_DB": db})
    assert json.loads(result.stdout)["articles"] == 3


def test_store_cli_ingest_stopped_by_sigterm_is_recorded_as_interrupted(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)  # an input that never ends until we say so
    db = tmp_path / "t.db"
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", "--db", str(db), "-q", "-w", "1"]
    with (
        subprocess.Popen(
            [*cmd, "--no-analysis", str(fifo)], stderr=subprocess.PIPE, text=True
        ) as proc,
        fifo.open("w", encoding="utf-8") as writer,
    ):
        writer.write(json.dumps({"id": "t1", "text": ARTICLES[0]["text"]}) + "\n")
        writer.flush()
        err = sigterm_once_the_store_exists(proc, db, settle=1)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM ingest_runs").fetchall() == [("interrupted",)]
