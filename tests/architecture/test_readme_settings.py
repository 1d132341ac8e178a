"""Every setting an operator can write is documented: each TOML key and MELDER_* variable
appears in the README (as Datasette checks its settings)."""

from __future__ import annotations

import pytest

from pipeline.config.models import (
    ChannelConfig,
    Disclaimer,
    ExtractRules,
    ImapConfig,
    JobConfig,
    ScheduleConfig,
    SourceConfig,
)
from pipeline.config.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
MODELS = [SourceConfig, ChannelConfig, Disclaimer, ExtractRules, ImapConfig, JobConfig]
KEYS = sorted({(model.__name__, key) for model in MODELS for key in model.model_fields})


@pytest.mark.parametrize(("model", "key"), KEYS)
def test_every_config_key_is_in_the_readme(model, key):
    assert f"`{key}`" in README, f"README.md does not document {model}.{key}"


def test_the_schedule_keys_and_every_environment_variable_are_in_the_readme():
    for key in ScheduleConfig.model_fields:
        assert f"`{key}`" in README, key
    for name in Settings.model_fields:
        assert f"`MELDER_{name.upper()}`" in README, name
