from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from marsad.cli.commands_ner import register

SENTENCES = [
    ["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "."],
    ["وصل", "الوفد", "إلى", "القاهرة", "."],
]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    evaluate = typer.Typer()
    app.add_typer(evaluate, name="evaluate")
    register(app, evaluate)
    return app


def _conll(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_ner_cli_tag_is_line_for_line(app: typer.Typer, tmp_path: Path) -> None:
    rows = [*(f"{t} X Y" for t in SENTENCES[0]), "", "", *SENTENCES[1]]
    result = CliRunner().invoke(app, ["tag", "--conll", str(_conll(tmp_path / "in.txt", rows))])
    assert result.exit_code == 0, result.output
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) == len(rows)
    for row, line in zip(rows, lines, strict=True):
        if not row:
            assert line == ""
        else:
            token, tag = line.split(" ")
            assert token == row.split()[0]
            assert tag == "O" or tag[:2] in ("B-", "I-")
    assert "B-LOC" in lines[6]


def test_ner_cli_evaluate_prints_micro_and_types(app: typer.Typer, tmp_path: Path) -> None:
    gold = ["باريس B-LOC", "و O", "القاهرة B-LOC", ". O"]
    result = CliRunner().invoke(app, ["evaluate", "ner", str(_conll(tmp_path / "g.txt", gold))])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output
    assert "LOC" in result.output


def test_ner_cli_rejects_unknown_model(app: typer.Typer, tmp_path: Path) -> None:
    path = _conll(tmp_path / "in.txt", ["غزة"])
    result = CliRunner().invoke(app, ["tag", "--conll", str(path), "--model", "nope"])
    assert result.exit_code != 0


def test_ner_cli_commands_have_help(app: typer.Typer) -> None:
    for args in (["tag", "--help"], ["evaluate", "ner", "--help"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0
        assert "entit" in result.output.lower()
