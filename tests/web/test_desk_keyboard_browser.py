"""The keyboard keeps the editor's place: Back from a release selects the row it was opened
from, and 'a' where nothing can be approved says why instead of doing nothing."""

from __future__ import annotations

import pytest

from pipeline.models import State
from tests.web.test_desk_browser import ARGS, CHROMIUM, playwright_api
from tests.web.test_desk_lifecycle import LONG
from tests.web_support import (
    NOW,
    PASSWORD,
    make_release,
    make_root,
    open_store,
    queued,
    seed_users,
    serving,
)

expect = playwright_api.expect
DUPLICATE_FIRST = "Mögliches Duplikat: erst zusammenführen oder beide behalten, dann freigeben."


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("keys") / "root")
    store = open_store(root)
    seed_users(store)
    ids = {name: queued(store, f"inbox/{name}.txt", title=f"Meldung {name}") for name in "abc"}
    first = make_release(
        "inbox/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="sieben")
    )
    copy = make_release(
        "inbox/copy/kita.txt", source="office", title="Kita öffnet", text=LONG.format(hour="acht")
    )
    store.save([(first, State.QUEUED, None)], now=NOW, actor="office")
    [saved] = store.save([(copy, State.QUEUED, None)], now=NOW, actor="office")
    ids["duplicate"] = saved.release_id
    with serving(root) as base:
        yield base, store, ids
    store.close()


@pytest.fixture(scope="module")
def page(desk):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(base_url=desk[0], locale="de-DE").new_page()
        page.goto("/desk/")
        page.get_by_label("Benutzername").fill("erika")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        yield page
        browser.close()


def row_ids(page) -> list[str]:
    return page.locator("tr.row").evaluate_all("rows => rows.map(row => row.dataset.id)")


def test_back_from_a_release_selects_the_row_it_was_opened_from(page):
    page.goto("/desk/?state=queued")
    rows = row_ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/desk/releases/{rows[1]}")
    page.go_back()
    expect(page.locator("tr.row.selected")).to_have_attribute("data-id", rows[1])
    page.keyboard.press("j")
    expect(page.locator("tr.row.selected")).to_have_attribute("data-id", rows[2])


def test_a_on_a_possible_duplicate_says_to_merge_or_keep_it_first(page, desk):
    _base, store, ids = desk
    page.goto(f"/desk/releases/{ids['duplicate']}")
    expect(page.locator("#key-message")).to_be_hidden()
    page.keyboard.press("a")
    expect(page.locator("#key-message")).to_have_text(DUPLICATE_FIRST)
    page.goto(f"/desk/?state=queued#row-{ids['duplicate']}")
    expect(page.locator("tr.row.selected")).to_have_attribute("data-id", ids["duplicate"])
    page.keyboard.press("a")
    expect(page.locator("#key-message")).to_have_text(DUPLICATE_FIRST)
    assert store.get(ids["duplicate"]).state == State.QUEUED


def test_a_still_approves_a_release_that_can_be(page, desk):
    _base, store, ids = desk
    page.goto(f"/desk/releases/{ids['c']}")
    page.keyboard.press("a")
    expect(page.locator("p.notice").first).to_contain_text("Erledigt")
    expect(page.locator("#key-message")).to_be_hidden()
    assert store.get(ids["c"]).state == State.APPROVED
