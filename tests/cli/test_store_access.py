"""A store the running user cannot write (made by root, run as a service user) is found by
`check`, refused by writing commands with advice naming the path, and critical for a monitor;
it still reads for `queue`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()
RELEASE = (
    "Neue Öffnungszeiten im Bürgerbüro\n\n"
    "Das Bürgerbüro am Marktplatz öffnet ab dem 1. Dezember montags bis freitags von 8 bis "
    "18 Uhr und jeden ersten Samstag im Monat von 9 bis 13 Uhr.\n"
)


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def _one_line(output: str) -> str:
    return " ".join(output.split())


def test_a_var_that_is_a_file_is_named_as_such_everywhere(empty_root):
    (empty_root / "var").write_text("x\n", encoding="utf-8")
    expected = f"{empty_root / 'var'} is a file, not a folder"
    checked = melder(empty_root, "check", code=1)
    assert expected in _one_line(checked.output)
    assert "move that file away" in _one_line(checked.output)
    ingested = melder(empty_root, "ingest", code=1)
    assert expected in _one_line(ingested.output) and "File exists" not in ingested.output
    monitor = melder(empty_root, "status", "--check", code=2)
    assert monitor.stdout.startswith(f"MELDER CRITICAL - database {expected}")
    scheduler = melder(empty_root, "run", code=1)
    assert f"error: database {expected}" in _one_line(scheduler.output)


def test_a_var_folder_passes_check(empty_root):
    melder(empty_root, "ingest")
    assert melder(empty_root, "check").stdout.startswith("ok: 2 source(s)")
    assert melder(empty_root, "status", "--check").stdout.startswith("MELDER OK")


def _make_unwritable(path: Path) -> str:
    """Takes writing away from the running user; returns the advice Melder should give."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return f"chmod u+w {path}"
    # root writes whatever a file's mode says; only an immutable flag stops it
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("running as root without the right to set an immutable flag (chattr +i)")
    return "chattr -i"


def _make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
    path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("unwritable", ["var/melder.db", "var"])
def test_a_store_the_running_user_cannot_write_is_refused_with_advice(empty_root, unwritable):
    write(empty_root / "inbox" / "reviewed" / "buergerbuero.txt", RELEASE)
    melder(empty_root, "ingest")
    path = empty_root / unwritable
    advice = _make_unwritable(path)
    try:
        write(empty_root / "inbox" / "reviewed" / "zweite.txt", RELEASE.replace("Neue", "Andere"))
        checked = _one_line(melder(empty_root, "check", code=1).output)
        assert f"{path}: user " in checked and advice in checked
        assert "MELDER_DATABASE_URL" not in checked  # the default store: no setting to blame
        ingested = _one_line(melder(empty_root, "ingest", code=1).output)
        assert f"error: database {path}: user " in ingested and advice in ingested
        monitor = melder(empty_root, "status", "--check", code=2).stdout
        assert monitor.startswith(f"MELDER CRITICAL - store cannot be written: {path}: user ")
        assert "store cannot be written" in melder(empty_root, "status").stdout
        # what is stored still reads
        assert "Neue Öffnungszeiten" in melder(empty_root, "queue").stdout
    finally:
        _make_writable(path)
    assert melder(empty_root, "status", "--check").stdout.startswith("MELDER OK")
    melder(empty_root, "ingest")


def test_sqlite_refusing_a_write_is_told_with_what_to_do(tmp_path):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from pipeline.store.engine import failure_line

    store = tmp_path / "var" / "melder.db"
    store.parent.mkdir()
    store.write_bytes(b"")
    refused = OperationalError(
        "INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database")
    )
    line = failure_line(refused, f"sqlite:///{store}")
    assert line.startswith(f"sqlite:///{store}: attempt to write a readonly database: make ")
    assert f"{store} and its folder writable for user " in line
    other = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert failure_line(other, f"sqlite:///{store}") == f"sqlite:///{store}: database is locked"
