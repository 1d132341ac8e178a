"""Attacks on the fetch guard: URL parser differentials, address spellings, DNS rebinding.

An internal server on 127.0.0.1 holds a secret; every attack tries to make Melder fetch it
while the source itself is not allowed private addresses. The press office's own server runs on
a second loopback address that the guard is told to count as public (`counts_as_public`).
"""

from __future__ import annotations

import socket

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from pipeline.config import ExtractRules
from pipeline.ingest.client import HttpClient
from pipeline.ingest.guard import check_url
from pipeline.ingest.http import FetchError, FetchPolicy
from tests.conftest import PUBLIC_STAND_IN, counts_as_public
from tests.remote_helpers import remote_source, run_kind

GUARDED = FetchPolicy(source="attack", allow_private=False, timeout=1, retries=0, delay=0,
                      robots=False)  # fmt: skip


@pytest.fixture
def secret(httpserver):
    """The internal page; its list records every request that reached it."""
    hits: list[str] = []
    httpserver.expect_request("/secret").respond_with_handler(
        lambda request: hits.append(request.url) or Response("INTERNAL-SECRET")
    )
    httpserver.hits = hits
    return httpserver


def guarded_client(**keys) -> HttpClient:
    return HttpClient(forbidden=counts_as_public, sleep=lambda s: None, **keys)


def parser_differentials(port: int) -> list[str]:
    """URLs whose host urlsplit, urllib3 and browsers read differently."""
    return [
        f"http://127.0.0.1:{port}\\@1.1.1.1/../secret",
        f"http://127.0.0.1:{port}\\@{PUBLIC_STAND_IN}/../secret",
        f"http://1.1.1.1\\@127.0.0.1:{port}/secret",
        f"http://{PUBLIC_STAND_IN}:{port}\\@127.0.0.1:{port}/secret",
        f"http://user:pass@127.0.0.1:{port}/secret",
        f"http://{PUBLIC_STAND_IN}@127.0.0.1:{port}/secret",
        f"http://1.1.1.1 @127.0.0.1:{port}/secret",
        f"http://1.1.1.1&@127.0.0.1:{port}#@1.1.1.1/secret",
        f"http://127.0.0.1:{port}#@1.1.1.1/secret",
        f"http://127.0.0.1:{port}?@1.1.1.1/secret",
        f"http://127.0.0.1\t:{port}/secret",
        f"http://127.0.0.1\n:{port}/secret",
        f"http://%31%32%37.0.0.1:{port}/secret",
        f"http://127.0.0.1%00.{PUBLIC_STAND_IN}:{port}/secret",
        f"http://[::ffff:127.0.0.1]:{port}/secret",
        f"http://[fe80::1%25lo]:{port}/secret",
        f"HTTP://LOCALHOST:{port}/secret",
        f"http://localhost.:{port}/secret",
    ]


def address_spellings(port: int) -> list[str]:
    """Eighteen ways to write a loopback, private or cloud-metadata address."""
    hosts = [
        "127.0.0.1", "127.1", "0x7f000001", "2130706433", "0177.0.0.1", "0x7f.0.0.1",
        "127.000.000.001", "0", "0.0.0.0", "[::]", "[::1]", "[0:0:0:0:0:0:0:1]",
        "[::ffff:7f00:1]", "169.254.169.254", "0xa9fea9fe", "10.0.0.1", "１２７.０.０.１",
        "127。0。0。1",
    ]  # fmt: skip
    return [f"http://{host}:{port}/secret" for host in hosts]


def test_there_are_eighteen_spellings_and_they_differ():
    spellings = address_spellings(80)
    assert len(spellings) == len(set(spellings)) == 18


@pytest.mark.parametrize("index", range(18))
def test_parser_differentials_are_refused_and_never_reach_the_internal_server(secret, index):
    url = parser_differentials(secret.port)[index]
    with pytest.raises(FetchError, match="refused|only http|cannot resolve"):
        guarded_client().get(url, GUARDED)
    assert secret.hits == []


@pytest.mark.parametrize("index", range(18))
def test_every_spelling_of_an_internal_address_is_refused(secret, index):
    url = address_spellings(secret.port)[index]
    with pytest.raises(FetchError, match="refused|cannot resolve"):
        guarded_client().get(url, GUARDED)
    assert secret.hits == []


def test_a_redirect_location_with_a_backslash_is_refused_at_that_hop(secret, public_server):
    bypass = f"http://127.0.0.1:{secret.port}\\@1.1.1.1/../secret"
    public_server.expect_request("/release").respond_with_data(
        "", status=302, headers={"Location": bypass}
    )
    with pytest.raises(FetchError, match="refused"):
        guarded_client().get(f"http://{PUBLIC_STAND_IN}:{public_server.port}/release", GUARDED)
    assert secret.hits == []


