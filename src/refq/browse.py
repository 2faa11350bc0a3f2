"""Commands for looking at the knowledge base and handing it on: ``show``, ``serve``,
``export`` and ``schema``.

``register(app)`` adds them to the ``refq`` app. Like ``refq.cli``, the module top imports
only Typer and the standard library; each command imports what it needs when it runs (Rich
for ``show``, Datasette for ``serve``, Pydantic for ``schema``), so adding these commands
costs the query commands nothing at start-up.

No ``from __future__ import annotations``: Typer reads every command's signature each time the
command line is built, and string annotations would cost it an ``eval`` each.
"""

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refq.completion import complete_source
from refq.errors import RefqError, UsageError
from refq.options import DbOption, SourceOption

if TYPE_CHECKING:
    import sqlite3

    from refq.query import SourceRow

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Only(StrEnum):
    """The records ``show --only`` can keep (``refq.show.KINDS_OF``)."""

    results = "results"
    claims = "claims"
    quotes = "quotes"
    statements = "statements"
    officials = "officials"
    regions = "regions"
    dates = "dates"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


class SchemaFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    """Add ``show``, ``serve``, ``export`` and ``schema`` to ``app``."""
    app.command()(show)
    app.command()(serve)
    app.command()(export)
    app.command()(schema)


def show(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            show_default=False,
            autocompletion=complete_source,
            help="The source: its id, outlet, or part of its path.",
        ),
    ],
    only: Annotated[
        list[Only] | None,
        typer.Option(
            "--only",
            case_sensitive=False,
            show_default=False,
            help="Mark only these records (repeat for several). Default: all.",
        ),
    ] = None,
    markers: Annotated[
        bool,
        typer.Option("--markers", help="Inline ⟦kind:label|text⟧ markers even at a terminal."),
    ] = False,
    db: DbOption = None,
) -> None:
    """An article's stored text with every record read from it marked in place.

    At a terminal, results, claims, quotes (one colour per speaker), officials, regions and
    dates are coloured and page chrome is dimmed. Piped, with NO_COLOR, or with --markers,
    each record is marked inline instead, as ⟦kind:label|text⟧, e.g. ⟦quote:Jane Smith|We
    will decide,⟧; markers nest, and removing them gives back the stored text.

    $ refq show DW --only quotes --only results

    $ refq show 2 | less
    """
    from refq.export import read_export
    from refq.show import render

    with _open(db) as conn:
        document = read_export(conn, [_one_source(conn, source).id])
    render(document, [choice.value for choice in only or ()], markers=markers)


