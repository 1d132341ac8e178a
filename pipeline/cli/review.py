"""The editor's commands: queue, show, approve, reject, withdraw."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from pipeline.cli.content import _print_release
from pipeline.cli.shell import _ctx, _fail, _now, out
from pipeline.cli.views import view_json
from pipeline.errors import InvalidTransition, NotFound
from pipeline.models import State


def _state(value: str | None) -> State | None:
    if value is None:
        return None
    try:
        return State(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r}; use one of {', '.join(s.value for s in State)}", param_hint="--state"
        ) from None


def queue(
    ctx: typer.Context,
    state: Annotated[
        str | None, typer.Option("--state", help="Only releases in this state.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List releases, newest first (default: all states)."""
    chosen = _state(state)
    with _ctx(ctx).store() as store:
        views = store.queue(chosen, source, limit)
    if as_json:
        print(json.dumps([view_json(view) for view in views], ensure_ascii=False, indent=2))
        return
    table = Table("state", "source", "title", "received", "problems")
    table.add_column("id", no_wrap=True)  # ids are copied into approve/reject: never cut them
    for view in views:
        table.add_row(
            view.state.value,
            view.release.source,
            view.release.title,
            view.created_at.strftime("%Y-%m-%d %H:%M"),
            "; ".join(f"{p.field}: {p.message}" for p in view.release.errors),
            view.release.id,
        )
    out.print(table)


def show(
    ctx: typer.Context,
    release_id: Annotated[
        str, typer.Argument(metavar="ID", help="Release id (or a unique prefix).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one release with its state, problems and history."""
    with _ctx(ctx).store() as store:
        try:
            view = store.get(release_id)
        except NotFound as exc:
            raise _fail(str(exc)) from None
    if as_json:
        print(json.dumps(view_json(view, history=True), ensure_ascii=False, indent=2))
        return
    out.print(f"[dim]state:[/dim] {view.state.value}  [dim]revision:[/dim] {view.revision}")
    if view.reason:
        out.print(f"[dim]reason:[/dim] {view.reason}", highlight=False)
    _print_release(view.release)
    out.print("\n[dim]history:[/dim]")
    for event in view.events:
        out.print(
            f"  {event.at.isoformat()} {event.actor}: {event.action} → {event.to_state}"
            + (f" ({event.note})" if event.note else ""),
            highlight=False,
        )


def _decide(ctx: typer.Context, action) -> None:
    with _ctx(ctx).store() as store:
        try:
            view = action(store)
        except (NotFound, InvalidTransition, ValueError) as exc:
            raise _fail(str(exc)) from None
    out.print(f"{view.release.id}: {view.state.value}", highlight=False)


def _parse_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date-time", param_hint="--at") from None
    if moment.tzinfo is None:
        raise typer.BadParameter(
            f"{value!r} has no time zone; add one, e.g. {value}+01:00", param_hint="--at"
        )
    return moment


def approve(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    at: Annotated[
        str | None, typer.Option("--at", help="Publish at this ISO date-time (with offset).")
    ] = None,
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Approve a release for the next publish, or for a later time with --at."""
    from pipeline.review import approve as do_approve

    moment = _parse_at(at)
    _decide(ctx, lambda store: do_approve(store, release_id, actor=actor, now=_now(), at=moment))


def reject(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Reject a release; it stays in the store with the reason."""
    from pipeline.review import reject as do_reject

    _decide(ctx, lambda store: do_reject(store, release_id, reason=reason, actor=actor, now=_now()))


def withdraw(
    ctx: typer.Context,
    release_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the audit trail).")],
    actor: Annotated[str, typer.Option("--as", help="Who decides (audit trail).")] = "cli",
) -> None:
    """Withdraw a published release from every feed at the next publish."""
    from pipeline.review import withdraw as do_withdraw

    _decide(
        ctx, lambda store: do_withdraw(store, release_id, reason=reason, actor=actor, now=_now())
    )


def register(app: typer.Typer) -> None:
    app.command()(queue)
    app.command()(show)
    app.command()(approve)
    app.command()(reject)
    app.command()(withdraw)
