"""Trying things before running them: `melder check` (config, database, remote sources) and
`melder extract` (the release Melder would make of one file or page).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.cli.shell import (
    Context,
    MelderCommand,
    _ctx,
    _fail,
    _now,
    err,
    escape,
    out,
    require_melder_folder,
)

if TYPE_CHECKING:
    from pipeline.config import SourceConfig


def check(
    ctx: typer.Context,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="Also reach every enabled remote source: test_url gives test_title, "
            "feeds parse, mailboxes log in.",
        ),
    ] = False,
) -> None:
    """Validate every config file; list each problem as `file: key: message`.

    Examples:

    \b
      melder check
      melder check --online
      melder --root /srv/melder check
    """
    context = _ctx(ctx)
    config = context.config()
    from pipeline.store.engine import database_problem
    from pipeline.store.writable import store_write_problem

    url = context.database_url()
    # a store the running user cannot write is named by its path, not by the setting
    problem = store_write_problem(url)
    if problem:
        message = problem
    elif problem := database_problem(url):
        message = f"(environment): MELDER_DATABASE_URL: {problem}"
    if problem:
        err.print(f"[red]{escape(message)}[/red]", highlight=False)
        config.problems.append(message)
    for message in _settings_problems():
        err.print(f"[red]{escape(message)}[/red]", highlight=False)
        config.problems.append(message)
    if online and not config.problems:
        from pipeline.ingest.online import online_problems

        for problem in online_problems(config):
            err.print(f"[red]{escape(problem)}[/red]", highlight=False, soft_wrap=True)
            config.problems.append(problem)
    config.warnings.extend(_misspelled_settings(config))
    for warning in config.warnings:
        err.print(f"[yellow]warning: {escape(warning)}[/yellow]", highlight=False, soft_wrap=True)
    if config.problems:
        err.print(f"{len(config.problems)} problem(s) found.")
        raise typer.Exit(1)
    out.print(
        f"ok: {len(config.sources)} source(s), {len(config.channels)} channel(s), "
        f"{len(config.schedule.jobs)} scheduled job(s) in {config.root}"
    )


def _settings_problems() -> list[str]:
    """The MELDER_* variables that `serve` and `run` would refuse, one line each."""
    from pydantic import ValidationError

    from pipeline.config.settings import Settings, settings_problems

    try:
        Settings()
    except ValidationError as exc:
        return [f"(environment): {line}" for line in settings_problems(exc)]
    return []


def _misspelled_settings(config) -> list[str]:
    """A MELDER_* variable that is no setting but nearly one (MELDER_DATABSE_URL): the store
    would silently be the default file. Variables the config names for credentials stay."""
    import difflib

    from pipeline.config.peek import ENV_PREFIX
    from pipeline.config.settings import Settings

    known = [f"{ENV_PREFIX}{name.upper()}" for name in Settings.model_fields]
    named = {
        value
        for item in [*config.sources.values(), *config.channels.values()]
        for value in _named_variables(item)
    }
    found = []
    for variable in sorted(os.environ):
        upper = variable.upper()
        if not upper.startswith(ENV_PREFIX) or upper in known or variable in named:
            continue
        if close := difflib.get_close_matches(upper, known, n=1, cutoff=0.8):
            found.append(f"(environment): {variable}: unknown setting; did you mean {close[0]}?")
    return found


def _named_variables(model) -> list[str]:
    """Every `*_env` value of a source or channel, nested tables and lists included."""
    from pydantic import BaseModel

    names = []
    for key, value in model:
        if key.endswith("_env") and isinstance(value, str):
            names.append(value)
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, BaseModel):
                names.extend(_named_variables(part))
    return names


def extract(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL",
            help="An input file (.html .txt .md .json .eml), or an http(s) URL fetched "
            "through Melder's guarded fetcher (robots.txt, size limits, no private addresses "
            "unless the source allows them).",
        ),
    ],
    source: Annotated[
        str | None, typer.Option("--source", help="Read it with this source's rules.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the release Melder would make of one file, without storing it.

    Examples:

    \b
      melder extract inbox/stadt/pm.html --source stadt
      melder extract pm.eml --json | jq .title
      melder extract https://www.stadt.example/presse/123 --source stadt
    """
    from pipeline.cli.views import release_json
    from pipeline.ingest.files import LINK_TO_NOTHING, NOT_A_FILE, not_utf8_note, readable_name
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    source_config = _source_or_default(_ctx(ctx), source)
    if file.startswith(("http://", "https://")):
        raw = _fetched(file, source or "extract", source_config)
    else:
        path = Path(file)
        shown = readable_name(file)
        if path.is_dir():
            raise _fail(f"{shown}: is a folder; give one input file (a source reads folders)")
        if path.is_symlink() and not path.exists():
            raise _fail(f"{shown}: {LINK_TO_NOTHING}")
        if path.exists() and not path.is_file():
            raise _fail(f"{shown}: {NOT_A_FILE}")
        if not path.is_file():
            hint = "; a URL must start with http:// or https://" if "://" in file else ""
            raise _fail(f"{shown}: no such file{hint}")
        context = InputContext(
            source=source or "extract",
            config=source_config,
            locator=shown,
            received_at=_now(),
            route="extract",
            folder=path.parent,
        )
        raw = read_input(path.read_bytes(), path.suffix, context)
        if shown != file:
            raw = raw.model_copy(update={"warnings": (*raw.warnings, not_utf8_note(shown))})
    release = normalize(raw, source_config)
    if as_json:
        print(json.dumps(release_json(release), ensure_ascii=False, indent=2))
    else:
        _print_release(release)
    if release.errors:
        raise typer.Exit(1)


