"""Messages pasted into a .txt: a mail copied with its header block, a chat's export."""

# ruff: noqa: E501  (the pasted texts keep their long lines, as mail programs and chats give them)

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize

ARRIVED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def pasted(text: str, language: str = "de"):
    source = SourceConfig(title="Probe", kind="files", path="inbox", language=language)
    context = InputContext(
        source="probe", config=source, locator="inbox/paste.txt", received_at=ARRIVED,
        route="files",
    )  # fmt: skip
    return normalize(read_input(text.encode("utf-8"), ".txt", context), source)


OUTLOOK_MAIL = """Von: Pressestelle Stadt Wendlingen <presse@wendlingen.example>
Gesendet: Mittwoch, 25. November 2026 08:30
An: redaktion@zeitung.example
Betreff: {subject}

Sehr geehrte Damen und Herren,

anbei unsere Pressemitteilung mit der Bitte um Veröffentlichung.

Neue Buslinie zum Bahnhof ab Januar

Wendlingen. Ab dem 4. Januar 2027 fährt die neue Buslinie 12 im Halbstundentakt vom Marktplatz zum Bahnhof. Die Stadt und der Verkehrsverbund teilen sich die Kosten.

Fahrpläne liegen ab Mitte Dezember im Rathaus aus und stehen online bereit.

Mit freundlichen Grüßen

Sabine Krüger
Pressesprecherin
Stadt Wendlingen
Tel. 07024 920-100

Diese Nachricht enthält vertrauliche Informationen. Sollten Sie nicht der vorgesehene Empfänger sein, löschen Sie diese Nachricht bitte.
"""


def test_a_pasted_mail_has_its_subject_as_headline_and_its_sent_date():
    found = pasted(OUTLOOK_MAIL.format(subject="PM: Neue Buslinie zum Bahnhof ab Januar"))
    assert found.title == "Neue Buslinie zum Bahnhof ab Januar"
    assert found.slug == "neue-buslinie-zum-bahnhof-ab-januar"
    assert found.published_at.isoformat() == "2026-11-25T08:30:00+01:00"
    assert found.embargo_until is None
    assert found.text.startswith("Wendlingen. Ab dem 4. Januar 2027 fährt")
    for header in ("Gesendet", "Betreff", "redaktion@zeitung.example", "Sehr geehrte"):
        assert header not in found.text, header
    assert found.contact == "Sabine Krüger\nPressesprecherin\nStadt Wendlingen\nTel. 07024 920-100"


def test_an_embargo_in_a_pasted_mails_subject_holds_the_release():
    found = pasted(
        OUTLOOK_MAIL.format(subject="SPERRFRIST 03.12.2026, 10 Uhr: Neue Buslinie zum Bahnhof")
    )
    assert found.title == "Neue Buslinie zum Bahnhof ab Januar"  # the body's fuller headline
    assert found.embargo_until.isoformat() == "2026-12-03T10:00:00+01:00"
    assert found.slug == "neue-buslinie-zum-bahnhof-ab-januar"


def test_an_english_pasted_mail_is_signed_by_its_communications_officer():
    found = pasted(
        "From: Press Office <press@council.example>\n"
        "Sent: 25 November 2026 09:47\n"
        "To: newsdesk@news.example\n"
        "Subject: Press release: Swimming pool reopens after repairs\n\n"
        "Swimming pool reopens after repairs\n\n"
        "Riverside Leisure Centre will reopen its main pool on 1 December 2026 after six weeks "
        "of repairs to the roof, the council announced today.\n\n"
        "Kind regards,\n\nAmira Patel\nCommunications Officer\n",
        "en",
    )
    assert found.title == "Swimming pool reopens after repairs"
    assert found.text.startswith("Riverside Leisure Centre will reopen")
    assert found.published_at.isoformat() == "2026-11-25T09:47:00+01:00"
    assert found.contact == "Amira Patel\nCommunications Officer"


def test_a_release_with_its_own_subject_line_in_the_text_is_no_mail():
    found = pasted(
        "Betreff: Neue Buslinie zum Bahnhof ab Januar\n\n"
        "Wendlingen. Ab dem 4. Januar 2027 fährt die neue Buslinie 12 im Halbstundentakt vom "
        "Marktplatz zum Bahnhof. Die Stadt und der Verkehrsverbund teilen sich die Kosten.\n"
    )
    assert found.published_at is None  # no header block: no sent date to take
    assert "Halbstundentakt" in found.text


CHAT = """[24.11.26, 18:02] Jens Albrecht: *Weitergeleitet*
[24.11.26, 18:02] Jens Albrecht: PRESSEMITTEILUNG des TSV Wendlingen

Hallenturnier der Jugend am 13. Dezember

Der TSV Wendlingen richtet am Samstag, 13. Dezember 2026, ab 9 Uhr in der Sporthalle am See sein Hallenturnier für die E- und D-Jugend aus. Zwölf Mannschaften aus dem Landkreis haben gemeldet.

Für Essen und Getränke sorgt der Förderverein. Der Eintritt ist frei.
[24.11.26, 18:05] Jens Albrecht: Könnt ihr das bringen? Meine Handynummer ist privat: 0170 1112233
[24.11.26, 18:09] Redaktion Lokales: Machen wir 👍
"""


def test_a_chat_export_gives_the_long_message_without_stamps_or_the_chat_around_it():
    found = pasted(CHAT)
    assert found.title == "Hallenturnier der Jugend am 13. Dezember"
    assert found.text.startswith("Der TSV Wendlingen richtet am Samstag")
    assert found.text.endswith("Der Eintritt ist frei.")
    assert found.published_at.isoformat() == "2026-11-24T18:02:00+01:00"
    for chat in ("Weitergeleitet", "[24.11.26", "0170 1112233", "Machen wir"):
        assert chat not in found.text, chat
        assert chat not in (found.contact or ""), chat


def test_a_release_quoting_one_stamped_line_is_no_chat():
    found = pasted(
        "Hallenturnier der Jugend am 13. Dezember\n\n"
        "[13.12.26, 09:00] Anpfiff: Der TSV Wendlingen richtet am Samstag sein Hallenturnier "
        "für die E- und D-Jugend aus. Zwölf Mannschaften haben gemeldet.\n"
    )
    assert found.title == "Hallenturnier der Jugend am 13. Dezember"
    assert "[13.12.26, 09:00] Anpfiff:" in found.text


def test_a_signature_keeps_its_lines_up_to_the_notice_under_it():
    found = pasted(OUTLOOK_MAIL.format(subject="Neue Buslinie zum Bahnhof ab Januar"))
    assert "vertrauliche" not in found.contact
    assert "vertrauliche" not in found.text


def test_a_pasted_mail_with_a_marker_and_a_wrapped_recipient_line_is_read_as_a_mail():
    text = OUTLOOK_MAIL.format(subject="WG: Neue Buslinie zum Bahnhof ab Januar").replace(
        "An: redaktion@zeitung.example\n",
        "An: redaktion@zeitung.example; lokales@zeitung.example;\n"
        "    online@zeitung.example; foto@zeitung.example\n",
    )
    found = pasted("-----Ursprüngliche Nachricht-----\n" + text)
    assert found.title == "Neue Buslinie zum Bahnhof ab Januar"
    assert found.published_at.isoformat() == "2026-11-25T08:30:00+01:00"
    assert "online@zeitung.example" not in found.text
