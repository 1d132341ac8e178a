"""The shared HTTP layer against a real server on 127.0.0.1, with the faults sites really have."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from werkzeug import Request, Response

from pipeline.ingest.client import HttpClient
from pipeline.ingest.guard import check_url, forbidden_address
from pipeline.ingest.http import (
    FetchError,
    FetchPolicy,
    decode,
    user_agent,
)
from pipeline.store import Store
from pipeline.store.http_validators import StoredValidators
from tests.conftest import PUBLIC_STAND_IN, counts_as_public

FAST = FetchPolicy(source="test", allow_private=True, timeout=0.5, retries=2, delay=0, robots=False)


class Sleeps(list):
    """Records every wait and really waits (briefly), so the server sees real time pass."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(min(seconds, 1.0))


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(sleeps):
    client = HttpClient(
        sleep=sleeps, backoff=0.05, max_wait=5, contact="https://portal.example/bot"
    )
    yield client
    client.close()


def test_user_agent_names_melder_and_a_contact(httpserver, client):
    seen = []
    httpserver.expect_request("/").respond_with_handler(
        lambda request: seen.append(request.headers["User-Agent"]) or Response("ok")
    )
    client.get(local(httpserver, "/"), FAST)
    assert seen == [user_agent("https://portal.example/bot")]
    assert "Melder" in seen[0] and "https://portal.example/bot" in seen[0]


def test_a_500_is_retried_with_backoff_then_the_200_counts(httpserver, client, sleeps):
    httpserver.expect_oneshot_request("/feed").respond_with_data("busy", status=500)
    httpserver.expect_request("/feed").respond_with_data("fine")
    page = client.get(local(httpserver, "/feed"), FAST)
    assert page.body == b"fine"
    assert sleeps == [0.05]


def test_a_429_waits_as_long_as_retry_after_says(httpserver, client, sleeps):
    httpserver.expect_oneshot_request("/feed").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/feed").respond_with_data("fine")
    started = time.monotonic()
    assert client.get(local(httpserver, "/feed"), FAST).body == b"fine"
    assert sleeps == [1.0]
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_beyond_the_limit_gives_up_at_once(httpserver, client, sleeps):
    httpserver.expect_request("/feed").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    with pytest.raises(FetchError, match="asks to wait 3600 s"):
        client.get(local(httpserver, "/feed"), FAST)
    assert sleeps == []


def test_a_server_that_keeps_failing_ends_as_one_clear_error(httpserver, client):
    httpserver.expect_request("/feed").respond_with_data("down", status=502)
    with pytest.raises(FetchError, match=r"HTTP 502 .*after 3 attempt"):
        client.get(local(httpserver, "/feed"), FAST)


def test_a_404_is_not_retried(httpserver, client, sleeps):
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get(local(httpserver, "/gone"), FAST)
    assert sleeps == []


def test_a_refused_connection_is_retried_then_reported(client, sleeps):
    port = _free_port()
    with pytest.raises(FetchError, match="connection failed"):
        client.get(f"http://127.0.0.1:{port}/feed", FAST)
    assert len(sleeps) == 2


def test_a_stalled_read_fails_within_the_timeout(httpserver, client):
    released = threading.Event()

    def stall(request: Request) -> Response:
        released.wait(2)
        return Response("too late")

    httpserver.expect_request("/stall").respond_with_handler(stall)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="no answer within 0.5 s"):
            client.get(local(httpserver, "/stall"), FAST)
        assert time.monotonic() - started < 1.0
    finally:
        released.set()  # free the single-threaded test server for the next test


def test_a_slow_drip_is_cut_off_at_the_timeout(httpserver, client):
    def drip(request: Request) -> Response:
        def body():
            for _ in range(12):
                time.sleep(0.1)
                yield b"x"

        return Response(body(), content_type="text/plain")

    httpserver.expect_request("/drip").respond_with_handler(drip)
    started = time.monotonic()
    with pytest.raises(FetchError, match="not complete within 0.5 s"):
        client.get(local(httpserver, "/drip"), FAST)
    assert time.monotonic() - started < 1.0


def test_a_body_over_the_size_limit_is_refused(httpserver, client):
    small = FetchPolicy(**{**FAST.__dict__, "max_bytes": 1000})
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchError, match="5,000 bytes, over the limit of 1,000"):
        client.get(local(httpserver, "/big"), small)


def test_a_streamed_body_without_length_is_cut_at_the_limit(httpserver, client):
    small = FetchPolicy(**{**FAST.__dict__, "max_bytes": 100_000})

    def endless(request: Request) -> Response:
        return Response((b"x" * 65536 for _ in range(100)), content_type="text/html")

    httpserver.expect_request("/endless").respond_with_handler(endless)
    with pytest.raises(FetchError, match="more than the limit of 100,000 bytes"):
        client.get(local(httpserver, "/endless"), small)


