"""What a quick command needs from the config, read without judging all of it: the names of
the sources and the schedule's time zone. `load_config` stays the one that checks the files;
`melder queue` peeks so that it starts fast and still lists releases while a TOML is broken."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_ZONE = "Europe/Berlin"


def source_names(root: Path) -> set[str]:
    """Every source a file under sources/ names, whether or not its settings are valid."""
    folder = root / "sources"
    return {path.stem for path in folder.glob("*.toml") if NAME_RE.match(path.stem)}


def schedule_zone(root: Path) -> ZoneInfo:
    """The zone schedule.toml names for showing times; the default when it names none, or
    none that can be read (`melder check` says why)."""
    try:
        with (root / "schedule.toml").open("rb") as handle:
            name = tomllib.load(handle).get("timezone", DEFAULT_ZONE)
        return ZoneInfo(name)
    except (OSError, ValueError, KeyError, TypeError):  # TOMLDecodeError is a ValueError
        return ZoneInfo(DEFAULT_ZONE)
