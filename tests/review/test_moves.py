"""Every state × every decision, as the README's lifecycle table says: each allowed move lands
where the table says, each forbidden one is refused with a reason, each repeat changes nothing."""

from __future__ import annotations

import pytest

from pipeline import review
from pipeline.errors import InvalidTransition
from pipeline.models import Problem, State
from pipeline.store import Store
from tests.factories import NOW, make_release


def names(release, release_id):
    return f"r-{release_id[:8]}.html"


def make(store: Store, state: str) -> str:
    """A release in `state` ("published+queued": live with a correction waiting)."""
    errors = (Problem(field="title", message="no headline found"),) if state == "invalid" else ()
    release = make_release("inbox/a.txt", errors=errors)
    store.save([(release, State.QUEUED, None)], now=NOW, actor="office")
    rid = release.id
    if state in ("approved", "published", "withdrawn") or state.startswith("published+"):
        review.approve(store, rid, actor="ed", now=NOW)
    if state == "published" or state.startswith("published+") or state == "withdrawn":
        store.publish_due(NOW, names)
    if state.startswith("published+"):
        changed = make_release("inbox/a.txt", title="Korrigiert")
        store.save([(changed, State.QUEUED, None)], now=NOW, actor="office")
    if state == "published+rejected":
        review.reject(store, rid, reason="falsch", actor="ed", now=NOW)
    if state == "rejected":
        review.reject(store, rid, reason="Werbung", actor="ed", now=NOW)
    if state == "withdrawn":
        review.withdraw(store, rid, reason="zurück", actor="ed", now=NOW)
    return rid


ACTIONS = {
    "approve": lambda store, rid: review.approve(store, rid, actor="ed", now=NOW),
    "reject": lambda store, rid: review.reject(store, rid, reason="nein", actor="ed", now=NOW),
    "withdraw": lambda store, rid: review.withdraw(store, rid, reason="weg", actor="ed", now=NOW),
    "reopen": lambda store, rid: review.reopen(store, rid, actor="ed", now=NOW),
}
REFUSED, SAME = "refused", "unchanged"
# state -> action -> (state, pending) afterwards, or REFUSED, or SAME (a no-op that says so)
TABLE = {
    "invalid": {"approve": REFUSED, "reject": ("rejected", None), "withdraw": REFUSED,
                "reopen": REFUSED},
    "queued": {"approve": ("approved", None), "reject": ("rejected", None), "withdraw": REFUSED,
               "reopen": REFUSED},
    "approved": {"approve": SAME, "reject": ("rejected", None), "withdraw": REFUSED,
                 "reopen": REFUSED},
    "published": {"approve": SAME, "reject": REFUSED, "withdraw": ("withdrawn", None),
                  "reopen": REFUSED},
    "published+queued": {"approve": ("published", "approved"),
                         "reject": ("published", "rejected"),
                         "withdraw": ("withdrawn", None), "reopen": REFUSED},
    "published+rejected": {"approve": REFUSED, "reject": REFUSED,
                           "withdraw": ("withdrawn", None), "reopen": ("published", "queued")},
    "rejected": {"approve": REFUSED, "reject": SAME, "withdraw": REFUSED,
                 "reopen": ("queued", None)},
    # approving the withdrawn text itself needs `again` (the CLI's --force): see below
    "withdrawn": {"approve": REFUSED, "reject": REFUSED, "withdraw": SAME,
                  "reopen": REFUSED},
}  # fmt: skip


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    yield store
    store.close()


@pytest.mark.parametrize(("start", "action"), [(s, a) for s, moves in TABLE.items() for a in moves])
def test_every_move_of_the_lifecycle_table(store, start, action):
    rid = make(store, start)
    before = store.get(rid)
    expected = TABLE[start][action]
    if expected == REFUSED:
        with pytest.raises((InvalidTransition, ValueError)):
            ACTIONS[action](store, rid)
        after = store.get(rid)
        assert (after.version, after.state, after.pending) == (
            before.version,
            before.state,
            before.pending,
        )
        return
    decided = ACTIONS[action](store, rid)
    after = store.get(rid)
    if expected == SAME:
        assert decided.outcome == "unchanged"
        assert after.version == before.version and len(after.events) == len(before.events)
        return
    assert (after.state.value, after.pending) == expected
    assert after.version == before.version + 1
    assert after.events[-1].actor == "ed"


def test_the_withdrawn_text_goes_live_again_only_when_asked_again(store):
    rid = make(store, "withdrawn")
    with pytest.raises(InvalidTransition, match=r"withdrawn \(zurück\) and has no new revision"):
        review.approve(store, rid, actor="ed", now=NOW)
    decided = review.approve(store, rid, actor="ed", now=NOW, again=True)
    assert (decided.view.state.value, decided.view.pending) == ("approved", None)
