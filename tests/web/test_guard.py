"""guard: on a real server (uvicorn on 127.0.0.1): a foreign Host is refused (DNS rebinding), a
write without the token is refused before its body is read, bodies are capped."""

from __future__ import annotations

import shutil
import socket
import time

import httpx
import pytest

from conflictcoder.web.guard import MAX_BODY, host_name, served_hosts
from tests.web.conftest import TOKEN, Server


@pytest.fixture(scope="module")
def server(demo_store_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("guard") / "events.duckdb"
    shutil.copy(demo_store_file, db)
    s = Server(db)
    yield s
    s.stop()


def raw(server, head: str, body: bytes = b"", timeout: float = 10) -> tuple[int, bytes]:
    """Send a request head (and body bytes) on a socket; the status and response."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as s:
        s.sendall(head.encode() + b"\r\n\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        rest = s.recv(65536)
    return int(data.split(b" ", 2)[1]), data + rest


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))


@pytest.mark.parametrize("header, expected", [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "::1"),
                                              ("LocalHost.", "localhost"), ("evil.example:80", "evil.example")])
def test_host_name(header, expected):
    assert host_name(header) == expected


def test_served_hosts_are_loopback_unless_told():
    assert set(served_hosts("127.0.0.1")) == {"127.0.0.1", "localhost", "::1"}
    assert "analysts.example" in served_hosts("127.0.0.1", ["analysts.example"])
    assert socket.gethostname().lower() in served_hosts("0.0.0.0")


def test_a_foreign_host_is_refused(server):
    assert httpx.get(server.url + "/api/meta").status_code == 200
    assert httpx.get(server.url + "/api/meta", headers={"Host": f"localhost:{server.port}"}).status_code == 200
    for host in ("attacker.example", f"attacker.example:{server.port}", "127.0.0.1.attacker.example"):
        r = httpx.get(server.url + "/api/events", headers={"Host": host})
        assert r.status_code == 421 and "host" in r.json()["detail"], host
        assert r.headers["x-content-type-options"] == "nosniff" and "default-src" in r.headers["content-security-policy"]
    status, _ = raw(server, "GET /api/meta HTTP/1.0")  # no Host at all
    assert status == 421


def test_a_write_without_the_token_is_refused_before_its_body(server):
    """The head announces 200 MB and no body follows: the answer comes at once, and the server
    has read nothing more (its memory stays where it was)."""
    before = rss_kb(server.proc.pid)
    t = time.monotonic()
    status, _ = raw(server, f"POST /api/events/x/corrections HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                            "Content-Type: application/json\r\nTransfer-Encoding: chunked")
    assert status == 401 and time.monotonic() - t < 5
    status, _ = raw(server, f"POST /api/events/x/corrections HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                            "Authorization: Bearer wrong\r\nTransfer-Encoding: chunked")
    assert status == 403
    # a length under the cap, no token, no body sent yet: the answer does not wait for the body
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(f"POST /api/events/merge HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                  f"Content-Length: {MAX_BODY - 1}\r\n\r\n".encode())
        assert s.recv(200).split(b" ", 2)[1] == b"401"
    assert rss_kb(server.proc.pid) - before < 30_000


def test_bodies_are_capped(server):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    status, _ = raw(server, f"POST /api/events/merge HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                            f"Authorization: Bearer {TOKEN}\r\nContent-Length: 200000000")
    assert status == 413
    chunks = (b"x" * 65536 for _ in range(8))  # streamed, no length announced: counted as it comes
    r = httpx.post(server.url + "/api/events/merge", headers=auth, content=chunks)
    assert r.status_code == 413
    ok = httpx.post(server.url + "/api/events/merge", headers=auth,
                    json={"event_ids": ["EVnone1", "EVnone2"], "author": "a", "reason": "b"})
    assert ok.status_code == 404  # a body under the cap reaches the app
