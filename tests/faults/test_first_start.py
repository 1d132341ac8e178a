"""A first start killed at any moment: the next start finds a working store, never one that
says `table inputs already exists` forever."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pipeline.store import Store
from pipeline.store.engine import HalfMadeStore
from pipeline.store.tables import Base

TRIES = 100
OPENING = threading.Lock()


def _first_start_killed(root: Path, seed: int) -> str:
    """Start `melder status` on a new root, kill -9 it while the store is being made, then open
    the store again; returns what went wrong ("" when nothing did)."""
    pick = random.Random(seed)
    database = root / "var" / "melder.db"
    env = {**os.environ, "MELDER_ROOT": str(root), "MELDER_DATABASE_URL": f"sqlite:///{database}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "status"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not database.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(pick.uniform(0, 0.8))  # somewhere inside the migrations, or just after
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Alembic keeps its migration context in module globals: one migration at a time in this
    # process (in production every process migrates alone, under the migration lock).
    with OPENING:
        try:
            store = Store(f"sqlite:///{database}")
            store.counts()
            store.close()
        except Exception as exc:  # every failure counts as a broken store
            return f"try {seed}: {type(exc).__name__}: {exc}"
    return ""


def test_a_hundred_killed_first_starts_leave_no_broken_store(tmp_path):
    roots = [tmp_path / f"root-{number}" for number in range(TRIES)]
    for root in roots:
        (root / "sources").mkdir(parents=True)
        (root / "outputs").mkdir()
    with ThreadPoolExecutor(2) as pool:
        broken = [found for found in pool.map(_first_start_killed, roots, range(TRIES)) if found]
    print(f"\nfirst start killed {TRIES} times: {len(broken)} broken stores")
    assert broken == []


def test_a_half_made_empty_store_from_an_older_melder_is_made_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'melder.db'}"
    engine = create_engine(url)
    Base.metadata.tables["inputs"].create(engine)  # what an interrupted old first start left
    engine.dispose()
    store = Store(url)
    assert store.counts()["received"] == 0
    store.close()


def test_a_half_made_store_with_rows_is_named_and_left_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'melder.db'}"
    engine = create_engine(url)
    Base.metadata.tables["users"].create(engine)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (name, role, password_hash, created_at) "
                "VALUES ('erika', 'editor', 'x', '2026-11-25 09:00:00')"
            )
        )
    engine.dispose()
    with pytest.raises(HalfMadeStore, match="no record of its schema version"):
        Store(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM users")).scalar() == 1
    engine.dispose()
