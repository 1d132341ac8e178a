"""Charset labels as Melder reads them: from a source's `encoding`, a page's meta tag, a
mail's header. Here, not in the extract stage, so that `melder check` refuses the label a
source would fail on with the same rule the readers use."""

from __future__ import annotations

import codecs

# Labels that browsers (WHATWG Encoding Standard) read as windows-1252: its extra printable
# characters (quotes, euro sign, dashes) are what such pages really contain.
WINDOWS_1252_LABELS = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "latin-1",
        "latin1",
        "l1",
        "ascii",
        "us-ascii",
        "iso_8859-1",
        "cp819",
        "ibm819",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)


# Codecs Python has that are no charset: escapes, host-name encodings, and one that always
# fails. Bytes-to-bytes codecs (base64, zlib, rot13 ...) are refused by `_is_text_encoding`.
NOT_CHARSETS = frozenset(
    {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "mbcs", "oem"}
)


def canonical_encoding(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is no text charset.

    Labels come from attackers too (`charset="zlib"`): only real text encodings count."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    name = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or name in NOT_CHARSETS:
        return None
    return info.name
