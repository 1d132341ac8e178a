"""Forwards, replies and mails that programs send.

A forwarded release: the forwarder's note and the forwarding header go, and the forwarded
message's own subject and date are kept (plain text, and HTML bodies from mail programs,
Outlook's included, which draws only a border above "Von: … Betreff: …"). A reply's quoted
thread goes. A mail that a program sent (an out-of-office reply, a read receipt) is named.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from pipeline.extract import parse_html

_FORWARD_MARKER = re.compile(
    r"^\s*-{2,}\s*(?:Forwarded message|Original Message|Ursprüngliche Nachricht|"
    r"Weitergeleitete Nachricht|Message transféré)\s*-{0,}\s*$"
    # Apple Mail's
    r"|^\s*(?:Anfang der weitergeleiteten Nachricht|Begin forwarded message|Début du message"
    r" réexpédié)\s*:\s*$",
    re.IGNORECASE,
)
# A reply's line over the message it quotes: 'Am 23.11.2026 um 10:15 schrieb Jan Köhler <…>:'
_REPLY_HEADER = re.compile(r"^\s*(?:Am|On|Le)\s.{4,160}\s(?:schrieb|wrote|a écrit)\b.{0,160}:\s*$")
_QUOTED = re.compile(r"^\s*>")
# Prose of a note above a quote that stands for the release itself; less than this, and the
# release is the quoted message ('Erinnerung an unsere Meldung, siehe unten')
_REPLY_WORDS = 60
_FORWARD_HEADER = re.compile(
    r"^\s*\*?(?:From|Von|Sent|Gesendet|Date|Datum|To|An|Cc|Subject|Betreff)\s*:\*?\s*(.*)$",
    re.IGNORECASE,
)
# The forwarded message's own subject and date, as mail programs print them above it.
_FORWARD_FIELD = re.compile(
    r"^\s*\*?(Subject|Betreff|Date|Datum|Sent|Gesendet)\s*:\*?\s*(.+)$", re.IGNORECASE
)
_FIELD_NAMES = {"subject": "subject", "betreff": "subject", "date": "date", "datum": "date",
                "sent": "date", "gesendet": "date"}  # fmt: skip
# A forwarder's own note above the release ("zur Info", "FYI") is not part of the release.
_NOTE_LIMIT = 300


# A release passed on by one person to the next carries a forward in a forward; real mails
# never nest deeper than a few.
_MAX_LAYERS = 5


def strip_forward_text(text: str, replying: bool = False) -> tuple[str, dict[str, str]]:
    """The release in a mail's text and the forwarded message's fields. A reply's own text,
    when it is the release, loses the old thread under it ('Von: … Gesendet: …'). A forward
    of a forward is peeled layer by layer: the innermost message's subject and date count."""
    fields: dict[str, str] = {}
    for _ in range(_MAX_LAYERS):
        text, found, peeled = _strip_one_layer(text, replying)
        fields = {**fields, **found}
        if not peeled:
            break
        replying = False  # under the first forward comes a forwarded message, not a reply
    return text, fields


def _strip_one_layer(text: str, replying: bool) -> tuple[str, dict[str, str], bool]:
    """(text, fields, whether a forward was peeled) for the outermost layer of a mail's text."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if _REPLY_HEADER.match(line) and any(
            _QUOTED.match(x) for x in lines[index + 1 : index + 4]
        ):
            return (*_reply(lines, index), False)
        if _FORWARD_MARKER.match(line) or _header_block_at(lines, index):
            note = "\n".join(lines[:index]).strip()
            start = index + 1 if _FORWARD_MARKER.match(line) else index
            rest, forwarded = _skip_forward_headers(_unquoted(lines[start:]))
            if replying and len(note) > _NOTE_LIMIT:
                return note, {}, False
            kept = [note] if len(note) > _NOTE_LIMIT else []
            return "\n".join([*kept, *rest]), forwarded, not kept
    return text, {}, False


def thread_starts(lines: list[str]) -> int | None:
    """The line where a mail's quoted thread starts: 'Am … schrieb …:', a '>' quote, a marker
    ('-----Ursprüngliche Nachricht-----') or a header block ('Von: … Gesendet: …')."""
    for index, line in enumerate(lines):
        if _REPLY_HEADER.match(line) or _QUOTED.match(line) or _FORWARD_MARKER.match(line):
            return index
        if _header_block_at(lines, index):
            return index
    return None


_SENDER_FIELD = re.compile(r"^\s*\*?(?:From|Von)\s*:\*?\s*\S", re.IGNORECASE)


def _header_block_at(lines: list[str], index: int) -> bool:
    """Outlook's forward in plain text: no marker line, only 'From:' (or 'Von:') and, in the
    lines right under it, the sent date and the subject; GMX's puts 'Gesendet:' first."""
    dated = (match := _FORWARD_FIELD.match(lines[index])) and _FIELD_NAMES[
        match.group(1).lower()
    ] == "date"
    if not (_SENDER_FIELD.match(lines[index]) or dated):
        return False
    following = lines[index + 1 : index + 6]
    if dated and not any(_SENDER_FIELD.match(line) for line in following[:2]):
        return False
    fields = {
        _FIELD_NAMES[match.group(1).lower()]
        for line in lines[index : index + 6]
        if (match := _FORWARD_FIELD.match(line))
    }
    return fields >= {"subject", "date"}


