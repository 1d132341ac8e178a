"""Time zones as press releases name them: 'CET', 'ET', 'UTC+1', 'Eastern Time', 'UK time'.

A named zone that keeps summer time ('ET', 'Eastern Time', 'UK time') is the place's zone, so
the date decides the offset; a fixed abbreviation ('EST', 'CEST') is its fixed offset.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

ZONE_ABBR_RE = re.compile(
    r"\b(?:(?P<base>UTC|GMT)\s?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
    r"|(?P<local>CET/CEST|MEZ/MESZ)"  # whichever of the two applies on that day: German time
    r"|(?P<named>(?:Australian\s+)?(?:Eastern|Central|Mountain|Pacific|Western|Atlantic|Newfoundland"
    r"|Alaska|Hawaii)"
    r"(?: Standard| Daylight)? Time|(?i:(?:UK|U\.K\.|British|London|Irish)\s+time))"
    r"|(?P<abbr>UTC|GMT|CET|CEST|MEZ|MESZ|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|CT|MT|BST|WET|"
    r"WEST|EET|EEST|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|AKST|AKDT|HST|SAST|JST|KST|HKT|SGT|PHT"
    r"|IST|WIB|CAT|EAT|WAT|AST|ADT|NST|NDT|Z))\b"
)
NAMED_ZONES: dict[str, tzinfo] = {
    "eastern": ZoneInfo("America/New_York"),
    "central": ZoneInfo("America/Chicago"),
    "mountain": ZoneInfo("America/Denver"),
    "pacific": ZoneInfo("America/Los_Angeles"),
    "australian eastern": ZoneInfo("Australia/Sydney"),
    "australian central": ZoneInfo("Australia/Adelaide"),
    "australian western": ZoneInfo("Australia/Perth"),
    "uk": ZoneInfo("Europe/London"), "u.k.": ZoneInfo("Europe/London"),
    "british": ZoneInfo("Europe/London"), "london": ZoneInfo("Europe/London"),
    "irish": ZoneInfo("Europe/Dublin"),
    "atlantic": ZoneInfo("America/Halifax"), "newfoundland": ZoneInfo("America/St_Johns"),
    "alaska": ZoneInfo("America/Anchorage"), "hawaii": ZoneInfo("Pacific/Honolulu"),
}  # fmt: skip
ZONE_ABBR: dict[str, tzinfo] = {
    "UTC": UTC, "GMT": UTC, "Z": UTC,
    "CET": timezone(timedelta(hours=1)), "MEZ": timezone(timedelta(hours=1)),
    "CEST": timezone(timedelta(hours=2)), "MESZ": timezone(timedelta(hours=2)),
    "WET": UTC, "WEST": timezone(timedelta(hours=1)), "BST": timezone(timedelta(hours=1)),
    "EET": timezone(timedelta(hours=2)), "EEST": timezone(timedelta(hours=3)),
    "EST": timezone(timedelta(hours=-5)), "EDT": timezone(timedelta(hours=-4)),
    "CST": timezone(timedelta(hours=-6)), "CDT": timezone(timedelta(hours=-5)),
    "MST": timezone(timedelta(hours=-7)), "MDT": timezone(timedelta(hours=-6)),
    "PST": timezone(timedelta(hours=-8)), "PDT": timezone(timedelta(hours=-7)),
    "ET": ZoneInfo("America/New_York"), "CT": ZoneInfo("America/Chicago"),
    "PT": ZoneInfo("America/Los_Angeles"), "MT": ZoneInfo("America/Denver"),
    "AEST": timezone(timedelta(hours=10)), "AEDT": timezone(timedelta(hours=11)),
    "ACST": timezone(timedelta(hours=9, minutes=30)),
    "ACDT": timezone(timedelta(hours=10, minutes=30)), "AWST": timezone(timedelta(hours=8)),
    "NZST": timezone(timedelta(hours=12)), "NZDT": timezone(timedelta(hours=13)),
    "AKST": timezone(timedelta(hours=-9)), "AKDT": timezone(timedelta(hours=-8)),
    "HST": timezone(timedelta(hours=-10)), "SAST": timezone(timedelta(hours=2)),
    "JST": timezone(timedelta(hours=9)), "KST": timezone(timedelta(hours=9)),
    "HKT": timezone(timedelta(hours=8)), "SGT": timezone(timedelta(hours=8)),
    "PHT": timezone(timedelta(hours=8)), "WIB": timezone(timedelta(hours=7)),
    "IST": timezone(timedelta(hours=5, minutes=30)),  # India's: the Irish say "Irish time"
    "CAT": timezone(timedelta(hours=2)), "EAT": timezone(timedelta(hours=3)),
    "WAT": timezone(timedelta(hours=1)),
    # Canada's Atlantic and Newfoundland times
    "AST": timezone(timedelta(hours=-4)), "ADT": timezone(timedelta(hours=-3)),
    "NST": timezone(timedelta(hours=-3, minutes=-30)),
    "NDT": timezone(timedelta(hours=-2, minutes=-30)),
}  # fmt: skip


def zone_of(delta: timedelta) -> tzinfo | None:
    return timezone(delta) if abs(delta) < timedelta(hours=24) else None


def zone_abbreviation(text: str) -> tzinfo | None:
    match = ZONE_ABBR_RE.search(text)
    if not match:
        return None
    if match.group("local"):
        return ZoneInfo("Europe/Berlin")
    if match.group("named"):
        words = match.group("named").casefold().split()
        return NAMED_ZONES[" ".join(words[:2]) if words[0] == "australian" else words[0]]
    if match.group("abbr"):
        return ZONE_ABBR[match.group("abbr")]
    sign = -1 if match.group("sign") == "-" else 1
    delta = timedelta(hours=int(match.group("h")), minutes=int(match.group("m") or 0))
    return zone_of(sign * delta)


# A zone named by a word right after a time of day: North America's regions without 'Time'
# ('1:00 p.m. Pacific', '4:30 PM Eastern') and a city's time ('14:00 Sydney time'). Only
# there: 'Central' or 'Pacific' elsewhere is a place.
ZONE_AFTER_TIME_RE = re.compile(
    r"\s*(?P<zone>(?:Eastern|Central|Mountain|Pacific|Atlantic|Newfoundland|Alaska|Hawaii)"
    r"(?:(?:\s+(?:Standard|Daylight|Prevailing))?\s+[Tt]ime\b|(?![ \t]+[A-Z])\b)"
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+[Tt]ime\b)"
)


def zone_after_time(words: str) -> tzinfo | None:
    """The zone of words that `ZONE_AFTER_TIME_RE` found after a time; None for words that name
    no zone ('Community time')."""
    first = words.split()[0].casefold()
    if first in NAMED_ZONES and first not in ("uk", "british", "irish"):
        return NAMED_ZONES[first]
    if words.split()[-1].casefold() != "time":
        return None
    return zone_abbreviation(words) or _city_zones().get(
        " ".join(words.split()[:-1]).casefold().replace("-", " ")
    )


@cache
def _city_zones() -> dict[str, tzinfo]:
    """'sydney' → Australia/Sydney, 'new york' → America/New_York: a place's time."""
    cities: dict[str, tzinfo] = {}
    for key in sorted(available_timezones()):
        area, _, city = key.partition("/")
        if city and "/" not in city and area not in ("Etc", "SystemV", "US", "Canada", "Brazil"):
            cities.setdefault(city.replace("_", " ").casefold(), ZoneInfo(key))
    return cities
