"""Shared pieces of the web tests: a Melder root, a real uvicorn server, logged-in clients."""

from __future__ import annotations

import re
import socket
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn

from pipeline.config import load_config
from pipeline.config.settings import Settings
from pipeline.models import State
from pipeline.store import Store
from pipeline.store.users import add_user, create_token
from pipeline.web import Limits, create_app
from tests.conftest import write
from tests.factories import make_release

SECRET = "test-secret-key-" + "k" * 32
PASSWORD = "correct horse battery"
NOW = datetime.now(UTC)


def make_root(root: Path) -> Path:
    """Two api sources, one reviewed files source, and a channel taking all of them."""
    for name, title in [("press", "Press Office"), ("other", "Other Office")]:
        write(
            root / "sources" / f"{name}.toml",
            f"""
            title = "{title}"
            kind = "api"
            language = "de"
            """,
        )
    write(
        root / "sources" / "office.toml",
        """
        title = "City Office"
        kind = "files"
        path = "inbox/office"
        language = "de"
        """,
    )
    (root / "inbox" / "office").mkdir(parents=True)
    write(
        root / "outputs" / "portal.toml",
        """
        title = "Portal"
        description = "Releases"
        link = "https://portal.example/melder"
        [disclaimer]
        text = "Inhalte Dritter. Verantwortlich ist allein {source}."
        """,
    )
    return root


def settings_for(root: Path) -> Settings:
    return Settings(secret_key=SECRET, database_url=f"sqlite:///{root / 'var' / 'melder.db'}")


def open_store(root: Path) -> Store:
    return Store(settings_for(root).database_url_for(root))


def seed_users(store: Store) -> None:
    add_user(store, "erika", "editor", PASSWORD, now=NOW)
    add_user(store, "admin", "admin", PASSWORD, now=NOW)


def token(store: Store, root: Path, source: str) -> str:
    return create_token(store, load_config(root), source, now=NOW)[1]


def queued(store: Store, identity: str, *, source: str = "office", **fields) -> str:
    """A release waiting for review; returns its id."""
    release = make_release(identity, source=source, **fields)
    [saved] = store.save([(release, State.QUEUED, None)], now=NOW, actor=source)
    return saved.release_id


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(root: Path, limits: Limits | None = None):
    """`melder serve`'s app on a free port of 127.0.0.1, in a thread; yields the base URL."""
    app = create_app(root, settings_for(root), limits=limits)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client: httpx.Client, name: str = "erika", password: str = PASSWORD) -> httpx.Response:
    form = client.get("/desk/login")
    return client.post(
        "/desk/login",
        data={"csrf": csrf_of(form.text), "name": name, "password": password, "next": "/desk/"},
    )


def form_fields(html: str, action: str) -> dict[str, str]:
    """The hidden fields of the form posting to `action` (csrf, version, ...)."""
    start = html.index(f'action="{action}"')
    chunk = html[start : html.index("</form>", start)]
    return dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', chunk))


@contextmanager
def melder_serve(
    root: Path, tmp: Path, *extra: str, port: int | None = None, database_url: str | None = None
):
    """A real `melder serve` process on 127.0.0.1; yields (base URL, process).

    Its TMPDIR is a folder of its own, so a test can see whether anything was spooled to disk.
    """
    import os
    import subprocess
    import sys

    port = port or free_port()
    spool = tmp / "spool"
    spool.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "MELDER_ROOT": str(root),
        "MELDER_DATABASE_URL": database_url or settings_for(root).database_url,
        "MELDER_SECRET_KEY": SECRET,
        "TMPDIR": str(spool),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"melder serve did not start: {process.stdout.read()!r}")
        time.sleep(0.1)
    try:
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def rss_kib(pid: int) -> int:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")
