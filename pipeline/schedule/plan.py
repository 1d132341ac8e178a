"""Which jobs `melder run` fires: schedule.toml's, or the default ones.

Kept apart from the jobs themselves, so that `melder status` can say when each job next runs
without importing the stages the jobs call.
"""

from __future__ import annotations

from pipeline.config import Config, JobConfig

DEFAULT_JOBS = {
    "ingest": JobConfig(every="10m"),
    "embargo": JobConfig(every="1m"),
    "publish": JobConfig(every="5m"),
}


def planned_jobs(config: Config) -> dict[str, JobConfig]:
    """schedule.toml's jobs, plus one ingest job per source that sets its own `every`."""
    jobs = dict(config.schedule.jobs or DEFAULT_JOBS)
    own_pace = [name for name, s in config.sources.items() if s.enabled and s.every]
    for name in own_pace:
        jobs[f"ingest:{name}"] = JobConfig(
            job="ingest", every=config.sources[name].every, sources=[name]
        )
    for name, job in list(jobs.items()):
        if (job.job or name) == "ingest" and job.sources is None and own_pace:
            others = [n for n, s in config.sources.items() if s.enabled and n not in own_pace]
            jobs[name] = job.model_copy(update={"sources": others})
    return jobs
