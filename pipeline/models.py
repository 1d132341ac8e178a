"""The records that flow between stages.

A reader turns one input into a `RawRelease` (what the input says, nothing judged yet);
`normalize` turns that into a frozen `Release` (clean, validated, with every problem listed).
The store adds the lifecycle (`State`) around a release's revisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

# at home in `pipeline.states` (no pydantic there); most code imports them from here
from pipeline.states import TRANSITIONS, State  # noqa: F401


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Link(Frozen):
    url: str
    text: str = ""


class MediaInput(Frozen):
    """An image or document as a reader found it: where its bytes are and what the input says
    of it. Nothing here is trusted: the type is decided from the bytes, never from the name."""

    url: str | None = None  # http(s) URL, or a path relative to the input (kind `files`)
    data: bytes | None = Field(default=None, repr=False)  # bytes that came with the input
    filename: str = ""
    declared_type: str = ""  # what the input claims, for messages only
    caption: str = ""
    credit: str = ""
    alt: str = ""
    license: str = ""
    # the picture as the page shows it, read when the full-size file it links cannot be had
    fallback_url: str | None = None


class Media(Frozen):
    """An image or document kept with a release under `var/media/` (content-addressed by the
    sha256 of the sanitized bytes). The first image is the lead image."""

    filename: str
    content_type: str  # decided from the bytes
    size: int
    url: str | None = None  # where it came from, if it was fetched
    sha256: str | None = None  # None: described only (`melder extract` fetches nothing)
    kind: str = "image"  # image | document
    width: int | None = None
    height: int | None = None
    caption: str = ""
    credit: str = ""  # who took or owns it, without a label ("Stadt Leipzig", not "Foto: …")
    # the sender's label where it says the picture is drawn or computed ("Grafik",
    # "Illustration"), shown instead of the output's word for a photo; empty for a photo
    credit_label: str = ""
    alt: str = ""
    license: str = ""

    @property
    def is_image(self) -> bool:
        return self.kind == "image"


class Problem(Frozen):
    """One thing wrong with an input, named by the field it concerns."""

    field: str
    message: str


# Problems listed one by one; the rest are counted in one more (20,000 unknown keys are one
# answer a sender can read and one row an editor can open, not megabytes of the same words).
MAX_PROBLEMS = 20
# characters of a headline: the one limit for ingest, the submission API and the desk's form
MAX_HEADLINE = 300
_NAMED_IN_SUMMARY = 10


def capped_problems(problems: Iterable[Problem], what: str = "problems") -> list[Problem]:
    """The first `MAX_PROBLEMS` problems and one that counts the rest as `what`."""
    problems = list(problems)
    if len(problems) <= MAX_PROBLEMS + 1:
        return problems
    rest = [problem.field for problem in problems[MAX_PROBLEMS:]]
    return [*problems[:MAX_PROBLEMS], more_problems(rest, what)]


def more_problems(fields: list[str], what: str) -> Problem:
    """'and 19,980 more unknown fields: feld20, feld21, …' for the fields not listed."""
    named = [name if len(name) <= 40 else name[:40] + "…" for name in fields[:_NAMED_IN_SUMMARY]]
    listed = ", ".join(named) + (", …" if len(fields) > _NAMED_IN_SUMMARY else "")
    return Problem(field="json", message=f"and {len(fields):,} more {what}: {listed}")


class Provenance(Frozen):
    """Where a release came from and how it reached Melder."""

    route: str  # files | rss | web | imap | api | submit
    received_at: AwareDatetime
    path: str | None = None
    original_url: str | None = None
    sender: str | None = None


class RawRelease(Frozen):
    """What one input says, as read, before any cleaning or judgement.

    Readers fill what their format carries: an HTML page gives `body_html`, a text dump gives
    `body_text` (lines as they came), JSON/Markdown may also give teaser, dates and more.
    """

    source: str
    identity: str  # the source's own id (Message-ID, guid, canonical URL) or the input path
    format: str  # html | text | markdown | json | email | feed
    provenance: Provenance
    content_hash: str
    title: str | None = None
    teaser: str | None = None
    body_html: str | None = None
    body_text: str | None = None
    published: datetime | None = None  # may be naive: normalize localizes to the source zone
    published_text: str | None = None  # an unparsed date string found in the input
    embargo_until: datetime | None = None
    language: str | None = None
    base_url: str | None = None  # resolves relative links
    contact: str | None = None
    categories: tuple[str, ...] = ()
    media: tuple[MediaInput, ...] = ()
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()  # reader-level problems (undecodable bytes, broken mail)
    warnings: tuple[str, ...] = ()  # what a reader noticed that an editor should check
    # short lines a page prints just above and below its headline, outside the body: a date,
    # an embargo
    above_headline: tuple[str, ...] = ()
    below_headline: tuple[str, ...] = ()
    # lines of a contact box a page sets beside or under the article, outside the body
    contact_box: tuple[str, ...] = ()


# A warning that starts so keeps its release for an editor on arrival, even from a trusted
# source (`review = "auto"`): what it names is for a person to judge.
HOLD_FOR_EDITOR = "held for an editor: "
# A warning that starts so says the sender labelled the release a correction ('KORREKTUR:'):
# the store looks for the release it corrects.
CORRECTION_MARK = "the sender calls this a correction"


class Release(Frozen):
    """One clean press release, ready for review and publishing.

    `body_html` is sanitized and holds only block elements (p, h2-h4, ul/ol/li, blockquote)
    with inline links; `text` is the same body as plain text, paragraphs split by blank lines.
    A release with `errors` is kept as invalid and never published.
    """

    id: str
    source: str
    identity: str
    title: str
    slug: str
    teaser: str
    body_html: str
    text: str
    language: str
    published_at: AwareDatetime | None = None
    # the input names the day only: `published_at` is that day's start in the source's zone,
    # and outputs that can say a date alone (JSON, snippets) say the date
    published_date_only: bool = False
    embargo_until: AwareDatetime | None = None
    contact: str | None = None
    categories: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    media: tuple[Media, ...] = ()
    provenance: Provenance
    content_hash: str
    errors: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()

    @field_validator("categories")
    @classmethod
    def _no_blank_category(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """An empty <category> makes a feed invalid: a stored one from before is dropped too."""
        return tuple(category for category in value if category.strip())

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def sent_as_correction(self) -> bool:
        return any(warning.startswith(CORRECTION_MARK) for warning in self.warnings)

    @property
    def held_for_editor(self) -> bool:
        return any(warning.startswith(HOLD_FOR_EDITOR) for warning in self.warnings)


class Entry(Frozen):
    """A release as the publisher sees it: the published revision plus its public life."""

    release: Release
    state: State
    revision: int
    first_published_at: AwareDatetime
    updated_at: AwareDatetime
    public_name: str
    withdrawn_at: AwareDatetime | None = None  # set while a withdrawn release is still listed
    sort_at: AwareDatetime | None = None  # where the channel lists it: newest first


def listing_order(entry: Entry) -> tuple[float, str]:
    """A channel's order, newest first: a live release by its date, a withdrawal notice by
    when the release was withdrawn."""
    return (-(entry.withdrawn_at or entry.sort_at).timestamp(), entry.release.id)


def published_iso(moment: datetime | None, date_only: bool) -> str | None:
    """A release's date in ISO 8601: the day alone ('2026-11-24') when its input named no time
    of day, else the moment with its offset."""
    if moment is None:
        return None
    return moment.date().isoformat() if date_only else moment.isoformat()


def release_id(source: str, identity: str) -> str:
    """The id a release keeps forever: derived from where it came from, never from its title."""
    digest = hashlib.sha256(f"{source}\x00{identity}".encode()).hexdigest()
    return digest[:16]


class Withdrawal(Frozen):
    """A published release taken back: its URL keeps a notice, Atom carries a tombstone."""

    release_id: str
    title: str
    language: str
    public_name: str
    withdrawn_at: AwareDatetime
