"""What every source kind hands back from one ingest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.atomic import write_atomic
from pipeline.models import RawRelease


@dataclass
class IngestResult:
    """The inputs one source yielded this run, and the ones it could not even read."""

    # (raw, locator) pairs: a list, or an iterator that reads inputs as they are stored, so a
    # large folder never sits in memory at once and a kill keeps what was stored before it
    raws: list[tuple[RawRelease, str]] | Iterator[tuple[RawRelease, str]] = field(
        default_factory=list
    )
    expected: int | None = None  # how many inputs `raws` will yield, when known up front
    skipped: int = 0  # unchanged since the last run
    failures: list[str] = field(default_factory=list)
    # Run once the batch is safely stored (flag mails, remember HTTP validators), so that a
    # crash before that point makes the next run read the same inputs again.
    on_stored: list[Callable[[], None]] = field(default_factory=list)


def keep_original(
    root: Path, source: str, data: bytes, suffix: str, area: str = "originals"
) -> str:
    """Keep an input's bytes under var/<area>/<source>/, named by their hash; returns the path
    relative to the root. The desk shows the original from there and from nowhere else."""
    relative = Path("var") / area / source / f"{hashlib.sha256(data).hexdigest()[:24]}{suffix}"
    path = root / relative
    if not path.exists():
        write_atomic(path, data)
    return relative.as_posix()


class KnownInputs:
    """The inputs a source brought before, locator -> content hash: called as `seen(locator,
    digest)`, true when that input is stored with that content."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known

    def __call__(self, locator: str, digest: str) -> bool:
        return self.known.get(locator) == digest

    def digest_of(self, locator: str) -> str | None:
        return self.known.get(locator)
