"""Kind `api`: releases arrive through `melder submit` or the submission API; nothing to poll."""

from __future__ import annotations

from datetime import datetime

from pipeline.config import Config, SourceConfig
from pipeline.ingest.base import IngestResult


def ingest(name: str, source: SourceConfig, config: Config, *, now: datetime, seen) -> IngestResult:
    return IngestResult()