def _unquoted(lines: list[str]) -> list[str]:
    """An iPhone's forward quotes the whole message, its header block too ('> Von: …'): the
    lines without one level of '>' when nearly all of them carry it."""
    written = [line for line in lines if line.strip()]
    if not written or sum(1 for line in written if _QUOTED.match(line)) < 0.9 * len(written):
        return lines
    return [re.sub(r"^\s*>\s?", "", line) for line in lines]


# The field that says a reply's quoted message is the release: its quote header dates it
QUOTED_RELEASE = "quoted release"


def _reply(lines: list[str], index: int) -> tuple[str, dict[str, str]]:
    """A reply: its own text, and the quoted thread under it goes; when its own text is only a
    short note ('siehe unten'), the quoted message is the release, without its '>' marks."""
    own = "\n".join(lines[:index]).strip()
    quoted = [re.sub(r"^\s*>\s?", "", line) for line in lines[index + 1 :] if _QUOTED.match(line)]
    if len(own.split()) < _REPLY_WORDS and len(" ".join(quoted).split()) > 2 * len(own.split()):
        said = re.match(r"^\s*(?:Am|On|Le)\s+(.+?)\s+(?:schrieb|wrote|a écrit)\b", lines[index])
        fields = {"date": said.group(1), QUOTED_RELEASE: "yes"} if said else {}
        return "\n".join(quoted).strip(), fields
    return own, {}


def _skip_forward_headers(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    index = 0
    while index < len(lines) and (not lines[index].strip() or _FORWARD_HEADER.match(lines[index])):
        index += 1
    return lines[index:], _fields_of(lines[:index])


_QUOTE_BLOCKS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]"
    "|//blockquote[@type='cite']|//*[@id='appendonsend']|//*[@id='divRplyFwdMsg']"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' moz-cite-prefix ')]"
)


_TEXT_BEFORE = (
    "preceding::text()[not(ancestor::head) and not(ancestor::style) and not(ancestor::script)]"
)


def strip_reply_quotes(tree, replying: bool) -> None:
    """A reply's quoted thread (Gmail's `gmail_quote`, Apple Mail's cited blockquote, Outlook's
    header under the reply, and all after it) goes when the reply has text of its own above
    it; `tree` is the mail's parsed HTML, before it becomes a fragment."""
    if not replying or tree is None:
        return
    for quote in tree.xpath(_QUOTE_BLOCKS):
        if quote.getparent() is None:
            continue
        above = quote.xpath(_TEXT_BEFORE)
        if len(" ".join(above).split()) >= _REPLY_WORDS:
            for later in [quote, *quote.itersiblings()]:
                later.getparent().remove(later)


def strip_forward_blocks(fragment) -> dict[str, str]:
    """Drop the forwarding header blocks (and a short note before them) from an HTML body,
    layer by layer in a forward of a forward: the innermost message's subject and date count."""
    fields: dict[str, str] = {}
    for _ in range(_MAX_LAYERS):
        found = _strip_one_forward_block(fragment)
        if found is None:
            break
        fields = {**fields, **found}
    return fields


