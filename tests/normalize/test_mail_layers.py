"""Mails around a release: forwards of forwards, replies, corrections, notices that a program
or a person sends instead of a release. Only the release is published, and what is no release
is held or refused with the reason."""

from __future__ import annotations

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED, release


def mail(subject: str, body: str, *, kind: str = "html", headers: str = ""):
    """The release a press office's mail with this subject and body becomes."""
    data = (
        f"From: Pressestelle <presse@talheim.example>\r\nTo: redaktion@kreisblatt.example\r\n"
        f"Subject: {subject}\r\nDate: Wed, 25 Nov 2026 10:00:00 +0100\r\n"
        f"Message-ID: <{abs(hash(subject + body))}@talheim.example>\r\n{headers}"
        f"MIME-Version: 1.0\r\nContent-Type: text/{kind}; charset=utf-8\r\n\r\n{body}"
    ).encode()
    source = SourceConfig(title="Post", kind="files", path="inbox")
    context = InputContext(
        source="post", config=source, locator="inbox/mail.eml", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(data, ".eml", context), source)


def test_a_forward_of_a_forward_publishes_only_the_original_release():
    found = release("weitergeleitet-zweimal.eml")
    assert found.title == "Musikschule Talheim lädt zum Tag der offenen Tür"
    assert found.slug == "musikschule-talheim-laedt-zum-tag-der-offenen-tuer"
    assert found.text.startswith("Talheim, 27. November 2026. Die Musikschule Talheim öffnet")
    assert found.text.endswith("Der Eintritt ist frei.")
    for forwarding in ("Maren", "Uwe", "magst du", "Forwarded", "Von:", "@freemail", "Betreff"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-27T11:20:00+01:00"  # the original's date
    assert found.contact == "Musikschule Talheim, Carola Winter\nTelefon 07131 889 20"


def test_an_html_forward_of_an_outlook_forward_publishes_only_the_original_release():
    found = release("weitergeleitet-zweimal-html.eml")
    assert found.title == "Talheimer Sportlerehrung im Januar"
    assert found.text.startswith("Talheim, 27. November 2026 – Der Landkreis Talheim ehrt")
    assert found.text.endswith("besonderes ehrenamtliches Engagement.")
    for forwarding in ("Ines", "Bernd", "Ursprüngliche", "Gesendet", "@", "WG:"):
        assert forwarding not in found.text, forwarding
    assert found.published_at.isoformat() == "2026-11-27T14:30:00+01:00"


RELEASE_HTML = (
    "<h1>Neue Ladepunkte am Bahnhof</h1><p>Talheim, 1. Dezember 2026 – Die Stadtwerke Talheim "
    "nehmen am Montag vier Schnellladesäulen am Bahnhof in Betrieb.</p><p>Die Säulen liefern "
    "bis zu 150 Kilowatt und sind mit allen gängigen Ladekarten nutzbar.</p>"
)


@pytest.mark.parametrize(
    "preheader",
    [
        "Ab Montag laden E-Autos am Bahnhof. <a href='https://news.example/m/1'>Im Browser "
        "ansehen</a>",
        "Vier neue Ladesäulen <a href='https://news.example/m/1'>Diese E-Mail im Browser "
        "anzeigen</a>",
        "Four new chargers at the station <a href='https://news.example/m/1'>View this email in "
        "your browser</a>",
        "Vier neue Ladesäulen <a href='https://news.example/m/1'>Webversion ansehen</a>",
    ],
)
def test_a_newsletter_s_preview_text_and_browser_link_in_one_cell_leave_the_release(preheader):
    body = f"<table><tr><td>{preheader}</td></tr><tr><td>{RELEASE_HTML}</td></tr></table>"
    found = mail("Neue Ladepunkte am Bahnhof", body)
    assert found.text.startswith("Talheim, 1. Dezember 2026 – Die Stadtwerke Talheim")
    assert found.links == ()
    assert "news.example" not in found.body_html


def test_a_release_sentence_about_a_browser_stays():
    sentence = "<p>Die Ausstellung können Besucher ab Montag auch zu Hause im Browser ansehen.</p>"
    found = mail("Neue Ladepunkte am Bahnhof", RELEASE_HTML + sentence)
    assert found.text.endswith("auch zu Hause im Browser ansehen.")


RECYCLING = (
    "The Talheim County Board today opened a new recycling center on Route 9 that accepts "
    "electronics and batteries free of charge."
)


@pytest.mark.parametrize(
    "footer",
    [
        "You're getting this email because you subscribed to updates from Talheim County.\n\n"
        "Unsubscribe: https://talheim.example/email/unsubscribe/tok_77c1",
        "You are receiving this bulletin because you signed up for news from Talheim County.\n"
        "Update your subscriptions, modify your password or email address, or stop "
        "subscriptions at any time on your Subscriber Preferences Page.\n"
        "https://public.govdelivery.example/accounts/TC/subscriber/edit?token=f00d",
        "Sie bekommen diese E-Mail, weil Sie den Presseverteiler abonniert haben.\n"
        "Abmelden: https://talheim.example/abmelden?u=4711",
    ],
)
def test_an_alert_service_s_footer_and_the_subscriber_s_unsubscribe_link_go(footer):
    found = mail("New recycling center opens", f"{RECYCLING}\n\n{footer}\n", kind="plain")
    assert found.text == RECYCLING
    assert found.links == ()


def test_a_gov_uk_alert_publishes_its_summary_without_labels_or_footer():
    body = (
        "Update on GOV.UK\n\nRecycling center opens on Route 9\n"
        "https://www.gov.uk/government/news/recycling-center-opens\n\n"
        "Page summary:\nA new recycling center on Route 9 accepts electronics and batteries free "
        "of charge from Tuesday.\n\nChange made:\nFirst published.\n\nTime updated:\n"
        "9:30am, 1 December 2026\n\n---\n\nYou’re getting this email because you subscribed to "
        "immediate updates on GOV.UK about ‘Talheim County’.\n\nUnsubscribe:\n"
        "https://www.gov.uk/email/unsubscribe/def456\n"
    )
    found = mail(
        "Update from Talheim County: Recycling center opens on Route 9", body, kind="plain"
    )
    assert found.teaser == (
        "A new recycling center on Route 9 accepts electronics and batteries free of charge "
        "from Tuesday."
    )
    for furniture in ("Page summary", "Change made", "First published", "Time updated", "getting"):
        assert furniture not in found.text, furniture
    assert "unsubscribe" not in found.body_html


def test_a_release_telling_residents_why_they_get_a_letter_keeps_its_text():
    letter = (
        "Sie erhalten diese Förderung, weil Sie in Talheim wohnen. Anträge nimmt das Bürgerbüro "
        "bis 18. Dezember entgegen.\n\nYou are receiving this grant because the county extended "
        "the programme to all households."
    )
    found = mail("Förderung für Heizungstausch", f"{RECYCLING}\n\n{letter}\n", kind="plain")
    assert found.text == f"{RECYCLING}\n\n{letter}"


@pytest.mark.parametrize(
    ("kind", "body", "url"),
    [
        (
            "plain",
            "Sehr geehrte Damen und Herren,\n\nunsere aktuelle Pressemitteilung finden Sie "
            "hier:\nhttps://www.hs-talheim.example/presse/pm-44-2026\n\nMit freundlichen "
            "Grüßen\nIhre Pressestelle\n",
            "https://www.hs-talheim.example/presse/pm-44-2026",
        ),
        (
            "html",
            "<p>Dear editors,</p><p>Read our latest press release <a href='https://news.talheim"
            ".example/2026/chargers'>here</a>.</p><p>Best regards,<br>Press office</p>",
            "https://news.talheim.example/2026/chargers",
        ),
    ],
)
def test_a_mail_that_only_links_to_the_release_is_held_with_the_reason(kind, body, url):
    found = mail("PM 44/2026: Hochschule eröffnet Wasserstofflabor", body, kind=kind)
    assert found.errors[0].field == "body"
    assert found.errors[0].message == (
        f"the mail only links to the release ({url}), which Melder does not fetch from a mail; "
        "send the release's text in the mail, or read that page with a web source"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Die Stadtbibliothek Talheim bleibt vom 24. bis 27. Dezember geschlossen. Ab dem 28. "
        "Dezember gilt wieder der gewohnte Öffnungsplan.\n\nAlle Öffnungszeiten: "
        "https://www.talheim.example/bibliothek\n",
        "Die Stadtbibliothek Talheim bleibt vom 24. bis 27. Dezember geschlossen, die Rückgabe "
        "ist über den Briefkasten möglich.\n\nDie vollständige Pressemitteilung finden Sie "
        "unter https://www.talheim.example/presse/bibliothek\n",
    ],
)
def test_a_short_release_with_a_link_is_no_mere_pointer(body):
    found = mail("Stadtbibliothek zwischen den Jahren geschlossen", body, kind="plain")
    assert found.errors == ()
    assert found.text.startswith("Die Stadtbibliothek Talheim bleibt vom 24. bis 27. Dezember")


