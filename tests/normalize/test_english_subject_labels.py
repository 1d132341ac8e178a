"""English mail subjects with a label in front ('FOR IMMEDIATE RELEASE:', 'Press Release |',
the sender's 'News Release:'): the headline is the words after it; an update says so."""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release

HEADLINE = "Westbrook library extends weekend opening hours"
BODY = (
    "WESTBROOK, Maine - The Westbrook Public Library will open on Sundays from noon to 5 p.m."
    " starting January 4, the library's trustees announced on Tuesday.\n\n"
    "The longer hours are paid for by a two-year grant from the Maine Community Foundation."
)


def _mail(subject: str):
    return normalize(raw_release(format="email", title=subject, body_text=BODY), SOURCE)


@pytest.mark.parametrize(
    "subject",
    [
        f"FOR IMMEDIATE RELEASE: {HEADLINE}",
        f"For Immediate Release - {HEADLINE}",
        f"Press Release | {HEADLINE}",
        f"City of Westbrook News Release: {HEADLINE}",
        f"Westbrook Public Library Press Release: {HEADLINE}",
    ],
)
def test_a_label_in_front_of_the_subject_is_cut(subject):
    found = _mail(subject)
    assert found.title == HEADLINE
    assert not any("update" in warning for warning in found.warnings)


@pytest.mark.parametrize("label", ["UPDATED:", "UPDATE:", "Updated -"])
def test_an_update_s_label_is_cut_and_the_editor_told(label):
    found = _mail(f"{label} {HEADLINE}")
    assert found.title == HEADLINE
    assert any("it updates an earlier one" in warning for warning in found.warnings)


@pytest.mark.parametrize(
    "subject",
    [
        "Release: new mobile app lets residents report potholes",  # no sender, no label
        "Westbrook releases plan for its waterfront: hearing set for December 9",
    ],
)
def test_a_headline_that_only_mentions_a_release_stays_whole(subject):
    assert _mail(subject).title == subject
