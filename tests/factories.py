"""Small builders for releases in tests that do not care how an input was read."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pipeline.models import Problem, Provenance, Release, release_id

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def make_release(
    identity: str = "inbox/a.txt",
    *,
    source: str = "trusted",
    title: str = "Stadt eröffnet neue Bibliothek",
    text: str | None = None,
    errors: tuple[Problem, ...] = (),
    **fields,
) -> Release:
    if text is None:
        # distinct per identity: releases that share their text are held as possible duplicates
        marks = " ".join(
            hashlib.sha256(identity.encode()).hexdigest()[i : i + 4] for i in range(0, 32, 4)
        )
        text = f"Die Stadt eröffnet am Montag ihre neue Bibliothek. Aktenzeichen {marks}."
    body = "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))
    digest = hashlib.sha256(f"{title}|{text}|{fields}".encode()).hexdigest()
    values = dict(
        id=release_id(source, identity),
        source=source,
        identity=identity,
        title=title,
        slug="stadt-eroeffnet-neue-bibliothek",
        teaser=text[:120],
        body_html=body,
        text=text,
        language="de",
        provenance=Provenance(route="files", received_at=NOW, path=identity),
        content_hash=digest,
        errors=errors,
    )
    values.update(fields)
    return Release(**values)
