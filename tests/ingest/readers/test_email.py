"""Releases sent by e-mail."""

import base64
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.ingest.readers.mailparts import unflowed
from tests.conftest import FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "email"


def read(data: bytes, name: str = "mail.eml"):
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="imap"),
        locator=f"inbox/{name}",
        received_at=datetime(2024, 6, 1, tzinfo=UTC),
        route="imap",
    )
    return read_input(data, ".eml", context)


def fixture(name: str):
    return read((FIXTURES / name).read_bytes(), name)


def test_german_multipart_with_quoted_printable_latin1_and_attachments():
    release = fixture("freibad-de-multipart.eml")
    assert release.problems == ()
    assert release.format == "email"
    assert release.title == "Freibad am Stadtpark öffnet am 18. Mai"
    assert release.identity == "<20240514093012.4711@mail.beispielstadt.example>"
    assert release.provenance.sender == "Presseamt Beispielstadt <presse@beispielstadt.example>"
    assert release.published == datetime(
        2024, 5, 14, 9, 30, 12, tzinfo=timezone(timedelta(hours=2))
    )
    assert release.language == "de"
    body = release.body_html  # the HTML alternative is preferred
    assert "Badegästen nun größere Kabinen" in body
    assert '<a href="https://www.beispielstadt.example/freibad">' in body
    assert "<script" not in body and "font-family" not in body
    # the reader hands every attachment on; the media stage decides from the bytes what it is
    image, archive = release.media
    assert (image.filename, image.declared_type) == ("freibad.png", "image/png")
    assert len(image.data) == 69
    assert (archive.filename, archive.declared_type) == ("pressefotos.zip", "application/zip")


def test_english_mail_with_base64_body_and_encoded_subject():
    release = fixture("museum-en-encoded-subject.eml")
    assert release.title == "Harbour Museum reopens – new galleries & free entry"
    assert release.body_html is None
    assert "The Harbour Museum will reopen to visitors" in release.body_text
    assert release.published.utcoffset() == timedelta(hours=1)
    assert release.media == ()


def test_forwarded_release_loses_the_forwarding_header_and_note():
    release = fixture("radwege-weitergeleitet.eml")
    assert release.title == "Landkreis erweitert Radwegenetz um 25 Kilometer"
    text = release.body_text
    assert text.startswith("Der Landkreis baut in diesem Jahr 25 Kilometer neue Radwege.")
    for header in ("Forwarded message", "Von:", "Betreff:", "zur Info"):
        assert header not in text
    assert "Dörfern" in text  # windows-1252 body


def test_a_forwarded_release_is_dated_by_its_own_date_not_the_forward():
    """Sent at 08:15 by the press office, passed on at 10:02: the release is of 08:15."""
    release = fixture("radwege-weitergeleitet.eml")
    assert release.published is None
    # normalize reads it, in the zone of the forwarding mail's own date
    assert release.published_text == "Mo., 3. Juni 2024 um 08:15 Uhr UTC+02:00"
    mail = (
        "Message-ID: <f@y>\r\nSubject: Fwd: Neue Buslinie\r\nFrom: a@b.example\r\n"
        "Date: Wed, 25 Nov 2026 10:12:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "---------- Forwarded message ---------\r\nFrom: Verkehrsbetrieb <p@vb.example>\r\n"
        "Date: Tue, 24 Nov 2026 15:30:00 +0100\r\nSubject: Neue Buslinie 12\r\n\r\n"
        "Ab Montag fährt die Linie 12 alle zehn Minuten.\r\n"
    ).encode()
    assert read(mail).published.isoformat() == "2026-11-24T15:30:00+01:00"


