"""A press contact in its own box beside or under the article ("div.contact-box", a sidebar's
<h3>Pressestelle</h3>), which extraction leaves out as page furniture: its lines, read as a
reader sees them (a <br> or a block ends a line, a <dl>'s term labels its value, hidden
anti-spam text is no part of it). `normalize` decides whether they are a press contact."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space, _hidden

# A press contact in its own box beside or under the article ("div.contact-box",
# <h2>Ansprechpartner</h2>), which extraction leaves out as page furniture.
_CONTACT_NAMES = re.compile(
    r"(?:^|[\W_])(?:contact|kontakt|ansprech|pressestelle|rueckfrage|rückfrage|auskuenfte|auskunft)",
    re.I,
)
_CONTACT_HEADING = re.compile(
    r"^\W*(?:(?:ihre?|unsere?|your|our)\s+)?(?:(?:presse|medien|media|press)?[- ]?(?:kontakte?"
    r"|contacts?|ansprechpartner(?:in)?)|r[üu]ckfrage(?:n|hinweise?)"
    r"|(?:weitere )?ausk(?:unft|[üu]nfte)"
    r"|media (?:inquiries|enquiries)|contact information|kontaktpersonen?|kontaktinformationen"
    r"|(?:presse)?sprecher(?:in)?|press secretary|spokes(?:person|woman|man)"
    r"|pressestelle|pressebüro|medienstelle|press office|media relations)\b",
    re.I,
)
_PAGE_FRAME = frozenset({"nav", "header", "footer", "form", "menu"})
# whole class tokens only: 'site-header' frames the page, 'press-release__header' the release
_FRAME_NAMES = re.compile(
    r"(?:^|\s)(?:(?:site|page|main|global|top)[-_])?(?:nav|navigation|navbar|menu|footer|header"
    r"|breadcrumbs?)(?:\s|$)",
    re.I,
)
_BOX_TEXT = 600
_GOES_ON = tuple(",.;:)]/")  # 'a@x.example / b@x.example': two people at one desk
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|d-none|hide)(?:\s|$)")


def contact_box_lines(tree) -> tuple[str, ...]:
    """The lines of the page's first contact box outside its frame (menus, header, footer):
    a box named for a contact, or one that a contact heading opens. `normalize` decides
    whether they are a press contact."""
    for element in tree.iter("div", "section", "aside", "p", "address", "table"):
        # split no further than the box's length in words: more words than that, more
        # characters; the page's outer blocks hold all of its words
        words = element.text_content().split(None, _BOX_TEXT)
        if len(words) > _BOX_TEXT:
            continue
        text = " ".join(words)
        if not text or len(text) > _BOX_TEXT or not re.search(r"@|\d{3}", text):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        lines = [line for line in map(_clean_space, _box_text(element).split("\n")) if line]
        heading = _heading_before(element)
        if lines and heading and not _CONTACT_HEADING.match(lines[0]):
            lines.insert(0, heading)  # '<p><b>Media Contact</b></p>' over the box
        if not lines or not (_CONTACT_NAMES.search(names) or _CONTACT_HEADING.match(lines[0])):
            continue
        if not _in_page_frame(element):
            return tuple(_innermost(element, lines))
    return ()


def _innermost(element, lines: list[str]) -> list[str]:
    """A column of boxes opened by the contact's box: that box alone ('Pressekontakt' …, not
    the 'Notruf' box under it). A box that holds only the heading ('<div class="contact__head">
    Kontakt</div>' over the person's box) labels the whole box."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag not in _BOXES:
            continue
        inner = [line for line in map(_clean_space, _box_text(child).split("\n")) if line]
        if inner and inner[0] == lines[0] and 1 < len(inner) < len(lines):
            return _innermost(child, inner)
        if inner:
            break  # the first box is not the contact's: the column is the box
    return lines


_BOXES = frozenset(("div", "section", "aside", "address"))


def _heading_before(element) -> str | None:
    """A contact heading set just before the box, outside it: the element before it, or the
    last heading that element ends with (the article's text ends with 'Media contacts')."""
    previous = element.getprevious()
    if previous is None:
        return None
    last_heading = previous.xpath("(.//h2|.//h3|.//h4|.//strong)[last()]")
    for candidate in (previous, *last_heading[-1:]):
        text = _clean_space(candidate.text_content())
        if len(text) <= 60 and _CONTACT_HEADING.match(text):
            return text
    return None


def _in_page_frame(element) -> bool:
    for ancestor in element.iterancestors():
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        # the article's own footer ('entry-footer' with its press contact) is no frame
        frame = ancestor.tag in _PAGE_FRAME and not (
            ancestor.tag in _ARTICLE_PARTS and _in_article(ancestor)
        )
        if frame or _FRAME_NAMES.search(names):
            return True
    return False


# A <header> or <footer> belongs to the nearest <article> around it, not to the page.
_ARTICLE_PARTS = frozenset({"header", "footer"})


def _in_article(element) -> bool:
    return next(element.iterancestors("article"), None) is not None


def _box_text(element) -> str:
    """The element's text with a line break for each <br> and block."""
    parts = [element.text or ""]
    for child in element:
        if (
            not isinstance(child.tag, str)
            or _hidden(child)
            or _HIDDEN_CLASS.search(child.get("class", ""))
        ):
            parts.append(child.tail or "")  # TYPO3's 'presse<span hidden>remove-this.</span>@…'
            continue
        if child.tag in ("dt", "dd"):  # 'Telefon' / '+49 341 …' read as 'Telefon: +49 341 …'
            term = child.tag == "dt"
            parts.append(("\n" if term else " ") + _box_text(child).strip())
            parts.append(":" if term and not _box_text(child).strip().endswith(":") else "\n")
            parts.append(child.tail or "")
            continue
        if child.tag == "a" and (address := _mail_address(child)):
            parts.append(address + "\n" + (child.tail or ""))  # 'E-Mail senden' says less
            continue
        block = child.tag in ("br", "p", "div", "h2", "h3", "h4", "h5", "li", "address", "tr")
        # spans a stylesheet sets one per line ('<span>Jane KOWALSKA</span><span>Press
        # Officer</span>'): nothing parts them in the markup, so a break does
        block = block or (child.tag == "span" and _glued_to_previous(child))
        # a card's e-mail and phone links end their line ('tom@lumora.example' '+44 20 …')
        ends = (
            child.tag == "a"
            and (child.get("href") or "").startswith(("mailto:", "tel:"))
            and (child.tail or "").lstrip()[:1] not in _GOES_ON
        )  # not when the line goes on: 'Press Office (press@epa.example)', '…@x.example, 512 …'

        parts.append("\n" if block else "")
        parts.append(_box_text(child) if child.tag != "br" else "")
        parts.append("\n" if (block and child.tag != "br") or ends else "")
        parts.append(child.tail or "")
    return "".join(parts)


def _glued_to_previous(span) -> bool:
    """The span follows another span with no space between their words (an hCard's
    '<span class="given-name">Peter</span> <span class="family-name">Meier</span>' has one)."""
    before = span.getprevious()
    if before is None or before.tag != "span" or before.tail:
        return False
    end, start = before.text_content()[-1:], span.text_content()[:1]
    return bool(end and start) and not end.isspace() and not start.isspace()


def _mail_address(link) -> str | None:
    """The address of a mailto: link whose text does not show it ('E-Mail senden', 'Mail')."""
    href = (link.get("href") or "").strip()
    if not href.lower().startswith("mailto:") or "@" in link.text_content():
        return None
    address = href[7:].split("?", 1)[0].strip()
    return address if "@" in address else None
