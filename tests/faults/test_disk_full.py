"""A disk filled to the brim during ingest and publish (a real tmpfs): every command answers
with one line that names the path, the free space and what to do; read-only commands keep
working; nothing is lost once space returns, and a channel left behind catches up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write


@pytest.fixture
def disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"needs root to mount a tmpfs: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def make_root(root: Path) -> Path:
    write(root / "sources" / "inbox.toml", 'title = "Inbox"\nkind = "files"\npath = "in"\n'
          'review = "auto"\n')  # fmt: skip
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
        'max_items = 5\n[disclaimer]\ntext = "Inhalte Dritter: {source}."\n',
    )
    (root / "in").mkdir()
    return root


def add_inputs(root: Path, first: int, count: int) -> None:
    """Releases with texts of their own (near-identical ones would be held as duplicates)."""
    from tests.security.test_xss_routes import _paragraphs

    for number in range(first, first + count):
        text = "\n\n".join(_paragraphs(["Ende."], number, "disk"))
        (root / "in" / f"pm-{number:03d}.txt").write_text(f"Meldung {number}\n\n{text}\n")


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):  # to the last byte
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(descriptor)
    return filler


def melder(root: Path, database: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MELDER_ROOT": str(root), "MELDER_DATABASE_URL": database}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], env=env, capture_output=True, text=True
    )


def one_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr
    assert "[SQL:" not in result.stderr and "[parameters:" not in result.stderr, result.stderr
    return " ".join(lines)


def test_everything_on_a_full_disk(disk):
    root = make_root(disk / "root")
    database = f"sqlite:///{root / 'var' / 'melder.db'}"
    add_inputs(root, 0, 20)
    assert melder(root, database, "ingest").returncode == 0
    assert melder(root, database, "publish").returncode == 0
    add_inputs(root, 20, 20)
    filler = fill(disk)

    status = melder(root, database, "status")
    assert status.returncode == 0, status.stderr
    one_line(status)
    queue = melder(root, database, "queue", "--state", "published", "--json")
    assert queue.returncode == 0, queue.stderr
    assert len(json.loads(queue.stdout)) == 20

    ingest = melder(root, database, "ingest")
    assert ingest.returncode != 0
    message = one_line(ingest)
    assert "free there" in message and "free space" in message, message

    filler.unlink()
    assert melder(root, database, "ingest").returncode == 0
    assert melder(root, database, "publish").returncode == 0
    published = json.loads(melder(root, database, "queue", "--state", "published", "--json").stdout)
    assert len(published) == 40
    pages = list((root / "outputs" / "portal" / "releases").glob("*.html"))
    assert len(pages) == 40


def test_a_full_outputs_disk_leaves_a_channel_behind_until_space_returns(disk, tmp_path):
    root = make_root(disk / "root")
    database = f"sqlite:///{tmp_path / 'db' / 'melder.db'}"  # the store on another volume
    add_inputs(root, 0, 5)
    assert melder(root, database, "ingest").returncode == 0
    assert melder(root, database, "publish").returncode == 0
    add_inputs(root, 5, 30)
    assert melder(root, database, "ingest").returncode == 0
    filler = fill(disk)

    publish = melder(root, database, "publish")
    assert publish.returncode == 1
    message = one_line(publish)
    assert "channel portal is behind" in message and "free there" in message, message
    check = melder(root, database, "status", "--check")
    assert check.returncode == 2 and "portal" in check.stdout, check.stdout
    status = json.loads(melder(root, database, "status", "--json").stdout)
    [run] = [r for r in status["runs"] if r["job"] == "publish" and r["target"] == "portal"]
    assert run["outcome"] == "error" and "behind" in run["error"]

    filler.unlink()
    assert melder(root, database, "publish").returncode == 0
    published = json.loads(melder(root, database, "queue", "--state", "published", "--json").stdout)
    pages = {path.name for path in (root / "outputs" / "portal" / "releases").glob("*.html")}
    assert len(published) == 35 and len(pages) == 35
    assert melder(root, database, "status", "--check").returncode == 0
