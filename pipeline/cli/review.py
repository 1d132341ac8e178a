"""The editor's commands: queue, show, approve, reject, withdraw, reopen."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from pipeline.cli.shell import MelderCommand, _ctx, _fail, _now, err, escape, out, print_table
from pipeline.errors import InvalidTransition, NotFound

if TYPE_CHECKING:
    from pipeline.states import State


def _state(value: str | None) -> State | None:
    from pipeline.states import State

    if value is None:
        return None
    try:
        return State(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r}; use one of {', '.join(s.value for s in State)}", param_hint="--state"
        ) from None


def state_label(state: str, pending: str | None) -> str:
    """The state as an editor reads it: a live release's waiting correction, and a withdrawn
    one's new revision, are named."""
    if state == "published" and pending:
        return f"published (correction {pending})"
    if state == "withdrawn" and pending:
        return f"withdrawn (new revision {pending})"
    return state


def _goes_out(view, moment: datetime) -> str:
    if moment <= _now():
        return "at the next publish"
    why = "embargo" if view.release.embargo_until == moment else "approved for then"
    return f"{moment.isoformat(timespec='minutes')} ({why})"


def queue(
    ctx: typer.Context,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="STATE",
            help="Only releases in this state: received, invalid, queued (waiting for an "
            "editor, corrections of live releases too), approved, published, rejected, withdrawn.",
        ),
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List releases, newest first (default: all states).

    Examples:

    \b
      melder queue --state queued
      melder queue --source stadt --json | jq '.[].title'
      melder queue | grep Radweg
    """

    # what the editor types most starts fast: no pydantic, and no SQLAlchemy for a current
    # SQLite store (`pipeline.store.listing`); every other store goes through the `Store`
    from pipeline.cli.views import view_json
    from pipeline.config.peek import schedule_zone, source_names
    from pipeline.store.listing import read_queue

    chosen = _state(state)
    context = _ctx(ctx)
    known = source_names(context.root)
    if source is not None and source not in known:
        raise _fail(
            f"unknown source {source!r}; known sources: {', '.join(sorted(known)) or 'none'}"
        )
    url = context.database_url()
    listed = read_queue(url, chosen and chosen.value, source, limit)
    if listed is None:
        with context.store(read_only=True) as store:
            listed = store.queue(chosen, source, limit)
    entries = [view_json(view) for view in listed]
    if as_json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    zone = schedule_zone(context.root)
    rows = [
        [
            state_label(entry["state"], entry["pending"]),
            entry["source"],
            # an input too broken for a headline is named by where it came from
            entry["title"] or f"({entry['identity']})",
            datetime.fromisoformat(entry["received_at"])
            .astimezone(zone)
            .strftime("%Y-%m-%d %H:%M %Z"),
            "; ".join(
                [f"{p['field']}: {p['message']}" for p in entry["errors"]]
                # held until an editor merges or keeps it, as the desk marks it
                + (
                    [f"possible duplicate of {entry['duplicate_of']}"]
                    if entry["duplicate_of"]
                    else []
                )
            ),
            entry["id"],
        ]
        for entry in entries
    ]
    print_table(["state", "source", "title", "received", "problems", "id"], rows)


def show(
    ctx: typer.Context,
    release_id: Annotated[
        str, typer.Argument(metavar="ID", help="Release id (or a unique prefix).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one release with its state, problems and history.

    Examples:

    \b
      melder show 3f2a9c1d
      melder show 3f2a --json
    """
    from pipeline.cli.checks import _print_release
    from pipeline.cli.views import view_json
    from pipeline.config.peek import schedule_zone
    from pipeline.review import goes_out_at
    from pipeline.states import State

    with _ctx(ctx).store(read_only=True) as store:
        try:
            view = store.get(release_id)
        except NotFound as exc:
            raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(view_json(view, history=True), ensure_ascii=False, indent=2))
        return
    label = state_label(view.state.value, view.pending)
    out.print(f"[dim]state:[/dim] {label}  [dim]revision:[/dim] {view.revision}")
    if view.live_revision is not None and view.state == State.PUBLISHED:
        out.print(
            f"[dim]live revision:[/dim] {view.live_revision}  {escape(view.public_name or '')}"
        )
    moment = goes_out_at(view, _now())
    if moment is not None:
        shown = _goes_out(view, moment.astimezone(_zone_of(ctx, view.release.id)))
        if _no_channel_takes(ctx, view.release) is not None:
            shown = "not until a channel in outputs/ takes it (its source, and its filters)"
        out.print(f"[dim]goes out at:[/dim] {escape(shown)}", highlight=False)
    if view.duplicate_of:
        out.print(f"[dim]possible duplicate of:[/dim] {view.duplicate_of}", highlight=False)
    if view.reason:
        out.print(f"[dim]reason:[/dim] {escape(view.reason)}", highlight=False)
    _print_release(view.release)
    out.print("\n[dim]history:[/dim]")
    zone = schedule_zone(_ctx(ctx).root)
    for event in view.events:
        out.print(escape(_history_line(event, zone)), highlight=False)


