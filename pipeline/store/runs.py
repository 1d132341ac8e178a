"""The run history: every ingest, publish and job run, as `melder status` shows it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from pipeline.store.tables import RunRow


class RunHistory:
    """What ran when, with its figures and error: `melder status` and the scheduler read it."""

    engine: Engine

    # -- runs ---------------------------------------------------------------------------------

    def record_run(
        self,
        job: str,
        target: str | None,
        started_at: datetime,
        finished_at: datetime,
        outcome: str,
        counts: dict,
        error: str | None = None,
    ) -> None:
        """A run that is over: what it did and how it ended."""
        run_id = self.start_run(job, target, started_at)
        self.finish_run(run_id, finished_at, outcome, counts, error)

    def start_run(self, job: str, target: str | None, started_at: datetime) -> int:
        """Record a run as `running` before it changes anything: if the process dies, the
        record says so, and `channels_behind` names what it left half-written."""
        with Session(self.engine) as session, session.begin():
            row = RunRow(job=job, target=target, started_at=started_at, outcome="running")
            row.counts = {}
            session.add(row)
            session.flush()
            return row.id

    def finish_run(
        self,
        run_id: int,
        finished_at: datetime,
        outcome: str,
        counts: dict,
        error: str | None = None,
    ) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(RunRow, run_id)
            row.finished_at, row.outcome, row.counts, row.error = (
                finished_at,
                outcome,
                counts,
                error,
            )

    def last_job_runs(self) -> dict[str, datetime]:
        """When each scheduled job last started (job names without the `job:` prefix)."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(RunRow.job, func.max(RunRow.started_at))
                .where(RunRow.job.startswith("job:"))
                .group_by(RunRow.job)
            )
            return {job.removeprefix("job:"): started for job, started in rows}

    def trim_runs(self, *, before: datetime) -> int:
        """Forget run records older than `before` (releases and their history stay)."""
        with Session(self.engine) as session, session.begin():
            result = session.execute(delete(RunRow).where(RunRow.started_at < before))
            return result.rowcount or 0

    def channels_behind(self, channels: list[str]) -> set[str]:
        """Channels whose latest publish could not write its files, or was killed while
        writing them (one indexed look each)."""
        behind = set()
        with Session(self.engine) as session:
            for channel in channels:
                outcome = session.scalar(
                    select(RunRow.outcome)
                    .where(RunRow.job == "publish", RunRow.target == channel)
                    .order_by(RunRow.id.desc())
                    .limit(1)
                )
                if outcome in ("error", "running"):
                    behind.add(channel)
        return behind

    def published_since(self, channels: list[str], moment: datetime) -> set[str]:
        """The channels whose files a publish started at or after `moment` wrote completely:
        a decision taken at `moment` (a withdrawal) is in them."""
        if not channels:
            return set()
        with Session(self.engine) as session:
            return set(
                session.scalars(
                    select(RunRow.target)
                    .where(
                        RunRow.job == "publish",
                        RunRow.outcome == "ok",
                        RunRow.target.in_(channels),
                        RunRow.started_at >= moment,
                    )
                    .distinct()
                )
            )

    def last_runs(self) -> list[RunRow]:
        """The latest run of every (job, target)."""
        with Session(self.engine) as session:
            latest = (
                select(func.max(RunRow.id)).group_by(RunRow.job, RunRow.target).scalar_subquery()
            )
            rows = session.scalars(
                select(RunRow).where(RunRow.id.in_(latest)).order_by(RunRow.job, RunRow.target)
            ).all()
            session.expunge_all()
            return list(rows)
