"""What `melder status` and a monitor say about a source beyond "failing": a source switched
off, and a source that works but lost single items on the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import write
from tests.remote_helpers import FAST_TOML, fixture, local

HTML = "text/html; charset=utf-8"
RULES = '[extract]\nitem_links = "ul.press-list a"\ntitle = "h1.headline"\nbody = "div.pm-text"\n'


def melder(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
    )


def status_rows(root: Path) -> dict[str, str]:
    """`melder status | cat`: each source's state, the last column of its line."""
    lines = melder(root, "status").stdout.splitlines()
    header = lines.index("source\tlast attempt\tlast success\tlast new\tfailures\tstate")
    rows = {}
    for line in lines[header + 1 :]:
        cells = line.split("\t")
        if len(cells) != 6:
            break
        rows[cells[0]] = cells[5]
    return rows


def source_health(root: Path) -> dict[str, dict]:
    data = json.loads(melder(root, "status", "--json").stdout)
    return {item["source"]: item for item in data["sources"]}


def test_a_disabled_source_is_shown_disabled_and_alarms_no_monitor(empty_root):
    broken = empty_root / "sources" / "broken.toml"
    write(broken, 'title = "Broken"\nkind = "files"\npath = "inbox/missing"\n')
    assert melder(empty_root, "ingest").returncode == 1
    assert melder(empty_root, "status", "--check").returncode == 2

    broken.write_text(broken.read_text() + "enabled = false\n")

    assert status_rows(empty_root)["broken"] == "disabled"
    check = melder(empty_root, "status", "--check")
    assert (check.returncode, check.stdout) == (
        0,
        "MELDER OK - 2 source(s) fine, 0 waiting for review\n",
    )
    health = source_health(empty_root)
    assert health["broken"]["enabled"] is False
    assert health["trusted"]["enabled"] is True
    assert status_rows(empty_root)["trusted"] == "ok"


def test_a_source_whose_file_is_gone_is_shown_removed(empty_root):
    write(empty_root / "inbox" / "trusted" / "pm.txt", "Titel der Meldung\n\nDer Text.\n")
    assert melder(empty_root, "ingest").returncode == 0
    (empty_root / "sources" / "trusted.toml").unlink()
    assert status_rows(empty_root)["trusted"] == "removed (no sources/ file)"


def serve_site(httpserver, missing: str) -> str:
    """The listing links pm-1, pm-2 and leer; `missing` answers 404."""
    for name in ("listing.html", "pm-1.html", "pm-2.html", "leer.html"):
        path = "/presse/" + ("" if name == "listing.html" else name)
        if name == missing:
            httpserver.expect_request(path).respond_with_data("weg", status=404)
        else:
            httpserver.expect_request(path).respond_with_data(fixture(name), content_type=HTML)
    return local(httpserver, "/presse/")


def web_root(root: Path, url: str) -> Path:
    write(
        root / "sources" / "hafen.toml",
        f'title = "Hafen"\nkind = "web"\nurl = "{url}"\n' + FAST_TOML + RULES,
    )
    return root


def test_a_page_that_failed_makes_the_source_a_warning_naming_it(empty_root, httpserver):
    url = serve_site(httpserver, missing="pm-2.html")
    root = web_root(empty_root, url)

    ingest = melder(root, "ingest", "--json")
    reports = {report["source"]: report for report in json.loads(ingest.stdout)["sources"]}
    assert reports["trusted"]["failure_messages"] == []
    report = reports["hafen"]
    assert report["failures"] == 1
    assert report["error"] is None
    [message] = report["failure_messages"]
    assert "pm-2.html" in message and "HTTP 404" in message

    assert status_rows(root)["hafen"] == f"ok, 1 item failed: {message}"
    assert status_rows(root)["trusted"] == "ok"
    check = melder(root, "status", "--check")
    assert (check.returncode, check.stdout) == (
        1,
        f"MELDER WARNING - source hafen: 1 item failed: {message}\n",
    )
    health = source_health(root)
    assert health["hafen"]["item_failures"] == [message]
    assert health["trusted"]["item_failures"] == []


def test_the_warning_ends_once_the_page_is_read(empty_root, httpserver):
    url = serve_site(httpserver, missing="pm-2.html")
    root = web_root(empty_root, url)
    melder(root, "ingest")
    httpserver.clear()
    serve_site(httpserver, missing="")

    assert melder(root, "ingest").returncode == 0

    assert status_rows(root)["hafen"] == "ok"
    check = melder(root, "status", "--check")
    assert check.returncode == 0 and check.stdout.startswith("MELDER OK - 3 source(s) fine")


def test_an_entry_skipped_in_a_broken_feed_is_named_by_the_monitor(empty_root, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Klinikum</title>'
        "<item><title>Broken & bad</title><description><p>unclosed</description></item>",
        content_type="application/rss+xml",
    )
    write(
        empty_root / "sources" / "klinikum.toml",
        f'title = "Klinikum"\nkind = "rss"\nurl = "{local(httpserver, "/feed.xml")}"\n' + FAST_TOML,
    )

    melder(empty_root, "ingest")

    check = melder(empty_root, "status", "--check")
    assert check.returncode == 1
    assert check.stdout == (
        f"MELDER WARNING - source klinikum: 1 item failed: {local(httpserver, '/feed.xml')}: "
        "entry 'Broken & bad' has neither id nor link; skipped\n"
    )


def test_a_web_source_that_check_rejects_is_not_fetched_and_status_names_the_problem(
    empty_root, httpserver
):
    httpserver.expect_request("/presse/").respond_with_data(
        fixture("listing.html"), content_type=HTML
    )
    write(
        empty_root / "sources" / "hafen.toml",
        f'title = "Hafen"\nkind = "web"\nurl = "{local(httpserver, "/presse/")}"\n' + FAST_TOML,
    )
    ingest = melder(empty_root, "ingest", "--json")
    assert ingest.returncode == 1
    reports = {item["source"]: item for item in json.loads(ingest.stdout)["sources"]}
    assert reports["hafen"]["error"] == (
        "config problem, not read: sources/hafen.toml: extract.item_links: required for kind "
        "'web': a CSS selector of the links to releases on the listing page, e.g. \"article h2 "
        'a"; `melder check` lists them all'
    )
    assert reports["trusted"]["error"] is None  # the other sources are read as always
    assert httpserver.log == []
    assert json.loads(melder(empty_root, "queue", "--source", "hafen", "--json").stdout) == []
    assert status_rows(empty_root)["hafen"].startswith("failing: config problem, not read")
