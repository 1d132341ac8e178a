"""The desk's decisions on one release under `/desk/releases/{id}/…`: approve, reject,
withdraw, reopen, edit, and for a possible duplicate merge or keep both.

Each calls the same function in `pipeline.review` that the CLI calls, as a compare-and-swap on
the version the editor's page showed: a decision on a stale page gets a conflict, never a win.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response

from pipeline import review
from pipeline.errors import InvalidTransition, MergedAway, NotFound
from pipeline.models import Media
from pipeline.normalize.headline import MAX_HEADLINE
from pipeline.publish.links import linked_body
from pipeline.review.edits import folded_markdown
from pipeline.review.markdown import to_html, to_markdown
from pipeline.web.desk import (
    CONFLICT_KEY,
    Page,
    _next,
    _release_response,
    _view,
    editor,
    posted,
)
from pipeline.web.i18n import DESK_ZONE
from pipeline.web.state import now

router = APIRouter(prefix="/desk/releases", include_in_schema=False)


def _seen(p: Page) -> int:
    """The version of the release the editor's page showed: decisions are written only on it."""
    value = p.field("version")
    if not value.isdigit():
        raise ValueError("the form lost its version; reload the page and decide again")
    return int(value)


def _decide(
    p: Page,
    release_id: str,
    action: str,
    decide,
    *,
    keep_conflicts: bool = False,
    scheduled_as: str = "scheduled",
    edited_as: str = "edited",
) -> Response:
    """Run one decision as a compare-and-swap: a stale page gets a conflict, never a win
    (raised as it is with `keep_conflicts`, for a caller that keeps what the editor typed)."""
    try:
        decided = decide()
    except NotFound:
        return p.render("message.html", 404, title=p.words("error"), message=p.words("not_found"))
    except review.Conflict as exc:
        if keep_conflicts:
            raise
        return back_with_conflict(p, release_id, conflict_message(p, exc))
    except MergedAway as exc:
        return back_with_conflict(
            p, release_id, p.words("merged_away", gone=exc.gone, into=exc.into)
        )
    except (InvalidTransition, ValueError) as exc:
        return _release_response(p, release_id, status=422, error=str(exc))
    target = _next(p.field("next"), f"/desk/releases/{release_id}")
    separator = "&" if "?" in target else "?"
    done = action if decided is None or decided.outcome != "unchanged" else "unchanged"
    if decided is not None and decided.outcome == "scheduled":
        done = scheduled_as  # the page then says when it goes out, not just "approved"
    if action == "edited" and done == "edited":
        done = edited_as  # the page then says when an embargo typed is not the one saved
    if action == "edited" and decided is not None and decided.view.release.errors:
        done = "still_invalid"  # saved, but held: the page says why
    return RedirectResponse(f"{target}{separator}done={done}", status_code=303)


def back_with_conflict(p: Page, release_id: str, message: str) -> Response:
    """To the release's page as it is now, which says what came first: reloading that page
    never sends the stale decision again."""
    p.session = {**p.session, CONFLICT_KEY: message}
    response = RedirectResponse(f"/desk/releases/{release_id}", status_code=303)
    p.web.sessions.save(response, p.session)
    return response


def conflict_message(p: Page, exc: review.Conflict, words: str = "changed_meanwhile") -> str:
    """Who changed the release first, in the editor's language and zone."""
    if exc.actor is None:
        return p.words(f"{words}_unknown")
    return p.words(
        words, action=p.words.action(exc.action), actor=exc.actor, at=p.words.date(exc.at)
    )


def _reason(p: Page) -> str:
    """The form's reason; none is refused here, in the editor's language."""
    reason = p.field("reason").strip()
    if not reason:
        raise ValueError(p.words("reason_required"))
    return reason


def _local_time(value: str, zone: tzinfo) -> datetime | None:
    """The desk's datetime-local field, read in `zone`."""
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not a date and time like 2026-11-25T09:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _skipped(value: str, zone: tzinfo) -> bool:
    """A wall time the clocks jump over ('28.03.2027 02:30' in Berlin): it reads as the moment
    an hour on, and the page says so."""
    moment = _local_time(value, zone)
    if moment is None or moment.tzinfo is not zone:
        return False
    wall = moment.replace(tzinfo=None)
    return moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall


