"""The XSS corpus through every input route, then a static scan of every output and a real
browser over every fragment, the index and the desk's pages.

Routes: files (txt, md, html, json, eml), the API (JSON and a multipart upload), an RSS feed, a
web source, an IMAP mailbox (with Dovecot) and the desk's edit form. Every release a route makes
is published; the tally of vectors tried and blocked is printed for the closing report.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from pipeline import runner
from pipeline.config import load_config
from pipeline.models import State
from pipeline.web import create_app
from tests.conftest import write
from tests.publish.test_xss import assert_fragment_inert, assert_inert
from tests.remote_helpers import FAST_TOML, local
from tests.security.xss_corpus import batches, vectors
from tests.web_support import form_fields, login, open_store, seed_users, settings_for, token

BATCH = 17
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FILE_ROUTES = ("txt", "md", "html", "json", "eml")


def _now() -> datetime:
    return datetime.now(UTC)


def _root(base: Path, feed_url: str, site_url: str) -> Path:
    root = base / "root"
    auto = 'review = "auto"\nlanguage = "de"\n'
    write(
        root / "sources" / "inbox.toml",
        f'title = "Inbox"\nkind = "files"\npath = "in"\nmax_items = 1000\n{auto}',
    )
    write(root / "sources" / "press.toml", f'title = "Press"\nkind = "api"\n{auto}')
    write(
        root / "sources" / "feed.toml",
        f'title = "Feed"\nkind = "rss"\nurl = "{feed_url}"\nmax_items = 100\n'
        f'follow_links = "never"\n{auto}{FAST_TOML}',
    )
    write(
        root / "sources" / "site.toml",
        f'title = "Site"\nkind = "web"\nurl = "{site_url}"\nmax_items = 100\n{auto}{FAST_TOML}'
        '[extract]\nitem_links = "ul.list a"\n',
    )
    (root / "in").mkdir(parents=True)
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "Releases"\nlink = "https://portal.example/m"\n'
        'max_items = 1000\n[disclaimer]\ntext = "Inhalte Dritter: {source}."\n',
    )
    return root


WORDS = (
    "Stadt Rat Brücke Schule Hafen Bahn Park Museum Bibliothek Feuerwehr Klinik Wasser Strom "
    "Straße Radweg Markt Theater Konzert Sport Verein Kita Wald Fluss Energie Wärme Netz Bus "
    "Zug Plan Bau Amt Bürger Haushalt Steuer Preis Förderung Projekt Forschung Studie Wetter "
    "Ernte Handel Betrieb Arbeit Zukunft Kultur Kunst Bildung Gesundheit Pflege Umwelt Klima "
    "Sonne Wind Regen Winter Sommer Herbst Frühling Morgen Abend Woche Monat Jahr Region Land"
).split()


def _paragraphs(batch: list[str], number: int, route: str = "") -> list[str]:
    """Running text of its own per route and batch (the same text twice would be held as a
    duplicate), one vector per paragraph."""
    import random

    pick = random.Random(f"{route}-{number}")
    return [
        f"{' '.join(pick.choices(WORDS, k=14))} und {' '.join(pick.choices(WORDS, k=10))}. {v}"
        for v in batch
    ]


def _title(batch: list[str], number: int, route: str) -> str:
    """Two vectors in the headline, which stays under the 300 characters a headline may have."""
    return f"Meldung {number} {route} {batch[0][:120]} {batch[-1][:120]}"


def _page_title(batch: list[str], number: int, route: str) -> str:
    """In a page's <title> and <h1> the vectors are text (escaped), as a browser would show
    them; raw, they would restructure the attacker's own page before Melder sees it."""
    return html.escape(_title(batch, number, route), quote=False)


def file_inputs(batch: list[str], number: int) -> dict[str, bytes]:
    texts = {route: "\n\n".join(_paragraphs(batch, number, route)) for route in FILE_ROUTES}
    paragraphs = _paragraphs(batch, number, "html")
    link = "https://press.example/doc?q=" + quote(batch[1], safe="")
    page = (
        f"<html><head><title>{_page_title(batch, number, 'html')}</title></head><body><article>"
        f"<h1>{_page_title(batch, number, 'html')}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f'<p><a href="{html.escape(link)}">{batch[2]}</a></p></article></body></html>'
    )
    submission = {
        "title": _title(batch, number, "json"),
        "teaser": " ".join(batch[:3]),
        "text": texts["json"],
        "contact": batch[3],
        "categories": [v[:100] for v in batch[4:7]],
        "links": [{"url": link[:2000], "text": batch[5][:500]}],
    }
    mail = EmailMessage()
    mail["From"] = "presse@lindenau.example"
    mail["Subject"] = _title(batch, number, "eml")
    mail["Message-ID"] = f"<xss-{number}@lindenau.example>"
    mail.set_content(texts["eml"])
    markdown = (
        f"---\ntitle: {json.dumps(_title(batch, number, 'md'))}\n"
        f"teaser: {json.dumps(batch[2])}\ncategories: {json.dumps(batch[3:5])}\n---\n\n"
        + texts["md"]
        + f"\n\n[{batch[4]}]({link})\n"
    )
    return {
        "txt": f"{_title(batch, number, 'txt')}\n\n{texts['txt']}\n".encode(),
        "md": markdown.encode(),
        "html": page.encode(),
        "json": json.dumps(submission).encode(),
        "eml": mail.as_bytes(),
    }


