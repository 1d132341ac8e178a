"""A page that is not closed: a comment, script or other raw-text element opened and never
closed, or a page cut off before its end.

Browsers (and every HTML parser) read everything after `<!--`, `<script>`, `<textarea>` and
their kind as that element's content until its end tag: a forgotten `-->` in the middle of an
article hides the rest of the release, a forgotten `</textarea>` shows it as markup. The page
is read again with the element closed where the markup resumes (the first line after it that
starts with a tag), and the editor is told which line opened it.
"""

from __future__ import annotations

import re

# Elements whose content is text up to their own end tag, not markup.
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_OPENER = re.compile(
    rb"<!--|<(" + b"|".join(name.encode() for name in RAW_TEXT) + rb")(?=[\s/>])[^>]*>",
    re.IGNORECASE,
)
# `<!-->` and `<!--->` are comments that end where they begin
_EMPTY_COMMENT = re.compile(rb"<!---?>")
_MARKUP = re.compile(rb"<[^<>]*>")
# A line that starts with a tag: where the page's markup goes on after the opener.
_TAG_LINE = re.compile(rb"^[ \t]*</?[A-Za-z][A-Za-z0-9-]*[\s/>]", re.MULTILINE)


def close_unclosed(data: bytes) -> tuple[bytes, str | None]:
    """`data` with a never-closed comment or raw-text element closed where the markup goes on,
    and a warning naming its line; `data` and None when everything opened is closed."""
    position = 0
    while opener := _OPENER.search(data, position):
        if _EMPTY_COMMENT.match(data, opener.start()) or opener.group().endswith(b"/>"):
            position = opener.end()  # ends where it begins (an SVG's `<title/>`)
            continue
        name = (opener.group(1) or b"").lower()
        closer = re.compile(rb"-->" if not name else rb"</" + name + rb"\s*>", re.IGNORECASE)
        closed = closer.search(data, opener.end())
        if closed:
            position = closed.end()
            continue
        return _closed_at_next_tag(data, opener, name.decode())
    return data, None


def _closed_at_next_tag(data: bytes, opener: re.Match, name: str) -> tuple[bytes, str | None]:
    rest = data[opener.end() :]
    if not _MARKUP.sub(b"", rest).strip():
        return data, None  # only end tags after it: no text to lose
    line = data.count(b"\n", 0, opener.start()) + 1
    what = "a comment (<!--)" if not name else f"a <{name}>"
    markup = _TAG_LINE.search(rest, rest.find(b"\n") + 1 if b"\n" in rest else len(rest))
    if markup is None:
        return data, (
            f"line {line}: {what} opens here and is never closed: the text after it was "
            "dropped; ask the sender for the page with it closed"
        )
    end = b"-->" if not name else b"</" + name.encode() + b">"
    cut = opener.end() + markup.start()
    resumed = data.count(b"\n", 0, cut) + 1
    return data[:cut] + end + data[cut:], (
        f"line {line}: {what} opens here and is never closed, so the rest of the page would be "
        f"read as its content: it was read as closed before line {resumed}; compare the body "
        "with the original before approving"
    )


# The end of a whole page: </body> or </html> in its last bytes (comments and space may follow).
_PAGE_END = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)
_TAIL_BYTES = 4096


def cut_off(data: bytes, text: str = "") -> tuple[str, ...]:
    """A page that stops before its end (an upload or a download cut short) reads as a shorter
    release; the editor is told to compare it with the original, and where the text stops
    when that is in the middle of a sentence."""
    if _PAGE_END.search(data[-_TAIL_BYTES:]) or b"<body" not in data[:200_000].lower():
        return ()
    last = text.rstrip()
    stops = (
        f"; its text stops mid-sentence at '…{last[-40:].lstrip()}'"
        if last and last[-1] not in '.!?…"“”»«)'
        else ""
    )
    return (
        f"the page ends without </body> or </html>: it may have been cut off in transfer{stops}; "
        "compare the body with the original before approving",
    )
