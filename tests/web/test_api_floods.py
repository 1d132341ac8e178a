"""Bodies built to swamp the answer, over real HTTP and the real CLI: a number too long for
Python to read is named as a problem of its field, and twenty thousand unknown keys give twenty
problems and one that counts the rest, in the answer, the store, the API and the desk."""

from __future__ import annotations

import json

import httpx
import pytest

from pipeline.web import Limits
from tests.cli.test_cli import melder
from tests.web_support import login, make_root, open_store, seed_users, serving, token

RELEASE = {
    "title": "Stadt saniert Brücke",
    "text": "Oberdorf, 26. November 2026. Die Stadt saniert ab Montag die Brücke am Markt.",
}
KNOWN_FIELDS = (
    "unknown field; known fields: title, text, body_html, teaser, language, published, "
    "embargo_until, contact, categories, links, url, id, author, images, replaces"
)


def long_number_body(digits: int) -> bytes:
    return b'{"title": "Stadt saniert Br\\u00fccke", "text": "%s", "id": %s}' % (
        RELEASE["text"].encode(),
        b"1" * digits,
    )


def unknown_keys_body(count: int) -> bytes:
    return json.dumps({**RELEASE, **{f"feld{n}": 1 for n in range(count)}}).encode()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("api-floods") / "root")
    store = open_store(root)
    seed_users(store)
    secret = token(store, root, "press")
    with serving(root, Limits(api_requests=1000, api_reads=1000)) as base:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {secret}"}, timeout=30
        ) as api:
            yield root, base, api
    store.close()


def send_json(api: httpx.Client, body: bytes) -> httpx.Response:
    return api.post("/api/v1/releases", content=body, headers={"Content-Type": "application/json"})


def upload(api: httpx.Client, body: bytes, name: str) -> httpx.Response:
    return api.post("/api/v1/releases", files={"file": (name, body)})


def test_a_number_too_long_to_read_is_a_problem_of_its_field_on_every_route(site, tmp_path):
    root, _, api = site
    named = [{"field": "id", "message": "number too long (4,301 digits)"}]
    as_json = send_json(api, long_number_body(4301))
    assert (as_json.status_code, as_json.json()) == (422, {"problems": named})
    as_file = upload(api, long_number_body(4301), "lang.json")
    assert as_file.status_code == 422
    assert as_file.json()["problems"] == named
    kept = api.get(as_file.json()["status_url"]).json()
    assert (kept["state"], kept["errors"]) == ("invalid", named)
    submitted = tmp_path / "lang.json"
    submitted.write_bytes(long_number_body(4301))
    printed = melder(root, "submit", str(submitted), "--source", "press", code=1).output
    assert printed.splitlines() == [
        f"{submitted}: {kept['id']} invalid (unchanged)",
        f"{submitted}: id: number too long (4,301 digits)",
    ]


def test_a_cms_s_numeric_id_is_still_the_release_s_id(site):
    _, _, api = site
    accepted = send_json(api, long_number_body(12))
    assert accepted.status_code == 201, accepted.text
    assert api.get(accepted.json()["status_url"]).json()["state"] == "queued"


def test_twenty_thousand_unknown_keys_give_twenty_problems_and_one_that_counts_the_rest(site):
    _, base, api = site
    body = unknown_keys_body(20_000)
    expected = [
        {"field": "feld0", "message": KNOWN_FIELDS},
        *({"field": f"feld{n}", "message": "unknown field"} for n in range(1, 20)),
        {
            "field": "json",
            "message": "and 19,980 more unknown fields: feld20, feld21, feld22, feld23, feld24, "
            "feld25, feld26, feld27, feld28, feld29, …",
        },
    ]
    refused = send_json(api, body)
    assert (refused.status_code, refused.json()) == (422, {"problems": expected})
    kept = upload(api, body, "felder.json")
    assert kept.status_code == 422 and kept.json()["problems"] == expected
    status = api.get(kept.json()["status_url"]).json()
    assert status["errors"] == expected
    listed = api.get("/api/v1/releases", params={"state": "invalid", "limit": 200}).json()
    [item] = [item for item in listed["releases"] if item["id"] == status["id"]]
    assert len(item["reason"]) < 2_000
    with httpx.Client(base_url=base, timeout=30) as desk:
        login(desk)
        page = desk.get(f"/desk/releases/{status['id']}")
        queue = desk.get("/desk/", params={"state": "invalid"})
    for answer in (page, queue):
        assert answer.status_code == 200
        assert len(answer.content) < 100_000
        assert "and 19,980 more unknown fields" in answer.text


def test_a_few_unknown_keys_are_each_described_in_full(site):
    _, _, api = site
    body = json.dumps({**RELEASE, "titel": "x", "farbe": "rot", "groesse": 3}).encode()
    refused = send_json(api, body)
    assert refused.status_code == 422
    assert refused.json()["problems"] == [
        {"field": "titel", "message": "unknown field; did you mean 'title'?"},
        {"field": "farbe", "message": KNOWN_FIELDS},
        {"field": "groesse", "message": "unknown field"},
    ]
