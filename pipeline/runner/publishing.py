"""The publish stage of a run: release what is due, then write each channel's files."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from pipeline.atomic import disk_problem, exclusive, remove_stale_temp_files
from pipeline.config import ChannelConfig, Config
from pipeline.media import MediaLibrary
from pipeline.models import Entry, listing_order
from pipeline.publish import page_settings, pages_outdated, public_name, publish_channel
from pipeline.runner.reports import Progress, RunReport
from pipeline.store import Store

log = logging.getLogger(__name__)


def publish(
    config: Config,
    store: Store,
    channels: list[str] | None = None,
    *,
    now: datetime,
    progress: Progress | None = None,
) -> RunReport:
    """Release what is due, then write every channel's files (once per batch)."""
    report = RunReport()
    # one publisher at a time per root: a second waits instead of racing on the same files
    with exclusive(config.root / "var" / "publish.lock"):
        names = channels or sorted(config.channels)
        taken = routed_sources(config)
        behind = store.channels_behind(names)
        # recorded before anything goes live: a kill from here on leaves each channel
        # `running`, and the next publish rewrites all of its pages
        runs = {name: store.start_run("publish", name, datetime.now(UTC)) for name in names}
        routed = routing(config)
        report.published = store.publish_due(
            now, public_name, taken, progress=progress, accepts=routed
        )
        for name in names:
            try:
                report.channels[name] = _write_channel(
                    config, store, name, report.published, now, rebuild=name in behind
                )
            except OSError as exc:  # this channel is behind; the others still go out
                report.behind[name] = disk_problem(exc)
                log.error("channel=%s publish failed: %s", name, report.behind[name])
            except Exception as exc:  # a channel's own mistake must not pass for a publish
                report.behind[name] = f"{type(exc).__name__}: {exc}; `melder check` may say why"
                log.error("channel=%s publish failed: %s", name, report.behind[name])
            store.finish_run(
                runs[name],
                datetime.now(UTC),
                "error" if name in report.behind else "ok",
                {"files_changed": report.channels.get(name, 0)},
                f"behind: {report.behind[name]}" if name in report.behind else None,
            )
    push(config, store, report, now)
    if taken is not None:
        report.unrouted = [release_id for release_id, _ in store.waiting(now, taken)]
    report.unrouted += [
        release_id
        for release_id, at in store.waiting(now)
        if (at is None or at <= now)
        and release_id not in report.unrouted
        and not routed(store.get(release_id, history=False).release)
    ]
    unrouted = set(report.unrouted)
    report.waiting = [item for item in store.waiting(now) if item[0] not in unrouted]
    store.record_run(
        "publish",
        None,
        now,
        now,
        "error" if report.behind else "ok",
        {
            "released": len(report.published),
            "files_changed": sum(report.channels.values()),
            "waiting": len(report.waiting),
        },
    )
    return report


def push(config: Config, store: Store, report: RunReport, now: datetime) -> None:
    """Queue this run's webhook events, send what is due, ping WebSub hubs: never fatal."""
    hooked = [name for name, channel in config.channels.items() if channel.webhooks]
    hubs = [name for name, channel in config.channels.items() if channel.hub]
    if not hooked and not hubs:
        return
    from pipeline.config.settings import Settings
    from pipeline.ingest.client import HttpClient
    from pipeline.runner import delivery

    client = HttpClient(contact=Settings().base_url)
    try:
        for name in hooked:
            delivery.enqueue(config, store, name, report.published, now)
        report.deliveries = delivery.deliver_due(config, store, client, now)
        delivery.ping_hubs(config, client, report.channels)
    finally:
        client.close()


