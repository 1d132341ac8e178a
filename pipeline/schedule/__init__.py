"""Schedule stage: `melder run`, the long-running process that runs jobs from schedule.toml.

In: the `Config` (its `schedule`) and a `Store` for run history. Out: job runs (ingest,
publish, embargo, housekeeping) recorded in the store. Holds triggers, the service loop, the
jobs, the leader lock and housekeeping. May import: `pipeline.runner` and everything below it;
only `pipeline.cli` imports this package.
"""
