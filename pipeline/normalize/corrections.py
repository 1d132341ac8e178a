"""A correction sent as a release of its own ('KORREKTUR: …', 'Berichtigung: …', 'CORRECTION:
…', 'UPDATE: …'): its label leaves the headline, and a warning says it is one, so that the store
can hold it beside the release it corrects instead of publishing a second release."""

from __future__ import annotations

import re

from pipeline.models import CORRECTION_MARK
from pipeline.normalize.headline_labels import LABEL_PREFIX_RE

_CORRECTION_WORD = re.compile(
    r"\b(?:korrektur|berichtigung|korrigierte|correction|corrected|update|aktualisierung)\b",
    re.I,
)


def correction_note(given_title: str) -> list[str]:
    """The warning for a title whose labels call the release a correction, if they do."""
    labels = LABEL_PREFIX_RE.match(given_title)
    if labels is None or not _CORRECTION_WORD.search(labels.group()):
        return []
    label = labels.group().strip()
    return [f"{CORRECTION_MARK} ({label!r}): compare it with the release it corrects"]
