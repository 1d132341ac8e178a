"""A contact's lines: which give an address (a phone number, an e-mail, a web address), which
are a sentence of the article or the start of what follows a contact, and how a reader of the
contact gets them (a link to a form or a profile that names no address says nothing there, and
a mailto link shows its address)."""

from __future__ import annotations

import re

from pipeline.normalize import boilerplate, dates
from pipeline.normalize.body import Line
from pipeline.normalize.disclaimers import is_disclaimer

_LINK_ONLY_LABEL = re.compile(
    r"(?:e-?mail|contact|write|message) (?:us|me)(?: here)?|click here|kontaktformular"
    r"|visit us on social media:?|follow us:?|folgen sie uns:?|facebook|instagram|x|twitter"
    r"|linkedin|youtube|xing|tiktok|mastodon|bluesky|threads",
    re.I,
)


# a mailto link's label where its address would stand ('E-Mail schreiben', 'Send email'); as
# plain text, 'Mail' is the field's label over the address
_MAIL_LABEL = re.compile(
    r"e-?mail(?: (?:schreiben|senden|verfassen))?|mail|send (?:an )?e-?mail"
    r"|schreiben sie (?:uns|mir)(?: eine e-?mail)?|nachricht (?:senden|schreiben)",
    re.I,
)


def shown_line(line: Line) -> str:
    """The line as a contact prints it: a link to a form or a profile that names no address
    says nothing; a mailto link shows its address."""
    text = line.text.strip()
    linked = any(href for _, href in line.segs)
    if not _LINK_ONLY_LABEL.fullmatch(text) and not (linked and _MAIL_LABEL.fullmatch(text)):
        return line.text
    hrefs = [href for _, href in line.segs if href]
    mail = next((href[7:].split("?")[0] for href in hrefs if href.startswith("mailto:")), None)
    return mail if mail and "@" in mail else ""


# What follows a contact and is none of it: 'Über uns', a study's 'Originalpublikation:', a
# section of other releases ('Aktuelle Pressemitteilungen'), a page's invitation to follow it
# or sign up for its mails ('Join the conversation …: Twitter: @…', 'Email Alerts')
CONTACT_STOP_RE = re.compile(
    r"^(?:über|about|hintergrund|background|notes? to editors"
    r"|stay connected|join the conversation|e-?mail alerts|sign up (?:for|to)|subscribe to"
    r"|original(?:publikation|veröffentlichung|arbeit)|original (?:publication|paper|article)"
    r"|publikation|publication|literatur|literature|references?|quellen?|source"
    r"|weitere informationen|more information|further information|zum weiterlesen|links?"
    r"|(?:aktuelle|neueste|weitere|recent|latest|more) (?:presse)?(?:mitteilungen|meldungen"
    r"|nachrichten|news|releases|press releases|stories))\b",
    re.I,
)

# A company's legal details under a signature ('Sitz der Gesellschaft: Leipzig | Registergericht:
# …', 'Geschäftsführer: …', 'Registered in England No. …'): the imprint, no way to reach anyone
_COMPANY_REGISTER_RE = re.compile(
    r"(?:sitz der gesellschaft|registergericht|handelsregister|amtsgericht\s+\w+,?\s+hrb"
    r"|hrb\s*\d|ust\.?-?\s?id(?:nr|-nr)?\.?|steuer-?nr\.?|geschäftsführ(?:er|erin|ung)"
    r"|vorstand|aufsichtsrat(?:svorsitzende[r]?)?|registered (?:office|in \w+)"
    r"|company (?:registration|number|no\.?)|vat (?:no\.?|number|id|reg)|managing directors?"
    r")\s*(?::|no\.?|\d)",
    re.I,
)


def ends_contact(text: str) -> bool:
    """A line after which a contact cannot go on: page furniture, or the start of what follows
    a contact ('About Acme', 'Notes to editors')."""
    if _FIELD_LABEL_RE.fullmatch(text.strip()):
        return False  # 'Mail' over the address: a field of the contact, no share button
    return (
        boilerplate.is_boilerplate(text)
        or bool(CONTACT_STOP_RE.match(text))
        or bool(_COMPANY_REGISTER_RE.match(text.strip()))
        or is_footer_link_row(text)
        # 'Stand: 25.11.2026 | aktualisiert am 26.11.2026' under the box dates the page
        or dates.is_date_line(text)
    )


# A site footer's row of links ('Impressum  Datenschutz  Barrierefreiheit', 'Kontakt | Sitemap')
_FOOTER_LINK = (
    r"(?:impressum|datenschutz(?:erkl[äa]rung)?|barrierefreiheit(?:serkl[äa]rung)?|kontakt"
    r"|sitemap|leichte\s+sprache|geb[äa]rdensprache|agb|nutzungsbedingungen|cookie-?\s?einstellungen"
    r"|cookies|imprint|legal\s+notice|privacy(?:\s+policy)?|accessibility|terms(?:\s+of\s+use)?"
    r"|contact(?:\s+us)?)"
)
_FOOTER_ROW_RE = re.compile(rf"{_FOOTER_LINK}(?:\s*[|·•/,–-]?\s*{_FOOTER_LINK})+\W*", re.I)