def test_a_forward_header_without_a_zone_is_in_the_forwarder_s_zone_unless_that_is_utc():
    def mail(sent: str) -> bytes:
        return (
            f"Message-ID: <f@y>\r\nSubject: Fwd: Toy drive\r\nFrom: a@b.example\r\nDate: {sent}"
            "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "---------- Forwarded message ---------\r\nFrom: City <p@city.example>\r\n"
            "Date: Tue, Nov 24, 2026 at 3:00 PM\r\nSubject: Toy drive opens\r\n\r\n"
            "The toy drive opens on Monday at all fire stations.\r\n"
        ).encode()

    central = read(mail("Tue, 24 Nov 2026 16:10:00 -0600"))
    assert central.published_text == "Tue, Nov 24, 2026 at 3:00 PM UTC-06:00"
    server = read(mail("Tue, 24 Nov 2026 22:10:00 +0000"))  # a server's UTC says nothing
    assert server.published_text == "Tue, Nov 24, 2026 at 3:00 PM"


def test_html_forward_header_is_removed():
    mail = (
        "Message-ID: <x@y>\r\nSubject: Fwd: Neue Buslinie\r\nFrom: a@b.example\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        "<div>FYI</div><div>---------- Forwarded message ---------<br>From: Verkehrsbetrieb "
        "&lt;presse@vb.example&gt;<br>Subject: Neue Buslinie 12 ab Montag<br>To: a@b.example"
        "</div><div>Ab Montag fährt die Linie 12 alle zehn Minuten.</div>"
    ).encode()
    release = read(mail)
    assert release.title == "Neue Buslinie 12 ab Montag"
    assert release.body_html == "<p>Ab Montag fährt die Linie 12 alle zehn Minuten.</p>"


def test_broken_mail_is_refused_with_a_reason():
    release = fixture("broken.eml")
    assert release.problems[0].field == "email"
    assert "not an e-mail" in release.problems[0].message


def test_mail_without_a_text_part_is_refused():
    mail = b"Subject: Nur ein Bild\r\nContent-Type: image/png\r\n\r\nAAAA\r\n"
    assert read(mail).problems[0].field == "body"


def test_message_id_missing_falls_back_to_the_file():
    release = read(b"Subject: Hallo\r\nFrom: a@b.example\r\n\r\nKurzer Text.\r\n")
    assert release.identity == "inbox/mail.eml"
    assert release.body_text == "Kurzer Text."
    assert release.published is None


CUT_OFF = (
    b"From: Presse <presse@kreis.example>\r\nSubject: Kitas\r\n"
    b"Date: Wed, 25 Nov 2026 10:00:00 +0100"
    b'\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDer Landkreis baut drei Kitas. "
    b"Die Gesamtkosten liegen bei 19,4 Millionen Euro; das Land beteiligt"
)


def test_a_mail_that_stops_before_its_closing_boundary_is_kept_with_a_warning():
    release = read(CUT_OFF)
    assert release.problems == ()
    assert "das Land beteiligt" in release.body_text
    assert any("cut off" in warning for warning in release.warnings)


def test_a_mail_cut_off_inside_its_headers_is_refused_with_the_reason():
    release = read(CUT_OFF.split(b"\r\n\r\n")[0][:120])
    assert [problem.field for problem in release.problems] == ["email"]
    assert "ends inside its headers" in release.problems[0].message


def test_a_whole_multipart_mail_has_no_cut_off_warning():
    assert fixture("freibad-de-multipart.eml").warnings == ()


def _cover_mail(attachment: bytes, name: str, kind: str) -> bytes:
    return (
        b"From: Gemeinde <presse@kirchtal.example>\r\nSubject: PM Buecherei\r\n"
        b"Date: Wed, 25 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nGuten Tag, siehe Anhang.\r\n--b\r\n"
        + f"Content-Type: {kind}\r\n".encode()
        + f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'.encode()
        + attachment
        + b"\r\n--b--\r\n"
    )


def test_a_cover_note_s_release_is_read_from_its_text_attachment():
    release = read(
        _cover_mail(
            "Bücherei verlängert Öffnungszeiten\n\nKirchtal – Die Bücherei öffnet ab Januar "
            "auch samstags.".encode(),
            "pm.txt",
            "text/plain; charset=utf-8",
        )
    )
    assert release.title is None  # the attachment's own headline, not the subject
    assert release.body_text.startswith("Bücherei verlängert Öffnungszeiten")
    assert any("attached pm.txt" in warning for warning in release.warnings)
    assert release.media == ()  # the attachment is the release, not a photo or file of it


