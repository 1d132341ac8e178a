"""Shared fixtures: a temporary Melder root with real folders and a real SQLite file."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = REPO.parent / "shared" / "samples"
FIXTURES_ROOT = REPO / "tests" / "fixtures"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch):
    for name in ("MELDER_ROOT", "MELDER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def demo_root(tmp_path: Path) -> Path:
    """A copy of the repo's demo content (sources, outputs, schedule.toml)."""
    root = tmp_path / "root"
    root.mkdir()
    shutil.copytree(REPO / "sources", root / "sources")
    outputs = root / "outputs"
    outputs.mkdir()
    for channel in (REPO / "outputs").glob("*.toml"):
        shutil.copy(channel, outputs / channel.name)
    shutil.copy(REPO / "schedule.toml", root / "schedule.toml")
    return root


@pytest.fixture
def empty_root(tmp_path: Path) -> Path:
    """A root with one trusted files source, one reviewed one, and one channel."""
    root = tmp_path / "root"
    write(
        root / "sources" / "trusted.toml",
        """
        title = "Trusted Office"
        kind = "files"
        path = "inbox/trusted"
        review = "auto"
        language = "de"
        """,
    )
    write(
        root / "sources" / "reviewed.toml",
        """
        title = "Reviewed Office"
        kind = "files"
        path = "inbox/reviewed"
        """,
    )
    (root / "inbox" / "trusted").mkdir(parents=True)
    (root / "inbox" / "reviewed").mkdir(parents=True)
    write(
        root / "outputs" / "portal.toml",
        """
        title = "Portal"
        description = "Releases"
        link = "https://portal.example/melder"
        [disclaimer]
        text = "Inhalte Dritter. Verantwortlich ist allein {source}."
        """,
    )
    return root


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server; in CI it must be there, elsewhere its absence skips."""
    from tests.postgres import PostgresServer

    try:
        server = PostgresServer().start()
    except Exception as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL not available here: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The store's URL on each supported database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'melder.db'}"
    return request.getfixturevalue("postgres").new_database()


# A second loopback address stands in for a public host: the guard is told to count it as
# public (see `counts_as_public`), while 127.0.0.1 and every other private address stay refused.
PUBLIC_STAND_IN = "127.0.0.2"


def counts_as_public(address: str) -> str | None:
    from pipeline.ingest.guard import forbidden_address

    return None if address == PUBLIC_STAND_IN else forbidden_address(address)


@pytest.fixture
def public_server():
    """An HTTP server on the public stand-in address."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host=PUBLIC_STAND_IN, port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()
