"""A correction that a press office sends as a new mail ('KORREKTUR: …') is held beside the
release it corrects, for an editor to merge it as that release's next revision, instead of going
out as a second release."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import State
from pipeline.store import Store

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
FIRST = (
    "Sperrung der Brückenstraße ab 30. November\n\nLindenau, 25. November 2026. Wegen Arbeiten "
    "an der Fernwärmeleitung wird die Brückenstraße zwischen Markt und Uferweg ab Montag, 30. "
    "November, für drei Wochen voll gesperrt. Die Umleitung erfolgt über die Lindenstraße."
)
CORRECTED = (
    "Bitte beachten Sie: In unserer Meldung von heute Vormittag war das Datum falsch. Die "
    "Sperrung beginnt erst am 7. Dezember. Wir bitten, den Fehler zu entschuldigen.\n\n"
    + FIRST.replace("30. November", "7. Dezember").replace("30. \nNovember", "7. Dezember")
)


def _mail(subject: str, body: str, message_id: str) -> bytes:
    return (
        "From: Pressestelle Stadt Lindenau <presse@lindenau.example>\r\n"
        f"To: melder@portal.example\r\nSubject: {subject}\r\n"
        f"Date: Wed, 25 Nov 2026 11:00:00 +0100\r\nMessage-ID: <{message_id}@lindenau.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    ).encode() + body.encode()


def _ingest(root, files: dict[str, bytes]) -> dict[str, object]:
    for name, data in files.items():
        (root / "inbox" / "trusted" / name).write_bytes(data)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runner.ingest(load_config(root), store, now=NOW)
    views = {view.release.identity.strip("<>").split("@")[0]: view for view in store.queue()}
    store.close()
    return views


@pytest.mark.parametrize("one_run", [False, True])
@pytest.mark.parametrize(
    "label", ["KORREKTUR: PM 113/2026: ", "Berichtigung: ", "CORRECTION: ", "UPDATE: "]
)
def test_a_correction_mail_waits_beside_the_release_it_corrects(empty_root, label, one_run):
    first = {"a.eml": _mail("PM 113/2026: Sperrung der Brückenstraße ab 30. November", FIRST, "pm")}
    correction = {
        "b.eml": _mail(f"{label}Sperrung der Brückenstraße ab 7. Dezember", CORRECTED, "korr")
    }
    if one_run:
        views = _ingest(empty_root, first | correction)
    else:
        _ingest(empty_root, first)
        views = _ingest(empty_root, correction)
    original, corrected = views["pm"], views["korr"]
    assert original.state == State.APPROVED
    assert corrected.state == State.QUEUED
    assert corrected.duplicate_of == original.release.id
    assert corrected.release.title == "Sperrung der Brückenstraße ab 7. Dezember"
    rid, oid = corrected.release.id, original.release.id
    assert corrected.release.warnings[-2:] == (
        f"a correction of {oid}: merge it as that release's next revision "
        f"(`melder merge {rid} --into {oid}`), or keep both",
        f"possible duplicate of {oid}",
    )
    assert corrected.release.warnings[0] == (
        f"the sender calls this a correction ({label.strip()!r}): compare it with the release "
        "it corrects"
    )


def test_a_correction_of_a_release_melder_never_had_goes_its_way(empty_root):
    other = (
        "Lindenau, 25. November 2026. Der Weihnachtsmarkt auf dem Marktplatz öffnet am Freitag "
        "um 16 Uhr, nicht wie gemeldet um 18 Uhr. Er ist bis 23. Dezember täglich geöffnet."
    )
    views = _ingest(
        empty_root,
        {
            "a.eml": _mail("Sperrung der Brückenstraße ab 30. November", FIRST, "pm"),
            "b.eml": _mail("Korrektur: Weihnachtsmarkt öffnet am Freitag", other, "markt"),
        },
    )
    assert views["markt"].duplicate_of is None
    assert views["markt"].state == State.APPROVED
    assert views["markt"].release.title == "Weihnachtsmarkt öffnet am Freitag"


def test_a_release_whose_headline_reads_like_an_earlier_one_is_no_correction(empty_root):
    later = FIRST.replace("Brückenstraße", "Lindenstraße").replace("30. November", "2. Dezember")
    views = _ingest(
        empty_root,
        {
            "a.eml": _mail("Sperrung der Brückenstraße ab 30. November", FIRST, "pm"),
            "b.eml": _mail("Sperrung der Lindenstraße ab 2. Dezember", later, "linden"),
        },
    )
    assert not any("correction" in warning for warning in views["linden"].release.warnings)
