"""The ``frenemy`` command line: thin Typer wrappers over ``frenemy.api``.

Conventions shared by every command: ``--db`` (or ``$FRENEMY_DB``) names the store; listing
commands take ``--format table|csv|jsonl|json|parquet`` and ``--out FILE``; errors are one line
on standard error starting with ``error:``; exit codes are 0 (ok), 1 (some input failed, or the
store cannot be used), 2 (bad usage), 70 (an internal error, a bug: the only case that prints a
traceback) and 130 (interrupted).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from frenemy import __version__, api
from frenemy.errors import FrenemyError, IngestError, InternalIngestError, UsageError, one_line
from frenemy.ingest import Document
from frenemy.ingest.decode import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from frenemy.report.listing import render_rows
from frenemy.schemas import DOCUMENT_LISTING, LISTING_FORMATS, SOURCE_LISTING

app = typer.Typer(
    name="frenemy",
    help="Are two actors friend or foe, how has that changed, and how do we know?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Inspect and maintain the store.", no_args_is_help=True)
app.add_typer(db_app, name="db")

err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
#: Exit code of an internal error (a bug), as BSD's sysexits EX_SOFTWARE: never 1, which means
#: "some input failed".
EXIT_INTERNAL = 70

DbOpt = Annotated[
    Optional[Path],
    typer.Option("--db", envvar="FRENEMY_DB", help="Store file (default: $FRENEMY_DB or ./frenemy.duckdb)."),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=f"Output format: {'|'.join(LISTING_FORMATS)}.")
]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to FILE instead of standard output.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors only.")]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", envvar="FRENEMY_MODEL", help="spaCy pipeline name or path (default: best installed English one)."),
]
ActorsOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--actors", help="Extra actor catalogue CSV (columns: actor_id,name,type,country,sector,parent_id,aliases); repeatable."),
]


SourcesOpt = Annotated[
    Optional[Path],
    typer.Option("--sources", help="Source grades that override the defaults (CSV: name,type,reliability,reason)."),
]
MaxCharsOpt = Annotated[int, typer.Option(
    help="Longest text analysed, in characters; a longer document is refused with an error (at most the model's "
         "limit, 1,000,000 for spaCy's pipelines).")]


def _error(message: object) -> None:
    """One ``error:`` line on stderr, printed as is (no markup, no emoji codes), whatever a file
    name or an input put in the message (line breaks and control characters are escaped)."""
    err.print(f"error: {one_line(str(message), limit=2000)}", markup=False)


def _bugs(internal: list[InternalIngestError]) -> None:
    """After a run: the tracebacks of the internal errors it met, then exit with their own code."""
    for failure in internal:
        err.print(f"internal error on {failure.location}:\n{failure.details}", markup=False)
    err.print(f"{len(internal)} internal error(s): a bug in frenemy; please report it with the traceback above", markup=False)
    raise typer.Exit(EXIT_INTERNAL)


def _extraction(model: Optional[str], actors: Optional[list[Path]], enabled: bool = True,
                sources: Optional[Path] = None) -> api.Extraction:
    return api.Extraction(enabled=enabled, model=model, actors_files=tuple(str(p) for p in actors or ()),
                          sources_file=str(sources) if sources else None)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"frenemy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """frenemy reads documents, extracts who did what to whom and who says so, and assesses
    whether two actors are friend or foe, with every number traceable to its sentences."""


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), globs, or - for standard input.")],
    db: DbOpt = None,
    publisher: Annotated[Optional[str], typer.Option(help="Publisher for every document read.")] = None,
    date: Annotated[Optional[str], typer.Option(help="Publication date for every document (YYYY-MM-DD).")] = None,
    url: Annotated[Optional[str], typer.Option(help="URL for every document read.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-process documents already stored.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest file read as one document.")] = DEFAULT_MAX_BYTES,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    sources: SourcesOpt = None,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Only store the documents; run `frenemy extract` later.")] = False,
    workers: Annotated[Optional[int], typer.Option(
        help="Worker processes (local engine; default 1) or Ray actors (default: one per CPU of the Ray cluster).")] = None,
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or ray (pip install 'frenemy[ray]').")] = "local",
    address: Annotated[Optional[str], typer.Option(help="Ray cluster address (ray://host:port); default: a local Ray instance.")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Read documents (.txt/.md with optional header, .html, .jsonl/.csv/.json feeds, .parquet
    datasets) into the store and extract their actors and events. Each input that cannot be read
    gets one error line and the others still go in (exit code 1)."""
    from rich.markup import escape
    from rich.progress import Progress, SpinnerColumn, TextColumn

    show_progress = not quiet and sys.stderr.isatty()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, disable=not show_progress) as bar:
        task = bar.add_task("reading", total=None)
        seen = 0

        def on_item(item: Document | IngestError, outcome: str) -> None:
            nonlocal seen
            if isinstance(item, IngestError):
                _error(item)
            seen += 1
            name = item.source_path if isinstance(item, Document) else item.location
            bar.update(task, description=escape(f"{seen} read: {one_line(name, limit=120)}"))

        report = api.ingest(
            paths, db, publisher=publisher, date=date, url=url, force=force, max_bytes=max_bytes, max_chars=max_chars,
            extraction=dataclasses.replace(_extraction(model, actors, not no_extract, sources), workers=max(workers, 1) if workers else 0,
                                           engine=engine, address=address),
            on_item=on_item,
        )
    if not quiet:
        summary = (
            f"{report.added} added, {report.replaced} replaced, {report.unchanged} already stored, "
            f"{len(report.failed)} failed -> {report.db_path}"
        )
        err.print(summary, markup=False)
    if report.interrupted:
        err.print("interrupted: documents stored so far are complete; run the same command again to finish", markup=False)
        raise typer.Exit(130)
    if report.internal:
        _bugs(report.internal)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract every document, not only new ones.")] = False,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    sources: SourcesOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    quiet: QuietOpt = False,
) -> None:
    """Run (or re-run) actor and event extraction over the documents already stored. A document
    that cannot be extracted (longer than --max-chars) gets one error line (exit code 1)."""
    report = api.extract(db, force=force, extraction=_extraction(model, actors, sources=sources), max_chars=max_chars)
    for failure in report.failed:
        _error(failure)
    if not quiet:
        err.print(f"{report.documents} documents extracted, {report.events} events, {len(report.failed)} failed",
                  markup=False)
    if report.interrupted:
        err.print("interrupted: documents extracted so far are complete; run again to finish", markup=False)
        raise typer.Exit(130)
    if report.internal:
        _bugs(report.internal)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Events with this actor on either side.")] = None,
    dyad: Annotated[
        Optional[tuple[str, str]], typer.Option("--dyad", help="Events between two actors, either direction.")
    ] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before this date.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many events.")] = None,
    actors: ActorsOpt = None,
    format: FormatOpt = "table",
    out: OutOpt = None,
) -> None:
    """List coded events (who did what to whom, when), oldest first."""
    from frenemy.schemas import EVENT_COLUMNS

    rows = api.events(db, actor=actor, dyad=dyad, since=since, until=until, limit=limit,
                      actors_files=tuple(str(p) for p in actors or ()))
    columns = EVENT_COLUMNS
    if format == "table":  # a side no actor stands for shows its words, marked
        rows = [{**r, "source": _side_label(r, "source"), "target": _side_label(r, "target")} for r in rows]
        columns = ("event_date", "date_basis", "source", "event_code", "target", "polarity", "negated",
                   "attributed_to", "commitment", "trigger", "sentence")
    render_rows(rows, columns, format, out)


