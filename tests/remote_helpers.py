"""Shared by the tests of the remote source kinds: fixtures, fast sources, a quick client."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.config import Config, SourceConfig
from pipeline.ingest import KINDS
from pipeline.ingest.base import IngestResult
from pipeline.ingest.client import HttpClient
from tests.conftest import FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "remote"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

# Sources in tests talk to 127.0.0.1 (allow_private), wait for nobody and give up quickly.
FAST_KEYS = {"allow_private": True, "robots": False, "delay": 0, "timeout": 1, "retries": 1}
FAST_TOML = "allow_private = true\nrobots = false\ndelay = 0\ntimeout = 1\nretries = 1\n"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def local(server, path: str) -> str:
    """The test server by its address, as the sources in these tests name it."""
    return f"http://127.0.0.1:{server.port}{path}"


def remote_source(kind: str, url: str | None = None, **keys) -> SourceConfig:
    return SourceConfig(title="Presse", kind=kind, url=url, **{**FAST_KEYS, **keys})


def quick_client() -> HttpClient:
    return HttpClient(backoff=0.01, max_wait=2)


def run_kind(
    kind: str,
    source: SourceConfig,
    root: Path,
    *,
    client: HttpClient | None = None,
    seen=lambda locator, digest: False,
) -> IngestResult:
    """One ingest of a kind, then what the runner does once the batch is stored."""
    extra = {"client": client or quick_client()} if kind in {"rss", "web"} else {}
    result = KINDS[kind]("presse", source, Config(root=root), now=NOW, seen=seen, **extra)
    for done in result.on_stored:
        done()
    return result
