"""Config stage: TOML files and environment → validated, frozen settings.

In: `sources/*.toml`, `outputs/*.toml`, `schedule.toml` under the root, and `MELDER_*`
environment variables (`config.settings`). Out: a `Config` plus every problem as
`file: key: message`. May import: `pipeline.models`, `pipeline.errors` and third-party
libraries only; every other stage may import this one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.config.load import load_config
    from pipeline.config.models import (
        ChannelConfig,
        Config,
        Disclaimer,
        ExtractRules,
        ImapConfig,
        JobConfig,
        MediaOutput,
        ScheduleConfig,
        SourceConfig,
        parse_interval,
    )
    from pipeline.config.peek import NAME_RE

# pydantic is imported when a command first needs the config, not when it reads its
# settings (`config.settings`) or peeks at names (`config.peek`): a fast `melder queue`
_HOMES = {"load_config": "pipeline.config.load", "NAME_RE": "pipeline.config.peek"}


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'pipeline.config' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_HOMES.get(name, "pipeline.config.models")), name)


__all__ = [
    "NAME_RE",
    "ChannelConfig",
    "MediaOutput",
    "Config",
    "Disclaimer",
    "ExtractRules",
    "ImapConfig",
    "JobConfig",
    "ScheduleConfig",
    "SourceConfig",
    "load_config",
    "parse_interval",
]
