"""Attacks on a running `melder serve` (loopback only): oversized bodies before login, limiter
memory, logout replay, login limits behind a proxy, a busy event loop, odd form values."""

from __future__ import annotations

import concurrent.futures
import subprocess
import sys
import time

import httpx
import pytest

from tests.web_support import (
    PASSWORD,
    csrf_of,
    form_fields,
    login,
    make_root,
    melder_serve,
    open_store,
    queued,
    rss_kib,
    seed_users,
    settings_for,
)

MIB = 1024 * 1024


@pytest.fixture
def root(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    return root


@pytest.fixture
def server(root, tmp_path):
    with melder_serve(root, tmp_path) as running:
        yield running


def _spooled(tmp_path) -> int:
    return sum(path.stat().st_size for path in (tmp_path / "spool").rglob("*") if path.is_file())


def test_a_huge_multipart_login_is_refused_before_anything_is_parsed(server, tmp_path):
    base, process = server
    before = rss_kib(process.pid)

    def flood():
        yield b'--x\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n'
        for _ in range(200):  # 200 MiB if the server kept reading
            yield b"\0" * MIB

    response = httpx.post(
        f"{base}/desk/login",
        content=flood(),
        headers={"content-type": "multipart/form-data; boundary=x"},
        timeout=30,
    )
    assert response.status_code == 415
    assert _spooled(tmp_path) == 0
    assert rss_kib(process.pid) - before < 20 * 1024


def test_a_chunked_form_over_the_cap_is_cut_off_at_the_cap(server, tmp_path):
    base, process = server
    before = rss_kib(process.pid)

    def endless_form():
        yield b"csrf=x&name="
        for _ in range(100):
            yield b"a" * MIB

    try:
        response = httpx.post(
            f"{base}/desk/login",
            content=endless_form(),
            headers={"content-type": "application/x-www-form-urlencoded"},
            timeout=30,
        )
        assert response.status_code == 413
    except httpx.TransportError:
        pass  # the server may close the connection right after answering 413
    assert rss_kib(process.pid) - before < 20 * 1024
    assert _spooled(tmp_path) == 0


def test_a_declared_oversized_body_is_refused_at_once(server):
    base, _ = server
    import socket

    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /desk/login HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 2097152000\r\n\r\n"
        )
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413")


def test_many_logins_with_long_names_do_not_grow_the_server(server):
    """Each attempt carries a fresh 12 KB name; the limiter keeps fixed-size keys, and the
    per-address lock stops the flood long before memory could matter."""
    base, process = server
    with httpx.Client(base_url=base, timeout=30) as client:
        csrf = csrf_of(client.get("/desk/login").text)
        before = rss_kib(process.pid)
        statuses = []
        for number in range(400):
            name = f"{number:05d}" + "x" * 12_000
            response = client.post(
                "/desk/login", data={"csrf": csrf, "name": name, "password": "wrong"}
            )
            statuses.append(response.status_code)
    assert set(statuses) <= {401, 429} and statuses[-1] == 429
    assert rss_kib(process.pid) - before < 30 * 1024


def test_logout_ends_the_session_for_the_old_cookie_too(root, server):
    base, _ = server
    store = open_store(root)
    release_id = queued(store, "inbox/a.txt")
    with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
        assert login(client).status_code == 200
        stolen = dict(client.cookies)
        page = client.get(f"/desk/releases/{release_id}")
        approve = form_fields(page.text, f"/desk/releases/{release_id}/approve")
        client.post("/desk/logout", data={"csrf": approve["csrf"]})
    with httpx.Client(base_url=base, timeout=30, cookies=stolen) as replay:
        assert replay.get("/desk/", follow_redirects=False).status_code == 303
        answer = replay.post(f"/desk/releases/{release_id}/approve", data=approve)
        assert answer.status_code == 401 and 'action="/desk/login"' in answer.text
        publish = replay.post("/desk/publish", data={"csrf": approve["csrf"]})
        assert publish.status_code == 401
    assert store.get(release_id).state.value == "queued"
    store.close()


def test_a_new_password_ends_every_session_of_that_user(root, server):
    base, _ = server
    with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
        assert login(client).status_code == 200
        assert client.get("/desk/").url.path == "/desk/"
        subprocess.run(
            [sys.executable, "-m", "pipeline", "user", "password", "erika", "--password-stdin"],
            input="a brand new passphrase\n",
            env={
                "MELDER_ROOT": str(root),
                "MELDER_DATABASE_URL": settings_for(root).database_url,
                "PATH": "/usr/bin:/bin",
            },
            check=True,
            capture_output=True,
            text=True,
        )
        assert client.get("/desk/").url.path == "/desk/login"


def _try_login(base: str, name: str, password: str, forwarded: str | None = None) -> int:
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
        csrf = csrf_of(client.get("/desk/login").text)
        return client.post(
            "/desk/login", data={"csrf": csrf, "name": name, "password": password}
        ).status_code


