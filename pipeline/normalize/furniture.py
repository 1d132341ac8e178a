"""What distributors add around a release: wire-service footers and mailing-list footers.

One table, distributor by distributor. A `LINES` pattern drops one whole line wherever it
stands ("View original content: …", "Original-Content von: …, übermittelt durch news aktuell").
A `FOOTERS` pattern starts a mailing list's footer: that line and everything after it go
("Sie erhalten diese Nachricht, weil …" is followed by the unsubscribe link and the list's
imprint, never by the release). Patterns match the whole line, case-insensitively. A source's
`strip` rules (regular expressions in its TOML) remove its own furniture the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.normalize.body import Line

LINES: dict[str, tuple[str, ...]] = {
    "news aktuell (ots)": (
        r"original[- ]content (?:von|from|of)\b.{1,200}\b(?:übermittelt durch|transmitted by)"
        r" news aktuell.*",
        r"(?:weitere (?:informationen|storys?|meldungen)|newsroom|more (?:stories|information))"
        r"(?: von| from| unter)?:? .{0,120}presseportal\.(?:de|ch|at).*",
        r"ots[.:]? ?(?:originaltext|original text):? ?.{0,80}",
    ),
    "PR Newswire": (
        r"(?:cision )?(?:view original content|originalinhalt anzeigen|original-inhalt anzeigen)"
        r".{0,40}:? ?https?://\S+",
        r"to view the original version on pr newswire,? visit:? ?https?://\S+",
        r"news provided by(?: .{1,120})?",
        r"(?-i:SOURCE|QUELLE) [A-Z0-9][^\n]{1,150}",
        r"(?:foto|photo|logo|video|multimedia|bild) ?[-–:] ?https?://\S*prnewswire\S*",
        r"want your company'?s news featured on prnewswire\.com\?.{0,40}|get started",
    ),
    "Business Wire": (
        r"view source version on businesswire\.com:? ?https?://\S+",
        r"originalversion auf businesswire\.com ansehen:? ?https?://\S+",
        r"die ausgangssprache, in der der originaltext veröffentlicht wird, ist die offizielle"
        r" und autorisierte version.{0,700}",
    ),
    "Marketwired": (
        r"to view the (?:photo|image|video|multimedia).{0,80}(?:visit|click).{0,40}https?://\S+",
    ),
    "GlobeNewswire": (
        r"this (?:press |news )?release was (?:published|distributed) (?:by|via) .{1,120}"
        r"globe ?newswire.*",
        r"(?:attachment|photos? accompanying this announcement are available at)s?:? "
        r"https?://\S*globenewswire\S*",
    ),
    "ACCESSWIRE": (
        r"view the original press release on access ?(?:news)?wire(?:\.com)?.*",
        r"(?-i:SOURCE): [A-Z0-9][^\n]{1,150}",
    ),
    "EIN Presswire": (
        r"legal disclaimer:?(?: ein presswire provides this news content.*)?",
        r"distribution channels: .{1,300}",
        r"visit us on social media:?",
    ),
    "EQS": (
        r"(?:eqs|dgap)[- ](?:news|pvr|adhoc|dd|ir|wpÜg|cms)\b.{0,200}",
        # the header: 'EQS-Ad-hoc: Firma AG / Schlagwort(e): …', 'EQS-News: … / Key word(s): …'
        r"(?:eqs|dgap)-[\w-]{2,30}: .{1,250}",
        r".{0,250}\b(?:übermittelt durch|transmitted by) (?:eqs|dgap) news\b.{0,120}",
        # the whole header run into one line (a page that lost its line breaks)
        r"(?:eqs|dgap)-[\w-]{2,30}: .{1,300}?(?:the issuer is solely responsible for the content"
        r" of this announcement|für den inhalt der mitteilung ist der emittent ?/ ?herausgeber "
        r"verantwortlich)\.?",
        r"ende der (?:mitteilung|ad-hoc-mitteilung|insiderinformation)\b.{0,120}",
        r"end of (?:news|announcement|inside information)\b.{0,120}",
        r"(?:eqs|dgap) news ?-? ein service der .{1,60}",
        r"für den inhalt der mitteilung ist der emittent ?/ ?herausgeber verantwortlich\.?",
        r"the issuer is solely responsible for the content of this announcement\.?",
        r"(?:[\w./: -]{8,24}(?:cet|cest|cet/cest)? )?(?:die (?:eqs|dgap) distributionsservices "
        r"umfassen|the (?:eqs|dgap) distribution services include) .{1,300}",
        r"(?:eqs|dgap) news id:? ?\d+",
        r"(?:isin|wkn|börsen|indizes|stock exchanges?|listed|indices):? .{1,200}",
    ),
    "APA-OTS": (
        r"\*{3} ?ots[- ]originaltext presseaussendung .{1,200}\*{3}",
        r"\*{3} ?ohne gewähr für den inhalt der aussendung.{1,200}\*{3}",
        r"digitale pressemappe:? ?https?://\S+",
        r"ots\d{4}\b.{0,90}",  # 'OTS0045 2026-11-25/10:15', 'OTS0087 5 WI 0512 NEF0014 Mi, 25.Nov'
        # an ots feed's subject line above the release: 'OTS: Firma SE / Headline'
        r"ots:\s*[^/]{2,80}\s/\s.{10,250}",
    ),
    "dpa": (
        r"(?:©|\(c\))? ?dpa-infocom.{0,80}",
        r"dpa:\d{6}-\d{2}-\d+/\d+",
        r"(?:©|\(c\))?\s*(?:\d{4}\s+)?dpa-afx(?: wirtschaftsnachrichten gmbh)?.{0,40}",
        r"-{2,}\s*dpa-afx\s*-{2,}|quelle:\s*dpa(?:-afx)?",
        # dpa-AFX's stamps, which date a release: '25.11.2026 - 08:05 Uhr | dpa-AFX', 'AXC0089 …'
        r"\d{1,2}\.\d{1,2}\.\d{4}\s*-\s*\d{1,2}:\d{2}\s*uhr\s*\|\s*dpa-afx",
        r"[a-z]{3}\d{4} \d{4}-\d\d-\d\d/\d\d:\d\d",
    ),
    "newsletters": (
        r"(?:(?:diese )?e-?mail |newsletter )?(?:im|in (?:ihrem|einem)) (?:web-?)?browser "
        r"(?:ansehen|anzeigen|öffnen|lesen)",
        r"(?:wird diese (?:e-?mail|nachricht) nicht (?:richtig|korrekt) (?:angezeigt|dargestellt)"
        r"\?.{0,80}|(?:diese |ihr )?(?:e-?mail|nachricht|newsletter) wird (?:nicht|nicht richtig|"
        r"nicht korrekt) (?:angezeigt|dargestellt)\?.{0,80}"
        r"|(?:zur |die )?(?:online-?|web-?)version(?: (?:ansehen|anzeigen|öffnen))?)",
        r"(?:view|read|open) (?:this (?:e-?mail|message|newsletter) |it )?(?:in (?:your |a )?"
        r"(?:web )?browser|online)(?: version)?",
        r"newsletter (?:der|des|von|vom|from|of) [^.!?]{2,80}",
        r"(?:having trouble viewing|can'?t see) this (?:e-?mail|message)\?.{0,80}",
    ),
    "e-mail": (
        # a cover note around the release: salutation, 'anbei erhalten Sie …', register lines
        r"(?:sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen)|dear|hello|hi)\b[^.!?]{0,80},",
        r"(?:anbei|beiliegend|im anhang) (?:erhalten|senden|übersenden|schicken) (?:sie|wir|ich)"
        r"\b.{0,300}",
        r".{0,200}\bmit der bitte um (?:veröffentlichung|berücksichtigung|kenntnisnahme)\b.{0,300}",
        r"please (?:find|see) (?:attached |enclosed |below )?(?:our|a|the) (?:press|news|media)"
        r" release\b.{0,300}",
        # 'wie telefonisch besprochen sende ich Ihnen unten die Pressemitteilung …'
        r".{0,160}\b(?:sende|schicke|übersende|übermittle|leite)\s+(?:ich|wir)\s+ihnen\b.{0,120}"
        r"\b(?:pressemitteilung|pressemeldung|presseinformation|mitteilung|meldung)\b.{0,200}",
        r".{0,100}\b(?:i am|i'm|we are|we're) (?:sending|forwarding) you\b.{0,120}\b(?:press|news)"
        r" release\b.{0,200}",
        r"(?:gesendet|sent|envoyé) (?:von|from|with|via|de) (?:meinem|meiner|my|mon) .{2,40}"
        r"|von meinem .{2,30} gesendet",
        r"(?:sitz der gesellschaft|registered office):? .{0,300}",
        # a sender's imprint under a newsletter
        r"(?:vertreten durch|geschäftsführ(?:er|erin|ung)|vorstand|aufsichtsrat\w*|registergericht"
        r"|ust-?id(?:-?nr)?\.?|umsatzsteuer-?id\w*|steuernummer|vat (?:no|number|reg\w*)\.?)"
        r"\s*:.{1,200}",
        r"vertreten durch [^.!?]{3,80}\.?",
        r".{0,120}\bist eine körperschaft des öffentlichen rechts\b.{0,200}",
        r".{0,160}\b(?:amtsgericht|registergericht|handelsregister|registered at)\b.{0,60}"
        r"\bhr[ab] ?\d+.{0,200}",
    ),
    # text copied out of a PDF or a Word file: page numbers, alone or closing a footer line
    "documents": (
        r"(?:(?:[^.!?]|\.(?=\d)){0,80}\s)?(?:seite|page|blatt|s\.)\s*\d{1,3}\s*(?:von|of|/|aus)"
        r"\s*\d{1,3}",
        r"(?:seite|page)\s+\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]",
    ),
    "page tools": (
        r"(?:seite|artikel|meldung|beitrag) (?:empfehlen|versenden|weiterleiten|merken|als pdf)",
        r"(?:schrift(?:größe)?|textgröße) ?[+-]?(?: ?a ?[+-]?)*",
        r"(?:vorlesen|listen to this (?:article|page)|diese seite vorlesen)",
        # a row of tools: '« zurück  Seite drucken  nach oben'
        r"(?:[«‹<]?\s*(?:zurück|seite drucken|drucken|nach oben|zum seitenanfang|teilen|merken"
        r"|seite empfehlen|back|print|top|back to top|share)\s*[»›>|·]?\s*){2,}",
    ),
}

FOOTERS: dict[str, tuple[str, ...]] = {
    "mailing lists": (
        r"sie erhalten (?:diese[n]?|unsere[n]?) (?:e-?mail|nachricht|mitteilung|information|"
        r"pressemitteilung|newsletter|presseverteiler-?mail)(?:en)?,? (?:weil|da) .*",
        r"(?:wenn|falls) sie (?:diese|unsere|keine|künftig keine) .{0,80}(?:nicht mehr|keine)"
        r" .{0,60}(?:erhalten|bekommen) (?:möchten|wollen).*",
        r"(?:um sich )?(?:vom|aus dem) (?:newsletter|verteiler|presseverteiler|e-?mail-verteiler)"
        r" (?:abzumelden|abmelden|austragen).*",
        r"(?:newsletter|verteiler|presseverteiler) (?:abmelden|abbestellen|austragen).*",
        r"you (?:are receiving|received|have received) this (?:e-?mail|message|newsletter)"
        r" because .*",
        r"this (?:e-?mail|message) was sent to .{1,120}",
        r"diese (?:e-?mail|nachricht) wurde an .{1,120} (?:gesendet|verschickt|versandt).*",
        r"(?:click here )?to unsubscribe.*|unsubscribe(?: here| from this list| now)?\.?"
        r"|(?:unsubscribe|update (?:your )?(?:subscription )?preferences)(?: \| .{1,60})+",
        r"(?:manage|update) (?:your )?(?:subscription|e-?mail|newsletter) (?:preferences|settings)"
        r"\b.{0,80}|(?:manage|update) your (?:preferences|subscriptions?)\b.{0,80}",
    ),
    # a mail's signature and the notices under it; a press contact above it is taken first
    "e-mail signatures": (
        r"-- ?",  # the signature delimiter
        r"(?:mit )?(?:freundliche[n]?|beste[n]?|herzliche[n]?|viele|liebe|sonnige) "
        r"gr(?:ü|ue)(?:ß|ss)(?:e|en)?(?: aus \w+)?\W{0,3}",
        r"(?:kind|best|warm|many)(?:est)? (?:regards|wishes)\W{0,3}|regards,?|(?:yours )?sincerely"
        r"(?: yours)?,?",
        r"diese (?:e-?mail|nachricht)(?: und (?:ihre|alle) anhänge)? (?:enthält|kann|ist|könnte)"
        r" .{0,60}(?:vertraulich|rechtlich geschützt).*",
        r"this (?:e-?mail|message)(?: and any (?:attachments?|files))? (?:is|are|may|contains?)"
        r" .{0,60}(?:confidential|privileged).*",
        r"(?:bitte denken sie an die umwelt|please consider the environment).*",
        r"(?:confidentiality (?:notice|note|statement)|vertraulichkeitshinweis|disclaimer)\s*:"
        r".{0,400}\b(?:confidential|vertraulich|intended (?:solely|only)|privileged).*",
    ),
    "EIN Presswire": (r"ein presswire provides this news content.*",),
    # EQS: the issuer's block (company, address, ISIN, listing, news id) closes the message
    "EQS": (r"(?:sprache|language):(?: \|)? (?:deutsch|englisch|german|english)",),
}


# A pattern that may start anywhere in its line ('.{0,160}\\bmit der bitte um …') is tried at
# every position up to its bound: these few cost more than all others together on a release's
# long paragraphs. Each is tried only when its line holds one of the words it starts with.
_FLOATING_RE = re.compile(r"\.\{0,\d+\}\\b(.+)", re.S)
_LITERAL_RE = re.compile(r"[\w' ]+")


def _needles(pattern: str) -> tuple[str, ...] | None:
    """The words a line must contain for a pattern that starts anywhere ('.{0,N}\\b(?:a|b) …'
    needs 'a' or 'b'); None for any other pattern."""
    floating = _FLOATING_RE.fullmatch(pattern)
    if floating is None or _has_top_level_branch(pattern):
        return None
    rest = floating.group(1)
    if rest.startswith("(?:"):
        group = rest[3 : rest.find(")")]
        words = group.split("|")
    else:
        words = [_LITERAL_RE.match(rest).group(0) if _LITERAL_RE.match(rest) else ""]
    if not all(_LITERAL_RE.fullmatch(word) for word in words):
        return None
    return tuple(word.lower() for word in words)


def _has_top_level_branch(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Table, re.Pattern]:
    def either(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    lines = [p for ps in LINES.values() for p in ps]
    needled = [(needles, re.compile(p, re.I)) for p in lines if (needles := _needles(p))]
    table = _Table(either([p for p in lines if not _needles(p)]), needled)
    return table, either([p for ps in FOOTERS.values() for p in ps])


class _Table:
    """LINES compiled: `fullmatch` answers as one alternation of every pattern would."""

    def __init__(self, rest: re.Pattern, needled: list[tuple[tuple[str, ...], re.Pattern]]):
        self.rest, self.needled = rest, needled
        self.needles = tuple(needle for needles, _ in needled for needle in needles)

    def fullmatch(self, text: str) -> bool:
        if self.rest.fullmatch(text):
            return True
        low = text.lower()
        if not any(needle in low for needle in self.needles):
            return False
        return any(
            any(needle in low for needle in needles) and pattern.fullmatch(text)
            for needles, pattern in self.needled
        )


# A distributor's stamp that dates the release: APA-OTS's 'OTS0045 2026-11-25/10:15' or
# 'OTS0087 5 WI 0512 NEF0014   Mi, 25.Nov 2026'.
STAMP_RE = re.compile(
    r"(?:ots|[a-z]{3})\d{4}\b(.{0,90})"  # APA-OTS's and dpa-AFX's ('AXC0089 2026-11-25/08:05')
    r"|(\d{1,2}\.\d{1,2}\.\d{4})\s*-\s*(\d{1,2}:\d{2})\s*uhr\s*\|\s*dpa-afx",
    re.I,
)
STAMP_DATE_RE = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d]{3})")
# APA-OTS's subtitle: 'Utl.: Baubeginn im Frühjahr 2027 - … =' (its end may be lines later)
SUBTITLE_RE = re.compile(r"^utl\.:\s*", re.I)


def drop_furniture(lines: list[Line]) -> tuple[list[Line], str | None]:
    """The lines without distributors' furniture, and the date of a distributor's stamp
    among them ('2026-11-25 10:15'), for a release that names no date of its own."""
    one, rest = _compiled()
    kept: list[Line] = []
    stamp = None
    resume = 0
    for index, line in enumerate(lines):
        if index < resume:
            continue
        text = line.text.strip()
        if len(text) > MAX_FURNITURE_LINE:
            kept.append(line)
            continue
        if rest.fullmatch(text) and index > 0 and _footer_confirmed(text, lines, index):
            resume = _release_below(lines, index)
            if resume is None:
                break
            kept = []  # a cover note, signed, over the release pasted under it
            continue
        if label := sender_label(text):
            stamp = stamp or label.group("date")
        elif not one.fullmatch(text):
            kept.append(line)
        elif (match := STAMP_RE.fullmatch(text)) and STAMP_DATE_RE.search(
            dated := match.group(1) or f"{match.group(2)} {match.group(3)}"
        ):
            found = dated.replace("/", " ").strip()
            if stamp is None or (":" in found and ":" not in stamp):  # the stamp with a time
                stamp = found
    return _subtitles_unmarked(kept), stamp


# A sender's label line, on a letterhead or as each page's running header: 'Landratsamt
# Mühlbach – Pressemitteilung vom 23.11.2026', 'Pressemitteilung der Stadt Oberau vom 23.
# November 2026', 'Stadt Rottweilen – Presse- und Öffentlichkeitsarbeit, 24.11.2026'. It names
# no news: it goes, and its date dates a release that names none of its own.
_KIND = (
    r"(?:presse|medien)(?:mitteilung|information|meldung|info|dienst|notiz)"
    r"(?:\s+(?:nr\.?\s*)?\d[\d/-]*)?"
    r"|(?:press|news|media)\s+release"
)
# an office's name heads a contact as well: it is a label only with the date after it
_OFFICE = r"presse-?\s+und\s+öffentlichkeitsarbeit|pressestelle|press\s+office"
_DATE = (
    r"\s*,?\s*(?:vom|from|dated|,)?\s*(?P<date>\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d]+)\s?\d{4}"
    r"|\d{4}-\d\d-\d\d|[^\W\d]+\.?\s\d{1,2},\s\d{4}|\d{1,2}/\d{1,2}/\d{4})"
)
_SENDER = r"[^.!?:–—|]{2,80}?\s[-–—|:/]\s*"
SENDER_LABEL_RES = (
    re.compile(
        rf"(?:{_SENDER}(?:{_KIND})|(?:{_KIND})\s+(?:der|des|von|from|of)\s+[^.!?:]{{2,80}}?)"
        rf"(?:{_DATE})?",
        re.I,
    ),
    re.compile(rf"{_SENDER}(?:{_OFFICE}){_DATE}", re.I),
    # 'FOR IMMEDIATE RELEASE: November 24, 2026', 'Pressemitteilung vom 24.11.2026', 'Stand:
    # 24.11.2026' (when the page last changed: it dates a release only that gives no date)
    re.compile(
        rf"(?:for\s+immediate\s+release|zur\s+sofortigen\s+veröffentlichung|{_KIND}|stand"
        rf"|(?:zuletzt\s+)?aktualisiert(?:\s+am)?|(?:last\s+)?updated(?:\s+on)?)\s*[:–—-]?{_DATE}",
        re.I,
    ),
)
MAX_SENDER_LABEL = 140


def sender_label(text: str) -> re.Match | None:
    """The match if `text` is a sender's label line (with its date, if it has one)."""
    text = text.strip()
    if len(text) > MAX_SENDER_LABEL:
        return None
    return next((m for pattern in SENDER_LABEL_RES if (m := pattern.fullmatch(text))), None)