def feed_xml(all_batches: list[list[str]]) -> str:
    items = "".join(
        f"<item><title>{html.escape(_title(batch, n, 'rss'))}</title>"
        f'<guid isPermaLink="false">xss-{n}</guid>'
        f"<link>https://press.example/rss/{n}</link>"
        f"<category>{html.escape(batch[3])}</category>"
        f"<description>{html.escape(''.join(f'<p>{p}</p>' for p in _paragraphs(batch, n, 'rss')))}"
        "</description></item>"
        for n, batch in enumerate(all_batches)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>'
        f"<link>https://press.example/</link><description>d</description>{items}</channel></rss>"
    )


def site_page(batch: list[str], number: int, route: str = "web") -> str:
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(batch, number, route))
    title = _page_title(batch, number, route)
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def _deliver_mails(root: Path, all_batches) -> bool:
    """Through a real Dovecot when it is installed (CI installs it)."""
    from tests import imap_server

    binary = imap_server.dovecot_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("dovecot is not installed; .ci/run must install dovecot-imapd")
        return False
    server = imap_server.start(binary)
    import imaplib
    import ssl

    os.environ["XSS_IMAP_USER"] = "xss"
    os.environ["XSS_IMAP_PASSWORD"] = imap_server.PASSWORD
    connection = imaplib.IMAP4("127.0.0.1", server.imap_port, timeout=5)
    connection.starttls(ssl.create_default_context(cafile=str(server.ca_file)))
    connection.login("xss", imap_server.PASSWORD)
    for number, batch in enumerate(all_batches):
        mail = EmailMessage()
        mail["From"] = "presse@lindenau.example"
        mail["Subject"] = _title(batch, number, "imap")
        mail["Message-ID"] = f"<imap-xss-{number}@lindenau.example>"
        mail.set_content("\n\n".join(_paragraphs(batch, number, "imap")))
        data = mail.as_bytes()
        connection.append("INBOX", None, None, data)
    connection.logout()
    write(
        root / "sources" / "mail.toml",
        'title = "Mail"\nkind = "imap"\nreview = "auto"\nmax_items = 100\ntimeout = 5\n'
        f'[imap]\nhost = "127.0.0.1"\nport = {server.imap_port}\nsecurity = "starttls"\n'
        f'username_env = "XSS_IMAP_USER"\npassword_env = "XSS_IMAP_PASSWORD"\n'
        f'ca_file = "{server.ca_file}"\n',
    )
    return server


