"""Captions and credits of a page's pictures: in the figure's caption, in an element named for
them, or in a line of its own beside the figure ('<p>Foto: Land OÖ/Max Mayrhofer</p>')."""

from __future__ import annotations

import re
from copy import deepcopy

from pipeline.extract.fragment import _clean_space

CREDIT_CLASS_RE = re.compile(r"credit|copyright|source|photographer|byline|quelle|urheber", re.I)
CAPTION_CLASS_RE = re.compile(
    r"caption|bildunterschrift|legend|unterschrift|bu(?:[\W_]|$)|credit|copyright", re.I
)
# A line under a picture that credits it is its caption, whatever its markup ('<em>', a mail's
# paragraph): normalize splits the credit off.
# Pictures that are drawn or computed are credited like photos: 'Grafik: Planungsbüro Lenz'.
DRAWN = (
    r"grafik(?:en)?|graphics?|visualisierung(?:en)?|visuali[sz]ations?|illustration(?:en|s)?"
    r"|abbildung(?:en)?|abb\.|renderings?"
)
CREDITED_RE = re.compile(
    rf"(?:^|[\s(])(?:foto|fotos|bild|photo|image|credit|bildquelle|{DRAWN})\s*:\s*\S|©|\(c\)\s",
    re.I,
)
_CAPTION_TAGS = frozenset({"p", "em", "i", "span", "div", "small"})
MIN_INLINE_CAPTION = 15  # shorter caption texts may well be words of the body itself
MAX_INLINE_CAPTION = 400
PICTURE_BOX_TEXT = 600  # characters: a box holding more is the article around the picture


def next_beside(element):
    """The element after a picture, past line breaks and the `<noscript>` copy of the picture
    that lazy loaders add: neither separates a picture from its caption."""
    following = element.getnext()
    while following is not None and (
        not isinstance(following.tag, str) or following.tag in ("br", "noscript")
    ):
        following = following.getnext()
    return following


def caption_after(holder) -> tuple[str, str]:
    """(caption, credit) set right after a picture: an element named for a caption, a line
    that credits the picture, or a line with a credit line under it in the picture's box
    ('<p>Visualisierung Lünerseewerk II</p><p>Visualisierung: illwerke vkw</p>')."""
    if line := _line_under(holder):
        return line, ""
    following = next_beside(holder)
    if following is None:
        return "", ""
    if CAPTION_CLASS_RE.search(element_names(following)):
        caption, credit = caption_parts(following)
        # the credit in an element of its own beside the caption ('img_credit')
        return caption, credit or credit_beside(following)
    if following.tag not in _CAPTION_TAGS:
        return "", ""
    text = _clean_space(following.text_content())
    if not MIN_INLINE_CAPTION <= len(text) <= MAX_INLINE_CAPTION:
        return "", ""
    if CREDITED_RE.search(text):
        return text, ""  # 'Die Panda-Zwillinge … Foto: Zoo Wellheim/Ralf Brenner'
    box = holder.getparent()
    if box is not None and len(_clean_space(box.text_content())) <= PICTURE_BOX_TEXT:
        if credit := credit_beside(following):
            return text, credit
    return "", ""


def _line_under(holder) -> str:
    """The line set under a picture in its own paragraph after a line break, when it credits
    the picture ('<p><img …><br>Kultusminister … (Foto: SMK/Jürgen Männel)</p>')."""
    if (holder.tail or "").strip():
        return ""
    parts, broken = [], False
    for sibling in holder.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag == "br":
            if parts:
                break  # the next line is the paragraph's own
            broken = True
        elif not broken or sibling.tag not in _INLINE_TAGS:
            return ""
        else:
            parts.append(sibling.text_content())
        parts.append(sibling.tail or "")
    text = _clean_space("".join(parts))
    if (
        broken
        and MIN_INLINE_CAPTION <= len(text) <= MAX_INLINE_CAPTION
        and CREDITED_RE.search(text)
    ):
        return text
    return ""


_INLINE_TAGS = frozenset({"em", "i", "span", "small", "b", "strong"})


def with_lightbox_credit(caption: str, credit: str, img) -> tuple[str, str]:
    """A gallery often prints the caption without its credit under the picture and keeps the
    whole of it, credit included, for the enlarged view (`data-caption`): the credit comes from
    there. Without a printed caption, the gallery's caption is the caption."""
    if credit or CREDITED_RE.search(caption):
        return caption, credit
    enlarged = lightbox_caption(img)
    if not caption:
        return enlarged, ""
    return caption, credit_in(enlarged)


CREDIT_START_RE = re.compile(
    rf"(?:^|(?<=[\s.;,(]))(?:fotos?|bild(?:er)?|photos?|images?|credits?|copyright|bildquelle"
    rf"|{DRAWN})\s*:|©|\(c\)\s",
    re.I,
)


