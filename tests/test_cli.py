"""The CLI is a thin shell: JSON Lines out, rejections on stderr, help for every command."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def _all_commands() -> list[tuple[str, ...]]:
    root = get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        found.append(path)
        if hasattr(cmd, "commands"):  # a group (typer ships its own click)
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))

    walk(root, ())
    return found


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "marsad")
def test_cli_every_command_has_help(path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    cmd: Any = get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    assert (cmd.help or "").strip(), f"'marsad {' '.join(path)}' has no help text"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"option {param.opts} of {path} has no help"


def test_cli_extract_prints_json_lines_and_reports_rejections(seed_page, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", "--no-analysis", str(empty), str(seed_page)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["role"] for d in lines] == ["main", "related"]
    assert f"{empty}: rejected: empty" in result.stderr


def test_cli_extract_reads_stdin_with_url(seed_page):
    text = seed_page.read_text("utf-8")
    url = "https://example.org/a"
    result = runner.invoke(app, ["extract", "--no-analysis", "-", "--url", url], input=text)
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["url"] == url


def test_cli_extract_fails_when_nothing_comes_out(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_text("only English here, nothing Arabic at all in this file.", "utf-8")
    result = runner.invoke(app, ["extract", "--no-analysis", str(bad)])
    assert result.exit_code == 1
    assert "not_arabic" in result.stderr


def test_cli_extract_rejects_unknown_format(seed_page):
    result = runner.invoke(app, ["extract", "--format", "pdf", str(seed_page)])
    assert result.exit_code == 2
