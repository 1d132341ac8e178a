"""An input that holds more than one release: two reports one after the other, or one release
in two languages. Melder keeps it as one release (nothing is lost) and tells the editor, who
splits it before approving; until then it waits for an editor even from a trusted source,
whose publish would put several stories under one headline."""

from __future__ import annotations

import re

from pipeline.models import HOLD_FOR_EDITOR
from pipeline.normalize import boilerplate
from pipeline.normalize.body import Block
from pipeline.normalize.datelines import DETAIL_LINE_RE, dateline_text
from pipeline.normalize.findings import CONTACT_RE
from pipeline.normalize.headline import _looks_like_headline
from pipeline.normalize.summary import (
    FUNCTION_WORDS,
    model_language,
    words_german_or_english,
)

# A heading that names a page of several releases, not one: 'Pressemeldungen der Polizei …'
LISTING_TITLE_RE = re.compile(
    r"(?:(?:aktuelle\s+)?(?:presse|polizei|medien)?(?:mitteilungen|meldungen|informationen"
    r"|berichte?)|(?:latest\s+)?(?:news|press|media)\s+releases|nachrichten|news)"
    r"(?:\s+(?:der|des|von|aus|from|of|by)\s+[^.!?]{2,80}?)?"
    # the day they cover: 'Pressebericht vom 25.11.2026', '… Weißenburg vom 25. November 2026'
    r"(?:,?\s+(?:vom|für\s+den|am|for|of)?\s*(?:\w+,?\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|\w+)"
    r"\s?(?:\d{2,4})?)?",
    re.I,
)
# A police report's dateline, the place alone: 'Erlangen. Am Mittwochnachmittag …'
PLACE_DATELINE_RE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:[ /-][A-ZÄÖÜ][a-zäöüß]+)?\.\s+[A-ZÄÖÜ]")
NAME_CHARS = 100  # of a headline named in a warning; a longer one is cut at a word
LANGUAGE_WORDS = 60  # text enough on either side to tell its language
LANGUAGE_SAMPLE = 200  # words read on either side: the opening one's start, the other's end
FUNCTION_SHARE = 0.1
MODEL_WORDS = 80  # the model reads these words at the far end of either half


def several_releases(title: str, blocks: list[Block]) -> list[str]:
    """Warnings for an input that reads as several releases."""
    warnings = []
    # the first dateline opens this release (a deck may stand over it); another one under a
    # headline of its own opens another release. Paragraphs under a headline are few, and
    # telling one is cheaper than looking for a dateline: datelines are only looked for in
    # paragraphs up to the last of them.
    under_headline = {
        index
        for index in range(1, len(blocks))
        if blocks[index].kind == "p"
        and (blocks[index - 1].kind.startswith("h") or _looks_like_headline(blocks[index - 1]))
    }
    datelined = [
        index
        for index in range(max(under_headline) + 1 if under_headline else 0)
        if blocks[index].kind == "p"
        and (dateline_text([blocks[index]]) or PLACE_DATELINE_RE.match(blocks[index].text))
    ]
    headed = [blocks[index - 1].text for index in datelined[1:] if index in under_headline]
    listing = bool(LISTING_TITLE_RE.fullmatch(title))
    if headed and not listing:  # a listing's title names no release: the warning below names them
        names = "', '".join(map(_name, [title, *headed]))
        warnings.append(
            f"{HOLD_FOR_EDITOR}the input seems to hold {len(headed) + 1} releases, each with a "
            f"headline and a dateline ('{names}'): they are kept as one; split them before "
            "approving"
        )
    elif not listing and (detailed := _reports_with_details(blocks)):
        names = "', '".join(map(_name, [title, *detailed]))
        warnings.append(
            f"{HOLD_FOR_EDITOR}the input seems to hold {len(detailed) + 1} reports, each with a "
            f"headline and its time and place ('{names}'): they are kept as one; split them "
            "before approving"
        )
    if listing:
        # a page of reports under a heading that names the kind ('Pressemeldungen der …')
        reports = [
            block.text
            for block, following in zip(blocks, blocks[1:], strict=False)
            if block.kind in ("h2", "h3")
            and following.kind == "p"
            and not CONTACT_RE.match(block.text)  # the press office's box under them
        ]
        if len(reports) >= 2:
            names = "', '".join(map(_name, reports[:5]))
            warnings.append(
                f"{HOLD_FOR_EDITOR}the page '{_name(title)}' seems to hold {len(reports)} "
                f"releases ('{names}'): they are kept as one; split them before approving"
            )
    paragraphs = [block.text for block in blocks if block.kind == "p"]
    half = len(paragraphs) // 2
    first = _casefolded_words(paragraphs[:half])
    # function words alone: cheap, and sure when they answer (German or English); the second
    # half is only read when the first one answers
    language = _language_of(first)
    if language:
        second = _casefolded_words(paragraphs[half:], from_end=True)
        other = _language_of(second, from_end=True)
        if other and other != language:
            warnings.append(
                f"{HOLD_FOR_EDITOR}the release is written in two languages ({language}, then "
                f"{other}): publish one version, or each as a release of its own"
            )
    return warnings


