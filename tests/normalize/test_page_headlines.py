"""The headline of a page whose <h1> is not (only) the headline: a section's name, the site's
name in a theme's header, a label or a kicker set inside the <h1>."""

from __future__ import annotations

import pytest

from tests.normalize.test_release_shapes import release


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "typo3-rubrik-h1.html",
            "Grippeschutzimpfung: Gesundheitsamt bietet offene Sprechstunden an",
        ),
        (
            "site-title-h1.html",
            "Skiflug-Weltcup: Gemeinde sperrt Zufahrt zur Heini-Klopfer-Schanze",
        ),
        ("h1-label-span.html", "Neue Buslinie verbindet Buchholz und Tostedt ab Fahrplanwechsel"),
        ("gsb-kicker-im-h1.html", "Bund fördert 120 neue Stadtbäume-Projekte"),
    ],
)
def test_the_headline_is_the_release_s_own(name, title):
    found = release(name, "de")
    assert found.title == title
    assert not found.text.startswith(title)
    assert found.errors == ()
