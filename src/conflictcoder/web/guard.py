"""guard: what every request passes before the app sees it: the Host it names, the write token,
the size of its body.

- Host: only the names the server was started for (by default this machine's loopback names).
  A web page the analyst visits can point its own domain at 127.0.0.1 (DNS rebinding) and then
  read the store through the analyst's browser; its requests name that domain, and get 421.
- Writes (POST, PUT, PATCH, DELETE) are refused without the right token before a byte of their
  body is read (401 without, 403 wrong), so a client without the token cannot make the server
  read and parse a large body.
- Bodies: at most `MAX_BODY` bytes (413 beyond; a corrections body is a few kilobytes). A write's
  body is read here, bounded, and handed on to the app.
- Every answer, refusals included, carries the page's Content-Security-Policy (not /docs:
  Swagger UI starts itself with an inline script) and `X-Content-Type-Options: nosniff`.

A plain ASGI middleware (not FastAPI's dependencies: those run after the body is parsed; nor
Starlette's BaseHTTPMiddleware, whose extra task and stream per request cost a third of a
cached answer's time).
What it does not do: decide who may read (auth.py) or validate what a body says (models.py).
"""

from __future__ import annotations

import json

from .auth import Access, token_ok

MAX_BODY = 256 * 1024
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def served_hosts(listen: str, extra: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The host names a server listening on `listen` answers for: the loopback names, the address
    itself, on a wildcard address this machine's own names, and `extra` (--allow-host)."""
    import socket

    names = [*LOOPBACK_NAMES, listen, *extra]
    if listen in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
    return tuple(dict.fromkeys(host_name(n) for n in names if n))


def host_name(header: str) -> str:
    """The host of a Host header, lower-case, without port or brackets: "[::1]:8000" -> "::1"."""
    h = header.strip().lower()
    if h.startswith("["):
        h = h[1:].split("]", 1)[0]
    elif h.count(":") == 1:
        h = h.split(":", 1)[0]
    return h.rstrip(".")


class Guard:
    """ASGI middleware: Host check, token before body, body cap (see the module docstring)."""

    def __init__(self, app, access: Access, hosts: tuple[str, ...] = LOOPBACK_NAMES, max_body: int = MAX_BODY,
                 csp: str = ""):
        self.app = app
        self.access = access
        self.hosts = {host_name(h) for h in hosts}
        self.max_body = max_body
        self.csp = csp.encode("latin-1")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        extra = [(b"x-content-type-options", b"nosniff")]
        if self.csp and scope["path"] != "/docs":
            extra.append((b"content-security-policy", self.csp))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self._guarded(scope, receive, send_with_headers)

    async def _guarded(self, scope, receive, send):
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if host_name(headers.get("host", "")) not in self.hosts:
            return await _refuse(send, 421, "this server does not answer for that host name "
                                            "(start it with --allow-host NAME to add one)")
        length = headers.get("content-length", "")
        if length and not length.isdigit():
            return await _refuse(send, 400, "Content-Length is not a number")
        if length and int(length) > self.max_body:
            return await _refuse(send, 413, f"request body over {self.max_body} bytes")
        if scope["method"] not in WRITE_METHODS:
            return await self.app(scope, receive, send)
        auth = headers.get("authorization", "")
        scheme, _, credentials = auth.partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            return await _refuse(send, 401, "writes need the server's token (Authorization: Bearer TOKEN)",
                                 [(b"www-authenticate", b"Bearer")])
        if not token_ok(self.access, credentials.strip()):
            return await _refuse(send, 403, "wrong token")
        body, more = [], True
        size = 0
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return await _refuse(send, 413, f"request body over {self.max_body} bytes")
            body.append(chunk)
            more = message.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(body), "more_body": False}]

        async def receive_again():
            return replay.pop() if replay else await receive()

        return await self.app(scope, receive_again, send)


async def _refuse(send, status: int, detail: str, headers: list | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
