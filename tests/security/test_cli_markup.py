"""Text from the network reaches the terminal as text: a server's reason phrase with Rich
markup in it is printed as it is by `ingest` and `status`, never interpreted or crashing."""

from __future__ import annotations

import json

from werkzeug import Response

from tests.cli.test_operator import melder, piped
from tests.conftest import write
from tests.remote_helpers import FAST_TOML, local

REASON = "Gone [/b][link=file:///etc/passwd]hier[/link]"


def test_a_reason_phrase_with_markup_is_shown_as_text(empty_root, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda request: Response("nope", status=f"404 {REASON}")
    )
    write(
        empty_root / "sources" / "feed.toml",
        f'title = "Feed"\nkind = "rss"\nurl = "{local(httpserver, "/feed.xml")}"\n{FAST_TOML}',
    )
    ingest = melder(empty_root, "ingest", "feed", code=1)  # a failing source fails the run
    assert REASON in ingest.stdout + ingest.stderr
    status = piped(empty_root, "status")
    assert REASON in status.stdout
    shown = json.loads(piped(empty_root, "status", "--json").stdout)
    assert REASON in json.dumps(shown, ensure_ascii=False)
