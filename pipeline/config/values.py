"""Checks of single config values that their types cannot express: a folder that is Melder's
own, a template a publish would choke on, a URL a reader cannot follow, a charset no reader
knows. Each answers with the message `melder check` prints after `file: key: `, or None."""

from __future__ import annotations

import string
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.config.charsets import canonical_encoding

# the folders Melder writes and reads its own files in: never a source's inbox
OWN_FOLDERS = {"sources": "its config", "outputs": "its published pages", "var": "its store"}
PLACEHOLDERS = ("source", "source_title", "contact_email")


def own_folder_problem(folder: Path, root: Path) -> str | None:
    """A `files` source reading the root itself, or a folder that holds or lies inside
    outputs/ or var/, would take Melder's store and published pages for releases and publish
    them again. A folder inside sources/ is a usual inbox (sources/inbox/<name>); sources/
    itself holds every source's config."""
    folder, root = folder.resolve(), root.resolve()
    for name, what in OWN_FOLDERS.items():
        own = root / name
        if own.is_relative_to(folder):
            where = "is" if folder == own else "holds"
        elif folder.is_relative_to(own) and name != "sources":
            where = "is in"
        else:
            continue
        return (
            f"folder {where} Melder's own {name}/ ({what}, no releases); name a folder of "
            "its own, such as inbox/<source>"
        )
    return None


def template_problems(text: str) -> list[str]:
    """A disclaimer or short mark is filled in with str.format: a lone brace ('… :-}') fails
    every publish, an unknown {name} would print nothing."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(text) if field is not None]
    except ValueError as exc:
        brace = "}" if "'}'" in str(exc) else "{"
        return [f"unmatched {brace!r} (write {brace * 2!r} for a literal brace)"]
    return [
        f"unknown placeholder {{{field}}}; use {{source}}, {{source_title}} or {{contact_email}}"
        for field in fields
        if field not in PLACEHOLDERS
    ]


def base_url_problem(value: str) -> str | None:
    """A channel's `link` is the base every item URL is built on ('<link>/releases/x.html'):
    a query or fragment would end up in the middle of each URL."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (
            f"must be an absolute http(s) URL such as https://portal.example/melder, got {value!r}"
        )
    try:
        parts.port  # noqa: B018 - a port that is no number, or out of range, fails here
        port_ok = bool(parts.hostname)
    except ValueError:
        port_ok = False
    if (
        not port_ok
        or parts.query
        or parts.fragment
        or "?" in value
        or "#" in value
        or any(character.isspace() for character in value)
        or parts.username is not None
        or parts.password is not None
    ):
        return (
            "must be a base URL without query, fragment, spaces or credentials, such as "
            f"https://portal.example/melder, got {value!r}"
        )
    return None


def absolute_url_problem(value: str) -> str | None:
    """An address Melder sends requests to (a WebSub hub): absolute http(s), nothing else."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is no number fails here
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(character.isspace() for character in value)
    ):
        return f"must be an absolute http(s) URL, got {value!r}"
    return None


def encoding_problem(label: str) -> str | None:
    if canonical_encoding(label) is None:
        return (
            f"unknown encoding {label!r}; use a charset name such as 'utf-8', 'windows-1252' "
            "or 'iso-8859-15', or leave the key out to detect it"
        )
    return None
