"""A publication date in a meta box under the headline whose fields the page sets as blocks
('Published: …' over 'Released by: …'), read in the source's zone."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED

SYDNEY = SourceConfig(title="NSW", kind="files", path="inbox", timezone="Australia/Sydney")
TEXT = (
    "<p>The NSW Government will recruit 250 additional paramedics for regional and rural NSW "
    "over the next two years, as part of a $196 million investment.</p><p>The new paramedics "
    "will be based at 30 stations, including new stations at Bathurst and Ballina.</p>"
)


def release_with(meta: str):
    page = (
        "<html><body><main><p class='tag'>Media release</p><h1>More paramedics for regional "
        f"NSW</h1>{meta}<div class='content'>{TEXT}</div></main></body></html>"
    )
    context = InputContext(
        source="au", config=SYDNEY, locator="inbox/p.html", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(page.encode(), ".html", context), SYDNEY)


@pytest.mark.parametrize(
    "meta",
    [
        "<div class='meta'><p>Published: Thursday 26 November 2026 at 3:15 pm</p>"
        "<p>Released by: The Hon. Ryan Park MP, Minister for Health</p></div>",
        "<div class='meta'><p>26 November 2026, 3:15pm</p></div>",
    ],
)
def test_a_published_field_beside_another_field_under_the_headline_dates_the_release(meta):
    found = release_with(meta)
    assert found.published_at.isoformat() == "2026-11-26T15:15:00+11:00"
    assert found.text.startswith("The NSW Government will recruit")


def test_an_event_s_date_among_fields_under_the_headline_does_not_date_the_release():
    found = release_with(
        "<div class='meta'><p>Event: Thursday 3 December 2026 at 10 am</p>"
        "<p>Venue: Bathurst Ambulance Station</p></div>"
    )
    assert found.published_at is None
