"""What a release is filed and announced under: its teaser, URL slug and language.

Plain functions of text, used by `normalize` once the body is final.
"""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify

from pipeline.normalize.body import Block
from pipeline.normalize.datelines import DATELINE_ONLY_RE, DETAIL_LINE_RE, dateline_end
from pipeline.normalize.dates import is_date_line

TEASER_LIMIT = 300
SLUG_LIMIT = 80
SENTENCE_END_RE = re.compile(r"[.!?…][\"“”»«'’)]?(?=\s+[\"„“»«(]?[A-ZÄÖÜ0-9])")
# a footnote's mark after a sentence ('by 2035.¹'): the teaser stands without the notes
NOTE_MARK_RE = re.compile(r"(?<=[.!?,;:…\"“”»«)])[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[*†‡]+(?=\s|$)")
ABBREVIATIONS = frozenset(
    "dr prof nr str ca bzw vgl ggf inkl ff abs tel mio mrd bd hr fr jr sr mr mrs ms st no vs "
    "inc co ltd corp gmbh jan feb mär apr aug sep sept okt oct nov dez dec e.v z.b u.a d.h "
    "a.m p.m u.s u.k e.g i.e".split()
)
SLUG_REPLACEMENTS = [
    ["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"],
    ["ẞ", "SS"],
]  # fmt: skip
GERMAN_WORDS = frozenset(
    "der die das und ist nicht mit für den von zu sich des auf im dem ein eine einer wird "
    "sind auch als bei nach über wie werden sowie zum zur".split()
)
ENGLISH_WORDS = frozenset(
    "the and of to in is for that with on as by are this be will from has have its at an "
    "which was were their".split()
)
FUNCTION_WORDS = GERMAN_WORDS | ENGLISH_WORDS
DETECTABLE = ("de", "en", "fr", "es", "it", "nl", "pl", "cs", "da", "sv", "pt", "tr")


def lead_text(blocks: list[Block]) -> str:
    """The opening paragraphs as one string: the raw material of a teaser. A subheadline
    above them (a short line without a final period) is not run into the first sentence; an
    intro standing alone over the text's first section heading is the lead itself, and the
    lead never runs on past a heading (into 'About the company')."""
    # a report's time and place lines over its first sentence ('Zeit: …', 'Ort: …') are facts,
    # not its opening
    while blocks and blocks[0].kind == "p" and DETAIL_LINE_RE.match(blocks[0].text):
        blocks = blocks[1:]
    if _intro(blocks):
        return without_dateline(blocks[0].text)
    paragraphs = [block for block in blocks if block.kind in ("p", "quote")]
    # a subheadline, or a report's dateline and fact lines ('Dortmund (ots)', 'Einsatzort: …')
    # over its first sentence: the lead is that sentence's paragraph
    above = next(
        (
            i
            for i, block in enumerate(paragraphs)
            if not (_is_subheadline(block.text) or DATELINE_ONLY_RE.match(block.text))
        ),
        None,
    )
    if above:
        blocks = blocks[blocks.index(paragraphs[above - 1]) + 1 :]
    return _opening(_first_section(blocks))


INTRO_WORDS = 4
SENTENCE_ENDS = '.!?…"“”»«)'


def _intro(blocks: list[Block]) -> bool:
    """The body opens with a short paragraph that a section heading follows: the intro."""
    text = blocks[0].text.strip() if blocks else ""
    return (
        len(blocks) > 1
        and blocks[0].kind == "p"
        and len(text.split()) >= INTRO_WORDS
        and not text.endswith(":")  # a label over a list ('Das Wichtigste in Kürze:')
        and not is_date_line(text)
        and blocks[1].kind.startswith("h")
    )


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in SENTENCE_ENDS


def _first_section(blocks: list[Block]) -> list[str]:
    """The paragraphs up to the first heading after a sentence was taken (lines of page
    furniture that no sentence ends go on to the text under the heading)."""
    texts: list[str] = []
    for block in blocks:
        if block.kind.startswith("h") and any(map(_ends_sentence, texts)):
            break
        if block.kind in ("p", "quote"):
            texts.append(block.text)
    return texts