MAX_FURNITURE_LINE = 900  # Business Wire's translation notice is one long line
# EQS's issuer block opens with 'Sprache: Deutsch' and names the company next; the same line
# in a release's event details ('Sprache: Deutsch', 'Ort: online') ends nothing.
EQS_LANGUAGE_RE = re.compile(r"(?:sprache|language):", re.I)
EQS_COMPANY_RE = re.compile(r"(?:unternehmen|company|emittent|issuer):", re.I)


RELEASE_WORDS = 60  # prose under a signature that makes it a release, not a notice


def _release_below(lines: list[Line], index: int) -> int | None:
    """Where a release pasted under a mail's signature starts, or None when the signature ends
    the release (what follows it is its notices, or nothing)."""
    below = next(
        (i for i in range(index + 1, len(lines)) if lines[i].chunk != lines[index].chunk), None
    )
    if below is None:
        return None
    under, over = _prose_words(lines[below:]), _prose_words(lines[:index])
    return below if under >= RELEASE_WORDS and under > 2 * over else None


def _prose_words(lines: list[Line]) -> int:
    return sum(words for line in lines if (words := len(line.text.split())) >= 10)


def _footer_confirmed(text: str, lines: list[Line], index: int) -> bool:
    if not EQS_LANGUAGE_RE.match(text):
        return True
    return any(EQS_COMPANY_RE.match(line.text.strip()) for line in lines[index + 1 : index + 3])


def _subtitles_unmarked(lines: list[Line]) -> list[Line]:
    """APA-OTS's 'Utl.: … =' marks around a subtitle go; the subtitle stays."""
    for index, line in enumerate(lines[:12]):
        if SUBTITLE_RE.match(line.text):
            _edit(line, lambda text: SUBTITLE_RE.sub("", text, count=1))
            for following in lines[index : index + 4]:
                if following.chunk != line.chunk:
                    break
                if following.text.rstrip().endswith(" ="):
                    _edit(following, lambda text: text.rstrip().removesuffix("=").rstrip())
                    break
    return lines


def _edit(line: Line, change) -> None:
    """Apply `change` to a line of plain text (a subtitle with links is left as it is)."""
    if all(href is None for _, href in line.segs):
        line.segs = [(change(line.text), None)]
        line.text = line.segs[0][0]
