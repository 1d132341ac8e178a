"""The rows one `save` call writes, collected first and then inserted with executemany, and
the order in which a batch that holds one release more than once is stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from pipeline.models import TRANSITIONS, Release, State
from pipeline.store.bulk import insert_many
from pipeline.store.records import Saved
from pipeline.store.tables import EventRow, InputRow, MediaUseRow, ReleaseRow, RevisionRow

CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


class Batch:
    """The rows one `save` call writes, collected first and then inserted with executemany.

    Per-row ORM flushes made a 10,000-file ingest spend most of its time in the session; the
    lifecycle rules are the same as for single transitions.
    """

    def __init__(self, *, now: datetime, actor: str) -> None:
        self.now = now
        self.actor = actor
        self.new_rows: list[dict] = []
        self.changed_rows: list[dict] = []
        self.revisions: list[dict] = []
        self.media_uses: list[dict] = []
        self.events: list[dict] = []

    def add(
        self,
        release: Release,
        state: State,
        existing: dict[str, dict],
        duplicate_of: str | None = None,
    ) -> Saved:
        current = existing.get(release.id)
        # the same content, or the sender's own last content again after an editor's edit
        if current is not None and release.content_hash == current["content_hash"]:
            return Saved(release.id, "unchanged", State(current["state"]), current["revision"])
        if current is not None and release.content_hash == current.get("sent_hash"):
            unchanged = State(current["state"])
            return Saved(release.id, "unchanged", unchanged, current["sent_revision"])
        if current is None:
            current = {"state": State.RECEIVED.value, "revision": 0, "version": 0}
            outcome = "new"
        else:
            outcome = "revised"
        revision = current["revision"] + 1
        arrival = State.INVALID if release.errors else state
        if duplicate_of is not None:
            release = release.model_copy(
                update={"warnings": (*release.warnings, f"possible duplicate of {duplicate_of}")}
            )
            if arrival == State.APPROVED:
                arrival = State.QUEUED  # a possible duplicate waits for an editor, trusted or not
        note = "; ".join(f"{p.field}: {p.message}" for p in release.errors) or None
        row = {
            "id": release.id,
            "revision": revision,
            "title": release.title,
            "language": release.language,
            "content_hash": release.content_hash,
            "changed_at": self.now,
            "version": current["version"] + 1,
        }
        if current["state"] == State.PUBLISHED.value:
            # live: readers keep the live revision while the new one is reviewed
            target = State.PUBLISHED
            row["pending"] = arrival.value
            row["publish_at"] = release.embargo_until if arrival == State.APPROVED else None
        elif current["state"] == State.WITHDRAWN.value:
            # an editor took it down: the notice stays up, and a new revision, even from a
            # trusted source, waits for an editor who knows why it was withdrawn
            target = State.WITHDRAWN
            row["pending"] = State.INVALID.value if release.errors else State.QUEUED.value
            row["publish_at"] = None
            note = "; ".join(
                part for part in (withdrawal_note(current.get("reason")), note) if part
            )
        else:
            target = arrival
            if target not in TRANSITIONS[State(current["state"])]:
                # a move the lifecycle refuses (a rejected release's invalid revision) keeps it
                target = State(current["state"])
            row["state"] = target.value
            row["reason"] = note if target in REASONED else None
            if target == State.APPROVED:
                row["publish_at"] = release.embargo_until
        if outcome == "new":
            row.update(
                source=release.source,
                identity=release.identity,
                created_at=self.now,
                duplicate_of=duplicate_of,
            )
            row.setdefault("publish_at", None)
            self.new_rows.append(row)
        else:
            if duplicate_of is not None:
                row["duplicate_of"] = duplicate_of
            self.changed_rows.append(row)
        existing[release.id] = {
            "state": target.value,
            "revision": revision,
            "version": row["version"],
            "content_hash": release.content_hash,
        }
        self.media_uses += media_uses(release)
        self.revisions.append(
            {
                "release_id": release.id,
                "number": revision,
                "content_hash": release.content_hash,
                "data": release.model_dump_json(),
                "created_at": self.now,
                "actor": self.actor,
            }
        )
        self.events.append(
            {
                "release_id": release.id,
                "at": self.now,
                "actor": self.actor,
                "action": "received" if outcome == "new" else "revised",
                "from_state": current["state"],
                "to_state": target.value,
                "revision": revision,
                "note": note,
            }
        )
        return Saved(release.id, outcome, target, revision)

    def write(self, session: Session) -> None:
        connection = session.connection()
        for rows in _grouped_by_keys(self.new_rows).values():
            insert_many(connection, ReleaseRow.__table__, rows)
        for keys, rows in _grouped_by_keys(self.changed_rows).items():
            table = ReleaseRow.__table__
            session.connection().execute(
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({key: bindparam(key) for key in keys if key != "id"}),
                [{"row_id": row["id"], **row} for row in rows],
            )
        insert_many(connection, RevisionRow.__table__, self.revisions)
        insert_many(connection, EventRow.__table__, self.events)
        insert_many(connection, MediaUseRow.__table__, self.media_uses)


def media_uses(release: Release) -> list[dict]:
    """The kept media files a revision of `release` shows."""
    shas = dict.fromkeys(media.sha256 for media in release.media if media.sha256)
    return [{"sha256": sha, "release_id": release.id} for sha in shas]


Item = tuple[Release, State, str | None]  # (release, its arrival state, input locator)


def rounds_of_distinct_ids(items: list[Item]) -> list[list[int]]:
    """The items' positions in rounds that hold each release at most once, in batch order:
    two inputs of one release in a batch (a file saved twice, a corrected copy beside the
    first) are stored one after the other, the later as the next revision, as across runs."""
    rounds: list[list[int]] = []
    seen: dict[str, int] = {}
    for position, (release, _, _) in enumerate(items):
        count = seen.get(release.id, 0)
        seen[release.id] = count + 1
        if count == len(rounds):
            rounds.append([])
        rounds[count].append(position)
    return rounds


def told_of_earlier_inputs(items: list[Item]) -> list[Item]:
    """A release that a batch brought from several inputs names, in each later revision, the
    input before it: which file came last decided which text is newest, and an editor should
    know that two files said to be one release."""
    before: dict[str, str] = {}
    told: list[Item] = []
    for release, state, locator in items:
        earlier = before.get(release.id)
        if earlier is not None and locator is not None and earlier != locator:
            release = release.model_copy(
                update={
                    "warnings": (
                        *release.warnings,
                        f"{locator} has the same sender's id as {earlier}, read before it in "
                        "the same ingest: it is stored as that release's next revision; "
                        "check which text is the newer",
                    )
                }
            )
        if locator is not None:
            before[release.id] = locator
        told.append((release, state, locator))
    return told


def remember_inputs(session: Session, items: list[Item], now: datetime) -> None:
    """Each input's locator with the content it last had and the release it made: an input
    read again unchanged is skipped before it is parsed."""
    located = {
        (release.source, locator): release for release, _, locator in items if locator is not None
    }
    if not located:
        return
    known: dict[tuple[str, str], int] = {}
    for source in {source for source, _ in located}:
        # only this batch's locators: the unique (source, locator) index answers each
        locators = sorted(locator for name, locator in located if name == source)
        for start in range(0, len(locators), CHUNK):
            rows = session.execute(
                select(InputRow.id, InputRow.locator).where(
                    InputRow.source == source,
                    InputRow.locator.in_(locators[start : start + CHUNK]),
                )
            )
            known.update({(source, locator): row_id for row_id, locator in rows})
    fresh, seen = [], []
    for key, release in located.items():
        values = {
            "content_hash": release.content_hash,
            "release_id": release.id,
            "seen_at": now,
        }
        if key in known:
            seen.append({"row_id": known[key], **values})
        else:
            fresh.append({"source": key[0], "locator": key[1], **values})
    if fresh:
        session.execute(insert(InputRow), fresh)
    if seen:
        session.connection().execute(
            update(InputRow.__table__)
            .where(InputRow.__table__.c.id == bindparam("row_id"))
            .values(
                content_hash=bindparam("content_hash"),
                release_id=bindparam("release_id"),
                seen_at=bindparam("seen_at"),
            ),
            seen,
        )


REASONED = frozenset({State.INVALID, State.REJECTED, State.WITHDRAWN})


def withdrawal_note(reason: str | None) -> str:
    """What the audit trail says of a withdrawn release's new revision."""
    why = f", reason: {reason}" if reason else ""
    return f"release withdrawn{why}; this revision waits for an editor"


def _grouped_by_keys(rows: list[dict]) -> dict[tuple[str, ...], list[dict]]:
    """executemany needs the same columns in every row; approved rows also set publish_at."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return groups


# What a reader of a release gets; the input's bytes, its arrival and its notes aside.
CONTENT_FIELDS = frozenset(
    {"title", "teaser", "text", "body_html", "language", "links", "published_at",
     "published_date_only", "embargo_until", "contact", "categories", "media", "errors"}
)  # fmt: skip


def same_content(stored: Release, sent: Release) -> bool:
    """The two say the same to a reader, whatever bytes they came in."""
    return stored.model_dump(include=CONTENT_FIELDS) == sent.model_dump(include=CONTENT_FIELDS)