def credit_in(text: str) -> str:
    """The credit line a caption ends in ('… © AKB / Dominik Plüss' → '© AKB / Dominik Plüss')."""
    for match in CREDIT_START_RE.finditer(text):
        tail = text[match.start() :].strip()
        if CREDIT_LINE_RE.fullmatch(tail):
            return tail
    return ""


def caption_parts(element) -> tuple[str, str]:
    """(caption, credit): a credit element inside the caption is the credit, and so is its
    last line when that is a credit line ('…<br><small>Fotocredit: Caritas/…</small>')."""
    credit = ""
    for child in element.iter():
        if child is not element and CREDIT_CLASS_RE.search(element_names(child)):
            credit = _clean_space(child.text_content())
            break
    last = element[-1] if len(element) and isinstance(element[-1].tag, str) else None
    if not credit and last is not None and not (last.tail or "").strip():
        line = _clean_space(last.text_content())
        credit = line if CREDIT_LINE_RE.fullmatch(line) and line != caption_text(element) else ""
    text = caption_text(element)
    if credit and text.endswith(credit):
        text = text[: -len(credit)].strip()
    elif credit:
        text = _clean_space(text.replace(credit, " "))
    if CREDIT_CLASS_RE.search(element_names(element)) and not CAPTION_CLASS_RE.search(
        element.get("class", "").replace("credit", "").replace("copyright", "")
    ):
        return "", text  # the element is a credit line only
    return text, credit


def caption_text(element) -> str:
    """The element's text with a space for each line break ('Wien-Favoriten<br>Fotocredit')."""
    if element.find(".//br") is None:
        return _clean_space("".join(element.itertext()))
    copy = deepcopy(element)
    for br in copy.iter("br"):
        br.tail = " " + (br.tail or "")
    return _clean_space("".join(copy.itertext()))


def credit_beside(figure) -> str:
    """A credit set beside the figure: in an element named so after it, or in a line of its
    own right under or over it ('<p>Foto: Land OÖ/Max Mayrhofer</p>')."""
    following = next_beside(figure)
    if following is not None and CREDIT_CLASS_RE.search(element_names(following)):
        return _clean_space(following.text_content())
    for beside in (following, figure.getprevious()):
        if beside is not None and beside.tag in ("p", "div", "span", "small"):
            line = _clean_space(beside.text_content())
            if CREDIT_LINE_RE.fullmatch(line):
                return USAGE_NOTE_TAIL_RE.sub("", line)
    return ""


def gallery_credit(holder) -> str:
    """The one credit line under a gallery ('<div class="gallery"><a><img></a><a><img></a>
    </div><p>Fotos: Gemeinde Musterdorf</p>'): it credits each of the gallery's pictures. A
    gallery is a box of two pictures or more and no words of its own."""
    box = holder.getparent()
    if box is None or box.tag not in ("div", "p", "section", "figure", "ul"):
        return ""
    if len(list(box.iter("img"))) < 2 or _clean_space(box.text_content()):
        return ""
    return credit_beside(box)


# a line that is only a credit: 'Foto: Land OÖ/Max Mayrhofer', 'Fotos: …; Honorarfreier Abdruck'
CREDIT_LINE_RE = re.compile(
    rf"(?:fotos?|bild(?:er)?|bildnachweis|photos?|images?|credits?|copyright|{DRAWN}"
    r"|(?:foto|bild|photo)\s?-?credits?)\s*:\s*\S.{1,150}"
    r"|©\s*\S.{1,150}",
    re.I,
)
USAGE_NOTE_TAIL_RE = re.compile(
    r"\s*[;,|–-]\s*(?:honorarfrei|abdruck|nur für|for editorial).*$", re.I
)


def element_names(element) -> str:
    """What a page calls an element: its class, id and itemprop."""
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"


