"""Builders for publish tests: releases, entries, sources and channels made directly."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pipeline.config import ChannelConfig, Disclaimer, SourceConfig
from pipeline.models import Entry, Link, Provenance, Release, State, release_id
from pipeline.publish import public_name

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
CHANNEL_LINK = "https://portal.example/melder"

DISCLAIMER_DE = (
    "Im „Melder“ finden Sie Inhalte Dritter, die ungeprüft veröffentlicht werden. "
    "Für die Inhalte ist allein {source} verantwortlich."
)
DISCLAIMER_EN = "Third-party content, published unchecked. {source} alone is responsible for it."
# The sentences above as rendered for the two sample sources.
LEIPZIG_DISCLAIMER = (
    "Für die Inhalte ist allein Stadt Leipzig – Medieninformationen verantwortlich."
)
BRISTOL_DISCLAIMER = "Bristol City Council alone is responsible for it."


def sources() -> dict[str, SourceConfig]:
    return {
        "leipzig": SourceConfig(
            title="Stadt Leipzig – Medieninformationen",
            kind="files",
            path="inbox/leipzig",
            timezone="Europe/Berlin",
            contact_email="presse@leipzig.example",
        ),
        "bristol": SourceConfig(
            title="Bristol City Council",
            kind="rss",
            url="https://bristol.example/feed",
            timezone="Europe/London",
            language="en",
        ),
    }


def channel(**overrides) -> ChannelConfig:
    disclaimer = overrides.pop(
        "disclaimer", Disclaimer(text=DISCLAIMER_DE, variants={"en": DISCLAIMER_EN})
    )
    values = {
        "title": "Melder",
        "description": "Pressemitteilungen aus Leipzig",
        "link": CHANNEL_LINK,
        "language": "de",
        "disclaimer": disclaimer,
    }
    values.update(overrides)
    return ChannelConfig(**values)


def release(
    *,
    source: str = "leipzig",
    identity: str = "inbox/leipzig/asienkonferenz.html",
    title: str = "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus",
    slug: str = "3-asienkonferenz-nimmt-kommunale-partnerschaften-in-fokus",
    teaser: str = "Leipzig lädt am 25. November Gäste aus „Partnerstädten“ ein.",
    body_html: str | None = None,
    text: str = "",
    language: str = "de",
    published_at: datetime | None = datetime(2026, 11, 25, 10, 30, tzinfo=BERLIN),
    embargo_until: datetime | None = None,
    contact: str | None = "Stadt Leipzig, Referat Kommunikation\nTelefon: 0341 123-2018",
    links: tuple[Link, ...] = (
        Link(url="https://www.leipzig.example/asienkonferenz", text="Programm & Anmeldung"),
    ),
    categories: tuple[str, ...] = ("Internationales", "Rathaus"),
) -> Release:
    if body_html is None:
        body_html = (
            "<p>Die Konferenz im Neuen Rathaus bringt Vertreter aus Städten wie Nanjing "
            'und Hô-Chi-Minh-Stadt zusammen. <a href="https://www.leipzig.example/rathaus">'
            "Anfahrt</a></p>\n<p>Oberbürgermeister Jung: „Partnerschaften leben vom "
            "Austausch.“</p>"
        )
    return Release(
        id=release_id(source, identity),
        source=source,
        identity=identity,
        title=title,
        slug=slug,
        teaser=teaser,
        body_html=body_html,
        text=text or title,
        language=language,
        published_at=published_at,
        embargo_until=embargo_until,
        contact=contact,
        links=links,
        categories=categories,
        provenance=Provenance(
            route="files", received_at=datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN)
        ),
        content_hash="0" * 64,
    )


def english_release(**overrides) -> Release:
    values = {
        "source": "bristol",
        "identity": "https://bristol.example/news/harbour-festival",
        "title": "Harbour Festival returns with “quiet hours” for families",
        "slug": "harbour-festival-returns-with-quiet-hours-for-families",
        "teaser": "The city's harbour festival adds sensory-friendly hours this year.",
        "body_html": (
            "<p>Bristol's harbour festival runs from 17 to 19 July. "
            '<a href="https://bristol.example/festival">Details</a></p>'
            "<ul><li>Quiet hours: 10 am – 12 pm</li><li>Free entry</li></ul>"
        ),
        "language": "en",
        "published_at": None,
        "embargo_until": datetime(2026, 11, 24, 0, 1, tzinfo=LONDON),
        "contact": "Press office\npress@bristol.example",
        "links": (Link(url="https://bristol.example/map", text="Site map"),),
    }
    values.update(overrides)
    return release(**values)


def entry(
    rel: Release,
    *,
    first_published_at: datetime = datetime(2026, 11, 25, 11, 0, tzinfo=BERLIN),
    updated_at: datetime | None = None,
    revision: int = 1,
) -> Entry:
    return Entry(
        release=rel,
        state=State.PUBLISHED,
        revision=revision,
        first_published_at=first_published_at,
        updated_at=updated_at or first_published_at,
        public_name=public_name(rel, rel.id),
    )


def sample_entries() -> list[Entry]:
    """A German release, then an older English one with an embargo; newest first."""
    german = entry(release(), updated_at=datetime(2026, 11, 25, 12, 15, tzinfo=BERLIN), revision=2)
    english = entry(
        english_release(), first_published_at=datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    )
    return [german, english]


def many_entries(count: int) -> list[Entry]:
    start = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)
    made = []
    for number in range(count):
        moment = start - timedelta(hours=number)
        rel = release(
            identity=f"inbox/leipzig/meldung-{number}.html",
            title=f"Meldung Nr. {number}: Straßenbahn fährt wieder „planmäßig“",
            slug=f"meldung-nr-{number}-strassenbahn-faehrt-wieder-planmaessig",
            published_at=moment,
        )
        made.append(entry(rel, first_published_at=moment))
    return made
