"""Deployment settings from MELDER_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MELDER_", extra="ignore")

    root: Path = Path(".")
    database_url: str | None = None  # default: sqlite file var/melder.db under the root
    secret_key: str = ""
    base_url: str | None = None
    max_input_bytes: int = 10_000_000

    def database_url_for(self, root: Path) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(root / 'var' / 'melder.db').resolve()}"
