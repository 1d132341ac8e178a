"""`melder serve`, `melder user ...` and `melder token ...`: the web app's commands."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, tzinfo
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from pipeline.cli.shell import MelderCommand, MelderGroup, err, escape, out, print_table

user_app = typer.Typer(
    help="Desk users (editors and admins).", no_args_is_help=True, cls=MelderGroup
)
token_app = typer.Typer(help="API tokens of `api` sources.", no_args_is_help=True, cls=MelderGroup)


def _now() -> datetime:
    return datetime.now(UTC)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    dev: Annotated[
        bool,
        typer.Option(
            "--dev",
            help="Without MELDER_SECRET_KEY: use a throwaway key (sessions end on restart).",
        ),
    ] = False,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers",
            help="Take the client address and scheme from X-Forwarded-For/-Proto, only when the "
            "request comes from a --trusted-proxy.",
        ),
    ] = False,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trusted-proxy",
            metavar="ADDRESS",
            help="Address or network of the reverse proxy whose X-Forwarded-* headers count "
            "(repeatable; default 127.0.0.1). Anyone else's are ignored.",
        ),
    ] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log", help="Log every request (portals poll often).")
    ] = False,
) -> None:
    """Run the web app: review desk /desk, API /api/v1/, feeds /feeds/<channel>/, /healthz.

    Examples:

    \b
      melder serve --host 127.0.0.1 --port 8000
      melder serve --dev
      melder serve --proxy-headers --trusted-proxy 10.0.0.2
    """
    import uvicorn

    from pipeline.errors import ConfigError
    from pipeline.web import create_app
    from pipeline.web.security import MIN_KEY_LENGTH

    context = ctx.obj
    settings = context.settings
    if len(settings.secret_key) < MIN_KEY_LENGTH:
        if not dev:
            raise _fail(
                f"MELDER_SECRET_KEY must be set to at least {MIN_KEY_LENGTH} random characters, "
                "e.g. `export MELDER_SECRET_KEY=$(python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')`; for a local trial use `melder serve --dev`"
            )
        err.print("[yellow]warning:[/yellow] --dev: throwaway secret key, not for production")
        import secrets

        settings = settings.model_copy(update={"secret_key": secrets.token_urlsafe(48)})
    _refuse_busy_port(host, port)
    try:
        app = create_app(context.root, settings)
    except ConfigError as exc:
        raise _fail("; ".join(exc.problems)) from None
    uvicorn.run(
        app,
        host=host,
        port=port,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=",".join(trusted_proxy or ["127.0.0.1"]),
        server_header=False,
        access_log=access_log,
    )


def _operator_zone(ctx: typer.Context) -> tzinfo:
    """The schedule's zone, in which tables show times; UTC while the config cannot be read."""
    try:
        return ZoneInfo(ctx.obj.config().schedule.timezone)
    except Exception:  # a broken TOML must not hide the tokens: `melder check` says why
        return UTC


def _shown(moment: datetime | None, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z") if moment else ""


def _json_value(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _refuse_busy_port(host: str, port: int) -> None:
    """Say it plainly before uvicorn would exit with its own code 3."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise _fail(
            f"cannot listen on {host}:{port}: {exc.strerror}; is another `melder serve` "
            "running there? Choose another with --port"
        ) from None


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise _fail(
            "no terminal to ask for the password; pipe it in with --password-stdin, "
            'e.g. `printf %s "$PASSWORD" | melder user add NAME --password-stdin`'
        )
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command("add", cls=MelderCommand)
def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name (lower-case letters, digits, - _).")],
    role: Annotated[str, typer.Option("--role", help="editor or admin.")] = "editor",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a desk user; the password is asked for (or read with --password-stdin).

    Examples:

    \b
      melder user add erika --role editor
      printf %s "$PASSWORD" | melder user add erika --password-stdin
    """
    from pipeline.store import users

    if role not in users.ROLES:
        raise typer.BadParameter(f"{role!r}; use editor or admin", param_hint="--role")
    with ctx.obj.store() as store:
        try:
            user = users.add_user(store, name, role, _password(password_stdin), now=_now())
        except users.UserError as exc:
            raise _fail(str(exc)) from None
    out.print(f"user {user.name} ({user.role}) added", highlight=False)


@user_app.command("password", cls=MelderCommand)
def user_password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name of an existing user.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password for a desk user; every session of that user ends at once.

    Examples:

    \b
      melder user password erika
      printf %s "$PASSWORD" | melder user password erika --password-stdin
    """
    from pipeline.store import users

    with ctx.obj.store() as store:
        try:
            user = users.set_password(store, name, _password(password_stdin))
        except users.UserError as exc:
            raise _fail(str(exc)) from None
    out.print(f"password of {user.name} changed; their desk sessions have ended", highlight=False)


@user_app.command("list", cls=MelderCommand)
def user_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """List desk users.

    Examples:

    \b
      melder user list
    """
    from pipeline.store import users

    with ctx.obj.store(read_only=True) as store:
        found = users.list_users(store)
    if as_json:
        print(json.dumps({"users": [{"name": u.name, "role": u.role} for u in found]}))
        return
    print_table(["name", "role"], [[user.name, user.role] for user in found])


@token_app.command("create", cls=MelderCommand)
def token_create(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="A source of kind `api`.")],
    label: Annotated[str | None, typer.Option("--label", help="A note: who uses it.")] = None,
) -> None:
    """Make a token for SOURCE and print it once; only its hash is kept.

    Examples:

    \b
      melder token create stadt-api --label "Pressestelle"
    """
    from pipeline.store import users

    config = ctx.obj.config()
    with ctx.obj.store() as store:
        try:
            token, secret = users.create_token(store, config, source, now=_now(), label=label)
        except users.UserError as exc:
            raise _fail(str(exc)) from None
    err.print(f"token {token.id} for {source}; copy it now, it is not shown again:")
    print(secret)


@token_app.command("list", cls=MelderCommand)
def token_list(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """List tokens (never their secrets).

    Examples:

    \b
      melder token list
      melder token list --source stadt-api
    """
    from pipeline.store import users

    with ctx.obj.store() as store:
        tokens = users.list_tokens(store, source)
    if as_json:
        keys = ("id", "source", "hint", "label", "created_at", "last_used_at", "revoked_at")
        data = [{key: _json_value(getattr(token, key)) for key in keys} for token in tokens]
        print(json.dumps({"tokens": data}, ensure_ascii=False))
        return
    zone = _operator_zone(ctx)
    rows = [
        [
            str(token.id),
            token.source,
            token.hint + "…",
            token.label or "",
            *(_shown(moment, zone) for moment in (token.created_at, token.last_used_at)),
            _shown(token.revoked_at, zone),
        ]
        for token in tokens
    ]
    print_table(["id", "source", "starts with", "label", "created", "last used", "revoked"], rows)


@token_app.command("revoke", cls=MelderCommand)
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(metavar="ID", help="The id from `token list`.")],
) -> None:
    """Revoke a token at once; requests with it get 401 from now on.

    Examples:

    \b
      melder token revoke 3
    """
    from pipeline.store import users

    with ctx.obj.store() as store:
        try:
            token = users.revoke_token(store, token_id, now=_now())
        except users.UserError as exc:
            raise _fail(str(exc)) from None
    out.print(f"token {token.id} of {token.source} revoked", highlight=False)


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(serve)
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
