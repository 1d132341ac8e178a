"""The commands typed most start fast: `melder --help` and `melder queue` load no database
toolkit and no config models (benchmarks/bench_startup.py measures the CPU they cost)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()
HEAVY = ("sqlalchemy", "alembic", "pydantic_settings", "pipeline.config.models", "rich.table")
# runs `melder ARGS` as the console script does and reports which heavy modules it loaded
PROBE = """
import runpy, sys
sys.argv = ["melder", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit as exit:
    code = exit.code
loaded = [name for name in {heavy!r} if name in sys.modules]
sys.stderr.write("LOADED " + " ".join(loaded) + "\\n")
sys.exit(code)
"""


def run_probe(
    root: Path, *args: str, heavy: tuple[str, ...] = HEAVY, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def loaded(result: subprocess.CompletedProcess) -> list[str]:
    line = [row for row in result.stderr.splitlines() if row.startswith("LOADED")][-1]
    return line.split()[1:]


def ingest_one(root: Path) -> None:
    write(
        root / "inbox" / "reviewed" / "bad.txt",
        "Neues Freibad öffnet im Mai\n\nDas Freibad am Stadtpark öffnet am 1. Mai nach zwei "
        "Jahren Umbau wieder seine Tore.\n",
    )
    result = runner.invoke(app, ["--root", str(root), "ingest"])
    assert result.exit_code == 0, result.output


def test_help_loads_no_database_toolkit(empty_root):
    result = run_probe(empty_root, "--help")
    assert "queue" in result.stdout
    assert loaded(result) == ["rich.table"]  # typer draws the help's panels with it


def test_a_piped_queue_reads_the_store_without_sqlalchemy_or_config_models(empty_root):
    ingest_one(empty_root)
    result = run_probe(empty_root, "queue")
    assert "Neues Freibad öffnet im Mai" in result.stdout
    assert loaded(result) == []
    as_json = run_probe(empty_root, "queue", "--json", "--state", "queued")
    assert '"title": "Neues Freibad öffnet im Mai"' in as_json.stdout
    assert loaded(as_json) == []


def test_ingesting_text_files_loads_no_web_page_extractor(empty_root):
    """trafilatura is loaded with the first web page, not by every ingest."""
    write(
        empty_root / "inbox" / "trusted" / "freibad.txt",
        "Neues Freibad öffnet im Mai\n\nDas Freibad am Stadtpark öffnet am 1. Mai nach zwei "
        "Jahren Umbau wieder seine Tore.\n",
    )
    result = run_probe(empty_root, "ingest", heavy=("trafilatura",))
    assert result.returncode == 0, result.stderr
    assert loaded(result) == []
    write(
        empty_root / "inbox" / "trusted" / "hallenbad.html",
        "<html><head><title>Hallenbad</title></head><body><h1>Hallenbad schließt</h1><p>Das "
        "Hallenbad am Markt schließt im Juni für drei Wochen, weil das Becken saniert wird.</p>"
        "</body></html>",
    )
    result = run_probe(empty_root, "ingest", heavy=("trafilatura",))
    assert result.returncode == 0, result.stderr
    assert loaded(result) == ["trafilatura"]


def test_the_queue_still_lists_while_a_source_file_is_broken(empty_root):
    ingest_one(empty_root)
    toml = empty_root / "sources" / "reviewed.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "reveiw = 'auto'\n", encoding="utf-8")
    result = runner.invoke(app, ["--root", str(empty_root), "queue", "--source", "reviewed"])
    assert result.exit_code == 0, result.output
    assert "Neues Freibad öffnet im Mai" in result.output


def test_a_store_without_a_database_file_yet_is_made_by_the_queue(empty_root):
    result = run_probe(empty_root, "queue")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("state\tsource")
    assert (empty_root / "var" / "melder.db").exists()


def test_an_unusable_setting_is_one_line_that_names_the_variable(empty_root):
    result = run_probe(empty_root, "config", MELDER_MAX_INPUT_BYTES="ten megabytes")
    assert result.returncode == 1
    assert (
        "MELDER_MAX_INPUT_BYTES='ten megabytes': input should be a valid integer" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_the_queue_finds_the_store_where_the_settings_say(tmp_path, empty_root, monkeypatch):
    """The quick read of MELDER_DATABASE_URL agrees with `Settings`, in either case."""
    from pipeline.cli.shell import Context

    elsewhere = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    for name in ("MELDER_DATABASE_URL", "melder_database_url"):
        monkeypatch.delenv("MELDER_DATABASE_URL", raising=False)
        monkeypatch.setenv(name, elsewhere)
        quick, full = Context(root=empty_root), Context(root=empty_root)
        assert quick.database_url() == full.settings.database_url_for(empty_root) == elsewhere
        monkeypatch.delenv(name)
    default = Context(root=empty_root).database_url()
    assert default == Context(root=empty_root).settings.database_url_for(empty_root)
    assert default.endswith("/var/melder.db")
    ingest_one(empty_root)
    # it looks there, not in the default store: a store that is not there is named, not made
    result = run_probe(empty_root, "queue", MELDER_DATABASE_URL=elsewhere)
    assert result.returncode == 1 and "Neues Freibad" not in result.stdout
    assert "elsewhere.db: no store there" in result.stderr
    assert not (tmp_path / "elsewhere.db").exists()


# what a run needs and the status of a run does not: the stages, their readers and rules
STAGES = (
    "pipeline.runner",
    "pipeline.normalize",
    "pipeline.extract",
    "pipeline.ingest.readers",
    "pipeline.ingest.files",
    "bs4",
)


def test_status_reports_without_loading_the_pipeline_stages(empty_root):
    ingest_one(empty_root)
    table = run_probe(empty_root, "status", heavy=STAGES)
    assert table.returncode == 0, table.stderr
    assert "reviewed" in table.stdout and "queued=1" in table.stdout
    assert loaded(table) == []
    check = run_probe(empty_root, "status", "--check", heavy=STAGES)
    assert check.stdout.startswith("MELDER OK - 2 source(s) fine, 1 waiting for review")
    assert loaded(check) == []
