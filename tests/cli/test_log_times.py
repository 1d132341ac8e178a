"""Log lines carry their time with its offset, in the schedule's zone, so that an operator can
match them with what `melder status` shows, whatever zone the machine runs in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import write
from tests.remote_helpers import FAST_TOML

LOG_LINE = re.compile(
    r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d) WARNING pipeline\.runner "
    r"source=broken ingest failed"
)


def failed_ingest_log(root: Path, machine_zone: str) -> tuple[datetime, datetime, str]:
    write(
        root / "sources" / "broken.toml",
        'title = "B"\nkind = "rss"\nurl = "http://127.0.0.1:1/feed.xml"\n' + FAST_TOML,
    )
    before = datetime.now(UTC).replace(microsecond=0)
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), "ingest", "broken"],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": machine_zone},
        timeout=120,
    )
    after = datetime.now(UTC)
    [line] = [line for line in result.stderr.splitlines() if LOG_LINE.match(line)]
    return before, after, LOG_LINE.match(line).group(1)


@pytest.mark.parametrize(
    ("schedule_zone", "machine_zone"),
    [("Europe/Berlin", "America/New_York"), ("America/New_York", "Europe/Berlin")],
)
def test_a_log_line_is_dated_in_the_schedules_zone(empty_root, schedule_zone, machine_zone):
    write(empty_root / "schedule.toml", f'timezone = "{schedule_zone}"\n')

    before, after, stamp = failed_ingest_log(empty_root, machine_zone)

    logged = datetime.fromisoformat(stamp)
    assert before <= logged <= after
    assert logged.utcoffset() == logged.astimezone(ZoneInfo(schedule_zone)).utcoffset()


def test_without_a_schedule_log_lines_are_dated_in_berlin(empty_root):
    before, after, stamp = failed_ingest_log(empty_root, "UTC")
    logged = datetime.fromisoformat(stamp)
    assert before <= logged <= after
    assert logged.utcoffset() == logged.astimezone(ZoneInfo("Europe/Berlin")).utcoffset()
