"""The names a source's `kind` may take; `pipeline.ingest.KINDS` implements exactly these.

They live here, below the ingest stage, so that reading the config does not import the stage
that runs it (a test keeps the two lists equal).
"""

from __future__ import annotations

SOURCE_KINDS = frozenset({"files", "api", "rss", "web", "imap"})
