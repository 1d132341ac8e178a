"""A picture's `srcset`: its candidates as a browser reads them, and the widest web address.

A URL runs to the next space, commas and all ('…/c_scale,w_1600/a.jpg 1600w'); a comma that
ends it, or one after its descriptor, starts the next candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_DESCRIPTOR_RE = re.compile(r"(\d+(?:\.\d+)?)([wWxX])$")
_NOT_WEB_RE = re.compile(r"\s*(?:data|javascript|vbscript|blob|file|about):", re.I)


def not_web(url: str) -> bool:
    """A data:, javascript: or other address that is no picture on the web."""
    return bool(_NOT_WEB_RE.match(url))


def largest_candidate(srcset: str) -> str | None:
    """The widest candidate that is a web address; a candidate without a width counts as 1x."""
    best, best_size = None, -1.0
    for url, descriptor in candidates(srcset):
        if not_web(url):
            continue
        size = 1.0
        for token in descriptor.split():
            if match := _DESCRIPTOR_RE.match(token):
                size = float(match.group(1)) * (1 if match.group(2) in "wW" else 1000)
        if size > best_size:
            best, best_size = url, size
    return best


def candidates(srcset: str) -> Iterator[tuple[str, str]]:
    """(url, descriptors) of each candidate, in order."""
    position, end = 0, len(srcset)
    while position < end:
        while position < end and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < end and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        if url.endswith(","):
            yield url.rstrip(","), ""
            continue
        comma = srcset.find(",", position)
        comma = end if comma < 0 else comma
        descriptor, position = srcset[position:comma].strip(), comma + 1
        if url:
            yield url, descriptor