def teaser_of_paragraphs(paragraphs: list[str]) -> str:
    """The teaser normalize makes of a body's paragraphs (an editor's new body)."""
    if len(paragraphs) > 1 and _is_subheadline(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return make_teaser(_opening(paragraphs))


def _opening(paragraphs: list[str]) -> str:
    parts: list[str] = []
    if paragraphs:
        paragraphs = [without_dateline(paragraphs[0]), *paragraphs[1:]]
    for paragraph in paragraphs:
        parts.append(paragraph)
        if sum(len(part) for part in parts) >= 80:
            break
    return " ".join(parts)


# A wire's dateline in front of the first sentence: 'SAN DIEGO--(BUSINESS WIRE)--Nov. 25, 2026--',
# 'MÜNCHEN, 26. November 2026 /PRNewswire/ --', 'Bielefeld (ots) -', 'DALLAS, TX / ACCESSWIRE /
# November 25, 2026 /'. The body keeps it; a teaser starts with what the sender says.
WIRE_DATELINE_RE = re.compile(
    r"^.{0,100}?(?:/\s?(?:PRNewswire|CNW|EINPresswire\.com|PRWeb|Newsfile)[\w -]{0,20}/"
    r"|--\s?\((?:BUSINESS\s?WIRE|GLOBE\s?NEWSWIRE)\)\s?--(?:[^-]{4,40}--)?"
    # 'Vancouver, British Columbia--(Newsfile Corp. - November 24, 2026) -'
    r"|--\s?\(Newsfile\s?Corp\.?[^()]{0,40}\)"
    r"|\((?:GLOBE\s?NEWSWIRE|ots|apa|dpa|PresseBox|openPR|pressetext|IRW-PRESS)\)"
    r"|/\s?ACCESS\s?(?:NEWS)?WIRE\s?/(?:[^/]{4,40}/)?"
    # any other distributor in the same form: 'NEW YORK, Nov. 25, 2026 /Acme Newswire/ --'
    r"|/\s?[A-Z][\w.&' -]{1,40}/(?=\s?--))\s*[-–—:]*\s*(?=\S)",
    re.I,
)


def without_dateline(text: str) -> str:
    """A lead without its dateline, a wire's or the sender's own ('Leipzig, 25. November 2026 –
    ', 'WASHINGTON (November 24, 2026) — '): a teaser starts with what the sender says."""
    text = WIRE_DATELINE_RE.sub("", text.strip(), count=1)
    rest = text[dateline_end(text) :]
    return rest if len(rest.split()) >= DATELINE_REST_WORDS else text


DATELINE_REST_WORDS = 4  # a dateline over a list or a table stays: nothing follows it


def teaser_source(given: str | None, blocks: list[Block]) -> str:
    """What the teaser is made of: the input's own teaser as its author wrote it, else the
    lead. A given teaser that only copies the lead's opening (a CMS's description of the first
    paragraph) loses its dateline as the lead does."""
    if not given:
        return lead_text(blocks)
    paragraphs = [block.text for block in blocks[:4] if block.kind in ("p", "quote")]
    folded = " ".join(given.split())
    for paragraph in paragraphs[:2]:
        opening = " ".join(paragraph.split())[:LEAD_COPY_CHARS]
        if len(opening) == LEAD_COPY_CHARS and folded.startswith(opening):
            return without_dateline(given)
    return given


LEAD_COPY_CHARS = 60


def _is_subheadline(text: str) -> bool:
    text = _without_trailing_symbols(NOTE_MARK_RE.sub("", text.strip()))
    return 0 < len(text) <= 200 and text[-1] not in '.!?:…"“”»«)'


# Emoji, pictographs and what joins or modifies them ('🌱', '👍🏽', '❤️'): a sentence with one
# after its period still ends there
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Mn", "Cf", "Zs"})


def _without_trailing_symbols(text: str) -> str:
    end = len(text)
    while end and unicodedata.category(text[end - 1]) in _SYMBOL_CATEGORIES:
        end -= 1
    return text[:end] or text


def make_teaser(text: str, limit: int = TEASER_LIMIT) -> str:
    """At most `limit` characters: whole sentences if possible, else whole words and '…'."""
    text = NOTE_MARK_RE.sub("", " ".join(text.split()))
    text = WIRE_DATELINE_RE.sub("", text, count=1)
    if len(text) <= limit:
        return text
    ends = [
        m.end()
        for m in SENTENCE_END_RE.finditer(text, 0, limit + 1)
        if m.end() <= limit and not _abbreviation_before(text, m.start())
    ]
    good = [end for end in ends if end >= limit // 3]
    if good:
        return text[: good[-1]].rstrip()
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


def _abbreviation_before(text: str, position: int) -> bool:
    words = text[:position].rsplit(" ", 1)
    word = words[-1].casefold().strip('("„“')
    return word.isdigit() or len(word) == 1 or word in ABBREVIATIONS


def make_slug(title: str, fallback: str) -> str:
    slug = _words_up_to_limit(slugify(title, replacements=SLUG_REPLACEMENTS))
    if not slug:
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", fallback.rstrip("/").rsplit("/", 1)[-1])
        slug = _words_up_to_limit(slugify(stem)) or "release"
    return slug


def _words_up_to_limit(slug: str) -> str:
    """The slug's opening words that fit. Not python-slugify's own cut, which skips a long word
    and goes on with shorter ones after it: '…-sagt-der-heute-bei-der' for '… sagt der
    Oberbürgermeister heute bei der …'."""
    if len(slug) <= SLUG_LIMIT:
        return slug
    cut = slug[: SLUG_LIMIT + 1]
    return cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_LIMIT]


# --- Language ----------------------------------------------------------------------------------

_identifier = None


def detect_language(text: str) -> str:
    """The body's language among common European ones, or a right-to-left one its script
    names; German when there is too little text."""
    sample = text[:600]
    if len(sample.strip()) < 20:
        return "de"
    return (
        right_to_left_language(sample) or clear_german_or_english(sample) or model_language(sample)
    )


# Letters of the Arabic and Hebrew scripts: a release mostly written in them reads right to
# left whatever a few words of German or English beside it say.
_ARABIC_LETTER = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea\ufb1d-\ufb4f]")
_PERSIAN_LETTERS = frozenset("پچژگکی")
RTL_SHARE = 0.5


