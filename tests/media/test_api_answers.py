"""A press office learns at once what became of its photos: kept (listed in the status) or left
out (a warning in the answer, with the reason)."""

from __future__ import annotations

import base64

import httpx
import pytest

from pipeline.web import Limits
from tests.media_helpers import photo
from tests.web_support import make_root, open_store, serving, token

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("api-media") / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    with serving(root, Limits(api_requests=1000)) as base:
        with httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {secret}"}, timeout=30
        ) as client:
            yield client
    store.close()


def test_a_refused_photo_is_a_warning_in_the_answer_and_the_kept_one_is_in_the_status(api):
    release = {
        "title": "Neues Hallenbad öffnet",
        "text": "Das neue Hallenbad am Stadtpark öffnet am Montag um 6 Uhr; der Eintritt "
        "kostet vier Euro, Kinder unter sechs Jahren schwimmen frei.",
        "images": [
            {"data": base64.b64encode(photo(1200, 800)).decode(), "filename": "bad.jpg",
             "caption": "Das Becken.", "credit": "Bäderbetriebe", "alt": "Leeres Becken"},
            {"url": "data:image/svg+xml;base64," + base64.b64encode(SVG).decode(),
             "filename": "logo.svg"},
        ],
    }  # fmt: skip
    answer = api.post("/api/v1/releases", json=release)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert any(
        warning.startswith("image logo.svg left out: SVG is not taken")
        for warning in body["warnings"]
    )
    status = api.get(f"/api/v1/releases/{body['id']}").json()
    [kept] = status["media"]
    assert kept == {
        "filename": "bad.jpg",
        "content_type": "image/jpeg",
        "kind": "image",
        "width": 1200,
        "height": 800,
        "caption": "Das Becken.",
        "credit": "Bäderbetriebe",
        "alt": "Leeres Becken",
    }


def test_an_image_needs_either_a_url_or_data_and_names_the_field(api):
    release = {
        "title": "Ohne Bild",
        "text": "Ein Text, der lang genug ist, um als Pressemitteilung zu gelten, mit Inhalt.",
        "images": [{"caption": "nichts"}, {"url": "ftp://example.org/x.jpg"}, {"cpation": "x"}],
    }
    answer = api.post("/api/v1/releases", json=release)
    assert answer.status_code == 422
    fields = {problem["field"]: problem["message"] for problem in answer.json()["problems"]}
    assert "give either 'url' or 'data'" in fields["images[0]"]
    assert "http" in fields["images[1].url"]  # the field itself, beside other mistakes
    assert fields["images[2].cpation"] == "unknown field; did you mean 'caption'?"
