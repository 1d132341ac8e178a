"""Push delivery to portals: signed webhooks with a persistent retry queue, and WebSub pings,
against a real receiver on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
from werkzeug import Request, Response

from pipeline import runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.remote_helpers import local

SECRET = "whsec-" + "s" * 32
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "ninjs-schema_2.0.json").read_text())


class Receiver:
    """A portal's endpoint: checks every signature, fails `failures` times, then accepts."""

    def __init__(self, failures: int = 0, status: int = 500):
        self.failures, self.status = failures, status
        self.calls: list[dict] = []
        self.accepted: list[dict] = []

    def __call__(self, request: Request) -> Response:
        body = request.get_data(as_text=True)
        stamp = request.headers["X-Melder-Timestamp"]
        expected = hmac.new(SECRET.encode(), f"{stamp}.{body}".encode(), hashlib.sha256)
        valid = request.headers["X-Melder-Signature"] == f"sha256={expected.hexdigest()}"
        self.calls.append({"valid": valid, "event": request.headers["X-Melder-Event"]})
        if len(self.calls) <= self.failures:
            return Response("busy", status=self.status)
        self.accepted.append(json.loads(body))
        return Response("ok")


def _root(tmp_path, httpserver, path: str = "/hook") -> Path:
    root = tmp_path / "root"
    write(root / "sources" / "inbox.toml",
          'title = "Inbox"\nkind = "files"\npath = "in"\nreview = "auto"\n')  # fmt: skip
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
        f'hub = "{local(httpserver, "/hub")}"\nhub_allow_private = true\n'
        '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n'
        f'[[webhooks]]\nurl = "{local(httpserver, path)}"\nsecret_env = "TEST_HOOK_SECRET"\n'
        "allow_private = true\n",
    )
    write(root / "in" / "pm.txt", "Neue Brücke eröffnet\n\nDie Stadt eröffnet am Montag die "
          "neue Brücke über die Saale, sagt das Bauamt.\n")  # fmt: skip
    return root


def _publish_at(root: Path, moment: datetime) -> None:
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.publish(load_config(root), store, now=moment)
    store.close()


def test_a_receiver_that_fails_twice_gets_the_delivery_exactly_once(
    tmp_path, httpserver, monkeypatch
):
    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    receiver = Receiver(failures=2)
    httpserver.expect_request("/hook", method="POST").respond_with_handler(receiver)
    pings = []
    httpserver.expect_request("/hub", method="POST").respond_with_handler(
        lambda request: pings.append(request.form.to_dict()) or Response("", status=202)
    )
    root = _root(tmp_path, httpserver)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    store.close()
    for minutes in (0, 0.5, 1.1, 3.2, 10, 60):  # retries after 1, then 2 minutes
        _publish_at(root, NOW + timedelta(minutes=minutes))
    assert [call["valid"] for call in receiver.calls] == [True, True, True]
    [delivered] = receiver.accepted
    assert delivered["event"] == "published" and delivered["channel"] == "portal"
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(delivered["item"])) == []
    assert delivered["item"]["headlines"][0]["value"] == "Neue Brücke eröffnet"
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    [log] = store.deliveries()
    store.close()
    assert log.status == "delivered" and log.attempts == 3 and log.last_status == 200
    assert {ping["hub.url"] for ping in pings} == {
        "https://portal.example/m/rss.xml",
        "https://portal.example/m/atom.xml",
    }
    rss = (root / "outputs" / "portal" / "rss.xml").read_text()
    assert f'rel="hub" href="{local(httpserver, "/hub")}"' in rss


def test_a_4xx_is_not_retried_and_replay_sends_again(tmp_path, httpserver, monkeypatch):
    from tests.cli.test_operator import melder

    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    receiver = Receiver(failures=1, status=404)
    httpserver.expect_request("/gone", method="POST").respond_with_handler(receiver)
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=202)
    root = _root(tmp_path, httpserver, "/gone")
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    store.close()
    for minutes in (0, 5, 60):
        _publish_at(root, NOW + timedelta(minutes=minutes))
    assert len(receiver.calls) == 1
    failed = json.loads(melder(root, "deliveries", "--status", "failed", "--json").stdout)
    [item] = failed["deliveries"]
    assert item["last_status"] == 404 and "HTTP 404" in item["last_error"]
    melder(root, "deliveries", "--replay", str(item["id"]))
    _publish_at(root, datetime.now(UTC))
    assert len(receiver.calls) == 2 and len(receiver.accepted) == 1


def test_status_shows_the_delivery_log_and_warns_on_failures(tmp_path, httpserver, monkeypatch):
    from tests.cli.test_operator import melder

    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    httpserver.expect_request("/gone", method="POST").respond_with_data("no", status=410)
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=202)
    root = _root(tmp_path, httpserver, "/gone")
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    store.close()
    _publish_at(root, NOW)
    status = json.loads(melder(root, "status", "--json").stdout)
    assert status["deliveries"] == {"pending": 0, "delivered": 0, "failed": 1}
    check = melder(root, "status", "--check", code=1)
    assert "webhook deliveries failed" in check.stdout


