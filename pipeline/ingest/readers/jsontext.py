"""JSON text as Melder reads it: nesting bounded before parsing, and every key given once.

Parsers disagree on a repeated key (Python keeps the last, others the first): a gateway that
checked one `title` would let another through, so a repeated key is named as a problem.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from pipeline.extract.decode import canonical_encoding, split_bom

MAX_NESTING = 32
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class NotJsonText(ValueError):
    """A body whose bytes are no JSON text to parse: empty, or not in the charset it needs."""


def json_text(data: bytes, charset: str | None = None) -> str:
    """The text of a JSON body: UTF-8 with or without a byte-order mark, UTF-16 or UTF-32 with
    one, or the charset its sender declares; raises `NotJsonText` saying what to send."""
    if not data.strip():
        raise NotJsonText("the body is empty: send the release as one JSON object")
    marked, rest = split_bom(data)
    declared = canonical_encoding(charset)
    if marked or declared not in (None, "utf-8"):
        encoding = marked or declared
        said = "its byte-order mark" if marked else "its Content-Type"
        try:
            return rest.decode(encoding)
        except UnicodeDecodeError:
            raise NotJsonText(f"the body is not {encoding} as {said} says: send UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        looks = "UTF-16" if b"\x00" in data[:1024] else "windows-1252"
        raise NotJsonText(
            f"the body is not UTF-8 (it looks like {looks}): send UTF-8, or name its charset "
            "in the Content-Type header"
        ) from None


def nesting_depth(text: str) -> int:
    """How deep brackets nest, strings skipped: checked before parsing, so 100,000 `[` cost
    one scan instead of a recursion error."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_NESTING:
                break
        elif token in "]}":
            depth -= 1
    return deepest


# Python refuses to turn a longer run of digits into an int (a guard against slow conversion).
MAX_NUMBER_DIGITS = sys.get_int_max_str_digits() or 4300


class NumberTooLong(ValueError):
    """A JSON number with more digits than an int can be read from; `field` is its JSON path."""

    def __init__(self, field: str, digits: int) -> None:
        self.field = field
        self.message = f"number too long ({digits:,} digits)"
        super().__init__(f"{field}: {self.message}")


class _LongNumber:
    def __init__(self, digits: int) -> None:
        self.digits = digits


def _read_int(digits: str) -> int | _LongNumber:
    length = len(digits.lstrip("-"))
    return _LongNumber(length) if length > MAX_NUMBER_DIGITS else int(digits)


def _first_long_number(value: Any, path: str = "") -> NumberTooLong | None:
    if isinstance(value, _LongNumber):
        return NumberTooLong(path or "json", value.digits)
    if isinstance(value, dict):
        items = ((f"{path}.{key}" if path else str(key), item) for key, item in value.items())
    elif isinstance(value, list):
        items = ((f"{path}[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    return next((found for key, item in items if (found := _first_long_number(item, key))), None)


def load_json(text: str) -> tuple[Any, list[str]]:
    """The parsed value and the keys some object of it gives more than once (raises
    `json.JSONDecodeError` as `json.loads` does, and `NumberTooLong`)."""
    repeated: dict[str, None] = {}  # in the order met, each once

    def each_key_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found:
                repeated[key] = None
            found[key] = value
        return found

    value = json.loads(text, object_pairs_hook=each_key_once, parse_int=_read_int)
    if too_long := _first_long_number(value):
        raise too_long
    return value, list(repeated)


def repeated_key_message(key: str) -> str:
    return f"given more than once ({key!r}); send each field once"


def syntax_message(text: str, error: json.JSONDecodeError) -> str:
    """Where the JSON breaks, in the words of what its author most likely did: a comment or a
    comma after the last field (which editors and CMS templates allow and JSON does not)."""
    where = f"line {error.lineno} column {error.colno}"
    rest = text[error.pos :].lstrip()
    before = text[: error.pos].rstrip()
    if error.msg.startswith("Unterminated string"):  # no closing quote up to the end
        return (
            f"the JSON ends inside a string that opens at {where}: it looks cut off; send it again"
        )
    if not rest:
        return (
            f"the JSON ends at {where} before its last value or closing bracket: it looks cut "
            "off; send it again"
        )
    if rest.startswith(("//", "/*")) or (before.endswith("/") and rest[:1] in "/*"):
        return f"{where}: a comment; JSON has none (// and /* */): remove it"
    if rest[:1] in "}]" and before.endswith(","):
        line = text.count("\n", 0, len(before)) + 1
        return f"line {line}: a comma after the last field; JSON allows none there: remove it"
    if rest[:1] == "'":
        return f'{where}: a text in single quotes; JSON needs double quotes ("…")'
    return f"{where}: {error.msg}"


# pydantic's error types for a value of the wrong JSON kind; its own words differ between a
# file ("a valid list") and the API ("a valid array"), so both say this instead
_WANTED = {
    "string_type": "text",
    "list_type": "a list [...]",
    "model_type": "an object {...}",
    "model_attributes_type": "an object {...}",
    "dict_type": "an object {...}",
}


def wrong_kind_message(error_type: str, sent: Any) -> str | None:
    """'must be text, got null' for a value of the wrong kind; None for other errors."""
    if error_type not in _WANTED:
        return None
    return f"must be {_WANTED[error_type]}, got {_json_kind(sent)}"


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "a text"
    return "a list" if isinstance(value, list) else "an object"
