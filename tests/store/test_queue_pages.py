"""The queue pages through every release exactly once, newest first (arrival, then id), with
counts that follow the filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.models import State
from pipeline.store import Store
from tests.factories import make_release


def test_pages_forward_and_back_see_every_release_once_in_one_order(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'melder.db'}")
    start = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    for batch in range(5):  # five arrivals of 23 releases each: ties on arrival time
        items = [
            (
                make_release(identity=f"in/{batch}-{n}.txt", title=f"Meldung {batch}-{n}"),
                State.QUEUED,
                None,
            )
            for n in range(23)
        ]
        store.save(items, now=start + timedelta(minutes=batch), actor="test")
    everything = [view.release.id for view in store.search(limit=1000)]
    assert len(everything) == 115 == store.count()
    pages, after = [], None
    while True:
        page = store.search(limit=20, after=after)
        if not page:
            break
        pages.append([view.release.id for view in page])
        after = (page[-1].created_at, page[-1].release.id)
    assert [rid for page in pages for rid in page] == everything
    back = store.search(limit=20, before=(store.get(pages[2][0]).created_at, pages[2][0]))
    assert [view.release.id for view in back] == pages[1]
    assert store.count(state=State.QUEUED) == 115 and store.count(state=State.APPROVED) == 0
    store.close()
