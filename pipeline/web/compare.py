"""What an editor compares: the original input made readable (a mail decoded, a page rendered
in a sandbox) with what extraction removed struck through, and revisions word by word."""

from __future__ import annotations

import difflib
import email
import re
from dataclasses import dataclass, field
from email import policy

import nh3
from lxml import etree

from pipeline.extract import parse_html
from pipeline.models import Release

Segment = tuple[str, str]  # (same | add | del, text)
MAX_WORDS = 20_000  # a page longer than this is compared in its first part only
PAGE_TAGS = {
    *("p", "div", "span", "section", "article", "header", "footer", "nav", "aside", "main"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote"),
    *("table", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "img", "hr", "br"),
    *("a", "strong", "em", "b", "i", "small", "time", "address", "pre", "code"),
}
BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article")


@dataclass
class Original:
    kind: str  # mail | html | text
    text: str  # what a reader of the input sees, as plain text
    headers: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    html: str | None = None  # a page, for a sandboxed iframe
    marked: list[list[Segment]] = field(default_factory=list)  # text, removed parts marked


def readable(data: bytes, suffix: str, release: Release) -> Original:
    """The input as its reader would see it, with what the release left out marked `del`."""
    suffix = suffix.lower()
    if suffix == ".eml":
        original = _mail(data)
    elif suffix in (".html", ".htm"):
        html = data.decode("utf-8", errors="replace")
        original = Original(kind="html", text=_page_text(html), html=inert_page(html))
    elif suffix == ".json" and (fields := _json_fields(data)) is not None:
        original = Original(kind="text", text=fields)
    else:
        original = Original(kind="text", text=data.decode("utf-8", errors="replace"))
    kept = f"{release.title}\n{release.teaser}\n{release.text}\n{release.contact or ''}"
    original.marked = _removed(original.text, kept)
    return original


# the fields of a JSON submission a reader reads, in the order a release shows them
JSON_TEXT_FIELDS = ("title", "teaser", "text", "body_html", "body", "content", "contact")


def _json_fields(data: bytes) -> str | None:
    """A JSON submission as its text fields read (markup as text, no base64 photo): the
    escapes of the raw JSON ('er\\u00f6ffnet') are no words the release left out."""
    import json

    try:
        submitted = json.loads(data)
    except ValueError:
        return None
    if not isinstance(submitted, dict):
        return None
    parts = []
    for name in JSON_TEXT_FIELDS:
        value = submitted.get(name)
        if isinstance(value, dict):  # WordPress: {"rendered": "…"}
            value = value.get("rendered")
        if isinstance(value, str) and value.strip():
            parts.append(_page_text(value) if "<" in value else value.strip())
    return "\n\n".join(parts) if parts else None


def inert_page(html: str) -> str:
    """The page's structure and text only: no script, style, form or address of anything to
    load (an image would tell the sender the desk opened it), even outside its sandbox."""
    return nh3.clean(
        html,
        tags=PAGE_TAGS,
        attributes={"img": {"alt"}, "td": {"colspan"}, "th": {"colspan"}},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


def _mail(data: bytes) -> Original:
    message = email.message_from_bytes(data, policy=policy.default)
    headers = []
    for name in ("From", "To", "Date", "Subject"):
        try:
            value = message.get(name)
        except (ValueError, IndexError, TypeError):
            value = None
        if value is not None:
            headers.append((name, str(value)))
    text = ""
    try:
        body = message.get_body(preferencelist=("plain", "html"))
        if body is not None:
            content = body.get_content()
            text = _page_text(content) if body.get_content_subtype() == "html" else content
    except (LookupError, ValueError, KeyError, AttributeError):
        text = ""
    attachments = [
        part.get_filename() or part.get_content_type()
        for part in message.iter_attachments()
        if part.get_content_maintype() != "multipart"
    ]
    return Original(kind="mail", text=text, headers=headers, attachments=attachments)


def _page_text(html: str) -> str:
    tree = parse_html(html)
    if tree is None:
        return ""
    unseen = list(tree.iter("script", "style", "noscript", "template", etree.Comment))
    for element in unseen:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in tree.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
    text = tree.text_content() if hasattr(tree, "text_content") else "".join(tree.itertext())
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _removed(original: str, kept: str) -> list[list[Segment]]:
    """The original's paragraphs, each word marked `del` unless the release kept it."""
    paragraphs = [line for line in original.splitlines() if line.strip()]
    # not named `words`: gettext's extractor takes `words` for the desk's translation call
    tokens = [(index, word) for index, line in enumerate(paragraphs) for word in line.split()]
    tokens = tokens[:MAX_WORDS]
    kept_words = kept.split()
    matcher = _matcher([w for _, w in tokens], kept_words)
    marks = ["del"] * len(tokens)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            marks[block.a + offset] = "same"
    rows: list[list[Segment]] = [[] for _ in paragraphs]
    for (index, word), mark in zip(tokens, marks, strict=True):
        _append(rows[index], mark, word)
    return [row for row in rows if row]


EXACT_WORDS = 1500


def _matcher(first: list[str], second: list[str]) -> difflib.SequenceMatcher:
    """Word by word, exactly up to EXACT_WORDS a side. Beyond, words that make up more than a
    hundredth of a side are not matched on their own: on a long repetitive text the exact
    comparison takes minutes of a desk worker's time for one page view."""
    exact = len(first) <= EXACT_WORDS and len(second) <= EXACT_WORDS
    return difflib.SequenceMatcher(None, first, second, autojunk=not exact)


def word_diff(old: Release, new: Release, categories: str) -> list[list[Segment]]:
    """The two revisions paragraph by paragraph, changed paragraphs word by word."""
    before, after = _paragraphs(old, categories), _paragraphs(new, categories)
    rows: list[list[Segment]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for kind, a1, a2, b1, b2 in matcher.get_opcodes():
        if kind == "equal":
            rows += [[("same", paragraph)] for paragraph in before[a1:a2]]
            continue
        if a2 - a1 == b2 - b1:  # as many paragraphs as before: each against its own
            rows += [_words(old, new) for old, new in zip(before[a1:a2], after[b1:b2], strict=True)]
        else:
            rows.append(_words(" ".join(before[a1:a2]), " ".join(after[b1:b2])))
    return rows if any(kind != "same" for row in rows for kind, _ in row) else []


def _words(before: str, after: str) -> list[Segment]:
    old_words, new_words = before.split(), after.split()
    row: list[Segment] = []
    matcher = _matcher(old_words, new_words)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(row, "same", " ".join(old_words[i1:i2]))
            continue
        if i2 > i1:
            _append(row, "del", " ".join(old_words[i1:i2]))
        if j2 > j1:
            _append(row, "add", " ".join(new_words[j1:j2]))
    return row


def _paragraphs(release: Release, categories: str) -> list[str]:
    found = [release.title, release.teaser, *re.split(r"\n\s*\n", release.text)]
    if release.categories:
        found.append(f"{categories}: " + ", ".join(release.categories))
    return [" ".join(part.split()) for part in found if part.strip()]


def _append(row: list[Segment], kind: str, text: str) -> None:
    if row and row[-1][0] == kind:
        row[-1] = (kind, f"{row[-1][1]} {text}")
    else:
        row.append((kind, text))
