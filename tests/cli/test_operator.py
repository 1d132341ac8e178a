"""The operator's CLI in pipes and monitors: complete lines, clear refusals, honest exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()
LONG_TITLE = "Wärmepumpen in der Region: Förderprogramm der Stadtwerke startet im Januar"


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def piped(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`melder ARGS | cat`: stdout is a pipe, as in scripts and monitors."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=120,
    )


def test_a_piped_queue_is_one_complete_line_per_release(empty_root):
    write(
        empty_root / "inbox" / "reviewed" / "pumpen.txt",
        f"{LONG_TITLE}\n\nDie Stadtwerke fördern ab Januar Wärmepumpen in Ein- und Zweifamilien"
        "häusern mit bis zu 3.000 Euro je Anlage.\n",
    )
    melder(empty_root, "ingest")
    result = piped(empty_root, "queue")
    header, line = result.stdout.splitlines()
    assert header.split("\t") == ["state", "source", "title", "received", "problems", "id"]
    fields = line.split("\t")
    assert fields[2] == LONG_TITLE and len(fields[5]) == 16
    assert fields[3].endswith(("CET", "CEST"))  # local time, the zone named


def test_an_unreadable_input_is_named_by_its_file_in_the_queue(empty_root):
    (empty_root / "inbox" / "reviewed" / "leer.txt").write_text("   \n", encoding="utf-8")
    melder(empty_root, "ingest")
    line = piped(empty_root, "queue").stdout.splitlines()[1]
    assert "(inbox/reviewed/leer.txt)" in line and "input is empty" in line


def test_an_unknown_source_in_a_filter_is_an_error(empty_root):
    result = melder(empty_root, "queue", "--source", "nosuch", code=1)
    assert "unknown source 'nosuch'" in result.output and "reviewed" in result.output


def test_status_check_speaks_the_monitoring_exit_codes(empty_root):
    ok = melder(empty_root, "status", "--check")
    assert ok.stdout.startswith("MELDER OK")
    write(
        empty_root / "sources" / "broken.toml",
        'title = "Broken"\nkind = "files"\npath = "inbox/missing"\n',
    )
    melder(empty_root, "ingest", code=1)
    critical = melder(empty_root, "status", "--check", code=2)
    assert critical.stdout.startswith("MELDER CRITICAL - source broken failing")
