"""The states a release moves through and the moves allowed between them.

Plain enums with no pydantic, so quick commands (`melder queue`) can name states without
building the models; `pipeline.models` hands them on.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"
    INVALID = "invalid"
    QUEUED = "queued"
    APPROVED = "approved"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# Which moves the lifecycle allows; anything else raises `InvalidTransition`.
TRANSITIONS: dict[State, frozenset[State]] = {
    State.RECEIVED: frozenset({State.INVALID, State.QUEUED, State.APPROVED}),
    State.INVALID: frozenset({State.QUEUED, State.APPROVED, State.INVALID, State.REJECTED}),
    State.QUEUED: frozenset({State.APPROVED, State.REJECTED, State.QUEUED, State.INVALID}),
    State.APPROVED: frozenset(
        {State.PUBLISHED, State.QUEUED, State.REJECTED, State.APPROVED, State.INVALID}
    ),
    State.PUBLISHED: frozenset({State.WITHDRAWN, State.PUBLISHED, State.APPROVED, State.QUEUED}),
    State.REJECTED: frozenset({State.QUEUED, State.APPROVED}),
    State.WITHDRAWN: frozenset({State.APPROVED}),
}
