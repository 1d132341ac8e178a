"""Deployment settings from MELDER_* environment variables (pydantic-settings).

Built when a command first asks for them; `melder queue` needs only the database URL and
reads that one variable through `config.peek`, which a test keeps in step with this model.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, field_validator
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

    @field_validator("base_url")
    @classmethod
    def _absolute_base_url(cls, value: str | None) -> str | None:
        """Status URLs and Location headers are built on it: a client would take a bare host
        ('melder.example') for a path on its own server."""
        if value is None or not value.strip():
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                "must be an absolute http(s) URL such as https://melder.example (the public "
                "address of `melder serve`)"
            )
        return value.strip()

    @field_validator("secret_key")
    @classmethod
    def _no_blank_secret(cls, value: str) -> str:
        if value and not value.strip():
            raise ValueError("is only spaces; set a long random value (it signs sessions)")
        return value

    def database_url_for(self, root: Path) -> str:
        return database_url_for(root, self.database_url)


def settings_problem(exc: ValidationError) -> str:
    """A settings error as one line: which MELDER_* value and what is wrong."""
    return "; ".join(settings_problems(exc))


def settings_problems(exc: ValidationError) -> list[str]:
    """Each wrong MELDER_* value, named with what was given and what is wrong."""
    lines = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        lines.append(
            f"{ENV_PREFIX}{'.'.join(map(str, error['loc'])).upper()}={error.get('input')!r}: "
            f"{message[:1].lower()}{message[1:]}"
        )
    return lines