def _history_line(event, zone: ZoneInfo) -> str:
    """One audit event as the other tables show times: local, to the minute, the zone named."""
    from pipeline.review import scheduled_for

    def local(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")

    scheduled = scheduled_for(event.note)
    note = f"publish at {local(scheduled)}" if scheduled else event.note
    # the action, then the move it made, as the desk's audit table and the JSON name them;
    # a release's first move ("received → queued") names its action once
    if event.from_state == event.action:
        done = f"{event.action} → {event.to_state}"
    elif event.from_state is None:
        done = f"{event.action}, now {event.to_state}"
    else:
        done = f"{event.action}, {event.from_state} → {event.to_state}"
    line = f"  {local(event.at)} {event.actor}: {done}"
    return line + (f" ({note})" if note else "")


def _decide(ctx: typer.Context, action):
    with _ctx(ctx).store() as store:
        try:
            decided = action(store)
        except (NotFound, InvalidTransition, ValueError) as exc:
            raise _fail(str(exc)) from None
    out.print(escape(decided.message), highlight=False, soft_wrap=True)
    return decided


def _no_channel_takes(ctx: typer.Context, release) -> str | None:
    """Why no publish will take the release, when none will: it stays approved."""
    from pipeline.config import load_config
    from pipeline.runner.publishing import routing

    if routing(load_config(_ctx(ctx).root))(release):
        return None
    return (
        "no channel in outputs/ takes it (its source, or the filters: languages, categories, "
        "regions, exclude); it stays approved until one does"
    )


def _zone_of(ctx: typer.Context, release_id: str) -> ZoneInfo:
    """The time zone of the release's source: where a time without an offset is read."""
    from pipeline.config import load_config

    context = _ctx(ctx)
    with context.store() as store:
        try:
            source = store.get(release_id, history=False).release.source
        except NotFound as exc:
            raise _fail(str(exc)) from None
    config = load_config(context.root)
    found = config.sources.get(source)
    return found.zone if found else ZoneInfo("Europe/Berlin")


def parse_at(value: str, zone: ZoneInfo, now: datetime, *, force: bool) -> datetime:
    """`--at`: an ISO date or date-time; without an offset it is read in the source's zone.

    A time in the past is refused unless `force` (then it simply goes out at the next publish).
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date or date-time; use e.g. 2026-11-27, 2026-11-27T09:00 "
            "or 2026-11-27T09:00+01:00",
            param_hint="--at",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment <= now and not force:
        raise typer.BadParameter(
            f"{moment.isoformat(timespec='minutes')} is in the past; pass --force to publish "
            "at the next publish instead",
            param_hint="--at",
        )
    return moment


def approve(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID", help="Release id (or a prefix).")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="Publish at the first publish after this date or date-time "
            "(ISO; without an offset in the source's time zone).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Accept a past --at; republish a withdrawn text.")
    ] = False,
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Approve a release for the next publish, or for a later time with --at.

    Examples:

    \b
      melder approve 3f2a9c1d
      melder approve 3f2a9c1d --at 2026-12-01T09:00
      melder approve 3f2a9c1d --at 2026-12-01
    """
    from pipeline.review import approve as do_approve

    zone = _zone_of(ctx, release_id)
    now = _now()
    moment = parse_at(at, zone, now, force=force) if at is not None else None
    options = {"actor": actor, "now": now, "at": moment, "zone": zone, "again": force}
    decided = _decide(ctx, lambda store: do_approve(store, release_id, **options))
    if (unrouted := _no_channel_takes(ctx, decided.view.release)) is not None:
        err.print(f"warning: {escape(unrouted)}", highlight=False, soft_wrap=True)


def reject(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID", help="Release id (or a prefix).")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Reject a release (or a live release's waiting correction); it stays in the store.

    Examples:

    \b
      melder reject 3f2a9c1d --reason "Werbung, keine Pressemitteilung"
    """
    from pipeline.review import reject as do_reject

    _decide(ctx, lambda store: do_reject(store, release_id, reason=reason, actor=actor, now=_now()))


def withdraw(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID", help="Release id (or a prefix).")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Withdraw a live release from every feed at the next publish.

    Examples:

    \b
      melder withdraw 3f2a9c1d --reason "vom Absender zurückgezogen"
    """
    from pipeline.review import withdraw as do_withdraw

    _decide(
        ctx, lambda store: do_withdraw(store, release_id, reason=reason, actor=actor, now=_now())
    )


def reopen(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID", help="Release id (or a prefix).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Put a rejected release (or a rejected correction) back in the queue.

    Examples:

    \b
      melder reopen 3f2a9c1d
    """
    from pipeline.review import reopen as do_reopen

    _decide(ctx, lambda store: do_reopen(store, release_id, actor=actor, now=_now()))


def merge(
    ctx: typer.Context,
    release_id: Annotated[
        str, typer.Argument(metavar="ID", help="The possible duplicate (id or a prefix).")
    ],
    into: Annotated[
        str, typer.Option("--into", metavar="ID", help="The release it repeats: it gets the text.")
    ],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Merge a possible duplicate into the release it repeats, as that one's next revision.

    Examples:

    \b
      melder merge 7b1e0c2a --into 3f2a9c1d
    """
    from pipeline.review import merge as do_merge

    _decide(ctx, lambda store: do_merge(store, release_id, into=into, actor=actor, now=_now()))


def keep(
    ctx: typer.Context,
    release_id: Annotated[
        str, typer.Argument(metavar="ID", help="The possible duplicate (id or a prefix).")
    ],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Keep a possible duplicate as a release of its own; it then waits for review.

    Examples:

    \b
      melder keep 7b1e0c2a
    """
    from pipeline.review import keep_both

    _decide(ctx, lambda store: keep_both(store, release_id, actor=actor, now=_now()))


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(queue)
    app.command(cls=MelderCommand)(show)
    app.command(cls=MelderCommand)(approve)
    app.command(cls=MelderCommand)(reject)
    app.command(cls=MelderCommand)(withdraw)
    app.command(cls=MelderCommand)(reopen)
    app.command(cls=MelderCommand)(merge)
    app.command(cls=MelderCommand)(keep)