def test_a_cover_note_with_the_release_in_a_pdf_says_so():
    release = read(_cover_mail(b"%PDF-1.4 ...", "pm.pdf", "application/pdf"))
    assert "seems to be in pm.pdf, which Melder does not read" in release.problems[0].message


def test_a_cover_note_with_the_release_in_outlook_s_winmail_dat_says_so():
    release = read(_cover_mail(b"\x78\x9f\x3e\x22", "winmail.dat", "application/ms-tnef"))
    assert "seems to be in winmail.dat, which Melder does not read" in release.problems[0].message


def _tnef_attribute(level: int, attribute: int, value: bytes) -> bytes:
    checksum = (sum(value) % 65536).to_bytes(2, "little")
    return (
        bytes([level])
        + attribute.to_bytes(4, "little")
        + len(value).to_bytes(4, "little")
        + (value + checksum)
    )


# Outlook's winmail.dat: its version and code page, and with files, their title and bytes
WINMAIL_FORMATTING = (
    b"\x78\x9f\x3e\x22\x01\x00"
    + _tnef_attribute(1, 0x00089006, b"\x00\x00\x01\x00")
    + _tnef_attribute(1, 0x00069007, b"\xe4\x04\x00\x00\x00\x00\x00\x00")
)
WINMAIL_WITH_FILE = (
    WINMAIL_FORMATTING
    + _tnef_attribute(2, 0x00069002, b"\x01\x00" + b"\xff" * 12)
    + _tnef_attribute(2, 0x00018010, b"Messeplan.pdf\x00")
    + _tnef_attribute(2, 0x0006800F, b"%PDF-1.4 plan")
)


def _outlook_mail(winmail: bytes) -> bytes:
    return (
        b"From: Leipziger Messe <presse@messe.example>\r\nSubject: Denkmal 2026 mit "
        b"Besucherrekord\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Die Denkmal ist am Samstag mit einem Besucherrekord zu Ende gegangen. An drei Tagen "
        "kamen 16.800 Fachbesucher auf das Messegelände.\r\n--b\r\n".encode()
        + b'Content-Type: application/ms-tnef; name="winmail.dat"\r\n'
        + b"Content-Transfer-Encoding: base64\r\n"
        + b'Content-Disposition: attachment; filename="winmail.dat"\r\n\r\n'
        + base64.encodebytes(winmail)
        + b"\r\n--b--\r\n"
    )


def test_outlook_s_winmail_dat_beside_the_release_text_is_no_document_of_the_release():
    release = read(_outlook_mail(WINMAIL_FORMATTING))
    assert release.body_text.startswith("Die Denkmal ist am Samstag")
    assert release.media == ()
    assert release.warnings == ()


def test_a_winmail_dat_that_holds_attached_files_is_named_for_the_editor():
    release = read(_outlook_mail(WINMAIL_WITH_FILE))
    assert release.media == ()
    assert release.warnings == (
        "the mail's winmail.dat (Outlook's rich text, TNEF) holds attachments that Melder does "
        "not read: ask the sender to attach the files to a mail in HTML or plain text (in "
        "Outlook: Format Text > HTML)",
    )


def test_a_release_forwarded_as_an_attachment_is_read_from_the_attached_mail():
    inner = (
        "From: Stadt Kirchtal <presse@kirchtal.example>\r\nSubject: Bücherei verlängert "
        "Öffnungszeiten\r\nDate: Tue, 24 Nov 2026 09:15:00 +0100\r\n"
        "Message-ID: <pm-77@kirchtal.example>\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "\r\nKirchtal – Die Bücherei öffnet ab Januar auch samstags von 10 bis 14 Uhr.\r\n"
    ).encode()
    outer = (
        b"From: Tom <tom@portal.example>\r\nSubject: Fwd: PM\r\n"
        b"Date: Wed, 25 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nzur Info, bitte einplanen.\r\nTom\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--b--\r\n"
    )
    release = read(outer)
    assert release.title == "Bücherei verlängert Öffnungszeiten"
    assert release.identity == "<pm-77@kirchtal.example>"  # the original's: a resend is known
    assert release.body_text.startswith("Kirchtal – Die Bücherei") and "zur Info" not in (
        release.body_text
    )
    assert release.published.isoformat() == "2026-11-24T09:15:00+01:00"
    assert any("forwarded as this one's attachment" in warning for warning in release.warnings)


