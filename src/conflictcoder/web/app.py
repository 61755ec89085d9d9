"""app: the FastAPI application of `conflictcoder serve`: the JSON API (/api, OpenAPI at /docs
and /openapi.json) and the analysts' page (/, assets under /static).

The page loads nothing from elsewhere: Leaflet, topojson-client and Natural Earth borders are
vendored in static/vendor/, and a Content-Security-Policy header tells the browser so.
The DuckDB file is held read-only (other processes can read it too: `conflictcoder events`,
`export`, `report`), each read on its own cursor, and opened read-write only for a write
request (db.py). Every request first passes guard.py: the Host it names, the token before a
write's body is read, the body's size.

What it does not do: start a server (cli_web.py runs uvicorn) or decide access (auth.py).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .auth import Access
from .guard import LOOPBACK_NAMES, Guard

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'")

DESCRIPTION = """The event dataset of one DuckDB file, for analysts.

* Reads (`GET`) give the **corrected** dataset: analysts' corrections laid over the machine's
  values; each event says which fields were `corrected` and keeps the machine's values in `machine`.
* Writes (`POST`: corrections, merge, split) need the server's token:
  `Authorization: Bearer TOKEN` (401 without it, 403 with a wrong one).
* Reads are open to clients on this machine; from elsewhere they need the token too.
"""


def create_app(db: str | Path, token: str, public_reads: bool = False,
               hosts: tuple[str, ...] = LOOPBACK_NAMES) -> FastAPI:
    """The app over the DuckDB file `db` (created and migrated if needed), answering requests
    that name one of `hosts` (the Host header; see guard.py)."""
    from ..store.duckdb_store import StoreBusy
    from .api import router
    from .db import SharedStore

    app = FastAPI(title="conflictcoder", version=_version(), description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.store = SharedStore(db)
    app.state.access = Access(token=token, public_reads=public_reads)
    app.include_router(router)
    app.add_middleware(Guard, access=app.state.access, hosts=tuple(hosts), csp=CSP)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):  # another process holds the file: try later
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():  # Swagger UI from the vendored copy, not a CDN
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="conflictcoder API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflictcoder")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
