"""Deployment settings from MELDER_* environment variables (pydantic-settings).

Built when a command first asks for them; `melder queue` needs only the database URL and
reads that one variable through `config.peek`, which a test keeps in step with this model.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.config.peek import ENV_PREFIX, database_url_for


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    root: Path = Path(".")
    database_url: str | None = None  # default: sqlite file var/melder.db under the root
    secret_key: str = ""
    base_url: str | None = None
    max_input_bytes: int = 10_000_000
    ingest_workers: int | None = Field(default=None, ge=1)  # default: one per core, at most 8

    def database_url_for(self, root: Path) -> str:
        return database_url_for(root, self.database_url)


def settings_problem(exc: ValidationError) -> str:
    """A settings error as one line per variable: which MELDER_* value and what is wrong."""
    return "; ".join(
        f"{ENV_PREFIX}{'.'.join(map(str, error['loc'])).upper()}={error.get('input')!r}: "
        f"{error['msg'].lower()}"
        for error in exc.errors()
    )
