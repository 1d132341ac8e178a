"""The desk's words in German and English, and dates in the reader's locale."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

LANGUAGES = ("de", "en")
DESK_ZONE = ZoneInfo("Europe/Berlin")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "desk": "Review desk",
        "queue": "Queue",
        "admin": "Tokens and users",
        "log_in": "Log in",
        "log_out": "Log out",
        "user": "User name",
        "password": "Password",
        "login_failed": "User name or password is wrong.",
        "too_many": "Too many attempts. Try again in {seconds} seconds.",
        "state": "State",
        "source": "Source",
        "language": "Language",
        "search": "Search",
        "all": "all",
        "filter": "Filter",
        "title": "Title",
        "received": "Received",
        "problems": "Problems",
        "no_releases": "No releases match.",
        "keys_help": "Keys: j/k move, a approve, r reject, e edit, Enter open.",
        "open": "Open",
        "approve": "Approve now",
        "approve_at": "Approve for",
        "approve_at_help": "Date and time in {zone}; published at the first publish after it.",
        "schedule": "Schedule",
        "reject": "Reject",
        "reason": "Reason",
        "withdraw": "Withdraw",
        "withdraw_help": "Takes the release out of every feed at the next publish.",
        "edit": "Edit",
        "media": "Photos and attachments",
        "caption": "Caption",
        "credit": "Credit (photographer or owner)",
        "alt": "Alt text",
        "license": "Terms of use",
        "lead_image": "Lead photo",
        "drop_media": "Leave out",
        "no_credit": "No credit: a portal may not publish a photo without one.",
        "no_alt": "No alt text: readers who cannot see the photo learn nothing of it.",
        "document": "Document",
        "photo": "Photo",
        "correct": "Correct published release",
        "correct_help": "Saving publishes the correction at the next publish: same id and URL.",
        "save": "Save as new revision",
        "cancel": "Cancel",
        "teaser": "Teaser",
        "body": "Text (paragraphs separated by blank lines)",
        "categories": "Categories (comma-separated)",
        "preview": "Portal preview",
        "preview_channel": "as channel {channel} will show it",
        "no_channel": "No channel takes this source; nothing would be published.",
        "original": "Original input",
        "original_missing": "The original input is not available here.",
        "warnings": "Extraction warnings",
        "errors": "Errors",
        "revisions": "Revisions",
        "revision": "Revision",
        "diff": "Changes from revision {old} to {new}",
        "no_diff": "No differences.",
        "audit": "Audit trail",
        "when": "When",
        "who": "Who",
        "action": "Action",
        "note": "Note",
        "publish": "Publish now",
        "published_count": "Published {count} release(s); {files} channel(s) changed.",
        "done": "Done: {action}.",
        "conflict": "Conflict",
        "error": "Error",
        "csrf": "The form expired or did not come from this desk. Reload the page and retry.",
        "not_found": "Not found.",
        "forbidden": "You may not do this.",
        "tokens": "API tokens",
        "deliveries": "Webhook deliveries",
        "no_deliveries": "No webhook deliveries yet.",
        "delivery_status": "Status",
        "attempts": "Tries",
        "event": "Event",
        "channel": "Channel",
        "last_answer": "Last answer",
        "new_token": "New token for source",
        "token_shown_once": "Copy this token now; it is not shown again:",
        "revoke": "Revoke",
        "revoked": "revoked",
        "label": "Label",
        "users": "Users",
        "add_user": "Add user",
        "role": "Role",
        "create": "Create",
        "skip": "Skip to content",
        "embargo": "Embargo until",
        "publish_at": "Scheduled for",
        "public_url": "Public URL",
        "switch_language": "Deutsch",
        "unchanged": "Nothing to do: it was already so.",
        "correction": "correction {state}",
        "goes_out_at": "Goes out at",
        "live_revision": "Live revision",
        "reopen": "Reopen",
        "possible_duplicate": "Possible duplicate",
        "merge_into": "Merge as revision of {id}",
        "keep_both": "Keep both",
    },
    "de": {
        "desk": "Redaktionstisch",
        "queue": "Eingang",
        "admin": "Tokens und Benutzer",
        "log_in": "Anmelden",
        "log_out": "Abmelden",
        "user": "Benutzername",
        "password": "Passwort",
        "login_failed": "Benutzername oder Passwort ist falsch.",
        "too_many": "Zu viele Versuche. Bitte in {seconds} Sekunden erneut versuchen.",
        "state": "Status",
        "source": "Quelle",
        "language": "Sprache",
        "search": "Suche",
        "all": "alle",
        "filter": "Filtern",
        "title": "Titel",
        "received": "Eingegangen",
        "problems": "Probleme",
        "no_releases": "Keine passenden Meldungen.",
        "keys_help": "Tasten: j/k bewegen, a freigeben, r ablehnen, e bearbeiten, Enter öffnen.",
        "open": "Öffnen",
        "approve": "Jetzt freigeben",
        "approve_at": "Freigeben für",
        "approve_at_help": "Datum und Uhrzeit ({zone}); erscheint beim ersten "
        "Veröffentlichen danach.",
        "schedule": "Einplanen",
        "reject": "Ablehnen",
        "reason": "Begründung",
        "withdraw": "Zurückziehen",
        "withdraw_help": "Nimmt die Meldung beim nächsten Veröffentlichen aus allen Feeds.",
        "edit": "Bearbeiten",
        "media": "Fotos und Anhänge",
        "caption": "Bildunterschrift",
        "credit": "Bildnachweis (Fotograf oder Rechteinhaber)",
        "alt": "Alternativtext",
        "license": "Nutzungsbedingungen",
        "lead_image": "Aufmacherfoto",
        "drop_media": "Weglassen",
        "no_credit": "Kein Bildnachweis: Ein Portal darf das Foto ohne ihn nicht veröffentlichen.",
        "no_alt": "Kein Alternativtext: Wer das Foto nicht sehen kann, erfährt nichts darüber.",
        "document": "Dokument",
        "photo": "Foto",
        "correct": "Veröffentlichte Meldung korrigieren",
        "correct_help": "Die Korrektur erscheint beim nächsten Veröffentlichen: "
        "gleiche ID und URL.",
        "save": "Als neue Revision speichern",
        "cancel": "Abbrechen",
        "teaser": "Anreißer",
        "body": "Text (Absätze durch Leerzeilen getrennt)",
        "categories": "Kategorien (durch Kommas getrennt)",
        "preview": "Portal-Vorschau",
        "preview_channel": "so, wie Kanal {channel} sie zeigt",
        "no_channel": "Kein Kanal übernimmt diese Quelle; nichts würde veröffentlicht.",
        "original": "Originaleingang",
        "original_missing": "Der Originaleingang ist hier nicht verfügbar.",
        "warnings": "Hinweise der Extraktion",
        "errors": "Fehler",
        "revisions": "Revisionen",
        "revision": "Revision",
        "diff": "Änderungen von Revision {old} zu {new}",
        "no_diff": "Keine Unterschiede.",
        "audit": "Protokoll",
        "when": "Wann",
        "who": "Wer",
        "action": "Aktion",
        "note": "Notiz",
        "publish": "Jetzt veröffentlichen",
        "published_count": "{count} Meldung(en) veröffentlicht; {files} Kanal/Kanäle geändert.",
        "done": "Erledigt: {action}.",
        "conflict": "Konflikt",
        "error": "Fehler",
        "csrf": "Das Formular ist abgelaufen oder stammt nicht vom Redaktionstisch. "
        "Bitte neu laden und erneut versuchen.",
        "not_found": "Nicht gefunden.",
        "forbidden": "Dazu fehlt Ihnen die Berechtigung.",
        "tokens": "API-Tokens",
        "deliveries": "Webhook-Zustellungen",
        "no_deliveries": "Noch keine Webhook-Zustellungen.",
        "delivery_status": "Status",
        "attempts": "Versuche",
        "event": "Ereignis",
        "channel": "Kanal",
        "last_answer": "Letzte Antwort",
        "new_token": "Neues Token für Quelle",
        "token_shown_once": "Token jetzt kopieren; es wird nicht noch einmal angezeigt:",
        "revoke": "Widerrufen",
        "revoked": "widerrufen",
        "label": "Bezeichnung",
        "users": "Benutzer",
        "add_user": "Benutzer anlegen",
        "role": "Rolle",
        "create": "Anlegen",
        "skip": "Zum Inhalt springen",
        "embargo": "Sperrfrist bis",
        "publish_at": "Geplant für",
        "public_url": "Öffentliche URL",
        "switch_language": "English",
        "unchanged": "Nichts zu tun: Das war bereits so.",
        "correction": "Korrektur {state}",
        "goes_out_at": "Erscheint um",
        "live_revision": "Live-Revision",
        "reopen": "Wieder öffnen",
        "possible_duplicate": "Mögliches Duplikat",
        "merge_into": "Als Revision von {id} zusammenführen",
        "keep_both": "Beide behalten",
    },
}

STATES = {
    "de": {
        "received": "eingegangen",
        "invalid": "ungültig",
        "queued": "wartet",
        "approved": "freigegeben",
        "published": "veröffentlicht",
        "rejected": "abgelehnt",
        "withdrawn": "zurückgezogen",
        "reopened": "wieder geöffnet",
        "merged": "zusammengeführt",
        "kept": "behalten",
    },
}


def choose_language(cookie: str | None, accept_language: str | None) -> str:
    """The language the user picked, else the first German or English one the browser asks for."""
    if cookie in LANGUAGES:
        return cookie
    ranked = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, tag.split("-")[0].lower()))
    for _, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return "en"


class Words:
    """Lookups for one language: `t("key", n=1)` in templates, state names, dates."""

    def __init__(self, language: str):
        self.language = language
        self.strings = STRINGS[language]

    def __call__(self, key: str, **values) -> str:
        text = self.strings.get(key) or STRINGS["en"].get(key, key)
        return text.format(**values) if values else text

    def state(self, value: str) -> str:
        return STATES.get(self.language, {}).get(value, value)

    def date(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return format_datetime(moment, "medium", tzinfo=DESK_ZONE, locale=self.language)
