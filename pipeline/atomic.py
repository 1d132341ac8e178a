"""Atomic, deterministic file writes: a reader never sees half a file."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".tmp"


STAGING = ".staging"


def write_atomic(path: Path, data: bytes, *, staging: Path | None = None) -> bool:
    """Write `data` to `path` via a temp file and rename; returns False when nothing changed.

    The temp file is made in `staging` (a folder on the same file system) when given, else
    beside `path`: a writer of many folders names one staging folder, so what a killed writer
    left is found there without walking every folder it writes.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if staging is not None:
            staging.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=staging or path.parent
        )
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        # a failed write() names no file: say which one, so the message can
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def free_space(path: Path | str) -> str:
    """'1.2 MB free on /srv' for the file system holding `path` (or its nearest parent)."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return "free space unknown"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if free < 1000 or unit == "TB":
            shown = f"{free:.0f}" if unit == "B" else f"{free:.1f}"
            return f"{shown} {unit} free there"
        free /= 1000
    return ""


DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def disk_problem(exc: OSError, path: Path | str | None = None) -> str:
    """One line for a failed file operation: the path, why, the free space and what to do."""
    where = path or exc.filename or "a file"
    reason = exc.strerror or str(exc)
    if exc.errno in DISK_FULL:
        return (
            f"{where}: {reason} ({free_space(where)}); free space there and run the command "
            "again: nothing already stored is lost"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{where}: {reason}; check that this user may write there"
    return f"{where}: {reason}"


def remove_stale_temp_files(folder: Path) -> int:
    """Temp files a writer killed mid-write left in `folder` or its staging folder; call only
    under `exclusive`. Two small folders are listed, never the tree below: the cost does not
    grow with the files a channel has published."""
    removed = 0
    for place in (folder, folder / STAGING):
        for stale in place.glob(f".*{TEMP_SUFFIX}") if place.is_dir() else ():
            stale.unlink(missing_ok=True)
            removed += 1
    return removed


@contextmanager
def exclusive(lock_path: Path):
    """Hold an OS-level lock for the block; released even when the process is killed."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
