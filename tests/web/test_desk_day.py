"""An editor's day on a store of 5,000 releases, in a real browser (Debian's chromium):
page through the queue, filter, bulk-approve 20 and take one back, schedule one, see the
embargoes, edit a body with links and keep them, resolve a conflict without losing what was
typed; in German, then in English. Screenshots at 1440×900 and 768 px wide land in
tests/artifacts/ to be looked at."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from pipeline import review
from pipeline.models import State
from tests.conftest import REPO
from tests.factories import make_release
from tests.web_support import PASSWORD, make_root, open_store, seed_users, serving

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"]
SIZE = 5000
LINKED = '<p>Mehr zum <a href="https://lindenau.example/radweg">Radweg</a> und zur Umleitung.</p>'

if not shutil.which(CHROMIUM):
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; .ci/run must install it", pytrace=False)
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("day") / "root")
    store = open_store(root)
    seed_users(store)
    start = datetime.now(UTC) - timedelta(days=3)
    ahead = datetime.now(UTC) + timedelta(days=2)
    for first in range(0, SIZE, 500):
        items = []
        for n in range(first, first + 500):
            fields = {"title": f"Meldung {n:04d} aus dem Rathaus"}
            if n % 25 == 0:
                fields["embargo_until"] = ahead
            if n == 1:
                fields.update(title="Radweg wird umgeleitet", body_html=LINKED)
            items.append((make_release(f"inbox/office/{n:04d}.txt", **fields), State.QUEUED, None))
        store.save(items, now=start + timedelta(minutes=first // 50), actor="office")
    with serving(root) as base:
        yield base, store
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def logged_in(browser, base: str, locale: str, name: str = "erika"):
    context = browser.new_context(
        base_url=base, locale=locale, viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    page.goto("/desk/")
    page.locator("#name").fill(name)
    page.locator("#password").fill(PASSWORD)
    page.locator("form[action='/desk/login'] button").click()
    return context, page


def test_an_editors_day_in_german(day, browser):
    base, store = day
    context, page = logged_in(browser, base, "de-DE")
    ARTIFACTS.mkdir(exist_ok=True)
    # the queue: 50 a page, the oldest reachable, embargoes in sight
    assert "1–50 von 5000" in page.inner_text(".bulk-bar")
    page.screenshot(path=ARTIFACTS / "day-queue-1440.png")
    for _ in range(3):
        page.get_by_role("link", name=re.compile("Ältere")).click()
    assert "151–200 von 5000" in page.inner_text(".bulk-bar")
    page.goto("/desk/?per=200")
    assert page.locator("tr.row").count() == 200
    assert page.locator(".embargo").count() >= 1
    # filter and search
    page.goto("/desk/")
    page.locator("input[name=q]").fill("Radweg")
    page.locator("form.filters button").click()
    assert page.locator("tr.row").count() == 1
    # bulk: tick 20, approve them after one confirmation
    page.goto("/desk/")
    boxes = page.locator("input[name=ids]")
    for index in range(20):
        boxes.nth(index).check()
    chosen = [boxes.nth(index).get_attribute("value") for index in range(20)]
    page.locator("#approve-selected").click()
    assert "20 Meldungen freigeben" in page.locator("h1").inner_text()
    page.locator("#confirm").click()
    assert "Freigegeben: 20" in page.inner_text(".notice")
    assert all(store.get(rid).state == State.APPROVED for rid in chosen)
    # approve three more with the keyboard: the selection moves down, never back to the top
    page.goto("/desk/")
    page.keyboard.press("j")
    for _ in range(3):
        row = page.locator("tr.row.selected")
        approved, below = (
            row.get_attribute("data-id"),
            row.locator("xpath=following-sibling::tr[1]"),
        )
        expected = below.get_attribute("data-id")
        page.keyboard.press("a")
        page.wait_for_url(re.compile(r"#row-"))
        page.wait_for_selector("tr.row.selected")
        assert store.get(approved).state == State.APPROVED
        assert page.locator("tr.row.selected").get_attribute("data-id") == expected
        # the keyboard goes on from there: the selected row's link has the focus
        expect(page.locator("tr.row.selected a.open")).to_be_focused()
    # take one of them back on its page, before anything goes out
    page.goto(f"/desk/releases/{chosen[0]}")
    page.get_by_role("button", name="Planung aufheben").click()
    assert store.get(chosen[0]).state == State.QUEUED
    assert sum(store.get(rid).state == State.APPROVED for rid in chosen) == 19
    # schedule one for a time in the desk's zone
    page.goto(f"/desk/releases/{chosen[0]}")
    page.locator("#at").fill("2099-12-01T09:00")
    page.get_by_role("button", name="Einplanen").click()
    assert "erscheint beim ersten Veröffentlichen nach" in page.inner_text(".notice")
    assert store.get(chosen[0]).publish_at.isoformat() == "2099-12-01T08:00:00+00:00"
    page.screenshot(path=ARTIFACTS / "day-release-1440.png", full_page=True)
    # edit a body with a link: one word changes, the link stays
    radweg = store.search(text="Radweg", limit=1)[0].release.id
    page.goto(f"/desk/releases/{radweg}/edit")
    body = page.locator("#body")
    assert "[Radweg](<https://lindenau.example/radweg>)" in body.input_value()
    body.fill(body.input_value().replace("Umleitung", "Sperrung"))
    page.get_by_role("button", name="Vorschau zeigen").click()
    assert "Sperrung" in page.inner_text(".portal")
    page.get_by_role("button", name="Als neue Revision speichern").click()
    edited = store.get(radweg).release
    assert '<a href="https://lindenau.example/radweg">Radweg</a>' in edited.body_html
    assert "Sperrung" in edited.text
    # a conflict keeps what was typed
    page.goto(f"/desk/releases/{radweg}/edit")
    review.edit(store, radweg, title="Von Max geändert", teaser="", categories=[],
                body="Anderer Text.", actor="max", now=datetime.now(UTC),
                seen=store.get(radweg).version)  # fmt: skip
    page.locator("#title").fill("Mein Titel")
    page.get_by_role("button", name="Als neue Revision speichern").click()
    assert "Jemand war schneller: max" in page.inner_text(".error")
    assert page.locator("#title").input_value() == "Mein Titel"
    page.screenshot(path=ARTIFACTS / "day-conflict-1440.png", full_page=True)
    # 768 px wide: nothing runs off the side
    page.set_viewport_size({"width": 768, "height": 1000})
    page.goto("/desk/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, width
    page.screenshot(path=ARTIFACTS / "day-queue-768.png")
    context.close()


def test_the_same_day_in_english(day, browser):
    base, store = day
    context, page = logged_in(browser, base, "en-GB", name="admin")
    page.goto("/desk/?q=Rathaus&per=100")
    page.get_by_role("link", name="Deutsch").click()  # the filters survive the switch
    assert page.locator("input[name=q]").input_value() == "Rathaus"
    page.get_by_role("link", name="English").click()
    assert "1–100 of" in page.inner_text(".bulk-bar")
    assert page.locator("html").get_attribute("lang") == "en"
    for word in ("Freigeben", "Meldung(en)", "Ältere", "Sperrfrist"):
        assert word not in page.inner_text("main").replace("Meldung ", ""), word
    page.screenshot(path=ARTIFACTS / "day-queue-en-1440.png")
    # every screen at both widths, to be looked at
    release_id = store.search(limit=1)[0].release.id
    screens = {
        "release": f"/desk/releases/{release_id}",
        "edit": f"/desk/releases/{release_id}/edit",
        "admin": "/desk/admin",
    }
    for width, height in ((1440, 900), (768, 1000)):
        page.set_viewport_size({"width": width, "height": height})
        for name, url in screens.items():
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            page.screenshot(path=ARTIFACTS / f"day-{name}-en-{width}.png", full_page=True)
    context.close()
