"""A date under a label that names what happened or will happen ('Alarmzeit:', 'Einsatzbeginn:',
'Datum der Veranstaltung:', 'Tatzeit:'): a field of an incident's or an event's details, never
the day the page was published."""

from __future__ import annotations

import re

# the label right before the date, up to its colon (a table's cells run together with '|')
_LABEL_BEFORE_RE = re.compile(r"(?P<label>[^\W\d][\w .-]{1,40}?)\s*:\s*\|?\s*$")
_EVENT_LABEL_RE = re.compile(
    r"alarm|einsatz|veranstaltung|termin|beginn|\bende\b|\w+ende\b|\bwann\b|tatzeit|unfallzeit"
    r"|zeitraum|ereignis|anmeldeschluss|frist|\bevent\b|incident|dispatch|\bwhen\b"
    r"|\bstart(?:s|\s+date|\s+time)?\b|\bend(?:s|\s+date|\s+time)?\b|deadline",
    re.I,
)


def labels_an_event(before: str) -> bool:
    """`before` (the text in front of a date) ends with a label that names an incident's or
    an event's time."""
    label = _LABEL_BEFORE_RE.search(before)
    return bool(label and _EVENT_LABEL_RE.search(label.group("label")))