def _side_label(row: dict, side: str) -> str | None:
    """An event side as a reader wants it in a table: the actor's name, or the words of a side that
    no actor stands for ("the regime (unresolved)")."""
    if row.get(f"{side}_name"):
        return row[f"{side}_name"]
    if row.get(f"{side}_basis") == "unresolved" and row.get(f"{side}_text"):
        return f"{row[f'{side}_text']} (unresolved)"
    return row.get(f"{side}_id")


@app.command()
def claims(
    db: DbOpt = None,
    dyad: Annotated[
        Optional[tuple[str, str]], typer.Option("--dyad", help="Statements about two actors, either order.")
    ] = None,
    actors: ActorsOpt = None,
    format: FormatOpt = "table",
    out: OutOpt = None,
) -> None:
    """List statements that characterise a relationship ("allies", "hostile"), with their sources."""
    from frenemy.schemas import CLAIM_COLUMNS

    rows = api.claims(db, dyad=dyad, actors_files=tuple(str(p) for p in actors or ()))
    columns = CLAIM_COLUMNS if format != "table" else (
        "subject_name", "object_name", "polarity", "statement", "attributed_to", "source_reliability", "commitment", "sentence",
    )
    render_rows(rows, columns, format, out)


@app.command("sources")
def sources_command(db: DbOpt = None, format: FormatOpt = "table", out: OutOpt = None) -> None:
    """List the sources events are attributed to, with type, Admiralty grade and reason."""
    render_rows(api.sources(db), SOURCE_LISTING, format, out)


@app.command("actors")
def actors_command(db: DbOpt = None, format: FormatOpt = "table", out: OutOpt = None) -> None:
    """List the actors found in the store, with mention counts and the names they were seen under."""
    from frenemy.schemas import ACTOR_LISTING

    render_rows(api.actors(db), ACTOR_LISTING, format, out)


