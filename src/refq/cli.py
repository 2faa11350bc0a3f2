"""The ``refq`` command line: each command parses its options, calls one library function and
renders what it returns.

Start-up time matters for a query tool, so the module top imports only Typer, the standard
library and refq's stdlib-only modules; extraction, Pydantic, sqlite-utils and Rich are
imported inside the commands that use them. Domain errors (``RefqError``) are turned into one
``Error: ...`` line and the error's exit code in exactly one place: ``_ErrorReportingGroup``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from refq import __version__
from refq.completion import complete_region
from refq.errors import RefqError
from refq.options import (
    ContainsOption,
    DbOption,
    FormatOption,
    SourceOption,
    SpeakerOption,
)
from refq.render import OutputFormat

if TYPE_CHECKING:
    import sqlite3

    from typer._click import Context

    from refq.ingest import IngestReport, Reporter

# Below this many files a progress bar would only flicker.
PROGRESS_MIN_FILES = 20


class StatementKindChoice(StrEnum):
    direct = "direct"
    reported = "reported"


class _ErrorReportingGroup(TyperGroup):
    """The one boundary where an error becomes one ``Error: ...`` line and an exit code.

    A domain error exits with its own code; a database failure in the middle of a query and
    any unexpected exception (a bug) exit 1 without a traceback unless ``REFQ_DEBUG`` is set.
    Typer's own exits and usage errors, Ctrl-C (130) and a closed pipe pass through.
    """

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefqError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (TyperException, typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if os.environ.get("REFQ_DEBUG"):
                raise
            typer.echo(f"Error: {_unexpected(exc)}", err=True)
            raise typer.Exit(1) from None


def _unexpected(exc: Exception) -> str:
    if type(exc).__module__ == "sqlite3":  # e.g. a file corrupted past its first pages
        return f"the database failed: {exc}"
    return f"internal error: {type(exc).__name__}: {exc} (set REFQ_DEBUG=1 for the traceback)"


app = typer.Typer(
    cls=_ErrorReportingGroup,
    name="refq",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"refq {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn news articles about one event into evidence-linked records, and query them.

    The first query builds a database from the bundled seed articles, so this works at once:

    $ refq results --region Odesa

    Every query takes --format table|json|csv and --db PATH (or REFQ_DB).
    """


@app.command()
def load(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            show_default=False,
            help="Article files (text, Markdown or saved web pages), folders (searched"
            " recursively), quoted glob patterns, or - for standard input.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Re-extract and replace articles even when nothing they were read from changed.",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            help="Worker processes for extraction. 0: one per CPU when there are at least"
            " 50 files per worker, else none.",
        ),
    ] = 0,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, help="Articles stored per transaction (all or nothing)."
        ),
    ] = 200,
    db: DbOption = None,
) -> None:
    """Read articles into the database (no PATH: the bundled seed articles).

    Plain text may start with front matter (--- lines of outlet:, title:, published:, url:);
    a folder's manifest.toml or manifest.json may give each file's outlet, title, published
    date and URL. From a saved web page only the article text is kept. Reloading an
    unchanged file changes nothing and skips its extraction; a changed file, changed metadata
    or edited reference data (data/) re-extracts it and replaces its old records. A file that
    cannot be read is reported and skipped (exit code 1); the others still load.

    $ refq load ~/news/referendums/ --db referendums.db

    $ refq load 'corpus/**/*.html' --jobs 2

    $ curl -s https://example.org/story | refq load -
    """
    from refq.knowledge import seeds_dir
    from refq.store.db import default_db_path

    report = _ingest(
        paths or [seeds_dir()],
        db or default_db_path(),
        force=force,
        jobs=jobs,
        batch_size=batch_size,
    )
    typer.echo(report.summary_line(), err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def results(
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            autocompletion=complete_region,
            help="Region name, alias or code; any case or accents.",
        ),
    ] = None,
    source: SourceOption = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Vote shares the articles report, each with the sentence it was read from.

    $ refq results --region Odesa

    $ refq results --source 2 --format csv > results.csv
    """
    from refq import query
    from refq.render import RESULT_COLUMNS, render

    with _reading(db) as conn:
        rows = query.results(conn, region=region, source=source)
    render(rows, fmt, RESULT_COLUMNS, title="Results")


@app.command()
def quotes(
    speaker: SpeakerOption = None,
    contains: ContainsOption = None,
    source: SourceOption = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Direct quotations: exactly the words between the quote marks, and who said them.

    $ refq quotes --speaker Smith

    $ refq quotes --contains "never recognize" --format json
    """
    from refq import query
    from refq.render import QUOTE_COLUMNS, render

    with _reading(db) as conn:
        rows = query.statements(
            conn, speaker=speaker, contains=contains, source=source, kind="direct"
        )
    render(rows, fmt, QUOTE_COLUMNS, title="Quotes")


