"""Settings: every weight is data, overridable for a run, recorded with its results."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from conflictcoder import settings
from conflictcoder.cli import app


@pytest.fixture(autouse=True)
def _defaults_after(monkeypatch):
    monkeypatch.delenv(settings.ENV, raising=False)
    yield
    settings.use(None)


def test_every_setting_has_a_reason_and_a_stable_hash():
    s = settings.load()
    assert len(s.values) > 60 and all(s.docs[k] for k in s)
    assert s.hash == settings.load().hash and len(s.hash) == 12
    assert s["linker.w_near"] == 1.5 and s["places.w_near"] == (1.5, 1.0, 0.4)


def test_a_file_overrides_some_values_and_changes_the_hash(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("linker:\n  threshold: 5\nplaces.w_feature: {country: 9, admin1: 5.5, region: 5.5, admin2: 4.5}\n")
    s = settings.load(f)
    assert s["linker.threshold"] == 5.0 and isinstance(s["linker.threshold"], float)
    assert s["places.w_feature"]["country"] == 9
    assert s.changed() == {"linker.threshold": 5.0, "places.w_feature": s["places.w_feature"]}
    assert s.hash != settings.load().hash


@pytest.mark.parametrize("text, message", [
    ("linker:\n  treshold: 5\n", "unknown setting 'linker.treshold'"),
    ("linker:\n  threshold: high\n", "setting 'linker.threshold' must be like 3.5"),
    ("places:\n  w_near: [1, 2]\n", "setting 'places.w_near' must be like"),
    ("linker: [1\n", "mine.yaml:2: not valid YAML"),
])
def test_a_bad_file_is_one_error_naming_it(tmp_path, text, message):
    f = tmp_path / "mine.yaml"
    f.write_text(text)
    with pytest.raises(settings.SettingsError, match="mine.yaml") as e:
        settings.load(f)
    assert message in str(e.value) and "\n" not in str(e.value)


def test_a_module_reads_the_active_value_when_it_uses_it(tmp_path):
    from conflictcoder.link import linker

    assert linker.S.threshold == 3.5
    f = tmp_path / "mine.yaml"
    f.write_text("linker.threshold: 2.5\n")
    settings.use(f)
    assert linker.S.threshold == 2.5
    settings.use(None)
    assert linker.S.threshold == 3.5
    with pytest.raises(AttributeError, match="linker.nothing"):
        linker.S.nothing  # noqa: B018


def test_the_store_and_exports_record_the_settings_of_each_run(tmp_path):
    runner = CliRunner()
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"text": "Gunmen killed four villagers in Kaduna on Sunday, police said.",
                                  "date": "2024-03-05"}) + "\n")
    mine = tmp_path / "mine.yaml"
    mine.write_text("linker:\n  threshold: 4.5\n")
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["run", str(corpus), "--db", str(db)]).exit_code == 0
    r = runner.invoke(app, ["--settings", str(mine), "link", "--db", str(db), "--rebuild"])
    assert r.exit_code == 0, r.output
    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("SELECT command, settings_hash, changed FROM runs ORDER BY started_at").fetchall()
    con.close()
    assert [c for c, _, _ in runs] == ["run", "link --rebuild"]
    assert runs[0][1] == settings.load().hash and runs[1][1] == settings.load(mine).hash
    assert json.loads(runs[1][2]) == {"linker.threshold": 4.5}
    out = tmp_path / "e.geojson"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    used = json.loads(out.read_text())["conflictcoder"]["settings"]
    assert [u["settings_hash"] for u in used] == [runs[0][1], runs[1][1]]
    pq = tmp_path / "e.parquet"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(pq)]).exit_code == 0
    kv = duckdb.connect().execute(f"SELECT value FROM parquet_kv_metadata('{pq}') "
                                  "WHERE key = 'conflictcoder_settings'").fetchone()[0]
    assert json.loads(kv.decode())[1]["changed"] == {"linker.threshold": 4.5}


def test_a_bad_settings_file_stops_the_command_before_any_work(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("linker.nope: 1\n")
    r = CliRunner().invoke(app, ["--settings", str(bad), "run", str(tmp_path / "none.jsonl"), "--db",
                                 str(tmp_path / "x.duckdb")])
    assert r.exit_code == 2 and "unknown setting 'linker.nope'" in r.output
    assert not (tmp_path / "x.duckdb").exists()
