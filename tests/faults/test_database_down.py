"""The database stops under a running `melder serve`: every client is told it is a passing
outage (503 with Retry-After, in words it can act on), and the app answers again as soon as the
database is back, without a restart."""

from __future__ import annotations

import httpx

from pipeline.store import Store
from tests.faults.test_restarts import own_postgres  # noqa: F401 - a fixture
from tests.web_support import login, make_root, melder_serve, seed_users, token


def test_a_stopped_database_gets_503_everywhere_and_the_app_recovers(
    tmp_path,
    own_postgres,  # noqa: F811
):
    url = own_postgres.new_database()
    root = make_root(tmp_path / "root")
    store = Store(url)
    seed_users(store)
    secret = token(store, root, "press")
    store.close()
    api = {"Authorization": f"Bearer {secret}"}
    release = {"title": "Neue Ampel am Markt", "text": "Die Stadt baut eine Ampel. " * 5}
    with (
        melder_serve(root, tmp_path, database_url=url) as (base, process),
        httpx.Client(base_url=base, timeout=30) as editor,
        httpx.Client(base_url=base, timeout=30, headers=api) as office,
    ):
        assert login(editor).status_code == 303
        assert office.post("/api/v1/releases", json=release).status_code == 201

        own_postgres.halt()
        try:
            answers = {
                "submit": office.post(
                    "/api/v1/releases", json={**release, "title": "Zweite Ampel"}
                ),
                "list": office.get("/api/v1/releases"),
                "queue": editor.get("/desk/"),
                "health": editor.get("/healthz"),
            }
        finally:
            own_postgres.resume()

        for name, answer in answers.items():
            assert answer.status_code == 503, (name, answer.status_code, answer.text[:300])
        for name in ("submit", "list", "queue"):
            assert answers[name].headers["retry-after"] == "30", name
        [problem] = answers["submit"].json()["problems"]
        assert problem["field"] == "database"
        assert "try again in 30 s" in problem["message"]
        page = answers["queue"].text
        assert 'role="alert"' in page and "Traceback" not in page
        assert "Datenbank" in page or "database" in page

        # back without a restart: the pool's dead connections are replaced
        assert editor.get("/healthz").status_code == 200
        assert (
            office.post("/api/v1/releases", json={**release, "title": "Zweite Ampel"}).status_code
            == 201
        )
        assert editor.get("/desk/").status_code == 200
        assert process.poll() is None
