"""A release sent again as a quote under a short reply ('gerne noch einmal, siehe unten') is
dated by the quote's header ('Am … schrieb …:', 'On … wrote:'), as a forward is by its own; a
reply whose own text is the release is dated by the reply."""

from __future__ import annotations

import pytest

from tests.normalize.test_plain_layouts import release

REPLY = """From: Katja Neumann <presse@ltv.example>
To: t.berger@kurier.example
Subject: Re: Deich an der Weißen Elster wird ab Januar erhöht
Date: Mon, 9 Nov 2026 10:12:44 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hallo Herr Berger,

gerne schicke ich Ihnen die Meldung noch einmal, siehe unten.

Beste Grüße
Katja Neumann

{header}

> Deich an der Weißen Elster wird ab Januar erhöht
>
> Die Landestalsperrenverwaltung beginnt im Januar 2027 mit der Erhöhung des Deiches an der
> Weißen Elster zwischen Lindenau und Burgaue. Auf einer Länge von 2,4 Kilometern wird der
> Deich um bis zu 80 Zentimeter erhöht und verbreitert.
>
> Die Arbeiten sollen bis Herbst 2028 abgeschlossen sein und kosten rund 11 Millionen Euro.
"""


@pytest.mark.parametrize(
    "header",
    [
        "Am Di., 3. Nov. 2026 um 11:05 Uhr schrieb Katja Neumann <presse@ltv.example>:",
        "On Tue, 3 Nov 2026 at 11:05, Katja Neumann <presse@ltv.example> wrote:",
        "Am 03.11.2026 um 11:05 schrieb Katja Neumann <presse@ltv.example>:",
    ],
)
def test_a_release_quoted_under_a_short_reply_is_dated_by_the_quote_header(header):
    found = release(REPLY.format(header=header), ".eml")
    assert found.text.startswith("Die Landestalsperrenverwaltung beginnt im Januar 2027")
    assert found.published_at.isoformat() == "2026-11-03T11:05:00+01:00"


def test_a_reply_whose_own_text_is_the_release_keeps_the_reply_s_date():
    own = (
        "Die Landestalsperrenverwaltung beginnt im Januar 2027 mit der Erhöhung des Deiches an "
        "der Weißen Elster. Auf einer Länge von 2,4 Kilometern wird der Deich erhöht, "
        "verbreitert und mit einem neuen Weg für Radfahrer versehen. Die Arbeiten kosten rund "
        "11 Millionen Euro und sollen bis Herbst 2028 abgeschlossen sein, sagte die "
        "Projektleiterin am Montag in Lindenau bei der Vorstellung der Pläne im Rathaus."
    )
    mail = REPLY.replace("gerne schicke ich Ihnen die Meldung noch einmal, siehe unten.", own)
    header = "Am Di., 3. Nov. 2026 um 11:05 Uhr schrieb Thomas Berger <t.berger@kurier.example>:"
    found = release(mail.format(header=header), ".eml")
    assert found.published_at.isoformat() == "2026-11-09T10:12:44+01:00"
