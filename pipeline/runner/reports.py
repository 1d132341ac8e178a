"""What a run reports: per source, and for a whole ingest or publish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

Progress = Callable[[str, int, int], None]  # (source, inputs stored, inputs read)


@dataclass
class SourceReport:
    source: str
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    invalid: int = 0
    error: str | None = None
    failures: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new,
            "revised": self.revised,
            "unchanged": self.unchanged,
            "invalid": self.invalid,
            "failures": len(self.failures),
        }


@dataclass
class RunReport:
    sources: list[SourceReport] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    channels: dict[str, int] = field(default_factory=dict)  # channel -> files changed
    waiting: list[tuple[str, datetime | None]] = field(default_factory=list)  # approved, not out
    unrouted: list[str] = field(default_factory=list)  # approved, but no channel takes them
    behind: dict[str, str] = field(default_factory=dict)  # channel -> why its files are old
    deliveries: dict[str, int] = field(default_factory=dict)  # webhook outcomes this run

    @property
    def failed(self) -> bool:
        return bool(self.behind) or any(report.error for report in self.sources)
