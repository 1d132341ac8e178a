"""Built-in rules for page furniture around a release: ads, widgets, navigation, share bars.

The rules describe kinds of lines (an ad label, a cart widget, a weather box, a "related
articles" list), in German and English, so that they hold for any portal's layout. A line is
judged by its whole text: "Mehr" alone is a widget, "Mehr Infos unter:" is content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# Characters that decorate a widget label without changing what it is ("- Werbung -").
DECORATION = " \t-–—•*·|:»«›‹>•▶►→✓#[]()"


def _words(text: str) -> str:
    return "|".join(line.strip() for line in text.strip().splitlines() if line.strip())


# Whole-line labels; matched against the casefolded, undecorated line.
LABELS = _words(r"""
anzeigen?|werbung|advertisement|advertising|ads?|sponsored(?: content)?|gesponsert|promoted
partnerinhalt|paid content
(?:anzeige|werbung|advertisement)(?: (?:anzeige|werbung|advertisement))+
startseite|home(?:page)?|men[üu]|navigation|hauptmen[üu]|suche|suchen|search|login|log ?in
log ?out
anmelden|abmelden|registrieren|sign (?:in|up|out)|register|mein konto|my account|kontakt
contact(?: us)?
impressum|imprint|datenschutz(?:erklärung|hinweise)?|privacy(?: policy| settings)?|agb|faq|hilfe
help
nutzungsbedingungen|terms(?: of (?:use|service)| and conditions)?|barrierefreiheit|accessibility
sitemap
zurück|back|weiter|next|previous|vorheriger? artikel|nächster artikel|nach oben|back to top|top
zum seitenanfang|(?:zurück )?zur übersicht|back to (?:overview|list|news)
alle (?:meldungen|news|artikel)
all (?:news|articles|press releases)|skip to (?:main )?content
(?:zum|direkt zum) inhalt(?: springen)?
springe zum (?:inhalt|hauptinhalt)|sie sind hier.{0,80}|you are here.{0,80}|schließen|close
toggle navigation
menü öffnen|open menu|teilen|share(?: this(?: article| page| story| post)?)?
(?:(?:diese[ns]?|den|die) )?(?:artikel|seite|beitrag|meldung|nachricht|pressemitteilung) teilen
drucken|print(?: this(?: article| page)?)?|(?:seite|artikel|beitrag) drucken|e-?mail|mail
per e-?mail \w+
facebook|twitter|x|whatsapp|linkedin|xing|pinterest|telegram|instagram|threads|mastodon|bluesky
reddit
tweet|tweeten|(?:teilen|share) (?:auf|on|via) .{1,30}|follow us.{0,60}|folgen sie uns.{0,60}
link kopieren|copy link|pdf|download(?: pdf)?|merken|bookmark|kommentieren
kommentare?(?: \(?\d+)?
\d+ kommentare?|comments?(?: \(?\d+)?|\d+ comments?|leave a (?:comment|reply)
kommentar schreiben|fehler melden|(?:artikel |beitrag |text )?(?:vorlesen|anhören)
(?:listen to|read) (?:this )?(?:article|story) aloud|listen to (?:this )?(?:article|story)
ok|okay|abo|e-?paper|news ?flash|(?:website |portal )?sign (?:in|up|out)
create (?:a |an |your )?(?:website |free )?account\b.{0,100}
cookie-?(?:hinweis|einstellungen|banner|settings|notice|policy|richtlinie)
newsletter(?: abonnieren| bestellen| anmeldung| abonnieren .{0,40})?|jetzt abonnieren|abonnieren
subscribe(?: now| to our newsletter)?|sign up for our newsletter.{0,60}|zum newsletter.{0,40}
weiterlesen|mehr lesen|read more|continue reading|mehr erfahren|learn more|mehr|more|zum artikel
by (?:staff|our|a|an) (?:reporters?|writers?|correspondents?|staff).{0,30}
von unserer redaktion|von unserem (?:korrespondenten|reporter).{0,30}
zum beitrag|lesen sie mehr|hier klicken|click here|\d+ min(?:\.|uten)?(?: read| lesezeit)?
(?:lesezeit|reading time).{0,30}|pressemitteilung|pressemeldung|medieninformation
presseinformation|medienmitteilung|communiqué de presse|comunicato stampa
(?:pressemitteilung|medieninformation|presseinformation) nr\.? ?[\d/-]+|press release
(?:lfd\.?|laufende) ?(?:nr\.?|nummer):? ?\d[\d/-]*|(?:meldungs|pm|presse)[- ]?nr\.?:? ?\d[\d/-]*
news release
for immediate release|zur sofortigen veröffentlichung|zur veröffentlichung|#+|\d{1,4}|ende
(?:updated?|final|corrected|revised)(?: version)?|(?:updated?|corrected|revised) [-–—|:/] ?final
(?:updated?|corrected|revised) [-–—|:/] ?final version
(?:aktualisierte|korrigierte|neue|finale) (?:version|fassung)
ende der (?:presse)?mitteilung|end|ends|end of (?:press )?release|alle rechte vorbehalten
was this (?:page|article|information) (?:helpful|useful)\??|(?:war|ist) diese seite hilfreich\??
all rights reserved
(?:©|\(c\)|copyright ?(?:©|\(c\)|\d{4}|by\b|:|$)).{0,100}
(?:foto|fotos|bild|bilder|titelbild|titelfoto|beitragsbild|aufmacherbild)s?: .{1,80}
(?:grafik|grafiken|visualisierung|illustration|abbildung|abb\.|rendering)s?: .{1,80}
(?:photo|photos|image)s?: .{1,80}
(?:bildquelle|bildnachweis|bildrechte|fotonachweis|credit|photo credit|image credit)s?: .{1,80}
[^.!?]{0,120}[.!?]? ?© ?[^.!?©]{2,60}
keine kommentare.{0,80}|noch keine kommentare.{0,40}|no comments(?: yet)?.{0,40}
sie sind (?:aktuell |derzeit |noch )?nicht (?:eingeloggt|angemeldet)\.?
you (?:are not|must be) logged in.{0,60}
verraten sie (?:uns )?(?:gerne )?in den kommentaren.{0,120}
(?:schreiben|hinterlassen) sie (?:uns )?(?:gerne )?einen kommentar.{0,80}
lesen sie (?:hier|auch|dazu)\s*:.{1,150}
(?:das )?wetter(?: in .{1,30})?|weather(?: in .{1,30})?|jetzt (?:lesen|ansehen|kaufen)|shop
zum shop
(?:\d+ )?(?:artikel|produkte?|items?)(?: im warenkorb| in (?:your|the) cart)?|versandkostenfrei
""")

# Labels that open a block of teasers for other articles; the short lines after them go too.
SECTIONS = _words(r"""
mehr zum thema(?: (?:auf|bei) .{1,30})?|zum thema|mehr aus .{1,30}|schon gelesen\?
topthemen|top-themen|top themen|top stories|top news
aktuell(?: auf .{1,30}| in .{1,30})?|aktuelles|neueste (?:artikel|meldungen|beiträge)
neu auf .{1,30}
weitere (?:artikel|meldungen|nachrichten|themen|beiträge|news)|das könnte sie auch interessieren
auch interessant|interessant für sie|lesen sie auch|siehe auch|meistgelesene?(?: artikel)?
am meisten gelesen|beliebte artikel|empfohlene artikel|empfehlungen|ähnliche artikel
passend dazu
related(?: articles| stories| news| posts| content| links| files| images| documents| media)?
more (?:news|stories|articles)(?: from .{1,30})?
most (?:read|popular|viewed)|trending(?: now)?|you (?:may|might) also like
recommended(?: for you)?
latest (?:news|stories|articles|posts)|read next|read also|also read|see also|in other news
tags|schlagwörter|schlagworte|themen|kategorien|categories|filed under.{0,60}
(?:leser)?kommentare(?: \(?\d+\)?)?|\d+ (?:leser)?kommentare?|comments(?: \(?\d+\)?)?|\d+ comments?
(?:unser |der )?newsletter(?: abonnieren| bestellen)?|newsletter-anmeldung
(?:sign up for|subscribe to) (?:our|the) newsletter
""")

LABEL_RE = re.compile(rf"(?:{LABELS})", re.I)
SECTION_RE = re.compile(rf"(?:{SECTIONS})", re.I)
# Short widget lines recognised by a word they contain.
WIDGET_RE = re.compile(
    r"\b(?:warenkorb|einkaufswagen|shopping (?:cart|bag)|your cart|zur kasse|checkout|add to cart"
    r"|in den warenkorb|merkzettel|wunschliste|wishlist)\b",
    re.I,
)
PRICE_RE = re.compile(
    r"(?:€|eur|euro|\$|usd|chf|£)?\s?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}\s?(?:€|eur|euro|\$|usd|chf|£)?",
    re.I,
)
_DEGREES = r"-?\d{1,2}(?:[.,]\d)?\s?°"
WEATHER_RE = re.compile(
    rf"-?\d{{1,2}}(?:[.,]\d)?\s?°?\s?[cf](?:\s+\D.{{0,30}})?"
    # 'Grimma 4°C', 'Wetter Rostock 6°C', 'Weather: Bristol 9°C, light rain'
    rf"|(?:(?:wetter|weather)(?: in)?:?\s+)?[^\d°]{{2,30}}\s{_DEGREES}\s?[cf]\b.{{0,30}}"
    rf"|(?:[a-zäöü]{{2,3}}\.?\s+{_DEGREES}[cf]?\s*){{2,}}",  # a forecast: 'Mo 5° Di 3° Mi 2°'
    re.I,
)
# A subscription offer: 'Jetzt abonnieren – 4 Wochen für 0,99 €', 'Subscribe: 3 months for
# $1'. It asks to subscribe and names a price; a release's sentence about a subscription ends
# with its period, and its headline reports ('Deutschlandticket-Abo kostet ab Januar 63 Euro').
OFFER_RE = re.compile(
    r"\b(?:abonnieren|abonniere|probeabo|testabo|gratis testen|kostenlos testen|subscribe"
    r"|free trial|start your trial)\b",
    re.I,
)
OFFER_PRICE_RE = re.compile(
    r"\d+(?:[.,]\d{2})?\s?(?:€|eur\b|euro\b)|[€$£]\s?\d|\b(?:gratis|kostenlos|free)\b", re.I
)
COOKIE_RE = re.compile(
    r"\bcookies?\b.*\b(?:akzept|zustimm|einverstanden|einwillig|accept|consent|we use|wir verwenden"
    r"|wir nutzen|datenschutz|privacy|einstellungen|settings)|\b(?:akzept|accept|consent|we use|"
    r"wir verwenden|wir nutzen)\w*\b.*\bcookies?\b"
    r"|\b(?:nutzt|verwendet|benutzt|setzt|uses)\s+cookies\b",
    re.I,
)
NAV_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s+[>›»/]\s+")
# an e-mail address or a phone number ('0341 123-4567', '+49 …', '612-555-0177'), which no
# menu, breadcrumb or headline holds
ADDRESS_PART_RE = re.compile(r"\w@\w|\+\d{2}|\b0\d{2,5}[ /-]?\d{3,}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b")
# A portal's sections and account links: a line of nothing else is its menu.
NAV_WORDS = frozenset(
    "news nachrichten politik wirtschaft business sport sports kultur culture opinion meinung "
    "panorama lokales region regional welt world wissen science gesundheit health reise travel "
    "auto motor digital tech technology leben lifestyle video videos fotos bilder service home "
    "startseite kontakt impressum login logout abo abos abonnement e-paper epaper subscribe sign "
    "in up out log my account mein konto anmelden registrieren newsletter podcast podcasts "
    "karriere jobs immobilien anzeigen shop entertainment unterhaltung".split()
)
SHARE_WORDS = frozenset(
    "facebook twitter x whatsapp linkedin xing pinterest telegram instagram threads mastodon "
    "bluesky reddit e-mail email mail drucken print teilen share tweet pdf messenger".split()
)
# HTML class/id tokens of containers that hold furniture, not the article.
FURNITURE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert\w*|anzeigen?|werbung|banner|sponsor\w*|share|sharing|social\w*"
    r"|cookie\w*|consent|newsletter|related|breadcrumbs?|sidebar|widget\w*|promo\w*|comments?"
    r"|navbar|nav|menu|pagination|paywall|subscribe|recommend\w*|teaser-?list|outbrain"
    r"|taboola|print-?only|sr-only|visually-hidden)(?:$|[\s_-])",
    re.I,
)

MULTI_SPACE_RE = re.compile(r" {2,}")
AD_LABEL_RE = re.compile(r"anzeigen?|werbung|advertisement|advertising|sponsored|gesponsert", re.I)
AD_COPY = 120
LONG_PARAGRAPH = 120
MAX_WIDGET_LINE = 160


def label_key(line: str) -> str:
    """The line as a widget label: casefolded, undecorated, single-spaced."""
    return " ".join(line.strip(DECORATION).casefold().split())


def is_label(text: str) -> bool:
    """The text is a widget's label alone ('Mehr', 'Weiterlesen', 'Drucken')."""
    key = label_key(text)
    return bool(key) and not key.isdigit() and bool(LABEL_RE.fullmatch(key))


@lru_cache(maxsize=8192)  # the same widget lines come back in every page of a portal
def is_boilerplate(line: str) -> bool:
    """True for a line that is page furniture wherever it appears."""
    if len(line) > MAX_WIDGET_LINE:  # prose: only a cookie notice is furniture this long
        if not line.strip(DECORATION).strip():
            return True
        return len(line) < 400 and "cookie" in line.casefold() and bool(COOKIE_RE.search(line))
    key = label_key(line)
    if not key:
        return True
    return bool(
        LABEL_RE.fullmatch(key)
        or SECTION_RE.fullmatch(key)
        or PRICE_RE.fullmatch(key)
        or WEATHER_RE.fullmatch(key)
        or WIDGET_RE.search(key)
        or _is_offer(key)
        or ("cookie" in key and COOKIE_RE.search(key))
        or _is_share_bar(key)
        or _is_menu(key)
        or _is_nav_trail_or_label_pair(line)
    )


def is_section_marker(line: str) -> bool:
    key = label_key(line)
    return len(key) <= 60 and bool(SECTION_RE.fullmatch(key))


def is_weather(line: str) -> bool:
    return bool(WEATHER_RE.fullmatch(label_key(line)))


def is_furniture_attr(value: str) -> bool:
    return bool(FURNITURE_ATTR_RE.search(value))


def _is_offer(key: str) -> bool:
    return (
        key[-1:] != "."
        and OFFER_RE.search(key) is not None
        and OFFER_PRICE_RE.search(key) is not None
    )


def _is_share_bar(key: str) -> bool:
    words = key.replace(",", " ").split()
    return len(words) >= 2 and all(word in SHARE_WORDS for word in words)


def _is_menu(key: str) -> bool:
    """'News Business Sport Culture Opinion', 'Login | Abo': section and account links."""
    # the words between runs of spaces, '|', '·', '•' and '/'; str methods are much faster
    # than splitting by a regex
    words = key.replace("|", " ").replace("·", " ").replace("•", " ").replace("/", " ").split()
    return len(words) >= 2 and NAV_WORDS.issuperset(words)


def _is_nav_trail_or_label_pair(line: str) -> bool:
    """'Startseite > Aktuelles > Presse' or 'Home | News | Kontakt': a trail of short items;
    'Pressemitteilung / Press Release': labels side by side, in two languages."""
    parts = NAV_SPLIT_RE.split(line.strip())
    if len(parts) < 2 or ADDRESS_PART_RE.search(line):
        return False  # 'Nina Albers | Tel. 0471 555 3300 | presse@…': a contact's line
    is_trail = len(parts) >= 3 and all(0 < len(part) <= 40 for part in parts)
    if is_trail and not line.endswith("."):
        return True
    return all(LABEL_RE.fullmatch(label_key(part)) for part in parts)


def is_long_paragraph(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= LONG_PARAGRAPH or (
        len(stripped) >= 60 and stripped[-1:] in '.!?"“”' and len(stripped.split()) >= 8
    )


def keep_mask(lines: Sequence[str]) -> list[bool]:
    """Which lines to keep after dropping furniture.

    Besides single furniture lines this drops the teaser titles after a section label such as
    "Mehr zum Thema" (short lines up to the next real paragraph), the city name that a
    weather widget prints on the line after the temperature, and an advert's line after its
    "Anzeige" label. A short line right before a long paragraph is kept even after a section
    label, or an advert's label above the article's first paragraph: it is most likely the
    headline.
    """
    keep = [True] * len(lines)
    in_section = False
    after_weather = after_ad = False
    article_began = False  # under an advert's label now stands an advert, never a headline
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if is_boilerplate(line) or _menu_among_furniture(lines, index):
            keep[index] = False
            in_section = in_section or is_section_marker(line)
            after_weather = is_weather(line)
            after_ad = bool(AD_LABEL_RE.fullmatch(label_key(line)))
            continue
        if (after_weather and len(line.split()) <= 2) or (
            after_ad and len(line) <= AD_COPY and (article_began or not _next_is_long(lines, index))
        ):
            keep[index] = False  # the city a weather widget names, an advert's own line
            after_weather = after_ad = False
            continue
        after_weather = after_ad = False
        article_began = article_began or _is_substantial(line)
        if in_section:
            if _is_substantial(line) or _next_is_long(lines, index):
                in_section = False
            else:
                keep[index] = False
    return keep


MENU_WORDS = (3, 8)
MENU_ITEM_RE = re.compile(r"[A-ZÄÖÜ][\w&-]*")


def _menu_among_furniture(lines: Sequence[str], index: int) -> bool:
    """'Privatkunden Geschäftskunden Unternehmen Karriere' beside a page's breadcrumb or skip
    link in its text dump: a row of menu entries (names only, no word of a sentence) with no
    paragraph under it. A headline set beside them leads to the text, so it stays."""
    words = lines[index].split()
    if not MENU_WORDS[0] <= len(words) <= MENU_WORDS[1]:
        return False
    if not all(MENU_ITEM_RE.fullmatch(word) for word in words):
        return False
    above = next((line for line in reversed(lines[:index]) if line.strip()), "")
    below = next((line for line in lines[index + 1 :] if line.strip()), "")
    return any(
        neighbour and is_boilerplate(neighbour) for neighbour in (above, below)
    ) and not _next_is_long(lines, index)


def _next_is_long(lines: Sequence[str], index: int) -> bool:
    """The next line of text is a paragraph: furniture and a date line between don't count
    (a headline, its date and '14 Kommentare', then the lead)."""
    from pipeline.normalize.dates import is_date_line

    for line in lines[index + 1 : index + 12]:
        if line.strip() and not is_boilerplate(line) and not is_date_line(line):
            return _is_substantial(line)
    return False


SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"“”»«']?\s+[\"„“»«(]?[A-ZÄÖÜ]")
SUBSTANTIAL = 200


def _is_substantial(line: str) -> bool:
    """A paragraph of an article, not a teaser's one sentence: two sentences or a long one."""
    return is_long_paragraph(line) and (
        len(line) >= SUBSTANTIAL or bool(SENTENCE_BREAK_RE.search(line))
    )


@lru_cache(maxsize=64)
def source_rules(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """A source's own `strip` regexes, compiled once per distinct list."""
    return tuple(re.compile(pattern, re.I | re.M) for pattern in patterns)


def apply_source_rules(text: str, rules: tuple[re.Pattern, ...]) -> str:
    """Remove what a source's `strip` rules match (a whole line or part of it)."""
    for rule in rules:
        if rule.search(text):
            text = MULTI_SPACE_RE.sub(" ", rule.sub("", text))
    return text
