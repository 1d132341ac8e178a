"""Accordions and <details>: text a reader opens with a click is part of the article.

A release's closed sections ('Originalpublikation', 'Notes for editors') start hidden and a
button or a <summary> opens them. The panel is shown, and the label that opens it becomes the
heading over it: without it, sections run into one another and into the text above.
"""

from __future__ import annotations

import re

_DISCLOSURE_CLASS = re.compile(r"accordion|collaps|toggle|expand|disclosure|faq", re.IGNORECASE)
_HIDING_CLASS = re.compile(r"(?:^|\s)(?:hidden|d-none|is-hidden|hide)(?:\s|$)")
_PAGE_FRAME = ("nav", "header", "footer", "form", "aside", "menu")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# a button that shows more of the text above it is no section's name
_MORE_OR_LESS = re.compile(
    r"(?:weiter ?lesen|mehr(?: \w+)?|weniger(?: \w+)?|read more|show (?:more|less)|more|less"
    r"|lire la suite|voir plus|plus|moins|\+|-|…|\.\.\.)\W*",
    re.IGNORECASE,
)
_BLOCKS = ("p", "div", "ul", "ol", "table", "section", "article", *("h1", "h2", "h3", "h4"))
_TARGET_ATTRIBUTES = ("aria-controls", "data-target", "data-bs-target", "href")
_CONTROL_TAGS = frozenset(("button", "a", "div", "span", "h2", "h3", "h4"))
_LONGEST_LABEL = 120  # characters; a label longer than that is text, not a section's name


def open_disclosures(tree) -> set[str]:
    """Show every accordion panel and <details> body, headed by the label that opens it; the
    ids of the panels shown, which the rest of parsing must not hide again."""
    body = tree.find("body")
    if body is None:
        return set()
    shown: set[str] = set()
    for details in list(body.iter("details")):
        if _in_page_frame(details):
            continue
        _show(details)
        for child in details.iterdescendants():
            _show(child)
        summary = details.find("summary")
        if summary is not None:
            _become_heading(summary)
    # only what toggles, found by libxml2: walking every element's ancestors costs a tenth of
    # a page's whole extraction
    controls = [
        control
        for control in body.xpath(".//button | .//*[@role='button' or @aria-expanded]")
        if control.tag in _CONTROL_TAGS
    ]
    if not controls:
        return shown
    ids = {element.get("id"): element for element in body.iterfind(".//*[@id]")}
    for control in controls:
        if control.getparent() is None or _in_page_frame(control):
            continue
        panel = _panel_of(control, ids)
        if panel is None or not _names_a_section(control) or _holds_blocks(control):
            continue
        _show(panel)
        if panel.get("id"):
            shown.add(panel.get("id"))
        _become_heading(control)
    return shown


def _panel_of(control, ids):
    """The panel a control opens, right after it (or after the heading that holds it): named
    by its target, or inside an accordion when the control says whether it is open. A target
    elsewhere on the page (a dialog, a 'Weiterlesen' box) has no heading in the control."""
    is_toggle = control.tag == "button" or control.get("role") == "button"
    is_toggle = is_toggle or control.get("aria-expanded") is not None
    if not is_toggle:
        return None
    holder = control
    if control.getparent() is not None and control.getparent().tag in _HEADINGS:
        holder = control.getparent()
    panel = holder.getnext()
    if panel is None or not _holds_text(panel):
        return None
    for attribute in _TARGET_ATTRIBUTES:
        value = (control.get(attribute) or "").strip()
        if attribute == "href" and not (value.startswith("#") and control.get("data-toggle")):
            continue
        if any(ids.get(name.lstrip("#")) is panel for name in value.split()):
            return panel
    if control.get("aria-expanded") is None and not _inside_disclosure(control):
        return None
    return panel if _inside_disclosure(holder, panel) else None


def _inside_disclosure(*elements) -> bool:
    return any(
        _DISCLOSURE_CLASS.search(ancestor.get("class") or "")
        for element in elements
        for ancestor in element.iterancestors()
    ) or any(_DISCLOSURE_CLASS.search(element.get("class") or "") for element in elements)


def _holds_blocks(control) -> bool:
    return next(control.iterdescendants(*_BLOCKS), None) is not None


def is_closed_panel(element) -> bool:
    """A hidden element in an accordion of the article, whatever opens it."""
    return _inside_disclosure(element) and _holds_text(element) and not _in_page_frame(element)


def _holds_text(panel) -> bool:
    """Text worth a section, not a menu that a 'Menü' button opens."""
    if panel.tag in _PAGE_FRAME or next(panel.iterdescendants(*_PAGE_FRAME), None) is not None:
        return False
    return len(" ".join(panel.text_content().split())) >= 20


def _names_a_section(control) -> bool:
    label = " ".join(control.text_content().split())
    return bool(label) and len(label) <= _LONGEST_LABEL and not _MORE_OR_LESS.fullmatch(label)


def _in_page_frame(element) -> bool:
    return next(element.iterancestors(*_PAGE_FRAME), None) is not None


def _show(element) -> None:
    element.attrib.pop("hidden", None)
    element.attrib.pop("aria-hidden", None)
    if "display" in (element.get("style") or ""):
        element.attrib.pop("style", None)
    classes = element.get("class") or ""
    if _HIDING_CLASS.search(classes):
        element.set("class", _HIDING_CLASS.sub(" ", classes).strip())


def _become_heading(control) -> None:
    """The label as a heading: a heading holding the button keeps its level, a bare button
    or summary becomes a heading under the article's subheadings."""
    label = " ".join(control.text_content().split())
    heading = control.getparent() if control.getparent().tag in _HEADINGS else None
    if heading is not None and len(heading) == 1 and not (heading.text or "").strip():
        for attribute in list(heading.attrib):
            del heading.attrib[attribute]
        tail = control.tail
        heading.remove(control)
        heading.text = label + (tail or "")
        return
    tail = control.tail
    for child in list(control):
        control.remove(child)
    for attribute in list(control.attrib):
        del control.attrib[attribute]
    control.tag = "h3"
    control.text, control.tail = label, tail