def is_footer_link_row(text: str) -> bool:
    return bool(_FOOTER_ROW_RE.fullmatch(text.strip()))


_FIELD_LABEL_RE = re.compile(
    r"(?:e-?mail|mail|phone|tel(?:efon)?|fax|mobil(?:e)?|handy|web(?:site)?|internet)\s*:?", re.I
)


def is_prose(text: str) -> bool:
    """A sentence of the article, not a line of an address."""
    return not has_address(text) and (
        is_disclaimer(text) or boilerplate.is_long_paragraph(text) or len(text) > 120
    )


def has_address(text: str) -> bool:
    # a person's line may name their office and when they can be reached: 'Cornelia Brändli-
    # Meier, Regierungsrätin, Vorsteherin …, Telefon 058 345 61 00 (erreichbar am … 15 Uhr)'
    return len(text) <= 240 and bool(ADDRESS_RE.search(text))


ADDRESS_RE = re.compile(
    r"@|\+?\d[\d /().-]{6,}\d|www\.|https?://"  # mail, phone, web
    r"|(?-i:\b\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]{2,})"  # postcode and town
    # a field's word as its label ('Tel.', 'Mobile: …', 'Email' over the address), not a
    # sentence's ('its mobile library service', a headline's 'MOBILE LIBRARIES')
    r"|\b(?:tel|telefon|phone|fax|mobil|mobile|e-?mail)\b(?=\s*(?:[.:+(\d]|$))",
    re.I,
)


PRESS_RE = re.compile(r"presse|press|medi(?:en|a)|journalist|redaktion", re.I)


# A line that points at a contact under it without a label of the contact's own: short, ending
# with a colon, and naming the press or asking for questions ('Medienauskünfte:', 'Rückfragen
# von Journalisten bitte an:', 'For media enquiries please contact:')
_LEAD_IN_RE = re.compile(
    r"(?=.*\b(?:\w*kontakt\w*|r[üu]ckfrage\w*|\w*ausk[üu]nft\w*|\w*anfragen|presse\w*|medien\w*"
    r"|journalist\w*|contact\w*|inquir\w*|enquir\w*|media|press)\b)[^:]{3,80}:",
    re.I,
)
LEAD_IN_WORDS = 8


def is_contact_lead_in(text: str) -> bool:
    text = text.strip()
    return (
        bool(_LEAD_IN_RE.fullmatch(text))
        and len(text.split()) <= LEAD_IN_WORDS
        and not has_address(text)
    )


# A sender's postal address on one line, its parts set apart by commas or dots: 'Harbour Arts
# Trust, 12 Narrow Quay, Bristol BS1 4QA, United Kingdom', 'Stadt Lindenau · Markt 1 · 04177
# Lindenau', '500 W 2nd St, Austin, TX 78701'. A postcode in one of the forms a mailing list's
# imprint uses: German, Austrian, Swiss or Dutch, British, American.
_POSTCODE_RE = re.compile(
    r"(?-i:\b(?:[A-Z]{1,2}-)?\d{4,5}\s+[A-ZÄÖÜ][\wäöüß.-]+"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{4}\s?[A-Z]{2}\b)"
)
_ADDRESS_PARTS_RE = re.compile(r"\s*[,·•|]\s*|\s+[–-]\s+")
MAX_POSTAL_LINE = 160


def is_postal_line(text: str) -> bool:
    """The line is a postal address and nothing else: no sentence, no phone or mail."""
    text = text.strip()
    parts = _ADDRESS_PARTS_RE.split(text)
    return (
        len(text) <= MAX_POSTAL_LINE
        and len(parts) >= 2
        # each part a name, a street or a place: 'sagte er' goes on a sentence
        and all(part[:1].isupper() or part[:1].isdigit() for part in parts)
        and bool(_POSTCODE_RE.search(text))
        and not re.search(r"[.!?:]\s|@|\+?\d[\d /().-]{7,}\d", text)
        and not text.endswith((".", "!", "?", ":"))
    )


# A contact's label in French or Italian: a Swiss release in two languages names its contact
# under each version ('Auskünfte' …, then 'Renseignements' …)
_FRENCH_LABEL_RE = re.compile(
    r"\W*(?:(?:pour\s+(?:tout\s+|plus\s+de\s+)?)?renseignements?|personnes?-ressources?"
    r"|contacts?\s+(?:presse|médias))",
    re.I,
)
_ITALIAN_LABEL_RE = re.compile(
    r"\W*(?:(?:per\s+(?:ulteriori\s+)?)?informazioni|contatti?\s+stampa)", re.I
)


def label_language(text: str) -> str:
    """The language a contact's label is in: French, Italian, or one of German and English."""
    if _FRENCH_LABEL_RE.match(text):
        return "fr"
    return "it" if _ITALIAN_LABEL_RE.match(text) else "de or en"
