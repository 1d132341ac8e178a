"""Kind `imap` against a real Dovecot on a loopback port (started by the fixture)."""

from __future__ import annotations

import imaplib
import os
import ssl
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from pipeline import runner
from pipeline.config import Config, ImapConfig, SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest import imap, mailauth
from pipeline.store import Store
from tests import imap_server
from tests.remote_helpers import NOW, run_kind

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab0000000049454e44ae426082"
)


def _dovecot():
    binary = imap_server.dovecot_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("dovecot is not installed; .ci/run must install dovecot-imapd")
        pytest.skip("dovecot not installed (apt-get install dovecot-imapd); CI runs these tests")
    server = imap_server.start(binary)
    yield server
    imap_server.stop(server)


dovecot = pytest.fixture(scope="module")(_dovecot)
# A failed login makes Dovecot slow down later logins from the same address: own server.
lonely_dovecot = pytest.fixture(_dovecot)


@pytest.fixture
def user(request, monkeypatch) -> str:
    """A fresh mailbox per test: any user name logs in."""
    name = request.node.name.replace("[", "-").replace("]", "")[:60]
    monkeypatch.setenv("TEST_IMAP_USER", name)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", imap_server.PASSWORD)
    return name


def mailbox_source(dovecot, **imap_keys) -> SourceConfig:
    settings = {
        "host": "127.0.0.1",
        "port": dovecot.imap_port,
        "security": "starttls",
        "username_env": "TEST_IMAP_USER",
        "password_env": "TEST_IMAP_PASSWORD",
        "ca_file": str(dovecot.ca_file),
        **imap_keys,
    }
    return SourceConfig(title="Presse", kind="imap", timeout=2, imap=ImapConfig(**settings))


def connect(dovecot, user: str) -> imaplib.IMAP4:
    connection = imaplib.IMAP4("127.0.0.1", dovecot.imap_port, timeout=2)
    connection.starttls(ssl.create_default_context(cafile=str(dovecot.ca_file)))
    connection.login(user, imap_server.PASSWORD)
    return connection


def deliver(dovecot, user: str, message: EmailMessage | bytes, folder: str = "INBOX") -> None:
    data = message if isinstance(message, bytes) else message.as_bytes()
    with _session(dovecot, user) as connection:
        connection.create(folder)
        connection.append(folder, None, None, data)


def flags(dovecot, user: str, folder: str = "INBOX") -> list[str]:
    with _session(dovecot, user) as connection:
        connection.select(folder)
        _, data = connection.fetch("1:*", "(FLAGS)")
    return [item.decode() for item in data if item]


class _session:
    def __init__(self, dovecot, user):
        self.connection = connect(dovecot, user)

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc):
        self.connection.logout()


