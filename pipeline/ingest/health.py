"""Per-source health: what happened at the last attempts, and whether to wait before the next.

After `FAILURES_BEFORE_BACKOFF` failed runs in a row a source is left alone for a while that
doubles with every further failure (capped at a day), so a dead site is not hammered and does
not cost the others time. A source that has brought nothing new for longer than its
`expect_every` is flagged as silent: its feed may have moved without an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.config import SourceConfig, parse_interval

FAILURES_BEFORE_BACKOFF = 3
DEFAULT_BACKOFF = timedelta(minutes=15)
MAX_BACKOFF = timedelta(days=1)


@dataclass(frozen=True)
class SourceHealth:
    source: str
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    last_new_at: datetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None
    backoff_until: datetime | None = None

    def backing_off(self, now: datetime) -> bool:
        return self.backoff_until is not None and self.backoff_until > now

    def silent(self, source: SourceConfig | None, now: datetime) -> bool:
        """Nothing new for longer than the source's `expect_every` (counted from the first try)."""
        if source is None or not source.enabled or source.expect_every is None:
            return False
        if self.last_attempt_at is None:
            return False
        since = self.last_new_at or self._first_seen()
        return since is not None and now - since > timedelta(
            seconds=parse_interval(source.expect_every)
        )

    def _first_seen(self) -> datetime | None:
        return self.last_success_at or self.last_attempt_at


def backoff_delay(failures: int, base: timedelta = DEFAULT_BACKOFF) -> timedelta | None:
    """How long to leave a source alone after `failures` failed runs in a row."""
    if failures < FAILURES_BEFORE_BACKOFF:
        return None
    return min(base * (2 ** (failures - FAILURES_BEFORE_BACKOFF)), MAX_BACKOFF)


def backoff_base(source: SourceConfig | None) -> timedelta:
    """A source polled every N waits at least N before its next try."""
    if source is not None and source.every:
        return max(DEFAULT_BACKOFF, timedelta(seconds=parse_interval(source.every)))
    return DEFAULT_BACKOFF


def after_attempt(
    health: SourceHealth,
    *,
    now: datetime,
    error: str | None,
    new: int,
    base: timedelta = DEFAULT_BACKOFF,
) -> SourceHealth:
    """The health after one attempt: pure, so that the rules can be tested without a store."""
    if error is None:
        return SourceHealth(
            source=health.source,
            last_attempt_at=now,
            last_success_at=now,
            last_new_at=now if new else health.last_new_at,
            consecutive_failures=0,
            last_error=health.last_error,
            last_error_at=health.last_error_at,
            backoff_until=None,
        )
    failures = health.consecutive_failures + 1
    delay = backoff_delay(failures, base)
    return SourceHealth(
        source=health.source,
        last_attempt_at=now,
        last_success_at=health.last_success_at,
        last_new_at=health.last_new_at,
        consecutive_failures=failures,
        last_error=error,
        last_error_at=now,
        backoff_until=now + delay if delay else None,
    )


FIELDS = tuple(SourceHealth.__dataclass_fields__)


def health_json(health: SourceHealth, source: SourceConfig | None, now: datetime) -> dict:
    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    return {
        "source": health.source,
        "last_attempt_at": iso(health.last_attempt_at),
        "last_success_at": iso(health.last_success_at),
        "last_new_at": iso(health.last_new_at),
        "consecutive_failures": health.consecutive_failures,
        "last_error": health.last_error,
        "last_error_at": iso(health.last_error_at),
        "backoff_until": iso(health.backoff_until) if health.backing_off(now) else None,
        "silent": health.silent(source, now),
        "expect_every": source.expect_every if source else None,
        # False for `enabled = false` and for a source whose file is gone: nobody fetches it
        "enabled": bool(source and source.enabled),
    }
