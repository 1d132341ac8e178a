"""A real IMAP server for the tests: Dovecot in a temporary folder on loopback ports.

Any user name logs in with the password `geheim`, so each test takes a fresh mailbox by
using its own user name. TLS uses a throw-away self-signed certificate for 127.0.0.1.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "geheim"

CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{dir}/cert.pem
ssl_key = <{dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{dir}/mail/%u
first_valid_uid = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={dir}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    folder: Path
    imap_port: int
    imaps_port: int
    ca_file: Path
    process: subprocess.Popen


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (path for path in ("/usr/sbin/dovecot",) if os.access(path, os.X_OK)), None
    )


def start(binary: str) -> ImapServer:
    folder = Path(tempfile.mkdtemp(prefix="melder-imap-"))
    folder.chmod(0o755)  # the mail user must reach its maildir
    _certificate(folder)
    users = _users()
    (folder / "mail").mkdir()
    shutil.chown(folder / "mail", users["mail_user"], users["mail_group"])
    ports = {"imap_port": _free_port(), "imaps_port": _free_port()}
    config = folder / "dovecot.conf"
    config.write_text(CONFIG.format(dir=folder, password=PASSWORD, **users, **ports))
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = ImapServer(
        folder, ports["imap_port"], ports["imaps_port"], folder / "cert.pem", process
    )
    _wait_until_listening(server)
    return server


def stop(server: ImapServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.process.kill()
    shutil.rmtree(server.folder, ignore_errors=True)


def _users() -> dict[str, str]:
    """As root, Dovecot's own users; otherwise everything runs as the current user."""
    if os.geteuid() == 0:
        return {
            "login_user": "dovenull",
            "internal_user": "dovecot",
            "mail_user": "dovecot",
            "mail_group": "dovecot",
        }
    me = pwd.getpwuid(os.geteuid()).pw_name
    return {"login_user": me, "internal_user": me, "mail_user": me, "mail_group": str(os.getegid())}


def _certificate(folder: Path) -> None:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def _wait_until_listening(server: ImapServer, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = (server.folder / "dovecot.log").read_text(errors="replace")[-2000:]
            error = server.process.stderr.read().decode(errors="replace")
            raise RuntimeError(f"dovecot exited: {error} {log}")
        try:
            with socket.create_connection(("127.0.0.1", server.imap_port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening within 10 s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
