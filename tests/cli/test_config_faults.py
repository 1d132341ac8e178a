"""Operator mistakes in config files and MELDER_* variables: named, refused, never a trace."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def test_a_source_file_with_an_unknown_key_stays_listed_as_refused(empty_root):
    path = empty_root / "sources" / "reviewed.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'reveiw = "auto"\n', encoding="utf-8")
    ingested = json.loads(melder(empty_root, "ingest", "--json", code=1).stdout)
    [report] = [item for item in ingested["sources"] if item["source"] == "reviewed"]
    assert report["error"].startswith(
        "config problem, not read: sources/reviewed.toml: reveiw: unknown key; "
        "did you mean 'review'?"
    )
    status = melder(empty_root, "status").stdout
    [row] = [line for line in status.splitlines() if line.startswith("reviewed")]
    assert "failing: config problem, not read: sources/reviewed.toml: reveiw" in row
    assert "removed" not in status
    [item] = [s for s in json.loads(melder(empty_root, "status", "--json").stdout)["sources"]
              if s["source"] == "reviewed"]  # fmt: skip
    assert item["enabled"] and item["config_problem"].startswith("sources/reviewed.toml: reveiw")


def test_a_disabled_source_with_a_broken_file_is_not_called_failing(empty_root):
    write(
        empty_root / "sources" / "old.toml",
        'title = "Alt"\nkind = "files"\nenabled = false\nx = 1\n',
    )
    status = melder(empty_root, "status").stdout
    assert "old" not in [line.split("\t")[0] for line in status.splitlines()]


def test_a_disclaimer_publish_cannot_fill_is_a_recorded_failure(empty_root):
    write(
        empty_root / "inbox" / "trusted" / "pm.txt",
        "Radweg eröffnet\n\nDie Stadt eröffnet den Radweg.\n",
    )
    melder(empty_root, "ingest")
    write(
        empty_root / "outputs" / "portal.toml",
        'title = "P"\ndescription = "R"\nlink = "https://portal.example/melder"\n'
        '[disclaimer]\ntext = "Verantwortlich: {source} :-}"\n',
    )
    assert "unmatched '}'" in melder(empty_root, "check", code=1).output
    published = melder(empty_root, "publish", code=1)
    assert "channel portal is behind" in published.output
    assert "Traceback" not in published.output
    checked = melder(empty_root, "status", "--check", code=2)
    assert checked.stdout.startswith("MELDER CRITICAL")


def test_a_wrong_melder_variable_is_one_line_from_every_command(empty_root, monkeypatch):
    monkeypatch.setenv("MELDER_INGEST_WORKERS", "zero")
    for command in (
        ["ingest"],
        ["run", "--once"],
        ["publish"],
        ["submit", "x.txt", "--source", "reviewed"],
    ):
        result = melder(empty_root, *command, code=1)
        assert result.output.startswith("error: MELDER_INGEST_WORKERS='zero'"), command
        assert len(result.output.strip().splitlines()) == 1


def test_a_misspelled_setting_is_warned_about_and_a_credential_variable_is_not(
    empty_root, monkeypatch
):
    monkeypatch.setenv("MELDER_DATABSE_URL", "sqlite:////tmp/elsewhere.db")
    monkeypatch.setenv("MELDER_IMAP_PASSWORD", "geheim")
    result = melder(empty_root, "check")
    assert "MELDER_DATABSE_URL: unknown setting; did you mean MELDER_DATABASE_URL?" in result.output
    assert "MELDER_IMAP_PASSWORD" not in result.output


def test_config_masks_the_database_password_and_names_broken_files(empty_root, monkeypatch):
    monkeypatch.setenv(
        "MELDER_DATABASE_URL", "postgresql+psycopg://melder:geheim@db.internal/melder"
    )
    shown = melder(empty_root, "config", "--json").stdout
    [row] = [r for r in json.loads(shown) if r["key"] == "database_url"]
    assert row["value"] == "postgresql+psycopg://melder:***@db.internal/melder"
    assert "geheim" not in shown
    monkeypatch.delenv("MELDER_DATABASE_URL")
    write(empty_root / "sources" / "broken.toml", 'title = "B"\nkind = "files"\ntimzone = "UTC"\n')
    result = melder(empty_root, "config", code=1)
    assert "sources/broken.toml: timzone: unknown key" in result.output
    assert "`melder check` lists them" in result.output