def test_a_signature_logo_under_the_greeting_is_no_press_photo():
    html = (
        "<html><body><p>Die Stadtwerke nehmen die Station in Betrieb.</p>"
        '<p><img src="cid:foto1" alt="Station"></p><p>Viele Grüße</p><p>Anna</p>'
        '<p><img src="cid:logo1" alt="Stadtwerke"></p></body></html>'
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    mail = (
        b"From: a@b.example\r\nSubject: Station\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="r"\r\n\r\n--r\r\n'
        b"Content-Type: text/html; charset=utf-8\r\n\r\n" + html.encode() + b"\r\n--r\r\n"
        b"Content-Type: image/png\r\nContent-ID: <foto1>\r\n\r\n" + png + b"\r\n--r\r\n"
        b"Content-Type: image/png\r\nContent-ID: <logo1>\r\n\r\n" + png + b"\r\n--r--\r\n"
    )
    release = read(mail)
    assert [media.alt for media in release.media] == ["Station"]


def test_an_out_of_office_reply_and_a_read_receipt_are_no_releases():
    head = "From: a@b.example\r\nDate: Thu, 26 Nov 2026 09:01:12 +0100\r\nMessage-ID: <a@b>\r\n"
    auto = (
        head + "Subject: Automatische Antwort: Anfrage\r\nAuto-Submitted: auto-replied\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nIch bin bis 4. Dezember nicht im Büro.\r\n"
    ).encode()
    receipt = (
        head + "Subject: Gelesen: Anfrage\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; "
        'report-type="disposition-notification"; boundary="r"\r\n\r\n--r\r\n'
        "Content-Type: text/plain\r\n\r\nIhre Nachricht wurde gelesen.\r\n--r--\r\n"
    ).encode()
    generated = (
        head + "Subject: Neue Buslinie\r\nAuto-Submitted: auto-generated\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nAb Montag fährt die Linie 12 öfter.\r\n"
    ).encode()
    assert "no press release: the mail is an automatic reply" in read(auto).problems[0].message
    assert "no press release: the mail is a read receipt" in read(receipt).problems[0].message
    assert read(generated).body_text.startswith("Ab Montag")  # a distribution service's mail


def _plain(subject: str, body: str) -> bytes:
    return (
        f"Message-ID: <p@y>\r\nSubject: {subject}\r\nFrom: a@b.example\r\n"
        "Date: Wed, 25 Nov 2026 07:31:05 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n")
    ).encode()


def test_an_iphone_forward_quotes_its_header_block_and_loses_the_quote_marks():
    raw = read(
        _plain(
            "WG: Bibliotheken",
            "Bitte übernehmen, danke!\n\nVon meinem iPhone gesendet\n\n"
            "Anfang der weitergeleiteten Nachricht:\n\n"
            "> Von: Pressestelle <presse@ba.example>\n"
            "> Datum: 24. November 2026 um 15:42:18 MEZ\n> An: Verteiler <v@ba.example>\n"
            "> Betreff: Bezirksamt verlängert Öffnungszeiten der Bibliotheken\n>\n"
            "> Ab 1. Januar 2027 öffnen die Bibliotheken auch samstags von 10 bis 16 Uhr.\n",
        )
    )
    assert raw.title == "Bezirksamt verlängert Öffnungszeiten der Bibliotheken"
    assert raw.body_text.startswith("Ab 1. Januar 2027") and ">" not in raw.body_text
    assert raw.published_text.startswith("24. November 2026 um 15:42:18 MEZ")


