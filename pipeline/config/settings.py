"""Deployment settings from MELDER_* environment variables.

Read with the standard library alone: every command reads them first, and `melder queue` must
start in a fraction of a second (pydantic-settings alone imported asyncio, ssl and argparse).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PREFIX = "MELDER_"


class SettingsError(ValueError):
    """A MELDER_* variable holds a value Melder cannot use; the message names it."""


def _env(name: str) -> str | None:
    value = os.environ.get(PREFIX + name.upper())
    return value if value else None


def _whole_bytes(name: str, default: int) -> int:
    value = _env(name)
    if value is None:
        return default
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        number = 0
    if number <= 0:
        raise SettingsError(
            f"{PREFIX}{name.upper()}={value!r} is not a positive whole number of bytes; "
            f"unset it for the default {default} or give e.g. {PREFIX}{name.upper()}=5000000"
        )
    return number


@dataclass(frozen=True)
class Settings:
    """What the environment says; arguments given to the constructor win over it."""

    root: Path = field(default_factory=lambda: Path(_env("root") or "."))
    database_url: str | None = field(default_factory=lambda: _env("database_url"))
    secret_key: str = field(default_factory=lambda: _env("secret_key") or "")
    base_url: str | None = field(default_factory=lambda: _env("base_url"))
    max_input_bytes: int = field(
        default_factory=lambda: _whole_bytes("max_input_bytes", 10_000_000)
    )

    @classmethod
    def names(cls) -> list[str]:
        return [setting.name for setting in fields(cls)]

    def with_values(self, **values) -> Settings:
        return replace(self, **values)

    def database_url_for(self, root: Path) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(root / 'var' / 'melder.db').resolve()}"
