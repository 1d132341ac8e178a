"""Kind `files`: a folder of release files (.html .htm .txt .md .json .eml).

Images in the folder are the releases' photos (`<img src="foto.jpg">`, `![](foto.jpg)`), read
by the media stage when a release names them, never releases of their own.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from pipeline.config import Config, SourceConfig
from pipeline.config.values import own_folder_problem
from pipeline.errors import SourceError
from pipeline.ingest.base import IngestResult, keep_original
from pipeline.ingest.readers import READERS, InputContext, content_hash, read_input

Seen = Callable[[str, str], bool]  # (locator, content hash) -> already stored
IMAGE_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".avif", ".heic", ".svg"}
)


def ingest(
    name: str, source: SourceConfig, config: Config, *, now: datetime, seen: Seen
) -> IngestResult:
    folder = config.source_path(source)
    if not folder.is_dir():
        raise SourceError(f"folder {source.path!r} does not exist under {config.root}")
    if problem := own_folder_problem(folder, config.root):
        raise SourceError(f"path {source.path!r}: {problem}")
    result = IngestResult()
    refused: list[tuple[str, str]] = []
    paths = input_files(folder, refused)
    result.failures.extend(f"{readable_name(inside)}: {why}" for inside, why in sorted(refused))
    result.expected = len(paths)
    result.raws = _read(paths, name, source, config, now, seen, result)
    return result


def _read(paths, name, source, config, now, seen, result: IngestResult):
    """Each input read only when the runner asks for it: one at a time, in folder order."""
    folder = config.source_path(source)
    # resolved once, not per file: the files below the folder share its place
    place = _locator(folder, config.root)
    place = "" if place == "." else place
    below = f"{folder}{os.sep}"
    root = os.path.realpath(folder) + os.sep
    linked: dict[str, set[str]] = {}  # folder → the files its pages name, read once a run
    for inside in paths:
        listed = f"{place}/{inside}" if place else inside
        locator = readable_name(listed)
        if _offered_by_a_page(inside, below, root, linked):
            result.skipped += 1  # published with the page that links it, no input of its own
            continue
        try:
            data, size = read_inside(below + inside, root, source.max_bytes)
        except OSError as exc:
            result.failures.append(f"{locator}: cannot read: {exc.strerror or exc}")
            continue
        if seen(locator, content_hash(data)):
            result.skipped += 1
            continue
        suffix = PurePosixPath(inside).suffix
        context = InputContext(
            source=name, config=source, locator=locator, received_at=now, route="files",
            size=size, folder=Path(below + inside).parent,
        )  # fmt: skip
        if locator != listed:
            # the desk finds the original under the name the store holds, not the file's own
            context = replace(context, kept=keep_original(config.root, name, data, suffix))
        raw = read_input(data, suffix, context)
        if locator != listed:
            raw = raw.model_copy(update={"warnings": (*raw.warnings, not_utf8_note(locator))})
        yield raw, locator


def readable_name(name: str) -> str:
    """A file name as text every stage can hold. A name that is not UTF-8 (what a Windows
    share or a ZIP archive leaves: 'B\xfcro' for 'Büro') comes from the folder with its bytes
    escaped as lone surrogates, which no UTF-8 text, hash or database can take; those bytes are
    read as Windows-1252 (Latin-1 where that has no character), so the name stays readable
    and distinct, and the same name saved again in UTF-8 is the same input."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        data = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system byte made
        return name.encode("utf-8", "replace").decode("utf-8")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def not_utf8_note(shown: str) -> str:
    return (
        f"the file name is not UTF-8 (saved on Windows or unpacked from a ZIP?): it is shown "
        f"as {shown}; renamed in UTF-8, it stays the same release"
    )


# the readers that publish the documents a page links, and how each names a file
PAGE_LINKS = {
    ".html": re.compile(rb"""(?:href|src)\s*=\s*["']([^"'#?]+)""", re.I),
    ".md": re.compile(rb"\]\(\s*<?([^()<>\s#?]+)"),
}
PAGE_LINKS |= {".htm": PAGE_LINKS[".html"], ".markdown": PAGE_LINKS[".md"]}
MAX_PAGE_SCAN = 2_000_000  # bytes of a page read to find the files it names


def _offered_by_a_page(inside: str, below: str, root: str, linked: dict[str, set[str]]) -> bool:
    """A document no reader takes ('flyer.pdf') that a page beside it links by a relative
    address: the page publishes it, so it is no invalid input of its own."""
    if inside.lower().endswith(tuple(READERS)):
        return False
    parts = inside.split("/")
    for depth in range(len(parts) - 1, -1, -1):  # a page in its folder or in one above it
        folder, rest = "/".join(parts[:depth]), "/".join(parts[depth:])
        if folder not in linked:
            linked[folder] = _files_named_by_pages(folder, below, root)
        if rest in linked[folder]:
            return True
    return False


