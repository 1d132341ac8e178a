"""Per-source CSS rules (`[extract]` in a source's TOML): strip, body, title and date selectors."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from pipeline.extract.fragment import HTML_KINDS, _Builder, _clean_space, tidy_segments
from pipeline.extract.quotations import page_language


@lru_cache(maxsize=256)
def compile_selector(css: str):
    """A compiled CSS selector; ValueError with a readable message when it is not valid."""
    from lxml.cssselect import CSSSelector  # needs the cssselect package

    try:
        return CSSSelector(css, translator="html")
    except Exception as exc:  # cssselect raises several parse error types
        raise ValueError(f"CSS selector {css!r} is not valid: {exc}") from None


def _strip(tree, selectors: list[str]) -> None:
    for css in selectors:
        for element in compile_selector(css)(tree):
            if element.getparent() is not None:
                element.drop_tree()  # keeps the tail text, which belongs to the parent


def _rule_body(tree, css: str, base: str | None) -> etree._Element | None:
    matches = compile_selector(css)(tree)
    if not matches:
        return None  # the page changed: fall back to the generic extractor
    chosen = set(matches)
    # a match inside another match is already part of it
    outermost = [m for m in matches if not any(a in chosen for a in m.iterancestors())]
    builder = _Builder(HTML_KINDS, base, page_language(tree))
    for element in outermost:
        builder.walk(element, with_tail=False)
        builder.cursor = None
    tidy_segments(builder.root)
    return builder.root


def _rule_text(tree, css: str) -> str | None:
    for element in compile_selector(css)(tree):
        text = _clean_space(element.text_content())
        if text:
            return text
    return None


def _rule_date(tree, css: str) -> str | None:
    for element in compile_selector(css)(tree):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            return _clean_space(value)
    return None
