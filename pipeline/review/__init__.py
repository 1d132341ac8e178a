"""Review stage: the editorial decisions the desk and the CLI share.

What happens to a release on arrival, approve (now, at a time, or taken back), reject,
withdraw, reopen, merge a duplicate, and edits and corrections as new revisions; the rules of
the lifecycle live in `models.TRANSITIONS`.

In: the store and an editor's decision. Out: the release's new state (`Decided`), written as a
compare-and-swap on the version the editor saw. May import: `pipeline.store`,
`pipeline.normalize` (captions of edited media), `pipeline.config`, `pipeline.models`,
`pipeline.errors`.
"""

from pipeline.errors import Conflict
from pipeline.review.decisions import (
    Decided,
    approve,
    arrival_state,
    dated_ahead,
    goes_out_at,
    keep_both,
    merge,
    reject,
    reopen,
    scheduled_for,
    unapprove,
    withdraw,
)
from pipeline.review.edits import correct, edit, edited_release

__all__ = [
    "Conflict",
    "Decided",
    "approve",
    "arrival_state",
    "correct",
    "dated_ahead",
    "edit",
    "edited_release",
    "goes_out_at",
    "keep_both",
    "merge",
    "reject",
    "reopen",
    "scheduled_for",
    "unapprove",
    "withdraw",
]
