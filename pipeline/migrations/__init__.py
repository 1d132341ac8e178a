"""Alembic migrations of the store; `HEAD` names the newest.

A store already at `HEAD` is opened without importing Alembic, and read by `melder queue`
without SQLAlchemy; a test keeps `HEAD` equal to the migrations' own head.
"""

HEAD = "0016"
