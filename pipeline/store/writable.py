"""Whether the user Melder runs as can write its SQLite store: the file, the `-wal` and `-shm`
files SQLite keeps beside it, and the folder they are made in. A store made by root and then
run by a service user opens and reads fine and fails only at the first write, so `check`,
`status --check` and every writing command ask before that."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# what SQLite says when it may not write; the advice is the same as for a store found unwritable
READ_ONLY_WORDS = ("readonly database", "read-only database", "read-only file system")


def sqlite_file(url: str | None) -> Path | None:
    """The store file a `sqlite:///PATH` URL names (None for other databases and memory)."""
    if not url or not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def store_write_problem(url: str | None) -> str | None:
    """Why the running user cannot write the SQLite store `url` names, in one line naming the
    path and what to do; None when it can (or when it is no SQLite file)."""
    database = sqlite_file(url)
    if database is None:
        return None
    for part in (database.parent, *database.parent.parents):
        if part.is_dir():
            folder = part
            break
        if part.exists() or part.is_symlink():
            return (
                f"{part} is a file, not a folder: Melder keeps its store in {database}; "
                f"move that file away, or name another store with MELDER_DATABASE_URL"
            )
    else:
        return None
    if database.is_dir():
        return f"{database} is a folder, not the store file; move it away"
    if not os.access(folder, os.W_OK | os.X_OK):
        made_there = (
            "the store's -wal and -shm files are made there"
            if folder == database.parent
            else f"{database.parent} would be made there"
        )
        return (
            f"{folder}: user {_running_user()} cannot create files there ({made_there}); "
            f"{_advice(folder, recursive=True)}"
        )
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and not os.access(path, os.W_OK):
            return f"{path}: user {_running_user()} cannot write it; {_advice(path)}"
    return None


def read_only_advice(url: str | None, reason: str) -> str | None:
    """What to do when SQLite refused a write (`attempt to write a readonly database`)."""
    if sqlite_file(url) is None or not any(words in reason.lower() for words in READ_ONLY_WORDS):
        return None
    return store_write_problem(url) or (
        f"make {sqlite_file(url)} and its folder writable for user {_running_user()}"
    )


def _advice(path: Path, *, recursive: bool = False) -> str:
    user = _running_user()
    info = path.stat()
    owner = _user_name(info.st_uid)
    mode = stat.filemode(info.st_mode)
    if owner != user:
        flag = " -R" if recursive else ""
        return (
            f"it belongs to {owner} ({mode}): give it to the user Melder runs as "
            f"(`chown{flag} {user} {path}`) or let that user write it"
        )
    if not info.st_mode & stat.S_IWUSR:
        return f"its mode is {mode}: `chmod u+w {path}`"
    return (
        f"its owner and mode ({owner}, {mode}) allow writing, so it is marked immutable "
        f"(`lsattr {path}`, `chattr -i`) or on a read-only mount"
    )


def _running_user() -> str:
    return _user_name(os.geteuid())


def _user_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)  # a uid with no passwd entry (containers)