def right_to_left_language(sample: str) -> str | None:
    """'ar', 'fa' or 'he' when most of the letters are of that script."""
    letters = sum(1 for char in sample if char.isalpha())
    if not letters:
        return None
    arabic = _ARABIC_LETTER.findall(sample)
    if len(arabic) >= letters * RTL_SHARE:
        persian = sum(1 for char in arabic if char in _PERSIAN_LETTERS)
        return "fa" if persian >= len(arabic) * 0.05 else "ar"
    if len(_HEBREW_LETTER.findall(sample)) >= letters * RTL_SHARE:
        return "he"
    return None


def model_language(sample: str) -> str:
    """The language the statistical model reads in `sample`; a weak guess other than German
    or English gives way to the likelier of them."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        _identifier.set_languages(list(DETECTABLE))
    language, confidence = _identifier.classify(sample)
    if language not in ("de", "en") and confidence < 0.9:
        # Portals here mostly get German and English; a weak other guess is usually one of them.
        ranked = [lang for lang, _ in _identifier.rank(sample) if lang in ("de", "en")]
        language = ranked[0] if ranked else language
    return language


def clear_german_or_english(sample: str) -> str | None:
    """'de' or 'en' when function words leave no doubt; the statistical model is much slower."""
    return words_german_or_english(sample.casefold().split())


def words_german_or_english(words: list[str]) -> str | None:
    """`clear_german_or_english` for a text already casefolded and split into words."""
    function_words = list(filter(FUNCTION_WORDS.__contains__, words))  # one pass over all words
    german = sum(map(GERMAN_WORDS.__contains__, function_words))
    english = sum(map(ENGLISH_WORDS.__contains__, function_words))
    if german >= 8 and german >= 4 * english:
        return "de"
    if english >= 8 and english >= 4 * german:
        return "en"
    return None
