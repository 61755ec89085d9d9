"""web: the analysts' service (`conflictcoder serve`) and the static report (`conflictcoder report`).

app.py builds the FastAPI application (JSON API under /api, OpenAPI at /docs, the page at /);
api.py holds the routes, queries.py the SQL behind them, models.py the validated shapes of
what comes in and goes out, auth.py who may write (and read), report.py the one-file HTML
report. static/ is the page (plain JavaScript) and vendor/ the offline map assets.
"""
