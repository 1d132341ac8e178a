"""E-mails as press offices send them: a cover note, a signature with a mobile number, legal
notices, and Outlook's forward without a marker line. Only the release is published."""

from __future__ import annotations

import pytest

from pipeline.models import MediaInput
from pipeline.normalize import normalize
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_shapes import ARRIVED, release


def test_an_outlook_signature_and_its_notices_are_not_published():
    found = release("outlook-signatur.eml")
    for furniture in (
        "Mit freundlichen Grüßen",
        "Sitz der Gesellschaft",
        "HRB 12345",
        "vertrauliche",
        "Bitte denken Sie an die Umwelt",
    ):
        assert furniture not in found.text, furniture
    assert found.contact.startswith("Katrin Behrens\nStadtwerke Birkenfeld GmbH\nTelefon")
    assert "<h3>" not in found.body_html  # lines of an address are no subheadings


def test_an_outlook_html_forward_publishes_the_forwarded_release_with_its_date():
    found = release("outlook-weiterleitung.eml")
    assert found.title == "Neue Buslinie 612 verbindet Gewerbegebiet Nord mit dem Bahnhof"
    assert found.text.startswith("Hallental, 24. November 2026 – Ab dem Fahrplanwechsel")
    for forwarding in ("Hallo Frau Krüger", "Tobias Brandt", "Gesendet:", "Betreff:"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-24T16:45:00+01:00"


def test_a_cover_note_and_a_signature_around_a_text_release_go():
    found = release("anschreiben.txt", "de")
    assert found.title == "Landkreis Oberhain beginnt Bau von drei neuen Kitas"
    assert found.text.startswith("Oberhain, 26. November 2026 – Mit dem ersten Spatenstich")
    for furniture in ("Sehr geehrte", "anbei erhalten", "Grüßen", "0170", "vertrauliche"):
        assert furniture not in found.text, furniture
    assert found.contact.startswith("Landkreis Oberhain, Pressestelle\nAnna Kessler")


def test_a_subject_that_shortens_the_body_headline_gives_way_to_it():
    found = release("betreff-kuerzer-als-schlagzeile.eml")
    assert found.title == "Landesamt: Einwohnerzahl in Hessenwald erstmals über zwei Millionen"
    assert not found.body_html.startswith("<h3>")  # the headline is not repeated as a heading
    assert found.text.startswith("Wiesbrunn, 27. November 2026 – Im Land Hessenwald")


def test_a_subheadline_is_not_run_into_the_teaser():
    found = release("agentur-en.eml")
    assert found.text.startswith("New facility will build 5,000 collaborative robots")
    assert found.teaser.startswith("Quellwerk Robotics, a maker of collaborative robots")
    assert "FOR IMMEDIATE RELEASE" not in found.text and "###" not in found.text
    assert "This email and any attachments are confidential" not in found.text


def test_a_subject_that_only_says_pressemitteilung_gives_way_to_the_body_headline():
    from pipeline.normalize.findings import Findings
    from pipeline.normalize.headline import take_title

    assert take_title([], "Pressemitteilung", Findings(problems=[]))[0] == ""
    assert take_title([], "PI: Maschinenbau Oberkirch übernimmt Guss", Findings(problems=[]))[
        0
    ] == ("Maschinenbau Oberkirch übernimmt Guss")


def test_a_reply_s_subject_and_cover_note_give_way_to_the_release_under_them():
    found = release("antwort-mit-anschreiben.eml")
    assert found.title == "Hochschule Wendenau startet dualen Studiengang Pflegewissenschaft"
    assert found.text.startswith("Wendenau, 25. November 2026 – Die Hochschule Wendenau")
    assert "telefonisch besprochen" not in found.text


def test_a_cover_note_a_signature_and_a_confidentiality_notice_around_an_english_release_go():
    found = release("outlook-cover-note-en.eml", "en")
    assert found.text.startswith("FAIRMONT, W.Va. – Fairmont County Emergency Management")
    for furniture in ("Please see the press release below", "Cell: 304", "CONFIDENTIALITY"):
        assert furniture not in found.text, furniture
    assert found.contact.startswith("Megan O’Rourke\nPublic Information Officer")


def test_a_signature_closing_a_text_without_a_contact_label_is_its_contact():
    found = release("signatur-ohne-kontakt.txt", "de")
    assert found.contact == (
        "Anna Kessler\nStadtwerke Lindenau, Unternehmenskommunikation\nTelefon 0341 555 1234\n"
        "anna.kessler@stadtwerke-lindenau.example"
    )
    assert found.text.endswith("erneuerbaren Quellen der Region.")


def test_the_office_named_above_a_bare_pressestelle_label_belongs_to_the_contact():
    found = release("weiterleitung-pressestelle.eml", "de")
    assert found.contact == "Polizeipräsidium Oberfranken\nPressestelle\nTel. 0951 9129-222"
    assert "Oberfranken" not in found.text.splitlines()[-1]


def test_newsletter_tools_leave_no_browser_links_list_names_or_imprint_in_the_body():
    cleverreach = release("newsletter-cleverreach.eml", "de")
    for furniture in ("Im Browser", "Newsletter der Pressestelle", "USt-IdNr", "Körperschaft"):
        assert furniture not in cleverreach.text, furniture
    assert cleverreach.text.startswith("Aubach. Ab dem Fahrplanwechsel")
    assert "View in browser" not in release("newsletter-view-in-browser.eml", "en").text
    online = release("newsletter-online-version.eml", "de")
    assert "Online-Version" not in online.text and "nicht richtig angezeigt" not in online.text


@pytest.mark.parametrize(
    ("name", "language", "title", "opening"),
    [
        (
            "mail-hubspot-en.eml",
            "en",
            "Verdana Labs raises €18 million to help mid-sized manufacturers cut emissions",
            "Series A led by Northwind Ventures",
        ),
        (
            "mail-applemail-qp-de.eml",
            "de",
            "Lichterglanz im Klosterhof: 25. Kemnather Adventsmarkt mit Rekordbeteiligung",
            "Kemnath, 23.11.2026 – Zum 25. Mal",
        ),
        (
            "mail-thunderbird-flowed-de.eml",
            "de",
            "Grundschule am Mühlbach gewinnt Landespreis „Schule macht Klima“",
            "Ettlingen-Süd, 24. November 2026.",
        ),
        (
            "mail-reply-quoted-de.eml",
            "de",
            "Kreissparkasse Aubachtal schließt drei Filialen – Beratung per Video wird ausgebaut",
            "Aubachtal, 24. November 2026 – Die Kreissparkasse",
        ),
        (
            "mail-outlook-de.eml",
            "de",
            "Brückensanierung: B 27 bei Mittelstetten ab 30. November voll gesperrt",
            "Umleitung über Oberstetten",
        ),
    ],
)
def test_a_note_to_the_editor_goes_and_the_body_s_fuller_headline_wins(
    name, language, title, opening
):
    found = release(name, language)
    assert found.title == title
    assert found.text.startswith(opening)


def test_a_release_only_quoted_under_a_short_reminder_is_read_without_quote_marks():
    found = release("mail-release-quoted-under-reminder.eml", "de")
    assert found.title == "Hospiz am Rosengarten erweitert um vier Plätze"
    assert found.text.startswith("Lüneburg, 23. November 2026 – Das Hospiz am Rosengarten")
    assert ">" not in found.text and "schrieb" not in found.text
    assert found.published_at.isoformat() == "2026-11-23T10:15:00+01:00"


def test_a_reply_s_quoted_thread_goes_and_the_reply_is_dated_by_its_own_date():
    gmail = release("mail-gmail-reply.eml", "en")
    assert "130,000" not in gmail.text and "130,000" not in (gmail.contact or "")
    assert gmail.contact == (
        "Millbrook Council Press Office, Ellie Shaw, 01632 960 955, press@millbrook.example"
    )
    outlook = release("mail-outlook-reply.eml", "de")
    assert outlook.published_at.isoformat() == "2026-11-24T11:02:00+01:00"


def test_an_apple_mail_forward_is_read_like_the_others():
    found = release("mail-applemail-forward.eml", "de")
    assert found.text.startswith("Friedberg, 24.11.2026 – Die NABU-Gruppe Wetterau")
    assert "Kannst du das" not in found.text and "Datum:" not in found.text
    assert found.published_at.isoformat() == "2026-11-24T19:47:12+01:00"


def test_a_photo_subject_and_a_sent_from_line_around_one_sentence():
    found = release("mail-photo-one-sentence.eml", "de")
    assert found.title == "Neues Drehleiterfahrzeug für die Feuerwehr Aubach"
    assert "Gesendet von meinem" not in found.text
    assert found.errors == ()


def test_two_releases_in_one_mail_are_kept_and_named_for_the_editor():
    found = release("mail-zwei-meldungen.eml", "de")
    [warning] = [w for w in found.warnings if "releases" in w]
    assert warning.startswith("held for an editor: the input seems to hold 2 releases")
    assert "Kleinostheim: Radfahrerin" in warning and "Kleinostheim" in found.text
    assert found.held_for_editor  # a trusted source's digest waits too


def test_a_release_in_two_languages_is_named_for_the_editor():
    found = release("mail-zweisprachig.eml", "de")
    assert any(
        w.startswith("held for an editor: the release is written in two languages (de, then en)")
        for w in found.warnings
    )


def test_of_a_scientific_and_a_press_contact_the_press_contact_is_the_contact():
    found = release("mail-zwei-kontakte.eml", "de")
    assert found.contact.startswith("Universität Hollerbach, Stabsstelle Kommunikation")
    assert "Pressekontakt" not in found.contact and "Sommerfeld" not in found.contact
    assert "Wissenschaftlicher Kontakt:" in found.text


def test_a_photo_a_newsletter_loads_from_the_web_is_named_not_fetched_and_logos_are_not():
    found = release("mail-newsletter-webfoto.eml", "de")
    [warning] = [w for w in found.warnings if "photo from the web" in w]
    assert "azubis-umspannwerk.jpg" in warning and "attach the photo" in warning
    assert found.media == ()


def _mail(subject: str, body: str, date: str = "Thu, 26 Nov 2026 08:12:40 +0100"):
    from datetime import UTC, datetime

    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    source = SourceConfig(title="Probe", kind="files", path="inbox")
    context = InputContext(
        source="probe",
        config=source,
        locator="inbox/m.eml",
        received_at=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        route="files",
    )
    data = (
        f"From: Thomas Berger <t.berger@portal.example>\nTo: desk@portal.example\n"
        f"Subject: {subject}\nDate: {date}\nMessage-ID: <fw-1@portal.example>\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + body
    ).encode()
    return normalize(read_input(data, ".eml", context), source)


RELEASE = (
    "Bamberg. Die Bamberger Freibäder haben in der Saison 2026 so viele Gäste gezählt wie nie "
    "zuvor. Insgesamt kamen 318.400 Badegäste, rund zwölf Prozent mehr als im Vorjahr.\n\n"
    "Das Stadionbad bleibt wegen der Sanierung des Sprungturms bis Mai 2027 geschlossen.\n"
)


@pytest.mark.parametrize(
    ("fields", "date"),
    [
        (
            "Von: Presse Stadt Bamberg <presse@stadt.bamberg.example>\n"
            "Gesendet: Mittwoch, 25. November 2026 11:20\nAn: Berger, Thomas\n"
            "Betreff: Freibad-Saison 2026 endet mit Besucherrekord\n",
            "2026-11-25T11:20:00+01:00",
        ),
        (
            "From: Press Office <presse@stadt.bamberg.example>\n"
            "Sent: 25 November 2026 11:20\nTo: Thomas Berger\n"
            "Subject: Freibad-Saison 2026 endet mit Besucherrekord\n",
            "2026-11-25T11:20:00+01:00",
        ),
    ],
)
def test_a_plain_text_outlook_forward_after_a_signed_note_is_the_forwarded_release(fields, date):
    note = "bitte für morgen einplanen, danke!\n\nGruß\nThomas\n\n"
    found = _mail(
        "WG: Freibad-Saison 2026 endet mit Besucherrekord",
        note + fields + "\nFreibad-Saison 2026 endet mit Besucherrekord\n\n" + RELEASE,
    )
    assert found.title == "Freibad-Saison 2026 endet mit Besucherrekord"
    assert found.text.startswith("Bamberg. Die Bamberger Freibäder")
    for forwarding in ("einplanen", "Thomas", "Gesendet", "Sent:", "Betreff", "Subject:"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == date


def test_a_sender_in_front_of_the_subject_and_a_label_over_the_headline_go():
    found = _mail(
        "Stadt Bamberg: Freibad-Saison 2026 endet mit Besucherrekord",
        "PRESSEMITTEILUNG\nStadt Bamberg\n\nFreibad-Saison 2026 endet mit Besucherrekord\n\n"
        + RELEASE,
    )
    assert found.title == "Freibad-Saison 2026 endet mit Besucherrekord"
    assert found.text.startswith("Bamberg. Die Bamberger Freibäder")
    other = _mail(
        "Bamberger Bäderbilanz",
        "MEDIA RELEASE\n\nFreibad-Saison 2026 endet mit Besucherrekord\n\n" + RELEASE,
    )
    assert other.title == "Freibad-Saison 2026 endet mit Besucherrekord"


@pytest.mark.parametrize(
    ("top", "bottom"),
    [
        (
            "Wird dieser Newsletter nicht richtig angezeigt? Im Browser ansehen",
            "Sie möchten keine Pressemitteilungen mehr erhalten? Hier abmelden.",
        ),
        ("Online-Version | Weiterleiten", "Newsletter abbestellen"),
        ("Online ansehen", "Sie möchten diesen Newsletter nicht mehr erhalten? Hier abmelden."),
        ("Online ansehen", "Keine Pressemitteilungen mehr erhalten? Abmelden\nStadt Lindenau"),
        ("Online ansehen", "Möchten Sie den Presseverteiler abbestellen? Hier klicken."),
        (
            "Wird diese Nachricht nicht richtig dargestellt, klicken Sie bitte hier.",
            "Unsubscribe Manage preferences",
        ),
        ("Online ansehen", "Unsubscribe · Update your email preferences"),
        (
            "Newsletter nicht lesbar? Im Browser öffnen: "
            "https://24681357.seu2.newsmailer.example/m/13579247/0-b1c2d3",
            "Wenn Sie diese E-Mail (an: presse@portal.example) nicht mehr empfangen möchten, "
            "können Sie diese hier kostenlos abbestellen: https://t.mailer.example/unsubscribe/a1/x",
        ),
        ("Darstellungsprobleme? Dann klicken Sie hier.", "Abmelden: https://nl.example/u?c=98"),
        (
            "Trouble viewing this email? View it in your browser",
            "If you no longer wish to receive these emails, you can unsubscribe here.\n"
            "Unsubscribe: https://lists.example/u/5f2",
        ),
        (
            "View online",
            "Kingsbridge District Council, Quay House, Kingsbridge TQ7 1HP\n\n"
            "You are receiving this because you signed up for council press releases.\n"
            "Unsubscribe | Update your preferences",
        ),
        (
            "View in browser",
            "Northwind Robotics, 500 W 2nd St, Austin, TX 78701, United States\n"
            "Unsubscribe Manage preferences",
        ),
        (
            "Online ansehen",
            "Stadt Wittingen · Rathausplatz 1 · 29378 Wittingen\nSie erhalten diese E-Mail, "
            "weil Sie sich für den Presseverteiler angemeldet haben.",
        ),
        (
            "View as Webpage ( https://myemail.constantcontact.example/x.html?soid=1 )",
            "Update Profile ( https://visitor.constantcontact.example/do?p=oo ) | Constant "
            "Contact Data Notice ( https://www.constantcontact.example/legal )\n"
            "Sent by news@chamber.example powered by Constant Contact\n"
            "Unsubscribe press@portal.example",
        ),
    ],
)
def test_a_mailing_tool_s_top_bar_and_footer_leave_the_release(top, bottom):
    paragraph = (
        "Der Kreistag hat am Mittwochabend einstimmig den Ausbau der Rettungswache Wittingen "
        "beschlossen. Baubeginn ist für Sommer 2027 geplant."
    )
    found = normalize(
        raw_release(
            title="Rettungswache Wittingen wird ausgebaut",
            body_text=f"{top}\n\n{paragraph}\n\n{bottom}\n",
        ),
        SOURCE,
    )
    assert found.text == paragraph


def test_a_newsletter_s_unsubscribe_footer_goes_and_the_release_s_own_newsletter_sentence_stays():
    found = release("newsletter-abbestellen-html.eml", "de")
    assert found.text == (
        "Wiesenau, 25.11.2026 – Der Bauhof der Gemeinde Wiesenau ist für den Winter gerüstet: "
        "Zwei neue Streufahrzeuge ersetzen ab Dezember die beiden ältesten Fahrzeuge der Flotte. "
        "Sie verbrauchen ein Viertel weniger Streusalz.\n\n"
        "Wer über Glätte auf Gemeindestraßen informiert werden möchte, kann den Newsletter des "
        "Bauhofs abonnieren; er lässt sich jederzeit wieder abbestellen."
    )
    assert found.links == ()
    assert "redaktion@portal.example" not in found.body_html


def test_the_address_closing_a_contact_over_a_list_footer_stays_in_the_contact():
    paragraph = (
        "Der Kreistag hat am Mittwochabend einstimmig den Ausbau der Rettungswache Wittingen "
        "beschlossen. Baubeginn ist für Sommer 2027 geplant."
    )
    found = normalize(
        raw_release(
            title="Rettungswache Wittingen wird ausgebaut",
            body_text=f"{paragraph}\n\nPressekontakt:\nLandkreis Gifhorn, Jana Peters\n"
            "Schlossplatz 1, 38518 Gifhorn\n\nYou are receiving this because you signed up "
            "for our press releases.\n",
        ),
        SOURCE,
    )
    assert found.text == paragraph
    assert found.contact == "Landkreis Gifhorn, Jana Peters\nSchlossplatz 1, 38518 Gifhorn"


@pytest.mark.parametrize(
    "sentence",
    [
        "Wer den Newsletter der Stadtbibliothek nicht mehr erhalten möchte, kann ihn abbestellen.",
        "Den Haushaltsplan können Bürger im Browser ansehen: https://www.wittingen.example/haushalt",
        "If you no longer want to receive paper bills, you can switch to e-billing online.",
    ],
)
def test_a_release_s_sentence_about_newsletters_or_browsers_stays(sentence):
    paragraph = (
        "Der Kreistag hat am Mittwochabend einstimmig den Ausbau der Rettungswache Wittingen "
        "beschlossen. Baubeginn ist für Sommer 2027 geplant."
    )
    found = normalize(
        raw_release(
            title="Rettungswache Wittingen wird ausgebaut",
            body_text=f"{paragraph}\n\n{sentence}\n",
        ),
        SOURCE,
    )
    assert found.text == f"{paragraph}\n\n{sentence}"


def test_a_mail_sent_days_after_the_release_s_dateline_is_dated_by_the_dateline():
    from pipeline.ingest.readers import InputContext, read_input

    mail = (
        "Message-ID: <d@y>\r\nSubject: Freibad schließt Saison\r\nFrom: presse@stadt.example\r\n"
        "Date: Thu, 26 Nov 2026 09:12:40 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\nFreibad schließt Saison mit Besucherrekord\r\n\r\n"
        "Waldkirchen, 20. November 2026. Das Freibad hat die Saison mit 98.000 Gästen "
        "beendet, so vielen wie nie zuvor.\r\n"
    ).encode()
    context = InputContext(
        source="probe", config=SOURCE, locator="inbox/m.eml", received_at=ARRIVED, route="files"
    )
    found = normalize(read_input(mail, ".eml", context), SOURCE)
    assert found.published_at.date().isoformat() == "2026-11-20"


def test_a_status_line_over_the_body_headline_is_no_title():
    found = normalize(
        raw_release(
            title=None,
            body_text=(
                "UPDATED – FINAL VERSION\n\nNorthfield Council approves 24-hour library pilot\n\n"
                "Northfield Council has approved a pilot that opens the central library around "
                "the clock. The pilot starts on 11 January 2027. It runs for a year.\n"
            ),
        ),
        SOURCE,
    )
    assert found.title == "Northfield Council approves 24-hour library pilot"
    assert not any("releases" in warning for warning in found.warnings)


def test_a_signature_under_the_closing_greeting_is_the_contact_when_none_is_labelled():
    found = normalize(
        raw_release(
            title="Kunstverein zeigt Fotografien von Ruth Berger",
            body_text=(
                "Der Kunstverein zeigt ab Freitag Fotografien von Ruth Berger aus den Dörfern "
                "rund um Falkenau.\n\nBeste Grüße aus dem Kunstverein\nAnna Berg\n"
                "Presse & Öffentlichkeitsarbeit\nKunstverein Falkenau e.V.\n"
                "Tel. 03726 71 22 90\n"
            ),
        ),
        SOURCE,
    )
    assert found.text.endswith("rund um Falkenau.")
    assert found.contact.startswith("Anna Berg\nPresse & Öffentlichkeitsarbeit")
    assert "03726 71 22 90" in found.contact


@pytest.mark.parametrize(
    ("name", "title", "opening"),
    [
        (
            "kurznotiz-gruss-kurzmeldung.eml",
            "Stromausfall in der Weststadt behoben",
            "Auenfeld, 26. November 2026 – Der Stromausfall",
        ),
        (
            "cover-note-greeting-en.eml",
            "Harbor Lines Puts First Electric Ferry Into Service",
            "BAYPORT, Maine, Nov. 25, 2026 -- Harbor Lines today",
        ),
    ],
)
def test_a_short_release_under_a_signed_cover_note_is_the_body(name, title, opening):
    """A greeting closes the note to the editor, not the release under the sender's name."""
    found = release(name)
    assert found.errors == ()
    assert found.title == title
    assert found.text.startswith(opening)
    assert len(found.text.split("\n\n")) == 2  # both paragraphs of the report
    for note in ("Kolleginnen", "zur Info", "Grüße", "please see", "regards", "Whitfield"):
        assert note not in found.text, note


def test_a_flowed_plain_text_mail_is_read_as_paragraphs_not_wrapped_lines():
    found = release("flowed-text.eml")
    assert found.errors == ()
    assert found.text.split("\n\n") == [
        "Talheim, 24. November 2026 – Der Landkreis saniert ab dem 1. März die Brücke über die "
        "Talach bei Unterau. Die Arbeiten dauern voraussichtlich bis Ende Juli; die Kreisstraße 12"
        " ist in dieser Zeit voll gesperrt.",
        "Die Umleitung führt über Oberau und ist ausgeschildert. Der Landkreis investiert 2,4 "
        "Millionen Euro in die Sanierung.",
        "Auch Radfahrende profitieren: Die Brücke erhält einen eigenen Radstreifen.",
    ]  # the cover note's wrapped sentence ('… die neue / Umleitung.') went whole


def test_an_apple_mail_html_forward_s_cited_header_is_no_part_of_the_release():
    found = release("applemail-html-forward.eml")
    assert found.errors == ()
    assert found.title == "Tierpark Auenfeld bekommt zwei Rote Pandas"
    assert found.text.startswith("Auenfeld, 24. November 2026 – Der Tierpark Auenfeld hat")
    for forwarding in ("Für morgen", "iPhone", "Betreff", "Von:", "weitergeleiteten"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-24T14:15:33+01:00"
    assert found.contact.startswith("Lena Vogt")


def test_a_rule_over_the_sender_s_imprint_and_notices_ends_the_release():
    paragraph = (
        "Am Freitag eröffnet die Oberbürgermeisterin den Weihnachtsmarkt auf dem Marktplatz. "
        "Bis zum 23. Dezember bieten 120 Händlerinnen und Händler ihre Waren an, und jeden "
        "Abend spielt eine Band auf der Bühne vor dem Rathaus. Das vollständige Programm steht "
        "im Internet bereit, ebenso die Öffnungszeiten der Stände und der Eisbahn."
    )
    found = normalize(
        raw_release(
            title="Weihnachtsmarkt öffnet",
            body_text=f"{paragraph}\n\nAnsprechpartnerin für die Medien:\nPetra Hoffmann\n"
            "Telefon 0341 555-1234\n\n_______________________________________________\n"
            "Stadt Lindenau · Marktplatz 1 · 04179 Lindenau\n"
            "Datenschutzhinweise: https://www.lindenau.example/datenschutz\n",
        ),
        SOURCE,
    )
    assert found.text == paragraph
    assert found.contact.startswith("Petra Hoffmann")
    assert all("datenschutz" not in link.url for link in found.links)


def test_a_letter_s_first_sentence_after_its_salutation_starts_with_a_capital():
    found = normalize(
        raw_release(
            title="Einladung zum Spatenstich",
            body_text="Sehr geehrte Damen und Herren,\n\ndie Stadt Grimma lädt Sie herzlich zum "
            "ersten Spatenstich für das neue Hallenbad ein.\n",
        ),
        SOURCE,
    )
    assert found.text.startswith("Die Stadt Grimma lädt Sie herzlich")


def test_a_caption_written_into_a_mail_s_text_is_its_one_attached_photo_s():

    raw = raw_release(
        title="Fernwärme wird billiger",
        body_text="Die Stadtwerke senken den Preis für Fernwärme um elf Prozent.\n\n"
        "Bildunterschrift: Die neue Großwärmepumpe am Auensee. Foto: Stadtwerke / M. Roth\n",
        media=(MediaInput(filename="pumpe.jpg", data=b"\xff\xd8\xff\xe0"),),
        format="email",
    )
    found = normalize(raw, SOURCE)
    [photo] = [item for item in found.media if item.kind == "image"]
    assert (photo.caption, photo.credit) == (
        "Die neue Großwärmepumpe am Auensee.",
        "Stadtwerke / M. Roth",
    )
    assert "Bildunterschrift" not in found.text


def test_a_confidentiality_notice_in_two_languages_under_the_signature_is_no_release():
    found = release("mail-zwei-vertraulichkeitshinweise.eml", "de")
    assert found.title == "Stadtwerke Aubach senken Gaspreis"
    assert found.text.startswith("Aubach. Die Stadtwerke Aubach senken")
    assert "vertrauliche" not in found.text and "confidential" not in found.text
    assert found.contact.startswith("Jonas Keller\nUnternehmenskommunikation")


@pytest.mark.parametrize(
    "note",
    [
        "wie telefonisch besprochen senden wir Ihnen unten die Pressemitteilung unseres Kunden.",
        "wie besprochen sende ich Ihnen die Pressemitteilung zur Freibad-Saison.",
    ],
)
def test_a_cover_note_that_sends_the_release_goes_whoever_sends_it(note):
    found = _mail(
        "Freibad-Saison 2026 endet mit Besucherrekord",
        f"Sehr geehrte Damen und Herren,\n\n{note}\n\n"
        f"Freibad-Saison 2026 endet mit Besucherrekord\n\n{RELEASE}",
    )
    assert "Ihnen" not in found.text
    assert found.text.startswith("Bamberg. Die Bamberger Freibäder")


RUFBUS = (
    "Lindenau, 27.11.2026 – Ab dem 14. Dezember fährt im Muldental ein Rufbus. Fahrgäste "
    "bestellen ihn per App oder Telefon bis eine Stunde vor Fahrtantritt.\n"
)


@pytest.mark.parametrize(
    "subject",
    [
        "[EXTERN] Landkreis startet Rufbus im Muldental",
        "[EXTERNAL] Landkreis startet Rufbus im Muldental",
        "*EXTERNAL* Landkreis startet Rufbus im Muldental",
        "[SPAM?] [Presse-Info] Landkreis startet Rufbus im Muldental",
        "WG: [Ext] Landkreis startet Rufbus im Muldental",
    ],
)
def test_a_mail_gateway_s_or_list_s_tag_in_front_of_the_subject_is_no_part_of_the_headline(
    subject,
):
    found = _mail(subject, RUFBUS)
    assert found.title == "Landkreis startet Rufbus im Muldental"
    assert found.text == RUFBUS.strip()


def test_a_sender_s_embargo_in_brackets_in_front_of_the_subject_is_still_read():
    found = _mail("[Sperrfrist 27.11.2026, 10 Uhr] Landkreis startet Rufbus im Muldental", RUFBUS)
    assert found.title == "Landkreis startet Rufbus im Muldental"
    assert found.embargo_until.isoformat() == "2026-11-27T10:00:00+01:00"
