"""Reader for Markdown releases (.md): YAML front matter plus a CommonMark body.

Front matter keys (all optional): title, date/published, teaser/summary/description,
language/lang, embargo/sperrfrist/embargo_until, contact, categories/tags, url/canonical, id.
Without a `title` the first `# ` heading is the title and leaves the body. Images
(`![alt](photo.jpg "caption")`) leave the body for the release's media, in order; front matter
may add `images:` (a list of {url, caption, credit, alt, license}, or plain URLs). Raw HTML in
the Markdown passes through here; `normalize` sanitizes it like every other body.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from typing import Any

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from pipeline.extract import parse_html
from pipeline.extract.decode import decode_text
from pipeline.extract.documents import document_beside
from pipeline.extract.plain import MAX_MARKS, plain_paragraphs, too_marked
from pipeline.extract.srcset import not_web
from pipeline.extract.videos import article_videos
from pipeline.ingest.readers.context import InputContext, content_hash, without_lone_surrogates
from pipeline.ingest.readers.front_matter import front_matter_fields
from pipeline.models import Link, MediaInput, Problem, RawRelease

# No linkify: bare URLs stay text, as the author wrote them. A line break stays a line break
# (an address block keeps its lines; `normalize` joins the lines of wrapped prose again), and
# GitHub-style tables are read (each row becomes a line of cells).
# No indented code blocks: a paragraph pasted from a word processor starts with a tab, and a
# release that shows code fences it ('```'), which stays a code block. Footnotes ('[^1]') become
# marks and a numbered list of notes under the text, as a page's footnotes do.
_MARKDOWN = (
    MarkdownIt("commonmark", {"breaks": True}).enable("table").disable("code").use(footnote_plugin)
)
# a note's mark is its raised number ('¹', as a page's marks are read), without a link, and a
# note needs no link back to it
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MARKDOWN.add_render_rule(
    "footnote_ref",
    lambda self, tokens, index, options, env: str(tokens[index].meta["id"] + 1).translate(_RAISED),
)
_MARKDOWN.add_render_rule("footnote_anchor", lambda self, tokens, index, options, env: "")
# A link to a refused scheme ('[hier](javascript:…)') stays a link here, so that its text reads
# as text: the sanitizer drops the address, and the reader never sees Markdown's brackets.
_MARKDOWN.validateLink = lambda url: True
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE
)
_TOML_FRONT_MATTER = re.compile(
    r"\A\+\+\+[ \t]*\r?\n(.*?)(?:\r?\n)?^\+\+\+[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE
)
_OPENED = re.compile(r"\A---[ \t]*\r?\n[\w-]+[ \t]*:")  # '---' then a field: front matter
MAX_FRONT_MATTER = 64 * 1024
_HEADING_TAGS = {"h1": "h2", "h5": "h4", "h6": "h4"}  # bodies hold h2-h4 only

IMAGE_KEYS = ("url", "caption", "credit", "alt", "license")
# A callout as Notion exports it ('<aside>' and '</aside>' on lines of their own): the lines
# between are Markdown of the release ('**Sperrfrist:** …'), which CommonMark would leave raw
# inside the HTML block unless a blank line ends the tag's block.
_CALLOUT_OPEN = re.compile(r"^([ \t]*<(?:aside|details)\b[^>\n]*>[ \t]*)$", re.I | re.M)
_CALLOUT_CLOSE = re.compile(r"^([ \t]*</(?:aside|details)>[ \t]*)$", re.I | re.M)
# A quote's callout type as GitHub, Obsidian and Notion write it ('> [!NOTE]', '> [!tip]- Titel'):
# a marker for their renderers, never words for a reader; a title after it stays.
_QUOTE_CALLOUT = re.compile(r"^([ \t]*>[ \t]*)\[![A-Za-z]+\][+-]?[ \t]*(.*)\n?", re.M)


def _without_callout_marker(match: re.Match) -> str:
    return f"{match.group(1)}{match.group(2)}\n" if match.group(2).strip() else ""


def read(data: bytes, context: InputContext) -> RawRelease:

    decoded = decode_text(data, override=context.config.encoding)
    problems: list[Problem] = []
    if decoded.lossy:
        problems.append(Problem(field="encoding", message="bytes that are not UTF-8 were replaced"))
    meta, body, meta_problems = split_front_matter(decoded.text)
    problems.extend(meta_problems)
    fields, field_problems = front_matter_fields(meta)
    problems.extend(field_problems)
    warnings: list[str] = []
    if too_marked(body):
        # a parser keeps an object per mark: ten million of them would fill the memory
        body_html, heading, images = plain_paragraphs(body), None, []
        warnings.append(f"over {MAX_MARKS:,} Markdown marks: the text was read as plain text")
    else:
        body_html, heading, images = render_markdown(body, take_title=not fields.get("title"))
    images += _front_matter_images(fields.get("images"), warnings)
    published, published_text = _date_value(fields.get("published"))
    url = _text(fields.get("url"))
    videos = embedded_videos(body_html, url or context.base_url)
    warnings += [
        f"the release embeds a video ({video}): Melder carries it as a link, not as a player"
        for video in videos
    ]
    return RawRelease(
        source=context.source,
        identity=_text(fields.get("id")) or url or context.locator,
        format="markdown",
        provenance=context.provenance(),
        content_hash=content_hash(data),
        title=_text(fields.get("title")) or heading,
        teaser=_text(fields.get("teaser")),
        body_html=body_html,
        published=published,
        published_text=published_text,
        embargo_until=_embargo(fields.get("embargo"), problems),
        language=_text(fields.get("language")),
        base_url=url or context.base_url,
        contact=_text(fields.get("contact")),
        categories=_categories(fields.get("categories")),
        media=tuple(images),
        links=tuple(Link(url=video, text="Video") for video in videos),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def embedded_videos(body_html: str, base: str | None) -> tuple[str, ...]:
    """The videos raw HTML in the Markdown embeds (a YouTube iframe): the sanitizer drops
    players, so they go on as links, as a page's do."""
    if not re.search(r"<(?:iframe|video)\b", body_html, re.I):
        return ()
    tree = parse_html(body_html)
    return article_videos(tree, base) if tree is not None else ()


