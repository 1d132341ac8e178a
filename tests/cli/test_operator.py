"""The operator's CLI in pipes and monitors: complete lines, clear refusals, honest exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import FIXTURES_ROOT, write

runner = CliRunner()
LONG_TITLE = "Wärmepumpen in der Region: Förderprogramm der Stadtwerke startet im Januar"


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def piped(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`melder ARGS | cat`: stdout is a pipe, as in scripts and monitors."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
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


def test_status_check_calls_a_stopped_scheduler_critical(empty_root):
    from datetime import UTC, datetime, timedelta

    from pipeline.store import Store

    write(empty_root / "schedule.toml", '[jobs.publish]\ncron = "*/5 * * * *"\n')
    melder(empty_root, "queue")  # makes the store
    store = Store(f"sqlite:///{empty_root / 'var' / 'melder.db'}")
    now = datetime.now(UTC)
    store.record_run("job:publish", None, now - timedelta(minutes=2), now, "ok", {})
    assert melder(empty_root, "status", "--check").stdout.startswith("MELDER OK")
    # the last publish the scheduler started was two hours ago: nobody runs `melder run`
    stopped = now - timedelta(hours=2)
    store.trim_runs(before=now + timedelta(minutes=1))
    store.record_run("job:publish", None, stopped, stopped + timedelta(seconds=3), "ok", {})
    store.close()
    critical = melder(empty_root, "status", "--check", code=2)
    assert critical.stdout.startswith("MELDER CRITICAL - job publish overdue since")
    assert "is `melder run` running?" in critical.stdout
    assert "overdue since" in melder(empty_root, "status").stdout


def test_status_check_answers_a_monitor_when_it_cannot_look(empty_root):
    broken_database = {"MELDER_DATABASE_URL": "postgresql+psycopg://m:geheim@127.0.0.1:1/x"}
    result = piped(empty_root, "status", "--check", env=broken_database)
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith("MELDER CRITICAL - database postgresql+psycopg://m:***@")
    assert "geheim" not in result.stdout + result.stderr
    write(empty_root / "sources" / "broken.toml", "title = 5\nkind = 'files'\n")
    result = piped(empty_root, "status", "--check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("MELDER WARNING - config: ")
    assert "sources/broken.toml: title" in result.stdout and "melder check" in result.stdout


def test_a_wrong_css_rule_is_found_by_check(empty_root):
    path = empty_root / "sources" / "reviewed.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '[extract]\nbody = "article >>> p"\n', encoding="utf-8"
    )
    result = melder(empty_root, "check", code=1)
    assert "sources/reviewed.toml: extract.body: 'article >>> p' is not a CSS selector" in (
        result.output
    )


def test_mistakes_get_an_answer_that_says_what_to_do(empty_root, tmp_path):
    folder = tmp_path / "pressemitteilungen"
    folder.mkdir()
    result = melder(empty_root, "submit", str(folder), "--source", "reviewed", code=1)
    assert "a folder; name the files" in result.output
    result = melder(empty_root, "extract", "ftp://example.org/pm.html", code=1)
    assert "a URL must start with http:// or https://" in result.output
    (empty_root / "sources" / "typo.toml").write_text('title = "T"\nkind = "filez"\n')
    result = melder(empty_root, "ingest", "typo", code=1)
    assert "sources/typo.toml cannot be used" in result.output
    assert "did you mean 'files'" in result.output


def test_a_binary_file_is_called_binary(empty_root):
    (empty_root / "inbox" / "reviewed" / "foto.html").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    )
    melder(empty_root, "ingest")
    [item] = __import__("json").loads(melder(empty_root, "queue", "--json").stdout)
    assert "binary" in item["errors"][0]["message"]


def test_a_database_that_cannot_be_opened_is_one_line_naming_it(empty_root, monkeypatch):
    monkeypatch.setenv("MELDER_DATABASE_URL", "postgresql+psycopg://melder:geheim@127.0.0.1:1/x")
    result = melder(empty_root, "queue", code=1)
    assert "postgresql+psycopg://melder:***@127.0.0.1:1/x" in result.output
    assert "geheim" not in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    checked = melder(empty_root, "check", code=1)
    assert "MELDER_DATABASE_URL" in checked.output and "geheim" not in checked.output
    monkeypatch.setenv("MELDER_DATABASE_URL", "foo")
    assert "is not a database URL" in melder(empty_root, "status", code=1).output


def test_user_add_without_a_terminal_says_to_use_password_stdin(empty_root):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(empty_root), "user", "add", "erika"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1 and "--password-stdin" in result.stderr
    assert "GetPassWarning" not in result.stderr


def test_serve_on_a_busy_port_says_so(empty_root, monkeypatch):
    import socket

    monkeypatch.setenv("MELDER_SECRET_KEY", "k" * 48)
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = str(busy.getsockname()[1])
        result = melder(empty_root, "serve", "--port", port, code=1)
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_init_starts_a_folder_that_checks_runs_and_queues_its_sample(tmp_path):
    site = tmp_path / "neu"
    assert runner.invoke(app, ["init", str(site)]).exit_code == 0
    melder(site, "check")
    melder(site, "run", "--once")
    [item] = __import__("json").loads(melder(site, "queue", "--json").stdout)
    assert item["title"] == "Neue Öffnungszeiten im Bürgerbüro"
    again = runner.invoke(app, ["init", str(site)])
    assert again.exit_code == 1 and "not empty" in again.output


def test_config_names_each_setting_with_its_origin(empty_root, monkeypatch):
    monkeypatch.setenv("MELDER_SECRET_KEY", "s" * 40)
    rows = __import__("json").loads(melder(empty_root, "config", "--json").stdout)
    found = {row["key"]: row for row in rows}
    assert found["secret_key"] == {
        "key": "secret_key",
        "value": "(set)",
        "origin": "env MELDER_SECRET_KEY",
    }
    assert found["sources.trusted.review"]["origin"] == "sources/trusted.toml"
    assert found["sources.trusted.review"]["value"] == "auto"
    assert found["sources.reviewed.timeout"]["origin"] == "default"
    assert found["outputs.portal.disclaimer.position"]["value"] == "top"
    assert "s" * 40 not in melder(empty_root, "config").stdout


def test_check_names_deployment_settings_serve_would_refuse(empty_root, monkeypatch):
    monkeypatch.setenv("MELDER_BASE_URL", "melder.example")
    monkeypatch.setenv("MELDER_SECRET_KEY", " " * 40)
    result = melder(empty_root, "check", code=1)
    assert "(environment): MELDER_BASE_URL='melder.example': must be an absolute http(s) URL" in (
        result.output
    )
    assert "MELDER_SECRET_KEY" in result.output and "is only spaces" in result.output


def test_a_mistyped_or_unsupported_database_url_makes_nothing_and_says_so(
    empty_root, monkeypatch, tmp_path
):
    missing = tmp_path / "no" / "such" / "melder.db"
    monkeypatch.setenv("MELDER_DATABASE_URL", f"sqlite:///{missing}")
    for command in ("status", "queue"):
        assert "no store there; check the path" in melder(empty_root, command, code=1).output
    assert not (tmp_path / "no").exists()
    melder(empty_root, "ingest")  # a command that writes makes the store where it is told
    assert missing.exists()
    monkeypatch.setenv("MELDER_DATABASE_URL", "mysql://melder@localhost/melder")
    result = melder(empty_root, "queue", code=1)
    assert "SQLite or PostgreSQL" in result.output and "Traceback" not in result.output
    assert "SQLite or PostgreSQL" in melder(empty_root, "check", code=1).output


def test_publish_dry_run_says_what_would_go_out_and_writes_nothing(empty_root):
    write(empty_root / "inbox" / "trusted" / "a.txt", "Brücke gesperrt\n\nDie Brücke ist zu.\n")
    melder(empty_root, "ingest")
    planned = __import__("json").loads(melder(empty_root, "publish", "--dry-run", "--json").stdout)
    assert [item["title"] for item in planned["due"]] == ["Brücke gesperrt"]
    assert not (empty_root / "outputs" / "portal").exists()
    assert "would release 1" in melder(empty_root, "publish", "--dry-run").stdout


def test_reporting_commands_speak_json(empty_root):
    json = __import__("json")
    write(empty_root / "inbox" / "trusted" / "a.txt", "Brücke gesperrt\n\nDie Brücke ist zu.\n")
    ingested = json.loads(melder(empty_root, "ingest", "--json").stdout)
    assert {"source": "trusted", "new": 1, "revised": 0, "unchanged": 0, "invalid": 0,
            "failures": 0, "failure_messages": [],
            "error": None} in ingested["sources"]  # fmt: skip
    published = json.loads(melder(empty_root, "publish", "--json").stdout)
    assert len(published["released"]) == 1 and published["channels"] == {"portal": 7}
    once = json.loads(melder(empty_root, "run", "--once", "--json").stdout)
    assert once["released"] == [] and {s["source"] for s in once["sources"]} == {
        "trusted",
        "reviewed",
    }
    assert json.loads(melder(empty_root, "user", "list", "--json").stdout) == {"users": []}
    assert json.loads(melder(empty_root, "token", "list", "--json").stdout) == {"tokens": []}


def test_ingest_tells_a_log_how_far_it_got(empty_root):
    for number in range(450):
        write(
            empty_root / "inbox" / "reviewed" / f"pm-{number}.txt",
            f"Meldung {number}\n\nText der Meldung Nummer {number} mit Inhalt {number * 7}.\n",
        )
    result = piped(empty_root, "ingest")
    lines = [line for line in result.stderr.splitlines() if line.startswith("ingested ")]
    assert lines[-1].startswith("ingested 450/450 from reviewed (") and lines[-1].endswith("/s)")


def test_status_shows_local_times_with_the_zone_and_json_in_one_offset(empty_root):
    write(empty_root / "schedule.toml", '[jobs.ingest]\nevery = "10m"\n')
    melder(empty_root, "ingest")
    table = piped(empty_root, "status").stdout
    assert "UTC" not in table and ("CET" in table or "CEST" in table)
    data = __import__("json").loads(melder(empty_root, "status", "--json").stdout)
    times = [data["schedule"][0]["next_run"], data["runs"][0]["started_at"]]
    assert all(moment.endswith("+00:00") for moment in times), times


def test_run_says_it_started_and_takes_verbose_after_the_command(empty_root):
    import signal
    import time

    write(empty_root / "schedule.toml", '[jobs.ingest]\nevery = "1h"\n')
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--root", str(empty_root), "run", "-v"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        first = ""
        while not first.startswith("melder run: scheduling") and time.monotonic() < deadline:
            first = process.stderr.readline()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    assert first.startswith("melder run: scheduling ingest in Europe/Berlin")
    assert process.returncode == 0


def test_extract_reads_a_live_page_through_the_guarded_fetcher(empty_root, httpserver):
    page = (
        "<html><head><title>Kita öffnet</title></head><body><article><h1>Kita öffnet</h1>"
        "<p>Die Stadt eröffnet am Montag eine neue Kita mit achtzig Plätzen.</p>"
        "<p>Anmeldungen nimmt das Bürgerbüro entgegen.</p></article></body></html>"
    )
    httpserver.expect_request("/pm").respond_with_data(page, content_type="text/html")
    url = httpserver.url_for("/pm")
    refused = melder(empty_root, "extract", url, code=1)
    assert "loopback" in refused.output or "private" in refused.output
    write(
        empty_root / "sources" / "local.toml",
        'title = "Local"\nkind = "web"\nurl = "' + url + '"\nallow_private = true\n'
        "robots = false\nenabled = false\n",
    )
    result = melder(empty_root, "extract", url, "--source", "local", "--json")
    assert __import__("json").loads(result.stdout)["title"] == "Kita öffnet"


def test_publish_tells_a_log_how_many_went_out(empty_root):
    for number in range(3):
        write(
            empty_root / "inbox" / "trusted" / f"pm-{number}.txt",
            f"Meldung {number}\n\nText der Meldung Nummer {number} mit Inhalt {number * 7}.\n",
        )
    melder(empty_root, "ingest")
    result = piped(empty_root, "publish")
    assert "released 3/3 from the queue (" in result.stderr


def test_markup_in_content_is_printed_as_it_is_never_interpreted(empty_root):
    title = "Neue Anlage [/b] eröffnet [link=file:///etc/passwd]hier[/link]"
    write(
        empty_root / "inbox" / "reviewed" / "anlage.txt",
        f"{title}\n\nDie Anlage [bold]öffnet[/bold] am Montag, sagt [red]die Stadt[/red].\n",
    )
    melder(empty_root, "ingest")
    [item] = __import__("json").loads(melder(empty_root, "queue", "--json").stdout)
    shown = melder(empty_root, "show", item["id"]).stdout
    assert title in shown and "[bold]öffnet[/bold]" in shown
    extracted = melder(empty_root, "extract", str(empty_root / "inbox/reviewed/anlage.txt"))
    assert title in extracted.stdout
    assert title in melder(empty_root, "queue").stdout
    rejected = melder(empty_root, "reject", item["id"], "--reason", "[/i] kaputt")
    assert rejected.exit_code == 0
    assert "[/i] kaputt" in melder(empty_root, "show", item["id"]).stdout


def test_extract_prints_no_extractor_chatter_on_stderr(empty_root):
    """trafilatura warns about candidates it discards; an operator sees Melder's result only."""
    page = FIXTURES_ROOT / "shapes" / "globenewswire-page.html"
    result = piped(empty_root, "extract", str(page))
    assert result.returncode == 0, result.stderr
    assert "Northwind Robotics Reports Third Quarter 2026 Results" in result.stdout
    skeleton = empty_root / "leer.html"  # trafilatura finds nothing and says so, twice
    skeleton.write_text("<html><head><title>x</title></head><body></body></html>")
    for path in (page, skeleton):
        result = piped(empty_root, "extract", str(path))
        assert "trafilatura" not in result.stderr and "discarding" not in result.stderr


