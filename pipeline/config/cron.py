"""Crontab syntax, checked where the config is read: each of the five fields on its own.

The scheduler (`pipeline.schedule`) builds its triggers from the same library, so what passes
here is what it runs.
"""

from __future__ import annotations

from datetime import UTC, datetime

from apscheduler.triggers.cron import CronTrigger


def cron_problem(expression: str, timezone: str) -> str | None:
    """Why a crontab expression is wrong, naming the field, or None when it is fine."""
    fields = expression.split()
    names = ["minute", "hour", "day", "month", "day_of_week"]
    if len(fields) != 5:
        return f"cron {expression!r} needs 5 fields (minute hour day month day_of_week)"
    for name, value in zip(names, fields, strict=True):
        try:
            CronTrigger(**{name: value}, timezone=timezone)
        except ValueError as exc:
            return f"cron field {name} {value!r} is invalid: {exc}"
    minute, hour, day, month, day_of_week = fields
    whole = CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week, timezone=timezone
    )
    if whole.get_next_fire_time(None, datetime.now(UTC)) is None:
        return f"cron {expression!r} never fires (no such date, e.g. 31 February)"
    return None