def _language_of(words: list[str], *, from_end: bool = False) -> str | None:
    """The language of enough words: German or English by their function words, else another
    that the statistical model is sure of (a Swiss release's French or Italian version). A
    text of mixed German and English gives none: quotes and names mix them. Function words
    are a fifth of German or English prose; a few among many other words are another
    language's that looks the same (French 'des')."""
    if len(words) < LANGUAGE_WORDS:
        return None
    sure = words_german_or_english(words)
    if sure and sum(map(FUNCTION_WORDS.__contains__, words)) >= FUNCTION_SHARE * len(words):
        return sure
    guess = model_language(" ".join(words[-MODEL_WORDS:] if from_end else words[:MODEL_WORDS]))
    return guess if guess not in ("de", "en") else None


def _reports_with_details(blocks: list[Block]) -> list[str]:
    """The headlines of further reports in a police office's daily report: the first report
    opens the body with its time and place ('Zeit: …', 'Ort: …') under the title, and each
    other one has a headline, such lines and its text again. A release that only lists
    events under its text ('Termin: …', 'Ort: …') opens with prose, not with such lines."""
    if not blocks or not _is_detail(blocks[0]):
        return []
    headlines = []
    told = False  # a report's text came: a headline now opens another report
    for index, block in enumerate(blocks):
        if block.kind in ("p", "quote") and boilerplate.is_long_paragraph(block.text):
            told = True
        elif told and _heads_details(blocks, index):
            headlines.append(block.text)
    return headlines


def _is_detail(block: Block) -> bool:
    return block.kind == "p" and bool(DETAIL_LINE_RE.match(block.text))


def _heads_details(blocks: list[Block], index: int) -> bool:
    """A headline over one or more detail lines and the text under them."""
    block = blocks[index]
    if _is_detail(block) or not _looks_like_headline(block) or len(block.text.split()) < 3:
        return False
    after = index + 1
    while after < len(blocks) and _is_detail(blocks[after]):
        after += 1
    return (
        after > index + 1
        and after < len(blocks)
        and boilerplate.is_long_paragraph(blocks[after].text)
    )


def _casefolded_words(texts: list[str], *, from_end: bool = False) -> list[str]:
    """The first (or last) LANGUAGE_SAMPLE words of `texts`, casefolded; only the texts that
    hold them are read (casefolding never adds nor removes a space, so words stay words)."""
    words: list[str] = []
    for text in reversed(texts) if from_end else texts:
        if from_end:
            words[:0] = text.casefold().split()
        else:
            words += text.casefold().split()
        if len(words) >= LANGUAGE_SAMPLE:
            break
    return words[-LANGUAGE_SAMPLE:] if from_end else words[:LANGUAGE_SAMPLE]


def _name(headline: str) -> str:
    if len(headline) <= NAME_CHARS:
        return headline
    return headline[:NAME_CHARS].rsplit(" ", 1)[0] + " …"


COPY_BLOCKS = 2  # paragraphs in a row given twice, word for word: a second copy
COPY_PARAGRAPH = 60  # characters: a short line ('Ende') may well be said twice
COPY_HEAD = 3  # lines over a copy that are its headline, dateline, kicker


def _heads_copy(text: str, title: str, before: list[str]) -> bool:
    """A line over the copy that the first copy had too (its headline), or a short line that
    ends no sentence (its dateline 'Lindenau, 2. Dezember 2026', which the first gave up)."""
    short = len(text) < 2 * COPY_PARAGRAPH and text[-1:] not in ".!?"
    return text == title or text in before or short


def without_second_copy(title: str, blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks without a second copy of the release pasted under the first (its headline,
    dateline and paragraphs again, word for word), and a warning when one was left out.
    Nothing is lost: the copy holds nothing the first one does not."""
    texts = [block.text for block in blocks]
    # a copy repeats the release from its start: its first paragraph of any length
    first = next((i for i, text in enumerate(texts) if len(text) >= COPY_PARAGRAPH), None)
    if first is not None:
        text = texts[first]
        for again in range(first + 1, len(texts)):
            if texts[again] != text:
                continue
            run = 0
            while first + run < again and again + run < len(texts):
                if texts[first + run] != texts[again + run]:
                    break
                run += 1
            if run < COPY_BLOCKS:
                continue
            start, end = again, again + run
            while start > max(first + run, again - COPY_HEAD) and _heads_copy(
                texts[start - 1], title, texts[:first]
            ):
                start -= 1  # its headline and dateline again
            while end < len(texts) and (
                texts[end] in texts[:start] or CONTACT_RE.match(texts[end])
            ):
                end += 1  # its contact label again, whose lines went with the first
            kept = blocks[:start] + blocks[end:]
            return kept, [
                f"the release is given twice, word for word (again from '{_name(text)}'): "
                "the second copy was left out"
            ]
    return blocks, []
