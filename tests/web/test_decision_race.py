"""Two `melder serve` processes on one database: an approve and a reject fired at the same
moment on the same release never both succeed (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager

import httpx

from pipeline.models import State
from pipeline.store import Store
from tests.web_support import SECRET, form_fields, free_port, login, make_root
from tests.web_support import seed_users as add_users

PAIRS = 50


@contextmanager
def melder_serve(root, database_url: str):
    port = free_port()
    env = {
        **os.environ,
        "MELDER_ROOT": str(root),
        "MELDER_DATABASE_URL": database_url,
        "MELDER_SECRET_KEY": SECRET,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"melder serve did not start: {process.communicate()[0]}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


def _fire(name: str, form: tuple, start: threading.Barrier, answers: dict[str, str]) -> None:
    """'won' (sent on with what was done) or 'conflict' (sent back to the release's page)."""
    client, action, data = form
    start.wait()
    answer = client.post(action, data=data)
    location = answer.headers.get("location", "")
    if answer.status_code == 303:
        answers[name] = "won" if "done=" in location else "conflict"
    else:
        answers[name] = str(answer.status_code)


def test_opposite_decisions_at_once_never_both_win(tmp_path, database_url):
    root = make_root(tmp_path / "root")
    store = Store(database_url)
    add_users(store)
    ids = []
    for number in range(PAIRS):
        from tests.factories import make_release

        release = make_release(f"inbox/race-{number}.txt", source="office", title=f"Race {number}")
        [saved] = store.save(
            [(release, State.QUEUED, None)], now=release.provenance.received_at, actor="t"
        )
        ids.append(saved.release_id)
    double, outcomes = [], {"approve": 0, "reject": 0, "conflict": 0}
    with ExitStack() as stack:
        first = stack.enter_context(melder_serve(root, database_url))
        second = stack.enter_context(melder_serve(root, database_url))
        editor_a = stack.enter_context(httpx.Client(base_url=first, timeout=30))
        editor_b = stack.enter_context(httpx.Client(base_url=second, timeout=30))
        for client in (editor_a, editor_b):
            assert login(client).status_code == 303
        for release_id in ids:
            page_a = editor_a.get(f"/desk/releases/{release_id}").text
            page_b = editor_b.get(f"/desk/releases/{release_id}").text
            approve = f"/desk/releases/{release_id}/approve"
            reject = f"/desk/releases/{release_id}/reject"
            forms = {
                "approve": (editor_a, approve, form_fields(page_a, approve)),
                "reject": (editor_b, reject, {**form_fields(page_b, reject), "reason": "Werbung"}),
            }
            assert forms["approve"][2]["version"] == forms["reject"][2]["version"]
            start = threading.Barrier(2)
            answers: dict[str, str] = {}
            threads = [
                threading.Thread(target=_fire, args=(name, forms[name], start, answers))
                for name in forms
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            won = [name for name, said in answers.items() if said == "won"]
            assert all(said in ("won", "conflict") for said in answers.values()), answers
            if len(won) != 1:
                double.append((release_id, answers))
                continue
            outcomes[won[0]] += 1
            outcomes["conflict"] += 1
            state = store.get(release_id, history=False).state
            assert state == (State.APPROVED if won == ["approve"] else State.REJECTED)
    store.close()
    assert double == [], f"{len(double)} of {PAIRS} pairs did not have exactly one winner"
    assert outcomes["conflict"] == PAIRS
    print(f"race: {PAIRS} pairs, 0 double successes, {outcomes}")
