"""A table of whole-line patterns that answers as one alternation of them all would, only sooner.

Most lines of a release are paragraphs that no furniture pattern matches, and each was tried
against every pattern. Three facts read from a compiled pattern let a line skip most of them:

- the widest match: a pattern that matches at most 120 characters is not tried on a paragraph;
- the characters a match can start with: a line that starts with 'D' is tried only against
  the patterns that can start with 'd' or 'D' (and those that may start with anything);
- for a pattern that may start anywhere ('.{0,160}\\b(?:a|b) …'), the words it needs: it is
  tried only on a line that holds one of them.
"""

from __future__ import annotations

import re
from re import _constants as sre  # the parser's own names; a future Python falls back below
from re import _parser as sre_parser

# Widths that sort a table's patterns into classes: most lines of a release are paragraphs
# longer than any page tool or footer line, and are tried only against the wider classes.
WIDTH_CLASSES = (120, 320)
UNBOUNDED = 10**9

# A pattern that may start anywhere in its line ('.{0,160}\\bmit der bitte um …') is tried at
# every position up to its bound: these few cost more than all others together on a release's
# long paragraphs. Each is tried only when its line holds one of the words it starts with.
_FLOATING_RE = re.compile(r"\.\{0,\d+\}\\b(.+)", re.S)
_LITERAL_RE = re.compile(r"[\w' ]+")


class LineTable:
    """`fullmatch(line)` is true when any of `patterns` matches the whole line, ignoring case.
    With `needled`, patterns that may start anywhere are tried only when the line holds one of
    their words."""

    def __init__(self, patterns: list[str], *, needled: bool):
        plain = [p for p in patterns if not (needled and needles(p))]
        bounds = (0, *WIDTH_CLASSES, UNBOUNDED + 1)
        classes = [
            (high, [(p, first_chars(p)) for p in plain if low < max(widest(p), 1) <= high])
            for low, high in zip(bounds, bounds[1:], strict=False)
        ]
        self.classes = [(high, members) for high, members in classes if members]
        self.needled = [
            (widest(p), words, re.compile(p, re.I))
            for p in patterns
            if needled and (words := needles(p))
        ]
        # a word a pattern needs starts within its reach: only that much of a line is lowered
        self.reach = max((reach(p, words) for p in patterns if needled and (words := needles(p))),
                         default=0)  # fmt: skip
        self._alternations: dict[tuple[int, str | None], re.Pattern | None] = {}
        self._compiled: dict[tuple[str, ...], re.Pattern] = {}

    def fullmatch(self, text: str) -> bool:
        length = len(text)
        first = text[:1].lower() if text[:1].isascii() else None
        for index, (high, _) in enumerate(self.classes):
            if high < length:
                continue
            key = (index, first)
            either = self._alternations.get(key, False)
            if either is False:
                either = self._alternations[key] = self._alternation(index, first)
            if either is not None and either.fullmatch(text):
                return True
        low = None
        for widest_match, words, pattern in self.needled:
            if widest_match < length:
                continue
            if low is None:
                low = text[: self.reach].lower()
            for word in words:  # a loop, not any(): this runs for every line of every release
                if word in low:
                    if pattern.fullmatch(text):
                        return True
                    break
        return False

    def _alternation(self, index: int, first: str | None) -> re.Pattern | None:
        """One pattern of the class's members a line starting with `first` may match (all of
        them for an empty line or one that starts with a character outside ASCII)."""
        members = tuple(
            pattern
            for pattern, starts in self.classes[index][1]
            if first is None or starts is None or first in starts
        )
        if not members:
            return None
        if members not in self._compiled:
            alternation = "|".join(f"(?:{p})" for p in members)
            self._compiled[members] = re.compile(alternation, re.I)
        return self._compiled[members]


def widest(pattern: str) -> int:
    """The most characters `pattern` can match (a large number for an unbounded one)."""
    try:
        return min(sre_parser.parse(pattern, re.I).getwidth()[1], UNBOUNDED)
    except Exception:  # a future Python's private parser: treat the pattern as unbounded
        return UNBOUNDED


def needles(pattern: str) -> tuple[str, ...] | None:
    """The words a line must contain for a pattern that starts anywhere ('.{0,N}\\b(?:a|b) …'
    needs 'a' or 'b'); None for any other pattern."""
    floating = _FLOATING_RE.fullmatch(pattern)
    if floating is None or _has_top_level_branch(pattern):
        return None
    rest = floating.group(1)
    if rest.startswith("(?:"):
        words = rest[3 : rest.find(")")].split("|")
    else:
        words = [_LITERAL_RE.match(rest).group(0) if _LITERAL_RE.match(rest) else ""]
    if not all(_LITERAL_RE.fullmatch(word) for word in words):
        return None
    return tuple(word.lower() for word in words)


def reach(pattern: str, words: tuple[str, ...]) -> int:
    """How far into a line a pattern's word must start and end ('.{0,160}\\b(?:a|b)': 160
    characters and the longest word)."""
    return int(re.match(r"\.\{0,(\d+)\}", pattern).group(1)) + max(map(len, words))


def _has_top_level_branch(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def first_chars(pattern: str) -> frozenset[str] | None:
    """The lower-case ASCII characters a case-insensitive match of `pattern` can start with;
    None when it may start with any (or the pattern is beyond this reading). A character
    outside ASCII that matches an ASCII one ignoring case ('ſ' and 's') counts as that one."""
    try:
        return _first_of(list(sre_parser.parse(pattern, re.I)))
    except Exception:  # a future Python's private parser: the pattern is tried on every line
        return None


def _first_of(items: list) -> frozenset[str] | None:
    for index, (op, value) in enumerate(items):
        if op is sre.AT:  # '^', '\\b': zero-width
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, _, item = value
            inner = _first_of(list(item))
            if least > 0 or inner is None:
                return inner
            after = _first_of(items[index + 1 :])  # the repeat may match nothing
            return None if after is None else inner | after
        if op is sre.LITERAL:
            return _cased(chr(value))
        if op is sre.IN:
            return _first_in(value)
        if op is sre.BRANCH:
            found: set[str] = set()
            for branch in value[1]:
                starts = _first_of([*branch, *items[index + 1 :]])
                if starts is None:
                    return None
                found |= starts
            return frozenset(found)
        if op is sre.SUBPATTERN:
            return _first_of([*value[-1], *items[index + 1 :]])
        return None
    return None  # the pattern may match an empty line


def _first_in(members: list) -> frozenset[str] | None:
    found: set[str] = set()
    for kind, value in members:
        if kind is sre.LITERAL:
            found |= _cased(chr(value))
        elif kind is sre.CATEGORY and value in _CATEGORIES:
            found |= _CATEGORIES[value]
        elif kind is sre.RANGE and value[1] - value[0] < 256:
            for code in range(value[0], value[1] + 1):
                found |= _cased(chr(code))
        else:  # a negated set, '\\w': nearly anything
            return None
    return frozenset(found)


def _cased(char: str) -> frozenset[str]:
    # 'İ' lowers to two characters, of which the matcher takes the first, 'i'
    variants = (char, char.lower()[:1], char.upper()[:1])
    return frozenset(c.lower() for c in variants if c.isascii())


_CATEGORIES = {
    sre.CATEGORY_DIGIT: frozenset("0123456789"),
    sre.CATEGORY_SPACE: frozenset(c for c in map(chr, range(128)) if c.isspace()),
}