def test_a_gzip_bomb_is_measured_unpacked(httpserver, client):
    import gzip

    small = FetchPolicy(**{**FAST.__dict__, "max_bytes": 100_000})
    bomb = gzip.compress(b"\0" * 5_000_000)
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html"
    )
    with pytest.raises(FetchError, match="more than the limit"):
        client.get(local(httpserver, "/bomb"), small)


def test_redirects_are_followed_and_the_final_url_kept(httpserver, client):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data("moved here")
    page = client.get(local(httpserver, "/old"), FAST)
    assert page.body == b"moved here"
    assert page.url == local(httpserver, "/old")
    assert page.final_url == local(httpserver, "/new")


def test_a_redirect_loop_is_named(httpserver, client):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        client.get(local(httpserver, "/a"), FAST)


def test_too_many_redirects_are_refused(httpserver, client):
    for hop in range(4):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=302, headers={"Location": f"/r{hop + 1}"}
        )
    short = FetchPolicy(**{**FAST.__dict__, "max_redirects": 2})
    with pytest.raises(FetchError, match="more than 2 redirects"):
        client.get(local(httpserver, "/r0"), short)


def test_a_redirect_to_a_private_address_is_refused_before_connecting(
    public_server, httpserver, sleeps
):
    """The press office's host counts as public; its redirect to a loopback name is refused at
    that hop and the internal server never sees a request."""
    secret = []
    public_server.expect_request("/release").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{httpserver.port}/admin"}
    )
    httpserver.expect_request("/admin").respond_with_handler(
        lambda request: secret.append(request.path) or Response("secret")
    )
    client = HttpClient(sleep=sleeps, forbidden=counts_as_public)
    guarded = FetchPolicy(**{**FAST.__dict__, "allow_private": False})
    with pytest.raises(FetchError, match=r"localhost resolves to a loopback address"):
        client.get(f"http://{PUBLIC_STAND_IN}:{public_server.port}/release", guarded)
    assert secret == []


def test_a_private_host_is_refused_unless_the_source_allows_it(httpserver, client):
    httpserver.expect_request("/").respond_with_data("hello")
    guarded = FetchPolicy(**{**FAST.__dict__, "allow_private": False})
    with pytest.raises(FetchError, match="allow_private = true"):
        client.get(local(httpserver, "/"), guarded)
    assert client.get(local(httpserver, "/"), FAST).body == b"hello"


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_non_public_addresses_are_named(address, label):
    assert label in forbidden_address(address)


def test_public_addresses_pass():
    assert forbidden_address("93.184.216.34") is None
    assert forbidden_address("2a00:1450:4001:80b::200e") is None


def test_every_resolved_address_is_checked_without_connecting():
    """A name with one public and one private address (DNS games) is refused."""

    def resolve(host, port, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    guarded = FetchPolicy(allow_private=False)
    with pytest.raises(FetchError, match="private address"):
        check_url("https://press.example/feed", guarded, resolve)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://press.example/x", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http"):
        check_url(url, FetchPolicy(allow_private=True))


def _etag_handler(request: Request) -> Response:
    if request.headers.get("If-None-Match") == '"v1"':
        return Response(status=304)
    return Response(
        "<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 24 Nov 2026 08:00:00 GMT"}
    )


def test_a_304_on_the_second_run_once_the_first_was_stored(httpserver, client):
    httpserver.expect_request("/feed").respond_with_handler(_etag_handler)
    first = client.get(local(httpserver, "/feed"), FAST)
    assert first.status == 200 and first.etag == '"v1"'
    client.remember(FAST, first)
    # Not yet committed (the batch is not stored): the next fetch must still get the body.
    assert client.get(local(httpserver, "/feed"), FAST).status == 200
    client.commit_validators()
    second = client.get(local(httpserver, "/feed"), FAST)
    assert second.not_modified and second.body == b""


def test_validators_survive_in_the_database(httpserver, tmp_path, sleeps):
    httpserver.expect_request("/feed").respond_with_handler(_etag_handler)
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    try:
        first_run = HttpClient(validators=StoredValidators(store.engine), sleep=sleeps)
        first_run.remember(FAST, first_run.get(local(httpserver, "/feed"), FAST))
        first_run.commit_validators()
        next_run = HttpClient(validators=StoredValidators(store.engine), sleep=sleeps)
        assert next_run.get(local(httpserver, "/feed"), FAST).not_modified
        other = FetchPolicy(**{**FAST.__dict__, "source": "another"})
        assert next_run.get(local(httpserver, "/feed"), other).status == 200
    finally:
        store.close()


def test_the_same_host_is_asked_at_most_once_per_delay(httpserver, client, sleeps):
    httpserver.expect_request("/a").respond_with_data("a")
    polite = FetchPolicy(**{**FAST.__dict__, "delay": 0.3})
    client.get(local(httpserver, "/a"), polite)
    client.get(local(httpserver, "/a"), polite)
    assert len(sleeps) == 1 and 0.2 < sleeps[0] <= 0.3