@app.command()
def statements(
    speaker: SpeakerOption = None,
    contains: ContainsOption = None,
    source: SourceOption = None,
    kind: Annotated[
        StatementKindChoice | None,
        typer.Option("--kind", help="Only direct quotes or only reported statements."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Everything said: direct quotes and reported statements.

    $ refq statements --kind reported --speaker Smith
    """
    from refq import query
    from refq.render import STATEMENT_COLUMNS, render

    with _reading(db) as conn:
        rows = query.statements(
            conn,
            speaker=speaker,
            contains=contains,
            source=source,
            kind=kind.value if kind else None,
        )
    render(rows, fmt, STATEMENT_COLUMNS, title="Statements")


@app.command()
def officials(
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", help="Name, alias or surname; any case or accents."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """People and bodies the articles name, with their aliases and roles per source.

    $ refq officials --name Smith
    """
    from refq import query
    from refq.render import OFFICIAL_COLUMNS, render

    with _reading(db) as conn:
        rows = query.officials(conn, name=name)
    render(rows, fmt, OFFICIAL_COLUMNS, title="Officials")


@app.command()
def regions(
    include_all: Annotated[
        bool, typer.Option("--all", help="Include gazetteer regions no article mentions.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Regions the articles mention, most mentioned first.

    $ refq regions --format csv
    """
    from refq import query
    from refq.render import REGION_COLUMNS, render

    with _reading(db) as conn:
        rows = query.regions(conn, include_unmentioned=include_all)
    render(rows, fmt, REGION_COLUMNS, title="Regions")


@app.command()
def sources(
    source: SourceOption = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """The loaded articles: outlet, title, dates, wire services, file and checksum.

    $ refq sources --format json
    """
    from refq import query
    from refq.render import SOURCE_COLUMNS, render

    with _reading(db) as conn:
        rows = query.sources(conn, source=source)
    render(rows, fmt, SOURCE_COLUMNS, title="Sources")


class CompareKind(StrEnum):
    results = "results"
    statements = "statements"
    officials = "officials"
    regions = "regions"
    dates = "dates"
    sources = "sources"


@app.command("compare-sources")
def compare_sources(
    selectors: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SOURCE]...", help="Sources to compare (id, outlet, path part). Default: all."
        ),
    ] = None,
    kind: Annotated[
        list[CompareKind] | None,
        typer.Option("--kind", "-k", case_sensitive=False, help="Only these kinds of fact."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 3 when any conflict is found.")
    ] = False,
    save: Annotated[
        bool,
        typer.Option("--save", help="Also store the findings in the database (for refq serve)."),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Fact by fact: what the sources agree on, contradict, or only one of them reports.

    Each finding shows what every source says, with its evidence sentence and offsets.
    Sources that credit the same wire services or cite the same agency are flagged, so their
    agreement is not counted as independent corroboration.

    $ refq compare-sources

    $ refq compare-sources 1 2 --kind results --format json

    $ refq compare-sources --strict || echo "the sources contradict each other"
    """
    from refq.compare import compare_sources as cross_check
    from refq.records import source_records
    from refq.render_compare import render_comparison

    with _reading(db) as conn:
        records = source_records(conn, selectors or ())
    comparison = cross_check(records, [k.value for k in kind] if kind else None)
    render_comparison(comparison, fmt)
    if save:
        from refq.store.db import default_db_path
        from refq.store.findings import save_findings

        stored = save_findings(db or default_db_path(), comparison)
        typer.echo(f"Saved {stored} findings to the database.", err=True)
    if strict and comparison.conflicts:
        raise typer.Exit(3)


@app.command()
def timeline(
    source: SourceOption = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Every dated event of every source in date order: the resolved date, its precision, the
    phrase it came from ("on Tuesday", "September 23") and the source.

    Relative dates are resolved against each source's publication date, or its in-page
    dateline when it has none.

    $ refq timeline

    $ refq timeline --source DW --format csv
    """
    from refq.compare import timeline as build_timeline
    from refq.records import source_records
    from refq.render_compare import render_timeline

    with _reading(db) as conn:
        records = source_records(conn, [source] if source else ())
    render_timeline(build_timeline(records), fmt)


def main() -> None:
    """Console-script entry point (``refq``), also used by ``python -m refq``."""
    _app_for(sys.argv[1:])(prog_name="refq")


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` names, when they name one.

    Before running any command, Typer builds a Click command for every registered one,
    inspecting each parameter of each; for a query that costs more start-up than the query
    itself. Help, shell completion and unknown names get the whole app.
    """
    if not args or args[0].startswith("-") or "_REFQ_COMPLETE" in os.environ:
        return app
    from copy import copy

    from typer.main import get_command_name

    wanted = [
        info
        for info in app.registered_commands
        if (info.name or get_command_name(getattr(info.callback, "__name__", ""))) == args[0]
    ]
    if len(wanted) != 1:
        return app
    single = copy(app)
    single.registered_commands = wanted
    return single


@contextmanager
def _reading(db: Path | None) -> Iterator[sqlite3.Connection]:
    """A read connection; a database that does not exist yet is first built from the seeds."""
    from refq.store.db import connect, database_exists, default_db_path

    path = db or default_db_path()
    if not database_exists(path):
        from refq.knowledge import seeds_dir

        typer.echo(f"No database at {path} yet: building it from the bundled seeds.", err=True)
        try:
            _ingest([seeds_dir()], path, force=False)
        except BaseException:
            # A half-built file would pass for a database next time; leave nothing behind.
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
    conn = connect(path)
    try:
        yield conn
    finally:
        conn.close()


def _ingest(
    args: list[Path],
    db_path: Path,
    *,
    force: bool,
    jobs: int = 0,
    batch_size: int | None = None,
) -> IngestReport:
    """Read, extract and store articles (``refq.ingest``); a file that fails is reported and
    skipped."""
    from refq.ingest import ingest

    with _progress() as reporter:
        return ingest(
            args, db_path, force=force, jobs=jobs, batch_size=batch_size, reporter=reporter
        )


@contextmanager
def _progress() -> Iterator[Reporter]:
    """Messages on stderr and, for loads of many files at a terminal, a progress bar."""
    from refq.ingest import Reporter

    if not sys.stderr.isatty():
        yield Reporter()
        return
    from rich.console import Console
    from rich.progress import Progress

    class Bar(Reporter):
        def __init__(self) -> None:
            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.task: Any = None

        def start(self, total: int) -> None:
            if total >= PROGRESS_MIN_FILES:
                self.task = self.progress.add_task("Loading articles", total=total)
                self.progress.start()

        def advance(self) -> None:
            if self.task is not None:
                self.progress.advance(self.task)

        def message(self, line: str) -> None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    bar = Bar()
    try:
        yield bar
    finally:
        bar.progress.stop()


# show, serve, export and schema (refq.browse imports only Typer and the stdlib at its top).
from refq.browse import register as _register_browse  # noqa: E402

_register_browse(app)
