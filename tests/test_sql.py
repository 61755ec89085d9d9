"""sql: the row helpers the store and the linker share, on a real DuckDB file."""

import duckdb

from conflictcoder.sql import dicts, insert_rows


def test_rows_go_in_as_one_statement_and_come_back_as_dicts(tmp_path):
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    con.execute("CREATE TABLE links (event_id VARCHAR, mention_id VARCHAR, weight DOUBLE)")
    insert_rows(con, "links", ["event_id", "mention_id"], [["E1", "M1"], ["E1", "M2"], ["E2", "M3"]])
    insert_rows(con, "links", None, [["E3", "M4", 0.5]])
    insert_rows(con, "links", "event_id, mention_id", [])  # nothing to insert: no statement
    rows = dicts(con, "SELECT * FROM links WHERE event_id <> ? ORDER BY mention_id", ["E2"])
    assert rows == [{"event_id": "E1", "mention_id": "M1", "weight": None},
                    {"event_id": "E1", "mention_id": "M2", "weight": None},
                    {"event_id": "E3", "mention_id": "M4", "weight": 0.5}]
    assert dicts(con, "SELECT * FROM links WHERE false") == []
