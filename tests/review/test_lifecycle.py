"""The release state machine: every allowed move works, every other one is refused."""

from __future__ import annotations

import pytest

from pipeline.models import TRANSITIONS, State


@pytest.mark.parametrize("start", list(State))
@pytest.mark.parametrize("target", list(State))
def test_transition_table_is_explicit(start, target):
    allowed = target in TRANSITIONS[start]
    # nothing ever returns to "received", and a withdrawn release only comes back by approval
    if target == State.RECEIVED:
        assert not allowed
    if start == State.WITHDRAWN:
        assert allowed == (target == State.APPROVED)
    if start == State.REJECTED and target == State.PUBLISHED:
        assert not allowed
    if target == State.PUBLISHED:
        assert allowed == (start in {State.APPROVED, State.PUBLISHED})
