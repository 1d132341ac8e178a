"""Forged senders against the e-mail allow-list, through a real Dovecot mailbox."""

from __future__ import annotations

import pytest

from pipeline.config import ImapConfig
from pipeline.ingest.mailauth import allowed, authenticated, sender_of
from tests.ingest.test_imap import deliver, dovecot, german_release, mailbox_source, user  # noqa: F401
from tests.remote_helpers import run_kind

MX = "mx.portal.example"


def raw_mail(headers: str) -> bytes:
    """The German test release with these From/Message-ID/Authentication-Results lines."""
    message = german_release()
    del message["From"]
    del message["Message-ID"]
    return headers.encode() + message.as_bytes()


def test_display_text_that_looks_like_an_address_does_not_count():
    unquoted = sender_of(b"From: presse@lindenau.example <attacker@evil.example>\r\n\r\n")
    assert unquoted.problem and not allowed(unquoted.address, ["lindenau.example"])
    quoted = sender_of(b'From: "presse@lindenau.example" <attacker@evil.example>\r\n\r\n')
    assert quoted.address == "attacker@evil.example"
    assert not allowed(quoted.address, ["lindenau.example"])


def test_two_from_headers_or_two_addresses_are_no_sender():
    assert sender_of(b"From: a@lindenau.example\r\nFrom: b@evil.example\r\n\r\n").problem
    assert sender_of(b"From: a@lindenau.example, b@evil.example\r\n\r\n").problem
    assert sender_of(b"Subject: none\r\n\r\n").problem


@pytest.mark.parametrize(
    ("results", "passes"),
    [
        (f"{MX}; dmarc=pass (p=reject) header.from=lindenau.example", True),
        (f"{MX}; dkim=pass header.d=lindenau.example header.s=mail", True),
        (f"{MX}; dkim=pass header.d=other.example; dmarc=fail header.from=lindenau.example", False),
        (f"{MX}; spf=pass smtp.mailfrom=lindenau.example", False),
        ("evil.example; dmarc=pass header.from=lindenau.example", False),
        (f"{MX}; dmarc=none header.from=lindenau.example", False),
    ],
)
def test_only_the_trusted_servers_pass_counts(results, passes):
    header = f"From: presse@lindenau.example\r\nAuthentication-Results: {results}\r\n\r\n"
    assert authenticated(sender_of(header.encode()), MX) is passes


def test_require_authenticated_needs_the_servers_name():
    with pytest.raises(ValueError, match="authserv_id"):
        ImapConfig(host="x", username_env="U", password_env="P", require_authenticated=True)


def test_forged_senders_are_held_in_the_mailbox_run(dovecot, user, tmp_path):  # noqa: F811
    mails = {
        "<ok@x>": f"From: presse@lindenau.example\nMessage-ID: <ok@x>\n"
        f"Authentication-Results: {MX}; dmarc=pass header.from=lindenau.example\n",
        "<display@x>": "From: presse@lindenau.example <attacker@evil.example>\n"
        "Message-ID: <display@x>\n",
        "<quoted@x>": 'From: "presse@lindenau.example" <attacker@evil.example>\n'
        "Message-ID: <quoted@x>\n",
        "<two@x>": "From: presse@lindenau.example\nFrom: attacker@evil.example\n"
        "Message-ID: <two@x>\n",
        "<unsigned@x>": "From: presse@lindenau.example\nMessage-ID: <unsigned@x>\n",
        "<self-signed@x>": "From: presse@lindenau.example\nMessage-ID: <self-signed@x>\n"
        "Authentication-Results: evil.example; dmarc=pass header.from=lindenau.example\n",
    }
    for headers in mails.values():
        deliver(dovecot, user, raw_mail(headers))
    source = mailbox_source(
        dovecot, senders=["lindenau.example"], require_authenticated=True, authserv_id=MX
    )
    result = run_kind("imap", source, tmp_path)
    problems = {raw.identity: raw.problems for raw, _ in result.raws}
    assert problems["<ok@x>"] == ()
    for refused in ("<display@x>", "<quoted@x>", "<two@x>", "<unsigned@x>", "<self-signed@x>"):
        assert problems[refused] and problems[refused][0].field == "sender", refused