def test_extract_of_a_folder_says_it_wants_one_file(empty_root):
    result = melder(empty_root, "extract", str(empty_root / "inbox"), code=1)
    assert "is a folder; give one input file" in result.output


def test_token_list_shows_local_times_with_the_zone(empty_root):
    write(empty_root / "sources" / "presse-api.toml", 'title = "API"\nkind = "api"\n')
    melder(empty_root, "token", "create", "presse-api")
    table = piped(empty_root, "token", "list").stdout
    assert "presse-api" in table and ("CET" in table or "CEST" in table)


def test_a_source_whose_releases_are_submitted_is_not_called_silent(empty_root, tmp_path):
    """`expect_every` watches for new releases: one submitted (CLI or API) is one."""
    release = write(tmp_path / "pm.txt", "Brücke gesperrt\n\nDie Brücke ist ab Montag gesperrt.\n")
    melder(empty_root, "submit", str(release), "--source", "reviewed")
    status = json.loads(melder(empty_root, "status", "--json").stdout)
    [reviewed] = [s for s in status["sources"] if s["source"] == "reviewed"]
    assert reviewed["last_new_at"] is not None


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://melder@127.0.0.1:1/melder?password=S3cretPW",
        "postgresql+psycopg:///melder?host=127.0.0.1&port=1&user=melder&password=S3cretPW",
        "postgresql+psycopg://melder:S3c@retPW@127.0.0.1:1/melder",
        "postgresql+psycopg://m@127.0.0.1:1/x?sslmode=require&sslpassword=S3cretPW",
        "host=127.0.0.1 password=S3cretPW dbname=melder",
        "postgresql+psycopg://melder:S3cretPW@127.0.0.1:notaport/melder",
    ],
)
def test_a_monitor_never_reads_the_database_password_in_any_spelling(empty_root, url):
    result = piped(empty_root, "status", "--check", env={"MELDER_DATABASE_URL": url})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.startswith("MELDER CRITICAL - database")
    assert "Traceback" not in result.stderr
    for secret in ("S3cretPW", "S3c@retPW", "retPW"):
        assert secret not in result.stdout + result.stderr
