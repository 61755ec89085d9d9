"""Who may write and read: the token from --token, the environment or the config file; reads
open on this machine only unless --public-reads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conflictcoder.web.auth import TOKEN_ENV, resolve_token


def test_token_comes_from_the_flag_then_the_environment_then_the_config(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[serve]\ntoken = "from-config"\n')
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert resolve_token(None, cfg) == ("from-config", str(cfg))
    monkeypatch.setenv("CONFLICTCODER_CONFIG", str(cfg))
    assert resolve_token(None, None)[0] == "from-config"
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    assert resolve_token(None, cfg) == ("from-env", TOKEN_ENV)
    assert resolve_token("from-flag", cfg) == ("from-flag", "--token")


def test_without_any_token_a_random_one_is_made(tmp_path, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    a, origin = resolve_token(None, tmp_path / "absent.toml")
    b, _ = resolve_token(None, tmp_path / "absent.toml")
    assert origin == "generated" and len(a) >= 24 and a != b


@pytest.mark.parametrize("public, expected", [(False, 401), (True, 200)])
def test_public_reads_open_reads_to_other_machines_but_never_writes(db_file, public, expected):
    from conflictcoder.web.app import create_app

    app = create_app(db_file, token="t0k", public_reads=public)
    try:
        remote = TestClient(app, base_url="http://127.0.0.1", client=("198.51.100.7", 5000))
        assert remote.get("/api/meta").status_code == expected
        ev = remote.get("/api/events", headers={"Authorization": "Bearer t0k"}).json()["events"][0]
        r = remote.post(f"/api/events/{ev['event_id']}/corrections", json={"author": "a", "reason": "b", "fatalities": 1})
        assert r.status_code == 401
    finally:
        app.state.store.close()
