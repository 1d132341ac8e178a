"""Lifecycle v2 at the desk and the API: corrections of live releases, reopening, duplicates."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pipeline.models import State
from pipeline.web import Limits, create_app
from tests.factories import NOW, make_release
from tests.web_support import (
    csrf_of,
    form_fields,
    login,
    make_root,
    open_store,
    queued,
    seed_users,
    settings_for,
    token,
)


@pytest.fixture
def root(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    return root


@pytest.fixture
def app(root):
    return create_app(root, settings_for(root), limits=Limits(login_attempts=3))


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        login(client)
        yield client


@pytest.fixture
def store(app):
    return app.state.web.store


def decide(client, release_id: str, action: str, **extra):
    url = f"/desk/releases/{release_id}"
    fields = form_fields(client.get(url).text, f"{url}/{action}")
    return client.post(f"{url}/{action}", data={**fields, **extra})


def publish(client) -> None:
    client.post("/desk/publish", data={"csrf": csrf_of(client.get("/desk/").text)})


def live_release(client, store) -> str:
    release_id = queued(store, "inbox/kita.txt", title="Kita öffnet")
    decide(client, release_id, "approve")
    publish(client)
    changed = make_release("inbox/kita.txt", source="office", title="Kita öffnet später")
    store.save([(changed, State.QUEUED, None)], now=NOW, actor="office")
    return release_id


def test_a_waiting_correction_shows_and_rejecting_it_keeps_the_live_text(client, store):
    release_id = live_release(client, store)
    queue = client.get("/desk/?state=queued").text
    assert "Kita öffnet später" in queue and "correction" in queue.lower()
    response = decide(client, release_id, "reject", reason="falsch")
    assert response.status_code == 200
    view = store.get(release_id)
    assert (view.state, view.pending, view.live_revision) == (State.PUBLISHED, "rejected", 1)
    assert "Kita öffnet später" not in client.get("/feeds/portal/rss.xml").text
    page = client.get(f"/desk/releases/{release_id}").text
    assert 'action="/desk/releases/' + release_id + '/withdraw"' in page
    assert decide(client, release_id, "withdraw", reason="zurück").status_code == 200
    assert store.get(release_id).state == State.WITHDRAWN


def test_approving_the_correction_makes_it_live_at_the_next_publish(client, store):
    release_id = live_release(client, store)
    decide(client, release_id, "approve")
    publish(client)
    assert "Kita öffnet später" in client.get("/feeds/portal/rss.xml").text
    view = store.get(release_id)
    assert (view.pending, view.live_revision) == (None, 2)
    # nothing waits any more: the approve form is gone, and a stale one does nothing
    page = client.get(f"/desk/releases/{release_id}").text
    assert f'action="/desk/releases/{release_id}/approve"' not in page


def test_a_rejected_release_is_reopened_with_its_own_button(client, store):
    release_id = queued(store, "inbox/park.txt", title="Sommerfest")
    decide(client, release_id, "reject", reason="Werbung")
    page = client.get(f"/desk/releases/{release_id}").text
    assert f'action="/desk/releases/{release_id}/approve"' not in page
    assert decide(client, release_id, "reopen").status_code == 200
    assert store.get(release_id).state == State.QUEUED


LONG = (
    "Die Stadt eröffnet am Montag eine neue Kita mit achtzig Plätzen im Westen. Eltern können "
    "ihre Kinder ab sofort im Bürgerbüro anmelden, die Betreuung beginnt jeden Tag um {hour} Uhr "
    "und endet am Nachmittag um siebzehn Uhr."
)


def test_a_possible_duplicate_is_shown_side_by_side_and_merged(client, store):
    first = make_release(
        "inbox/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="sieben")
    )
    copy = make_release(
        "inbox/copy/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="acht")
    )
    store.save([(first, State.QUEUED, None)], now=NOW, actor="office")
    [saved] = store.save([(copy, State.QUEUED, None)], now=NOW, actor="office")
    assert store.get(saved.release_id).duplicate_of == first.id
    page = client.get(f"/desk/releases/{saved.release_id}").text
    assert f'href="/desk/releases/{first.id}"' in page and "merge-form" in page
    assert f'action="/desk/releases/{saved.release_id}/approve"' not in page
    url = f"/desk/releases/{saved.release_id}"
    client.post(f"{url}/merge", data=form_fields(page, f"{url}/merge"))
    assert store.get(saved.release_id).state == State.REJECTED
    assert store.get(first.id).revision == 2


def test_keep_both_lets_the_duplicate_be_approved(client, store):
    first = make_release("inbox/a.txt", source="office", title="Kita öffnet", text="Gleich.")
    copy = make_release("inbox/b.txt", source="office", title="Kita öffnet", text="Gleich.")
    store.save([(first, State.QUEUED, None)], now=NOW, actor="office")
    [saved] = store.save([(copy, State.QUEUED, None)], now=NOW, actor="office")
    assert decide(client, saved.release_id, "keep").status_code == 200
    assert decide(client, saved.release_id, "approve").status_code == 200
    assert store.get(saved.release_id).state == State.APPROVED


def test_the_api_resend_of_a_live_release_waits_as_a_correction(app, root, store):
    secret = token(store, root, "press")
    headers = {"Authorization": f"Bearer {secret}"}
    body = {"id": "pm-1", "title": "Kita öffnet", "text": "Die Kita öffnet am Montag."}
    with TestClient(app) as api:
        first = api.post("/api/v1/releases", json=body, headers=headers)
        assert first.status_code == 201
        release_id = first.json()["id"]
        again = api.post("/api/v1/releases", json=body, headers=headers)
        assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
        with TestClient(app) as desk:
            login(desk)
            decide(desk, release_id, "approve")
            publish(desk)
        body["text"] = "Die Kita öffnet am Dienstag."
        assert api.post("/api/v1/releases", json=body, headers=headers).status_code == 201
        status = api.get(f"/api/v1/releases/{release_id}", headers=headers).json()
        assert (status["state"], status["pending"], status["live_revision"]) == (
            "published",
            "queued",
            1,
        )
        other = api.post(
            "/api/v1/releases",
            json={"title": "Korrektur", "text": "Neu.", "replaces": release_id},
            headers=headers,
        )
        assert other.status_code == 201 and other.json()["id"] == release_id
        unknown = api.post(
            "/api/v1/releases",
            json={"title": "X", "text": "Y.", "replaces": "nosuchid"},
            headers=headers,
        )
        assert unknown.status_code == 422 and unknown.json()["problems"][0]["field"] == "replaces"


def test_a_duplicate_merged_into_a_release_merged_away_meanwhile_is_refused_as_a_conflict(
    app, client, store
):
    first = make_release(
        "inbox/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="sieben")
    )
    copy = make_release(
        "inbox/copy/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="acht")
    )
    third = make_release(
        "inbox/again/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="neun")
    )
    store.save([(first, State.QUEUED, None)], now=NOW, actor="office")
    [second] = store.save([(copy, State.QUEUED, None)], now=NOW, actor="office")
    [late] = store.save([(third, State.QUEUED, None)], now=NOW, actor="office")
    with TestClient(app) as other:
        login(other, "admin")
        url = f"/desk/releases/{late.release_id}"
        # the other editor's page was loaded before the copy was merged away
        stale = {**form_fields(other.get(url).text, f"{url}/merge"), "into": second.release_id}
        decide(client, second.release_id, "merge")
        answer = other.post(f"{url}/merge", data=stale)
    assert answer.url.path == url and answer.status_code == 200
    said = (
        f"Someone was quicker: release {second.release_id} was meanwhile merged into release "
        f"{first.id} and is closed. Nothing was merged; merge this release into {first.id}."
    )
    assert said in answer.text.replace("\n", " ")
    assert store.get(late.release_id).state == State.QUEUED
    assert store.get(second.release_id).revision == 1  # nothing landed in the closed copy
    assert "neun Uhr" not in store.get(first.id).release.text


def test_a_withdrawn_release_goes_live_again_only_after_saying_its_text_returns(client, store):
    release_id = queued(store, "inbox/kita.txt", title="Kita öffnet")
    decide(client, release_id, "approve")
    publish(client)
    decide(client, release_id, "withdraw", reason="Termin abgesagt")
    publish(client)
    url = f"/desk/releases/{release_id}"
    page = client.get(url).text
    assert 'id="approve-form"' not in page and 'id="approve-now"' not in page
    assert "Yes, the withdrawn text (revision 1) goes live again at the next publish." in page
    plain = form_fields(page, f"{url}/approve")
    refused = client.post(f"{url}/approve", data={k: v for k, v in plain.items() if k != "again"})
    assert refused.status_code == 422 and "has no new revision" in refused.text
    assert store.get(release_id).state == State.WITHDRAWN
    assert decide(client, release_id, "approve", again="yes").status_code == 200
    publish(client)
    assert store.get(release_id).state == State.PUBLISHED
    assert "Kita öffnet" in client.get("/feeds/portal/rss.xml").text


def test_a_withdrawn_release_with_a_new_revision_is_approved_with_the_plain_button(client, store):
    release_id = live_release(client, store)
    decide(client, release_id, "withdraw", reason="Termin abgesagt")
    changed = make_release("inbox/kita.txt", source="office", title="Kita öffnet im Mai")
    store.save([(changed, State.QUEUED, None)], now=NOW, actor="office")
    page = client.get(f"/desk/releases/{release_id}").text
    assert 'id="approve-now"' in page and 'id="republish-form"' not in page
    assert decide(client, release_id, "approve").status_code == 200
    assert store.get(release_id).state == State.APPROVED
