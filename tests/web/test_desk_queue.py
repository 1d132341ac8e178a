"""The queue as an editor works it: pages that reach the oldest release, counts that follow
the filters, a search that looks everywhere, bulk decisions asked once, and an undo before
anything goes out."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from pipeline import review
from pipeline.models import State
from pipeline.web import Limits, create_app
from tests.factories import make_release
from tests.web_support import NOW, csrf_of, login, make_root, open_store, seed_users, settings_for


@pytest.fixture
def desk(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    app = create_app(root, settings_for(root), limits=Limits())
    with TestClient(app) as client:
        login(client)
        yield client, app.state.web.store


def fill(
    store, count: int, *, batches: int = 3, source: str = "office", tag: str = "", **fields
) -> list[str]:
    """`count` queued releases arriving in a few batches (ties on arrival time), oldest first."""
    ids = []
    for batch in range(batches):
        items = [
            (make_release(f"inbox/{source}{tag}-{batch}-{n}.txt", source=source,
                          title=f"Meldung {source}{tag} {batch}-{n}", **fields), State.QUEUED, None)
            for n in range(count // batches)
        ]  # fmt: skip
        saved = store.save(items, now=NOW - timedelta(hours=batches - batch), actor=source)
        ids += [s.release_id for s in saved]
    return ids


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([0-9a-f]+)"', html)


def test_paging_reaches_the_oldest_release_and_shows_where_it_is(desk):
    client, store = desk
    ids = fill(store, 120)
    seen, url = [], "/desk/?per=50"
    while url:
        page = client.get(url.replace("&amp;", "&")).text
        seen += row_ids(page)
        older = re.search(r'<a href="([^"]+)" rel="next">', page)
        url = older.group(1) if older else None
    assert len(seen) == len(set(seen)) == 120 and set(seen) == set(ids)
    assert "101–120 of 120" in page
    newer = re.search(r'<a href="([^"]+)" rel="prev">', page).group(1).replace("&amp;", "&")
    assert "51–100 of 120" in client.get(newer).text


def test_counts_follow_the_filters_and_a_search_looks_in_every_state(desk):
    client, store = desk
    fill(store, 6, source="office")
    fill(store, 3, batches=1, source="press", categories=("Verkehr",))
    [radweg] = fill(store, 1, batches=1, source="press", tag="radweg")

    review.approve(store, radweg, actor="erika", now=NOW)
    page = client.get("/desk/", params={"source": "press"}).text
    assert "(4)" in page and "queued (3)" in page and "approved (1)" in page
    assert "Press Office" in page  # the source's title, not its file name
    found = client.get("/desk/", params={"q": store.get(radweg).release.title}).text
    assert row_ids(found) == [radweg]  # found although it no longer waits


def test_bulk_approve_asks_once_waits_for_undo_and_undo_takes_it_back(desk):
    client, store = desk
    ids = fill(store, 6, batches=1)
    page = client.get("/desk/").text
    fields = {"csrf": csrf_of(page), "action": "approve", "next": "/desk/"}
    versions = dict(re.findall(r'name="(version-[0-9a-f]+)" value="(\d+)"', page))
    chosen = ids[:4]
    form = {**fields, **versions, "ids": chosen}
    confirm = client.post("/desk/bulk", data=form)
    assert confirm.status_code == 200 and "Approve 4 releases" in confirm.text, confirm.text[-600:]
    assert all(store.get(i).state == State.QUEUED for i in chosen)  # nothing yet
    done = client.post("/desk/bulk", data={**form, "confirmed": "1"}, follow_redirects=False)
    assert done.status_code == 303 and "done=bulk-approved%3A4" in done.headers["location"]
    assert all(store.get(i).state == State.APPROVED for i in chosen)
    assert all(store.get(i).publish_at > NOW for i in chosen)  # held for the undo window
    queue = client.get(done.headers["location"]).text
    assert "Approved: 4" in queue and 'id="undo"' in queue
    batch = re.search(r'name="batch" value="([^"]+)"', queue).group(1)
    undone = client.post(
        "/desk/bulk/undo", data={"csrf": csrf_of(queue), "batch": batch, "next": "/desk/"}
    )
    assert "Approval taken back: 4" in undone.text
    assert all(store.get(i).state == State.QUEUED for i in chosen)


def test_an_approval_in_its_undo_window_is_not_published(desk):
    client, store = desk
    [release_id] = fill(store, 1, batches=1)
    page = client.get("/desk/").text
    version = re.search(rf'name="version-{release_id}" value="(\d+)"', page).group(1)
    client.post(
        "/desk/bulk",
        data={"csrf": csrf_of(page), "only": release_id, f"version-{release_id}": version},
    )
    assert store.get(release_id).state == State.APPROVED
    client.post("/desk/publish", data={"csrf": csrf_of(page)})
    assert store.get(release_id).state == State.APPROVED  # the publish left it for now


def test_bulk_reject_needs_a_reason_and_a_changed_release_is_a_conflict(desk):
    client, store = desk
    ids = fill(store, 2, batches=1)
    page = client.get("/desk/").text
    versions = dict(re.findall(r'name="(version-[0-9a-f]+)" value="(\d+)"', page))
    base = {"csrf": csrf_of(page), "action": "reject", "ids": ids, **versions}
    answer = client.post("/desk/bulk", data=base)
    assert answer.status_code == 422 and "A reason is required" in answer.text
    review.approve(store, ids[1], actor="max", now=NOW)  # another editor was quicker
    answer = client.post("/desk/bulk", data={**base, "reason": "Werbung", "confirmed": "1"})
    assert answer.status_code == 409
    # the release is named by its headline, linked to its page, not by its id alone
    failure = re.search(r'<ul role="alert" class="failures">(.*?)</ul>', answer.text, re.S)
    [item] = re.findall(r"<li>(.*?)</li>", failure.group(1), re.S)
    title = store.get(ids[1]).release.title
    linked = f'<a href="/desk/releases/{ids[1]}">{title}</a>'
    assert item.startswith(f"{linked}: Someone was quicker: max (approved")
    assert f">{ids[1]}:" not in answer.text
    assert store.get(ids[0]).state == State.REJECTED
    assert store.get(ids[1]).state == State.APPROVED


def test_approve_for_a_time_is_read_in_the_desk_s_zone_and_can_be_cancelled(desk):
    client, store = desk
    [release_id] = fill(store, 1, batches=1)
    page = client.get(f"/desk/releases/{release_id}").text
    assert "Europe/Berlin" in page  # the zone is named beside the field
    fields = {"csrf": csrf_of(page), "version": str(store.get(release_id).version)}
    past = client.post(
        f"/desk/releases/{release_id}/approve", data={**fields, "at": "2020-01-01T09:00"}
    )
    assert past.status_code == 422 and "has passed" in past.text
    assert store.get(release_id).state == State.QUEUED
    later = client.post(
        f"/desk/releases/{release_id}/approve", data={**fields, "at": "2099-12-01T09:00"}
    )
    assert later.status_code == 200 and "goes out at the first publish after" in later.text
    view = store.get(release_id)
    assert view.publish_at.isoformat() == "2099-12-01T08:00:00+00:00"  # 09:00 in Berlin
    assert "Dec 1, 2099, 9:00 AM CET" in later.text
    cancel = client.post(
        f"/desk/releases/{release_id}/unapprove",
        data={"csrf": fields["csrf"], "version": str(view.version)},
    )
    assert "Approval cancelled" in cancel.text
    assert store.get(release_id).state == State.QUEUED
    assert store.get(release_id).publish_at is None


def test_the_release_page_publishes_shows_the_public_url_and_leads_to_the_next(desk):
    client, store = desk
    fill(store, 2, batches=1)
    queue = client.get("/desk/").text
    top, below = row_ids(queue)[:2]
    page = client.get(f"/desk/releases/{top}").text
    assert f'href="/desk/releases/{below}" id="next-release"' in page
    client.post(
        f"/desk/releases/{top}/approve",
        data={"csrf": csrf_of(page), "version": str(store.get(top).version)},
    )
    page = client.get(f"/desk/releases/{top}").text
    assert 'id="publish-now"' in page
    published = client.post(
        "/desk/publish", data={"csrf": csrf_of(page), "next": f"/desk/releases/{top}"}
    )
    assert published.url.path == f"/desk/releases/{top}"
    assert store.get(top).state == State.PUBLISHED
    name = store.public_name(top)
    assert f"https://portal.example/melder/releases/{name}" in published.text


def language_options(html: str) -> list[str]:
    select = re.search(r'<select name="language">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_language_filter_offers_the_languages_the_stored_releases_have(desk):
    client, store = desk
    hebrew = fill(store, 2, batches=1, tag="he", language="he")
    arabic = fill(store, 1, batches=1, tag="ar", language="ar")
    german = fill(store, 1, batches=1, tag="de")
    page = client.get("/desk/").text
    # no English release is stored, so English is not offered; the configured "de" is stored
    assert language_options(page) == ["", "ar", "de", "he"]
    assert sorted(row_ids(client.get("/desk/?language=he").text)) == sorted(hebrew)
    filtered = client.get("/desk/?language=AR").text  # typed by hand in another case
    assert row_ids(filtered) == arabic
    assert '<option value="ar" selected>' in filtered
    assert row_ids(client.get("/desk/?language=de").text) == german


def release_date_cell(html: str, release_id: str) -> str:
    row = re.search(rf'<tr data-id="{release_id}".*?</tr>', html, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[4]).split())


def test_a_release_that_names_only_its_day_shows_that_day_without_a_time(desk):
    client, store = desk
    berlin, london = ZoneInfo("Europe/Berlin"), ZoneInfo("Europe/London")
    [day_only] = fill(store, 1, batches=1, tag="day", published_date_only=True,
                      published_at=datetime(2026, 11, 17, tzinfo=berlin))  # fmt: skip
    [from_london] = fill(store, 1, batches=1, tag="london", published_date_only=True,
                         published_at=datetime(2026, 11, 5, tzinfo=london))  # fmt: skip
    [timed] = fill(store, 1, batches=1, tag="timed",
                   published_at=datetime(2026, 11, 17, 9, 30, tzinfo=berlin))  # fmt: skip
    page = client.get("/desk/").text
    assert release_date_cell(page, day_only) == "Nov 17, 2026"
    # London's midnight is 01:00 in the desk's zone: the day stays the sender's day, no hour
    assert release_date_cell(page, from_london) == "Nov 5, 2026"
    assert release_date_cell(page, timed) == "Nov 17, 2026 9:30 AM CET"
    german = client.get("/desk/", headers={"Accept-Language": "de"}).text
    assert release_date_cell(german, day_only) == "17.11.2026"


def test_the_desk_search_finds_a_release_by_its_press_contact_or_its_quoted_id(desk):
    client, store = desk
    [robots] = fill(store, 1, batches=1, tag="robots",
                    contact="Maren Köhler\npress@northwind-robotics.example")  # fmt: skip
    others = fill(store, 3, batches=1, tag="rathaus", contact="Pressestelle der Stadt")
    for typed in ("Maren Köhler", "press@northwind-robotics.example", robots[:8], robots):
        page = client.get("/desk/", params={"q": typed}).text
        assert row_ids(page) == [robots], typed
    assert sorted(row_ids(client.get("/desk/", params={"q": "Pressestelle"}).text)) == sorted(
        others
    )


def test_each_reason_field_is_named_for_its_decision_in_english(desk):
    client, store = desk
    [waiting, live] = fill(store, 2, batches=1, tag="reasons")
    review.approve(store, live, actor="max", now=NOW)
    client.post("/desk/publish", data={"csrf": csrf_of(client.get("/desk/").text)})
    assert (
        '<label for="reason">Reason for rejecting</label>'
        in client.get(f"/desk/releases/{waiting}").text
    )
    published = client.get(f"/desk/releases/{live}").text
    assert '<label for="withdraw-reason">Reason for withdrawing</label>' in published
    assert 'for="reason"' not in published  # nothing waits to be rejected