def german_release(
    message_id: str = "<pm-2026-118@lindenau.example>",
    sender: str = "Pressestelle <presse@lindenau.example>",
    attachments: bool = True,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "melder@portal.example"
    message["Subject"] = "Pressemitteilung: Lindenau eröffnet Bürgerbüro in der Südstadt"
    message["Date"] = format_datetime(NOW)
    message["Message-ID"] = message_id
    text = (
        "Lindenau, 25. November 2026 – Die Stadt Lindenau eröffnet am Montag ein neues "
        "Bürgerbüro in der Südstadt. Bürgerinnen und Bürger können dort Ausweise beantragen, "
        "sich ummelden und Anwohnerparkausweise erhalten.\n\n"
        "Das Büro in der Straße der Einheit 12 ist montags bis freitags von 8 bis 18 Uhr "
        "geöffnet. Termine können online oder telefonisch vereinbart werden.\n\n"
        "Pressekontakt: Anna Schütz, Telefon 0341 123-4500"
    )
    message.set_content(text)
    paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    message.add_alternative(f"<html><body>{paragraphs}</body></html>", subtype="html")
    if attachments:
        message.add_attachment(PNG, maintype="image", subtype="png", filename="buergerbuero.png")
        message.add_attachment(
            b"PK\x03\x04fake", maintype="application", subtype="zip", filename="fotos.zip"
        )
        message.add_attachment(
            b"MZ\x90\x00fake", maintype="application", subtype="x-msdownload", filename="setup.exe"
        )
    return message


def test_a_multipart_german_mail_becomes_one_release_with_media(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release())
    result = run_kind("imap", mailbox_source(dovecot), tmp_path)
    assert result.failures == []
    [(raw, locator)] = result.raws
    assert raw.identity == locator == "<pm-2026-118@lindenau.example>"
    assert raw.title and "Bürgerbüro in der Südstadt" in raw.title
    assert "Straße der Einheit 12" in (raw.body_html or raw.body_text or "")
    assert raw.provenance.route == "imap"
    assert "presse@lindenau.example" in raw.provenance.sender
    declared = {media.filename: media.declared_type for media in raw.media}
    assert declared["buergerbuero.png"] == "image/png"
    assert {"fotos.zip", "setup.exe"} <= set(declared)
    assert all("$MelderDone" in item for item in flags(dovecot, user))


def test_nothing_is_flagged_before_the_batch_is_stored(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release())
    source = mailbox_source(dovecot)
    result = imap.ingest("presse", source, Config(root=tmp_path), now=NOW, seen=lambda *_: False)
    assert len(result.raws) == 1
    assert not any("$MelderDone" in item or "\\Seen" in item for item in flags(dovecot, user))
    for done in result.on_stored:
        done()
    assert all("$MelderDone" in item for item in flags(dovecot, user))


def test_a_duplicate_delivery_is_one_release(dovecot, user, tmp_path):
    first = german_release().as_bytes()
    again = b"Received: from relay2.example by mx.portal.example; Wed, 25 Nov 2026\r\n" + first
    deliver(dovecot, user, first)
    deliver(dovecot, user, again)
    result = run_kind("imap", mailbox_source(dovecot), tmp_path)
    assert len(result.raws) == 1 and result.skipped == 1
    assert len(flags(dovecot, user)) == 2
    assert all("$MelderDone" in item for item in flags(dovecot, user))


def test_a_crash_between_fetch_and_flag_ingests_the_mail_once(dovecot, user, tmp_path):
    root = tmp_path / "root"
    (root / "sources").mkdir(parents=True)
    deliver(dovecot, user, german_release())
    source = mailbox_source(dovecot)
    config = Config(root=root, sources={"presse": source})
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    try:
        # First run: fetched and stored, then the process dies before flagging.
        result = imap.ingest("presse", source, config, now=NOW, seen=lambda *_: False)
        list(runner.store_raws(store, "presse", source, result.raws, now=NOW, actor="presse"))
        assert not any("$MelderDone" in item for item in flags(dovecot, user))
        # The restart reads the mail again, recognises it and only then flags it.
        report = runner.ingest_source(config, store, "presse", now=NOW)
        assert (report.error, report.new, report.unchanged) == (None, 0, 1)
        assert len(store.queue(source="presse")) == 1
        assert all("$MelderDone" in item for item in flags(dovecot, user))
        assert runner.ingest_source(config, store, "presse", now=NOW).unchanged == 0
    finally:
        store.close()


def test_senders_off_the_allow_list_are_held_with_the_reason(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release("<ok@x>", "Presse <presse@lindenau.example>"))
    deliver(dovecot, user, german_release("<sub@x>", "presse@rathaus.lindenau.example"))
    deliver(dovecot, user, german_release("<spam@x>", "Gewinnspiel <win@lottery.example>"))
    source = mailbox_source(dovecot, senders=["lindenau.example", "someone@else.example"])
    result = run_kind("imap", source, tmp_path)
    problems = {raw.identity: raw.problems for raw, _ in result.raws}
    assert problems["<ok@x>"] == () and problems["<sub@x>"] == ()
    [refusal] = problems["<spam@x>"]
    assert refusal.field == "sender" and "win@lottery.example" in refusal.message


def test_imaps_with_tls_from_the_first_byte(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release())
    source = mailbox_source(dovecot, security="tls", port=dovecot.imaps_port)
    assert len(run_kind("imap", source, tmp_path).raws) == 1


def test_an_untrusted_certificate_is_refused(dovecot, user, tmp_path):
    source = mailbox_source(dovecot, ca_file=None)
    with pytest.raises(SourceError, match="CERTIFICATE_VERIFY_FAILED"):
        run_kind("imap", source, tmp_path)


def test_processed_mails_can_be_moved_to_a_folder(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release())
    source = mailbox_source(dovecot, after="move", move_to="Melder-Erledigt")
    assert len(run_kind("imap", source, tmp_path).raws) == 1
    with _session(dovecot, user) as connection:
        assert connection.select("INBOX")[1] == [b"0"]
        assert connection.select("Melder-Erledigt")[1] == [b"1"]


def test_missing_credentials_name_the_variable(dovecot, user, tmp_path, monkeypatch):
    monkeypatch.delenv("TEST_IMAP_PASSWORD")
    with pytest.raises(SourceError, match="TEST_IMAP_PASSWORD not set"):
        run_kind("imap", mailbox_source(dovecot), tmp_path)


def test_a_wrong_password_is_a_source_error(lonely_dovecot, user, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_IMAP_PASSWORD", "falsch")
    with pytest.raises(SourceError, match="imap 127.0.0.1.*AUTHENTICATIONFAILED"):
        run_kind("imap", mailbox_source(lonely_dovecot), tmp_path)


def test_an_oversized_mail_is_held_without_downloading_it(dovecot, user, tmp_path):
    deliver(dovecot, user, german_release())
    source = mailbox_source(dovecot).model_copy(update={"max_bytes": 1000})
    [(raw, _)] = run_kind("imap", source, tmp_path).raws
    assert "over the limit of 1,000" in raw.problems[0].message


def test_sender_allow_list_matching():
    assert mailauth.allowed("a@b.de", [])
    assert mailauth.allowed("Presse@Stadt.de", ["presse@stadt.de"])
    assert mailauth.allowed("x@presse.stadt.de", ["stadt.de"])
    assert not mailauth.allowed("x@notstadt.de", ["stadt.de"])
    assert not mailauth.allowed("", ["stadt.de"])
