"""Config stage: TOML files and environment → validated, frozen settings.

In: `sources/*.toml`, `outputs/*.toml`, `schedule.toml` under the root, and `MELDER_*`
environment variables (`config.settings`). Out: a `Config` plus every problem as
`file: key: message`. May import: `pipeline.models`, `pipeline.errors` and third-party
libraries only; every other stage may import this one.
"""

from pipeline.config.load import load_config
from pipeline.config.models import (
    NAME_RE,
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
