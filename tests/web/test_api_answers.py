"""What the submission API tells a press office about how its release was taken: every field
it did not take as sent, and why a release waits."""

from __future__ import annotations

from datetime import timedelta

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