def _write_channel(
    config: Config, store: Store, name: str, released: list[str], now: datetime, *, rebuild: bool
) -> int:
    """Write one channel's files; how many changed. Pages are written for the releases this run
    made live, and for every live release when the channel's last publish could not write or
    its pages show other settings (a new disclaimer)."""
    channel = config.channels[name]
    folder = config.root / "outputs" / name
    remove_stale_temp_files(folder)
    settings = page_settings(channel, config.sources)
    rebuild = rebuild or pages_outdated(folder, settings)
    sources = None if "*" in channel.sources else channel.sources
    since = now - timedelta(days=channel.withdrawn_days)
    entries = channel_entries(config, store, channel, sources, since)
    # notices only where the release was: a channel whose filters never took it has no page
    # to replace and no reader to tell
    gone = [
        withdrawal
        for withdrawal in store.withdrawals(sources, channel.max_items)
        if (folder / "releases" / withdrawal.public_name).exists()
    ]
    listed = {entry.release.id for entry in entries}
    pages_for = store.published_ids(sources) if rebuild else released
    beyond = [
        entry
        for entry in store.live_entries([i for i in pages_for if i not in listed], sources)
        if channel.accepts(entry.release, config.sources.get(entry.release.source))
    ]
    per_source = None
    if channel.source_feeds:
        # every source the channel takes, also one whose releases left the channel's window
        names = {entry.release.source for entry in entries} | set(sources or config.sources)
        per_source = {
            source: found
            for source in sorted(names)
            # a source with nothing published yet gets no empty feed
            if (found := channel_entries(config, store, channel, [source], since))
            or (folder / "sources" / source).exists()
        }
    written = publish_channel(
        name,
        channel,
        entries,
        config.sources,
        folder,
        gone,
        beyond=beyond,
        per_source=per_source,
        library=MediaLibrary(config.root),
        retired=retired_media(store, entries),
        settings=settings,
        rebuild=rebuild,
    )
    return len(written.written)


def retired_media(store: Store, entries: list[Entry]) -> set[str]:
    """The kept media of the channel's withdrawn releases that no published release shows."""
    withdrawn = [entry.release for entry in entries if entry.withdrawn_at is not None]
    shas = {media.sha256 for release in withdrawn for media in release.media if media.sha256}
    if not shas:
        return set()
    return shas - store.media_in_use(sorted(shas), [release.id for release in withdrawn])


def channel_entries(
    config: Config,
    store: Store,
    channel: ChannelConfig,
    sources: list[str] | None,
    since: datetime,
) -> list[Entry]:
    """A channel's newest `max_items` live entries that pass its filters, read page by page,
    and the notices of its recent withdrawals."""
    if not channel.filtered:
        return store.entries(sources, channel.max_items, withdrawn_since=since)
    live: list[Entry] = []
    notices: list[Entry] = []
    page = max(2 * channel.max_items, 100)
    after: Entry | None = None
    while len(live) < channel.max_items:
        batch = store.entries(sources, page, withdrawn_since=since if after is None else None,
                              after=after)  # fmt: skip
        accepted = [
            entry
            for entry in batch
            if channel.accepts(entry.release, config.sources.get(entry.release.source))
        ]
        live += [entry for entry in accepted if entry.withdrawn_at is None]
        notices += [entry for entry in accepted if entry.withdrawn_at is not None]
        batch_live = [entry for entry in batch if entry.withdrawn_at is None]
        if len(batch_live) < page:
            break
        after = batch_live[-1]
    return sorted(live[: channel.max_items] + notices, key=listing_order)


def publish_plan(config: Config, store: Store, *, now: datetime) -> dict:
    """What `publish` would do now, changing nothing: the releases it would make live, and the
    approved ones that wait (for their time, or for a channel that takes their source)."""
    routed_by = routing(config)
    due, waiting = [], []
    for waiting_id, at in store.waiting(now):
        view = store.get(waiting_id, history=False)
        moment = max([t for t in (at, view.release.embargo_until) if t is not None], default=None)
        routed = routed_by(view.release)
        item = {"id": waiting_id, "source": view.release.source, "title": view.release.title}
        if routed and (moment is None or moment <= now):
            due.append(item)
        else:
            waiting.append({**item, "at": moment.isoformat() if routed and moment else None})
    return {"due": due, "waiting": waiting}


def routing(config: Config):
    """Whether some channel takes a release: its source, and the channel's filters."""

    def routed(release) -> bool:
        source = config.sources.get(release.source)
        return any(
            ("*" in channel.sources or release.source in channel.sources)
            and channel.accepts(release, source)
            for channel in config.channels.values()
        )

    return routed


def routed_sources(config: Config) -> list[str] | None:
    """The sources some channel takes (None: every source, a channel takes "*")."""
    if any("*" in channel.sources for channel in config.channels.values()):
        return None
    return sorted({name for channel in config.channels.values() for name in channel.sources})
