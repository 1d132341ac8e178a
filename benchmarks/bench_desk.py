"""Server time of the desk's queue page as the store grows, run on demand.

    python benchmarks/bench_desk.py --sizes 5000,50000 --rounds 10

Builds a store of N releases (ten sources, arrivals in batches, a quarter approved or
published), then times the queue page in-process (no network): the default view (waiting,
50 a page), a later page, 200 a page, a source filter, and a full-text search. Prints the
median and best of `--rounds` in milliseconds.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from pipeline.models import State
from pipeline.web import Limits, create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' helpers build stores
from tests.factories import make_release  # noqa: E402
from tests.web_support import login, make_root, open_store, seed_users, settings_for  # noqa: E402

SOURCES = [f"office{n}" for n in range(10)]


def build(root: Path, size: int) -> None:
    make_root(root)
    for name in SOURCES:
        (root / "sources" / f"{name}.toml").write_text(
            f'title = "Pressestelle {name}"\nkind = "files"\npath = "inbox/{name}"\n'
        )
    store = open_store(root)
    seed_users(store)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for batch_start in range(0, size, 500):
        items = []
        for n in range(batch_start, min(size, batch_start + 500)):
            state = State.APPROVED if n % 4 == 0 else State.QUEUED
            release = make_release(
                f"inbox/{n}.txt", source=SOURCES[n % 10], title=f"Meldung {n} über den Radweg"
            )
            items.append((release, state, None))
        store.save(items, now=start + timedelta(minutes=batch_start), actor="bench")
    store.close()


def timed(client: TestClient, url: str, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        answer = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.status_code
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    print("releases  view                      median ms   best ms")
    for size in (int(value) for value in options.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "root"
            build(root, size)
            app = create_app(root, settings_for(root), limits=Limits())
            with TestClient(app) as client:
                login(client)
                first = client.get("/desk/").text
                older = re.search(r'<a href="([^"]+)" rel="next">', first).group(1)
                older = older.replace("&amp;", "&")
                views = {
                    "waiting, 50": "/desk/",
                    "waiting, page 2": older,
                    "waiting, 200": "/desk/?per=200",
                    "one source": "/desk/?source=office3",
                    "search 'Radweg'": "/desk/?q=Radweg",
                }
                for label, url in views.items():
                    median, best = timed(client, url, options.rounds)
                    print(f"{size:>8}  {label:24} {median:>9.1f} {best:>9.1f}")


if __name__ == "__main__":
    main()
