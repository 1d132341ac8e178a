"""The review desk over HTTP: sessions, CSRF, roles, decisions, conflicts, languages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pipeline.models import State
from pipeline.web import Limits, admin, create_app, decisions, desk
from tests.web_support import (
    csrf_of,
    form_fields,
    login,
    make_root,
    open_store,
    queued,
    seed_users,
    settings_for,
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
        yield client


@pytest.fixture
def store(app):
    return app.state.web.store


def desk_routes() -> list[tuple[str, str]]:
    found = []
    for route in [*desk.router.routes, *decisions.router.routes, *admin.router.routes]:
        path = getattr(route, "path", "")
        if (
            path.startswith("/desk")
            and not path.startswith("/desk/static")
            and path != "/desk/login"
        ):
            for method in sorted(getattr(route, "methods", None) or []):
                if method != "HEAD" and not path.startswith("/desk/lang"):
                    found.append((method, path))
    return found


def test_every_desk_route_refuses_without_a_session(app, client, store):
    release_id = queued(store, "inbox/a.txt")
    routes = desk_routes()
    assert len(routes) >= 10
    for method, path in routes:
        url = path.replace("{release_id}", release_id).replace("{token_id}", "1")
        url = url.replace("{user_id}", "1").replace("{name}", "0" * 64 + "-400.jpg")
        response = client.request(method, url, follow_redirects=False)
        if method == "GET":
            assert response.status_code in (303, 308), (method, url)
            assert "/desk/login" in response.headers["location"] or url == "/desk"
        else:  # the login page, in the desk's language, nothing decided
            assert response.status_code == 401, (method, url)
            assert 'action="/desk/login"' in response.text
    assert store.get(release_id).state == State.QUEUED


def test_login_sets_a_signed_httponly_samesite_cookie_and_a_wrong_password_is_refused(client):
    assert login(client, password="wrong password").status_code == 401
    response = login(client)
    assert response.status_code == 200 and "erika" in response.text
    cookie = [v for k, v in response.history[0].headers.multi_items() if k == "set-cookie"][0]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    client.cookies.set("melder_session", client.cookies["melder_session"][:-3] + "abc")
    assert client.get("/desk/", follow_redirects=False).status_code == 303


def test_login_is_rate_limited(client):
    for _ in range(3):
        assert login(client, password="wrong password").status_code == 401
    response = login(client)
    assert response.status_code == 429 and int(response.headers["retry-after"]) > 0


def test_a_wrong_csrf_token_is_refused(client, store):
    release_id = queued(store, "inbox/a.txt")
    login(client)
    page = client.get(f"/desk/releases/{release_id}").text
    fields = form_fields(page, f"/desk/releases/{release_id}/approve")
    response = client.post(
        f"/desk/releases/{release_id}/approve", data={**fields, "csrf": "forged"}
    )
    assert response.status_code == 403
    assert store.get(release_id).state == State.QUEUED


def test_queue_filters_searches_and_counts(client, store):
    queued(store, "inbox/a.txt", title="Neue Bibliothek eröffnet")
    queued(store, "inbox/b.txt", title="Radweg gesperrt", text="Der Radweg an der Elster.")
    login(client)
    page = client.get("/desk/", params={"q": "radw"}).text
    assert "Radweg gesperrt" in page and "Neue Bibliothek" not in page
    page = client.get("/desk/", params={"q": "Elster"}).text
    assert "Radweg gesperrt" in page
    page = client.get("/desk/", params={"state": "published"}).text
    assert "Radweg gesperrt" not in page
    assert "(2)" in client.get("/desk/").text


def test_approve_publish_and_the_feed_carries_it(client, store):
    release_id = queued(store, "inbox/a.txt", title="Stadtfest am Markt")
    login(client)
    page = client.get(f"/desk/releases/{release_id}").text
    assert "Inhalte Dritter" in page  # the preview carries the channel's disclaimer
    client.post(
        f"/desk/releases/{release_id}/approve",
        data=form_fields(page, f"/desk/releases/{release_id}/approve"),
    )
    assert store.get(release_id).state == State.APPROVED
    queue = client.get("/desk/").text
    response = client.post("/desk/publish", data={"csrf": csrf_of(queue)})
    assert response.status_code == 200 and store.get(release_id).state == State.PUBLISHED
    assert "Stadtfest am Markt" in client.get("/feeds/portal/rss.xml").text


def test_the_second_editor_gets_a_conflict_not_a_silent_overwrite(app, store):
    release_id = queued(store, "inbox/a.txt")
    with TestClient(app) as first, TestClient(app) as second:
        login(first)
        login(second)
        url = f"/desk/releases/{release_id}"
        first_fields = form_fields(first.get(url).text, f"{url}/approve")
        second_fields = form_fields(second.get(url).text, f"{url}/reject")
        assert first.post(f"{url}/approve", data=first_fields).status_code == 200
        refused = second.post(
            f"{url}/reject", data={**second_fields, "reason": "spam"}, follow_redirects=False
        )
        response = second.get(refused.headers["location"])
        reloaded = second.get(url)
    # sent back to the release's page as it is now: reloading it never sends the reject again
    assert (refused.status_code, refused.headers["location"]) == (303, url)
    assert "Someone was quicker: erika (approved," in response.text
    assert "The page now shows the current state; decide again." in response.text
    assert "Someone was quicker" not in reloaded.text
    assert store.get(release_id).state == State.APPROVED


def test_reject_needs_a_reason_and_keeps_the_release(client, store):
    release_id = queued(store, "inbox/a.txt")
    login(client)
    url = f"/desk/releases/{release_id}"
    fields = form_fields(client.get(url).text, f"{url}/reject")
    assert client.post(f"{url}/reject", data={**fields, "reason": "  "}).status_code == 422
    fields = form_fields(client.get(url).text, f"{url}/reject")
    client.post(f"{url}/reject", data={**fields, "reason": "Werbung"})
    view = store.get(release_id)
    assert view.state == State.REJECTED and view.reason == "Werbung"


def test_edit_makes_a_new_revision_keeps_the_original_and_shows_the_diff(client, store):
    release_id = queued(store, "inbox/a.txt", title="Alter Titel")
    login(client)
    url = f"/desk/releases/{release_id}"
    form = client.get(f"{url}/edit").text
    response = client.post(
        f"{url}/edit",
        data={
            **form_fields(form, f"{url}/edit"),
            "title": "Neuer Titel",
            "teaser": "Kurz.",
            "text": "Erster Absatz.\n\nZweiter Absatz.",
            "categories": "Kultur, Stadt",
        },
    )
    assert response.status_code == 200
    assert store.revision(release_id, 1).title == "Alter Titel"
    edited = store.get(release_id)
    assert edited.revision == 2 and edited.release.categories == ("Kultur", "Stadt")
    assert edited.state == State.QUEUED and edited.events[-1].action == "edited"
    # word by word: only what changed is marked
    assert "<del>Alter</del> <ins>Neuer</ins> <span>Titel</span>" in response.text
    assert re.search(r"<ins>[^<]*Categories: Kultur,", response.text)


def test_german_and_english(client):
    assert (
        "Anmelden" in client.get("/desk/login", headers={"accept-language": "de-DE,de;q=0.9"}).text
    )
    assert "Log in" in client.get("/desk/login", headers={"accept-language": "en"}).text
    client.get("/desk/lang/de")
    assert "Anmelden" in client.get("/desk/login", headers={"accept-language": "en"}).text


def test_only_admins_manage_tokens_and_users(client, app):
    login(client)
    assert client.get("/desk/admin").status_code == 403
    with TestClient(app) as admin:
        login(admin, "admin")
        page = admin.get("/desk/admin").text
        created = admin.post("/desk/admin/tokens", data={"csrf": csrf_of(page), "source": "press"})
        assert created.status_code == 200 and "mld_" in created.text


def test_xss_in_a_title_and_body_is_escaped_in_the_desk(client, store):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    release_id = queued(store, "inbox/x.txt", title=f"Titel {payload}", text=f"Text {payload}")
    login(client)
    for url in ("/desk/", f"/desk/releases/{release_id}"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page
    response = client.get(f"/desk/releases/{release_id}")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_home_page_leads_to_the_desk(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/desk/"
