"""Captions and credits of a page's pictures: in the figure's caption, in an element named for
them, or in a line of its own beside the figure ('<p>Foto: Land OÖ/Max Mayrhofer</p>')."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

CREDIT_CLASS_RE = re.compile(r"credit|copyright|source|photographer|byline|quelle|urheber", re.I)
CAPTION_CLASS_RE = re.compile(
    r"caption|bildunterschrift|legend|unterschrift|bu(?:[\W_]|$)|credit|copyright", re.I
)
# A line under a picture that credits it is its caption, whatever its markup ('<em>', a mail's
# paragraph): normalize splits the credit off.
CREDITED_RE = re.compile(
    r"(?:^|[\s(])(?:foto|fotos|bild|photo|image|credit|bildquelle)\s*:\s*\S|©|\(c\)\s", re.I
)
_CAPTION_TAGS = frozenset({"p", "em", "i", "span", "div", "small"})


def caption_parts(element) -> tuple[str, str]:
    """(caption, credit): a credit element inside the caption is the credit."""
    credit = ""
    for child in element.iter():
        if child is not element and CREDIT_CLASS_RE.search(element_names(child)):
            credit = _clean_space(child.text_content())
            break
    text = _clean_space(element.text_content())
    if credit and text.endswith(credit):
        text = text[: -len(credit)].strip()
    elif credit:
        text = _clean_space(text.replace(credit, " "))
    if CREDIT_CLASS_RE.search(element_names(element)) and not CAPTION_CLASS_RE.search(
        element.get("class", "").replace("credit", "").replace("copyright", "")
    ):
        return "", text  # the element is a credit line only
    return text, credit


def credit_beside(figure) -> str:
    """A credit set beside the figure: in an element named so after it, or in a line of its
    own right under or over it ('<p>Foto: Land OÖ/Max Mayrhofer</p>')."""
    following = figure.getnext()
    if following is not None and CREDIT_CLASS_RE.search(element_names(following)):
        return _clean_space(following.text_content())
    for beside in (following, figure.getprevious()):
        if beside is not None and beside.tag in ("p", "div", "span", "small"):
            line = _clean_space(beside.text_content())
            if CREDIT_LINE_RE.fullmatch(line):
                return USAGE_NOTE_TAIL_RE.sub("", line)
    return ""


# a line that is only a credit: 'Foto: Land OÖ/Max Mayrhofer', 'Fotos: …; Honorarfreier Abdruck'
CREDIT_LINE_RE = re.compile(
    r"(?:fotos?|bild(?:er)?|bildnachweis|photos?|images?|credits?|copyright)\s*:\s*\S.{1,150}"
    r"|©\s*\S.{1,150}",
    re.I,
)
USAGE_NOTE_TAIL_RE = re.compile(
    r"\s*[;,|–-]\s*(?:honorarfrei|abdruck|nur für|for editorial).*$", re.I
)


def element_names(element) -> str:
    """What a page calls an element: its class, id and itemprop."""
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
