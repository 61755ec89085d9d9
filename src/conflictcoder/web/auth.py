"""auth: who may write, and who may read.

Writes (corrections, merges, splits) need the server's token, sent as
`Authorization: Bearer TOKEN`: missing gives 401, wrong gives 403. The token comes from
`--token`, else the environment (CONFLICTCODER_TOKEN), else the config file's `[serve] token`
(`--config`, else CONFLICTCODER_CONFIG, else ~/.config/conflictcoder/config.toml); when none is
set a random one is made at start-up and printed, so a server never takes anonymous writes.

Reads are open to clients on this machine (the loopback addresses, where the server listens by
default) and need the token from anywhere else (401 without, 403 wrong), unless the server was started with
`--public-reads`.

What it does not do: user accounts. The author of a correction is what the analyst types.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

TOKEN_ENV = "CONFLICTCODER_TOKEN"
CONFIG_ENV = "CONFLICTCODER_CONFIG"
DEFAULT_CONFIG = Path("~/.config/conflictcoder/config.toml")

bearer = HTTPBearer(auto_error=False, description="The server's write token (see `conflictcoder serve --token`).")


@dataclass(frozen=True)
class Access:
    token: str
    public_reads: bool = False


def config_path(path: Path | None = None) -> Path:
    return Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG).expanduser()


def resolve_token(token: str | None = None, config: Path | None = None) -> tuple[str, str]:
    """(token, where it came from): --token, the environment, the config file, or a new random one."""
    if token:
        return token, "--token"
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV], TOKEN_ENV
    path = config_path(config)
    if path.is_file():
        with open(path, "rb") as fh:
            entry = tomllib.load(fh).get("serve", {}).get("token")
        if entry:
            return str(entry), str(path)
    return secrets.token_urlsafe(24), "generated"


def token_ok(access: Access, token: str) -> bool:
    """The server's token, compared in constant time."""
    return hmac.compare_digest(token.encode(), access.token.encode())


def _token_ok(access: Access, credentials: HTTPAuthorizationCredentials | None) -> bool:
    return credentials is not None and token_ok(access, credentials.credentials)


def _local(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def require_write(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """Dependency of every write route: the token, or 401/403."""
    access: Access = request.app.state.access
    if credentials is None:
        raise HTTPException(401, "writes need the server's token (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
    if not _token_ok(access, credentials):
        raise HTTPException(403, "wrong token")


async def allow_read(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """Dependency of every read route: local clients, the token, or --public-reads."""
    access: Access = request.app.state.access
    if access.public_reads or _local(request) or _token_ok(access, credentials):
        return
    if credentials is None:
        raise HTTPException(401, "reads from other machines need the token (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
    raise HTTPException(403, "reads from other machines need the token (or start the server with --public-reads)")
