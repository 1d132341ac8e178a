"""What readers see of a withdrawn release: its title marked as withdrawn, and a notice."""

from __future__ import annotations

from datetime import datetime
from html import escape

WITHDRAWN_TITLE = {"de": "Zurückgezogen: {title}", "en": "Withdrawn: {title}"}
NOTICE = {
    "de": "Diese Meldung wurde vom Absender oder der Redaktion zurückgezogen.",
    "en": "This release has been withdrawn.",
}


def notice_text(language: str) -> str:
    return NOTICE[language if language in NOTICE else "en"]


def notice_html(title: str, language: str, withdrawn_at: datetime) -> str:
    """What a withdrawn release's URL shows from then on: its title and that it was withdrawn,
    dated in the channel's zone and language like every other date Melder shows."""
    from pipeline.publish.labels import human_date

    language = language if language in NOTICE else "en"
    return (
        f'<article class="melder-release melder-withdrawn" lang="{language}">\n'
        f"<h2>{escape(title)}</h2>\n"
        f'<p><time datetime="{withdrawn_at.isoformat(timespec="seconds")}">'
        f"{escape(human_date(withdrawn_at, language))}</time> · {NOTICE[language]}</p>\n"
        "</article>\n"
    )
