"""Poisoned inputs per reader: whatever bytes arrive, the result is a release or an `invalid`
one with the reason, never an exception that stops the source."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import SourceConfig
from pipeline.ingest.readers import READERS, InputContext, read_input
from pipeline.models import Release
from pipeline.normalize import normalize
from tests.conftest import FIXTURES_ROOT

SOURCE = SourceConfig(title="Presse", kind="files", path="inbox")
SEEDS = {
    ".html": sorted((FIXTURES_ROOT / "html").glob("*.html")),
    ".eml": sorted((FIXTURES_ROOT / "email").glob("*.eml")),
    ".json": sorted((FIXTURES_ROOT / "json").glob("*.json")),
    ".md": sorted((FIXTURES_ROOT / "markdown").glob("*.md")),
    ".txt": sorted((FIXTURES_ROOT / "text").glob("*.txt")),
}


def context() -> InputContext:
    return InputContext(
        source="presse",
        config=SOURCE,
        locator="inbox/poison",
        received_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        route="files",
    )


def read_and_normalize(data: bytes, suffix: str) -> Release:
    raw = read_input(data, suffix, context())
    release = normalize(raw, SOURCE)
    assert isinstance(release, Release)
    assert len(release.title) <= 1000
    return release


def nested_mail(depth: int) -> bytes:
    head = "From: presse@lindenau.example\r\nSubject: Test\r\nMIME-Version: 1.0\r\n"
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    closing = "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    return (head + opening + "Content-Type: text/plain\r\n\r\nHallo\r\n" + closing).encode()


def charset_mail(charset: str) -> bytes:
    return (
        "From: presse@lindenau.example\r\n"
        f"Subject: =?{charset}?q?Neue_Br=FCcke?=\r\n"
        f'Content-Type: text/plain; charset="{charset}"\r\n\r\n'
        "Die Stadt er\xf6ffnet am Montag die neue Br\xfccke \xfcber die Saale.\r\n"
    ).encode("latin-1")


ALIAS_BOMB = (
    b"---\n"
    + b"".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n".encode() for n in range(1, 8)
    ).replace(b"*l0", b'"lol"')
    + b"title: *l7\n---\nText der Meldung.\n"
)

POISON = {
    "json nested 100,000 deep": (b"[" * 100_000, ".json", "nested deeper"),
    "json objects nested": (b'{"title":' * 50_000, ".json", "nested deeper"),
    "mail with 1,000 nested multiparts": (nested_mail(1000), ".eml", "multipart"),
    "yaml alias bomb": (ALIAS_BOMB, ".md", "aliases"),
    "front matter of a megabyte": (
        b"---\ntitle: x\nnote: " + b"a" * 1_000_000 + b"\n---\nText.\n",
        ".md",
        "front matter",
    ),
}


@pytest.mark.parametrize("name", POISON)
def test_a_poisoned_input_is_invalid_with_its_reason(name):
    data, suffix, reason = POISON[name]
    release = read_and_normalize(data, suffix)
    assert release.errors
    assert any(reason in problem.message for problem in release.errors), release.errors


@pytest.mark.parametrize(
    "charset",
    ["base64", "rot13", "zlib", "punycode", "idna", "unicode_escape", "uu", "hex", "undefined"],
)
def test_a_codec_that_is_no_charset_is_never_used_to_decode(charset):
    release = read_and_normalize(charset_mail(charset), ".eml")
    assert "Saale" in release.text


def test_a_title_of_megabytes_is_cut_and_flagged():
    data = "---\ntitle: " + "Brücke " * 3_000 + "\n---\nDie Stadt eröffnet die Brücke.\n"
    release = read_and_normalize(data.encode(), ".md")
    assert len(release.title) <= 1000
    assert any("the limit is 1,000" in problem.message for problem in release.errors)


def seeded_bytes(suffix: str):
    seeds = [path.read_bytes() for path in SEEDS[suffix]]
    mutations = st.tuples(
        st.sampled_from(seeds),
        st.lists(
            st.tuples(st.integers(0, 10_000), st.integers(0, 64), st.binary(max_size=64)),
            max_size=8,
        ),
    ).map(lambda pair: _mutate(*pair))
    return st.one_of(mutations, st.binary(max_size=4096))


def _mutate(seed: bytes, edits) -> bytes:
    data = bytearray(seed)
    for position, cut, insert in edits:
        position %= max(len(data), 1)
        data[position : position + cut] = insert
    return bytes(data)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_any_bytes_give_a_release_or_an_invalid_one(suffix):
    @settings(
        max_examples=300,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=seeded_bytes(suffix))
    def fuzz(data):
        read_and_normalize(data, suffix)

    fuzz()


def test_every_reader_is_fuzzed():
    assert {suffix for suffix in READERS if suffix not in (".htm", ".markdown")} == set(SEEDS)


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"title":' * 50_000, b'{"title": "x", "text": "' + b"\xff" * 10 + b'"}'],
)
def test_the_api_answers_a_poisoned_body_with_422_never_500(tmp_path, body):
    from fastapi.testclient import TestClient

    from pipeline.web import create_app
    from tests.web_support import make_root, open_store, settings_for, token

    root = make_root(tmp_path / "root")
    store = open_store(root)
    secret = token(store, root, "press")
    store.close()
    with TestClient(create_app(root, settings_for(root))) as client:
        answer = client.post(
            "/api/v1/releases",
            content=body,
            headers={"authorization": f"Bearer {secret}", "content-type": "application/json"},
        )
    assert answer.status_code == 422, answer.text
    assert answer.json()["problems"]


def test_a_files_source_with_poisoned_inputs_still_stores_its_good_ones(empty_root):
    from tests.cli.test_operator import melder

    inbox = empty_root / "inbox" / "reviewed"
    (inbox / "nest.json").write_bytes(b"[" * 100_000)
    (inbox / "nest.eml").write_bytes(nested_mail(1000))
    (inbox / "bomb.md").write_bytes(ALIAS_BOMB)
    (inbox / "codec.eml").write_bytes(charset_mail("zlib"))
    (inbox / "gut.txt").write_text("Neue Brücke eröffnet\n\nDie Stadt eröffnet am Montag.\n")
    melder(empty_root, "ingest")
    import json

    waiting = json.loads(melder(empty_root, "queue", "--json").stdout)
    invalid = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    assert len(waiting) == 5 and len(invalid) == 3
    titles = {item["title"] for item in waiting}
    assert {"Neue Brücke eröffnet", "Neue Brücke"} <= titles
