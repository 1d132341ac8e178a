"""The release a correction corrects. A correction sent as a new mail ('KORREKTUR: …') has an id
of its own and a text that differs from the first one's by a note and the corrected detail, often
too much for its fingerprint to match. Its headline is the first one's, or nearly: the newest
release of the same source whose headline reads alike is the one it corrects."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.models import Release
from pipeline.store.tables import ReleaseRow

RECENT = 200  # of the source's newest releases: a correction follows its release within days
ALIKE = 0.7  # headlines that differ in a date or a figure ('ab 30. November', 'ab 7. Dezember')


def _words(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def corrected_release(
    session: Session, release: Release, earlier: list[tuple[str, str, str]]
) -> str | None:
    """The id of the release `release` corrects, if one reads alike. `earlier` holds (id,
    source, title) of the releases saved before it in the same batch, oldest first."""
    stored = session.execute(
        select(ReleaseRow.id, ReleaseRow.title)
        .where(ReleaseRow.source == release.source, ReleaseRow.id != release.id)
        .order_by(ReleaseRow.created_at.desc(), ReleaseRow.id.desc())
        .limit(RECENT)
    )
    candidates = [
        (rid, title) for rid, source, title in reversed(earlier) if source == release.source
    ] + [(row.id, row.title) for row in stored]
    wanted = _words(release.title)
    best, best_id = 0.0, None
    for rid, title in candidates:  # newest first: of two alike, the newer is corrected
        score = SequenceMatcher(None, wanted, _words(title)).ratio()
        if rid != release.id and score > best:
            best, best_id = score, rid
    return best_id if best >= ALIKE else None


def correction_warning(release_id: str, corrected: str) -> str:
    return (
        f"a correction of {corrected}: merge it as that release's next revision "
        f"(`melder merge {release_id} --into {corrected}`), or keep both"
    )
