"""Disclaimers: the channel's own, rendered once per release, and old ones found in inputs."""

from __future__ import annotations

import re

from pipeline.config import Disclaimer


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_short(disclaimer: Disclaimer, *, language: str, source_title: str) -> str:
    """The short mark for fields that carry a teaser, e.g. "Pressemitteilung: Stadt Lindenau"."""
    values = _Blank(source=source_title, source_title=source_title)
    return disclaimer.short_for(language).format_map(values).strip()


def render_disclaimer(
    disclaimer: Disclaimer,
    *,
    language: str,
    source: str,
    source_title: str,
    contact_email: str | None,
) -> str:
    """The channel's disclaimer text for one release, placeholders filled (plain text)."""
    values = _Blank(source=source_title or source, source_title=source_title or source)
    values["contact_email"] = contact_email or ""
    template = disclaimer.text_for(language)
    if not contact_email:
        template = _without_address_sentence(template)
    text = template.format_map(values)
    # a placeholder without a value leaves no empty brackets: '(kontakt@…)' with no address
    text = _EMPTY_BRACKETS.sub("", text)
    return text.strip()


_EMPTY_BRACKETS = re.compile(r"[ \t]*(?:\([ \t]*\)|\[[ \t]*\]|<[ \t]*>)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BRACKETED_ADDRESS = re.compile(r"[(\[<][^()\[\]<>]*\{contact_email\}")


def _without_address_sentence(template: str) -> str:
    """A source without an address: a sentence that exists to give it ('Contact:
    {contact_email}', 'Fragen an {contact_email}.') goes, rather than end on a bare label; an
    address in brackets only leaves its brackets (see _EMPTY_BRACKETS)."""
    sentences = _SENTENCE_END.split(template)
    kept = [
        sentence
        for sentence in sentences
        if "{contact_email}" not in sentence or _BRACKETED_ADDRESS.search(sentence)
    ]
    return " ".join(kept) if kept else template


# Signals of an old portal disclaimer, one per idea: (cheap stems, phrases). A paragraph is a
# disclaimer when it carries several different ideas (third-party, unedited or unchecked,
# senders responsible, not endorsed); a release that mentions one of them in passing is not.
# Plain substring tests on casefolded text keep this fast on every paragraph of every release.
_SIGNALS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("dritte", "third", "pressemitteilung", "press release", "jeweil", "respective",
         "urheber", "oben stehend", "obenstehend", "angezeigt", "displayed", "their author",
         "redaktion", "editor", "public service", "announcement"),
        ("inhalte dritter", "mitteilungen dritter", "beiträge dritter", "texte dritter",
         "meldungen dritter", "informationen dritter", "inhalte von dritten", "third-party content",
         "third party content", "third-party material", "third-party press",
         "third-party information", "content from third parties", "submitted by third parties",
         # 'Dieser Beitrag ist eine Pressemitteilung', 'Die Pressemitteilung wurde uns …'
         "ist eine pressemitteilung", "um eine pressemitteilung", "pressemitteilung wurde uns",
         "eingesandte pressemitteilung", "eingereichte pressemitteilung", "is a press release",
         "press release submitted", "press release provided",
         # a portal speaking of the many senders whose texts it shows: 'Für die oben stehenden
         # Pressemitteilungen … ist allein der jeweils angegebene Herausgeber verantwortlich'
         "jeweils angegebene", "jeweilige herausgeber", "jeweiligen herausgeber",
         "jeweilige verfasser", "jeweiligen verfasser", "jeweilige autor", "jeweiligen autor",
         "urheber der pressetext",
         "urheber der pressemitteilung", "oben stehenden pressemitteilung",
         "obenstehenden pressemitteilung", "angezeigten pressemitteilung",
         "respective publisher", "respective issuer", "respective author", "respective sender",
         "press releases displayed", "publisher of the press release",
         "author of the press release", "issuer of the press release", "published by their author",
         "herausgeber der pressemitteilung", "verfasser der pressemitteilung",
         "press releases above", "press release above",
         # a portal's notice on the release it carries: 'Für die Inhalte dieser
         # Pressemitteilung …', '… is not responsible for the content of this press release'
         "inhalte dieser pressemitteilung", "inhalt dieser pressemitteilung",
         # 'Die hier veröffentlichten Meldungen stammen von Dritten', 'content from third parties'
         "stammen von dritten", "stammt von dritten", "von dritten stammen", "von dritten stammt",
         "von dritten eingereicht", "von dritten eingesandt", "von dritten zur verfügung",
         "from third parties", "by third parties", "jeweilige absender", "jeweiligen absender",
         "jeweilige einsender", "jeweiligen einsender",
         "inhalte der pressemitteilung", "inhalt der pressemitteilung",
         "content of this press release", "contents of this press release",
         "content of the press release", "contents of the press release",
         # an agency posting companies' notices: 'the FDA posts the company's announcement as
         # a public service'
         "announcement as a public service", "announcements as a public service",
         "posts the company's announcement", "the company's announcement",
         "companies' announcements"),
    ),
    (
        ("bearbeit", "prüf", "wahrheit", "edit", "verif", "check", "review", "veränder",
         "wortlaut", "chang", "received"),
        ("nicht bearbeitet", "redaktionell nicht bearbeitet", "nicht redaktionell bearbeitet",
         "unbearbeitet", "nicht geprüft", "nicht überprüft", "ungeprüft", "wahrheitsgehalt",
         "unverändert veröffentlicht", "unverändert übernommen", "unverändert wiedergegeben",
         "im wortlaut", "im originalwortlaut", "without changes", "unchanged",
         "as received",
         "not been edited", "not edited", "not been verified", "not verified", "not been checked",
         "not checked", "not been reviewed", "not reviewed", "unedited", "unverified",
         "without editorial review", "without verification", "no editorial review",
         "neither edited nor", "nor checked", "nor verified", "nor reviewed", "has not edited",
         "have not edited", "did not edit",
         # 'weder bearbeitet noch geprüft'
         "noch geprüft", "noch überprüft", "noch bearbeitet", "noch verändert"),
    ),
    (
        ("verantwort", "responsib", "übersender", "absender"),
        ("solely responsible", "sole responsibility", "exclusively responsible",
         "responsibility of the sender", "responsibility of the author",
         "responsibility of the issuer", "responsibility of the publisher", "verantwortung liegt",
         "alone is responsible", "alone are responsible", "alone bears", "alone bear",
         "alone responsible",
         "übersender der mitteilung", "absender der mitteilung", "tragen die verantwortung"),
    ),
    (
        ("eigen", "gewähr", "haftung", "haften", "verantwortung", "distanz", "necessarily",
         "endorse", "liability", "liable", "responsib", "disclaimer"),
        ("nicht zu eigen", "keine gewähr", "keine haftung", "keine verantwortung",
         "distanziert sich", "do not necessarily", "does not necessarily", "does not endorse",
         "do not endorse", "no liability", "no responsibility", "not responsible for",
         # a notice that names itself: 'Disclaimer: …', 'Haftungsausschluss: …'
         "disclaimer:", "haftungsausschluss"),
    ),
)  # fmt: skip
_LONGEST = 1500


def disclaimer_score(text: str) -> int:
    """How many distinct disclaimer ideas `text` carries (0 to 4)."""
    folded = text.casefold()
    return sum(_carries(folded, index) for index in range(len(_SIGNALS)))


def _carries(folded: str, index: int) -> bool:
    """The casefolded text carries the idea `_SIGNALS[index]`."""
    stems, phrases = _SIGNALS[index]
    contains = folded.__contains__
    if not any(map(contains, stems)):
        return False
    return (
        any(map(contains, phrases))
        or (index == 0 and (_taken_from_releases(folded) or _editors_did_not_edit(folded)))
        or (index == 2 and _alone_responsible(folded))
        or (index == 3 and _neither_liable(folded))
    )


_TAKEN_FROM_RELEASES_RE = re.compile(
    r"\b(?:aus|von)\b[^.]{0,40}\b(?:pressemitteilungen|pressemeldungen)\b[^.]{0,60}"
    r"\b(?:übernommen|wiedergegeben|veröffentlicht)"
    r"|\b(?:taken|reproduced|republished|copied|comes?)\b[^.]{0,40}\bfrom\b[^.]{0,40}"
    r"\bpress releases\b"
)


def _taken_from_releases(folded: str) -> bool:
    """'Die Inhalte … werden ungeprüft aus Pressemitteilungen der Polizei übernommen', 'Content
    here is taken unedited from police press releases': a portal saying where its texts come
    from, which a release does not say of itself."""
    return "press" in folded and bool(_TAKEN_FROM_RELEASES_RE.search(folded))


_EDITORS = ("redaktion", "editorial", "editors", "the editor")
# the portal's own editors, not those of a paper a release speaks of ('die Redaktion der
# Schülerzeitung')
_OWN_EDITORS_RE = re.compile(r"redaktion(?!\s+(?:der|des|von)\b)|editorial|editors|the editor")
_UNEDITED_PHRASES = _SIGNALS[1][1]


def _editors_did_not_edit(folded: str) -> bool:
    """'Die Redaktion hat sie weder bearbeitet noch geprüft', 'redaktionell nicht bearbeitet':
    the portal's editors say within one sentence that they left the text alone, which says
    that the text is someone else's."""
    if not any(editors in folded for editors in _EDITORS):
        return False
    return any(
        _OWN_EDITORS_RE.search(sentence) is not None
        and any(phrase in sentence for phrase in _UNEDITED_PHRASES)
        for sentence in _SENTENCE_END.split(folded)
    )


def _alone_responsible(folded: str) -> bool:
    """'allein … verantwortlich', 'Für den Inhalt ist der Absender verantwortlich',
    'Verantwortlich für den Inhalt ist ausschließlich der Absender' within one sentence."""
    for opening in ("allein", "für den inhalt", "für die inhalte"):
        position = folded.find(opening)
        while position >= 0:
            # an aside in brackets ('(siehe Firmeninfo rechte Spalte)') is no distance
            window = _ASIDE_RE.sub("", folded[position : position + 250])[:100].split(".", 1)[0]
            if "verantwortlich" in window and (opening == "allein" or _names_sender(window)):
                return True
            if opening != "allein" and _responsible_sender_follows(folded[:position], window):
                return True
            position = folded.find(opening, position + len(opening))
    return False


_NEITHER_LIABLE_RE = re.compile(
    r"\b(?:weder\b[^.]{1,80}\bnoch\b[^.]{1,80}\b(?:haft|verantwort)"
    r"|neither\b[^.]{1,80}\bnor\b[^.]{1,80}\b(?:liab|responsib))"
)


def _neither_liable(folded: str) -> bool:
    """'Weder openPR noch dessen Betreiber übernehmen Haftung …', 'Neither the portal nor its
    operator accepts liability …' within one sentence."""
    return ("weder" in folded or "neither" in folded) and bool(_NEITHER_LIABLE_RE.search(folded))


def _responsible_sender_follows(before: str, window: str) -> bool:
    """'Verantwortlich für den Inhalt ist … der Absender': a sentence naming the sender as the
    one responsible; an imprint line ('Verantwortlich für den Inhalt: Jana Roth') has no verb."""
    return (
        before.rstrip().endswith("verantwortlich")
        and (" ist " in window or " sind " in window)
        and _names_sender(window)
    )


_ASIDE_RE = re.compile(r"\s?\([^()]{0,150}\)")
_SENDERS = ("absender", "herausgeber", "verfasser", "autor", "urheber", "einsender", "übersender")


def _names_sender(window: str) -> bool:
    return any(sender in window for sender in _SENDERS)


def is_disclaimer(text: str) -> bool:
    """True for a paragraph that is a portal's disclaimer about third-party content."""
    if not 40 <= len(text) <= _LONGEST:
        return False
    # `disclaimer_score(text) >= 2`, stopping as soon as the answer is sure: most paragraphs
    # lack the first three ideas, so the fourth is never looked for
    folded = text.casefold()
    carried = missed = 0
    for index in range(len(_SIGNALS)):
        if _carries(folded, index):
            carried += 1
            if carried == 2:
                return True
        else:
            missed += 1
            if missed > len(_SIGNALS) - 2:
                return False
    return False
