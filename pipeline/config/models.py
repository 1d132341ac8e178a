"""The content configuration as pydantic models: one per TOML file kind, `extra="forbid"`.

In: plain dicts from TOML. Out: `SourceConfig`, `ChannelConfig`, `ScheduleConfig`, `Config`.
Imports nothing from Melder but `config.kinds`: every stage may import this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.config.mailbox import ImapConfig
from pipeline.config.peek import DEFAULT_ZONE
from pipeline.config.values import absolute_url_problem, base_url_problem, encoding_problem

INTERVAL_RE = re.compile(r"^\s*(\d+)\s*(s|m|h|d)\s*$")
INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_INTERVAL_SECONDS = 366 * 86400


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def zone_named(value: str) -> ZoneInfo:
    """The IANA zone `value`, or ValueError saying what to write instead.

    ZoneInfo reads files: a folder name ('Europe'), an overlong or odd name raises OSError,
    which must not reach a user as a crash."""
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        shown = value if len(value) <= 60 else value[:60] + "…"
        raise ValueError(
            f"unknown time zone {shown!r}; use an IANA name such as 'Europe/Berlin' or 'UTC'"
        ) from None


def _check_zone(value: str) -> str:
    zone_named(value)
    return value


def _check_language(value: str) -> str:
    """'de', 'en', 'de-AT': feeds and pages carry it as their language, and readers and
    validators refuse anything else ('deutsch')."""
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", value):
        raise ValueError(f"language {value!r} is not a language code such as 'de' or 'en'")
    return value


def parse_interval(value: str) -> int:
    """'15m' -> 900 seconds."""
    match = INTERVAL_RE.match(value)
    if not match:
        raise ValueError(f"interval {value!r} is not like '30s', '15m', '2h' or '1d'")
    seconds = int(match.group(1)) * INTERVAL_UNITS[match.group(2)]
    if seconds <= 0:
        raise ValueError(f"interval {value!r} must be longer than zero")
    if seconds > MAX_INTERVAL_SECONDS:
        # a time that far ahead does not exist for the scheduler (past the year 9999)
        raise ValueError(f"interval {value!r} is longer than a year; use at most '366d'")
    return seconds


class ExtractRules(Strict):
    """Per-source CSS rules for HTML pages; what is left out falls back to the generic extractor."""

    title: str | None = None
    body: str | None = None
    date: str | None = None
    strip: list[str] = Field(default_factory=list)
    item_links: str | None = None
    test_url: str | None = None
    test_title: str | None = None


class SourceConfig(Strict):
    title: str
    kind: str
    path: str | None = None
    url: str | None = None
    review: Literal["required", "auto"] = "required"
    language: str | None = None
    timezone: str = DEFAULT_ZONE
    enabled: bool = True
    contact_email: str | None = None
    region: str | None = None  # the region a channel's `regions` filter matches this source by
    encoding: str | None = None
    max_bytes: int = Field(default=10_000_000, gt=0)
    strip: list[str] = Field(default_factory=list)
    extract: ExtractRules = Field(default_factory=ExtractRules)
    allow_private: bool = False
    every: str | None = None
    # Remote sources (kinds rss, web, imap): politeness, limits and health.
    timeout: float = Field(default=15.0, gt=0, le=300)
    retries: int = Field(default=2, ge=0, le=10)
    delay: float = Field(default=1.0, ge=0, le=600)
    robots: bool = True
    max_redirects: int = Field(default=5, ge=0, le=20)
    max_items: int = Field(default=30, gt=0, le=1000)
    follow_links: Literal["auto", "always", "never"] = "auto"
    expect_every: str | None = None
    imap: ImapConfig | None = None

    _zone = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        return value if value is None else _check_language(value)

    @field_validator("every", "expect_every")
    @classmethod
    def _every(cls, value: str | None) -> str | None:
        if value is not None:
            parse_interval(value)
        return value

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        if value is not None and (problem := encoding_problem(value)):
            raise ValueError(problem)
        return value

    @field_validator("strip")
    @classmethod
    def _strip_patterns(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"strip pattern {pattern!r} is not a valid regex: {exc}") from None
        return patterns

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


SHORT_LABELS = {"de": "Pressemitteilung: {source}", "en": "Press release: {source}"}


def _in_region(release, source: SourceConfig | None, regions: list[str]) -> bool:
    """A release's region is its source's `region`, else a region named in its text."""
    wanted = {region.casefold() for region in regions}
    if source is not None and source.region:
        return source.region.casefold() in wanted
    text = f"{release.title}\n{release.text}".casefold()
    return any(re.search(rf"\b{re.escape(region)}\b", text) for region in wanted)


class WebhookConfig(Strict):
    """A portal's endpoint: it is sent a signed JSON body for each release event."""

    url: str
    secret_env: str  # the environment variable holding the HMAC secret, never the secret
    events: list[Literal["published", "updated", "withdrawn"]] = Field(
        default_factory=lambda: ["published", "updated", "withdrawn"]
    )
    allow_private: bool = False  # a receiver on a private address only if you trust it

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"url {value!r} must be an absolute http(s) URL")
        return value

    @field_validator("secret_env")
    @classmethod
    def _env(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError(f"{value!r} is not an environment variable name")
        return value


class Disclaimer(Strict):
    text: str
    position: Literal["top", "bottom"] = "top"
    variants: dict[str, str] = Field(default_factory=dict)  # language -> text
    # What the short fields (RSS description, Atom and JSON summary, index teasers) carry in
    # front of the teaser: a template with {source}, "full" for the whole text, "" for nothing.
    short: str | None = None
    # the short mark per language, as `variants` is the text's: an English release on a German
    # channel reads "Press release: …", not "Pressemitteilung: …"
    short_variants: dict[str, str] = Field(default_factory=dict)

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the disclaimer is empty: every release carries it; write its text")
        return value

    @field_validator("short_variants")
    @classmethod
    def _short_variants(cls, value: dict[str, str]) -> dict[str, str]:
        for language in value:
            _check_language(language)
        return value

    @field_validator("variants")
    @classmethod
    def _variants(cls, value: dict[str, str]) -> dict[str, str]:
        for language, text in value.items():
            _check_language(language)
            if not text.strip():
                raise ValueError(f"the {language!r} disclaimer is empty; write its text")
        return value

    def text_for(self, language: str) -> str:
        return self.variants.get(language, self.text)

    def short_for(self, language: str) -> str:
        if language in self.short_variants:
            return self.short_variants[language]
        if self.short == "full":
            return self.text_for(language)
        if self.short is not None:
            return self.short
        return SHORT_LABELS.get(language.split("-")[0], SHORT_LABELS["en"])


class MediaOutput(Strict):
    """What a channel makes of a release's photos: renditions for the portal's page widths."""

    images: bool = True  # False: no figures, enclosures or image fields at all
    documents: bool = True  # PDFs and office files as download links
    widths: list[Annotated[int, Field(ge=100, le=3000)]] = Field(
        default_factory=lambda: [1200, 400], min_length=1, max_length=6
    )
    format: Literal["jpeg", "webp"] = "jpeg"


class ChannelConfig(Strict):
    title: str
    description: str
    link: str
    language: str = "de"
    sources: list[str] = Field(default_factory=lambda: ["*"])
    max_items: int = Field(default=50, gt=0, le=10_000)
    disclaimer: Disclaimer
    link_rel: str = "nofollow noopener"
    author: str | None = None
    # days a withdrawn release stays in the feeds as "Zurückgezogen: …" before it leaves them
    withdrawn_days: int = Field(default=7, ge=0, le=365)
    timezone: str = DEFAULT_ZONE  # the zone of the feed's own dates (lastBuildDate, updated)
    # the "Links:" list under a release: "auto" lists only links the body does not carry
    links_list: Literal["auto", "always", "never"] = "auto"
    # routing beyond sources, as presseportal and Superdesk do: a release must match every
    # filter that is set (any of its values), and none of `exclude`
    categories: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)  # words in title or categories
    source_feeds: bool = False  # also outputs/<channel>/sources/<source>/rss.xml etc.
    hub: str | None = None  # a WebSub hub: linked from the feeds and pinged after each change
    hub_allow_private: bool = False  # a hub on your own network passes the fetch guard
    webhooks: list[WebhookConfig] = Field(default_factory=list)
    media: MediaOutput = Field(default_factory=MediaOutput)

    _zone = field_validator("timezone")(classmethod(lambda cls, value: _check_zone(value)))

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        return _check_language(value)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        return [_check_language(language) for language in value]

    @field_validator("link")
    @classmethod
    def _link(cls, value: str) -> str:
        if problem := base_url_problem(value):
            raise ValueError(problem)
        return value.rstrip("/")

    @field_validator("hub")
    @classmethod
    def _hub(cls, value: str | None) -> str | None:
        if value is not None and (problem := absolute_url_problem(value)):
            raise ValueError(problem)
        return value

    def takes(self, source: str) -> bool:
        return "*" in self.sources or source in self.sources

    @property
    def filtered(self) -> bool:
        return bool(self.categories or self.languages or self.regions or self.exclude)

    def accepts(self, release, source: SourceConfig | None) -> bool:
        """Whether a release of a source this channel takes passes its filters."""
        if self.languages and release.language.split("-")[0] not in {
            language.split("-")[0] for language in self.languages
        }:
            return False
        tags = {category.casefold() for category in release.categories}
        if self.categories and not tags & {wanted.casefold() for wanted in self.categories}:
            return False
        if self.regions and not _in_region(release, source, self.regions):
            return False
        title = release.title.casefold()
        return not any(word.casefold() in tags or word.casefold() in title for word in self.exclude)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class JobConfig(Strict):
    job: Literal["ingest", "publish", "embargo", "housekeeping"] | None = None
    cron: str | None = None
    every: str | None = None
    jitter: int = Field(default=0, ge=0)
    sources: list[str] | None = None
    enabled: bool = True

    @field_validator("every")
    @classmethod
    def _every(cls, value: str | None) -> str | None:
        if value is not None:
            parse_interval(value)
        return value


class ScheduleConfig(Strict):
    timezone: str = DEFAULT_ZONE
    jobs: dict[str, JobConfig] = Field(default_factory=dict)

    _zone = field_validator("timezone")(classmethod(lambda cls, v: _check_zone(v)))


@dataclass
class Config:
    root: Path
    sources: dict[str, SourceConfig] = field(default_factory=dict)
    channels: dict[str, ChannelConfig] = field(default_factory=dict)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # fine to run, but likely not meant
    # sources whose file could not be read into settings at all: name -> its first problem;
    # they are still listed (and refused) by ingest and status, never silently gone
    unreadable_sources: dict[str, str] = field(default_factory=dict)

    def source_path(self, source: SourceConfig) -> Path:
        return (self.root / source.path).resolve() if source.path else self.root
