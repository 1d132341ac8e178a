"""wrk against `melder serve` and nginx serving the same feed file, in the same run.

    python benchmarks/bench_web.py [--seconds 5] [--connections 32] [--items 50] [--rounds 3]

Both servers get one worker process on 127.0.0.1 and neither logs requests; nginx sends files
with `sendfile on`. Measured: full 200 responses (no gzip) and 304 answers to If-None-Match,
for `rss.xml` of a channel with `--items` releases, in `--rounds` interleaved rounds (nginx,
melder, nginx, melder, …) so a busy moment of the machine hits both; min and median are
reported. Needs `wrk` and `nginx` (Debian packages of those names).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
NGINX_CONF = """
worker_processes 1;
daemon off;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;
  fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
  types {{ application/rss+xml xml; }}
  charset utf-8; charset_types application/rss+xml;
  server {{
    listen 127.0.0.1:{port};
    location /feeds/ {{ alias {outputs}/; }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_root(folder: Path, items: int) -> Path:
    """A Melder root whose channel `bench` holds an RSS file of `items` realistic entries."""
    root = folder / "root"
    (root / "sources").mkdir(parents=True)
    shutil.copy(REPO / "outputs" / "melder.toml", root / "outputs.toml")
    (root / "outputs").mkdir()
    shutil.move(root / "outputs.toml", root / "outputs" / "bench.toml")
    entry = (
        "<item><title>Stadt eröffnet neue Bibliothek {n}</title>"
        "<link>https://portal.example/melder/releases/r-{n}.html</link>"
        "<description>"
        + "Die Stadt eröffnet am Montag ihre neue Bibliothek. " * 30
        + "</description><guid>urn:uuid:{n}</guid></item>\n"
    )
    body = "".join(entry.format(n=n) for n in range(items))
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
    rss = f"{head}<channel>{body}</channel></rss>"
    (root / "outputs" / "bench").mkdir()
    (root / "outputs" / "bench" / "rss.xml").write_text(rss, encoding="utf-8")
    return root


def wait_for(url: str) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.get(url, headers={"accept-encoding": "identity"})
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wrk(url: str, seconds: int, connections: int, header: str | None = None) -> float:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url]
    if header:
        command[1:1] = ["-H", header]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure(name: str, url: str, args) -> dict[str, float]:
    first = wait_for(url)
    if first.status_code != 200:
        raise SystemExit(f"{name}: {url} answered {first.status_code}")
    etag = first.headers["etag"]
    full = wrk(url, args.seconds, args.connections)
    cached = wrk(url, args.seconds, args.connections, f"If-None-Match: {etag}")
    size = len(first.content)
    print(f"  {name:8} {size:>9,} bytes  200: {full:>10,.0f} req/s  304: {cached:>10,.0f} req/s")
    return {"full": full, "304": cached}


def summary(rounds: list[dict[str, dict[str, float]]]) -> None:
    for kind in ("full", "304"):
        for name in ("nginx", "melder"):
            values = sorted(r[name][kind] for r in rounds)
            print(
                f"{name:8} {kind:>4}: min {values[0]:>10,.0f}  median "
                f"{statistics.median(values):>10,.0f} req/s"
            )
        ratios = sorted(r["melder"][kind] / r["nginx"][kind] for r in rounds)
        print(f"melder/nginx {kind}: min {ratios[0]:.0%}, median {statistics.median(ratios):.0%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is not installed (apt-get install {tool})")
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)  # nginx's worker may run as another user and must read it
        root = make_root(Path(folder), args.items)
        prefix = Path(folder) / "nginx"
        (prefix / "tmp").mkdir(parents=True)
        nginx_port, melder_port = free_port(), free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=prefix, port=nginx_port, outputs=root / "outputs"))
        env = {**os.environ, "MELDER_SECRET_KEY": "bench-" + "k" * 40, "PYTHONPATH": str(REPO)}
        servers = [
            subprocess.Popen(
                [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(prefix)]
            ),
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pipeline",
                    "--root",
                    str(root),
                    "serve",
                    "--port",
                    str(melder_port),
                ],
                env=env,
            ),
        ]
        rounds = []
        try:
            path = "/feeds/bench/rss.xml"
            for number in range(1, args.rounds + 1):
                print(f"round {number}")
                rounds.append(
                    {
                        "nginx": measure("nginx", f"http://127.0.0.1:{nginx_port}{path}", args),
                        "melder": measure("melder", f"http://127.0.0.1:{melder_port}{path}", args),
                    }
                )
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    summary(rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