def _strip_one_forward_block(fragment) -> dict[str, str] | None:
    """The outermost forward's fields, its header gone, or None when there is none."""
    blocks = list(fragment)
    for index, block in enumerate(blocks):
        lines = _block_lines(block)
        if lines and _FORWARD_MARKER.match(lines[0]):
            headers = lines[1:]
        elif lines and _starts_outlook_header(blocks, index, lines):
            headers = lines  # Outlook's HTML forward: only a border above "Von: … Betreff: …"
        else:
            continue
        rest, forwarded = _skip_forward_headers(headers)
        note = " ".join(" ".join(_block_lines(b)) for b in blocks[:index])
        for earlier in blocks[:index] if len(note) <= _NOTE_LIMIT else []:
            fragment.remove(earlier)
        if not rest:
            fragment.remove(block)
        else:
            _keep_last_lines(block, len(rest))
        for later in blocks[index + 1 :]:  # headers the converter split into blocks
            header_lines = _block_lines(later)
            if not header_lines or not all(_FORWARD_HEADER.match(x) for x in header_lines):
                break
            forwarded = {**_fields_of(header_lines), **forwarded}
            fragment.remove(later)
        return forwarded
    return None


def _starts_outlook_header(blocks: list, index: int, lines: list[str]) -> bool:
    """'Von:' opens a run of header lines (in this block and the next ones) that names the
    forwarded message's subject: a forwarding header without a marker line."""
    if not re.match(r"^\s*\*?(?:From|Von)\s*:", lines[0], re.IGNORECASE):
        return False
    found = [line for line in lines if _FORWARD_HEADER.match(line)]
    for later in blocks[index + 1 : index + 5]:
        later_lines = _block_lines(later)
        if not later_lines or not all(_FORWARD_HEADER.match(line) for line in later_lines):
            break
        found += later_lines
    return len(found) >= 3 and "subject" in _fields_of(found)


def _block_lines(block) -> list[str]:
    text = "".join(_texts(block))
    return [line.strip() for line in text.split("\n") if line.strip()]


def _texts(element):
    yield element.text or ""
    for child in element:
        yield "\n" if child.tag == "br" else "".join(_texts(child))
        yield child.tail or ""


def _fields_of(lines: list[str]) -> dict[str, str]:
    """The subject and date among forwarding header lines (the first of each counts)."""
    fields: dict[str, str] = {}
    for line in lines:
        match = _FORWARD_FIELD.match(line)
        if match:
            fields.setdefault(_FIELD_NAMES[match.group(1).casefold()], match.group(2).strip())
    return fields


_ZONE_GIVEN = re.compile(r"[+-]\d\d:?\d\d\b|\b(?:UTC|GMT|[A-Z]{1,4}[SD]?T|MEZ|MESZ)\b")


