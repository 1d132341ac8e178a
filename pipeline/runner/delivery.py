"""Push after publishing: signed webhooks to portals and WebSub pings to a hub.

A webhook body is JSON: the event, the channel and the release as a ninjs 2.0 news object. It
is signed like Stripe's and Superdesk's http_push: `X-Melder-Signature: sha256=<hex HMAC of
"<timestamp>.<body>">` with the endpoint's secret, `X-Melder-Timestamp` the Unix time. Each
delivery is queued in the store once, sent through the guarded HTTP layer, retried after
2^n minutes (at most a day apart, 20 tries), and never retried after a 4xx except 408 and 429.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from datetime import datetime, timedelta

from pipeline.config import ChannelConfig, Config
from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchError, FetchPolicy, GuardRefusal
from pipeline.publish.fragment import build_item
from pipeline.publish.ninjs import news_object
from pipeline.store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
LONGEST_WAIT = timedelta(days=1)
RETRYABLE_4XX = {408, 429}


def signature(secret: str, timestamp: str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def enqueue(config: Config, store: Store, name: str, released: list[str], now: datetime) -> int:
    """Queue the events of one publish for the channel's webhooks; how many were new."""
    channel = config.channels[name]
    if not channel.webhooks:
        return 0
    sources = None if "*" in channel.sources else channel.sources
    queued = 0
    for entry in store.live_entries(released, sources):
        if not channel.accepts(entry.release, config.sources.get(entry.release.source)):
            continue
        event = "published" if entry.revision <= 1 else "updated"
        item = build_item(entry, channel, config.sources.get(entry.release.source))
        queued += _queue(store, name, channel, event, entry.release.id, entry.revision,
                         news_object(item, channel.link), now)  # fmt: skip
    for gone in store.withdrawals(sources, channel.max_items):
        body = {
            "uri": gone.release_id,
            "pubstatus": "canceled",
            "headlines": [{"value": gone.title}],
        }
        queued += _queue(store, name, channel, "withdrawn", gone.release_id, 0, body, now)
    return queued


def _queue(store, name, channel: ChannelConfig, event, release_id, revision, item, now) -> int:
    body = json.dumps(
        {"event": event, "channel": name, "item": item}, ensure_ascii=False, sort_keys=True
    )
    return sum(
        store.enqueue_delivery(name, hook.url, release_id, event, revision, body, now)
        for hook in channel.webhooks
        if event in hook.events
    )


def deliver_due(config: Config, store: Store, client: HttpClient, now: datetime) -> dict:
    """Send every delivery that is due; counts by outcome."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    for delivery in store.due_deliveries(now):
        hook = _hook(config, delivery.channel, delivery.url)
        outcome, status, error = _send(client, hook, delivery, now)
        attempts = delivery.attempts + 1
        if outcome == "retry" and attempts >= MAX_ATTEMPTS:
            outcome = "failed"
        wait = min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)
        store.record_attempt(
            delivery.id,
            status={"retry": "pending"}.get(outcome, outcome),
            http_status=status,
            error=error,
            next_attempt_at=now + wait if outcome == "retry" else None,
            now=now,
        )
        counts[outcome] += 1
        log.info("webhook=%s delivery=%d outcome=%s status=%s", delivery.url, delivery.id,
                 outcome, status)  # fmt: skip
    return counts


def _hook(config: Config, channel: str, url: str):
    found = config.channels.get(channel)
    for hook in found.webhooks if found else ():
        if hook.url == url:
            return hook
    return None


def _send(client: HttpClient, hook, delivery, now: datetime) -> tuple[str, int | None, str | None]:
    if hook is None:
        return "failed", None, "the webhook is no longer in the channel's configuration"
    secret = os.environ.get(hook.secret_env, "")
    if not secret:
        return "retry", None, f"environment variable {hook.secret_env} is not set"
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Melder-Event": delivery.event,
        "X-Melder-Delivery": str(delivery.id),
        "X-Melder-Timestamp": timestamp,
        "X-Melder-Signature": signature(secret, timestamp, delivery.body),
    }
    policy = FetchPolicy(source=f"webhook:{delivery.channel}", allow_private=hook.allow_private,
                         private_setting=f"allow_private = true in this [[webhooks]] entry of "
                         f"outputs/{delivery.channel}.toml",
                         timeout=10, retries=0, robots=False, delay=0)  # fmt: skip
    try:
        status, reason = client.post(delivery.url, policy, delivery.body.encode(), headers)
    except GuardRefusal as exc:
        return "failed", None, str(exc)  # only a change of the configuration can help
    except FetchError as exc:
        return "retry", None, str(exc)
    if 200 <= status < 300:
        return "delivered", status, None
    if 400 <= status < 500 and status not in RETRYABLE_4XX:
        return "failed", status, f"HTTP {status} {reason}"
    return "retry", status, f"HTTP {status} {reason}"


def ping_hubs(config: Config, client: HttpClient, changed: dict[str, int]) -> None:
    """Tell each changed channel's WebSub hub that its feeds changed."""
    for name, files in changed.items():
        channel = config.channels[name]
        if not channel.hub or not files:
            continue
        policy = FetchPolicy(source=f"websub:{name}", allow_private=channel.hub_allow_private,
                             private_setting=f"hub_allow_private = true in outputs/{name}.toml",
                             timeout=10, retries=0, robots=False, delay=0)  # fmt: skip
        for feed in ("rss.xml", "atom.xml"):
            body = f"hub.mode=publish&hub.url={channel.link}/{feed}".encode()
            try:
                client.post(channel.hub, policy, body,
                            {"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
            except FetchError as exc:
                log.warning("websub hub=%s channel=%s ping failed: %s", channel.hub, name, exc)
                if isinstance(exc, GuardRefusal):
                    break  # the other feed's ping goes to the same refused hub
