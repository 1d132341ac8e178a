"""A reply that answers a question instead of sending a release.

A press office that answers the portal's question ("Re: Ihre Anfrage …", the question quoted
under a few lines: "ja, das Foto dürfen Sie verwenden") sends no release: such a mail is held
with the reason, so it never goes live by itself. A release sent as a reply has words of its
own, or points to the release it quotes ("siehe unten"): it is read as ever, and the editor is
told that it came as a reply.
"""

from __future__ import annotations

import re

from pipeline.ingest.readers.covernotes import RELEASE_WORD, SALUTATION, SIGNED_RE
from pipeline.ingest.readers.forwards import thread_starts
from pipeline.models import Problem

# Fewer words of its own above the quoted thread, and a reply is an answer, not a release.
ANSWER_WORDS = 60
# An answer opens with a salutation or answers at once: 'ja, …', 'Gerne …', 'Thanks, …'
_ANSWER_OPENING = re.compile(
    r"^\s*(?:ja|jawohl|nein|gerne?|danke|vielen\s+dank|leider|klar|selbstverständlich|yes|no"
    r"|sure|thanks|thank\s+you|unfortunately|of\s+course)\b",
    re.I,
)
# The note says the release is the message under it: 'siehe unten', 'below', 'nachfolgend'
_POINTS_DOWN = re.compile(r"\b(?:unten|untenstehend\w*|nachfolgend\w*|below|beneath)\b", re.I)

REPLY_NOTED = (
    "the mail is a reply to an earlier message: check that the text kept is the press release, "
    "not the correspondence around it"
)


def answer_to_a_question(shown: str) -> tuple[str | None, tuple[Problem, ...], tuple[str, ...]]:
    """(the answer's own text, problems, warnings) of a reply whose text `shown` (as the mail
    shows it, thread and all) quotes an earlier message; the text is given only for an answer
    that is held, which is what the editor should see of it, not the question it quotes."""
    lines = shown.splitlines()
    start = thread_starts(lines)
    if start is None:
        return None, (), ()
    written = "\n".join(lines[:start]).strip()
    own = SIGNED_RE.split(written, maxsplit=1)[0].strip()
    unsalted = SALUTATION.sub("", own, count=1).strip()
    answering = SALUTATION.match(own) or _ANSWER_OPENING.match(unsalted)
    pointing = RELEASE_WORD.search(own) or _POINTS_DOWN.search(own)
    if len(own.split()) < ANSWER_WORDS and answering and not pointing:
        problem = Problem(
            field="body",
            message="the mail answers an earlier message with a short note of its own and "
            "quotes the thread under it: it looks like a reply, not a press release; edit it "
            "into the release, or reject it",
        )
        return written, (problem,), ()
    return None, (), (REPLY_NOTED,)