def test_a_gmx_forward_with_the_sent_date_first_is_read_as_a_forward():
    raw = read(
        _plain(
            "Fwd: Turmuhr",
            "\nGesendet: Dienstag, 24. November 2026 um 10:15 Uhr\n"
            'Von: "Heimatverein" <info@hv.example>\nAn: presse@hv.example\n'
            "Betreff: Heimatverein restauriert historische Turmuhr\n\n"
            "Die 1874 gebaute Turmuhr der Kirche schlägt wieder.\n",
        )
    )
    assert raw.title == "Heimatverein restauriert historische Turmuhr"
    assert raw.body_text.startswith("Die 1874 gebaute Turmuhr")
    assert raw.published_text.startswith("Dienstag, 24. November 2026 um 10:15 Uhr")


def test_a_reply_whose_own_text_is_the_release_loses_the_old_thread_under_it():
    release = (
        "Gemeinde Birkenried saniert Grundschule\n\nDie Gemeinde saniert ab Sommer 2027 die "
        "Grundschule am Lindenweg. Die Arbeiten sollen bis Herbst 2028 abgeschlossen sein, die "
        "Kosten liegen bei 6,4 Millionen Euro. Während der Bauzeit werden die Klassen in "
        "Containern auf dem Sportplatz unterrichtet, sagte die Bürgermeisterin am Mittwoch.\n"
    )
    raw = read(
        _plain(
            "AW: Anfrage Grundschule",
            release + "\nVon: Jan Köhler <jk@zeitung.example>\nGesendet: Dienstag, 24. "
            "November 2026 18:02\nAn: Presse <presse@birkenried.example>\nBetreff: Anfrage "
            "Grundschule\n\ngibt es zum Beschluss heute Abend eine Pressemitteilung?\n",
        )
    )
    assert raw.body_text.strip().endswith("sagte die Bürgermeisterin am Mittwoch.")
    assert "Pressemitteilung?" not in raw.body_text


def test_a_word_table_in_a_mail_keeps_a_line_per_row_with_every_figure():
    html = (
        "<html><body><p class=MsoNormal>Die Besucherzahlen im Überblick:<o:p></o:p></p><table>"
        + "".join(
            f"<tr><td><p class=MsoNormal>{year}<o:p></o:p></p></td><td><p class=MsoNormal>"
            f"{count}<o:p></o:p></p></td></tr>"
            for year, count in (("Jahr", "Besucher"), ("2024", "412.000"), ("2025", "438.500"))
        )
        + "</table></body></html>"
    )
    raw = read(
        (
            "Message-ID: <t@y>\r\nSubject: Zoo\r\nFrom: a@b.example\r\nContent-Type: text/html; "
            "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html
        ).encode()
    )
    assert "2024 | 412.000" in raw.body_html and "2025 | 438.500" in raw.body_html


def _with_attachment(text: str, kind: str, name: str, data: str) -> bytes:
    return (
        "Message-ID: <a@y>\r\nSubject: Pressemitteilung\r\nFrom: a@b.example\r\nContent-Type: "
        'multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n'
        f"\r\n{text}\r\n--B\r\nContent-Type: {kind}\r\nContent-Disposition: attachment; "
        f'filename="{name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n{data}\r\n--B--\r\n'
    ).encode()


def test_an_empty_mail_over_winmail_dat_names_the_file_it_cannot_read():
    raw = read(_with_attachment(" ", "application/ms-tnef", "winmail.dat", "eJ8+IhIAAQaQCAAE"))
    assert any("winmail.dat, which Melder does not read" in p.message for p in raw.problems)


def test_an_s_mime_signature_is_no_attachment():
    text = (
        "Stadtwerke senken den Strompreis\r\n\r\nDie Stadtwerke senken zum 1. Januar den "
        "Arbeitspreis für Strom um 2,1 Cent je Kilowattstunde."
    )
    raw = read(_with_attachment(text, "application/pkcs7-signature", "smime.p7s", "MIAGCSqG"))
    assert raw.media == () and raw.problems == ()


