"""The sender's offer to the editor closing a release: 'Für Rückfragen stehen wir Ihnen gerne
zur Verfügung.', 'Bei Fragen melden Sie sich gerne.', 'Please don't hesitate to contact us with
any questions.' A PR agency or press office writes it to the newsroom under the release, beside
its contact or its signature; published under the client's text it would speak for the client
to readers, and it names no one they could reach. A sentence that does name a way to reach
someone (a phone number, an address) is the release's own and stays."""

from __future__ import annotations

import re

from pipeline.normalize.body import Line

# what an editor may want from the sender
_NEEDS = (
    r"(?:rück|nach)?fragen|anfragen|anliegen|informationen|auskünfte|interview\w*|wünsche"
    r"|bildwünsche|questions?|queries|enquiries|inquiries|information|interviews?|comments?"
    r"|details|assistance|anything(?: else)?"
)
_ME = r"(?:ich|wir|uns|mich|mir)"
_YOU = r"(?:ihnen|euch|dir)"
_EN_ME = r"(?:us|me|our (?:team|office|press office))"
COURTESY_RES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # 'Für (weitere) Rückfragen (und Interviewwünsche) stehen wir Ihnen gerne zur Verfügung.',
        # 'Sollten Sie Fragen haben, stehe ich Ihnen jederzeit gern zur Verfügung.'
        rf"[^.!?]{{0,80}}\b(?:{_NEEDS})\b[^.!?]{{0,80}}\b(?:stehe|stehen)\s+(?:ich|wir)"
        rf"(?:\s+{_YOU})?(?:\s+\w+){{0,3}}\s+zur\s+verfügung[.!]?",
        rf"(?:ich|wir)\s+(?:stehe|stehen)(?:\s+{_YOU})?(?:\s+\w+){{0,3}}\s+(?:für|bei)\s+"
        rf"[^.!?]{{0,60}}\b(?:{_NEEDS})\b[^.!?]{{0,40}}\s*zur\s+verfügung[.!]?",
        # 'Bei Fragen melden Sie sich gerne (bei uns).', 'Bei Rückfragen wenden Sie sich bitte
        # an mich.', 'Für Fragen kontaktieren Sie uns gerne.'
        rf"(?:(?:für|bei)\s+[^.!?]{{0,40}}\b(?:{_NEEDS})\b[^.!?]{{0,40}}?|sollten\s+sie\s+"
        rf"[^.!?]{{0,40}}\b(?:{_NEEDS})\b[^.!?]{{0,30}}\s+haben,?)\s+(?:melden|wenden)\s+sie"
        rf"\s+sich(?:\s+(?:gerne?|jederzeit|bitte|einfach|direkt)){{0,2}}"
        rf"(?:\s+(?:bei|an)\s+{_ME})?[.!]?",
        rf"(?:(?:für|bei)\s+[^.!?]{{0,40}}\b(?:{_NEEDS})\b[^.!?]{{0,40}}?)\s+(?:kontaktieren|"
        rf"erreichen|kontaktiert)\s+sie\s+{_ME}(?:\s+(?:gerne?|jederzeit|bitte|einfach)){{0,2}}"
        r"[.!]?",
        # 'Please don't hesitate to contact us (with any questions).'
        rf"(?:please\s+)?(?:do\s+not|don['’]?t)\s+hesitate\s+to\s+(?:contact|call|e-?mail|reach"
        rf"(?:\s+out)?(?:\s+to)?|get\s+in\s+touch(?:\s+with)?)\s+{_EN_ME}\b[^.!?\d@]{{0,80}}[.!]?",
        rf"(?:please\s+)?feel\s+free\s+to\s+(?:contact|call|e-?mail|reach(?:\s+out)?(?:\s+to)?"
        rf"|get\s+in\s+touch(?:\s+with)?)\s+{_EN_ME}\b[^.!?\d@]{{0,80}}[.!]?",
        # 'If you have any questions, please let me know.', 'Please let us know if you need
        # anything else.', 'We are happy to help with any questions.'
        rf"(?:if|should)\s+you\s+(?:have|need|require|would\s+like)\s+[^.!?]{{0,40}}\b(?:{_NEEDS})"
        rf"\b[^.!?]{{0,40}},?\s+(?:please\s+)?(?:let\s+{_EN_ME}\s+know|contact\s+{_EN_ME}"
        rf"|(?:just\s+)?(?:get\s+in\s+touch|reach\s+out)|(?:i|we)(?:'d|'m|'re|\s+am|\s+are|\s+would"
        rf"\s+be)\s+(?:happy|glad|available)\s+to\s+help)[.!]?",
        rf"(?:please\s+)?let\s+{_EN_ME}\s+know\s+if\s+you\s+(?:have|need|require|would\s+like)"
        rf"\s+[^.!?]{{0,40}}\b(?:{_NEEDS})\b[^.!?]{{0,30}}[.!]?",
        rf"(?:i|we)(?:'d|'m|'re|\s+am|\s+are|\s+would\s+be)\s+(?:happy|glad|available)\s+to"
        rf"\s+(?:help|answer|assist|arrange)[^.!?]{{0,30}}\b(?:{_NEEDS})\b[^.!?]{{0,30}}[.!]?",
    )
)
# a way to reach someone: such a sentence tells the reader something
_REACH_RE = re.compile(r"@|https?://|www\.|\d{3}")
MAX_COURTESY = 200


def is_courtesy(text: str) -> bool:
    """The line is only the sender's offer of help to the editor."""
    text = " ".join(text.split())
    if len(text) > MAX_COURTESY or _REACH_RE.search(text):
        return False
    return any(pattern.fullmatch(text) for pattern in COURTESY_RES)


def drop_closing_courtesy(lines: list[Line]) -> list[Line]:
    """The lines without the sender's offers of help that close them; one standing before more
    of the release stays, it closes nothing."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].text.strip() or is_courtesy(lines[end - 1].text)):
        end -= 1
    if not any(line.text.strip() for line in lines[end:]):
        return lines
    return lines[:end]
