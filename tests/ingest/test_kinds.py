"""The kinds `melder check` accepts are exactly the kinds ingest can run."""

from __future__ import annotations

from pipeline.config.kinds import SOURCE_KINDS
from pipeline.ingest import KINDS


def test_config_and_ingest_know_the_same_source_kinds():
    assert SOURCE_KINDS == frozenset(KINDS)