def test_an_encoded_word_keeps_the_space_before_the_plain_words_after_it():
    mail = (
        b"From: Polizei <presse@polizei.example>\r\n"
        b"Subject: Unfallflucht vor einem Supermarkt =?utf-8?b?4oCT?=\r\n Zeugen gesucht\r\n"
        b"Date: Wed, 25 Nov 2026 10:00:00 +0100\r\nMessage-ID: <u1@polizei.example>\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Ein Unbekannter beschaedigte am Dienstag einen geparkten Wagen und fuhr davon.\r\n"
    )
    assert read(mail).title == "Unfallflucht vor einem Supermarkt – Zeugen gesucht"


def test_format_flowed_joins_soft_breaks_and_keeps_hard_ones():
    text = "Erste Zeile geht \nweiter.\n Gestopft\n> zitiert \n> weiter\n-- \nName"
    assert unflowed(text) == "Erste Zeile geht weiter.\nGestopft\n> zitiert weiter\n-- \nName"
    assert unflowed("Wort\u00adtrenn \nung", delete_space=True) == "Wort\u00adtrennung"


def test_a_letterhead_logo_the_mail_shows_is_neither_photo_nor_attachment():

    message = EmailMessage()
    message["From"], message["Subject"] = "presse@stadtwerke.example", "Fernwärme wird billiger"
    message["Date"], message["Message-ID"] = "Tue, 24 Nov 2026 10:00:00 +0100", "<logo@x>"
    message.set_content("Text")
    message.add_alternative(
        '<img src="cid:logo123@sw" alt="Stadtwerke" width="180"><p>Die Stadtwerke senken den '
        'Preis.</p><img src="cid:photo1@sw" alt="Wärmepumpe">',
        subtype="html",
    )
    html = message.get_payload()[1]
    html.add_related(b"\x89PNG\r\n\x1a\n", "image", "png", cid="<logo123@sw>", filename="logo.png")
    html.add_related(b"\xff\xd8\xff\xe0", "image", "jpeg", cid="<photo1@sw>", filename="pumpe.jpg")
    release = read(message.as_bytes())
    assert [media.filename for media in release.media] == ["pumpe.jpg"]


