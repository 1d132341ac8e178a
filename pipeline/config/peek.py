"""What a quick command needs from the config, read without judging all of it: the names of
the sources, the schedule's time zone and the database URL. `load_config` and `Settings` stay
the ones that check; `melder queue` peeks so that it starts fast (no pydantic models) and still
lists releases while a TOML file is broken."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_ZONE = "Europe/Berlin"
ENV_PREFIX = "MELDER_"


def environment_value(name: str) -> str | None:
    """MELDER_<NAME> as `Settings` reads it: the variable's name in any case."""
    wanted = (ENV_PREFIX + name).casefold()
    return next((v for k, v in os.environ.items() if k.casefold() == wanted), None)


def database_url_for(root: Path, configured: str | None) -> str:
    """The store's URL: MELDER_DATABASE_URL, else the SQLite file var/melder.db under the root."""
    if configured:
        return configured
    return f"sqlite:///{(root / 'var' / 'melder.db').resolve()}"


def source_names(root: Path) -> set[str]:
    """Every source a file under sources/ names, whether or not its settings are valid."""
    folder = root / "sources"
    return {path.stem for path in folder.glob("*.toml") if NAME_RE.match(path.stem)}


def schedule_zone(root: Path) -> ZoneInfo:
    """The zone schedule.toml names for showing times; the default when it names none, or
    none that can be read (`melder check` says why)."""
    try:
        text = (root / "schedule.toml").read_text(encoding="utf-8-sig")
        name = tomllib.loads(text).get("timezone", DEFAULT_ZONE)
        return ZoneInfo(name)
    except (OSError, ValueError, KeyError, TypeError):  # TOMLDecodeError is a ValueError
        return ZoneInfo(DEFAULT_ZONE)
