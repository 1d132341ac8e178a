"""The API user's issue, point by point, over real HTTP: `Location` on every accepted answer,
embargo and date in the status, a read limit apart from the submit limit, one `file` part,
request validation in the JSON reader's words, readable docs with examples, and a list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import ValidationError

from pipeline.ingest.readers.jsonfmt import ReleaseSubmission
from pipeline.web import Limits, schemas
from pipeline.web.api_problems import pydantic_problems
from tests import web_support
from tests.web_support import make_root, open_store, serving, token

FORBIDDEN_WORDS = ("Value error, ", "Extra inputs are not permitted", "String should match pattern")
STATES = ("received", "invalid", "queued", "approved", "published", "rejected", "withdrawn")


def release_text(topic: str) -> bytes:
    return f"""Stadt eröffnet neue {topic}

Die Stadt eröffnet am Montag ihre neue {topic} am Markt. Sie bietet viel Platz für alle.

Die {topic} ist montags bis samstags geöffnet. Der Eintritt ist frei.
""".encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("api-polish") / "root")
    store = open_store(root)
    tokens = {name: token(store, root, name) for name in ("press", "other")}
    with serving(root, Limits(api_requests=1000, api_reads=1000)) as base:
        yield base, tokens
    store.close()


def client(base: str, secret: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return httpx.Client(base_url=base, headers=headers, timeout=10)


def upload(api: httpx.Client, data: bytes, name: str = "release.txt", **kw) -> httpx.Response:
    return api.post("/api/v1/releases", files={"file": (name, data)}, **kw)


def assert_in_reader_words(problems: list[dict]) -> None:
    for found in problems:
        assert not any(words in found["message"] for words in FORBIDDEN_WORDS), found


# --- 1. unchanged resubmission and Location -------------------------------------------------


def test_the_same_bytes_again_are_200_unchanged_and_every_accepted_answer_has_location(server):
    base, tokens = server
    data = release_text("Zeichenschule am Hafen")
    with client(base, tokens["press"]) as api:
        first = upload(api, data)
        again = upload(api, data)
        keyed = upload(api, release_text("Sternwarte"), headers={"Idempotency-Key": "loc-1"})
        replayed = upload(api, release_text("Sternwarte"), headers={"Idempotency-Key": "loc-1"})
        as_json = api.post(
            "/api/v1/releases",
            json={"title": "Neuer Radweg", "text": "Der Radweg am Fluss ist fertig und offen."},
        )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["outcome"] == "unchanged" and again.json()["id"] == first.json()["id"]
    assert replayed.headers["idempotent-replayed"] == "true"
    for answer in (first, again, keyed, replayed, as_json):
        assert answer.status_code in (200, 201), answer.text
        path = f"/api/v1/releases/{answer.json()['id']}"
        # no MELDER_BASE_URL here: the status URL and Location are the path
        assert answer.headers["location"] == answer.json()["status_url"] == path


def test_location_and_next_take_their_host_from_melder_base_url(tmp_path, monkeypatch):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    plain = web_support.settings_for
    monkeypatch.setattr(
        web_support,
        "settings_for",
        lambda where: plain(where).model_copy(update={"base_url": "https://melder.example/"}),
    )
    with serving(root) as base, client(base, secret) as api:
        created = upload(api, release_text("Kita"))
        upload(api, release_text("Schule"))
        listed = api.get("/api/v1/releases", params={"limit": 1})
    store.close()
    expected = f"https://melder.example/api/v1/releases/{created.json()['id']}"
    assert created.status_code == 201
    assert created.headers["location"] == created.json()["status_url"] == expected
    assert listed.json()["next"].startswith("https://melder.example/api/v1/releases?")


# --- 2. embargo_until and published_at in the status ----------------------------------------


def test_the_status_gives_embargo_until_and_published_at_with_their_offset(server):
    base, tokens = server
    release = {
        "title": "Haushalt 2027 beschlossen",
        "text": "Der Stadtrat hat den Haushalt für das kommende Jahr beschlossen.",
        "published": "2026-11-25T09:00:00+01:00",
        # months ahead: held for the whole run, and no embargo lies years ahead
        "embargo_until": (datetime.now(UTC) + timedelta(days=200))
        .replace(microsecond=0)
        .astimezone(timezone(timedelta(hours=1)))
        .isoformat(),
    }
    with client(base, tokens["press"]) as api:
        created = api.post("/api/v1/releases", json=release)
        assert created.status_code == 201, created.text
        status = api.get(f"/api/v1/releases/{created.json()['id']}").json()
        undated = api.post(
            "/api/v1/releases",
            json={"title": "Ohne Datum", "text": "Ein Text ohne jede Angabe, wann er gilt."},
        )
        plain = api.get(f"/api/v1/releases/{undated.json()['id']}").json()
    for field in ("published_at", "embargo_until"):  # dated by its embargo, which is later
        shown = datetime.fromisoformat(status[field])
        assert shown.utcoffset() is not None
        assert shown == datetime.fromisoformat(release["embargo_until"])
    assert plain["embargo_until"] is None and plain["published_at"] is None


# --- 3. reads and submissions are limited apart ---------------------------------------------


def test_status_polls_and_submissions_each_have_their_own_rate_limit(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    tokens = {name: token(store, root, name) for name in ("press", "other")}
    limits = Limits(api_requests=2, api_reads=3, api_window=60)
    with serving(root, limits) as base:
        with client(base, tokens["press"]) as press:
            # submissions used up: polling the status still works
            posts = [upload(press, release_text("Halle")) for _ in range(3)]
            release_id = posts[0].json()["id"]
            polls = [press.get(f"/api/v1/releases/{release_id}") for _ in range(4)]
        with client(base, tokens["other"]) as other:
            # reads used up: submitting still works
            reads = [other.get("/api/v1/releases") for _ in range(4)]
            submitted = upload(other, release_text("Bad"))
    store.close()
    assert [answer.status_code for answer in posts] == [201, 200, 429]
    assert [answer.status_code for answer in polls] == [200, 200, 200, 429]
    assert [answer.status_code for answer in reads] == [200, 200, 200, 429]
    assert int(reads[-1].headers["retry-after"]) > 0
    assert submitted.status_code == 201, submitted.text


# --- 4. one file part -----------------------------------------------------------------------


def test_two_file_parts_are_422_naming_the_field(server):
    base, tokens = server
    data = release_text("Bühne")
    with client(base, tokens["press"]) as api:
        answer = api.post(
            "/api/v1/releases", files=[("file", ("a.txt", data)), ("file", ("b.txt", data))]
        )
    assert answer.status_code == 422
    [found] = answer.json()["problems"]
    assert found["field"] == "file" and "exactly one file" in found["message"]


# --- 5. request validation in the JSON reader's words ---------------------------------------


def test_bad_parameters_are_named_as_sent_in_the_json_readers_words(server):
    base, tokens = server
    with client(base, tokens["press"]) as api:
        zero = api.get("/api/v1/releases", params={"limit": 0})
        word = api.get("/api/v1/releases", params={"limit": "many"})
        state = api.get("/api/v1/releases", params={"state": "lost"})
        typo = api.get("/api/v1/releases", params={"sate": "queued"})
        everything = api.get("/api/v1/releases", params={"state": "x", "limit": 500, "foo": 1})
        key = upload(api, release_text("Zoo"), headers={"Idempotency-Key": "k" * 201})
    for answer, field in [(zero, "limit"), (word, "limit"), (state, "state"), (typo, "sate")]:
        assert answer.status_code == 422
        [found] = answer.json()["problems"]
        assert found["field"] == field
        assert_in_reader_words([found])
    assert all(name in state.json()["problems"][0]["message"] for name in STATES)
    assert typo.json()["problems"][0]["message"] == "unknown field; did you mean 'state'?"
    # every mistake of one request at once
    assert {p["field"] for p in everything.json()["problems"]} == {"state", "limit", "foo"}
    assert key.status_code == 422
    assert key.json()["problems"][0]["field"] == "Idempotency-Key"


def test_request_validation_errors_read_like_melder_check():
    """FastAPI hands over raw pydantic errors; a body model would give these."""
    sent = {
        "title": "Fest",
        "text": "Das Stadtfest beginnt am Freitag.",
        "language": "deutsch",
        "images": [{"cpation": "Bühne"}, {"caption": "Bühne"}],
    }
    with pytest.raises(ValidationError) as caught:
        ReleaseSubmission.model_validate(sent)
    errors = [{**error, "loc": ("body", *error["loc"])} for error in caught.value.errors()]
    errors.append(
        {"type": "string_pattern_mismatch", "loc": ("query", "code"), "msg": "String should "
         "match pattern '^[a-z]+$'", "input": "X1", "ctx": {"pattern": "^[a-z]+$"}}
    )  # fmt: skip
    problems = {found["field"]: found["message"] for found in pydantic_problems(errors)}
    assert problems["images[0].cpation"] == "unknown field; did you mean 'caption'?"
    assert problems["images[1]"] == "give either 'url' or 'data'"
    assert problems["language"] == "must be a language code such as 'de' or 'en'"
    assert problems["code"] == "'X1' is not in the form this field takes"
    assert_in_reader_words(pydantic_problems(errors))


# --- 6. docs: code, examples, no script -----------------------------------------------------


def test_the_docs_show_code_spans_and_examples_without_script(server):
    base, _tokens = server
    with client(base) as anyone:
        docs = anyone.get("/api/docs")
        schema = anyone.get("/api/openapi.json").json()
    assert docs.status_code == 200
    page = docs.text
    assert "<code>file</code>" in page and "`file`" not in page
    assert "<script" not in page.lower() and "unsafe-inline" not in docs.headers.get(
        "content-security-policy", ""
    )
    assert "bibliothek-lesesaal.jpg" in page and "<pre>" in page  # the JSON request example
    assert "image=@lesesaal.jpg" in page  # the multipart example
    post = schema["paths"]["/api/v1/releases"]["post"]
    json_examples = post["requestBody"]["content"]["application/json"]["examples"]
    for example in json_examples.values():
        ReleaseSubmission.model_validate(example["value"])  # every example is a valid release
    assert json_examples["release"]["value"]["images"]
    assert post["requestBody"]["content"]["multipart/form-data"]["examples"]
    for status in ("201", "200", "422"):
        assert post["responses"][status]["content"]["application/json"]["examples"]
    status_example = schema["paths"]["/api/v1/releases/{release_id}"]["get"]["responses"]["200"]
    [shown] = status_example["content"]["application/json"]["examples"].values()
    assert shown["value"]["reason"] is None  # nulls are kept, a client sees every field


def test_descriptions_are_escaped_before_backticks_become_code():
    assert str(schemas.inline_code("<b>`<i>`</b> & `x`")) == (
        "&lt;b&gt;<code>&lt;i&gt;</code>&lt;/b&gt; &amp; <code>x</code>"
    )
    assert str(schemas.example_json({"a": "</pre><script>"})) == (
        "{\n  &#34;a&#34;: &#34;&lt;/pre&gt;&lt;script&gt;&#34;\n}"
    )


def test_the_example_answers_fit_the_answer_models():
    schemas.Accepted.model_validate(schemas.ACCEPTED_EXAMPLE)
    schemas.Problems.model_validate(schemas.PROBLEMS_EXAMPLE)
    schemas.ReleaseStatus.model_validate(schemas.STATUS_EXAMPLE)
    schemas.ReleasePage.model_validate(schemas.PAGE_EXAMPLE)
    assert set(schemas.STATUS_EXAMPLE) == set(schemas.ReleaseStatus.model_fields)


# --- 7. the list ----------------------------------------------------------------------------


def pages(api: httpx.Client, url: str) -> list[dict]:
    """Every page from `url`, following `next`."""
    found = []
    while url:
        answer = api.get(url)
        assert answer.status_code == 200, answer.text
        found.append(answer.json())
        url = answer.json()["next"]
    return found


def test_the_list_pages_through_the_callers_own_releases_newest_first(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    tokens = {name: token(store, root, name) for name in ("press", "other")}
    with serving(root) as base:
        with client(base, tokens["press"]) as press, client(base, tokens["other"]) as other:
            mine = [upload(press, release_text(topic)).json()["id"] for topic in "ABCDE"]
            theirs = upload(other, release_text("F")).json()["id"]
            walked = pages(press, "/api/v1/releases?limit=2")
            statuses = {rid: press.get(f"/api/v1/releases/{rid}").json() for rid in mine}
            queued = pages(press, "/api/v1/releases?state=queued&limit=3")
            rejected = press.get("/api/v1/releases", params={"state": "rejected"}).json()
            default = press.get("/api/v1/releases").json()
            their_list = other.get("/api/v1/releases").json()
    store.close()
    assert [len(page["releases"]) for page in walked] == [2, 2, 1]
    assert walked[-1]["next"] is None
    listed = [release for page in walked for release in page["releases"]]
    assert sorted(release["id"] for release in listed) == sorted(mine)
    order = [(release["received_at"], release["id"]) for release in listed]
    assert order == sorted(order, reverse=True)  # newest first: arrival, then id
    assert all(release == statuses[release["id"]] for release in listed)  # the status' fields
    first_next = urlsplit(walked[0]["next"])
    assert first_next.path == "/api/v1/releases"
    assert parse_qs(first_next.query) == {"limit": ["2"], "after": [listed[1]["id"]]}
    assert "state=queued" in queued[0]["next"]
    assert [release["id"] for page in queued for release in page["releases"]] == [
        release["id"] for release in listed
    ]
    assert rejected == {"releases": [], "next": None}
    assert [release["id"] for release in default["releases"]] == [r["id"] for r in listed]
    assert default["next"] is None
    assert [release["id"] for release in their_list["releases"]] == [theirs]


def test_the_list_refuses_a_cursor_of_another_source_and_limits_out_of_range(server):
    base, tokens = server
    with client(base, tokens["press"]) as press, client(base, tokens["other"]) as other:
        theirs = upload(other, release_text("Theater")).json()["id"]
        mine = upload(press, release_text("Kino")).json()["id"]
        foreign = press.get("/api/v1/releases", params={"after": theirs})
        missing = press.get("/api/v1/releases", params={"after": "0000000000000000"})
        prefix = press.get("/api/v1/releases", params={"after": mine[:6]})
        too_many = press.get("/api/v1/releases", params={"limit": 201})
        most = press.get("/api/v1/releases", params={"limit": 200})
        unauthenticated = client(base).get("/api/v1/releases")
    for answer in (foreign, missing, prefix):
        assert answer.status_code == 404
        assert answer.json()["problems"][0]["field"] == "after"
    assert foreign.json() == missing.json()  # another source's id is not disclosed
    assert too_many.status_code == 422 and too_many.json()["problems"][0]["field"] == "limit"
    assert most.status_code == 200
    assert theirs not in [release["id"] for release in most.json()["releases"]]
    assert unauthenticated.status_code == 401


def test_the_list_is_in_the_openapi_schema_with_its_page_model(server):
    base, _tokens = server
    with client(base) as anyone:
        schema = anyone.get("/api/openapi.json").json()
    listing = schema["paths"]["/api/v1/releases"]["get"]
    answer = listing["responses"]["200"]["content"]["application/json"]
    assert answer["schema"] == {"$ref": "#/components/schemas/ReleasePage"}
    assert {"state", "limit", "after"} == {param["name"] for param in listing["parameters"]}
    assert {"404", "422", "401", "429"} <= set(listing["responses"])
    status_fields = schema["components"]["schemas"]["ReleaseStatus"]["properties"]
    assert {"embargo_until", "published_at"} <= set(status_fields)


def test_a_token_of_a_removed_source_is_refused_and_the_admin_page_says_so(tmp_path):
    from tests.web_support import login, seed_users

    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    secret = token(store, root, "other")
    (root / "sources" / "other.toml").unlink()
    with serving(root) as base:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {secret}"}) as api:
            answer = api.get("/api/v1/releases")
        assert answer.status_code == 401
        assert "takes no API tokens" in answer.json()["problems"][0]["message"]
        with httpx.Client(base_url=base, follow_redirects=True) as desk:
            login(desk, name="admin")
            assert "its source is no longer an api source" in desk.get("/desk/admin").text
    store.close()


def test_of_two_requests_at_once_with_one_key_and_two_bodies_one_is_stored(server):
    """The key is claimed before the body is read: the other request is refused with 409 and
    leaves nothing behind, whichever of them comes first."""
    from concurrent.futures import ThreadPoolExecutor

    base, tokens = server
    key = {"Idempotency-Key": "race-1"}

    def send(topic: str) -> int:
        with client(base, tokens["press"]) as api:
            return upload(api, release_text(topic), headers=key).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(send, ["Kletterhalle", "Eishalle"]))
    assert statuses == [201, 409]
    with client(base, tokens["press"]) as api:
        titles = [r["title"] for r in api.get("/api/v1/releases", params={"limit": 200}).json()[
            "releases"]]  # fmt: skip
    assert len([t for t in titles if t in ("Stadt eröffnet neue Kletterhalle",
                                           "Stadt eröffnet neue Eishalle")]) == 1  # fmt: skip


def test_a_duplicate_of_another_source_s_release_is_not_named_to_the_sender(server):
    base, tokens = server
    text = release_text("Sternwarte")
    with client(base, tokens["other"]) as other, client(base, tokens["press"]) as press:
        theirs = upload(other, text).json()["id"]
        mine = upload(press, text + "\nAnmeldung ist nicht nötig.\n".encode()).json()
        status = press.get(f"/api/v1/releases/{mine['id']}").json()
    assert status["duplicate_of"] is None
    assert not any(theirs in warning for warning in status["warnings"])


def test_the_same_release_sent_six_times_at_once_is_one_release_and_no_error(server):
    from concurrent.futures import ThreadPoolExecutor

    base, tokens = server

    def send(_: int) -> int:
        with client(base, tokens["press"]) as api:
            return upload(api, release_text("Zeichenschule am Hafen")).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(send, range(6)))
    assert set(statuses) <= {200, 201}, statuses  # never a 500
    with client(base, tokens["press"]) as api:
        listed = api.get("/api/v1/releases", params={"limit": 200}).json()["releases"]
    assert [r["title"] for r in listed].count("Stadt eröffnet neue Zeichenschule am Hafen") == 1


def test_a_sender_sending_the_same_again_never_undoes_an_editors_edit_or_decision(tmp_path):
    from pipeline.models import State
    from tests.web_support import form_fields, login, seed_users

    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    secret = token(store, root, "press")
    sent = {"title": "Wiederholungstest", "text": "Die Stadt baut eine Ampel am Markt. " * 3}
    with serving(root) as base, client(base, secret) as api:
        first = api.post("/api/v1/releases", json=sent)
        release_id = first.json()["id"]
        with httpx.Client(base_url=base) as desk:
            login(desk)
            url = f"/desk/releases/{release_id}"
            form = desk.get(f"{url}/edit").text
            edit = {**form_fields(form, f"{url}/edit"), "title": "Wiederholungstest Bearbeitet"}
            edit["text"] = sent["text"].strip()
            assert desk.post(f"{url}/edit", data=edit).status_code in (200, 303)
            assert store.get(release_id).release.title == "Wiederholungstest Bearbeitet"
            again = api.post("/api/v1/releases", json=sent)
            assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
            # its text is the sender's revision 1, not the editor's revision 2
            assert (first.json()["revision"], again.json()["revision"]) == (1, 1)
            assert store.get(release_id).release.title == "Wiederholungstest Bearbeitet"
            fields = form_fields(desk.get(url).text, f"{url}/reject")
            desk.post(f"{url}/reject", data={**fields, "reason": "Doppelt"})
        resent = api.post("/api/v1/releases", json=sent)
        assert resent.json()["outcome"] == "unchanged"
        view = store.get(release_id)
        assert view.state == State.REJECTED and view.release.title == "Wiederholungstest Bearbeitet"
        # a real correction from the sender is still a new revision
        correction = {**sent, "title": "Wiederholungstest neu", "replaces": release_id}
        corrected = api.post("/api/v1/releases", json=correction)
        assert (corrected.status_code, corrected.json()["outcome"]) == (201, "revised")
        assert corrected.json()["revision"] == store.get(release_id).revision == 3
    store.close()


def test_a_multipart_field_the_api_does_not_know_is_refused_with_a_suggestion(server):
    base, tokens = server
    data = release_text("Kletterhalle")
    with client(base, tokens["press"]) as api:
        typo = api.post(
            "/api/v1/releases",
            files={"file": ("release.txt", data)},
            data={"captoin": "Die Halle", "replace": "abc123"},
        )
        extra = api.post(
            "/api/v1/releases",
            files={"file": ("release.txt", data), "image": ("a.png", b"\x89PNG\r\n\x1a\n")},
            data={"caption": ["Die Halle", "Noch eine"]},
        )
    assert typo.status_code == 422
    problems = {p["field"]: p["message"] for p in typo.json()["problems"]}
    assert "did you mean 'caption'?" in problems["captoin"]
    assert "did you mean 'replaces'?" in problems["replace"]
    assert extra.status_code == 422
    assert "2 `caption` fields for 1 image(s)" in extra.json()["problems"][0]["message"]


def test_the_same_release_in_other_bytes_keeps_an_editors_decision(tmp_path):
    import json

    from pipeline.models import State
    from pipeline.review import reject

    root = make_root(tmp_path / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    sent = {
        "id": "pm-2026-117",
        "title": "Neue Ampel am Markt",
        "text": "Die Stadt baut eine Ampel. " * 3,
    }
    with serving(root) as base, client(base, secret) as api:
        first = api.post("/api/v1/releases", json=sent)
        release_id = first.json()["id"]
        view = store.get(release_id)
        reject(store, release_id, reason="Doppelt", actor="erika", now=web_support.NOW,
               seen=view.version)  # fmt: skip
        # keys in another order, non-ASCII escaped: other bytes, the same release
        reordered = json.dumps(dict(reversed(list(sent.items()))), indent=2).encode()
        again = api.post(
            "/api/v1/releases", content=reordered, headers={"content-type": "application/json"}
        )
    assert again.json()["outcome"] == "unchanged", again.text
    assert store.get(release_id).state == State.REJECTED
    store.close()


def test_a_broken_multipart_body_is_refused_with_problems_like_every_other_refusal(server):
    base, tokens = server
    with client(base, tokens["press"]) as api:
        no_boundary = api.post(
            "/api/v1/releases", content=b"abc", headers={"Content-Type": "multipart/form-data"}
        )
        too_many = api.post(
            "/api/v1/releases",
            files=[("file", ("r.txt", release_text("Kita")))] + [("caption", (None, "x"))] * 300,
        )
    for answer in (no_boundary, too_many):
        assert 400 <= answer.status_code < 500
        problems = answer.json()["problems"]
        assert problems and problems[0]["field"] == "body" and problems[0]["message"]
        assert "detail" not in answer.json()
    assert "boundary" in no_boundary.json()["problems"][0]["message"].lower()


def test_a_json_field_given_twice_is_refused_by_name(server):
    base, tokens = server
    body = b'{"title": "Neuer Radweg", "text": "Der Radweg am Fluss ist offen.", "title": "X"}'
    with client(base, tokens["press"]) as api:
        answer = api.post(
            "/api/v1/releases", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code == 422
    assert answer.json()["problems"] == [
        {"field": "title", "message": "given more than once ('title'); send each field once"}
    ]
