"""Old portal notices in the wordings pages use (third-party content, unedited or unchecked, the
sender alone responsible) leave a text dump's body, teaser and summary; a release's own sentences
about third parties or checks stay."""

from __future__ import annotations

import pytest

from pipeline.normalize.disclaimers import is_disclaimer
from tests.normalize.test_portal_and_wire_notes import typed

_RELEASE = (
    "Stadtwerke erneuern Wasserleitung in der Lindenstraße\n\n"
    "{before}"
    "Eschwege, 8. November 2026. Die Stadtwerke erneuern ab Montag die Hauptwasserleitung in "
    "der Lindenstraße zwischen Marktplatz und Bahnhof. Die Leitung stammt aus dem Jahr 1961.\n\n"
    "Für die Dauer der Arbeiten wird die Lindenstraße voll gesperrt.\n\n"
    "{after}"
)
_LEAD = (
    "Die Stadtwerke erneuern ab Montag die Hauptwasserleitung in der Lindenstraße zwischen "
    "Marktplatz und Bahnhof. Die Leitung stammt aus dem Jahr 1961."
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "Die hier gezeigten Beiträge stammen von Dritten. Sie werden von der Redaktion "
            "nicht bearbeitet. Verantwortlich für den Inhalt ist ausschließlich der jeweilige "
            "Absender.\n\n",
            "",
        ),
        (
            "",
            "Disclaimer: Bei den Texten in dieser Rubrik handelt es sich um Mitteilungen "
            "Dritter. Die Redaktion hat sie weder bearbeitet noch geprüft.",
        ),
        ("", "Die Meldungen der Rubrik „Aus den Gemeinden“ werden ungeprüft aus "
         "Pressemitteilungen der Kommunen übernommen."),
        ("Hinweis: Dieser Text wurde von der Redaktion nicht bearbeitet.\n\n", ""),
        ("", "Posts in this section are taken unedited from press releases of the city."),
    ],
)  # fmt: skip
def test_a_portal_notice_in_another_wording_leaves_body_and_teaser(before, after):
    found = typed(_RELEASE.format(before=before, after=after))
    assert found.teaser == _LEAD
    assert found.text == (
        "Eschwege, 8. November 2026. " + _LEAD + "\n\n"
        "Für die Dauer der Arbeiten wird die Lindenstraße voll gesperrt."
    )
    assert "an old portal disclaimer was removed from the body" in found.warnings


@pytest.mark.parametrize(
    "text",
    [
        "Die Förderanträge werden bis Ende Januar geprüft, die Mittel stammen zum Teil von "
        "Dritten wie der Sparkassenstiftung.",
        "Die Redaktion der Schülerzeitung hat die Umfrage nicht geprüft, sie stammt von der SMV.",
        "Die Daten werden nicht an Dritte weitergegeben und vom Landesamt geprüft.",
        "Die Brücke wurde vom TÜV geprüft; verantwortlich für den Bau ist die Firma Krämer.",
        "Verantwortlich für den Inhalt ist Jana Roth, Pressestelle der Stadt Eschwege.",
    ],
)
def test_a_release_s_own_sentences_about_third_parties_or_checks_stay(text):
    assert not is_disclaimer(text)
    found = typed(_RELEASE.format(before="", after=text))
    assert found.text.endswith(text)
    assert "an old portal disclaimer was removed from the body" not in found.warnings


def test_an_agency_notice_over_a_company_announcement_is_a_disclaimer() -> None:
    notice = (
        "When a company announces a recall, market withdrawal, or safety alert, the FDA posts "
        "the company's announcement as a public service. FDA does not endorse either the "
        "product or the company."
    )
    assert is_disclaimer(notice)


def test_a_company_speaking_of_its_own_announcement_is_no_disclaimer() -> None:
    assert not is_disclaimer(
        "The company's announcement follows a review of its supply chain; the board does not "
        "expect further recalls this year."
    )
