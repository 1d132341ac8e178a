"""The publication date a page states, as its text: meta tags, JSON-LD, microdata, <time>.
No date guessing (`normalize` parses dates)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from pipeline.extract.fragment import _clean_space

_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
    "govuk:first-published-at",
    "dc.date", "dcterms.date", "dcterms.created", "date", "pubdate", "publish-date", "publishdate",
    "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


class DeclaredDates(NamedTuple):
    """The publication dates a page states for machines: its head's meta tags, and the
    article's own structured data (JSON-LD, microdata)."""

    head: list[str]
    structured: list[str]


def declared_dates(tree, meta: dict[str, str]) -> DeclaredDates:
    """The publication dates a page states for machines, strongest first: its head's meta
    tags, JSON-LD's datePublished, microdata's itemprop="datePublished" (Joomla's <time> in its
    article info, a <dl> that extraction turns into text). Read before extraction changes it."""
    head = [meta[key] for key in _DATE_KEYS if meta.get(key)]
    structured = []
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match:
                structured.append(match.group(1))
                break
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            structured.append(_clean_space(value))
    return DeclaredDates(head, structured)


def published_date(tree, declared: DeclaredDates) -> str | None:
    """The page's publication date: the first it declares, else its first <time>. A date
    alone ('<meta name="dc.date" content="2026-11-23">') gives way to the page's timestamp of
    that day ('<time datetime="2026-11-23T07:00:00-05:00">'): it says more. A head's meta tag
    that names another day than the article's structured data gives way to it: a CMS stamps
    its head anew when a page is saved again, the article's data keeps its first day."""
    head = [] if overruled_date(declared) else declared.head
    candidates = [*head, *declared.structured, *time_values(tree)]
    if not candidates:
        return None
    day = _DATE_ONLY.fullmatch(candidates[0])
    if day is None:
        return candidates[0]
    timed = (
        value
        for value in candidates[1:]
        if (stamp := _TIMESTAMP.match(value)) and stamp.group("day") == day.group("day")
    )
    return next(timed, candidates[0])


def overruled_date(declared: DeclaredDates) -> str | None:
    """The head's date when the article's structured data names another day for it."""
    if not declared.head or not declared.structured:
        return None
    head, structured = _moment(declared.head[0]), _moment(declared.structured[0])
    if head is None or structured is None or head.date() == structured.date():
        return None
    if head.tzinfo and structured.tzinfo:  # one moment written in two zones is no conflict
        if head.astimezone(structured.tzinfo).date() == structured.date():
            return None
    return declared.head[0]


def _moment(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def time_values(tree) -> list[str]:
    values = []
    for element in tree.iter("time"):
        value, shown = element.get("datetime"), _clean_space(element.text_content())
        if value and re.fullmatch(r"\s*\d{4}-\d\d-\d\d\s*", value) and _CLOCK.search(shown):
            values.append(shown)  # '<time datetime="2026-11-24">24.11.2026 | 14:30 Uhr</time>'
        elif (value or shown).strip():
            values.append(_clean_space(value or shown))
    return values


_DATE_ONLY = re.compile(r"\s*(?P<day>\d{4}-\d\d-\d\d)\s*")
_TIMESTAMP = re.compile(r"\s*(?P<day>\d{4}-\d\d-\d\d)[T ]\d\d:\d\d")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d\b(?!\.\d)")
