"""Kind `imap` in a press mailbox people share, against a real Dovecot: which mail is which
release, what Melder leaves alone, and how it marks what it took or refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pipeline import runner
from pipeline.config import Config
from pipeline.ingest import online
from pipeline.ingest.client import HttpClient
from pipeline.states import State
from pipeline.store import Store
from tests.ingest import test_imap as imap_tests
from tests.ingest.test_imap import _session, deliver, flags, mailbox_source
from tests.remote_helpers import NOW

dovecot = pytest.fixture(scope="module")(imap_tests._dovecot)
user = imap_tests.user

MAILS = Path(__file__).resolve().parents[1] / "fixtures" / "imap"


def mail(name: str) -> bytes:
    return (MAILS / name).read_bytes().replace(b"\n", b"\r\n")


@pytest.fixture
def mailroom(tmp_path):
    """A Melder root with its store; `ingest(source)` runs one ingest of source `presse`."""
    root = tmp_path / "root"
    (root / "sources").mkdir(parents=True)
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    runs = iter(range(1, 100))

    def ingest(source):
        config = Config(root=root, sources={"presse": source})
        when = NOW + timedelta(minutes=next(runs))
        report = runner.ingest_source(config, store, "presse", now=when)
        assert report.error is None and report.failures == []
        return {key: getattr(report, key) for key in ("new", "revised", "unchanged")}

    ingest.store = store
    ingest.config = lambda source: Config(root=root, sources={"presse": source})
    yield ingest
    store.close()


def releases(store: Store) -> dict[str, object]:
    return {view.release.title: view for view in store.queue(source="presse")}


def test_mails_without_message_id_from_one_sender_are_two_releases(dovecot, user, mailroom):
    deliver(dovecot, user, mail("no-id-jahresbilanz.eml"))
    source = mailbox_source(dovecot)
    assert mailroom(source) == {"new": 1, "revised": 0, "unchanged": 0}
    deliver(dovecot, user, mail("no-id-jugendwehr.eml"))
    assert mailroom(source) == {"new": 1, "revised": 0, "unchanged": 0}
    found = releases(mailroom.store)
    assert sorted(found) == [
        "Feuerwehr Lindenau zieht Jahresbilanz",
        "Feuerwehr sucht Nachwuchs für die Jugendwehr",
    ]
    assert all(view.revision == 1 for view in found.values())
    # the same mail delivered again is the same release, named alike in every run
    deliver(dovecot, user, mail("no-id-jugendwehr.eml"))
    assert mailroom(source) == {"new": 0, "revised": 0, "unchanged": 1}


def test_a_reused_message_id_with_another_subject_and_text_is_a_release_of_its_own(
    dovecot, user, mailroom
):
    source = mailbox_source(dovecot)
    deliver(dovecot, user, mail("newsletter-tag-der-offenen-tuer.eml"))
    deliver(dovecot, user, mail("newsletter-leihinstrumente.eml"))
    assert mailroom(source) == {"new": 2, "revised": 0, "unchanged": 0}
    deliver(dovecot, user, mail("newsletter-weihnachtskonzert.eml"))
    assert mailroom(source) == {"new": 1, "revised": 0, "unchanged": 0}

    found = releases(mailroom.store)
    first = found["Tag der offenen Tür an der Musikschule"]
    assert (first.revision, first.release.identity) == (
        1,
        "<newsletter@musikschule-lindenau.example>",
    )
    assert first.release.warnings == ()
    for title in ("Musikschule sucht Leihinstrumente", "Weihnachtskonzert der Musikschule in"):
        [view] = [view for key, view in found.items() if key.startswith(title)]
        assert view.revision == 1
        assert view.release.identity.startswith("<newsletter@musikschule-lindenau.example>#")
        [warning] = [w for w in view.release.warnings if "Message-ID" in w]
        assert warning == (
            "this mail carries the Message-ID <newsletter@musikschule-lindenau.example> of an "
            "earlier mail with another subject and text (release identity "
            "<newsletter@musikschule-lindenau.example>): it is kept as a release of its own "
            f"({view.release.identity}), not as a revision of that one; if it corrects it, "
            "merge it into it"
        )


def test_a_correction_under_the_same_message_id_stays_a_revision(dovecot, user, mailroom):
    source = mailbox_source(dovecot)
    deliver(dovecot, user, mail("sperrung.eml"))
    assert mailroom(source) == {"new": 1, "revised": 0, "unchanged": 0}
    deliver(dovecot, user, mail("sperrung-umleitung-berichtigt.eml"))  # same subject
    assert mailroom(source) == {"new": 0, "revised": 1, "unchanged": 0}
    [view] = mailroom.store.queue(source="presse")
    assert view.revision == 2 and "Gartenstraße" in view.release.text


def test_a_mail_that_changes_subject_and_text_never_replaces_a_published_release(
    dovecot, user, mailroom
):
    trusted = mailbox_source(dovecot).model_copy(update={"review": "auto"})
    deliver(dovecot, user, mail("sperrung.eml"))
    assert mailroom(trusted) == {"new": 1, "revised": 0, "unchanged": 0}
    mailroom.store.publish_due(NOW + timedelta(minutes=1), lambda release, _: "sperrung.html")
    deliver(dovecot, user, mail("sperrung-neuer-termin.eml"))
    assert mailroom(trusted) == {"new": 1, "revised": 0, "unchanged": 0}
    found = releases(mailroom.store)
    live = found["Sperrung der Brückenstraße ab 30. November"]
    assert (live.state, live.revision, live.pending) == (State.PUBLISHED, 1, None)
    second = found["Sperrung der Brückenstraße ab 7. Dezember"]
    assert second.state == State.APPROVED  # a release of its own, beside the live one
    assert any("<pm113-orig@lindenau.example>" in w for w in second.release.warnings)


def test_mails_flagged_deleted_are_left_alone(dovecot, user, mailroom):
    deliver(dovecot, user, mail("sperrung.eml"))
    deliver(dovecot, user, mail("draft-haushalt.eml"))
    with _session(dovecot, user) as connection:
        connection.select("INBOX")
        connection.store("2", "+FLAGS", "(\\Deleted)")
    assert mailroom(mailbox_source(dovecot)) == {"new": 1, "revised": 0, "unchanged": 0}
    assert list(releases(mailroom.store)) == ["Sperrung der Brückenstraße ab 30. November"]
    draft = flags(dovecot, user)[1]
    assert "\\Deleted" in draft and "$MelderDone" not in draft


def test_a_refused_sender_is_taken_once_the_allow_list_names_it(dovecot, user, mailroom):
    deliver(dovecot, user, mail("newsletter-tag-der-offenen-tuer.eml"))
    narrow = mailbox_source(dovecot, senders=["lindenau.example"])
    assert mailroom(narrow) == {"new": 1, "revised": 0, "unchanged": 0}
    [view] = mailroom.store.queue(source="presse")
    assert view.state == State.INVALID and "imap.senders" in view.reason
    [marks] = flags(dovecot, user)
    assert "$MelderDone" not in marks and "\\Seen" not in marks
    # the same settings do not read it again
    assert mailroom(narrow) == {"new": 0, "revised": 0, "unchanged": 0}

    wider = mailbox_source(dovecot, senders=["lindenau.example", "musikschule-lindenau.example"])
    assert mailroom(wider) == {"new": 0, "revised": 1, "unchanged": 0}
    [view] = mailroom.store.queue(source="presse")
    assert view.state == State.QUEUED and view.release.title.startswith("Tag der offenen Tür")
    [marks] = flags(dovecot, user)
    assert "$MelderDone" in marks and "\\Seen" not in marks


def test_an_oversized_mail_is_taken_once_max_bytes_is_raised(dovecot, user, mailroom):
    deliver(dovecot, user, mail("sperrung.eml"))
    small = mailbox_source(dovecot).model_copy(update={"max_bytes": 300})
    assert mailroom(small) == {"new": 1, "revised": 0, "unchanged": 0}
    assert "over the limit of 300" in mailroom.store.queue(source="presse")[0].reason
    assert mailroom(small) == {"new": 0, "revised": 0, "unchanged": 0}
    assert mailroom(mailbox_source(dovecot)) == {"new": 0, "revised": 1, "unchanged": 0}
    assert mailroom.store.queue(source="presse")[0].state == State.QUEUED


def test_melder_leaves_what_people_have_read_as_it_was(dovecot, user, mailroom):
    deliver(dovecot, user, mail("sperrung.eml"))
    deliver(dovecot, user, mail("no-id-jahresbilanz.eml"))
    with _session(dovecot, user) as connection:
        connection.select("INBOX")
        connection.store("2", "+FLAGS", "(\\Seen)")
    assert mailroom(mailbox_source(dovecot)) == {"new": 2, "revised": 0, "unchanged": 0}
    unread, read = flags(dovecot, user)
    assert "$MelderDone" in unread and "\\Seen" not in unread
    assert "$MelderDone" in read and "\\Seen" in read


def test_move_to_is_written_with_slashes_whatever_the_servers_separator(dovecot, user, mailroom):
    deliver(dovecot, user, mail("sperrung.eml"))
    source = mailbox_source(dovecot, after="move", move_to="Melder/Erledigt")
    assert online.check_mailbox("presse", source, mailroom.config(source), HttpClient()) == []
    with _session(dovecot, user) as connection:
        _, listed = connection.list('""', "*")
    assert b'(\\HasNoChildren) "." Melder.Erledigt' in listed  # Dovecot's Maildir++: "."
    assert mailroom(source) == {"new": 1, "revised": 0, "unchanged": 0}
    with _session(dovecot, user) as connection:
        assert connection.select("INBOX")[1] == [b"0"]
        assert connection.select("Melder.Erledigt")[1] == [b"1"]


def test_check_online_names_the_separator_when_move_to_cannot_be_created(dovecot, user, mailroom):
    deliver(dovecot, user, mail("sperrung.eml"))
    source = mailbox_source(dovecot, after="move", move_to="Erledigt//2026")
    [problem] = online.check_mailbox("presse", source, mailroom.config(source), HttpClient())
    assert problem.startswith(
        "imap.move_to: the server (separator '.') cannot create 'Erledigt..2026': "
    )
