"""Every command explains itself: a description, examples, and values named by what they are."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
TYPE_METAVAR = re.compile(r"<(?:str|int|bool|float|path|list\[[^\]]*\]|datetime)[^>]*>")


def _commands(command, path: tuple[str, ...] = ()):
    yield path, command
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(get_command(app)))


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "melder" for p, _ in COMMANDS]
)
def test_every_command_has_a_description_examples_and_no_type_metavars(path, command):
    result = runner.invoke(app, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert not TYPE_METAVAR.search(result.output), result.output
    assert (command.help or "").strip(), f"melder {' '.join(path)} has no description"
    if not hasattr(command, "commands"):
        assert "Examples:" in result.output and f"melder {' '.join(path)}" in result.output
        for param in command.params:
            if param.name != "ctx":
                assert getattr(param, "help", None), f"{path}: {param.name} has no help"


def test_version_and_completion():
    from importlib.metadata import version

    assert runner.invoke(app, ["--version"]).stdout.strip() == f"melder {version('melder')}"
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize(
    "path", [path for path, _ in COMMANDS if path], ids=[" ".join(p) for p, _ in COMMANDS if p]
)
def test_every_command_s_help_is_shown_outside_a_melder_folder(tmp_path, path):
    """A newcomer reads the help before `melder init` made a folder."""
    result = runner.invoke(app, ["--root", str(tmp_path), *path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert f" {' '.join(path)} [OPTIONS]" in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


def test_a_command_outside_a_melder_folder_still_says_where_to_run_it(tmp_path):
    result = runner.invoke(app, ["--root", str(tmp_path), "status"])
    assert result.exit_code == 1
    assert "is not a Melder folder" in result.output
