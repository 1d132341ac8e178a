"""A mail that a spam filter marked on its way is held for an editor even from a trusted
source, with the filter's marks named; a mail the filter passed goes out as usual."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import State
from pipeline.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
PHISHING = (
    "<html><body><p>Sehr geehrter Kunde,</p><p>Ihr Paket konnte wegen fehlender Zollgebühren "
    "(1,99 EUR) nicht zugestellt werden. Bitte bestätigen Sie Ihre Zahlung innerhalb von 24 "
    'Stunden:</p><p><a href="http://paket-zustellung.top/track?id=0034">Sendung verfolgen</a>'
    "</p></body></html>"
)


def _arrived(root, subject: str, headers: str, body: str = PHISHING):
    data = (
        'From: "Paketdienst" <noreply@paket-zustellung.top>\r\nTo: presse@portal.example\r\n'
        f"Subject: {subject}\r\nDate: Wed, 25 Nov 2026 08:12:44 +0100\r\n"
        f"Message-ID: <{abs(hash(subject + headers))}@paket-zustellung.top>\r\n{headers}"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    ).encode() + body.encode()
    (root / "inbox" / "trusted" / "mail.eml").write_bytes(data)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    [view] = store.queue(limit=10)
    store.close()
    return view


@pytest.mark.parametrize(
    ("subject", "headers", "marks"),
    [
        (
            "*** SPAM *** Ihr Paket konnte nicht zugestellt werden",
            "X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=14.2 required=5.0\r\n",
            "X-Spam-Flag: YES; X-Spam-Status: Yes, score=14.2 required=5.0; "
            "the subject's tag '*** SPAM ***'",
        ),
        ("[SPAM?] Ihr Paket konnte nicht zugestellt werden", "", "the subject's tag '[SPAM?]'"),
        ("WG: [SPAM] Ihr Paket konnte nicht zugestellt werden", "", "the subject's tag '[SPAM]'"),
        ("Ihr Paket konnte nicht zugestellt werden", "X-Spam: Yes\r\n", "X-Spam: Yes"),
        (
            "Ihr Paket konnte nicht zugestellt werden",
            "X-MS-Exchange-Organization-SCL: 6\r\n",
            "X-MS-Exchange-Organization-SCL: 6",
        ),
    ],
)
def test_a_mail_marked_as_spam_waits_for_an_editor_with_the_marks_named(
    empty_root, subject, headers, marks
):
    view = _arrived(empty_root, subject, headers)
    assert view.state == State.QUEUED
    assert view.release.title == "Ihr Paket konnte nicht zugestellt werden"
    assert view.release.warnings[0] == (
        f"held for an editor: a spam filter marked the mail as spam ({marks}): check that its "
        "sender really sent it before approving it (phishing often looks like a notice)"
    )


@pytest.mark.parametrize(
    ("subject", "headers"),
    [
        (
            "[Presse-Info] Stadt warnt vor gefälschten Paketmails",
            "X-Spam-Flag: NO\r\nX-Spam-Status: No, score=0.4 required=5.0\r\n",
        ),
        ("Stadt warnt vor gefälschten Paketmails", "X-MS-Exchange-Organization-SCL: 1\r\n"),
        ("Stadt warnt vor gefälschten Paketmails (Spam)", "X-Spam-Level: \r\n"),
    ],
)
def test_a_mail_the_filter_passed_goes_out_from_a_trusted_source(empty_root, subject, headers):
    body = (
        "<p>Lindenau, 25. November 2026. Die Stadt warnt vor Mails, die im Namen eines "
        "Paketdienstes Zollgebühren fordern. Wer eine solche Mail erhält, sollte keinen Link "
        "öffnen und sie löschen.</p>"
    )
    view = _arrived(empty_root, subject, headers, body)
    assert view.state == State.APPROVED
    assert not any("spam filter" in warning for warning in view.release.warnings)