@app.command()
def docs(
    db: DbOpt = None,
    format: FormatOpt = "table",
    out: OutOpt = None,
    limit: Annotated[Optional[int], typer.Option(help="At most this many documents.")] = None,
) -> None:
    """List stored documents (with --format jsonl, their text too)."""
    with_text = format == "jsonl"
    rows = api.documents(db, with_text=with_text, limit=limit)
    render_rows(rows, DOCUMENT_LISTING + (("text",) if with_text else ()), format, out)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="First actor, by any of its names (\"Iran\", \"Tehran\", \"IRN\").")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOpt = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Assess with what was known on this date.")] = None,
    by: Annotated[str, typer.Option("--by", help="Timeline periods: year|quarter|month|auto.")] = "auto",
    format: Annotated[str, typer.Option("--format", "-f", help="text|md|json|html.")] = "text",
    out: OutOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Friend or foe? Verdict, timeline, competing hypotheses, contradictions and the balance check."""
    from frenemy.report.dyad import FORMATS, render
    from frenemy.report.listing import write_output

    if format not in FORMATS:
        raise UsageError(f"--format: unknown format {format!r} (choose from {', '.join(FORMATS)})")
    assessment = api.assess(db, a, b, as_of=as_of, by=by, actors_files=[str(p) for p in actors or ()])
    if format == "text" and out is None:
        from rich.markdown import Markdown

        Console(highlight=False).print(Markdown(render(assessment, "text")))
        return
    write_output(render(assessment, format), out)


@app.command()
def network(
    db: DbOpt = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Only what was known on this date.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json|graphml|gexf.")] = "json",
    out: OutOpt = None,
) -> None:
    """The signed, dated network of every pair of actors with evidence."""
    from frenemy.export.graph import FORMATS, render
    from frenemy.report.listing import write_output

    if format not in FORMATS:
        raise UsageError(f"--format: unknown format {format!r} (choose from {', '.join(FORMATS)})")
    write_output(render(api.network(db, as_of=as_of), format), out)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOpt = None,
    profile: Annotated[str, typer.Option(help="gdelt|icews|i2|native.")] = "native",
    format: Annotated[str, typer.Option("--format", "-f", help="csv|tsv|jsonl|parquet.")] = "csv",
) -> None:
    """Write every stored event in GDELT 2.0, ICEWS, i2 link-table or native columns."""
    written = api.export(db, profile, format, out)
    err.print(f"{written} rows -> {out}", markup=False)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    token: Annotated[Optional[str], typer.Option(envvar="FRENEMY_TOKEN", help="Require this bearer token on every request.")] = None,
    allowed_host: Annotated[Optional[list[str]], typer.Option(
        "--allowed-host", help="Also answer requests for this Host name (e.g. the name a proxy serves it under); "
                               "repeatable. The loopback names and --host are always answered.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes; reads in different processes never wait "
                                                     "for each other (each remembers its own answers).")] = 1,
) -> None:
    """The web workbench and HTTP API (OpenAPI at /docs) over the store."""
    import uvicorn

    from frenemy.store import Store
    from frenemy.web.app import create_app, serve_environment
    from frenemy.web.security import host_name

    for name in allowed_host or ():
        if host_name(name) is None:
            raise UsageError(f"--allowed-host: not a host name or address: {name!r}")
    if host_name(host) is None and host not in {"0.0.0.0", "::"}:
        raise UsageError(f"--host: not a host name or address: {host!r}")
    with Store(db, read_only=True) as store:  # fail now, with the usual message, if there is no store
        path = store.path
    if host not in {"127.0.0.1", "localhost", "::1"} and not token:
        err.print(f"warning: serving on {host} without authentication; anyone who can reach it can read and add "
                  "documents (set --token)", markup=False)
    if host in {"0.0.0.0", "::"} and not allowed_host:
        err.print("note: requests are answered for the loopback names and IP addresses only; add --allowed-host NAME "
                  "for each name this machine is reached by", markup=False)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"frenemy workbench on http://{shown}:{port}/ (store {path}); Ctrl-C stops it", markup=False)
    if workers == 1:
        uvicorn.run(create_app(path, token, host=host, allowed_hosts=allowed_host or ()), host=host, port=port,
                    log_level="warning")
        return
    os.environ.update(serve_environment(path, token, host, allowed_host or ()))  # read by each worker process
    uvicorn.run("frenemy.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@db_app.command("info")
def db_info(db: DbOpt = None, format: FormatOpt = "table", out: OutOpt = None) -> None:
    """Counts and facts about the store."""
    info = api.db_info(db)
    bases = info.pop("date_basis")
    rows = [{"key": k, "value": v} for k, v in info.items()]
    rows += [{"key": f"documents dated by {basis}", "value": n} for basis, n in bases.items()]
    render_rows(rows, ("key", "value"), format, out)


@db_app.command("migrate")
def db_migrate(db: DbOpt = None) -> None:
    """Bring an older store up to this version's schema (other writing commands do it too)."""
    from frenemy.store import Store

    with Store(db) as store:
        typer.echo(f"{store.path}: schema version {store.schema_version()}")


def main() -> None:
    """Entry point: run the app and turn frenemy's errors into one-line messages.

    An exception frenemy does not raise on purpose is a bug: it alone prints its traceback, and it
    exits with 70 (EX_SOFTWARE), so a script can tell it from 1, "some input failed"."""
    try:
        app()
    except UsageError as exc:
        _error(exc)
        sys.exit(2)
    except FrenemyError as exc:
        _error(exc)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted: what was stored is complete; run the same command again to finish", markup=False)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug, reported as one
        traceback.print_exc()
        _error(f"internal error ({type(exc).__name__}): a bug in frenemy; please report it with the traceback above")
        sys.exit(EXIT_INTERNAL)