def _files_named_by_pages(folder: str, below: str, root: str) -> set[str]:
    named: set[str] = set()
    where = below + folder if folder else below.rstrip(os.sep)
    try:
        entries = [entry for entry in os.scandir(where) if entry.is_file()]
    except OSError:
        return named
    for entry in entries:
        named_file = PAGE_LINKS.get(os.path.splitext(entry.name)[1].lower())
        if named_file is None:
            continue
        try:
            data, _ = read_inside(entry.path, root, MAX_PAGE_SCAN)
        except OSError:
            continue
        for match in named_file.finditer(data):
            address = unquote(match.group(1).decode("utf-8", "replace"))
            if "://" not in address and not address.startswith(("/", "..")):
                named.add(address.removeprefix("./"))
    return named


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_inside(path: str, root: str, limit: int) -> tuple[bytes, int]:
    """(the bytes, the file's size) of a regular file that, opened, still lies below `root`
    (the folder's real path and a separator); at most `limit` + 1 bytes of a larger one. The
    listing checked the name, but a name can become a link to '/etc/…', a pipe or a device
    between listing and reading: what was opened is checked, not the name."""
    fd = os.open(path, _OPEN_FLAGS)  # never blocks on a pipe
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, a device or a folder)")
        if not _opened_path(fd, path).startswith(root):
            raise OSError(errno.EACCES, "it leads outside the source's folder")
        return handle.read(limit + 1), info.st_size


def _opened_path(fd: int, path: str) -> str:
    """The real path of an open file: Linux names it; elsewhere the name is resolved."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return os.path.realpath(path)


# an editor's backup or swap file, a download or a copy still under way: no input yet
UNFINISHED_SUFFIXES = ("~", ".tmp", ".swp", ".part", ".crdownload", ".download", ".partial")


def input_files(folder: Path, refused: list[tuple[str, str]] | None = None) -> list[str]:
    """Every file below `folder` (its path from there, '/'-separated), folder by folder and
    each folder's files in the order they were saved, without hidden and editor temp files.
    Strings, not paths: a folder of 100,000 inputs is held in a tenth of the memory. Read
    with `os.scandir`, whose entries know their type without a `stat` each (listing 100,000
    files: 0.05 s instead of 1.3 s with `rglob`); only the files found are asked their time.
    What looks like an input but cannot be one goes into `refused` with the reason: a link to
    a file outside the folder (whoever may drop files here must not publish the server's:
    'inbox/x.txt' → '/etc/…'), a link to nothing, a pipe or a device."""
    found: list[str] = []
    _collect(str(folder), "", found, os.path.realpath(folder), refused)
    below = f"{folder}{os.sep}"

    def folders_then_saved(inside: str) -> list[tuple]:
        # In a folder, its folders first, then its files as they were saved: of two files of
        # one release ('pm-118.json', 'pm-118-korrigiert.json') the one saved later becomes
        # the newest revision whatever the names; equal times (an unpacked archive) keep the
        # names' order.
        *folders, name = inside.split("/")
        try:
            saved = os.stat(below + inside).st_mtime_ns
        except OSError:
            saved = 0
        return [(0, folder, "") for folder in folders] + [(1, saved, name)]

    return sorted(found, key=folders_then_saved)


LINK_OUTSIDE = "a link to a file outside the source's folder is not read; copy the file in"
LINK_TO_NOTHING = "a link to a file that does not exist; put the file back or remove the link"
NOT_A_FILE = "not a regular file (a pipe, a device or a socket); Melder reads files only"


def _collect(
    directory: str,
    prefix: str,
    found: list[str],
    root: str,
    refused: list[tuple[str, str]] | None,
) -> None:
    """As `rglob`: into real folders only (not a link to one), files also through a link that
    stays inside the folder."""
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith((".", "~$")):  # hidden, and Office's '~$PM.docx' lock
                continue
            if entry.is_dir() and not entry.is_symlink():
                _collect(entry.path, f"{prefix}{entry.name}/", found, root, refused)
                continue
            if entry.name.lower().endswith(UNFINISHED_SUFFIXES) or (
                os.path.splitext(entry.name)[1].lower() in IMAGE_SUFFIXES
            ):
                continue
            why = None if entry.is_file() and not entry.is_symlink() else _not_an_input(entry, root)
            if why is None:
                found.append(prefix + entry.name)
            elif why and refused is not None:
                refused.append((prefix + entry.name, why))


def _not_an_input(entry: os.DirEntry, root: str) -> str | None:
    """Why a link or a special file of the folder is no input; '' for a link to a folder
    (never walked into: a link back up the tree would make the listing endless); None when it
    is a file to read after all (a link to one inside the folder)."""
    if entry.is_symlink():
        if entry.is_dir():
            return ""
        if not os.path.exists(entry.path):
            return LINK_TO_NOTHING  # wherever it points: no file to copy in either
        if not os.path.realpath(entry.path).startswith(root + os.sep):
            return LINK_OUTSIDE
    return None if entry.is_file() else NOT_A_FILE


def _locator(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.resolve().as_posix()