def test_a_cover_note_over_the_release_with_a_web_address_in_its_signature_is_no_pointer():
    found = release("outlook-cover-note-en.eml")
    assert found.errors == ()
    assert found.text.startswith("FAIRMONT, W.Va. – Fairmont County Emergency Management")


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Carola Winter ist außer Haus.",
            "Ich werde ab 30.11.2026 nicht im Büro sein. Ich kehre zurück am 07.12.2026. Ich "
            "werde Ihre Nachricht nach meiner Rückkehr beantworten.",
        ),
        ("Carola Winter is out of the office.", "I will be back on December 7."),
        (
            "Re: PM 44/2026: Hochschule eröffnet Wasserstofflabor",
            "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 4. Dezember im Urlaub. "
            "In dringenden Fällen wenden Sie sich bitte an presse@talheim.example.",
        ),
        (
            "Talheim chargers",
            "Thank you for your email. I am currently out of the office until Monday, December 7,"
            " with limited access to email.",
        ),
        (
            "Abwesend: Ihre Meldung im Kreisblatt",
            "Vielen Dank für Ihre E-Mail. Ihre Nachricht wird nicht weitergeleitet.",
        ),
        (
            "Wasserstofflabor",
            "Sehr geehrte Damen und Herren,\n\nich befinde mich bis zum 7. Dezember 2026 nicht im "
            "Büro. In dringenden Angelegenheiten erreichen Sie unser Büro unter 07131 555 12 34.",
        ),
        ("Automatische Antwort: PM 44/2026", "Danke für Ihre Nachricht."),
        (
            "Réponse automatique : Talheim",
            "Je suis absente du bureau jusqu'au 7 décembre. En cas d'urgence, écrivez à "
            "presse@talheim.example.",
        ),
        (
            "Risposta automatica: Talheim",
            "Sono fuori ufficio fino al 7 dicembre. Per questioni urgenti scrivete a "
            "presse@talheim.example.",
        ),
    ],
)
def test_an_out_of_office_note_without_its_headers_is_no_release(subject, body):
    found = mail(subject, body, kind="plain")
    assert [error.field for error in found.errors] == ["email"]
    assert found.errors[0].message.startswith("no press release: the mail is an")
    assert found.errors[0].message.endswith("send the release itself")


