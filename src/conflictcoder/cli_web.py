"""Command line for the analysts' web app and the shareable report: `serve`, `report`.

`register(app, ...)` adds them to the main `conflictcoder` app (see the bottom of cli.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer


def register(app: typer.Typer, need_db, fail, err, out) -> None:
    """Add the web commands to `app` (with the main CLI's database check, its
    `fail` (one plain-text line on stderr, exit 2) and consoles: taken as arguments, not imported,
    so that cli.py, which imports this module, is not imported back)."""

    @app.command()
    def serve(
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
        token: Optional[str] = typer.Option(None, "--token", help="Write token (else CONFLICTCODER_TOKEN, else the "
                                            "config file's [serve] token, else a random one, printed)."),
        config: Optional[Path] = typer.Option(None, "--config", help="Config file (TOML; default "
                                              "CONFLICTCODER_CONFIG or ~/.config/conflictcoder/config.toml)."),
        public_reads: bool = typer.Option(False, "--public-reads", help="Let clients on other machines read "
                                          "without the token (writes always need it)."),
        allow_host: Optional[List[str]] = typer.Option(None, "--allow-host", help="Another host name clients may "
                                                       "use to reach the server (requests naming any other are "
                                                       "refused: DNS rebinding)."),
    ):
        """The analysts' web app: map, timeline, evidence, corrections; JSON API with OpenAPI at /docs."""
        import uvicorn

        from .web.app import create_app
        from .web.auth import resolve_token
        from .web.guard import served_hosts

        need_db(db)
        secret, origin = resolve_token(token, config)
        web = create_app(db, token=secret, public_reads=public_reads, hosts=served_hosts(host, allow_host or ()))
        shown = host if ":" not in host else f"[{host}]"
        err.print(f"serving {db} on http://{shown}:{port}/ (API docs: /docs)", highlight=False)
        if origin == "generated":
            err.print(f"write token (made for this run; set --token or CONFLICTCODER_TOKEN to keep one): {secret}",
                      highlight=False, soft_wrap=True)
        else:
            err.print(f"write token from {origin}", highlight=False)
        uvicorn.run(web, host=host, port=port, log_level="warning")

    @app.command()
    def report(
        db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
        output: Path = typer.Option(Path("report.html"), "-o", "--output", help="HTML file to write."),
        country: Optional[str] = typer.Option(None, help="Country: ISO code (SY, SYR) or English name (Syria)."),
        since: Optional[str] = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
        until: Optional[str] = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
        top: int = typer.Option(25, "--top", min=1, max=1000, help="Events in the top-events table."),
    ):
        """A self-contained HTML report (map, charts, top events) to share without a server."""
        import datetime as dt

        from .store.duckdb_store import open_reader
        from .web.queries import Filters
        from .web.report import write_report

        need_db(db)
        from .names import UnknownName, country_code

        try:
            f = Filters(country=country_code(country), since=dt.date.fromisoformat(since) if since else None,
                        until=dt.date.fromisoformat(until) if until else None)
        except ValueError as e:
            fail(f"{e}")
        with open_reader(db) as store:
            n = write_report(store, output, f, top=top, title=f"conflictcoder report: {db.name}")
        err.print(f"wrote {output} ({n} events, {output.stat().st_size // 1024} KiB, self-contained)")

