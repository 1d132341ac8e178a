"""Atomic, deterministic file writes: a reader never sees half a file."""

from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temp file and rename; returns False when nothing changed."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_stale_temp_files(folder: Path) -> int:
    """Temp files left by a writer that was killed mid-write; call only under `exclusive`."""
    removed = 0
    for stale in folder.rglob(f".*{TEMP_SUFFIX}") if folder.is_dir() else ():
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