@pytest.mark.parametrize(
    "subject",
    ["Abwesende Eltern: Kita-Beiträge werden erstattet", "Absence of rain: reservoirs low"],
)
def test_a_release_whose_subject_starts_with_an_absence_word_is_a_release(subject):
    found = mail(subject, BUS_RELEASE, kind="plain")
    assert found.errors == ()
    assert found.title == subject


def test_a_short_release_that_says_who_is_away_is_a_release():
    body = (
        "Bürgermeisterin Claudia Reiter ist vom 21. bis 31. Dezember im Urlaub. Ihre Vertretung "
        "übernimmt bis zum 2. Januar der Erste Beigeordnete Jan Köhler.\n"
    )
    found = mail("Vertretung der Bürgermeisterin zwischen den Jahren", body, kind="plain")
    assert found.errors == ()
    assert found.text == body.strip()


REPLY_HEADERS = "In-Reply-To: <frage-17@kreisblatt.example>\r\n"
HELD_AS_ANSWER = (
    "the mail answers an earlier message with a short note of its own and quotes the thread "
    "under it: it looks like a reply, not a press release; edit it into the release, or reject it"
)
QUESTION = (
    "Sehr geehrte Frau Winter,\n\ndürfen wir das Foto aus Ihrer Pressemitteilung vom 27. "
    "November auch auf unserer Startseite zeigen? Und bis wann kann man sich für die "
    "Probestunden anmelden? Wir würden gerne in der Wochenendausgabe ausführlich über den Tag "
    "der offenen Tür berichten und dazu auch die Leiterin der Musikschule zitieren, falls sie "
    "für ein kurzes Telefonat zur Verfügung steht.\n\nBeste Grüße\nMaren Seidel\nRedaktion"
)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


