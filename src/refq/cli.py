"""The ``refq`` command line: each command parses its options, calls one library function and
renders what it returns.

Start-up time matters for a query tool, so the module top imports only Typer, the standard
library and refq's stdlib-only modules; extraction, Pydantic, sqlite-utils and Rich are
imported inside the commands that use them. Domain errors (``RefqError``) are turned into one
``Error: ...`` line and the error's exit code in exactly one place: ``_ErrorReportingGroup``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from refq import __version__
from refq.errors import InputError, RefqError
from refq.render import OutputFormat

if TYPE_CHECKING:
    import sqlite3

    from typer._click import Context

    from refq.knowledge import Knowledge
    from refq.metadata import ManifestIndex
    from refq.models import ParseResult
    from refq.store.load import LoadSummary

# Below this many files a progress bar would only flicker.
PROGRESS_MIN_FILES = 20


class StatementKindChoice(StrEnum):
    direct = "direct"
    reported = "reported"


class _ErrorReportingGroup(TyperGroup):
    """The one boundary where a domain error becomes a message and an exit code."""

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except RefqError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_ErrorReportingGroup,
    name="refq",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="REFQ_DB",
        dir_okay=False,
        show_default=False,
        help="Database file. Default: refq/refq.db in your user data folder.",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
SourceOption = Annotated[
    str | None,
    typer.Option("--source", "-s", help="Only this source: its id, outlet, or part of its path."),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option("--speaker", help="Speaker's name, any alias, or surname; any case or accents."),
]
ContainsOption = Annotated[
    str | None,
    typer.Option("--contains", help="Only statements whose text contains this phrase."),
]


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
            help="Article files, or folders searched for *.txt files.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract and replace unchanged articles too.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Read articles into the database (no PATH: the bundled seed articles).

    A folder's manifest.toml or manifest.json may give each file's outlet, title, published
    date and URL. Reloading an unchanged file changes nothing; a changed file replaces its
    old records.

    $ refq load ~/news/referendums/ --db referendums.db
    """
    from refq.knowledge import seeds_dir
    from refq.store.db import default_db_path

    report = _ingest(paths or [seeds_dir()], db or default_db_path(), force=force)
    typer.echo(report.summary_line(), err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def results(
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", help="Region name, alias or code; any case or accents."),
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
    app(prog_name="refq")


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


@dataclass(frozen=True, slots=True)
class _IngestReport:
    summary: LoadSummary
    failed: int
    seconds: float

    def summary_line(self) -> str:
        summary = self.summary
        counts = summary.records
        kinds = ("results", "statements", "officials", "roles", "region_mentions", "dates")
        records = ", ".join(f"{counts.get(k, 0)} {k.replace('_', ' ')}" for k in kinds)
        replaced = f" ({len(summary.replaced)} replaced)" if summary.replaced else ""
        files = "file" if len(summary.stored) == 1 else "files"
        return (
            f"Loaded {len(summary.stored)} {files}{replaced}, {len(summary.unchanged)} unchanged,"
            f" {self.failed} failed: {records} in {self.seconds:.2f} s"
        )


def _ingest(args: list[Path], db_path: Path, *, force: bool) -> _IngestReport:
    """Read, extract and store articles; a file that fails is reported and skipped."""
    from refq.metadata import ManifestIndex
    from refq.reader import iter_paths
    from refq.store.load import load_parse_results

    started = time.perf_counter()
    paths = iter_paths(args)
    if not paths:
        raise InputError(f"no article files (*.txt) in {', '.join(map(str, args))}")
    manifests = ManifestIndex()
    for path in paths:
        # A bad manifest stops the load before anything is read: loading its articles
        # without their metadata would store wrong outlets and titles.
        manifests.meta_for(path)
    parsed = _parse_files(paths, manifests)
    summary = load_parse_results(db_path, parsed, force=force)
    return _IngestReport(summary, len(paths) - len(parsed), time.perf_counter() - started)


def _parse_files(paths: list[Path], manifests: ManifestIndex) -> list[ParseResult]:
    from refq.knowledge import load_knowledge

    knowledge = load_knowledge()
    parsed: list[ParseResult] = []
    with _progress(len(paths)) as advance:
        for path in paths:
            try:
                parsed.append(_parse_file(path, manifests, knowledge))
            except RefqError as exc:
                typer.echo(f"Error: {exc}", err=True)
            except Exception as exc:  # an extractor bug must not sink the other files
                typer.echo(
                    f"Error: {path}: extraction failed ({type(exc).__name__}: {exc})", err=True
                )
            advance()
    return parsed


def _parse_file(path: Path, manifests: ManifestIndex, knowledge: Knowledge) -> ParseResult:
    from refq.extract import extract_article
    from refq.reader import read_article

    read = read_article(path, manifests.meta_for(path))
    for warning in read.warnings:
        typer.echo(f"Warning: {path}: {warning}", err=True)
    result = extract_article(read.article, knowledge)
    if read.warnings:
        result = replace(result, warnings=read.warnings + result.warnings)
    return result


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for big loads at a terminal; otherwise nothing."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Reading articles", total=total)
        yield lambda: progress.advance(task)
