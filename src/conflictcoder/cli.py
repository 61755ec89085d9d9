"""Command line: `conflictcoder run | annotate | export | events | link | mentions | merge | split | serve | report | demo | gazetteer`.

Thin wrappers over the pipeline, store, linker and exporters; all behaviour lives there.
Bad input is reported one line per record on stderr (file and line), never stops a run, and
makes the exit status 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

class _App(typer.Typer):
    """The command line; a store held by another process is one line and exit status 2, not a traceback."""

    def __call__(self, *args, **kwargs):
        from .store.duckdb_store import StoreBusy

        try:
            return super().__call__(*args, **kwargs)
        except StoreBusy as e:
            error(str(e))
            sys.exit(2)


app = _App(add_completion=False, no_args_is_help=True, help=__doc__.splitlines()[0])
gazetteer_app = typer.Typer(no_args_is_help=True, help="Build or inspect the offline gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")


@app.callback()
def _options(
    settings_file: Optional[Path] = typer.Option(
        None, "--settings", metavar="FILE", envvar="CONFLICTCODER_SETTINGS",
        help="YAML file overriding weights and thresholds (`conflictcoder settings` lists them); "
             "recorded with the run in the store and the exports."),
):
    """Options for every command."""
    from . import settings

    try:  # checked now: a bad file is one line before any work
        settings.use(settings_file)
    except settings.SettingsError as e:
        error(str(e))
        raise typer.Exit(2) from None

# Piped output (make demo, CI logs) gets a wide table instead of an 80-column squeeze.
# No markup: messages carry the user's text and file names ("[/x]" in an article would be a
# MarkupError and stop the run); styles come only from Text objects (`error`).
out = Console(width=None if sys.stdout.isatty() else 180, markup=False)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 180, markup=False)

ANNOTATE_LAYERS = ("dates", "places", "actors", "quantities", "counts", "triggers", "sources", "events")


def _resources(actors: list[Path] | None):
    from .resources import Resources

    return Resources(actor_lexicons=actors or ())


def _check_actors(actors: list[Path] | None) -> None:
    """A bad --actors file is one error line now, not one per article later."""
    if not actors:
        return
    from .extract.actors import ActorLexicon

    for path in actors:
        try:
            ActorLexicon.load(extra=[path])
        except FileNotFoundError:
            _fail(f"{path}: no such actor lexicon file")
        except Exception as e:  # noqa: BLE001 - YAML errors and bad entries alike: one line, stop
            why = " ".join(str(e).split()).removeprefix(f"{path}: ")
            _fail(f"{path}: bad actor lexicon: {why}")


# Column mapping for JSON Lines / CSV inputs (run, annotate): ingest/columns.py
TEXT_COL = typer.Option(None, "--text-col", help="Input column holding the article text (JSON/CSV).")
DATE_COL = typer.Option(None, "--date-col", help="Input column holding the publication date.")
TITLE_COL = typer.Option(None, "--title-col", help="Input column holding the title.")
ID_COL = typer.Option(None, "--id-col", help="Input column holding your own article id (kept as input_id).")
COLUMNS_OPT = typer.Option(None, "--columns", help="All at once: text=COL,published=COL,title=COL,id=COL,url=COL,outlet=COL.")
DATE_FORMAT = typer.Option(None, "--date-format", help="strptime format of the dates, e.g. %m/%d/%Y (ISO dates always work).")


def _columns(text_col, date_col, title_col, id_col, columns, date_format):
    from .ingest.columns import Columns, parse_mapping

    try:
        mapping = parse_mapping(columns)
        for field, col in (("text", text_col), ("published", date_col), ("title", title_col), ("id", id_col)):
            if col:
                mapping[field] = col
        return Columns.of(mapping, date_format)
    except ValueError as e:
        _fail(str(e))


def _check_inputs(inputs: list[Path]) -> None:
    """Named inputs that do not exist stop the command before anything (a database) is created;
    files of a type no reader takes, inside named directories, are listed once."""
    from .ingest.reader import unsupported_files

    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        _fail(f"{', '.join(missing)}: no such file or directory (nothing read, nothing written)")
    skipped = unsupported_files(inputs)
    if skipped:
        shown = ", ".join(str(p) for p in skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
        err.print(f"note: skipped {len(skipped)} file(s) of a type conflictcoder does not read: {shown}",
                  highlight=False, soft_wrap=True)


def _split(stream, on_reject):
    """Articles from a reader stream; rejections go to `on_reject`."""
    from .model import Rejection

    for item in stream:
        if isinstance(item, Rejection):
            on_reject(item)
        else:
            yield item


def error(message: str, label: str = "error") -> None:
    """One line on stderr: the label in red, then the message as plain text (never markup)."""
    from .ingest.common import printable

    err.print(Text(label, style="red"), (": " if label == "error" else " ") + printable(message, 2000),
              sep="", highlight=False, soft_wrap=True)


def _report_rejection(r) -> None:
    error(str(r), label="rejected")


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TextColumn("[red]{task.fields[rejected]}"),
        TimeElapsedColumn(), TextColumn("{task.fields[eta]}"),
        console=err, transient=False, disable=not err.is_terminal,
    )


def _count_inputs(inputs: list[Path], limit: int | None = None, max_seconds: float = 3.0) -> int | None:
    """A cheap upper bound on records for the progress bar (None when unknown or huge).

    Lines of JSON Lines / CSV, one per report or HTML file. The count is bounded: 1 MiB read at a
    time, at most 50 MB decompressed per file and `max_seconds` in all (a decompression bomb is
    cut short by the reader's guard), else the total stays unknown (no ETA); WARC files too.
    """
    import time

    from .ingest.reader import _format_of, count_records, iter_files

    deadline = time.monotonic() + max_seconds
    n = 0
    for f in iter_files(inputs):
        if limit is not None and n >= limit:
            return limit
        fmt, comp = _format_of(f)
        left = deadline - time.monotonic()
        if fmt == "warc" or left <= 0:
            return None
        if fmt in ("jsonl", "csv"):
            try:
                lines = count_records(f, comp, max_seconds=left)
            except Exception:  # unreadable: the reader will say so
                lines = 1
            if lines is None:
                return None
            n += lines
        else:
            n += 1
    return n if limit is None else min(n, limit)


def _eta(stats, total: int | None) -> str:
    if total is None or stats.rate <= 0:
        return ""
    left = max(total - stats.done, 0) / stats.rate
    return f"ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}"


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., help="Report files (.txt), JSON Lines, CSV (plain, .gz, .bz2, .zst), "
                                                  "HTML, WARC (.warc, .warc.gz), or directories of them."),
    db: Path = typer.Option(..., "--db", help="DuckDB file to write (created if absent)."),
    actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor lexicon YAML file(s)."),
    batch_size: int = typer.Option(32, help="Articles per store transaction."),
    workers: int = typer.Option(0, "--workers", min=0,
                                help="Worker processes (each builds the pipeline once); 0: extract in this process."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Run on Dask: a scheduler address (tcp://host:8786) "
                                                            "or local:N for a LocalCluster of N processes."),
    parquet: Optional[str] = typer.Option(None, "--parquet", help="With --dask: where the workers write Parquet "
                                          "parts (a path all workers see, or s3://...; default: DB.parts/)."),
    partition_size: int = typer.Option(100, "--partition-size", min=1, help="With --dask: articles per partition."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="Stop after this many articles (a sample; "
                                        "re-run without it to go on where it stopped)."),
    log_every: float = typer.Option(30.0, "--log-every", help="When stderr is not a terminal (batch jobs): "
                                    "a progress line at most every this many seconds."),
    text_col: Optional[str] = TEXT_COL, date_col: Optional[str] = DATE_COL, title_col: Optional[str] = TITLE_COL,
    id_col: Optional[str] = ID_COL, columns: Optional[str] = COLUMNS_OPT, date_format: Optional[str] = DATE_FORMAT,
):
    """Read, extract, link and store: the main job. Prints a summary at the end.

    Resumable: articles already stored are skipped, so after Ctrl-C or a crash run the same
    command again and it goes on where it stopped, redoing and duplicating nothing.
    """
    import time

    from .ingest.reader import read_inputs
    from .link.linker import link
    from .store.duckdb_store import Store

    if dask and workers:
        _fail("choose --workers (one machine) or --dask (a cluster), not both")
    _check_inputs(inputs)
    _check_actors(actors)
    cols = _columns(text_col, date_col, title_col, id_col, columns, date_format)
    actor_files = tuple(str(a) for a in (actors or ()))
    total = _count_inputs(inputs, limit)
    last_log = [time.monotonic()]

    def log(msg: str) -> None:
        err.print(msg, highlight=False, soft_wrap=True)

    with Store(db) as store, _progress() as progress:
        store.record_run("run")
        task = progress.add_task("articles", total=total, rate="", rejected="", eta="")

        def on_progress(stats) -> None:
            progress.update(task, completed=stats.done, rate=f"{stats.rate:.1f} art/s",
                            rejected=f"{stats.rejected} rejected" if stats.rejected else "", eta=_eta(stats, total))

        def on_batch(stats) -> None:
            if err.is_terminal or time.monotonic() - last_log[0] < log_every:
                return
            last_log[0] = time.monotonic()
            of = f"/{total}" if total is not None else ""
            log(f"progress: {stats.done}{of} done, {stats.added} stored, {stats.skipped} already stored, "
                f"{stats.rejected} rejected, {stats.rate:.1f} art/s {_eta(stats, total)}".rstrip())

        common = dict(batch_size=batch_size, limit=limit, on_reject=_report_rejection, on_progress=on_progress,
                      on_batch=on_batch, log=log)
        stream = read_inputs(inputs, columns=cols)
        if dask:
            from .scale.cluster import run_dask

            parts = parquet or f"{db}.parts"
            stats = run_dask(stream, store, dask, parts, actors=actor_files, partition_size=partition_size, **common)
        else:
            from .scale.runner import run_local

            pipeline = None
            if not workers:
                from .pipeline import Pipeline

                pipeline = Pipeline(_resources(actors))
            stats = run_local(stream, store, workers=workers, actors=actor_files, pipeline=pipeline, **common)
        if stats.stopped is None:
            link(store)
        summary = store.summary()
    table = Table(title=f"conflictcoder run → {db}")
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    for label, value in (
        ("articles read", stats.read),
        ("articles added", stats.added),
        ("already stored (skipped)", stats.skipped),
        ("inputs rejected", stats.rejected),
        ("articles/s (extraction)", f"{stats.rate:.1f}"),
        ("event mentions in store", summary.get("mentions", 0)),
        ("events in store", summary.get("events", 0)),
        ("fatalities (best) in store", summary.get("fatalities", 0)),
    ):
        table.add_row(label, str(value))
    out.print(table)
    if stats.stopped:
        log(f"stopped: {stats.stopped}; {stats.added} articles stored by this run "
            f"({summary.get('articles', 0)} in the store). Run the same command again to go on.")
        raise typer.Exit(130 if stats.stopped == "interrupted" else 1)
    if stats.rejected:
        raise typer.Exit(2)


@app.command()
def annotate(
    inputs: List[Path] = typer.Argument(..., help="Report files, JSON Lines, CSV, or directories."),
    layers: str = typer.Option(",".join(("dates", "places", "actors", "counts", "events")), "--layers",
                               help=f"Comma-separated layers: {', '.join(ANNOTATE_LAYERS)}."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the article text in each line."),
    actors: Optional[List[Path]] = typer.Option(None, "--actors", help="Extra actor lexicon YAML file(s)."),
    text_col: Optional[str] = TEXT_COL, date_col: Optional[str] = DATE_COL, title_col: Optional[str] = TITLE_COL,
    id_col: Optional[str] = ID_COL, columns: Optional[str] = COLUMNS_OPT, date_format: Optional[str] = DATE_FORMAT,
):
    """One JSON line per article on stdout with the requested layers (every item has a span).

    `id` is the article's content hash (as always); `input_id` the id the input gave it."""
    from .ingest.reader import read_inputs
    from .model import to_json
    from .pipeline import Pipeline
    from .scale.work import failure

    wanted = [x.strip() for x in layers.split(",") if x.strip()]
    unknown = [x for x in wanted if x not in ANNOTATE_LAYERS]
    if unknown:
        _fail(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(ANNOTATE_LAYERS)}")
    _check_inputs(inputs)
    _check_actors(actors)
    cols = _columns(text_col, date_col, title_col, id_col, columns, date_format)
    rejected = []

    def on_reject(r):
        rejected.append(r)
        _report_rejection(r)

    pipe = Pipeline(_resources(actors))
    for ann in pipe.pipe(_split(read_inputs(inputs, columns=cols), on_reject),
                         on_error=lambda a, e: on_reject(failure(a, e))):
        a = ann.article
        row = {"id": a.id, "input_id": a.input_id, "published": a.published.isoformat(), "title": a.title,
               "url": a.url, "outlet": a.outlet, "lang": a.lang, "origin": a.origin}
        if with_text:
            row["text"] = a.text
        for layer in wanted:
            row[layer] = to_json(getattr(ann, layer))
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if rejected:
        raise typer.Exit(2)


@app.command()
def export(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
    fmt: Optional[str] = typer.Option(None, "--format", help="acled-csv | geojson | parquet | jsonl "
                                      "(default: from the file name, else acled-csv)."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file."),
    country: Optional[str] = typer.Option(None, help="Country: ISO code (SY, SYR) or English name (Syria)."),
    since: Optional[str] = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, e.g. Battles (any case)."),
):
    """Write the event dataset in an ACLED-compatible or GIS format."""
    from .export import export as do_export, format_for
    from .store.duckdb_store import open_reader

    try:
        fmt = format_for(output, fmt)
    except ValueError as e:
        _fail(str(e))
    country, event_type = _country(country), _event_type(event_type)
    _need_db(db)
    with open_reader(db) as store:
        n = do_export(store, fmt, output, country=country, since=_date(since), until=_date(until),
                      event_type=event_type)
    where = f" ({n.no_point} without a point: {'null geometry' if fmt == 'geojson' else 'empty coordinates'})" \
        if n.no_point else ""
    err.print(f"wrote {n} events to {output}{where}", highlight=False)


def _country(value: str | None) -> str | None:
    from .names import UnknownName, country_code

    try:
        return country_code(value)
    except UnknownName as e:
        _fail(str(e))


def _event_type(value: str | None) -> str | None:
    from .names import UnknownName, event_type

    try:
        return event_type(value)
    except UnknownName as e:
        _fail(str(e))


def _date(s: str | None):
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        _fail(f"not a date (YYYY-MM-DD): {s!r}")


def _fail(message: str) -> None:
    """One line on stderr, exit status 2."""
    error(message)
    raise typer.Exit(2)


def _need_db(db: Path) -> None:
    if not db.exists():
        _fail(f"{db}: no such database (create it with `conflictcoder run ... --db {db}`)")


@app.command()
def events(
    db: Path = typer.Option(..., "--db", help="DuckDB file written by `run`."),
    country: Optional[str] = typer.Option(None, help="Country: ISO code (SY, SYR) or English name (Syria)."),
    since: Optional[str] = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="ACLED event type, e.g. Battles (any case)."),
    limit: int = typer.Option(50, help="Rows to show."),
):
    """A readable table of events."""
    from .store.duckdb_store import open_reader

    country, event_type = _country(country), _event_type(event_type)
    _need_db(db)
    with open_reader(db) as store:
        rows = store.events(country=country, since=_date(since), until=_date(until), event_type=event_type, limit=limit)
    out.print(events_table(rows, title=f"events in {db}"))


def events_table(rows: list[dict], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("event", "date", "type", "sub-event", "location", "cc", "actor1", "actor2", "fatalities", "reports"):
        table.add_column(col, overflow="fold")
    for r in rows:
        fat = f"{r.get('fatalities_best', 0)}"
        if r.get("fatalities_low") != r.get("fatalities_high"):
            fat += f" ({r.get('fatalities_low')}-{r.get('fatalities_high')})"
        start, end = r.get("date_start"), r.get("date_end")
        date = f"{start}" if start == end else f"{start}..{end}"
        table.add_row(r.get("event_id") or "", date, r.get("event_type") or "", r.get("sub_event_type") or "",
                      r.get("location") or r.get("place_name") or "", r.get("country_code") or "",
                      r.get("actor1") or "", r.get("actor2") or "", fat, str(r.get("n_mentions", 1)))
    return table


@app.command()
def demo(
    db: Path = typer.Option(Path("out/demo.duckdb"), "--db", help="DuckDB file for the demo."),
    outdir: Path = typer.Option(Path("out"), "--out", help="Where exports are written."),
):
    """Run the main job on the bundled (synthetic) demo corpus; write every export and the HTML report."""
    from .lexicon import data_path

    outdir.mkdir(parents=True, exist_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    corpus = data_path("demo")
    code = 0
    try:
        run([corpus], db=db, actors=None, batch_size=32, workers=0, dask=None, parquet=None, partition_size=100,
            limit=None, log_every=30.0, text_col=None, date_col=None, title_col=None, id_col=None, columns=None,
            date_format=None)
    except typer.Exit as e:
        code = e.exit_code
    from .export import export as do_export
    from .store.duckdb_store import Store

    with Store(db) as store:
        out.print(events_table(store.events(limit=100), title="demo events"))
        for fmt, name in (("acled-csv", "events.csv"), ("geojson", "events.geojson"),
                          ("parquet", "events.parquet"), ("jsonl", "events.jsonl")):
            n = do_export(store, fmt, outdir / name)
            err.print(f"wrote {n} events to {outdir / name}")
        from .web.report import write_report

        n = write_report(store, outdir / "report.html", title="conflictcoder demo report")
        err.print(f"wrote {outdir / 'report.html'} ({n} events; open it in a browser, or browse the store with "
                  f"`conflictcoder serve --db {db}`)")
    if code:
        raise typer.Exit(code)


@app.command("settings")
def settings_cmd(
    changed: bool = typer.Option(False, "--changed", help="Only the values the active settings change."),
    section: Optional[str] = typer.Option(None, "--section", help="One section (linker, places ...)."),
):
    """List every weight and threshold: name, active value, why (override with --settings FILE)."""
    from . import settings

    s = settings.active()
    names = s.changed() if changed else s.values
    if section:
        names = {k: v for k, v in names.items() if k.startswith(section + ".")}
        if not names and not changed:
            _fail(f"no settings section {section!r}; sections: "
                  f"{', '.join(sorted({k.split('.')[0] for k in s.values}))}")
    table = Table(title=f"settings {s.hash}" + (f" ({', '.join(s.sources)})" if s.sources else " (defaults)"))
    for col in ("name", "value", "why"):
        table.add_column(col)
    for name in names:
        table.add_row(name, json.dumps(s[name]), s.docs[name])
    out.print(table)


@gazetteer_app.command("info")
def gazetteer_info(
    path: Optional[Path] = typer.Option(None, "--path", help="Index file (default: the one runs use)."),
):
    """Print the index's sources, their versions, places per country and the licences."""
    from .gazetteer import Gazetteer, chosen_path, licence_lines

    p = path or chosen_path()
    if not p.exists():
        _fail(f"{p}: no gazetteer index yet (it is built on first use, or: conflictcoder gazetteer build)")
    g = Gazetteer(p)
    for line in g.info_lines() + [""] + licence_lines():
        out.print(line, markup=False, highlight=False)


@gazetteer_app.command("build")
def gazetteer_build(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Index file (default: the cache)."),
    geonames: Optional[List[Path]] = typer.Option(
        None, "--geonames", help="GeoNames dump file(s): allCountries.txt, a country file such as "
        "SY.txt, or their .zip. Added to the packaged places (cities500)."),
    alternate_names: Optional[Path] = typer.Option(
        None, "--alternate-names", help="GeoNames alternateNamesV2.txt (or .zip): more names for the dump's places."),
    wof: Optional[List[Path]] = typer.Option(
        None, "--wof", help="Who's On First extracts (tools/wof_extract.py's wof_XX.tsv.gz, or a folder of "
        "them): villages of more countries, added to the packaged ones."),
    no_packaged: bool = typer.Option(False, "--no-packaged", help="With --geonames or --wof: leave the packaged "
                                     "places (cities500 and the shipped villages) out."),
):
    """(Re)build the gazetteer index: from the GeoNames data shipped in PyPI packages and the
    packaged Who's On First villages, plus the user's own GeoNames dump with --geonames or
    Who's On First extracts with --wof (then later runs use that index, see README)."""
    import time

    from .gazetteer import Gazetteer

    if alternate_names and not geonames:
        _fail("--alternate-names needs --geonames")
    if no_packaged and not geonames and not wof:
        _fail("--no-packaged needs --geonames or --wof")
    t = time.perf_counter()
    try:
        path = Gazetteer.build(output, quiet=False, geonames=tuple(geonames or ()),
                               alternate_names=alternate_names, packaged=not no_packaged,
                               wof=tuple(wof or ()))
    except FileNotFoundError as exc:
        _fail(str(exc))
    meta = Gazetteer(path).meta()
    err.print(f"built gazetteer {path} in {time.perf_counter() - t:.1f} s: {meta.get('entries')} "
              f"places and regions, {meta.get('names')} names ({meta.get('sources')})")
    if (geonames or wof) and output is None:
        err.print("later runs use this index; delete it to go back to the packaged one, or set "
                  "CONFLICTCODER_GAZETTEER=FILE to choose an index")


from .cli_link import register as _register_link  # noqa: E402

_register_link(app, _need_db, _fail, err, out)  # link, mentions, merge, split
from .cli_web import register as _register_web  # noqa: E402

_register_web(app, _need_db, _fail, err, out)  # serve, report


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
