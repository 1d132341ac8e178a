"""Triage by keyboard and by screen reader, in a real browser: the shortcuts keep working with
the focus in a row's checkbox, Back after a decision lands on the row that took the decided
one's place, and every field, heading and selected row says what it is."""

from __future__ import annotations

import pytest

from pipeline import review
from tests.web.test_desk_browser import ARGS, CHROMIUM, playwright_api
from tests.web_support import NOW, PASSWORD, make_root, open_store, queued, seed_users, serving

expect = playwright_api.expect


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("triage") / "root")
    store = open_store(root)
    seed_users(store)
    titles = ["Brücke gesperrt", "Stadtfest verschoben", "Neue Buslinie", "Wahlhelfer gesucht"]
    ids = [queued(store, f"inbox/{n}.txt", title=title) for n, title in enumerate(titles)]
    live = queued(store, "inbox/live.txt", title="Bibliothek öffnet länger")
    review.approve(store, live, actor="max", now=NOW)
    with serving(root) as base:
        yield base, store, ids, live
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
        page.get_by_role("button", name="Veröffentlichen").first.click()  # the approved one
        yield page
        browser.close()


def row_ids(page) -> list[str]:
    return page.locator("tr.row").evaluate_all("rows => rows.map(row => row.dataset.id)")


def fresh_queue(page) -> None:
    """The waiting releases with no row remembered from an earlier visit."""
    page.goto("/desk/?state=queued")
    page.evaluate("window.sessionStorage.clear()")
    page.reload()
    expect(page.locator("tr.row.selected")).to_have_count(0)


def selected(page):
    return page.locator("tr.row.selected")


def test_j_k_and_x_keep_working_with_the_focus_in_a_row_s_checkbox(page):
    fresh_queue(page)
    rows = row_ids(page)
    first_box = page.locator(f"#row-{rows[0]} input[type=checkbox]")
    first_box.click()  # ticks it and leaves the focus in it
    expect(first_box).to_be_focused()
    expect(first_box).to_be_checked()
    page.keyboard.press("j")
    expect(selected(page)).to_have_attribute("data-id", rows[0])
    page.locator(f"#row-{rows[0]} input[type=checkbox]").focus()
    page.keyboard.press("j")
    expect(selected(page)).to_have_attribute("data-id", rows[1])
    page.keyboard.press("x")
    expect(page.locator(f"#row-{rows[1]} input[type=checkbox]")).to_be_checked()
    page.keyboard.press("k")
    expect(selected(page)).to_have_attribute("data-id", rows[0])


def test_letters_typed_into_the_search_field_stay_letters(page):
    fresh_queue(page)
    page.keyboard.press("j")
    before = selected(page).get_attribute("data-id")
    search = page.get_by_label("Suche")
    search.fill("")
    search.type("jkx")
    expect(search).to_have_value("jkx")
    expect(selected(page)).to_have_attribute("data-id", before)


def test_back_after_rejecting_from_the_queue_selects_the_row_below(page, desk):
    fresh_queue(page)
    rows = row_ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(selected(page)).to_have_attribute("data-id", rows[1])
    page.keyboard.press("r")
    page.wait_for_url(f"**/desk/releases/{rows[1]}#reason")
    expect(page.get_by_label("Begründung der Ablehnung")).to_be_focused()
    page.keyboard.type("Kein regionaler Bezug")
    page.keyboard.press("Enter")
    expect(page.locator("p.notice").first).to_be_visible()
    page.go_back()
    page.go_back()
    page.wait_for_url("**/desk/?state=queued")
    assert rows[1] not in row_ids(page)  # rejected: it left the list
    expect(selected(page)).to_have_attribute("data-id", rows[2])
    page.keyboard.press("j")
    expect(selected(page)).to_have_attribute("data-id", rows[3])


def test_the_selected_row_is_announced_as_the_current_one(page):
    fresh_queue(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    rows = row_ids(page)
    current = page.locator("tr.row[aria-current=true]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-id", rows[1])
    expect(page.locator("tr.row[aria-selected]")).to_have_count(0)  # no grid, no selection


def heading_levels(page) -> list[tuple[str, int]]:
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    levels = []
    for node in nodes:
        if node.get("role", {}).get("value") != "heading" or node.get("ignored"):
            continue
        level = next(p["value"]["value"] for p in node["properties"] if p["name"] == "level")
        levels.append((node["name"]["value"], level))
    session.detach()
    return levels


def test_reason_fields_and_the_preview_s_headline_say_what_they_are(page, desk):
    _base, _store, ids, live = desk
    page.goto(f"/desk/releases/{ids[3]}")
    expect(page.get_by_label("Begründung der Ablehnung", exact=True)).to_be_visible()
    # the outline as chromium hands it to a screen reader: the page's headline, the preview's
    # section, and the portal's headline below that section
    levels = sorted(heading_levels(page))
    assert ("Portal-Vorschau", 2) in levels
    assert [level for name, level in levels if name == "Wahlhelfer gesucht"] == [1, 3]
    expect(page.locator("section.preview .portal h2")).to_have_text("Wahlhelfer gesucht")
    page.goto(f"/desk/releases/{live}")
    expect(page.get_by_label("Begründung des Zurückziehens", exact=True)).to_be_visible()
    expect(page.get_by_label("Begründung der Ablehnung")).to_have_count(0)