def forwarded_date(text: str, sent: datetime | None = None) -> tuple[datetime | None, str | None]:
    """A forwarded message's date: RFC 2822 with its zone, else the text for `normalize`
    ("Di., 24. Nov. 2026 um 15:30", "Tue, 24 Nov 2026 at 15:30"). Mail programs write that
    header in the forwarder's local time: the zone of the forwarding mail's own date (`sent`),
    unless that is UTC, which mail servers write whatever the sender's zone."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None and moment.tzinfo is not None:
        return moment, None
    offset = sent.utcoffset() if sent is not None and sent.tzinfo is not None else None
    if offset and not _ZONE_GIVEN.search(text):
        minutes = int(offset.total_seconds() // 60)
        sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
        text = f"{text} UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return None, text


def _keep_last_lines(block, count: int) -> None:
    """Rewrite a block to its last `count` lines (the text after a forwarding header)."""
    lines = _block_lines(block)[-count:]
    for child in list(block):
        block.remove(child)
    block.text = lines[0]
    for line in lines[1:]:
        etree.SubElement(block, "br").tail = line


# --- Replies and messages that programs send ---------------------------------------------


_AUTOMATIC_SUBJECT = re.compile(
    r"^\s*(?:automatische\s+antwort|abwesenheitsnotiz|abwesenheit|auto(?:matic)?[- ]?reply"
    r"|out\s+of\s+(?:the\s+)?office|autoreply|réponse\s+automatique|risposta\s+automatica)\b"
    # Outlook's German, French and Italian subject of an absence note: 'Abwesend: <subject>'
    r"|^\s*(?:abwesend|absence|absent|assente|assenza)\s*:"
    r"|^\s*(?:gelesen|read|ungelesen|not\s+read|zugestellt|delivered|unzustellbar|undeliverable"
    r"|delivery\s+status\s+notification|mail\s+delivery\s+(?:failed|failure))\s*:"
    # Lotus Notes' note names the person: 'Frank Wendt ist außer Haus.', '… is out of the office'
    r"|^[^:]{2,80}\s(?:ist|is)\s+(?:au(?:ß|ss)er\s+haus|nicht\s+im\s+büro|out\s+of\s+(?:the\s+)?"
    r"office)\W*$",
    re.I,
)
# An absence note that no header marks: short, in the first person, saying who is away and
# when they are back ('Ich werde ab 26.11. nicht im Büro sein. Ich kehre zurück am 1.12.').
_ABSENT = re.compile(
    r"\b(?:ich\s+(?:bin|werde|befinde\s+mich)|i\s+(?:am|will\s+be)|i'm|i’m|je\s+(?:suis|serai)"
    r"|sono|sarò)\s[^!?\n]{0,60}?\b(?:nicht\s+im\s+büro|au(?:ß|ss)er\s+haus|abwesend|im\s+urlaub"
    r"|out\s+of\s+(?:the\s+)?office|away\s+from|on\s+(?:annual\s+)?leave|on\s+holiday"
    r"|on\s+vacation|absente?\b|en\s+congé|en\s+vacances|assente|fuori\s+(?:ufficio|sede)"
    r"|in\s+ferie)",
    re.I,
)
_BACK = re.compile(
    r"\b(?:ich\s+kehre\s+(?:am\s+[^.!?]{1,40}\s)?zurück|nach\s+meiner\s+rückkehr|wieder\s+"
    r"(?:im\s+büro|erreichbar|da)|zurück\s+(?:am|ab)|bis\s+(?:einschließlich|zum|am)\s"
    r"|(?:i\s+will|i'll|i’ll)\s+(?:be\s+)?(?:return|back)|upon\s+my\s+return|until\b"
    r"|back\s+in\s+the\s+office|in\s+dringenden\s+(?:fällen|angelegenheiten)|for\s+urgent"
    r"|jusqu'(?:au|à)\s|en\s+cas\s+d'urgence|fino\s+al\s|per\s+(?:questioni\s+)?urgen)",
    re.I,
)
_ABSENCE_WORDS = 120


_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|sv|vs|ref)\s*:", re.I)


def is_reply(subject: str) -> bool:
    return bool(_REPLY_SUBJECT.match(subject))


def automatic_kind(message, subject: str, shown: str = "") -> str | None:
    """What a mail that a program sent instead of a person is: an automatic reply (an office's
    out-of-office note, also one only its subject or its text `shown` says is one), a read
    receipt or a delivery report."""
    if message.get_content_type() == "multipart/report":
        report = message.get_param("report-type") or ""
        if "disposition" in str(report):
            return "a read receipt; send the release itself"
        return "a delivery report; send the release itself"
    # only replies: 'auto-generated' also marks the mails of distribution services
    submitted = (message.get("auto-submitted") or "no").strip().lower()
    if submitted.startswith("auto-replied") or (
        (message.get("precedence") or "").strip().lower() == "auto_reply"
    ):
        return "an automatic reply (such as an out-of-office note); send the release itself"
    if message.get("x-autoreply") or message.get("x-autorespond"):
        return "an automatic reply (such as an out-of-office note); send the release itself"
    if _AUTOMATIC_SUBJECT.search(subject):
        return f"an automatic message ({subject[:60]!r}); send the release itself"
    if len(shown.split()) <= _ABSENCE_WORDS and _ABSENT.search(shown) and _BACK.search(shown):
        return "an out-of-office note; send the release itself"
    return None


def without_quoted_thread(html: str, replying: bool) -> str:
    """A reply's HTML without the thread it quotes; a forward's with the forwarded message out
    of Apple Mail's cited quote, where its header block would run into its text."""
    if not replying and not _CITED.search(html):
        return html
    tree = parse_html(html)
    if tree is None:
        return html
    if replying:
        strip_reply_quotes(tree, replying)
    else:
        for quote in tree.xpath("//blockquote[@type='cite']"):
            quote.drop_tag()
    return etree.tostring(tree, encoding="unicode")


_CITED = re.compile(r"<blockquote[^>]*\btype\s*=\s*[\"']?cite", re.I)
