"""`melder run`: the long-running process that ingests, releases embargoes and publishes."""

from __future__ import annotations

import logging
import signal
from datetime import UTC, datetime
from pathlib import Path

from pipeline import runner
from pipeline.config import JobConfig, load_config
from pipeline.schedule import build_scheduler
from pipeline.settings import Settings
from pipeline.store import Store

log = logging.getLogger(__name__)


def run_forever(root: Path, settings: Settings) -> None:
    """Run schedule.toml's jobs until SIGTERM/SIGINT; the config is re-read for every job."""
    logging.getLogger().setLevel(logging.INFO)
    store = Store(settings.database_url_for(root))

    def ingest_job(job: JobConfig) -> None:
        config = load_config(root)
        reports = runner.ingest(config, store, job.sources, now=datetime.now(UTC))
        log.info("job=ingest sources=%d new=%d", len(reports), sum(r.new for r in reports))

    def publish_job(job: JobConfig) -> None:
        report = runner.publish(load_config(root), store, now=datetime.now(UTC))
        log.info("job=publish released=%d", len(report.published))

    def housekeeping_job(job: JobConfig) -> None:
        log.info("job=housekeeping outcome=ok")

    config = load_config(root)
    scheduler = build_scheduler(
        config.schedule,
        {
            "ingest": ingest_job,
            "publish": publish_job,
            "embargo": publish_job,
            "housekeeping": housekeeping_job,
        },
    )

    def stop(signum, _frame) -> None:
        log.info("signal=%s stopping after the running job", signum)
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        scheduler.start()
    finally:
        store.close()
