"""The publication date a page states, as its text: meta tags, JSON-LD, microdata, <time>.
No date guessing (`normalize` parses dates)."""

from __future__ import annotations

import re

from pipeline.extract.fragment import _clean_space

_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
    "govuk:first-published-at",
    "dc.date", "dcterms.date", "dcterms.created", "date", "pubdate", "publish-date", "publishdate",
    "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def declared_dates(tree, meta: dict[str, str]) -> list[str]:
    """The publication dates a page states for machines, strongest first: its head's meta
    tags, JSON-LD's datePublished, microdata's itemprop="datePublished" (Joomla's <time> in its
    article info, a <dl> that extraction turns into text). Read before extraction changes it."""
    found = [meta[key] for key in _DATE_KEYS if meta.get(key)]
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json" and script.text:
            match = _LD_DATE.search(script.text)
            if match:
                found.append(match.group(1))
                break
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            found.append(_clean_space(value))
    return found


def published_date(tree, declared: list[str]) -> str | None:
    """The page's publication date: the first it declares, else its first <time>. A date
    alone ('<meta name="dc.date" content="2026-11-23">') gives way to the page's timestamp of
    that day ('<time datetime="2026-11-23T07:00:00-05:00">'): it says more."""
    candidates = [*declared, *_time_values(tree)]
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


def _time_values(tree) -> list[str]:
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