@pytest.mark.parametrize(
    "answer",
    [
        "Hallo Frau Seidel,\n\nja, das Foto dürfen Sie mit dem Credit „Musikschule Talheim“ "
        "verwenden. Anmeldungen sind bis 4. Dezember möglich.\n\nViele Grüße\nCarola Winter",
        "Gerne, das Foto steht Ihnen frei zur Verfügung.\n\nBeste Grüße\nCarola Winter",
    ],
)
def test_a_short_answer_to_the_portal_s_question_is_held_as_no_release(answer):
    body = f"{answer}\n\nAm 30.11.2026 um 17:02 schrieb Maren Seidel:\n{_quoted(QUESTION)}\n"
    found = mail(
        "Re: Ihre Anfrage zum Tag der offenen Tür", body, kind="plain", headers=REPLY_HEADERS
    )
    assert [error.message for error in found.errors] == [HELD_AS_ANSWER]
    assert "Startseite" not in found.text  # the question is never read as the release


def test_a_short_answer_in_an_html_reply_is_held_as_no_release():
    body = (
        "<div dir='ltr'>Hallo Frau Seidel,<br><br>ja, das Foto dürfen Sie verwenden.<br><br>"
        "Viele Grüße<br>Carola Winter</div><br><div class='gmail_quote'><div class='gmail_attr'>"
        "Am Mo., 30. Nov. 2026 um 17:02 Uhr schrieb Maren Seidel &lt;m.seidel@kreisblatt.example"
        "&gt;:<br></div><blockquote class='gmail_quote'>"
        + QUESTION.replace("\n", "<br>")
        + "</blockquote></div>"
    )
    found = mail("AW: Ihre Anfrage zum Tag der offenen Tür", body, headers=REPLY_HEADERS)
    assert [error.message for error in found.errors] == [HELD_AS_ANSWER]


def test_a_release_sent_as_a_reply_is_read_and_the_editor_is_told_it_is_one():
    release_text = (
        "Talheim, 25. November 2026. Die Musikschule Talheim bietet ab Januar zwölf neue "
        "Probestunden für Erwachsene an. Angeboten werden Klavier, Gitarre, Geige und Gesang, "
        "jeweils dienstags und donnerstags zwischen 18 und 20 Uhr in der Schulstraße 4.\n\n"
        "Anmeldungen nimmt das Sekretariat bis 18. Dezember unter Telefon 07131 889 20 "
        "entgegen. Die Probestunden sind kostenlos, Instrumente werden gestellt."
    )
    body = f"{release_text}\n\nAm 30.11.2026 um 17:02 schrieb Maren Seidel:\n{_quoted(QUESTION)}\n"
    found = mail(
        "Re: Ihre Anfrage zum Tag der offenen Tür", body, kind="plain", headers=REPLY_HEADERS
    )
    assert found.errors == ()
    assert found.text == release_text
    assert found.warnings == (
        "the mail is a reply to an earlier message: check that the text kept is the press "
        "release, not the correspondence around it",
    )