@router.post("/{release_id}/approve")
def approve(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        # read in the zone every time on the desk is shown in, and named beside the field
        at = _local_time(p.field("at"), DESK_ZONE) if p.field("at") else None
        moment = now()
        if at is not None and at <= moment:
            raise ValueError(p.words("time_passed", at=p.words.date(at)))
        return review.approve(
            p.web.store, release_id, actor=p.user.name, now=moment, at=at, seen=_seen(p),
            again=p.field("again") == "yes",  # the withdrawn text's own confirmation box
        )  # fmt: skip

    return _decide(p, release_id, "approved", decide, scheduled_as=_scheduled_as(p, release_id))


def _scheduled_as(p: Page, release_id: str) -> str:
    """Why a scheduled release goes out at another time than typed, for the page to say: an
    embargo that ends later, or a time the clocks jump over."""
    try:
        at = _local_time(p.field("at"), DESK_ZONE)
    except ValueError:
        return "scheduled"  # the decision says what is wrong with it
    view = _view(p, release_id) if at is not None else None
    embargo = view.release.embargo_until if view is not None else None
    if embargo is not None and embargo > at:
        return "scheduled_embargo"
    if at is not None and _skipped(p.field("at"), DESK_ZONE):
        return "scheduled_skipped"
    return "scheduled"


@router.post("/{release_id}/unapprove")
def unapprove(release_id: str, p: Page = Depends(posted)) -> Response:
    """Cancel a scheduled (or any not yet published) approval: back to the queue."""

    def decide():
        return review.unapprove(
            p.web.store, release_id, actor=p.user.name, now=now(), seen=_seen(p)
        )

    return _decide(p, release_id, "unapproved", decide)


@router.post("/{release_id}/reject")
def reject(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        return review.reject(
            p.web.store,
            release_id,
            reason=_reason(p),
            actor=p.user.name,
            now=now(),
            seen=_seen(p),
        )

    return _decide(p, release_id, "rejected", decide)


@router.post("/{release_id}/withdraw")
def withdraw(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        return review.withdraw(
            p.web.store,
            release_id,
            reason=_reason(p),
            actor=p.user.name,
            now=now(),
            seen=_seen(p),
        )

    return _decide(p, release_id, "withdrawn", decide)


@router.get("/{release_id}/edit")
def edit_form(release_id: str, p: Page = Depends(editor)) -> Response:
    view = _view(p, release_id)
    if view is None:
        return p.render("message.html", 404, title=p.words("error"), message=p.words("not_found"))
    typed = form_fields(view.release)
    return p.render(
        "edit.html",
        view=view,
        version=view.version,
        typed=typed,
        base=typed,
        error=None,
        zone=DESK_ZONE.key,
        max_title=MAX_HEADLINE,
    )


EDIT_FIELDS = ("title", "teaser", "body", "categories", "embargo")


def form_fields(release) -> dict[str, str]:
    """The edit form's fields as the release has them; the embargo in the desk's zone."""
    embargo = release.embargo_until
    return {
        "title": release.title,
        "teaser": release.teaser,
        "body": to_markdown(release.body_html),
        "categories": ", ".join(release.categories),
        "embargo": embargo.astimezone(DESK_ZONE).strftime("%Y-%m-%dT%H:%M") if embargo else "",
    }


def _same(first: str, second: str) -> bool:
    """Equal as a form sends them back (a browser sends a textarea's line ends as CRLF)."""
    return folded_markdown(first) == folded_markdown(second)


def merged_by_field(
    base: dict[str, str | None], typed: dict[str, str], current: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """A three-way merge by field: what the editor left as the form showed it follows the
    current version, what they typed stays. Also the fields both changed, differently: those
    the editor compares before saving again. A form without its base counts as all typed."""
    merged, clashes = {}, []
    for name in EDIT_FIELDS:
        untouched = base.get(name) is not None and _same(typed[name], base[name])
        merged[name] = current[name] if untouched else typed[name]
        if not untouched and not _same(typed[name], current[name]):
            if base.get(name) is None or not _same(current[name], base[name]):
                clashes.append(name)
    return merged, clashes


@router.post("/{release_id}/edit")
def edit(release_id: str, p: Page = Depends(posted)) -> Response:
    view = _view(p, release_id)
    if view is None:
        return p.render("message.html", 404, title=p.words("error"), message=p.words("not_found"))
    typed = {name: p.field(name) for name in EDIT_FIELDS}
    base = {name: p.form.get(f"base-{name}") for name in EDIT_FIELDS}
    if p.field("preview"):  # shown, not saved: works without JavaScript
        return p.render(
            "edit.html", view=view, version=p.field("version"), typed=typed, base=base,
            error=None, zone=DESK_ZONE.key, max_title=MAX_HEADLINE,
            preview=linked_body(to_html(typed["body"]), "nofollow noopener"),
        )  # fmt: skip
    action = review.correct if view.first_published_at is not None else review.edit

    def decide():
        body = {"body": typed["body"]} if "body" in p.form else {"text": p.field("text")}
        # read in the zone the desk shows times in, as the field's label says; a field left as
        # the form showed it keeps the embargo to the second
        embargo = {}
        if "embargo" in p.form and typed["embargo"] != form_fields(view.release)["embargo"]:
            embargo = {"embargo_until": _local_time(typed["embargo"], DESK_ZONE)}
        return action(
            p.web.store,
            release_id,
            title=typed["title"],
            teaser=typed["teaser"],
            categories=typed["categories"].split(","),
            media=edited_media(p, view.release.media),
            actor=p.user.name,
            now=now(),
            seen=_seen(p),
            **body,
            **embargo,
        )

    try:
        return _decide(
            p, release_id, "edited", decide, keep_conflicts=True, edited_as=_edited_as(p, view)
        )
    except review.Conflict as exc:
        # what the editor typed stays in the form, the rest follows the current version, and
        # where both changed a field the current text stands beside theirs: saving again then
        # replaces only what they chose to
        current = _view(p, release_id) or view
        theirs = form_fields(current.release)
        merged, clashes = merged_by_field(base, typed, theirs)
        return p.render(
            "edit.html", 409, view=current, version=current.version, typed=merged, base=theirs,
            theirs={name: theirs[name] for name in clashes}, changed_by=exc.actor,
            zone=DESK_ZONE.key, max_title=MAX_HEADLINE,
            error=conflict_message(p, exc, "changed_meanwhile_edit"),
            error_title=p.words("conflict"),
        )  # fmt: skip


def _edited_as(p: Page, view) -> str:
    """'edited_skipped' when the embargo typed is a wall time the clocks jump over."""
    typed = p.field("embargo")
    if "embargo" not in p.form or typed == form_fields(view.release)["embargo"]:
        return "edited"
    try:
        return "edited_skipped" if _skipped(typed, DESK_ZONE) else "edited"
    except ValueError:
        return "edited"  # the decision says what is wrong with it


MEDIA_FIELDS = ("caption", "credit", "alt", "license")


def edited_media(p: Page, media: tuple[Media, ...]) -> tuple[Media, ...] | None:
    """The release's media as the form left them: texts edited, some left out, the chosen lead
    photo first. None when the form has no media fields (the media stay as they are)."""
    if p.field("media_count") != str(len(media)):
        return None
    kept = []
    lead = p.field("lead")
    for index, item in enumerate(media):
        if p.field(f"media-{index}-sha") != (item.sha256 or ""):
            return None  # another revision's media: leave them alone
        if p.field(f"media-{index}-drop"):
            continue
        texts = {name: p.field(f"media-{index}-{name}") for name in MEDIA_FIELDS}
        edited = item.model_copy(update=texts)
        if lead == str(index) and item.is_image:
            kept.insert(0, edited)
        else:
            kept.append(edited)
    return tuple(kept)


@router.post("/{release_id}/reopen")
def reopen(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        return review.reopen(p.web.store, release_id, actor=p.user.name, now=now(), seen=_seen(p))

    return _decide(p, release_id, "reopened", decide)


@router.post("/{release_id}/keep")
def keep(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        return review.keep_both(
            p.web.store, release_id, actor=p.user.name, now=now(), seen=_seen(p)
        )

    return _decide(p, release_id, "kept", decide)


@router.post("/{release_id}/merge")
def merge(release_id: str, p: Page = Depends(posted)) -> Response:
    def decide():
        return review.merge(
            p.web.store,
            release_id,
            into=p.field("into"),
            actor=p.user.name,
            now=now(),
            seen=_seen(p),
        )

    return _decide(p, release_id, "merged", decide)
