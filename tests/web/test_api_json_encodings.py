"""A JSON body as programs send it, over real HTTP: a byte-order mark or a declared charset is
read; a body in another charset, an empty one or one cut off is refused with what to send."""

from __future__ import annotations

import json

import httpx
import pytest

from pipeline.web import Limits
from tests.web_support import make_root, open_store, serving, token

RELEASE = {
    "title": "Bürgerversammlung zum Haushalt 2027",
    "text": "Oberdorf, 26. November 2026. Die Gemeinde lädt am 3. Dezember zur Versammlung ein.",
}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("api-json") / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    with serving(root, Limits(api_requests=1000, api_reads=1000)) as base:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {secret}"}, timeout=10
        ) as client:
            yield client
    store.close()


def send(api: httpx.Client, body: bytes, content_type: str = "application/json"):
    return api.post("/api/v1/releases", content=body, headers={"Content-Type": content_type})


def body_of(release: dict) -> str:
    return json.dumps(release, ensure_ascii=False)


def test_a_body_with_a_utf8_byte_order_mark_is_accepted(api):
    answer = send(api, b"\xef\xbb\xbf" + body_of(RELEASE).encode())
    assert answer.status_code == 201, answer.text
    status = api.get(answer.json()["status_url"]).json()
    assert status["title"] == "Bürgerversammlung zum Haushalt 2027"


def test_utf16_with_its_mark_and_a_declared_latin1_charset_are_read(api):
    utf16 = send(api, body_of({**RELEASE, "id": "utf16"}).encode("utf-16"))
    latin1 = send(
        api,
        body_of({**RELEASE, "id": "latin1"}).encode("iso-8859-1"),
        "application/json; charset=iso-8859-1",
    )
    for answer in (utf16, latin1):
        assert answer.status_code == 201, answer.text
        status = api.get(answer.json()["status_url"]).json()
        assert status["title"] == "Bürgerversammlung zum Haushalt 2027"


def test_a_body_in_an_undeclared_legacy_charset_is_refused_with_what_to_send(api):
    answer = send(api, body_of(RELEASE).encode("cp1252"))
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {
            "field": "body",
            "message": "the body is not UTF-8 (it looks like windows-1252): send UTF-8, or name "
            "its charset in the Content-Type header",
        }
    ]


def test_an_empty_body_is_named_empty(api):
    answer = send(api, b"")
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {"field": "body", "message": "the body is empty: send the release as one JSON object"}
    ]


def test_a_body_cut_off_inside_a_string_says_it_looks_cut_off(api):
    answer = send(api, b'{\n  "title": "Neue Buslinie",\n  "text": "Ab dem 13. Dezember f')
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {
            "field": "body",
            "message": "not valid JSON: the JSON ends inside a string that opens at line 3 "
            "column 11: it looks cut off; send it again",
        }
    ]


def test_values_of_the_wrong_kind_get_the_same_words_as_a_file(api):
    answer = send(api, body_of({**RELEASE, "title": None, "categories": "Politik", "id": 4711}))
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {"field": "title", "message": "must be text, got null"},
        {"field": "categories", "message": "must be a list [...], got a text"},
    ]
