"""Reading the content configuration: sources/*.toml, outputs/*.toml and schedule.toml.

Everything is parsed once into the models of `config.models`. `load_config` never stops at the
first mistake: it returns the config it could build plus every problem found, each as
`file: key: message` so that `melder check` can list them all at once.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from pipeline.config.cron import cron_problem
from pipeline.config.kinds import SOURCE_KINDS
from pipeline.config.mailbox import imap_problems
from pipeline.config.models import (
    ChannelConfig,
    Config,
    JobConfig,
    ScheduleConfig,
    SourceConfig,
)
from pipeline.config.peek import NAME_RE
from pipeline.config.values import own_folder_problem, template_problems


def _read_toml(path: Path, root: Path, problems: list[str]) -> dict | None:
    shown = _shown(path, root)
    try:
        # utf-8-sig: Windows editors save a byte-order mark that TOML itself does not allow
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{shown}: (syntax): {exc}; fix the TOML syntax there")
    except UnicodeDecodeError as exc:
        problems.append(f"{shown}: (encoding): not UTF-8 ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        problems.append(f"{shown}: (file): cannot read: {exc.strerror}")
    return None


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _describe(exc: ValidationError, model: type[BaseModel], shown: str) -> list[str]:
    lines = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "(file)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key" + _did_you_mean(error["loc"], model)
        elif error["type"] == "missing":
            message = "required key is missing"
        elif error["type"] == "literal_error":
            message = f"{message}, got {error['input']!r}"
        elif error["type"] in PLAIN_WORDS:
            wanted = PLAIN_WORDS[error["type"]].format(**error.get("ctx", {}))
            message = f"{wanted}, got {error['input']!r}"
        lines.append(f"{shown}: {key}: {message}")
    return lines


# pydantic's wording ('Input should be greater than 0') as a config file's reader says it
PLAIN_WORDS = {
    "greater_than": "must be a number above {gt:g}",
    "greater_than_equal": "must be a number of {ge:g} or more",
    "less_than": "must be a number below {lt:g}",
    "less_than_equal": "must be a number of {le:g} or less",
    "int_parsing": "must be a whole number (no quotes)",
    "int_type": "must be a whole number (no quotes)",
    "float_parsing": "must be a number (no quotes)",
    "bool_parsing": "must be true or false (no quotes)",
    "bool_type": "must be true or false (no quotes)",
    "string_type": "must be text in quotes",
}


def _did_you_mean(loc: tuple, model: type[BaseModel]) -> str:
    target: type[BaseModel] | None = model
    for part in loc[:-1]:
        info = target.model_fields.get(str(part)) if target else None
        annotation = info.annotation if info else None
        target = (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    known = list(target.model_fields) if target else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; known keys: {', '.join(known)}" if known else ""


def _load_model(path: Path, root: Path, model: type[BaseModel], problems: list[str]):
    return _load_model_and_data(path, root, model, problems)[0]


def _load_model_and_data(path: Path, root: Path, model: type[BaseModel], problems: list[str]):
    """(the model or None, the file's table): with the table, checks of their own still run on
    a file whose model failed, so that one run of `melder check` lists every mistake."""
    data = _read_toml(path, root, problems)
    if data is None:
        return None, None
    try:
        return model.model_validate(data), data
    except ValidationError as exc:
        problems.extend(_describe(exc, model, _shown(path, root)))
        return None, data


def _named_files(folder: Path, root: Path, problems: list[str]) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    named = []
    for path in sorted(folder.glob("*.toml")):
        name = path.stem
        if not NAME_RE.match(name):
            problems.append(
                f"{_shown(path, root)}: (name): {name!r} is not a usable name; "
                "use lower-case letters, digits, '-' and '_'"
            )
            continue
        named.append((name, path))
    return named


def load_config(root: Path, known_kinds: frozenset[str] | None = None) -> Config:
    """Read every config file under `root`; problems are collected, never raised."""
    kinds = known_kinds if known_kinds is not None else SOURCE_KINDS
    root = root.resolve()
    config = Config(root=root)
    problems = config.problems
    if not (root / "sources").is_dir() and not (root / "outputs").is_dir():
        problems.append(
            f"{root}: (root): no sources/ or outputs/ folder here; "
            "run melder in a Melder folder or pass --root DIR"
        )
    for name, path in _named_files(root / "sources", root, problems):
        known_before = len(problems)
        source, data = _load_model_and_data(path, root, SourceConfig, problems)
        if source is not None:
            problems.extend(_source_problems(name, source, path, config, kinds))
            config.sources[name] = source
            continue
        if isinstance(data, dict):
            problems.extend(_table_problems(data, _shown(path, root), kinds))
        if not (isinstance(data, dict) and data.get("enabled") is False):
            config.unreadable_sources[name] = problems[known_before]
    for name, path in _named_files(root / "outputs", root, problems):
        channel, data = _load_model_and_data(path, root, ChannelConfig, problems)
        if channel is not None:
            problems.extend(_channel_problems(channel.sources, path, config, channel))
            config.channels[name] = channel
        elif isinstance(data, dict) and isinstance(data.get("sources"), list):
            problems.extend(_channel_problems(data["sources"], path, config, None))
    schedule_path = root / "schedule.toml"
    if schedule_path.exists():
        schedule = _load_schedule(schedule_path, root, problems)
        if schedule is not None:
            problems.extend(_schedule_problems(schedule, schedule_path, config))
            config.schedule = schedule
    config.warnings.extend(_routing_warnings(config))
    return config


def _routing_warnings(config: Config) -> list[str]:
    """Enabled sources whose releases no channel would ever publish."""
    if any("*" in channel.sources for channel in config.channels.values()):
        return []
    taken = {name for channel in config.channels.values() for name in channel.sources}
    return [
        f"sources/{name}.toml: (routing): no channel in outputs/ takes this source; its "
        "approved releases stay approved until one does"
        for name, source in sorted(config.sources.items())
        if source.enabled and name not in taken
    ]


def _load_schedule(path: Path, root: Path, problems: list[str]) -> ScheduleConfig | None:
    """Each job is checked on its own, so one bad job does not hide another's mistakes."""
    data = _read_toml(path, root, problems)
    if data is None:
        return None
    jobs = data.pop("jobs", {})
    shown = _shown(path, root)
    try:
        schedule = ScheduleConfig.model_validate(data)
    except ValidationError as exc:
        problems.extend(_describe(exc, ScheduleConfig, shown))
        schedule = ScheduleConfig()
    if not isinstance(jobs, dict):
        problems.append(f"{shown}: jobs: must be a table of [jobs.NAME] tables")
        return schedule
    for name, job in jobs.items():
        try:
            schedule.jobs[name] = JobConfig.model_validate(job)
        except ValidationError as exc:
            problems.extend(
                line.replace(f"{shown}: ", f"{shown}: jobs.{name}.", 1)
                for line in _describe(exc, JobConfig, shown)
            )
            # the job's cron is read though another key of it failed: every mistake at once
            cron = job.get("cron") if isinstance(job, dict) else None
            if isinstance(cron, str) and (problem := cron_problem(cron, schedule.timezone)):
                problems.append(f"{shown}: jobs.{name}.cron: {problem}")
    return schedule


def _source_problems(
    name: str, source: SourceConfig, path: Path, config: Config, kinds: frozenset[str]
) -> list[str]:
    shown = _shown(path, config.root)
    found = []
    if source.kind not in kinds:
        close = difflib.get_close_matches(source.kind, sorted(kinds), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        found.append(
            f"{shown}: kind: unknown kind {source.kind!r}{hint} "
            f"(known kinds: {', '.join(sorted(kinds))})"
        )
    if source.kind == "files":
        if not source.path:
            found.append(f"{shown}: path: required for kind 'files': the folder to read")
        elif problem := own_folder_problem(config.source_path(source), config.root):
            found.append(f"{shown}: path: {source.path!r}: {problem}")
        elif not config.source_path(source).is_dir() and source.enabled:
            what = (
                "is a file, not a folder; name the folder the releases arrive in"
                if config.source_path(source).exists()
                else f"does not exist under {config.root}; create it or fix the path"
            )
            found.append(f"{shown}: path: folder {source.path!r} {what}")
    if source.kind in {"rss", "web"} and not source.url:
        found.append(f"{shown}: url: required for kind {source.kind!r}")
    if source.url and not re.match(r"^https?://", source.url):
        found.append(f"{shown}: url: {source.url!r} must start with http:// or https://")
    found.extend(f"{shown}: {problem}" for problem in _remote_problems(source, config))
    found.extend(f"{shown}: {problem}" for problem in _selector_problems(source))
    return found


def _selector_problems(source: SourceConfig) -> list[str]:
    """Every `[extract]` CSS rule must parse: a typo found at check time, not on a live page."""
    from cssselect import GenericTranslator, SelectorError

    rules = source.extract
    if rules is None:
        return []
    named = [(key, getattr(rules, key)) for key in ("title", "body", "date", "item_links")]
    named += [(f"strip[{index}]", css) for index, css in enumerate(rules.strip)]
    found = []
    for key, css in named:
        if css is None:
            continue
        try:
            GenericTranslator().css_to_xpath(css)
        except SelectorError as exc:
            found.append(f"extract.{key}: {css!r} is not a CSS selector: {exc}")
    return found


def _remote_problems(source: SourceConfig, config: Config) -> list[str]:
    """Checks that only make sense for the kinds Melder fetches itself."""
    found = []
    if source.kind == "web" and not source.extract.item_links:
        found.append(
            "extract.item_links: required for kind 'web': a CSS selector of the links "
            'to releases on the listing page, e.g. "article h2 a"'
        )
    if source.extract.test_url and not source.extract.test_title:
        found.append("extract.test_title: set it to the title expected at extract.test_url")
    if source.kind == "imap":
        found.extend(imap_problems(source.imap, config.root, enabled=source.enabled))
    elif source.imap is not None:
        found.append(f"imap: only used by kind 'imap', not {source.kind!r}")
    return found


def _table(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _table_problems(data: dict, shown: str, kinds: frozenset[str]) -> list[str]:
    """A source file's kind and url, checked though other keys of it failed."""
    found = []
    kind, url = data.get("kind"), data.get("url")
    if isinstance(kind, str) and kind not in kinds:
        close = difflib.get_close_matches(kind, sorted(kinds), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        found.append(f"{shown}: kind: unknown kind {kind!r}{hint}")
    if isinstance(url, str) and not re.match(r"^https?://", url):
        found.append(f"{shown}: url: {url!r} must start with http:// or https://")
    if kind in {"rss", "web"} and "url" not in data:
        found.append(f"{shown}: url: required for kind {kind!r}")
    if kind == "files" and "path" not in data:
        found.append(f"{shown}: path: required for kind 'files': the folder to read")
    return found


def _channel_problems(
    names: list, path: Path, config: Config, channel: ChannelConfig | None
) -> list[str]:
    shown = _shown(path, config.root)
    found = []
    known = set(config.sources) | {p.stem for p in (config.root / "sources").glob("*.toml")}
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        if name != "*" and name not in known:
            close = difflib.get_close_matches(name, list(config.sources), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            found.append(f"{shown}: sources[{index}]: unknown source {name!r}{hint}")
    if channel is not None:
        texts = {
            "text": channel.disclaimer.text,
            "variants": channel.disclaimer.variants,
            "short": channel.disclaimer.short,
            "short_variants": channel.disclaimer.short_variants,
        }
    else:
        given = _table(path).get("disclaimer")
        texts = given if isinstance(given, dict) else {}
    variants = texts.get("variants") if isinstance(texts.get("variants"), dict) else {}
    shorts = texts.get("short_variants") if isinstance(texts.get("short_variants"), dict) else {}
    for label, text in (
        [("disclaimer.text", texts.get("text")), ("disclaimer.short", texts.get("short"))]
        + [(f"disclaimer.variants.{lang}", text) for lang, text in variants.items()]
        + [(f"disclaimer.short_variants.{lang}", text) for lang, text in shorts.items()]
    ):
        if not isinstance(text, str):
            continue
        found.extend(f"{shown}: {label}: {problem}" for problem in template_problems(text))
    if channel is not None:
        found.extend(f"{shown}: {problem}" for problem in _webhook_problems(channel))
    return found


def _webhook_problems(channel: ChannelConfig) -> list[str]:
    """A secret that is not set stalls every delivery: said here, as imap's credentials are."""
    return [
        f"webhooks[{index}].secret_env: environment variable {hook.secret_env} is not set"
        for index, hook in enumerate(channel.webhooks)
        if not os.environ.get(hook.secret_env)
    ]


def _schedule_problems(schedule: ScheduleConfig, path: Path, config: Config) -> list[str]:

    shown = _shown(path, config.root)
    found = []
    for name, job in schedule.jobs.items():
        kind = job.job or name
        if kind not in {"ingest", "publish", "embargo", "housekeeping"}:
            found.append(
                f"{shown}: jobs.{name}: unknown job {name!r}; name it ingest, publish, "
                'embargo or housekeeping, or set job = "..."'
            )
        if (job.cron is None) == (job.every is None):
            found.append(f"{shown}: jobs.{name}: set exactly one of cron or every")
        if job.cron is not None:
            problem = cron_problem(job.cron, schedule.timezone)
            if problem:
                found.append(f"{shown}: jobs.{name}.cron: {problem}")
        for source in job.sources or []:
            if source not in config.sources:
                found.append(f"{shown}: jobs.{name}.sources: unknown source {source!r}")
    return found