def test_the_desk_admin_page_shows_the_delivery_log(tmp_path, httpserver, monkeypatch):
    from fastapi.testclient import TestClient

    from pipeline.web import create_app
    from tests.web_support import login, seed_users, settings_for

    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    httpserver.expect_request("/gone", method="POST").respond_with_data("no", status=410)
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=202)
    root = _root(tmp_path, httpserver, "/gone")
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    seed_users(store)
    store.close()
    _publish_at(root, NOW)
    with TestClient(create_app(root, settings_for(root))) as client:
        login(client, "admin")
        page = client.get("/desk/admin", headers={"accept-language": "de"}).text
    assert "Webhook-Zustellungen" in page and "HTTP 410" in page and "/gone" in page


def test_a_receiver_and_a_hub_on_a_private_address_are_refused_once_naming_their_setting(
    tmp_path, httpserver, monkeypatch, caplog
):
    from tests.cli.test_operator import melder

    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    receiver = Receiver()
    httpserver.expect_request("/hook", method="POST").respond_with_handler(receiver)
    pings = []
    httpserver.expect_request("/hub", method="POST").respond_with_handler(
        lambda request: pings.append(request) or Response("", status=202)
    )
    root = _root(tmp_path, httpserver)
    channel = root / "outputs" / "portal.toml"
    lines = channel.read_text().splitlines(keepends=True)
    channel.write_text("".join(line for line in lines if "allow_private" not in line))
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    store.close()
    with caplog.at_level("WARNING", logger="pipeline.runner.delivery"):
        for minutes in (0, 5, 60):
            _publish_at(root, NOW + timedelta(minutes=minutes))
    assert receiver.calls == [] and pings == []
    hub = local(httpserver, "/hub")
    host = hub.split("/")[2].rpartition(":")[0]
    assert [record.getMessage() for record in caplog.records] == [
        f"websub hub={hub} channel=portal ping failed: {hub}: refused: {host} resolves to a "
        f"loopback address ({host}); set hub_allow_private = true in outputs/portal.toml only "
        "for a host you trust"
    ]
    [item] = json.loads(melder(root, "deliveries", "--json").stdout)["deliveries"]
    hook = local(httpserver, "/hook")
    assert (item["status"], item["attempts"], item["last_error"]) == (
        "failed",
        1,
        f"{hook}: refused: {host} resolves to a loopback address ({host}); set allow_private = "
        "true in this [[webhooks]] entry of outputs/portal.toml only for a host you trust",
    )


def test_deliveries_stalled_by_an_unset_secret_are_shown_and_warned_until_they_go_out(
    tmp_path, httpserver, monkeypatch
):
    from tests.cli.test_operator import melder

    monkeypatch.delenv("TEST_HOOK_SECRET", raising=False)
    receiver = Receiver()
    httpserver.expect_request("/hook", method="POST").respond_with_handler(receiver)
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=202)
    root = _root(tmp_path, httpserver)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    store.close()
    _publish_at(root, NOW)
    _publish_at(root, NOW + timedelta(minutes=5))
    assert receiver.calls == []
    # the operator's shell has the secret; the service that publishes did not
    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    status = json.loads(melder(root, "status", "--json").stdout)
    assert status["stalled_deliveries"] == [
        {
            "channel": "portal",
            "deliveries": 1,
            "attempts": 2,
            "next_attempt_at": "2026-11-25T09:07:00+00:00",
            "last_error": "environment variable TEST_HOOK_SECRET is not set",
        }
    ]
    check = melder(root, "status", "--check", code=1)
    assert check.stdout == (
        "MELDER WARNING - 1 webhook delivery of portal stalled after 2 tries: environment "
        "variable TEST_HOOK_SECRET is not set (melder deliveries --status pending)\n"
    )
    table = melder(root, "status").stdout
    assert "stalled webhooks" in table and "TEST_HOOK_SECRET is not set" in table
    _publish_at(root, NOW + timedelta(minutes=10))
    assert len(receiver.accepted) == 1
    assert json.loads(melder(root, "status", "--json").stdout)["stalled_deliveries"] == []
    assert melder(root, "status", "--check").stdout.startswith("MELDER OK")
    assert "stalled webhooks" not in melder(root, "status").stdout


def test_a_delivery_waiting_for_its_first_try_is_not_stalled(tmp_path, httpserver, monkeypatch):
    from tests.cli.test_operator import melder

    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    httpserver.expect_request("/hub", method="POST").respond_with_data("", status=202)
    root = _root(tmp_path, httpserver)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    store.enqueue_delivery("portal", local(httpserver, "/hook"), "r1", "published", 1, "{}", NOW)
    store.close()
    assert json.loads(melder(root, "status", "--json").stdout)["deliveries"]["pending"] == 1
    assert melder(root, "status", "--check").stdout.startswith("MELDER OK")
