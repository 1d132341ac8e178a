"""The desk's queue (`/desk/`) and its bulk decisions.

A dense, paged list like a CMS's list table: newest arrival first (then id), 50/100/200 a page
read as keyset pages, counts that follow the filters, and the columns an editor decides by
(release date, embargo and when it goes out, source, warnings). Bulk approve and reject ask
once; an approval waits UNDO_SECONDS before any publish may take it, and can be taken back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import RedirectResponse, Response

from pipeline import review
from pipeline.errors import InvalidTransition, NotFound
from pipeline.models import State
from pipeline.store import ReleaseView
from pipeline.web.decisions import conflict_message
from pipeline.web.desk import Page, _next, _notice, editor, posted
from pipeline.web.state import now

router = APIRouter(prefix="/desk", include_in_schema=False)
PER_PAGE = (50, 100, 200)
UNDO_SECONDS = 10
TEASER_CHARS = 160


@dataclass(frozen=True)
class Row:
    view: ReleaseView
    source_title: str
    goes_out_at: datetime | None
    embargoed: bool  # the embargo lies ahead
    version: int | None  # set when the release waits for a decision the queue can make

    @property
    def teaser(self) -> str:
        text = self.view.release.teaser or self.view.release.text
        return text if len(text) <= TEASER_CHARS else text[: TEASER_CHARS - 1].rstrip() + "…"


@router.get("/")
def queue(
    p: Page = Depends(editor),
    state: str | None = None,
    source: str = "",
    language: str = "",
    q: str = "",
    per: int = 50,
    after: str = "",
    before: str = "",
    start: int = 0,
    done: str = "",
    batch: str = "",
) -> Response:
    store, config, moment = p.web.store, p.web.config(), now()
    if state is None:  # a search looks everywhere unless a state is asked for
        state = "" if q.strip() else State.QUEUED.value
    chosen = State(state) if state in {s.value for s in State} else None
    per = per if per in PER_PAGE else PER_PAGE[0]
    languages = store.languages()
    # a typed `?language=DE` or `he` finds the stored code however it is written
    language = next(
        (code for code in languages if code.lower() == language.strip().lower()),
        language.strip().lower(),
    )
    filters = {"source": source or None, "language": language or None, "text": q or None}
    views = store.search(state=chosen, limit=per, **filters, **_keyset(p, after, before))
    counts = store.counts(**filters)
    # a correction waiting on a live release counts as waiting, yet is a release only once
    every = store.count(**filters) if chosen is None else 0
    total = counts[chosen.value] if chosen else every
    start = max(0, min(start, total))
    here = {"state": state, "source": source, "language": language, "q": q, "per": per}
    pages = {
        "newer": _link(here, before=views[0].release.id, start=max(0, start - per))
        if views and start > 0
        else None,
        "older": _link(here, after=views[-1].release.id, start=start + per)
        if views and start + len(views) < total
        else None,
    }
    enabled = {name: s for name, s in config.sources.items() if s.enabled}
    return p.render(
        "queue.html",
        rows=[_row(view, config, moment) for view in views],
        counts=counts,
        total=total,
        all_count=every or store.count(**filters),
        first=start + 1 if views else 0,
        last=start + len(views),
        pages=pages,
        per_page=PER_PAGE,
        states=[s.value for s in State],
        sources=sorted(enabled.items(), key=lambda item: item[1].title.casefold()),
        languages=languages,
        filters=here,
        link=lambda **changes: _link({**here, **changes}),
        notice=_notice(p.words, done) or _bulk_notice(p, done),
        undo=batch if done.startswith("bulk-approved:") else "",
        here=_link(here, start=start, **({"after": after} if after else {})),
    )


def _keyset(p: Page, after: str, before: str) -> dict:
    """The (arrival, id) of the release a page continues from, if it still exists."""
    for name, release_id in (("after", after), ("before", before)):
        if release_id:
            try:
                view = p.web.store.get(release_id, history=False)
            except NotFound:
                return {}
            return {name: (view.created_at, view.release.id)}
    return {}


def _row(view: ReleaseView, config, moment: datetime) -> Row:
    source = config.sources.get(view.release.source)
    embargo = view.release.embargo_until
    return Row(
        view=view,
        source_title=source.title if source else view.release.source,
        goes_out_at=review.goes_out_at(view, moment),
        embargoed=embargo is not None and embargo > moment,
        version=view.version if view.waiting and not view.duplicate_of else None,
    )


def _link(values: dict, **changes) -> str:
    merged = {**values, **changes}
    shown = {key: value for key, value in merged.items() if value not in ("", None, 0)}
    if merged.get("state") == "":
        shown["state"] = ""  # "all states" must survive the round trip
    return "/desk/?" + urlencode(shown)


def _bulk_notice(p: Page, done: str) -> str | None:
    kind, _, count = done.partition(":")
    if kind in ("bulk-approved", "bulk-rejected", "undone") and count.isdigit():
        return p.words(kind.replace("-", "_"), count=count, seconds=UNDO_SECONDS)
    return None


# --- bulk decisions ------------------------------------------------------------------------


@router.post("/bulk")
def bulk(p: Page = Depends(posted)) -> Response:
    """Approve or reject the ticked rows (or the one row whose button was pressed): several
    ask for a confirmation first; approvals wait UNDO_SECONDS before they can go out."""
    single = p.field("only")  # a row's own ✓ button (or the key a): approve that one
    action = "approve" if single else p.field("action")
    ids = [single] if single else [str(v) for v in p.form.getlist("ids") if isinstance(v, str)]
    back = _next(p.field("next"))
    if action not in ("approve", "reject") or not ids:
        return RedirectResponse(back, status_code=303)
    reason = p.field("reason").strip()
    if action == "reject" and not reason:
        return _confirm(p, action, ids, back, error=p.words("reason_required"))
    if len(ids) > 1 and not p.field("confirmed"):
        return _confirm(p, action, ids, back)
    moment, done, failed = now(), 0, []
    for release_id in ids[: max(PER_PAGE)]:
        version = p.field(f"version-{release_id}")
        seen = int(version) if version.isdigit() else None
        try:
            if action == "approve":
                hold = moment + timedelta(seconds=UNDO_SECONDS)
                review.approve(
                    p.web.store, release_id, actor=p.user.name, now=moment, at=hold, seen=seen
                )
            else:
                review.reject(
                    p.web.store, release_id, reason=reason, actor=p.user.name, now=moment, seen=seen
                )
            done += 1
        except review.Conflict as exc:
            failed.append(_failure(p, release_id, conflict_message(p, exc)))
        except (InvalidTransition, NotFound, ValueError) as exc:
            failed.append(_failure(p, release_id, str(exc)))
    if failed:
        return p.render("message.html", 409, title=p.words("bulk_partly"), failures=failed)
    kind = "bulk-approved" if action == "approve" else "bulk-rejected"
    target = _with(back, done=f"{kind}:{done}", batch=moment.isoformat())
    row = p.field("focus")
    return RedirectResponse(target + (f"#row-{row}" if row else ""), status_code=303)


@dataclass(frozen=True)
class Failure:
    """A release a bulk decision could not decide, named as the queue names it."""

    release_id: str
    headline: str
    link: str | None
    message: str


def _failure(p: Page, release_id: str, message: str) -> Failure:
    try:
        release = p.web.store.get(release_id, history=False).release
    except NotFound:  # an id the form made up: nothing to link to
        return Failure(release_id, release_id, None, message)
    headline = release.title or release.identity.rsplit("/", 1)[-1] or release_id
    return Failure(release_id, headline, f"/desk/releases/{release_id}", message)


def _confirm(p: Page, action: str, ids: list[str], back: str, error: str | None = None):
    views = []
    for release_id in ids[: max(PER_PAGE)]:
        try:
            views.append(p.web.store.get(release_id, history=False))
        except NotFound:
            continue
    return p.render(
        "bulk.html",
        422 if error else 200,
        action=action,
        views=views,
        back=back,
        reason=p.field("reason"),
        versions={v.release.id: p.field(f"version-{v.release.id}") for v in views},
        error=error,
        seconds=UNDO_SECONDS,
    )


@router.post("/bulk/undo")
def undo(p: Page = Depends(posted)) -> Response:
    """Take back a bulk approval of this editor that has not gone out."""
    back = _next(p.field("next"))
    try:
        batch = datetime.fromisoformat(p.field("batch"))
    except ValueError:
        return RedirectResponse(back, status_code=303)
    undone = 0
    for release_id in p.web.store.decided_together(p.user.name, batch, "approved"):
        try:
            review.unapprove(p.web.store, release_id, actor=p.user.name, now=now())
            undone += 1
        except (review.Conflict, InvalidTransition, NotFound):
            continue  # published already, or decided again since
    return RedirectResponse(_with(back, done=f"undone:{undone}"), status_code=303)


def _with(target: str, **values: str) -> str:
    separator = "&" if "?" in target else "?"
    return f"{target}{separator}{urlencode(values)}"
