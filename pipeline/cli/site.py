"""Starting and inspecting a Melder folder: `melder init DIR` and `melder config`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.shell import MelderCommand, _ctx, _fail, err, escape, out, print_table

SOURCE = """\
# One file per source: where releases come from. Every key: README "Sources".
title = "Stadt Beispielstadt – Pressestelle"
kind = "files"              # files | rss | web | imap | api
path = "inbox/stadt"        # read every .html .htm .txt .md .json .eml below this folder
review = "required"         # required: an editor decides; auto: trusted, approved on arrival
timezone = "Europe/Berlin"
"""
CHANNEL = """\
# One file per channel: what a portal gets, published into outputs/portal/.
title = "Pressemitteilungen"
description = "Pressemitteilungen aus der Region"
link = "https://portal.example/melder"   # where outputs/portal/ is served
language = "de"
sources = ["*"]

[disclaimer]
text = \"\"\"Im „Melder“ finden Sie Inhalte Dritter, die die Redaktion nicht geprüft hat. \\
Für die Inhalte ist allein {source_title} verantwortlich.\"\"\"
position = "top"
"""
SCHEDULE = """\
# What `melder run` does, and when (README "Schedule").
timezone = "Europe/Berlin"

[jobs.ingest]
every = "10m"

[jobs.publish]
every = "5m"
"""
SAMPLE = """\
Neue Öffnungszeiten im Bürgerbüro

Beispielstadt, 2. Dezember 2026. Das Bürgerbüro öffnet ab Januar auch donnerstags bis 19 Uhr.
Termine können ab sofort online oder telefonisch vereinbart werden.

Pressekontakt: Pressestelle der Stadt Beispielstadt
"""
FILES = {
    "sources/stadt.toml": SOURCE,
    "outputs/portal.toml": CHANNEL,
    "schedule.toml": SCHEDULE,
    "inbox/stadt/2026-12-02-buergerbuero.txt": SAMPLE,
    ".gitignore": "var/\noutputs/*/\n",
}


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The new Melder folder.")],
) -> None:
    """Start a Melder folder: one source with a sample release, one channel, a schedule.

    Examples:

    \b
      melder init /srv/melder && cd /srv/melder && melder check && melder run --once
    """
    if folder.exists() and any(folder.iterdir()):
        raise _fail(f"{folder} exists and is not empty; `melder init` only starts new folders")
    for relative, text in FILES.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    out.print(f"started {folder}: sources/stadt.toml, outputs/portal.toml, schedule.toml")
    out.print(f"next: cd {folder} && melder check && melder run --once", highlight=False)


SECRET = {"secret_key"}


def config(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print every effective setting with where it comes from (secrets masked).

    Deployment settings come from MELDER_* variables or their defaults; each source's and
    channel's keys from its TOML file, or the default Melder uses when the file leaves it out.

    Examples:

    \b
      melder config
      melder config | grep stadt
      melder config --json | jq '.[] | select(.origin == "default")'
    """
    from pipeline.config import load_config

    context = _ctx(ctx)
    rows = []
    settings = context.settings
    for name in type(settings).model_fields:
        variable = f"MELDER_{name.upper()}"
        value = getattr(settings, name)
        if name == "database_url":
            from pipeline.store.engine import shown_url

            value = shown_url(settings.database_url_for(context.root))
        if name == "root":
            value = context.root
        if name in SECRET:
            value = "(set)" if value else "(unset)"
        origin = f"env {variable}" if variable in os.environ else "default"
        rows.append({"key": name, "value": _shown(value), "origin": origin})
    loaded = load_config(context.root)
    for kind, items in (("sources", loaded.sources), ("outputs", loaded.channels)):
        for item_name, model in sorted(items.items()):
            rows.extend(_model_rows(f"{kind}.{item_name}", model, f"{kind}/{item_name}.toml"))
    rows.extend(_model_rows("schedule", loaded.schedule, "schedule.toml"))
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print_table(["origin", "key", "value"], [[r["origin"], r["key"], r["value"]] for r in rows])
    if loaded.problems:
        # a broken file's keys are not shown above: what runs is not what the file says
        for problem in loaded.problems:
            err.print(f"[red]{escape(problem)}[/red]", highlight=False, soft_wrap=True)
        err.print(
            f"{len(loaded.problems)} problem(s): these files are not in effect as written; "
            "`melder check` lists them"
        )
        raise typer.Exit(1)


def _model_rows(prefix: str, model, file: str) -> list[dict]:
    from pydantic import BaseModel

    rows = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        origin = file if name in model.model_fields_set else "default"
        if isinstance(value, BaseModel):
            rows.extend(_model_rows(f"{prefix}.{name}", value, file))
        elif (
            isinstance(value, dict) and value and isinstance(next(iter(value.values())), BaseModel)
        ):
            for key, item in value.items():
                rows.extend(_model_rows(f"{prefix}.{name}.{key}", item, file))
        else:
            rows.append({"key": f"{prefix}.{name}", "value": _shown(value), "origin": origin})
    return rows


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def register(app: typer.Typer) -> None:
    app.command(cls=MelderCommand)(init)
    app.command(cls=MelderCommand)(config)