def test_a_forged_forwarded_for_from_an_untrusted_client_does_not_escape_the_lock(root, tmp_path):
    with melder_serve(root, tmp_path, "--proxy-headers", "--trusted-proxy", "10.9.9.9") as (
        base,
        _,
    ):
        statuses = [_try_login(base, "erika", "wrong", f"203.0.113.{n}") for n in range(8)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}


def test_behind_a_trusted_proxy_one_address_cannot_lock_a_name_out_for_everyone(root, tmp_path):
    with melder_serve(root, tmp_path, "--proxy-headers") as (base, _):
        attacker = [_try_login(base, "erika", "wrong", "203.0.113.66") for _ in range(6)]
        colleague = _try_login(base, "erika", PASSWORD, "198.51.100.7")
    assert attacker[:5] == [401] * 5 and attacker[5] == 429
    assert colleague == 303


def test_healthz_answers_while_password_checks_run(server):
    base, _ = server
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        logins = [pool.submit(_try_login, base, "erika", "wrong") for _ in range(6)]
        time.sleep(0.05)
        health = pool.submit(httpx.get, f"{base}/healthz", timeout=30)
        health_done = health.result().status_code
        health_finished = time.monotonic()
        finished = []
        for future in logins:
            future.result()
            finished.append(time.monotonic())
    assert health_done == 200
    assert health_finished <= max(finished)


@pytest.mark.parametrize("zone", ["Europe", "a" * 1000, "../../etc/passwd", "Mars/Olympus"])
def test_a_forged_zone_in_the_approve_form_is_ignored(root, server, zone):
    """The desk reads an approval time in its own zone, named beside the field; a zone field
    slipped into the form changes nothing and breaks nothing."""
    base, _ = server
    store = open_store(root)
    release_id = queued(store, f"inbox/{len(zone)}.txt")
    store.close()
    with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
        login(client)
        action = f"/desk/releases/{release_id}/approve"
        fields = form_fields(client.get(f"/desk/releases/{release_id}").text, action)
        response = client.post(action, data={**fields, "at": "2030-01-01T09:00", "zone": zone})
    assert response.status_code == 200
    store = open_store(root)
    assert store.get(release_id).publish_at.isoformat() == "2030-01-01T08:00:00+00:00"
    store.close()


def test_api_answers_are_not_cached_and_never_take_the_host_header(root, server):
    from tests.web_support import token

    base, _ = server
    store = open_store(root)
    secret = token(store, root, "press")
    store.close()
    response = httpx.post(
        f"{base}/api/v1/releases",
        json={"title": "Neue Brücke eröffnet", "body": "Die Stadt eröffnet am Montag die Brücke."},
        headers={"authorization": f"Bearer {secret}", "host": "evil.example"},
        timeout=30,
    )
    assert response.status_code in (201, 422), response.text
    assert response.headers["cache-control"] == "no-store"
    assert "evil.example" not in response.text


def test_feed_files_from_the_desk_origin_run_sandboxed(root, server):
    base, _ = server
    (root / "outputs" / "portal" / "releases").mkdir(parents=True)
    (root / "outputs" / "portal" / "releases" / "x.html").write_text("<p>x</p>")
    response = httpx.get(f"{base}/feeds/portal/releases/x.html", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("sandbox;")


def test_failures_for_one_name_from_many_addresses_slow_it_down():
    from pipeline.web.security import SlowDown

    slow = SlowDown(5, 300)
    for second in range(5):
        slow.hit("user:erika", now=float(second))
    assert slow.retry_after("user:erika", now=5.0) == 0
    slow.hit("user:erika", now=5.0)
    assert slow.retry_after("user:erika", now=5.0) == 2
    slow.hit("user:erika", now=7.0)
    assert slow.retry_after("user:erika", now=7.0) == 4
    slow.reset("user:erika")
    assert slow.retry_after("user:erika", now=8.0) == 0


def test_the_limiter_keeps_a_bounded_number_of_fixed_size_keys():
    import tracemalloc

    from pipeline.web.security import RateLimiter

    limiter = RateLimiter(5, 300, max_keys=1_000)
    tracemalloc.start()
    for number in range(20_000):
        limiter.hit(f"user:{number}" + "x" * 200_000)
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(limiter.hits) == 1_000
    assert current < 2 * MIB


def test_an_anonymous_client_gets_the_small_cap_on_the_edit_form_too(server):
    base, _ = server
    body = "csrf=x&" + "&".join(f"f{n}={'a' * 100_000}" for n in range(5))
    answer = httpx.post(
        f"{base}/desk/releases/anything/edit",
        content=body.encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
        timeout=30,
    )
    assert answer.status_code == 413
    assert len(answer.content) < 2_000  # nothing of what was sent comes back


def test_two_content_types_on_a_desk_form_are_refused(server):
    base, _ = server
    import socket

    host, port = base.removeprefix("http://").split(":")
    body = b'--XB\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n--XB--\r\n'
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /desk/login HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: multipart/form-data; boundary=XB\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 415"), answer[:200]
