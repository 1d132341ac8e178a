"""Hours of `melder run` on the demo root, with time compressed: the scheduler's own triggers
decide when each job fires, the jobs run for real against the store and the files, and the
clock jumps from one fire time to the next (across a DST change)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import feedparser

from pipeline.config import load_config
from pipeline.schedule.jobs import JOBS, JobContext
from pipeline.schedule.plan import planned_jobs
from pipeline.schedule.triggers import first_run, trigger_for
from pipeline.store import Store
from tests.conftest import write

START = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)  # Berlin leaves summer time at 01:00 UTC
HOURS = 24


def release_text(hour: int, embargo: datetime | None) -> str:
    head = f"Sperrfrist: {embargo.astimezone(BERLIN):%d.%m.%Y, %H:%M} Uhr\n\n" if embargo else ""
    return (
        f"{head}Meldung aus Stunde {hour}\n\n"
        f"Im Rathaus wurde in Stunde {hour} über den Winterdienst und die Streupläne beraten.\n"
    )


BERLIN = __import__("zoneinfo").ZoneInfo("Europe/Berlin")


def test_hours_unattended_publish_everything_once_and_on_time(demo_root):
    inbox = demo_root / "sources" / "inbox" / "stadt-lindenau"
    store = Store(f"sqlite:///{demo_root / 'var' / 'melder.db'}")
    clock = {"now": START}
    context = JobContext(root=demo_root, store=store, clock=lambda: clock["now"])
    config = load_config(demo_root)
    jobs = planned_jobs(config)
    zone = config.schedule.timezone
    triggers = {name: trigger_for(job, zone) for name, job in jobs.items()}
    due = {name: first_run(job, zone, None, START) for name, job in jobs.items()}
    embargoes: dict[str, datetime] = {}
    end = START + timedelta(hours=HOURS)
    next_input = START
    hour = 0
    while True:
        moment = min([*due.values(), next_input])
        if moment > end:
            break
        clock["now"] = moment
        if moment == next_input:
            embargo = moment + timedelta(minutes=90) if hour % 2 else None
            write(inbox / f"stunde-{hour:02d}.txt", release_text(hour, embargo))
            if embargo:
                embargoes[f"Meldung aus Stunde {hour}"] = embargo
            hour += 1
            next_input = moment + timedelta(hours=1)
            continue
        for name in sorted(n for n, at in due.items() if at == moment):
            JOBS[jobs[name].job or name](context, name, jobs[name])
            due[name] = triggers[name].get_next_fire_time(moment, moment + timedelta(seconds=1))

    views = {view.release.title: view for view in store.queue(limit=1000)}
    for number in range(hour):
        assert f"Meldung aus Stunde {number}" in views
    for title, embargo in embargoes.items():
        events = store.get(views[title].release.id).events
        published = [e.at for e in events if e.action == "published"]
        if embargo <= end:
            assert len(published) == 1 and embargo <= published[0] <= embargo + timedelta(minutes=1)
        else:
            assert published == []
    for view in views.values():
        actions = [e.action for e in store.get(view.release.id).events]
        assert actions.count("published") <= 1
    runs = {run.job: run for run in store.last_runs()}
    assert all(run.outcome == "ok" for name, run in runs.items() if name.startswith("job:"))
    folder = demo_root / "outputs" / "melder"
    feed = feedparser.parse((folder / "rss.xml").read_bytes())
    assert feed.bozo == 0
    assert {f"Meldung aus Stunde {n}" for n in range(0, hour, 2)} <= {e.title for e in feed.entries}
    assert json.loads((folder / "feed.json").read_text())["items"]
    store.close()