def _two_parts(html: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Volksbank <presse@volksbank.example>"
    message["Subject"] = "Gewinnsparen: 60.000 Euro für Vereine"
    message["Message-ID"] = "<gs-1@volksbank.example>"
    message.set_content(
        "Die Volksbank hat in diesem Jahr 60.000 Euro aus dem Gewinnsparen an 48 Vereine "
        "vergeben.\n\nDas Geld fließt in Trikots, Instrumente und eine Flutlichtanlage.\n\n"
        '"Sparen, gewinnen und helfen zugleich", sagt Vorstandssprecherin Claudia Wendt.\n'
    )
    message.add_alternative(html, subtype="html")
    return message.as_bytes()


def test_a_mails_whole_text_part_is_read_when_its_html_part_is_broken():
    for html, why in (
        ("<p>{{BODY_PLACEHOLDER}}</p><p>Im Browser ansehen</p>", "a template nobody filled"),
        ("<p>Die Volksbank hat in diesem Jahr 60.000 Euro aus dem Gewinn</p>", "cut off"),
    ):
        raw = read(_two_parts(html))
        assert "sagt Vorstandssprecherin Claudia Wendt" in raw.body_text, why
        assert not raw.body_html
        assert any(why in warning for warning in raw.warnings)
    html = (
        "<p>Die Volksbank hat 60.000 Euro an 48 Vereine vergeben.</p>"
        "<p>Das Geld fließt in Trikots, Instrumente und Flutlicht.</p>"
        "<p>„Sparen, gewinnen und helfen zugleich“, sagt Claudia Wendt.</p>"
    )
    whole = read(_two_parts(html))
    assert whole.body_html and not whole.warnings


def _newsletter_with_pictures(footer: str) -> bytes:
    return (
        "From: Stadtwerke <presse@stadtwerke.example>\r\nSubject: 120 neue Ladepunkte\r\n"
        "Date: Thu, 26 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><h1>120 neue Ladepunkte</h1>"
        "<p>Die Stadtwerke bauen bis Ende 2027 im Stadtgebiet 120 neue öffentliche Ladepunkte."
        "</p><p><img src='https://mcusercontent.example/images/ladesaeule-markt.jpg' "
        "width='600' alt='Ladesäule am Marktplatz'></p><p>Sie erhalten diese E-Mail, weil Sie "
        f"sich für den Presseverteiler angemeldet haben.</p>{footer}</body></html>"
    ).encode()


def test_a_mailing_tool_s_badge_in_the_footer_is_no_press_photo_but_a_real_photo_is_named():
    footer = (
        "<p><a href='http://www.mailchimp.com/email-referral/?utm_source=freemium_newsletter'>"
        "<img src='https://cdn-images.mailchimp.com/monkey_rewards/intuit-mc-rewards-text-dark.svg'"
        " alt='Email Marketing Powered by Intuit Mailchimp' width='139'></a></p>"
        "<p><img src='https://img.mailinblue.com/new_images/rnb/rnb_en.png' alt='Sent by Brevo' "
        "width='160'></p>"
    )
    release = read(_newsletter_with_pictures(footer))
    assert release.warnings == (
        "the mail shows a photo from the web (https://mcusercontent.example/images/"
        "ladesaeule-markt.jpg): Melder does not fetch pictures a mail links; attach the photo "
        "to the mail",
    )


def test_a_mail_template_s_banner_and_social_icons_are_no_press_photos():
    banner = (
        "<img src='https://content.govdelivery.com/attachments/fancy_images/NCWESTON/2025/03/"
        "8812345/header.png' alt='Town of Weston News Release' width='600'>"
    )
    icons = (
        "<p>Stay Connected with the Town of Weston:</p>"
        "<a href='https://www.facebook.com/townofweston'><img src='https://cdn.mailer.example/"
        "assets/facebook.png' alt='Facebook'></a>"
        "<a href='https://x.com/townofweston'><img src='https://cdn.mailer.example/assets/x.png'"
        " alt='X'></a><a href='https://www.instagram.com/townofweston'><img src='https://cdn."
        "mailer.example/assets/ig_32.png' alt='Instagram'></a>"
    )
    release = read(_newsletter_with_pictures(banner + icons))
    assert release.warnings == (
        "the mail shows a photo from the web (https://mcusercontent.example/images/"
        "ladesaeule-markt.jpg): Melder does not fetch pictures a mail links; attach the photo "
        "to the mail",
    )


def test_a_photo_whose_name_only_starts_like_an_icon_s_is_still_named():
    photo = (
        "<p><img src='https://cdn.mailer.example/uploads/header-beam-installation.jpg' width='600'"
        " alt='Crews lift the new header beam'></p>"
    )
    release = read(_newsletter_with_pictures(photo))
    assert any("header-beam-installation.jpg" in warning for warning in release.warnings)


def _cover_note_with_attached_file(name: str, content_type: str, data: bytes) -> bytes:
    return (
        b"From: Anja <a.fiedler@werke.example>\r\nSubject: PM: Freibad\r\n"
        b"Date: Thu, 19 Nov 2026 09:41:17 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nanbei unsere Pressemitteilung, siehe "
        b"Anhang.\r\n\r\nMit freundlichen Gr\xc3\xbc\xc3\x9fen\r\nAnja Fiedler\r\n--b\r\n"
        + f"Content-Type: {content_type}\r\nContent-Transfer-Encoding: base64\r\n".encode()
        + f'Content-Disposition: attachment; filename="{name}"\r\n\r\n'.encode()
        + base64.encodebytes(data)
        + b"\r\n--b--\r\n"
    )


SAVED_RELEASE_MAIL = (
    "From: Stadtwerke <presse@werke.example>\nSubject: Freibad öffnet am 1. Juni\n"
    "Date: Wed, 12 May 2027 09:30:00 +0200\nMessage-ID: <pm-freibad@werke.example>\n"
    "Content-Type: text/plain; charset=utf-8\n\nLindenau – Das Freibad öffnet am 1. Juni "
    "nach zwei Jahren Sanierung wieder.\n"
).encode()


def test_a_release_mail_attached_as_a_plain_file_is_read_as_the_forwarded_release():
    for name, content_type in (
        ("Freibad.eml", "application/octet-stream"),
        ("Weiterleitung", "application/octet-stream"),  # no name to go by: its headers tell
        ("Freibad.eml", "text/plain"),
    ):
        release = read(_cover_note_with_attached_file(name, content_type, SAVED_RELEASE_MAIL))
        assert release.title == "Freibad öffnet am 1. Juni", name
        assert release.identity == "<pm-freibad@werke.example>"
        assert release.body_text == (
            "Lindenau – Das Freibad öffnet am 1. Juni nach zwei Jahren Sanierung wieder."
        )
        assert release.published.isoformat() == "2027-05-12T09:30:00+02:00"
        assert FORWARD_NOTE in release.warnings
        assert release.media == ()


FORWARD_NOTE = "the release was read from the mail forwarded as this one's attachment"


def test_an_attached_eml_that_holds_no_mail_is_named_instead_of_publishing_the_cover_note():
    mail = _cover_note_with_attached_file("Freibad.eml", "application/octet-stream", b"\x00PK\x03")
    release = read(mail)
    assert [problem.message for problem in release.problems] == [
        "the mail's text is a cover note and the release seems to be in Freibad.eml, which "
        "Melder does not read; send the text in the mail or attach it as .txt or .html"
    ]


def test_an_attached_text_file_that_only_mentions_headers_stays_an_attachment():
    text = b"Programm: Sommerfest\nOrt: Marktplatz\n\nDas Fest beginnt um 14 Uhr.\n"
    mail = _cover_note_with_attached_file("Programm.pdf", "application/pdf", text)
    release = read(mail)
    assert FORWARD_NOTE not in release.warnings


def _cover_note_with_files(*files: tuple[str, str, str]) -> bytes:
    parts = b"".join(
        f"--b\r\nContent-Type: {kind}; charset=utf-8\r\n"
        f'Content-Disposition: attachment; filename="{name}"\r\n\r\n{text}\r\n'.encode()
        for name, kind, text in files
    )
    return (
        b"From: Anja <a.fiedler@werke.example>\r\nSubject: PM\r\n"
        b"Date: Thu, 19 Nov 2026 09:41:17 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nanbei unsere Pressemitteilungen, siehe "
        b"Anhang.\r\n" + parts + b"--b--\r\n"
    )


POOL = "Freibad öffnet am 1. Juni\n\nLindenau – Das Freibad öffnet am 1. Juni wieder."
HEATING = "Fernwärmenetz wächst\n\nLindenau – Die Stadtwerke bauen das Fernwärmenetz aus."


def test_a_second_release_attached_as_a_file_holds_the_mail_for_an_editor():
    release = read(
        _cover_note_with_files(
            ("PM_Freibad.txt", "text/plain", POOL), ("PM_Fernwaerme.txt", "text/plain", HEATING)
        )
    )
    assert release.body_text == POOL
    assert release.warnings == (
        "the release was read from the attached PM_Freibad.txt; the mail's text was a cover note",
        "held for an editor: the mail has further releases attached (PM_Fernwaerme.txt): only "
        "PM_Freibad.txt was read; submit each as a release of its own",
    )
    assert release.media == ()  # the other release is no document of this one


def test_one_release_attached_as_text_and_as_html_is_read_once_without_a_hold():
    html = (
        "<h1>Freibad öffnet am 1. Juni</h1><p>Lindenau – Das Freibad öffnet am 1. Juni wieder.</p>"
    )
    release = read(
        _cover_note_with_files(
            ("PM_Freibad.txt", "text/plain", POOL), ("PM_Freibad.html", "text/html", html)
        )
    )
    assert release.body_text == POOL
    assert release.warnings == (
        "the release was read from the attached PM_Freibad.txt; the mail's text was a cover note",
    )
