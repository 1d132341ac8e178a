"""The error vocabulary shared by every stage."""

from __future__ import annotations


class MelderError(Exception):
    """Base of every error Melder raises on purpose."""


class ConfigError(MelderError):
    """The configuration cannot be used; `problems` lists every mistake as `file: key: message`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class SourceError(MelderError):
    """This source failed this run (unreachable, unreadable); it is counted and retried."""


class Rejected(MelderError):
    """One input is refused (too big, empty, not a release); kept as invalid with the reason."""

    def __init__(self, reason: str, field: str = "input"):
        super().__init__(reason)
        self.reason = reason
        self.field = field


class InvalidTransition(MelderError):
    """A lifecycle move that the release's state does not allow."""


class Conflict(InvalidTransition):
    """Someone changed the release since the actor looked at it; the decision was not written.

    `action`, `actor` and `at` name the change that came first, so a desk can say it in the
    editor's language."""

    def __init__(self, message: str, *, action=None, actor=None, at=None):
        super().__init__(message)
        self.action, self.actor, self.at = action, actor, at


class MergedAway(InvalidTransition):
    """The release a duplicate was to be merged into was itself merged into `into` (possibly by
    someone else meanwhile): its text would end in a closed release, so nothing is written."""

    def __init__(self, message: str, *, gone: str, into: str):
        super().__init__(message)
        self.gone, self.into = gone, into


class NotFound(MelderError):
    """No release with that id."""
