"""Time zones as press releases name them: 'CET', 'ET', 'UTC+1', 'Eastern Time', 'UK time'.

A named zone that keeps summer time ('ET', 'Eastern Time', 'UK time') is the place's zone, so
the date decides the offset; a fixed abbreviation ('EST', 'CEST') is its fixed offset.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

ZONE_ABBR_RE = re.compile(
    r"\b(?:(?P<base>UTC|GMT)\s?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
    r"|(?P<local>CET/CEST|MEZ/MESZ)"  # whichever of the two applies on that day: German time
    r"|(?P<named>(?:Australian\s+)?(?:Eastern|Central|Mountain|Pacific|Western)"
    r"(?: Standard| Daylight)? Time|(?i:(?:UK|U\.K\.|British|London|Irish)\s+time))"
    r"|(?P<abbr>UTC|GMT|CET|CEST|MEZ|MESZ|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|CT|MT|BST|WET|"
    r"WEST|EET|EEST|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|AKST|AKDT|HST|SAST|JST|KST|HKT|SGT|PHT"
    r"|IST|WIB|CAT|EAT|WAT|Z))\b"
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