def _fetched(url: str, name: str, source: SourceConfig):
    """A live page through the same guarded fetcher the `web` kind uses."""
    from pipeline.ingest.client import HttpClient
    from pipeline.ingest.http import FetchError, FetchPolicy
    from pipeline.ingest.pages import page_release

    client = HttpClient()
    try:
        page = client.get(url, FetchPolicy.for_source(name, source), conditional=False)
    except FetchError as exc:
        raise _fail(str(exc)) from None
    finally:
        client.close()
    return page_release(page, name=name, source=source, identity=url, route="web", now=_now())


def _source_or_default(context: Context, name: str | None) -> SourceConfig:
    from pipeline.config import SourceConfig

    if name is None:
        return SourceConfig(title="(extract)", kind="files")
    require_melder_folder(context.root)
    config = context.config()
    if name not in config.sources:
        known = ", ".join(sorted(config.sources)) or "none"
        raise _fail(f"unknown source {name!r}; known sources: {known}")
    return config.sources[name]


def _print_release(release) -> None:
    out.print(f"[bold]{escape(release.title or '(no title)')}[/bold]", highlight=False)
    for label, value in [
        ("id", release.id),
        ("language", release.language),
        ("published", release.published_at and release.published_at.isoformat()),
        ("embargo until", release.embargo_until and release.embargo_until.isoformat()),
        ("teaser", release.teaser),
    ]:
        if value:
            out.print(f"[dim]{label}:[/dim] {escape(str(value))}", highlight=False)
    out.print()
    out.print(escape(release.text), highlight=False)
    if release.links:
        out.print("\n[dim]links:[/dim]")
        for link in release.links:
            out.print(f"  {escape(link.url)}", highlight=False)
    if release.media:
        out.print("\n[dim]media (named by the input; `ingest` fetches and checks them):[/dim]")
        for media in release.media:
            texts = " · ".join(
                f"{name} {value!r}"
                for name, value in (("caption", media.caption), ("credit", media.credit))
                if value
            )
            out.print(f"  {escape(media.url or media.filename)}  {escape(texts)}", highlight=False)
    if release.contact:
        out.print(f"\n[dim]contact:[/dim]\n{escape(release.contact)}", highlight=False)
    for problem in release.errors:
        err.print(
            f"[red]error:[/red] {escape(problem.field)}: {escape(problem.message)}", highlight=False
        )
    for warning in release.warnings:
        err.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(check)
    app.command(cls=MelderCommand)(extract)
