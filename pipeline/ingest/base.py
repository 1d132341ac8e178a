"""What every source kind hands back from one ingest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.models import RawRelease


@dataclass
class IngestResult:
    """The inputs one source yielded this run, and the ones it could not even read."""

    raws: list[tuple[RawRelease, str]] = field(default_factory=list)  # (raw, locator)
    skipped: int = 0  # unchanged since the last run
    failures: list[str] = field(default_factory=list)
    # Run once the batch is safely stored (flag mails, remember HTTP validators), so that a
    # crash before that point makes the next run read the same inputs again.
    on_stored: list[Callable[[], None]] = field(default_factory=list)
