"""Per-source health, back-off and isolation: one broken source never stops the others."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import feedparser
import pytest
from typer.testing import CliRunner

from pipeline import runner
from pipeline.cli import app
from pipeline.config import SourceConfig, load_config
from pipeline.ingest.health import (
    FAILURES_BEFORE_BACKOFF,
    MAX_BACKOFF,
    SourceHealth,
    after_attempt,
    backoff_delay,
)
from pipeline.store import Store
from pipeline.store.health import HealthBook
from tests.conftest import write
from tests.remote_helpers import FAST_TOML, NOW, fixture, local

RSS = "application/rss+xml; charset=utf-8"


def test_no_backoff_before_the_threshold_then_doubling_up_to_a_day():
    base = timedelta(minutes=15)
    assert [backoff_delay(n, base) for n in range(FAILURES_BEFORE_BACKOFF)] == [None] * 3
    assert backoff_delay(3, base) == base
    assert backoff_delay(4, base) == 2 * base
    assert backoff_delay(5, base) == 4 * base
    assert backoff_delay(30, base) == MAX_BACKOFF


def test_a_success_clears_failures_and_keeps_the_last_error_for_the_record():
    failed = after_attempt(SourceHealth("s"), now=NOW, error="HTTP 500", new=0)
    assert (failed.consecutive_failures, failed.last_error, failed.last_success_at) == (
        1,
        "HTTP 500",
        None,
    )
    later = NOW + timedelta(hours=1)
    ok = after_attempt(failed, now=later, error=None, new=2)
    assert (ok.consecutive_failures, ok.last_success_at, ok.last_new_at) == (0, later, later)
    assert ok.last_error == "HTTP 500" and ok.backoff_until is None


def test_a_source_silent_longer_than_expect_every_is_flagged():
    source = SourceConfig(title="x", kind="rss", url="https://x.example/", expect_every="2d")
    health = SourceHealth("s", last_attempt_at=NOW, last_success_at=NOW, last_new_at=NOW)
    assert not health.silent(source, NOW + timedelta(days=1))
    assert health.silent(source, NOW + timedelta(days=3))
    assert not health.silent(
        source.model_copy(update={"expect_every": None}), NOW + timedelta(days=9)
    )


def test_health_is_stored_per_source(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    try:
        book = HealthBook(store.engine)
        source = SourceConfig(title="x", kind="rss", url="https://x.example/")
        for minute in range(3):
            book.record("x", source, now=NOW + timedelta(minutes=minute), error="down", new=0)
        health = book.get("x")
        assert health.consecutive_failures == 3
        assert health.backoff_until == NOW + timedelta(minutes=2) + timedelta(minutes=15)
        assert set(book.all()) == {"x"}
    finally:
        store.close()


# -- a whole run over healthy and broken sources ---------------------------------------------------


@pytest.fixture
def mixed_root(tmp_path, httpserver):
    httpserver.expect_request("/good.xml").respond_with_data(
        fixture("feed-full.xml"), content_type=RSS
    )
    httpserver.expect_request("/down.xml").respond_with_data("down", status=503)
    httpserver.expect_request("/evil.xml").respond_with_data(
        fixture("feed-billion-laughs.xml"), content_type=RSS
    )
    root = tmp_path / "root"
    remote = {
        "good": ("rss", "/good.xml", 'review = "auto"\n'),
        "down": ("rss", "/down.xml", ""),
        "evil": ("rss", "/evil.xml", ""),
        "gone": ("web", "/nothing-here/", '[extract]\nitem_links = "a"\n'),
    }
    for name, (kind, path, extra) in remote.items():
        write(
            root / "sources" / f"{name}.toml",
            f'title = "{name}"\nkind = "{kind}"\nurl = "{local(httpserver, path)}"\n'
            + FAST_TOML
            + extra,
        )
    write(
        root / "sources" / "mailbox.toml",
        'title = "Mailbox"\nkind = "imap"\ntimeout = 1\n[imap]\nhost = "127.0.0.1"\n'
        f'port = {_closed_port()}\nusername_env = "NO_SUCH_USER_VAR"\n'
        'password_env = "NO_SUCH_PASSWORD_VAR"\nsecurity = "plain"\n',
    )
    write(
        root / "outputs" / "melder.toml",
        'title = "Melder"\ndescription = "Presse"\nlink = "https://portal.example/melder"\n'
        '[disclaimer]\ntext = "Inhalte Dritter. Verantwortlich ist allein {source}."\n',
    )
    return root


def test_run_once_publishes_the_healthy_source_despite_the_broken_ones(mixed_root, monkeypatch):
    monkeypatch.delenv("NO_SUCH_USER_VAR", raising=False)
    cli = CliRunner()
    started = time.monotonic()
    result = cli.invoke(app, ["--root", str(mixed_root), "run", "--once"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1  # some sources failed: the operator must see it
    store = Store(f"sqlite:///{mixed_root / 'var' / 'melder.db'}")
    try:
        good = store.queue(source="good")
        assert len(good) == 2
        assert {view.state.value for view in good} == {"published"}
        for broken in ("down", "evil", "gone", "mailbox"):
            assert store.queue(source=broken) == [], broken
        errors = {run.target: run.error for run in store.last_runs() if run.job == "ingest"}
    finally:
        store.close()
    assert "HTTP 503" in errors["down"]
    assert "XML entities" in errors["evil"]
    assert "HTTP 404" in errors["gone"] or "HTTP 500" in errors["gone"]
    assert "NO_SUCH_USER_VAR" in errors["mailbox"]
    feed = mixed_root / "outputs" / "melder" / "rss.xml"
    if feed.exists():
        titles = [entry.title for entry in feedparser.parse(feed.read_bytes()).entries]
        assert "Neue Stadtbibliothek öffnet am Montag" in titles


def test_status_shows_per_source_health(mixed_root):
    cli = CliRunner()
    cli.invoke(app, ["--root", str(mixed_root), "run", "--once"])
    result = cli.invoke(app, ["--root", str(mixed_root), "status", "--json"])
    assert result.exit_code == 0, result.output
    health = {item["source"]: item for item in json.loads(result.output)["sources"]}
    assert health["good"]["consecutive_failures"] == 0
    assert health["good"]["last_new_at"] is not None
    assert health["down"]["consecutive_failures"] == 1
    assert "HTTP 503" in health["down"]["last_error"]
    text = cli.invoke(app, ["--root", str(mixed_root), "status"]).output
    assert "failing" in text and "down" in text


def test_a_source_failing_again_and_again_is_left_alone_for_a_while(mixed_root):
    config = load_config(mixed_root)
    store = Store(f"sqlite:///{mixed_root / 'var' / 'melder.db'}")
    try:
        for attempt in range(FAILURES_BEFORE_BACKOFF):
            runner.ingest(config, store, now=NOW + timedelta(minutes=attempt))
        later = NOW + timedelta(minutes=FAILURES_BEFORE_BACKOFF)
        reports = {r.source: r for r in runner.ingest(config, store, now=later)}
        assert reports["down"].error is None
        assert "backing off" in reports["down"].failures[0]
        assert reports["good"].error is None and reports["good"].unchanged == 2
        # Asked for by name, a source is tried at once.
        [forced] = runner.ingest(config, store, ["down"], now=later)
        assert "HTTP 503" in forced.error
    finally:
        store.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