@pytest.fixture(scope="module")
def attacked(tmp_path_factory, httpserver_factory=None):
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    all_batches = batches(BATCH)
    server.expect_request("/feed.xml").respond_with_data(
        feed_xml(all_batches), content_type="application/rss+xml; charset=utf-8"
    )
    links = "".join(
        f'<li><a href="/site/p{n}.html">PM {n}</a></li>' for n in range(len(all_batches))
    )
    listing = f'<html><body><ul class="list">{links}</ul></body></html>'
    server.expect_request("/site/").respond_with_data(listing, content_type="text/html")
    for number, batch in enumerate(all_batches):
        server.expect_request(f"/site/p{number}.html").respond_with_data(
            site_page(batch, number), content_type="text/html; charset=utf-8"
        )
    base = tmp_path_factory.mktemp("xss")
    root = _root(base, local(server, "/feed.xml"), local(server, "/site/"))
    for number, batch in enumerate(all_batches):
        for suffix, data in file_inputs(batch, number).items():
            (root / "in" / f"pm-{number:02d}.{suffix}").write_bytes(data)
    mail_server = _deliver_mails(root, all_batches)
    store = open_store(root)
    seed_users(store)
    config = load_config(root)
    reports = runner.ingest(config, store, now=_now())
    failures = [(r.source, r.error) for r in reports if getattr(r, "error", None)]
    assert not failures, failures
    app = create_app(root, settings_for(root))
    secret = token(store, root, "press")
    routes = {"api-json": 0, "api-multipart": 0, "desk-edit": 0}
    with TestClient(app) as client:
        for number, batch in enumerate(all_batches):
            inputs = file_inputs(batch, number)
            payload = json.loads(inputs["json"])
            payload["title"] = payload["title"].replace(" json ", " api ")
            payload["text"] = "\n\n".join(_paragraphs(batch, number, "api"))
            answer = client.post(
                "/api/v1/releases", json=payload, headers={"authorization": f"Bearer {secret}"}
            )
            assert answer.status_code == 201, answer.text
            routes["api-json"] += 1
            answer = client.post(
                "/api/v1/releases",
                files={"file": (f"pm-{number}.html", site_page(batch, number, "upload").encode())},
                headers={"authorization": f"Bearer {secret}"},
            )
            # a page whose own markup swallows its text is kept as invalid: also an outcome
            assert answer.status_code in (201, 422) and answer.json()["id"], answer.text
            routes["api-multipart"] += 1
        runner.publish(load_config(root), store, now=_now())
        login(client)
        edited = [
            v for v in store.queue(State.PUBLISHED, limit=100_000) if v.release.source == "inbox"
        ]
        for number, (view, batch) in enumerate(zip(edited, all_batches, strict=False)):
            action = f"/desk/releases/{view.release.id}/edit"
            fields = form_fields(client.get(action).text, action)
            answer = client.post(
                action,
                data={
                    **fields,
                    "title": _title(batch, number, "desk"),
                    "teaser": " ".join(batch[:4]),
                    "text": "\n\n".join(_paragraphs(batch, number, "desk")),
                    "categories": ",".join(v[:60] for v in batch[4:7]),
                },
            )
            assert answer.status_code < 400, answer.text
            routes["desk-edit"] += 1
    runner.publish(load_config(root), store, now=_now())
    published = store.queue(State.PUBLISHED, limit=100_000)
    invalid = store.queue(State.INVALID, limit=100_000)
    counts: dict[str, int] = {}
    for view in [*published, *invalid]:
        counts[view.release.source] = counts.get(view.release.source, 0) + 1
    yield {
        "root": root,
        "store": store,
        "app": app,
        "batches": all_batches,
        "published": published,
        "invalid": invalid,
        "counts": counts,
        "routes": routes,
        "mail": bool(mail_server),
    }
    store.close()
    server.stop()
    if mail_server:
        from tests import imap_server

        imap_server.stop(mail_server)


def test_every_route_published_every_batch(attacked):
    expected = len(attacked["batches"])
    counts = attacked["counts"]
    assert counts["inbox"] == expected * len(FILE_ROUTES)
    assert counts["press"] == 2 * expected
    assert counts["feed"] == expected and counts["site"] == expected
    if attacked["mail"]:
        assert counts["mail"] == expected
    assert attacked["routes"]["desk-edit"] == expected
    routes = len(FILE_ROUTES) + 2 + 2 + int(attacked["mail"]) + 1
    print(
        f"\nXSS corpus: {len(vectors())} vectors x {routes} routes = "
        f"{len(vectors()) * routes} tried; {len(attacked['published'])} releases published, "
        f"{len(attacked['invalid'])} kept invalid (never published)"
    )
    # most of every route gets through: the corpus attacks outputs, not the gate
    assert len(attacked["published"]) >= 0.9 * sum(counts.values())


