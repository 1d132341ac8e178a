"""APScheduler's lines about runs it skipped read like every other line of `melder run`."""

from __future__ import annotations

import logging

import pipeline.schedule.triggers  # noqa: F401  (installs the filter)


class _Job:
    id = "publish"

    def __str__(self) -> str:
        return "publish (trigger: interval[0:00:10], next run at: 2026-11-27 19:00:10 CET)"


def _emit(caplog, logger_name: str, level: int, message: str, *args) -> list[logging.LogRecord]:
    caplog.clear()
    with caplog.at_level(logging.INFO):
        logging.getLogger(logger_name).log(level, message, *args)
    return caplog.records


def test_a_run_skipped_while_the_job_still_runs_is_one_info_line(caplog):
    records = _emit(
        caplog,
        "apscheduler.scheduler",
        logging.WARNING,
        'Execution of job "%s" skipped: maximum number of running instances reached (%d)',
        _Job(),
        1,
    )
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("INFO", "job=publish event=coalesced reason=still-running")
    ]


def test_a_skipped_run_stays_quiet_where_info_lines_are_not_shown(caplog):
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        logging.getLogger("apscheduler.scheduler").warning(
            'Execution of job "%s" skipped: maximum number of running instances reached (%d)',
            _Job(),
            1,
        )
    assert caplog.records == []


def test_a_missed_run_names_the_job_and_how_late(caplog):
    records = _emit(
        caplog,
        "apscheduler.executors.default",
        logging.WARNING,
        'Run time of job "%s" was missed by %s',
        _Job(),
        "0:06:01",
    )
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", "job=publish event=missed late_by=0:06:01")
    ]


def test_other_scheduler_lines_pass_unchanged(caplog):
    records = _emit(caplog, "apscheduler.scheduler", logging.INFO, "Scheduler started")
    assert [r.getMessage() for r in records] == ["Scheduler started"]
