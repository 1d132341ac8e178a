"""A trusted source's mail that holds several releases (a press office's digest of the day's
releases) waits for an editor, who splits it; a single release from the same source goes out."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import State
from pipeline.store import Store

NOW = datetime(2026, 11, 12, 16, 0, tzinfo=UTC)
ROAD = (
    "Kreisstraße K 12 ab Montag gesperrt\n\nAuental, 12. November 2026. Wegen Arbeiten an "
    "einer Brücke wird die Kreisstraße K 12 zwischen Altdorf und Weiden ab Montag voll "
    "gesperrt. Eine Umleitung über die B 87 ist ausgeschildert.\n\n"
)
VACCINATION = (
    "Impfaktion im Gesundheitsamt am Samstag\n\nAuental, 12. November 2026. Das "
    "Gesundheitsamt bietet am Samstag von 9 bis 13 Uhr eine offene Impfaktion gegen Grippe an. "
    "Eine Anmeldung ist nicht nötig.\n\n"
)


def _arrived(root, body: str):
    data = (
        "From: Landratsamt <presse@auental.example>\r\nTo: presse@portal.example\r\n"
        "Subject: Pressemitteilungen vom 12.11.2026\r\nDate: Thu, 12 Nov 2026 15:30:00 +0100\r\n"
        "Message-ID: <digest@auental.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()
    (root / "inbox" / "trusted" / "mail.eml").write_bytes(data)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    [view] = store.queue(limit=10)
    store.close()
    return view


def test_a_digest_of_releases_from_a_trusted_source_waits_for_an_editor(empty_root):
    view = _arrived(empty_root, f"{ROAD}---\n\n{VACCINATION}")
    assert view.state == State.QUEUED
    [warning] = [w for w in view.release.warnings if "seems to hold" in w]
    assert warning.startswith("held for an editor: the input seems to hold 2 releases")
    assert "Impfaktion im Gesundheitsamt am Samstag" in warning


def test_one_release_from_a_trusted_source_goes_out(empty_root):
    view = _arrived(empty_root, ROAD)
    assert view.state == State.APPROVED
    assert not view.release.held_for_editor
