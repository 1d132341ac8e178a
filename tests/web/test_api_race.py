"""One sender's revisions of one release arriving at the same moment at two `melder serve`
processes on one database: each is stored as its own revision, one after the other, and each
answer names the revision its own text became (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from contextlib import ExitStack

import httpx

from pipeline.store import Store
from tests.web_support import make_root, melder_serve, token

SENDERS = 6
ROUNDS = 4


def version(sender_id: str, number: int) -> dict:
    return {
        "id": sender_id,
        "title": f"Nordwind Energie nimmt Windpark Süderhöft in Betrieb (Fassung {number})",
        "text": (
            "Husum, 27. November 2026. Die Nordwind Energie GmbH hat den Windpark Süderhöft mit "
            f"zwölf Anlagen in Betrieb genommen. Fassung {number} der Meldung.\n\n"
            "Die Anlagen erzeugen jährlich rund 140 Gigawattstunden Strom und versorgen damit "
            "rechnerisch 45.000 Haushalte an der Westküste.\n\n"
            "Pressekontakt: Jana Ehlers, presse@nordwind-energie.example"
        ),
        "language": "de",
    }


def send_at_once(bases: list[str], secret: str, bodies: list[dict]) -> list[httpx.Response]:
    start = threading.Barrier(len(bodies))
    answers: list[httpx.Response | None] = [None] * len(bodies)

    def send(position: int) -> None:
        headers = {"Authorization": f"Bearer {secret}"}
        with httpx.Client(base_url=bases[position % len(bases)], headers=headers) as api:
            start.wait()
            answers[position] = api.post("/api/v1/releases", json=bodies[position], timeout=60)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_revisions_sent_at_once_each_get_their_own_number(tmp_path, database_url):
    root = make_root(tmp_path / "root")
    store = Store(database_url)
    secret = token(store, root, "press")
    with ExitStack() as stack:
        bases = [
            stack.enter_context(melder_serve(root, tmp_path / name, database_url=database_url))[0]
            for name in ("first", "second")
        ]
        for round_number in range(ROUNDS):
            sender_id = f"pm-2026-11-{round_number:02d}"
            bodies = [version(sender_id, number) for number in range(SENDERS)]
            answers = send_at_once(bases, secret, bodies)
            assert [answer.status_code for answer in answers] == [201] * SENDERS, [
                answer.text for answer in answers
            ]
            told = [answer.json() for answer in answers]
            [release_id] = {body["id"] for body in told}
            assert sorted(body["revision"] for body in told) == list(range(1, SENDERS + 1))
            for body, sent in zip(told, bodies, strict=True):
                assert body["outcome"] == ("new" if body["revision"] == 1 else "revised"), told
                assert store.revision(release_id, body["revision"]).title == sent["title"]
            view = store.get(release_id)
            assert view.revision == SENDERS and view.revisions == tuple(range(1, SENDERS + 1))

            # the newest text sent once more is no news: 200, and the revision it already is
            [newest] = [bodies[i] for i, body in enumerate(told) if body["revision"] == SENDERS]
            [again] = send_at_once(bases, secret, [newest])
            assert again.status_code == 200
            assert (again.json()["outcome"], again.json()["revision"]) == ("unchanged", SENDERS)
    store.close()
