"""schedule.toml → jobs: when they fire, how they resume after a restart, how failures end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.config import JobConfig, load_config
from pipeline.schedule.jobs import JobContext, ingest_job, publish_job
from pipeline.schedule.plan import planned_jobs
from pipeline.schedule.triggers import build_scheduler, first_run, next_fire_times
from pipeline.store import Store
from tests.conftest import write

NOW = datetime(2026, 11, 25, 10, 0, 30, tzinfo=UTC)


def test_an_interval_job_resumes_from_its_last_run():
    job = JobConfig(every="10m")
    assert first_run(job, "UTC", None, NOW) == NOW
    assert first_run(job, "UTC", NOW - timedelta(minutes=4), NOW) == NOW + timedelta(minutes=6)
    # overdue while Melder was down: fires at once, and once
    assert first_run(job, "UTC", NOW - timedelta(hours=5), NOW) == NOW


def test_a_cron_job_missed_during_downtime_fires_once_on_restart():
    job = JobConfig(cron="0 * * * *")
    ran_on_time = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert first_run(job, "UTC", ran_on_time, NOW) == datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    assert first_run(job, "UTC", NOW - timedelta(hours=3), NOW) == NOW


def test_cron_respects_the_schedule_time_zone_across_dst():
    job = JobConfig(cron="0 9 * * *")
    before_dst_end = datetime(2026, 10, 23, 12, 0, tzinfo=UTC)
    first = first_run(job, "Europe/Berlin", None, before_dst_end)
    second = first_run(job, "Europe/Berlin", None, first + timedelta(minutes=1))
    assert first.utcoffset() == timedelta(hours=2)  # CEST
    assert second.utcoffset() == timedelta(hours=1)  # CET after the change
    assert (first.hour, second.hour) == (9, 9)


def test_sources_with_their_own_pace_get_their_own_ingest_job(empty_root):
    source = empty_root / "sources" / "trusted.toml"
    source.write_text(source.read_text() + 'every = "2m"\n', encoding="utf-8")
    write(
        empty_root / "schedule.toml", '[jobs.ingest]\nevery = "10m"\n[jobs.publish]\nevery = "5m"\n'
    )
    jobs = planned_jobs(load_config(empty_root))
    assert jobs["ingest:trusted"].sources == ["trusted"] and jobs["ingest:trusted"].every == "2m"
    assert jobs["ingest"].sources == ["reviewed"]
    times = next_fire_times(jobs, "UTC", {"publish": NOW - timedelta(minutes=1)}, NOW)
    assert times["publish"] == NOW + timedelta(minutes=4)


def test_every_job_run_is_recorded_and_a_failing_job_does_not_raise(empty_root, database_url):
    store = Store(database_url)
    context = JobContext(root=empty_root, store=store, clock=lambda: NOW)
    write(empty_root / "inbox" / "trusted" / "a.txt", "Titel\n\nText der Meldung im Park.\n")
    ingest_job(context, "ingest", JobConfig(every="1m"))
    (empty_root / "outputs" / "portal").write_text("a file where a folder must be")
    publish_job(context, "publish", JobConfig(every="1m"))  # fails, must not raise
    runs = {run.job: run for run in store.last_runs()}
    assert runs["job:ingest"].outcome == "ok" and runs["job:ingest"].counts["new"] == 1
    assert runs["job:publish"].outcome == "error" and runs["job:publish"].error
    assert store.last_job_runs() == {"ingest": NOW, "publish": NOW}
    store.close()


def test_the_scheduler_never_runs_a_job_twice_at_once():
    from pipeline.config import ScheduleConfig

    scheduler = build_scheduler(
        ScheduleConfig(timezone="UTC"),
        {"publish": (JobConfig(every="1m"), lambda: None)},
        last_runs={},
        now=NOW,
    )
    scheduler.start(paused=True)
    [job] = scheduler.get_jobs()
    scheduler.shutdown(wait=False)
    assert job.max_instances == 1 and job.coalesce is True and job.misfire_grace_time == 300


def test_cron_never_goes_back_in_time_when_summer_time_ends():
    from pipeline.schedule.triggers import trigger_for

    trigger = trigger_for(JobConfig(cron="*/5 * * * *"), "Europe/Berlin")
    moment = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    fired = []
    while moment < datetime(2026, 10, 25, 3, 0, tzinfo=UTC):
        following = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
        assert following > moment
        fired.append(following)
        moment = following
    assert len(fired) == len(set(fired)) and len(fired) >= 28  # the repeated hour fires once
