"""app: the FastAPI application of `conflictcoder serve`: the JSON API (/api, OpenAPI at /docs
and /openapi.json) and the analysts' page (/, assets under /static).

The page loads nothing from elsewhere: Leaflet, topojson-client and Natural Earth borders are
vendored in static/vendor/, and a Content-Security-Policy header tells the browser so.
One read-write connection to the DuckDB file is held for the process's life (DuckDB lets one
process write a file; stop the server before `conflictcoder run` adds to the same file); every
write is committed when its request ends.

What it does not do: start a server (cli_web.py runs uvicorn) or decide access (auth.py).
"""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .auth import Access

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


def create_app(db: str | Path, token: str, public_reads: bool = False) -> FastAPI:
    """The app over the DuckDB file `db` (created and migrated if needed)."""
    from ..store.duckdb_store import Store
    from .api import router

    app = FastAPI(title="conflictcoder", version=_version(), description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.store = Store(db)
    app.state.lock = threading.Lock()
    app.state.access = Access(token=token, public_reads=public_reads)
    app.include_router(router)
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

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        if request.url.path != "/docs":  # Swagger UI's page starts itself with an inline script
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflictcoder")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