def test_a_release_quoted_under_a_short_reminder_in_a_reply_is_not_held():
    release_text = (
        "Talheim, 27. November 2026. Die Musikschule Talheim öffnet am Samstag, 5. Dezember, "
        "von 10 bis 15 Uhr ihre Unterrichtsräume in der Schulstraße 4. Kinder und Erwachsene "
        "können Geige, Klavier, Schlagzeug und zwölf weitere Instrumente ausprobieren. Um 13 "
        "Uhr spielt das Jugendorchester im Saal, der Eintritt ist frei."
    )
    body = (
        "Hallo Frau Seidel,\n\nhier noch einmal unsere Meldung von Freitag, siehe unten.\n\n"
        f"Viele Grüße\nCarola Winter\n\nAm 27.11.2026 um 11:20 schrieb Carola Winter:\n"
        f"{_quoted(release_text)}\n"
    )
    found = mail(
        "Re: Musikschule Talheim lädt zum Tag der offenen Tür",
        body,
        kind="plain",
        headers=REPLY_HEADERS,
    )
    assert found.errors == ()
    assert found.text == release_text


BUS_RELEASE = (
    "Talheim, 25. November 2026. Mit dem Fahrplanwechsel am Sonntag, 13. Dezember, fahren die "
    "Busse zwischen Talheim und Großdorf im Halbstundentakt."
)


@pytest.mark.parametrize(
    "label",
    [
        "KORREKTUR: ",
        "Berichtigung: ",
        "Korrigierte Fassung: ",
        "CORRECTION: ",
        "UPDATE: ",
        "Update 2 – ",
        "KORREKTUR: Pressemitteilung: ",
    ],
)
def test_a_correction_s_label_is_cut_from_the_headline(label):
    found = mail(f"{label}Mehr Busse für Großdorf ab Dezember", BUS_RELEASE, kind="plain")
    assert found.title == "Mehr Busse für Großdorf ab Dezember"
    assert found.slug == "mehr-busse-fuer-grossdorf-ab-dezember"


@pytest.mark.parametrize(
    "title",
    [
        "Update für die Talheim-App zeigt Busse in Echtzeit",
        "Berichtigung des Haushalts: Kreistag beschließt Nachtrag",
    ],
)
def test_a_headline_that_starts_with_such_a_word_keeps_it(title):
    assert mail(title, BUS_RELEASE, kind="plain").title == title


ROAD_RELEASE = (
    "Talheim, 25. November 2026. Die Kreisstraße K 2150 zwischen Talheim und Großdorf ist ab "
    "Montag wieder befahrbar. Die Arbeiten an der Brücke sind zwei Wochen früher fertig."
)


@pytest.mark.parametrize(
    ("signature", "contact"),
    [
        (
            "Mit freundlichen Grüßen\nCarola Winter\nPressestelle Landratsamt Talheim\n"
            "Tel. 07131 994-1010",
            "Carola Winter\nPressestelle Landratsamt Talheim\nTel. 07131 994-1010",
        ),
        (
            "Beste Grüße aus Talheim\nCarola Winter\nPressestelle Landratsamt Talheim",
            "Carola Winter\nPressestelle Landratsamt Talheim",
        ),
        (
            "Kind regards\nCarola Winter\nPress Office, Talheim County",
            "Carola Winter\nPress Office, Talheim County",
        ),
    ],
)
def test_the_press_officer_who_signs_the_mail_is_named_in_the_contact(signature, contact):
    found = mail(
        "Kreisstraße K 2150 ab Montag frei", f"{ROAD_RELEASE}\n\n{signature}\n", kind="plain"
    )
    assert found.contact == contact
    assert found.text == ROAD_RELEASE


def test_a_signature_without_a_press_office_or_an_address_is_no_contact():
    body = f"{ROAD_RELEASE}\n\nMit freundlichen Grüßen\nCarola Winter\nMusikschule Talheim\n"
    assert mail("Kreisstraße K 2150 ab Montag frei", body, kind="plain").contact is None


def test_a_headline_above_the_press_office_s_lines_is_not_its_name():
    body = (
        f"{ROAD_RELEASE}\n\nDer Kreis baut 2027 zwölf Kilometer Radwege.\n\nKontakt Radwege\n\n"
        "Pressestelle Landratsamt Talheim\nTel. 07131 994-1010\n"
    )
    found = mail("Kreisstraße K 2150 ab Montag frei", body, kind="plain")
    assert found.contact == "Pressestelle Landratsamt Talheim\nTel. 07131 994-1010"