# Where gallery scripts keep a picture's caption on its link or the picture: lightbox2 and
# fancybox ('title', 'data-title', 'data-caption'), lightGallery ('data-sub-html'),
# PhotoSwipe ('data-pswp-caption'), GLightbox ('data-description').
LIGHTBOX_CAPTION_ATTRIBUTES = (
    "data-caption", "data-pswp-caption", "data-sub-html", "data-title", "data-description",
    "title",
)  # fmt: skip
LIGHTBOX_MARK_RE = re.compile(
    r"lightbox|fancybox|glightbox|pswp|photoswipe|gallery|galerie|prettyphoto|colorbox|zoom", re.I
)
IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|webp|gif|tiff?|avif)(?:[?#]|$)", re.I)


def lightbox_caption(img) -> str:
    """The caption a gallery script shows over the enlarged picture, held in the link around
    it (`<a href="gross.jpg" data-lightbox="galerie" title="… Foto: …">`) or on the picture."""
    link = next((a for a in img.iterancestors("a", "figure", "body")), None)
    holders = [img]
    if link is not None and link.tag == "a" and _opens_enlarged(link):
        holders.insert(0, link)
    for holder in holders:
        for name in LIGHTBOX_CAPTION_ATTRIBUTES:
            if name == "title" and holder is img:
                continue  # an image's own title is read as its caption elsewhere
            value = holder.get(name)
            if not value or not (text := _clean_space(_without_markup(value))):
                continue
            if text == _clean_space(img.get("alt") or "") or _shared(holder, name, value):
                return ""  # the alt text again, or the gallery's name over all its pictures
            return text
    return ""


def _shared(holder, name: str, value: str) -> bool:
    """Another picture's link or image carries the same text: a name, not a caption."""
    return any(
        other is not holder and other.get(name) == value
        for other in holder.getroottree().iter(holder.tag)
    )


def _opens_enlarged(link) -> bool:
    names = " ".join(f"{key} {value}" for key, value in link.attrib.items() if key != "href")
    return bool(LIGHTBOX_MARK_RE.search(names) or IMAGE_FILE_RE.search(link.get("href") or ""))


def _without_markup(value: str) -> str:
    """lightGallery's caption is HTML ('<h4>Kletterturm</h4><p>Foto: …</p>')."""
    if "<" not in value:
        return value
    from lxml import html as lxml_html

    try:
        return " ".join(lxml_html.fragment_fromstring(value, create_parent="div").itertext())
    except Exception:  # not markup after all: its text as written
        return value


# A newsroom's fields of a picture, listed beside it ('<dt>Fotograf:</dt><dd>Tom Schulze</dd>',
# '<dt>Lizenz:</dt><dd>Creative Commons …</dd>'), with its description in the same box.
_CREDIT_FIELD_RE = re.compile(
    r"fotograf(?:in)?|photographer|foto|photo|bildnachweis|bildquelle|urheber(?:in)?|credits?"
    r"|copyright|quelle|source",
    re.I,
)
_LICENSE_FIELD_RE = re.compile(r"lizenz|licen[cs]e|nutzungsrechte?|rechte|rights|usage", re.I)


def listed_fields(box) -> tuple[str, str, str]:
    """(caption, credit, licence) a box beside a picture lists as terms and values."""
    if box is None or not isinstance(box.tag, str):
        return "", "", ""
    credit = licence = ""
    for term in box.iter("dt"):
        value = term.getnext()
        if value is None or value.tag != "dd":
            continue
        name = _clean_space(term.text_content()).rstrip(":").strip()
        if not credit and _CREDIT_FIELD_RE.fullmatch(name):
            credit = _clean_space(value.text_content())
        elif not licence and _LICENSE_FIELD_RE.fullmatch(name):
            licence = _clean_space(value.text_content())
    if not (credit or licence):
        return "", "", ""
    # the description ('Einer der neuen Elektrobusse …') says more than the title over it
    described = [
        text
        for tags in (("p",), ("h2", "h3", "h4", "h5", "h6"))
        for element in box.iter(*tags)
        if (text := _clean_space(element.text_content()))
    ]
    return (described or [""])[0], credit, licence


_SECTION_HEADINGS = ("h2", "h3", "h4")
_PICTURE_TAGS = frozenset(("figure", "img", "picture"))


def picture_headings(tree) -> set[str]:
    """The headings over nothing but pictures ('Product Photos' over two figures): once the
    pictures go out with the release as its media, such a heading heads nothing in the text.
    Read before extraction changes the page."""
    found, titled = set(), 0
    for heading in tree.iter(*_SECTION_HEADINGS):
        under, sibling = [], heading.getnext()
        while sibling is not None and not _opens_section(sibling):
            under.append(sibling)
            sibling = sibling.getnext()
        if under and _only_pictures(under[0]):
            titled += 1
            if all(_only_pictures(element) for element in under):
                found.add(_clean_space(heading.text_content()))
    # several headings over pictures title a gallery's pictures one by one ('Season's
    # Greetings' over one card, 'Christmas Angels' over the next): the text keeps them
    return found if titled == 1 else set()


def _opens_section(element) -> bool:
    """A heading, or a box that a heading opens ('<div><h3>Regulated Product(s)</h3>…')."""
    if not isinstance(element.tag, str):
        return False
    return element.tag in _ALL_HEADINGS or next(element.iter(*_ALL_HEADINGS), None) is not None


_ALL_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _only_pictures(element) -> bool:
    if not isinstance(element.tag, str):
        return True
    if element.tag in _PICTURE_TAGS:
        return True
    pictures = [inner for inner in element.iter(*_PICTURE_TAGS) if inner is not element]
    text = _clean_space(element.text_content())
    captions = " ".join(_clean_space(p.text_content()) for p in pictures)
    return bool(pictures) and len(text) <= len(captions)


def drop_picture_headings(fragment, headings: set[str]) -> None:
    """The body's headings that stood over the article's pictures alone."""
    for heading in list(fragment.iter(*_SECTION_HEADINGS)):
        following = heading.getnext()
        lone = following is None or following.tag in _SECTION_HEADINGS
        if lone and _clean_space("".join(heading.itertext())) in headings:
            heading.getparent().remove(heading)
