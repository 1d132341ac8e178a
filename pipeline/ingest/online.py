"""`melder check --online`: reach every enabled remote source once and say what broke.

Nothing is stored. A problem reads like any config problem (`file: key: message`), so an
operator sees "the site changed its layout" next to "the key is misspelt".
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import Config, SourceConfig
from pipeline.errors import SourceError
from pipeline.ingest import imap, rss, web
from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchPolicy


def online_problems(config: Config) -> list[str]:
    client = HttpClient()
    found = []
    try:
        for name, source in sorted(config.sources.items()):
            check = CHECKS.get(source.kind)
            if source.enabled and check is not None:
                found.extend(
                    f"sources/{name}.toml: {p}" for p in check(name, source, config, client)
                )
    finally:
        client.close()
    return found


def check_feed(name: str, source: SourceConfig, config: Config, client: HttpClient) -> list[str]:
    try:
        page = client.get(source.url or "", FetchPolicy.for_source(name, source), conditional=False)
        rss.parse_feed(page)
    except SourceError as exc:
        return [f"url: {exc}"]
    return []


def check_site(name: str, source: SourceConfig, config: Config, client: HttpClient) -> list[str]:
    policy = FetchPolicy.for_source(name, source)
    try:
        listing = client.get(source.url or "", policy, conditional=False)
        links = web.item_links(listing, source.extract.item_links or "a")
    except SourceError as exc:
        return [f"url: {exc}"]
    found = [] if links else [f"extract.item_links: no links match at {source.url}"]
    return found + web.check_online(name, source, client)


def check_mailbox(name: str, source: SourceConfig, config: Config, client: HttpClient) -> list[str]:
    settings = imap.settings_of(source)
    try:
        with imap.Mailbox(settings, config, source.timeout) as mailbox:
            mailbox.pending()
            if settings.after == "move" and settings.move_to:
                return _move_target_problems(mailbox, settings.move_to)
    except SourceError as exc:
        return [f"imap: {exc}"]
    return []


def _move_target_problems(mailbox: imap.Mailbox, folder: str) -> list[str]:
    """The folder processed mails go to exists, or is created now: a check that passes
    while every move fails would only tell the operator after the first run."""
    spelt = mailbox.server_name(folder)
    separator = f"separator {mailbox.separator!r}" if mailbox.separator else "no folder levels"
    refusal = mailbox.create(folder)
    if refusal:
        return [
            f"imap.move_to: the server ({separator}) cannot create {spelt!r}: {refusal}; "
            "write levels with '/' and create the folder in the mail client if needed"
        ]
    return []


CHECKS: dict[str, Callable[[str, SourceConfig, Config, HttpClient], list[str]]] = {
    "rss": check_feed,
    "web": check_site,
    "imap": check_mailbox,
}
