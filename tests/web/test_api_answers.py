"""What the submission API tells a press office about how its release was taken: every field
it did not take as sent, and why a release waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from pipeline.web import Limits
from tests.web_support import NOW, make_root, open_store, serving, token

BODY = (
    "Lindenau – Die Stadt eröffnet am Montag ihre neue Bibliothek am Markt. Sie bietet "
    "40.000 Medien und einen Lesesaal.\n\nDie Bibliothek ist montags bis samstags geöffnet."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("answers") / "root")
    store = open_store(root)
    tokens = {name: token(store, root, name) for name in ("press", "other")}
    with serving(root, Limits(api_requests=1000, max_body=50_000)) as base:
        yield base, root, store, tokens
    store.close()


def api(server, name: str = "press") -> httpx.Client:
    base, _root, _store, tokens = server
    headers = {"Authorization": f"Bearer {tokens[name]}"}
    return httpx.Client(base_url=base, headers=headers, timeout=10)


def status_of(client: httpx.Client, answer: httpx.Response) -> dict:
    return client.get(f"/api/v1/releases/{answer.json()['id']}").json()


def test_a_date_alone_in_a_json_body_stays_a_date_and_says_so(server):
    day = (NOW - timedelta(days=3)).date().isoformat()
    release = {"title": "Bibliothek öffnet am Markt", "text": BODY, "published": day}
    with api(server) as client:
        answer = client.post("/api/v1/releases", json=release)
        assert answer.status_code == 201, answer.text
        warning = f"the date {day} gives no time of day: it stays a date"
        assert any(w.startswith(warning) for w in answer.json()["warnings"])
        assert status_of(client, answer)["published_at"] == day


def test_a_json_date_with_its_time_of_day_is_kept_as_sent(server):
    moment = (NOW - timedelta(days=3)).strftime("%Y-%m-%dT10:30:00+01:00")
    release = {"title": "Stadtrat tagt im Rathaus", "text": BODY, "published": moment}
    with api(server) as client:
        answer = client.post("/api/v1/releases", json=release)
        assert answer.status_code == 201, answer.text
        assert not any("time of day" in w for w in answer.json()["warnings"])
        assert status_of(client, answer)["published_at"] == moment


def test_a_few_nul_bytes_in_an_uploaded_text_are_removed_with_a_note(server):
    body = BODY.replace("Medien", "Medien\0", 1)
    text = f"Bibliothek öffnet am Markt\n\n{body}\0\n"
    with api(server) as client:
        answer = client.post("/api/v1/releases", files={"file": ("nul.txt", text.encode())})
        assert answer.status_code == 201, answer.text
        assert "2 NUL byte(s) removed from the text" in answer.json()["warnings"]
        assert status_of(client, answer)["title"] == "Bibliothek öffnet am Markt"


def test_a_nul_character_in_a_json_body_is_removed_with_a_note(server):
    release = {"title": "Hafenkino zeigt\u0000 Film über Lotsen", "text": BODY + "\u0000"}
    with api(server) as client:
        answer = client.post("/api/v1/releases", json=release)
        assert answer.status_code == 201, answer.text
        assert "2 NUL character(s) (\\u0000) removed from the text" in answer.json()["warnings"]
        assert status_of(client, answer)["title"] == "Hafenkino zeigt Film über Lotsen"


def test_a_link_to_an_internal_address_is_left_out_with_a_warning_naming_it(server):
    release = {
        "title": "Ausschreibung für die Hafenkantine",
        "text": BODY,
        "links": [
            {"url": "http://127.0.0.1:8080/factsheet.pdf", "text": "Factsheet"},
            {"url": "http://10.1.2.3/ausschreibung.pdf", "text": "Intranet"},
            {"url": "https://www.hafen-nordmark.de/ausschreibung.pdf", "text": "Ausschreibung"},
        ],
    }
    with api(server) as client:
        answer = client.post("/api/v1/releases", json=release)
        assert answer.status_code == 201, answer.text
        dropped = [w for w in answer.json()["warnings"] if "internal address" in w]
        assert dropped == [
            "the link 'Factsheet' (http://127.0.0.1:8080/factsheet.pdf) was left out: it points "
            "to an internal address, which the portals' readers cannot open",
            "the link 'Intranet' (http://10.1.2.3/ausschreibung.pdf) was left out: it points "
            "to an internal address, which the portals' readers cannot open",
        ]


CRANE = (
    "Nordmark – Die Hafengesellschaft Nordmark hat am Freitag am Terminal Nord einen neuen "
    "Containerkran in Betrieb genommen. Der Kran hat eine Auslegerlänge von 65 Metern und kann "
    "Schiffe mit bis zu 24 Containerreihen abfertigen.\n\n„Mit dem fünften Kran steigern wir "
    "die Umschlagleistung um rund 20 Prozent“, sagte Geschäftsführerin Anja Petersen."
)

FERRY = (
    "Lindholm – Die Fähre nach Lindholm fährt vom 1. Dezember an alle dreißig Minuten. Die "
    "Reederei setzt dafür ein zweites Schiff ein.\n\nDer Fahrplan gilt bis Ende März."
)
FESTIVAL = (
    "Nordmark – Das Hafenfest beginnt am Samstag um 11 Uhr mit einer Parade der Traditions"
    "segler.\n\nAm Abend spielt das Landespolizeiorchester auf der Bühne am Kai 2."
)
LOCK = (
    "Nordmark – Die Schleuse am Nordkanal bleibt von Montag an eine Woche gesperrt. Taucher "
    "prüfen die Tore.\n\nSportboote warten im Vorhafen oder nutzen den Südkanal."
)
BRIDGE = (
    "Nordmark – Die Klappbrücke am Binnenhafen wird im Frühjahr saniert. Während der Arbeiten "
    "fahren Busse über die Umleitung am Kai 4.\n\nFußgänger nutzen eine Behelfsbrücke."
)


def test_a_possible_duplicate_says_it_waits_for_an_editor_and_why(server):
    first = {"id": "pm-kran", "title": "Neuer Containerkran am Terminal Nord", "text": CRANE}
    again = {**first, "id": "pm-kran-2", "title": "Containerkran am Terminal Nord übergeben"}
    with api(server) as client, api(server, "other") as other:
        original = client.post("/api/v1/releases", json=first).json()["id"]
        own = client.post("/api/v1/releases", json=again)
        foreign = other.post("/api/v1/releases", json={**again, "id": "zoo-kran"})
        held = f"held for an editor: possible duplicate of an earlier release ({original})"
        assert own.json()["state"] == "queued" and held in own.json()["warnings"]
        assert held in status_of(client, own)["warnings"]
        # another source's release is not named, but the reason is
        anonymous = "held for an editor: possible duplicate of an earlier release"
        assert anonymous in foreign.json()["warnings"]
        assert anonymous in status_of(other, foreign)["warnings"]
        assert original not in foreign.text and original not in str(status_of(other, foreign))
        # a release of its own text waits for no such reason
        fresh = client.post("/api/v1/releases", json={"title": "Hafenfest", "text": FESTIVAL})
        assert not any("duplicate" in w for w in fresh.json()["warnings"])


def published(server, release_id: str) -> None:
    from pipeline import review
    from pipeline.config import load_config
    from pipeline.runner.publishing import publish

    _base, root, store, _tokens = server
    review.approve(store, release_id, actor="erika", now=NOW)
    publish(load_config(root), store, now=NOW)


def test_a_correction_is_answered_with_its_review_and_the_live_revision(server):
    sent = {"id": "pm-fähre", "title": "Fähre fährt ab Montag öfter", "text": FERRY}
    with api(server) as client:
        first = client.post("/api/v1/releases", json=sent).json()
        assert first["pending"] is None and first["live_revision"] is None
        published(server, first["id"])
        fixed = {**sent, "title": "Fähre fährt ab Dienstag öfter"}
        answer = client.post("/api/v1/releases", json=fixed).json()
    assert (answer["state"], answer["revision"], answer["outcome"]) == ("published", 2, "revised")
    assert (answer["pending"], answer["live_revision"]) == ("queued", 1)


def test_a_rejected_correction_tells_its_sender_why(server):
    from pipeline import review

    _base, _root, store, _tokens = server
    sent = {"id": "pm-brücke", "title": "Brücke wird saniert", "text": BRIDGE}
    with api(server) as client:
        release_id = client.post("/api/v1/releases", json=sent).json()["id"]
        published(server, release_id)
        client.post("/api/v1/releases", json={**sent, "title": "Brücke wird 2027 saniert"})
        review.reject(store, release_id, reason="Termin noch offen", actor="erika", now=NOW)
        status = client.get(f"/api/v1/releases/{release_id}").json()
    assert (status["state"], status["pending"], status["live_revision"]) == (
        "published",
        "rejected",
        1,
    )
    assert status["reason"] == status["pending_reason"] == "Termin noch offen"


def test_a_headline_over_the_documented_limit_is_refused_alike_and_nothing_is_stored(server):
    base, _root, store, _tokens = server
    with api(server) as client:
        limit = client.get("/api/openapi.json").json()["components"]["schemas"][
            "ReleaseSubmission"
        ]["properties"]["title"]["maxLength"]
        assert limit == 300
        before = len(store.search(source="press", limit=1000))
        words = "Hafengesellschaft Nordmark und Partner eröffnen Besucherzentrum am Kai "
        for length in (301, 482, 501):
            answer = client.post(
                "/api/v1/releases", json={"title": (words * 8)[:length].strip(), "text": CRANE}
            )
            assert answer.status_code == 422, answer.text
            assert [p["field"] for p in answer.json()["problems"]] == ["title"]
            assert "id" not in answer.json() or answer.json()["id"] is None
        assert len(store.search(source="press", limit=1000)) == before
        longest = (words * 5)[:300].strip()
        taken = client.post("/api/v1/releases", json={"title": longest, "text": FESTIVAL[:120]})
        assert taken.status_code == 201, taken.text


def test_a_withdrawn_release_keeps_its_address_and_says_when_the_withdrawal_is_out(server):
    from pipeline import review
    from pipeline.config import load_config
    from pipeline.runner.publishing import publish

    _base, root, store, _tokens = server
    sent = {"id": "pm-schleuse", "title": "Schleuse bleibt eine Woche gesperrt", "text": LOCK}
    with api(server) as client:
        release_id = client.post("/api/v1/releases", json=sent).json()["id"]
        published(server, release_id)
        live = client.get(f"/api/v1/releases/{release_id}").json()
        assert live["urls"] and live["withdrawal_published"] is None
        # the decision is taken now, after that publish (which runs on the real clock)
        review.withdraw(
            store, release_id, reason="Termin verschoben", actor="erika", now=datetime.now(UTC)
        )
        withdrawn = client.get(f"/api/v1/releases/{release_id}").json()
        assert withdrawn["state"] == "withdrawn" and withdrawn["urls"] == live["urls"]
        assert withdrawn["withdrawal_published"] is False
        publish(load_config(root), store, now=NOW)
        out = client.get(f"/api/v1/releases/{release_id}").json()
        assert out["urls"] == live["urls"] and out["withdrawal_published"] is True
        listed = client.get("/api/v1/releases", params={"state": "withdrawn"}).json()
        assert [r["withdrawal_published"] for r in listed["releases"]] == [True]


def test_a_state_asked_twice_is_refused_not_narrowed_to_the_last(server):
    with api(server) as client:
        twice = client.get("/api/v1/releases", params=[("state", "queued"), ("state", "approved")])
        assert twice.status_code == 422
        assert twice.json()["problems"] == [
            {"field": "state", "message": "given 2 times; give one state"}
        ]
        once = client.get("/api/v1/releases", params={"state": "queued", "limit": 5})
        assert once.status_code == 200


def test_a_field_named_as_cms_exports_call_it_gets_the_field_it_means(server):
    release = {
        "title": "Hafenfest",
        "text": FESTIVAL,
        "tags": ["Hafen"],
        "date": "2026-11-20",
        "summary": "Parade",
        "images": [{"url": "https://hafen.example/parade.jpg", "summary": "Segler"}],
    }
    with api(server) as client:
        answer = client.post("/api/v1/releases", json=release)
    assert answer.status_code == 422
    assert {p["field"]: p["message"] for p in answer.json()["problems"]} == {
        "tags": "unknown field; use 'categories' for it",
        "date": "unknown field; use 'published' for it",
        "summary": "unknown field; use 'teaser' for it",
        # a photo has no teaser: its own fields are named instead
        "images[0].summary": "unknown field; known fields: url, data, filename, caption, "
        "credit, alt, license",
    }
