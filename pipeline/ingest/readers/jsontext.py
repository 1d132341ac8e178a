"""JSON text as Melder reads it: nesting bounded before parsing, and every key given once.

Parsers disagree on a repeated key (Python keeps the last, others the first): a gateway that
checked one `title` would let another through, so a repeated key is named as a problem.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_NESTING = 32
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


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


def load_json(text: str) -> tuple[Any, list[str]]:
    """The parsed value and the keys some object of it gives more than once (raises
    `json.JSONDecodeError` as `json.loads` does)."""
    repeated: list[str] = []

    def each_key_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found and key not in repeated:
                repeated.append(key)
            found[key] = value
        return found

    return json.loads(text, object_pairs_hook=each_key_once), repeated


def repeated_key_message(key: str) -> str:
    return f"given more than once ({key!r}); send each field once"