def test_robots_txt_is_honoured(httpserver, client):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: Melder\nDisallow: /intern/\n\nUser-agent: *\nDisallow: /\n"
    )
    httpserver.expect_request("/presse/1").respond_with_data("release")
    polite = FetchPolicy(**{**FAST.__dict__, "robots": True})
    assert client.get(local(httpserver, "/presse/1"), polite).body == b"release"
    with pytest.raises(FetchError, match="robots.txt disallows"):
        client.get(local(httpserver, "/intern/x"), polite)
    opted_out = FetchPolicy(**{**FAST.__dict__, "robots": False})
    httpserver.expect_request("/intern/x").respond_with_data("agreed")
    assert client.get(local(httpserver, "/intern/x"), opted_out).body == b"agreed"


def test_a_missing_robots_txt_allows_everything(httpserver, client):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed").respond_with_data("ok")
    polite = FetchPolicy(**{**FAST.__dict__, "robots": True})
    assert client.get(local(httpserver, "/feed"), polite).body == b"ok"


def test_an_unreachable_robots_txt_fails_the_fetch(httpserver, client):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=500)
    polite = FetchPolicy(**{**FAST.__dict__, "robots": True})
    with pytest.raises(FetchError, match="robots.txt: cannot be read"):
        client.get(local(httpserver, "/feed"), polite)


def test_an_unreachable_robots_txt_is_asked_once_for_many_photos(httpserver, sleeps):
    asked = []
    httpserver.expect_request("/robots.txt").respond_with_handler(
        lambda request: asked.append(1) or Response("", status=503)
    )
    now = [1000.0]
    client = HttpClient(sleep=sleeps, clock=lambda: now[0], backoff=0.01, max_wait=1)
    polite = FetchPolicy(**{**FAST.__dict__, "robots": True})
    try:
        for number in range(20):
            with pytest.raises(FetchError, match="robots.txt: cannot be read"):
                client.get(local(httpserver, f"/foto-{number}.jpg"), polite)
        assert len(asked) == 1
        now[0] += 601  # later on, the host is asked again
        with pytest.raises(FetchError, match="robots.txt: cannot be read"):
            client.get(local(httpserver, "/foto-1.jpg"), polite)
        assert len(asked) == 2
    finally:
        client.close()


def test_a_source_out_of_time_fetches_nothing_more(httpserver, client):
    httpserver.expect_request("/feed").respond_with_data("ok")
    spent = FetchPolicy(**{**FAST.__dict__, "deadline": time.monotonic() - 1})
    with pytest.raises(FetchError, match="used up its time"):
        client.get(local(httpserver, "/feed"), spent)


GRUESSE = "Grüße aus Köln – 5 €"


def test_charset_from_the_header():
    assert decode(GRUESSE.encode("cp1252"), "text/html; charset=windows-1252")[0] == GRUESSE


def test_charset_from_the_xml_declaration_or_meta():
    euro = "Grüße aus Köln: 5 €"
    xml = f'<?xml version="1.0" encoding="ISO-8859-15"?><r>{euro}</r>'.encode("iso-8859-15")
    assert euro in decode(xml, "application/xml")[0]
    page = f'<html><head><meta charset="windows-1252"></head><p>{GRUESSE}</p>'.encode("cp1252")
    assert GRUESSE in decode(page, "text/html")[0]


def test_a_feed_declared_utf8_but_sent_as_latin1_still_reads_right():
    text = "Stadt übergibt Brücke an Bürger – Grußwort des Oberbürgermeisters"
    data = f'<?xml version="1.0" encoding="UTF-8"?><r>{text}</r>'.encode("latin-1", "replace")
    decoded, charset = decode(data, "application/rss+xml; charset=utf-8")
    assert "übergibt Brücke an Bürger" in decoded
    assert charset != "utf-8"


def test_the_sources_encoding_overrides_everything():
    data = GRUESSE.encode("cp1252")
    assert decode(data, "text/html; charset=utf-8", override="cp1252")[0] == GRUESSE


def local(server, path: str) -> str:
    """The test server by its address, as the sources in these tests name it."""
    return f"http://127.0.0.1:{server.port}{path}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_one_source_s_stored_inputs_never_mark_another_source_s_feed_as_read(httpserver):
    from pipeline.ingest.http import Validators

    httpserver.expect_request("/a.xml").respond_with_data("<rss/>", headers={"ETag": '"a1"'})
    httpserver.expect_request("/b.xml").respond_with_data("<rss/>", headers={"ETag": '"b1"'})
    validators = Validators()
    client = HttpClient(validators=validators)
    try:
        for source, path in (("amt", "/a.xml"), ("verein", "/b.xml")):
            policy = FetchPolicy(**{**FAST.__dict__, "source": source})
            client.remember(policy, client.get(local(httpserver, path), policy))
        client.commit_validators("amt")  # amt's inputs were stored; verein's failed
        client.forget_validators("verein")
        assert validators.get("amt", local(httpserver, "/a.xml")) == ('"a1"', None)
        assert validators.get("verein", local(httpserver, "/b.xml")) == (None, None)
    finally:
        client.close()