def serve(
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port.")] = 8001,
    host: Annotated[
        str,
        typer.Option(
            "--host", help="Interface to listen on. Anything but loopback exposes the data."
        ),
    ] = "127.0.0.1",
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open it in your web browser.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Browse the knowledge base in Datasette (needs the web extra: pip install 'refq[web]').

    Tables come with descriptions, foreign keys show names, statements are full-text
    searchable, and canned queries answer the first questions: results by region, quotes by
    speaker, what each source reports. Listens on 127.0.0.1 only unless told otherwise.

    $ refq serve --open
    """
    import importlib
    import socket
    import tempfile

    try:
        datasette_cli = importlib.import_module("datasette.cli")
    except ImportError:
        raise RefqError(
            "refq serve needs Datasette: install refq[web] (pip install 'refq[web]')"
        ) from None
    from click import ClickException

    from refq.compare import compare_sources
    from refq.records import source_records
    from refq.store.findings import save_findings
    from refq.web.metadata import build_metadata, read_columns

    with _open(db) as conn:
        path = Path(conn.execute("PRAGMA database_list").fetchone()[2])
        records = source_records(conn)
    if records:
        # The cross-check is computed in Python; store it so Datasette can show it.
        save_findings(path, compare_sources(records))
    with _open(db) as conn:
        columns = read_columns(conn)
    metadata = build_metadata(path.stem, columns)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass  # free: Datasette can have it
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RefqError(f"cannot listen on {host}:{port} ({reason}); try another --port") from None
    if host not in LOOPBACK_HOSTS:
        typer.echo(
            f"Warning: listening on {host}: anyone who can reach it can read {path}", err=True
        )
    address = f"[{host}]" if ":" in host else host
    typer.echo(f"Serving {path} at http://{address}:{port}/{path.stem} (Ctrl+C stops)", err=True)
    with tempfile.TemporaryDirectory(prefix="refq-serve-") as folder:
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
        args = ["serve", str(path), "--metadata", str(metadata_file)]
        args += ["--host", host, "--port", str(port), *(["--open"] if open_browser else [])]
        try:
            datasette_cli.cli.main(args=args, prog_name="datasette", standalone_mode=False)
        except ClickException as exc:
            raise RefqError(f"Datasette: {exc.format_message()}") from None


def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = ExportFormat.jsonl,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            show_default=False,
            help="File to write (default: standard output); for csv, a folder (required).",
        ),
    ] = None,
    source: SourceOption = None,
    db: DbOption = None,
) -> None:
    """Every record with its provenance: source id, outlet, path, sha256, offsets, evidence.

    jsonl: one JSON object per line, each with a "type" (source, result, statement, official,
    region, date, claim). json: one document {"schema_version", "sources", "results", ...} that
    validates against the schema 'refq schema' prints. csv: one file per record type in the
    folder given by --out.

    $ refq export --format json --out refq.json

    $ refq export --format csv --out export/
    """
    from refq.export import read_export, write_csv_dir, write_json, write_jsonl

    if fmt is ExportFormat.csv and out is None:
        raise UsageError("--format csv writes one file per table: give a folder with --out")
    with _open(db) as conn:
        ids = None if source is None else [row.id for row in _sources(conn, source)]
        document = read_export(conn, ids)
    count = sum(1 for _ in document.records())
    if fmt is ExportFormat.csv:
        assert out is not None
        files = write_csv_dir(document, out)
        typer.echo(f"Exported {count} records to {len(files)} files in {out}", err=True)
        return
    write = write_jsonl if fmt is ExportFormat.jsonl else write_json
    if out is None:
        write(document, sys.stdout)
        return
    try:
        with out.open("w", encoding="utf-8") as stream:
            write(document, stream)
    except OSError as exc:
        raise RefqError(f"{out}: cannot write ({exc.strerror})") from None
    typer.echo(f"Exported {count} records to {out}", err=True)


def schema(
    fmt: Annotated[
        SchemaFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="json: the document export --format json writes; jsonl: one line of jsonl.",
        ),
    ] = SchemaFormat.json,
) -> None:
    """The JSON Schema (draft 2020-12) of what 'refq export' writes, generated from refq's
    typed records.

    $ refq schema > refq-export.schema.json

    $ refq schema --format jsonl
    """
    from refq.jsonschema import document_schema, record_schema

    printed = document_schema() if fmt is SchemaFormat.json else record_schema()
    typer.echo(json.dumps(printed, ensure_ascii=False, indent=2))


@contextmanager
def _open(db: Path | None) -> Iterator["sqlite3.Connection"]:
    """A read connection, as the query commands get one (built from the seeds if missing)."""
    from refq.cli import _reading

    with _reading(db) as conn:
        yield conn


def _sources(conn: "sqlite3.Connection", value: str) -> "list[SourceRow]":
    from refq import query

    found = query.sources(conn, source=value)
    if not found:
        raise UsageError(f"no source matches {value!r}; 'refq sources' lists them")
    return found


def _one_source(conn: "sqlite3.Connection", value: str) -> "SourceRow":
    found = _sources(conn, value)
    if len(found) > 1:
        listed = ", ".join(f"{row.id} ({row.outlet or Path(row.path).name})" for row in found)
        raise UsageError(f"{value!r} matches {len(found)} sources: {listed}; give one id")
    return found[0]
