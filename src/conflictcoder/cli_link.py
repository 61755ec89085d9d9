"""Command line for linking and analysts' decisions: `link`, `mentions`, `merge`, `split`.

`register(app, ...)` adds them to the main `conflictcoder` app (see the bottom of cli.py).
Decisions are stored in the database with author, time and reason; `link --rebuild` keeps them.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table


def register(app: typer.Typer, need_db, fail, err, out) -> None:
    """Add the linking commands to `app` (with the main CLI's database check, its
    `fail` (one plain-text line on stderr, exit 2) and consoles: taken as arguments, not imported,
    so that cli.py, which imports this module, is not imported back)."""

    @app.command("link")
    def link_cmd(
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
        rebuild: bool = typer.Option(False, "--rebuild", help="Relink every mention from scratch (keeps analysts' decisions)."),
    ):
        """Link unlinked event mentions into events (all of them with --rebuild)."""
        from .link.linker import link
        from .store.duckdb_store import Store

        need_db(db)
        with Store(db) as store:
            store.record_run("link --rebuild" if rebuild else "link")
            n = link(store, rebuild=rebuild)
            err.print(f"linked {n} mentions; {store.summary()['events']} events")


    @app.command()
    def mentions(
        event_id: str = typer.Argument(..., help="Event id (see `conflictcoder events`)."),
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
    ):
        """The reports (mentions) of one event, with their ids for `split`."""
        from .store.duckdb_store import open_reader

        need_db(db)
        with open_reader(db) as store:
            rows = store.mentions_for(event_id)
        if not rows:
            fail(f"no such event: {event_id}")
        table = Table(title=f"mentions of {event_id}")
        for col in ("mention", "published", "type", "place", "fatalities", "injured", "evidence"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["mention_id"], str(r["published"]), r["sub_event_type"] or "", r["place_name"] or "",
                          str(r["fatalities"] or 0), str(r.get("injured") or 0), (r["sentence"] or "")[:160])
        out.print(table)


    @app.command()
    def merge(
        event_ids: List[str] = typer.Argument(..., help="Two or more event ids; the first one is kept."),
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
        author: Optional[str] = typer.Option(None, help="Who decides (stored with the decision)."),
        reason: Optional[str] = typer.Option(None, help="Why (stored with the decision)."),
    ):
        """Merge events an analyst knows are one; kept across `link --rebuild`."""
        from .link.linker import merge as do_merge
        from .store.duckdb_store import Store

        need_db(db)
        with Store(db) as store:
            try:
                kept = do_merge(store, event_ids, author=author, reason=reason)
            except (KeyError, ValueError) as e:
                fail(f"{e.args[0]}")
        err.print(f"merged {len(event_ids)} events into {kept}")


    @app.command()
    def split(
        event_id: str = typer.Argument(..., help="The event to split."),
        mention_ids: List[str] = typer.Argument(..., help="Mentions that form the new event (see `mentions`)."),
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
        author: Optional[str] = typer.Option(None, help="Who decides (stored with the decision)."),
        reason: Optional[str] = typer.Option(None, help="Why (stored with the decision)."),
    ):
        """Move mentions out of an event into a new one; kept across `link --rebuild`."""
        from .link.linker import split as do_split
        from .store.duckdb_store import Store

        need_db(db)
        with Store(db) as store:
            try:
                new_id = do_split(store, event_id, mention_ids, author=author, reason=reason)
            except (KeyError, ValueError) as e:
                fail(f"{e.args[0]}")
        err.print(f"split {len(mention_ids)} mentions of {event_id} into {new_id}")