def test_no_output_file_carries_active_markup(attacked):
    out = attacked["root"] / "outputs" / "portal"
    fragments = sorted((out / "releases").glob("*.html"))
    assert len(fragments) == len(attacked["published"])
    for path in fragments:
        assert_fragment_inert(path.read_text())
    assert_inert((out / "index.html").read_text())  # a fragment, like the release files
    rss = etree.fromstring((out / "rss.xml").read_bytes())
    atom = etree.fromstring((out / "atom.xml").read_bytes())
    items = json.loads((out / "feed.json").read_bytes())["items"]
    html_fields = [item.findtext(CONTENT) for item in rss.iter("item")]
    html_fields += [entry.findtext(f"{ATOM}content") for entry in atom.iter(f"{ATOM}entry")]
    html_fields += [item["content_html"] for item in items]
    # readers render RSS's description as HTML: it holds the teaser escaped once more
    descriptions = [item.findtext("description") or "" for item in rss.iter("item")]
    text_fields = [item.findtext("title") for item in rss.iter("item")]
    text_fields += [item.text for item in rss.iter("category")]
    text_fields += [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    text_fields += [entry.findtext(f"{ATOM}summary") or "" for entry in atom.iter(f"{ATOM}entry")]
    text_fields += [item["title"] for item in items] + [item.get("summary", "") for item in items]
    assert len(html_fields) == 3 * len(attacked["published"])
    for fragment in html_fields:
        assert_inert(fragment)
    for description in descriptions:
        assert_inert(description)
    # titles, summaries and tags are plain text: a sender's '<script>' is words there, and it
    # stays whole, escaped by the file's own syntax
    for text in text_fields:
        assert not CONTROL_RE.search(text or ""), text


DESK_URL_ATTRIBUTES = ("href", "src", "action", "formaction")


def assert_desk_inert(page: str) -> None:
    """The desk's own markup is allowed (forms, its script file); nothing from content is."""
    from lxml import html as lxml_html

    document = lxml_html.document_fromstring(page)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "iframe":  # only the original page, fully sandboxed, inline
            assert element.get("sandbox") == "" and element.get("src") is None, element.attrib
            assert element.get("srcdoc") is not None
            continue
        assert element.tag not in {"object", "embed", "svg", "math", "base"}, element.tag
        if element.tag == "script" and element.get("type") == "application/ld+json":
            assert "<" not in (element.text or "")  # the preview's JSON-LD: data, escaped
        elif element.tag == "script":
            assert (element.get("src") or "").startswith("/desk/static/"), element.get("src")
        if element.tag == "meta":
            assert "http-equiv" not in element.attrib
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in DESK_URL_ATTRIBUTES:
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
                assert "evil.example" not in value or name == "href", value


def test_no_desk_page_carries_active_markup(attacked):
    with TestClient(attacked["app"]) as client:
        login(client)
        for state in ("published", "queued", "invalid"):
            assert_desk_inert(client.get(f"/desk/?state={state}").text)
        for view in [*attacked["published"], *attacked["invalid"]]:
            assert_desk_inert(client.get(f"/desk/releases/{view.release.id}").text)


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; .ci/run must install it")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Watch:
    """Counts what a page ran: dialogs, and requests that leave the page's own origin."""

    def __init__(self, context, allowed_prefix: str):
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.allowed = allowed_prefix
        context.route("**/*", self._route)

    def attach(self, page) -> None:
        page.on("dialog", lambda dialog: (self.dialogs.append(page.url), dialog.dismiss()))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()


def test_chromium_runs_nothing_from_any_fragment_or_the_index(attacked, browser):
    """Opened as plain files, without the feed server's sandbox, so the markup alone counts."""
    out = attacked["root"] / "outputs" / "portal"
    context = browser.new_context(java_script_enabled=True)
    watch = Watch(context, "file://")
    page = context.new_page()
    watch.attach(page)
    files = [*sorted((out / "releases").glob("*.html")), out / "index.html"]
    for path in files:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(20)
    context.close()
    print(
        f"\nchromium: {len(files)} fragment pages, {len(watch.dialogs)} dialogs, "
        f"{len(watch.requests)} outside requests"
    )
    assert watch.dialogs == [] and watch.requests == []


def test_chromium_runs_nothing_on_the_desk_even_without_its_csp(attacked, browser):
    from tests.web_support import PASSWORD, serving

    with serving(attacked["root"]) as base:
        context = browser.new_context(base_url=base, bypass_csp=True, locale="de-DE")
        watch = Watch(context, base)
        page = context.new_page()
        watch.attach(page)
        page.goto("/desk/login")
        page.get_by_label("Benutzername").fill("erika")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        pages = ["/desk/?state=published", "/desk/?state=queued"]
        views = [*attacked["published"], *attacked["invalid"]]
        pages += [f"/desk/releases/{view.release.id}" for view in views]
        for url in pages:
            page.goto(url, wait_until="load")
        context.close()
    print(
        f"\nchromium: {len(pages)} desk pages, {len(watch.dialogs)} dialogs, "
        f"{len(watch.requests)} outside requests"
    )
    assert watch.dialogs == [] and watch.requests == []


def test_the_browser_check_would_see_an_execution_and_a_request(browser, tmp_path):
    """The control: the same watch on a page that does run a vector and phone home."""
    page_file = tmp_path / "control.html"
    page_file.write_text('<img src=x onerror="alert(1)"><img src="https://evil.example/p.gif">')
    context = browser.new_context()
    watch = Watch(context, "file://")
    page = context.new_page()
    watch.attach(page)
    page.goto(page_file.as_uri(), wait_until="load")
    page.wait_for_timeout(100)
    context.close()
    assert len(watch.dialogs) == 1 and watch.requests == ["https://evil.example/p.gif"]