def test_a_plain_public_page_still_comes_through(public_server):
    public_server.expect_request("/release").respond_with_data("hello")
    page = guarded_client().get(f"http://{PUBLIC_STAND_IN}:{public_server.port}/release", GUARDED)
    assert page.body == b"hello"


class RebindingDns:
    """A name that resolves to the public stand-in once and to loopback afterwards."""

    def __init__(self):
        self.answers = 0

    def __call__(self, host, port, *args, **kwargs):
        if host != "rebind.test":
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        self.answers += 1
        address = PUBLIC_STAND_IN if self.answers == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


REAL_GETADDRINFO = socket.getaddrinfo


def test_dns_rebinding_cannot_switch_the_address_after_the_check(public_server, monkeypatch):
    """The connection goes to the address the guard checked: a second lookup anywhere in the
    HTTP stack would get loopback, where a second server holds the secret."""
    internal = HTTPServer(host="127.0.0.1", port=public_server.port)
    internal.expect_request("/page").respond_with_data("INTERNAL-SECRET")
    internal.start()
    try:
        public_server.expect_request("/page").respond_with_data("public page")
        dns = RebindingDns()
        monkeypatch.setattr(socket, "getaddrinfo", dns)
        client = guarded_client(resolve=dns)
        page = client.get(f"http://rebind.test:{public_server.port}/page", GUARDED)
    finally:
        internal.stop()
    assert page.body == b"public page"
    assert dns.answers == 1
    assert page.final_url == f"http://rebind.test:{public_server.port}/page"


def test_the_host_header_keeps_the_name_when_the_address_is_pinned(public_server):
    seen = []
    public_server.expect_request("/page").respond_with_handler(
        lambda request: seen.append(request.headers["Host"]) or Response("ok")
    )

    def dns(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_STAND_IN, port))]

    guarded_client(resolve=dns).get(f"http://presse.test:{public_server.port}/page", GUARDED)
    assert seen == [f"presse.test:{public_server.port}"]


def test_a_feed_teaser_link_with_a_bypass_is_a_failure_not_a_fetch(secret, public_server, tmp_path):
    bypass = f"http://127.0.0.1:{secret.port}\\@1.1.1.1/../secret"
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>
      <link>https://p.example/</link><description>d</description>
      <item><title>Teaser</title><link>{bypass}</link><guid>t-1</guid>
      <description>Kurz.</description></item></channel></rss>"""
    public_server.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    source = remote_source(
        "rss", f"http://{PUBLIC_STAND_IN}:{public_server.port}/feed.xml", allow_private=False
    )
    result = run_kind("rss", source, tmp_path, client=guarded_client())
    assert result.raws == []
    assert any("backslash" in failure for failure in result.failures)
    assert secret.hits == []


def test_a_listing_link_with_a_bypass_is_a_failure_not_a_fetch(secret, public_server, tmp_path):
    bypass = f"http://127.0.0.1:{secret.port}\\@1.1.1.1/../secret"
    public_server.expect_request("/presse/").respond_with_data(
        f'<ul class="list"><li><a href="{bypass}">PM</a></li></ul>', content_type="text/html"
    )
    source = remote_source(
        "web",
        f"http://{PUBLIC_STAND_IN}:{public_server.port}/presse/",
        allow_private=False,
        extract=ExtractRules(item_links="ul.list a"),
    )
    result = run_kind("web", source, tmp_path, client=guarded_client())
    assert result.raws == []
    assert secret.hits == []


def test_check_url_returns_the_checked_address_for_the_connection():
    def dns(host, port, **kwargs):
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("2a00:1450:4001:80b::200e", port))]

    target = check_url("https://Presse.Example/a?b=1#frag", GUARDED, dns)
    assert target.host == "presse.example"
    assert target.pinned_url() == "https://[2a00:1450:4001:80b::200e]:443/a?b=1"
    assert target.host_header == "presse.example"


def test_idn_hosts_are_fetched_by_their_ascii_name():
    asked = []

    def dns(host, port, **kwargs):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    check_url("https://bücher.example/", GUARDED, dns)
    assert asked == ["xn--bcher-kva.example"]


def test_https_keeps_verifying_the_name_while_connecting_to_the_pinned_address(tmp_path):
    """SNI and certificate checks use the URL's name, not the pinned address."""
    import ssl

    import trustme

    authority = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("presse.test").configure_cert(context)
    server = HTTPServer(host=PUBLIC_STAND_IN, port=0, ssl_context=context)
    server.expect_request("/pm").respond_with_data("signed")
    server.start()
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))

    def dns(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_STAND_IN, port))]

    client = guarded_client(resolve=dns)
    client.session.verify = str(ca_file)
    try:
        assert client.get(f"https://presse.test:{server.port}/pm", GUARDED).body == b"signed"
        with pytest.raises(FetchError, match="doesn't match 'presse.test'"):
            client.get(f"https://impostor.test:{server.port}/pm", GUARDED)
    finally:
        server.stop()
