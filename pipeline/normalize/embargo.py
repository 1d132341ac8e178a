"""Embargo lines: 'Sperrfrist: 27.11.2026, 10 Uhr', 'EMBARGOED UNTIL 6 a.m. ET, Dec. 9, 2026', in
the text, beside the headline or in front of a mail's subject. Read into `Findings.embargo` and
taken out of the text; one that names no moment is a problem, never an invented midnight."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from pipeline.models import Problem
from pipeline.normalize import dates
from pipeline.normalize.body import Line
from pipeline.normalize.findings import Findings

# what a request to wait ends with: 'Bitte nicht vor … veröffentlichen!'
PUBLISHING_VERB = r"(?:ver[öo]ffentlichen|verbreiten|publizieren|senden|ausstrahlen|abdrucken)"
EMBARGO_RE = re.compile(
    # a label on the same line, set apart by a dash, a bar or a dot: 'PRESSEMITTEILUNG –
    # SPERRFRIST: …', 'Pressemitteilung 07/2026 · Sperrfrist …', 'Press release | Embargoed …'
    r"^\W*(?P<label>[^\W\d][\w./#-]*(?:\s+[\w./#-]+){0,4}\s*(?:[–—|·•]|\s-)\s*)?"
    # what a press office says before it: 'Achtung, Sperrfrist:', 'STRICT EMBARGO:', 'Bitte
    # beachten Sie die Sperrfrist:', 'Under embargo until …'
    r"(?:(?:achtung|attention|wichtig|important|hinweis|note|bitte\s+beachten(?:\s+sie)?"
    r"(?:\s+die)?|please\s+(?:note|observe)(?:\s+the)?|strict(?:ly)?|under)[\s,!:]+"
    # 'Bitte nicht vor Donnerstag, 3. Dezember, 11 Uhr veröffentlichen!': only with the verb
    # that says what must wait; 'Bitte nicht vor Mittwoch anrufen' is a request
    r"|bitte\s+(?=nicht\s+vor\b.*\b" + PUBLISHING_VERB + r"\W*$)|please\s+(?=do\s+not\b))?"
    r"(?P<keyword>(?:sperrfrist|sperrvermerk)(?:\s+bis)?"
    r"|embargo(?:ed)?(?:\s+for\s+(?:release|publication))?"
    r"(?:\s+(?:until|till|to|bis))?|not\s+for\s+(?:release|publication|broadcast)\s+"
    r"(?:before|until|prior\s+to)|hold\s+for\s+release(?:\s+(?:until|till|at|on))?"
    r"|for\s+release(?:\s+(?:at|on|until|after))?(?=\s*(?::|at\b|on\b|\d))"
    r"|(?:nicht\s+zur\s+)?ver[öo]ffentlichung\s+(?:nicht\s+vor|frei\s+ab|ab|vor)"
    r"|frei\s+(?:zur\s+ver[öo]ffentlichung\s+)?ab|nicht\s+vor"
    r"|(?:do\s+not|don'?t)\s+(?:publish|release|broadcast)\s+(?:before|until|prior\s+to))"
    r"(?P<colon>\s*[:\-–!])?\s*(?P<rest>.*)$",
    re.I,
)
HEADLINE_WORDS = 3  # what follows an embargo on its line is a headline if it has this many
NO_EMBARGO_RE = re.compile(
    r"^(?:keine[rn]?|none|no|sofort|immediately|immediate|frei|-|–)\W*$", re.I
)


def take_embargo(lines: list[Line], zone: tzinfo, now: datetime, found: Findings) -> list[Line]:
    kept = []
    for line in lines:
        text = line.text
        split = embargo_before_headline(text, zone, now) if len(text) <= 400 else None
        if split is not None and len(split[1].split()) >= HEADLINE_WORDS:
            # 'SPERRFRIST 27.11.2026, 10 Uhr – Headline' opening a text: the headline stays
            found.embargo = found.embargo or split[0]
            kept.append(Line([(split[1], None)], line.chunk, line.kind, line.level))
            continue
        match = EMBARGO_RE.match(text) if len(text) <= 160 else None
        if match is None:
            kept.append(line)
            continue
        rest = match.group("rest")
        moment = dates.parse_moment(rest, zone, now) if rest else None
        if moment is not None and not moment[1] and _names_an_event(rest):
            _embargo_problem(
                found,
                f"the embargo in {text!r} waits for an event, not a time: give its day and "
                "time ('Sperrfrist: 27.11.2026, 18:00 Uhr', 'Embargoed until 6:00 a.m. ET, "
                "Dec. 9, 2026')",
            )
        elif moment is not None:
            found.embargo = found.embargo or moment[0]
            if not moment[1]:
                found.warnings.append(
                    f"the embargo in {text!r} names no time of day: it holds until the start of "
                    "that day; check the time with the sender"
                )
        elif not (_labelled_with_colon(match) or _announces_embargo(match)):
            # "Embargo gegen ..." is a sentence, "Handel – Embargo: neue Sanktionen" a headline
            kept.append(line)
        elif not NO_EMBARGO_RE.match(rest):
            # a line that holds the release, though Melder cannot tell until when
            _embargo_problem(found, f"cannot read the embargo date in {text!r}")
    return kept


def _labelled_with_colon(match: re.Match) -> bool:
    """'Sperrfrist: …', 'Embargo: …'; after a label only with a word that says it holds
    ('Handel – Embargo: neue Sanktionen' is a headline)."""
    headline = match.group("label") and match.group("keyword").casefold() == "embargo"
    return bool(match.group("colon")) and not headline


# An embargo's own words, which no sentence opens with: 'EMBARGOED UNTIL …', 'Sperrfrist bis
# …', 'Not for release before …', 'Hold for release'
_HOLDING_KEYWORD_RE = re.compile(
    r"embargoed\b.*\s(?:until|till|to|bis)|sperrfrist\s+bis|not\s.*\s(?:before|until|prior\s+to)"
    r"|hold\s+for\s+release.*|nicht\s+zur\s+ver[öo]ffentlichung\s+vor"
    r"|ver[öo]ffentlichung\s+nicht\s+vor|sperrvermerk\s+bis|(?:do\s+not|don'?t)\s.*",
    re.I,
)
# what an attempt at a date opens with: a digit, a weekday's or a month's name
_DATE_OPENING_RE = re.compile(r"\W*(?:\d|(?P<word>[^\W\d_]+))")
# what a date or a time has that a year in a sentence has not: '31.11.', '10:00', '10 Uhr'
_DATE_MARK_RE = re.compile(r"\d[./:]\d|\d\s*(?:uhr\b|h\b|[ap]\.?m\b)", re.I)
_STRICT_RE = re.compile(r"\b(?:under|strict(?:ly)?)\W*$", re.I)  # 'Under embargo …'
# a moment is no clause: 'Do not publish before you have checked the credits' asks for a deed
_CLAUSE_OPENING_RE = re.compile(r"(?:you|we|they|i|he|she|it|ihr|wir|sie|ich|er|es)\b", re.I)
CLOCK_WORDS = frozenset("midnight noon mitternacht mittag".split())
HOLDING_LINE_WORDS = 10  # an embargo line's date and time; a sentence runs longer
DATE_ATTEMPT_WORDS = 6


def _announces_embargo(match: re.Match) -> bool:
    """An embargo line whose date Melder cannot read ('EMBARGOED UNTIL 00:01 GMT ON THE FIRST
    OF DECEMBER', 'Sperrfrist bis Ende der Pressekonferenz', 'SPERRFRIST 31.11.2026'): the
    release must wait, not go out at once. 'Embargoed goods were seized …', 'Embargo bis 2030
    verlängert', 'Sperrfrist beim Arbeitslosengeld', 'Frei ab 18 Jahren' stay text."""
    rest = match.group("rest").strip()
    keyword = match.group("keyword").casefold()
    if len(rest.split()) > HOLDING_LINE_WORDS or _CLAUSE_OPENING_RE.match(rest):
        return False
    if _HOLDING_KEYWORD_RE.fullmatch(keyword):
        return True
    if _STRICT_RE.search(match.string, 0, match.start("keyword")):
        # 'Under embargo until …', 'STRICT EMBARGO'; not 'Under embargo since 1962, Cuba …'
        return not rest or keyword.endswith(("until", "till", "bis"))
    if re.fullmatch(r"nicht\s+vor", keyword) and re.search(PUBLISHING_VERB + r"\W*$", rest, re.I):
        return True  # '(Bitte) nicht vor Ende der Pressekonferenz veröffentlichen'
    if not keyword.startswith(("sperrfrist", "sperrvermerk", "embargo")):
        return False
    if not rest:  # a bare 'SPERRFRIST', 'Embargoed' or 'EMBARGO' line; 'Embargo' is a kicker
        return keyword != "embargo" or match.group("keyword").isupper()
    if len(rest.split()) > DATE_ATTEMPT_WORDS or ": " in rest:  # 'Embargo 2027: Was …'
        return False
    opening = _DATE_OPENING_RE.match(rest)
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", rest)}
    named = words & (dates.WEEKDAYS | dates.MONTHS.keys() | CLOCK_WORDS)
    opening_word = opening.group("word") if opening else None
    opens_date = opening is not None and (opening_word is None or opening_word.casefold() in named)
    return opens_date and bool(named or _DATE_MARK_RE.search(rest))


def note_past_embargo(embargo: datetime | None, now: datetime, found: Findings) -> None:
    """An embargo that had passed when the input arrived holds nothing: a misread or mistyped
    date ('12/01/2026' for the first of December) would otherwise go unseen."""
    if embargo is not None and embargo < now:
        found.warnings.append(
            f"the embargo {embargo.isoformat()} had passed when the input arrived: it holds "
            "nothing; check the date with the sender"
        )


def _names_an_event(rest: str) -> bool:
    """'Ende der Pressekonferenz am 27.11.2026', 'after the minister's speech on 9 Dec 2026':
    the day is named, the moment is not (with a time, an event beside it only explains it)."""
    words = dates.words_beside_date(rest)
    return any(word.casefold() not in EMBARGO_FILLER for word in words)


EMBARGO_FILLER = frozenset(
    "dem der des veröffentlichen veröffentlicht verbreiten publication release publish "
    "published local time ortszeit zeit the a on at until till before after nicht vor frei ab "
    "zur für not from".split()
)


def _embargo_problem(found: Findings, message: str) -> None:
    """One problem per embargo line: a page prints it both beside the headline and in the text."""
    if all(problem.message != message for problem in found.problems):
        found.problems.append(Problem(field="embargo_until", message=message))


# Where an embargo in a subject line ends and the headline starts: "SPERRFRIST 27.11.2026,
# 10 Uhr – Headline", "[Sperrfrist 27.11., 10 Uhr] Headline", "EMBARGOED: Headline".
TITLE_SEPARATOR_RE = re.compile(r"\s*(?:\]|[–—|]|\s-{1,2}|:)\s+")


def take_title_embargo(title: str, zone: tzinfo, now: datetime, found: Findings) -> str:
    """The headline without an embargo put in front of it (e-mail subjects do that); the
    embargo's date is taken unless the body gives one."""
    opening = EMBARGO_OPENING_RE.match(title)
    if opening is None:
        return title
    split = embargo_before_headline(title, zone, now)
    if split is not None:
        found.embargo = found.embargo or split[0]
        return split[1]
    # an embargo whose date Melder cannot read still does not belong in the headline; a
    # headline that begins with the word ('Embargo gegen Russland: …') is kept: a label says
    # no more than the word and a date ('SPERRFRIST:', '[Sperrfrist 27.11.] …')
    separator = TITLE_SEPARATOR_RE.search(title, opening.end())
    if separator is None:
        return title
    label = title[opening.end() : separator.start()]
    if re.search(r"[^\W\d]{3,}", label) and not re.search(r"\d", label):
        return title
    rest = title[separator.end() :]
    if len(rest.split()) < 2:
        return title
    if found.embargo is None:  # the subject holds the release until a time Melder cannot read
        _embargo_problem(found, f"cannot read the embargo date in {title!r}")
    return rest


EMBARGO_OPENING = (
    r"^\W*(?:(?:strict|under|achtung,?)\s+)?"
    r"(?:sperrfrist|sperrvermerk|embargo(?:ed)?|hold\s+for\s+release)\b"
)
EMBARGO_OPENING_RE = re.compile(EMBARGO_OPENING, re.I)  # compiled once: asked of every line


def embargo_before_headline(text: str, zone: tzinfo, now: datetime):
    """(embargo, headline) of 'SPERRFRIST 27.11.2026, 10 Uhr – Headline', else None."""
    opening = EMBARGO_OPENING_RE.match(text)
    if opening is None:
        return None
    for separator in TITLE_SEPARATOR_RE.finditer(text, opening.end()):
        head, rest = text[: separator.start()], text[separator.end() :]
        if len(rest.split()) < 2:
            return None
        when = dates.parse_datetime(head[opening.end() :], zone, now)
        if when is not None:
            return when, rest
    return None
