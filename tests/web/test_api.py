"""The submission API over real HTTP against a uvicorn server on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from pipeline.store.users import list_tokens, revoke_token
from pipeline.web import Limits
from tests.web_support import NOW, make_root, open_store, serving, token

RELEASE_TXT = """Stadt eröffnet neue Bibliothek

Lindenau, 25. November 2026. Die Stadt eröffnet am Montag ihre neue Bibliothek am Markt.
Sie bietet 40.000 Medien und einen Lesesaal.

Die Bibliothek ist montags bis samstags geöffnet. Der Eintritt ist frei.
""".encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("api") / "root")
    store = open_store(root)
    tokens = {name: token(store, root, name) for name in ("press", "other")}
    limits = Limits(api_requests=1000, max_body=50_000)
    with serving(root, limits) as base:
        yield base, root, store, tokens
    store.close()


def client(base: str, secret: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return httpx.Client(base_url=base, headers=headers, timeout=10)


def upload(api: httpx.Client, data: bytes = RELEASE_TXT, name: str = "release.txt", **kw):
    return api.post("/api/v1/releases", files={"file": (name, data)}, **kw)


def test_without_a_token_or_with_a_wrong_or_revoked_one_it_is_401(server):
    base, root, store, _tokens = server
    assert upload(client(base)).status_code == 401
    assert upload(client(base, "mld_not-a-real-token")).status_code == 401
    assert client(base).get("/api/v1/releases/abcdef0123456789").status_code == 401
    revoked = token(store, root, "press")
    [row] = [t for t in list_tokens(store) if t.hint == revoked[:10]]
    revoke_token(store, row.id, now=NOW)
    response = upload(client(base, revoked))
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_a_file_upload_is_accepted_with_id_state_and_status_url(server):
    base, _root, _store, tokens = server
    with client(base, tokens["press"]) as api:
        response = upload(api)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["state"] == "queued" and body["outcome"] == "new"
        status = api.get(body["status_url"].removeprefix(base))
    assert status.status_code == 200
    assert status.json()["state"] == "queued" and status.json()["source"] == "press"


def test_every_problem_is_listed_with_its_field(server):
    base, _root, _store, tokens = server
    with client(base, tokens["press"]) as api:
        broken = api.post(
            "/api/v1/releases", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert broken.status_code == 422
        assert broken.json()["problems"][0]["field"] == "body"
        empty = upload(api, b"   \n", "empty.txt")
        assert empty.status_code == 422 and empty.json()["problems"][0]["field"] == "input"
        wrong = upload(api, b"data", "release.exe")
        assert wrong.status_code == 422 and wrong.json()["problems"][0]["field"] == "file"


def test_a_body_over_the_limit_is_413(server):
    base, _root, _store, tokens = server
    with client(base, tokens["press"]) as api:
        response = upload(api, b"x" * 60_000, "big.txt")
    assert response.status_code == 413


def test_an_idempotency_key_never_makes_a_second_release(server):
    base, _root, store, tokens = server
    data = RELEASE_TXT.replace(b"Bibliothek", b"Schwimmhalle")
    with client(base, tokens["press"]) as api:
        first = upload(api, data, headers={"Idempotency-Key": "k-1"})
        again = upload(api, data, headers={"Idempotency-Key": "k-1"})
        other = upload(api, RELEASE_TXT, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers["idempotent-replayed"] == "true"
    assert other.status_code == 409
    assert len([v for v in store.search(text="Schwimmhalle")]) == 1


def test_one_source_cannot_read_another_sources_release(server):
    base, _root, _store, tokens = server
    with client(base, tokens["press"]) as press, client(base, tokens["other"]) as other:
        created = upload(press, RELEASE_TXT.replace(b"Bibliothek", b"Sporthalle")).json()
        assert other.get(f"/api/v1/releases/{created['id']}").status_code == 404
        mine = upload(other, RELEASE_TXT.replace(b"Bibliothek", b"Turnhalle")).json()
        assert other.get(f"/api/v1/releases/{mine['id']}").json()["source"] == "other"
        assert press.get(f"/api/v1/releases/{mine['id']}").status_code == 404
        assert press.get(f"/api/v1/releases/{mine['id'][:6]}").status_code == 404


def test_a_correction_of_another_sources_release_is_refused_like_an_unknown_id(server):
    base, _root, _store, tokens = server
    with client(base, tokens["press"]) as press, client(base, tokens["other"]) as other:
        created = upload(press, RELEASE_TXT.replace(b"Bibliothek", b"Schwimmhalle")).json()
        answers = [
            other.post(
                "/api/v1/releases",
                files={"file": ("release.txt", RELEASE_TXT)},
                data={"replaces": release_id},
            )
            for release_id in (created["id"], "0000000000000000")
        ]
        assert [answer.status_code for answer in answers] == [422, 422]
        [foreign], [unknown] = (answer.json()["problems"] for answer in answers)
        assert foreign["message"] == f"no release {created['id']!r} of this source"
        assert unknown["message"] == "no release '0000000000000000' of this source"
        assert "press" not in foreign["message"]


def test_a_token_of_a_source_that_is_no_longer_api_is_403(server):
    base, root, _store, tokens = server
    path = root / "sources" / "other.toml"
    original = path.read_text()
    path.write_text(original.replace('kind = "api"', 'kind = "files"\npath = "inbox/office"'))
    try:
        with client(base, tokens["other"]) as api:
            assert upload(api).status_code == 403
    finally:
        path.write_text(original)


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    limits = Limits(api_requests=2, api_reads=2, api_window=60)
    with serving(root, limits) as base, client(base, secret) as api:
        statuses = [api.get("/api/v1/releases/0000000000000000") for _ in range(3)]
    store.close()
    assert [r.status_code for r in statuses] == [404, 404, 429]
    assert int(statuses[-1].headers["retry-after"]) > 0


def test_the_openapi_schema_and_docs_are_served(server):
    base, *_ = server
    with client(base) as api:
        schema = api.get("/api/openapi.json").json()
        docs = api.get("/api/docs")
    assert "/api/v1/releases" in schema["paths"]
    body = schema["paths"]["/api/v1/releases"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert docs.status_code == 200 and "/api/v1/releases" in docs.text
    assert "cdn" not in docs.text.lower()


def test_an_uploaded_json_file_that_is_no_valid_release_is_kept_invalid_with_its_id(server):
    """An uploaded file is an input like one in a folder: kept with every error, so the press
    office can follow it and send a correction; a JSON body that breaks the API's schema is a
    refused request and keeps nothing."""
    base, _root, _store, tokens = server
    trailing_comma = (
        '{\n  "title": "Bürgerversammlung zum Haushalt 2027",\n'
        '  "text": "Oberdorf, 26. November 2026. Die Gemeinde lädt ein.",\n}\n'
    ).encode()
    with client(base, tokens["press"]) as api:
        kept = upload(api, trailing_comma, "pm-118.json")
        assert kept.status_code == 422, kept.text
        body = kept.json()
        assert body["problems"] == [
            {
                "field": "json",
                "message": "line 3: a comma after the last field; JSON allows none there: "
                "remove it",
            }
        ]
        assert body["status_url"].endswith(f"/api/v1/releases/{body['id']}")
        status = api.get(f"/api/v1/releases/{body['id']}")
        assert status.status_code == 200 and status.json()["state"] == "invalid"

        refused = api.post(
            "/api/v1/releases",
            content=trailing_comma,
            headers={"content-type": "application/json"},
        )
        assert refused.status_code == 422
        assert "id" not in refused.json() and refused.json()["problems"][0]["field"] == "body"