def split_front_matter(text: str) -> tuple[dict[str, Any], str, list[Problem]]:
    """(front matter, Markdown body, problems); a file without front matter is all body.
    YAML between '---' lines, or TOML between '+++' lines (Hugo's)."""
    # Windows' and old Macs' line ends are line ends: '---\r\n' closes front matter too
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if toml := _TOML_FRONT_MATTER.match(text):
        return _toml_front_matter(toml.group(1), text[toml.end() :])
    match = _FRONT_MATTER.match(text)
    if not match:
        if _OPENED.match(text):
            problem = Problem(
                field="front_matter",
                message="the front matter opened with '---' on line 1 is never closed; add a "
                "line '---' after its last field",
            )
            fields_end = re.search(r"\n[ \t]*\n", text)  # its fields end at the first blank line
            return {}, text[fields_end.end() :] if fields_end else text, [problem]
        return {}, text, []
    body = text[match.end() :]
    front = match.group(1)
    refused = _unsafe_front_matter(front)
    if refused:
        return {}, body, [Problem(field="front_matter", message=refused)]
    try:
        meta = yaml.load(front, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        return {}, body, [Problem(field="front_matter", message=_yaml_message(exc))]
    if meta is None:
        return {}, body, []
    if not isinstance(meta, dict):
        problem = Problem(field="front_matter", message="must be key: value lines, not a list")
        return {}, body, [problem]
    meta, broken = without_lone_surrogates(meta)
    problems = [
        Problem(
            field=f"front_matter.{path}", message="holds a lone UTF-16 surrogate, replaced by �"
        )
        for path in broken
    ]
    return {str(key).lower(): value for key, value in meta.items()}, body, problems


def _toml_front_matter(front: str, body: str) -> tuple[dict[str, Any], str, list[Problem]]:
    if len(front) > MAX_FRONT_MATTER:
        message = f"front matter is {len(front):,} characters; the limit is {MAX_FRONT_MATTER:,}"
        return {}, body, [Problem(field="front_matter", message=message)]
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:  # its message names line and column
        return {}, body, [Problem(field="front_matter", message=f"not valid TOML: {exc}")]
    return {str(key).lower(): value for key, value in meta.items()}, body, []


def _unsafe_front_matter(front: str) -> str | None:
    """Why front matter is not even loaded: too big, or aliases (`*a`), which let a few hundred
    bytes expand to gigabytes. Release metadata never needs them."""
    if len(front) > MAX_FRONT_MATTER:
        return f"front matter is {len(front):,} characters; the limit is {MAX_FRONT_MATTER:,}"
    try:
        for event in yaml.parse(front, Loader=_YAML_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 2 if event.start_mark else "?"
                return (
                    f"line {line}: YAML aliases (*name) are not allowed in front matter; "
                    "write the value out"
                )
    except yaml.YAMLError:
        return None  # the load below names the syntax error with its line
    return None


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return f"not valid YAML: {problem}"
    # +1 for counting from one, +1 for the opening '---' line
    message = f"line {mark.line + 2}: not valid YAML: {problem}"
    if "mapping values are not allowed" in problem:
        message += " (a value with ': ' in it needs quotes: title: \"Pressemitteilung: …\")"
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and start is not None and start.line != mark.line:
        message += f" ({context} that begins on line {start.line + 2})"
    return message


def render_markdown(body: str, *, take_title: bool) -> tuple[str, str | None, list[MediaInput]]:
    """HTML of the body, the first `# ` heading taken out as the title when asked, and the
    images, taken out of the body in the order they appear."""
    env: dict = {}  # the footnotes the parse finds, which the renderer lists
    body = _CALLOUT_OPEN.sub(r"\1\n", _CALLOUT_CLOSE.sub(r"\n\1", body))
    body = _QUOTE_CALLOUT.sub(_without_callout_marker, body)
    tokens = _MARKDOWN.parse(body, env)
    title = None
    if take_title:
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h1":
                title = _plain_inline(tokens[index + 1]) or None
                del tokens[index : index + 3]
                break
    images = []
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _HEADING_TAGS.get(token.tag, token.tag)
        if token.type == "inline" and token.children:
            images += [
                _image(child)
                for child in token.children
                if child.type == "image" and not not_web(str(child.attrGet("src") or ""))
            ]
            token.children = [child for child in token.children if child.type != "image"]
            images += _offered_documents(token.children)
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env).strip()
    return html, title, images


def _offered_documents(children) -> list[MediaInput]:
    """Documents the text links beside the file ('[Flyer (PDF)](flyer.pdf)'): read from its
    folder and published with the release, as a page's downloads are."""
    found = []
    for index, child in enumerate(children):
        href = str(child.attrGet("href") or "").strip() if child.type == "link_open" else ""
        if not href or not document_beside(href):
            continue
        label = []
        for inner in children[index + 1 :]:
            if inner.type == "link_close":
                break
            label.append(inner.content)
        found.append(
            MediaInput(
                url=href, filename=href.rsplit("/", 1)[-1], caption=" ".join("".join(label).split())
            )
        )
    return found


def _plain_inline(token) -> str:
    """An inline token's text as a reader sees it: entities decoded ('&amp;' is '&'), emphasis
    and link marks gone."""
    parts = [
        " " if child.type in ("softbreak", "hardbreak") else child.content
        for child in token.children or []
        if child.type in ("text", "code_inline", "softbreak", "hardbreak")
    ]
    return " ".join("".join(parts).split())


def _image(token) -> MediaInput:
    alt = "".join(child.content for child in token.children or []) or token.content
    return MediaInput(
        url=str(token.attrGet("src") or ""),
        alt=alt.strip(),
        caption=str(token.attrGet("title") or "").strip(),
    )


# The spellings of an image's address in the front matter of common site generators.
IMAGE_ADDRESS_KEYS = ("url", "src", "image", "file", "path", "href")


def _front_matter_images(value: Any, warnings: list[str]) -> list[MediaInput]:
    """The front matter's images; one that gives no address is left out with a warning, since
    a photo never fails a release."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    images = []
    for index, item in enumerate(items[:20]):
        if isinstance(item, str) and item.strip():
            images.append(MediaInput(url=item.strip()))
        elif isinstance(item, dict) and (
            address := next(filter(None, map(_text, map(item.get, IMAGE_ADDRESS_KEYS))), None)
        ):
            details = {key: _text(item.get(key)) or "" for key in IMAGE_KEYS if key != "url"}
            images.append(MediaInput(url=address, **details))
        else:
            warnings.append(
                f"front matter images[{index}] was left out: give an image as a URL, or as "
                "{url, caption, credit, alt}"
            )
    return images


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date_value(value: Any) -> tuple[datetime | None, str | None]:
    """YAML already parses ISO timestamps; other strings go on to `normalize` as text."""
    if isinstance(value, datetime):
        return value, None
    if isinstance(value, date):
        return None, value.isoformat()
    text = _text(value)
    if text is None:
        return None, None
    try:
        return datetime.fromisoformat(text), None
    except ValueError:
        return None, text


def _embargo(value: Any, problems: list[Problem]) -> datetime | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)  # a day alone: from its start
    published, text = _date_value(value)
    if text is not None:
        # an embargo that cannot be read must stop publication, never be ignored
        problems.append(
            Problem(
                field="embargo",
                message=f"{text!r} is not a date and time like 2024-05-03T10:00:00+02:00",
            )
        )
    return published


def _categories(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    return tuple(text for item in items if (text := _text(item)))
