"""A throwaway PostgreSQL server for tests, started from Debian's packages in a temp folder."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl as the `postgres` user (the server refuses to run as root)."""

    def __init__(self) -> None:
        self.bin = _binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="melder-pg-"))
        self.port = _free_port()
        self.data = self.folder / "data"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    def start(self) -> PostgresServer:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._as_postgres(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self._pg_start()
        return self

    def _pg_start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            "start",
        )

    def restart(self, pause: float = 0.3) -> None:
        """Stop the server hard (every connection dies), wait `pause` seconds, start it again."""
        import time

        self.halt()
        time.sleep(pause)
        self.resume()

    def halt(self) -> None:
        """Stop the server hard, keeping its data for `resume`."""
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")

    def resume(self) -> None:
        self._pg_start()

    def stop(self) -> None:
        try:
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, *, locale: str | None = None) -> str:
        """A fresh database; `locale` gives it that collation and character type ('C', as
        many hosted servers make theirs), else the cluster's."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        chosen = f" TEMPLATE template0 LC_COLLATE '{locale}' LC_CTYPE '{locale}'" if locale else ""
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres", autocommit=True
        ) as c:
            c.execute(f'CREATE DATABASE "{name}"{chosen}')
        return self.url(name)
