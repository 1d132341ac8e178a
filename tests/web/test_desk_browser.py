"""The desk end to end in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
import re
import shutil

import httpx
import pytest

from pipeline import runner
from pipeline.config import load_config
from tests.conftest import REPO, SHARED_SAMPLES
from tests.web_support import PASSWORD, make_root, open_store, queued, seed_users, serving

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'

if not shutil.which(CHROMIUM):
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; .ci/run must install it", pytrace=False)
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A served root with the sample page dump queued, plus releases to reject, edit, attack."""
    root = make_root(tmp_path_factory.mktemp("browser") / "root")
    dump = root / "inbox" / "office" / "melder-page-dump.txt"
    shared = SHARED_SAMPLES / "melder-page-dump.txt"
    # the real portal dump where shared/ is checked out, else the demo's own page dump
    own = REPO / "sources" / "inbox" / "stadt-lindenau" / "2026-11-20-weihnachtsmarkt.txt"
    shutil.copy(shared if shared.exists() else own, dump)
    store = open_store(root)
    seed_users(store)
    [(_, release, saved)] = runner.submit(load_config(root), store, [dump], "office", now=_now())
    ids = {
        "dump": saved.release_id,
        "reject": queued(store, "inbox/r.txt", title="Gewinnspiel: Jetzt kaufen"),
        "edit": queued(store, "inbox/e.txt", title="Tippfehler im Titel"),
        "xss": queued(store, "inbox/x.txt", title=f"Angriff {XSS}", text=f"Absatz {XSS}"),
    }
    with serving(root) as base:
        yield base, root, store, ids, release.title
    store.close()


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


@pytest.fixture(scope="module")
def page(desk):
    base = desk[0]
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(base_url=base, locale="de-DE")
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.dismiss())
        page.goto("/desk/")
        page.get_by_label("Benutzername").fill("erika")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        yield page
        browser.close()


def test_log_in_see_the_dump_approve_publish_and_find_it_in_rss(desk, page):
    base, _root, store, ids, title = desk
    page.goto("/desk/")
    assert page.get_by_role("link", name=title).is_visible()
    page.screenshot(path=ARTIFACTS / "queue.png", full_page=True)
    page.get_by_role("link", name=title).click()
    assert page.locator(".portal .melder-disclaimer").count() == 1
    page.screenshot(path=ARTIFACTS / "release.png", full_page=True)
    page.get_by_role("button", name="Jetzt freigeben").click()
    assert "Erledigt" in page.locator(".notice").inner_text()
    page.goto("/desk/")
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    assert store.get(ids["dump"]).state.value == "published"
    rss = httpx.get(f"{base}/feeds/portal/rss.xml").text
    assert title in rss


def test_reject_with_a_reason(desk, page):
    _base, _root, store, ids, _title = desk
    page.goto(f"/desk/releases/{ids['reject']}")
    page.get_by_label("Begründung").fill("Werbung, keine Pressemitteilung")
    page.get_by_role("button", name="Ablehnen").click()
    view = store.get(ids["reject"])
    assert view.state.value == "rejected" and view.reason.startswith("Werbung")


def test_edit_with_the_keyboard_and_see_the_diff(desk, page):
    _base, _root, store, ids, _title = desk
    page.goto("/desk/?q=Tippfehler")
    page.keyboard.press("j")
    page.keyboard.press("e")
    page.wait_for_url(re.compile(r"/edit$"))
    page.get_by_label("Titel").fill("Kein Tippfehler mehr")
    page.get_by_role("button", name="Als neue Revision speichern").click()
    assert page.locator(".diff ins").first.inner_text() == "Kein"
    assert page.locator(".diff del").first.inner_text() == "im Titel"
    assert store.revision(ids["edit"], 1).title == "Tippfehler im Titel"


def test_a_wrong_csrf_token_is_refused(desk, page):
    _base, _root, store, ids, _title = desk
    page.goto(f"/desk/releases/{ids['xss']}")
    page.locator("#approve-form input[name=csrf]").evaluate("field => field.value = 'forged'")
    page.get_by_role("button", name="Jetzt freigeben").click()
    assert "Formular" in page.locator("[role=alert]").inner_text()
    assert store.get(ids["xss"]).state.value == "queued"


def test_xss_payloads_never_execute_in_the_desk(desk, page):
    _base, _root, _store, ids, _title = desk
    for url in ("/desk/?q=Angriff", f"/desk/releases/{ids['xss']}"):
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss === undefined"), url
    assert "Angriff <img" in page.locator("h1").inner_text()  # shown as text, not markup
