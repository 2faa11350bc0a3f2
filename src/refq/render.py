"""Rendering query rows as a table (Rich), JSON or CSV (stdlib).

A view is a sequence of ``Column``s: JSON and CSV emit every column, in order, under its
``key`` (the field names are a contract); a table shows the columns that have a ``header``.
Tables are Rich tables; Rich, ``json`` and ``csv`` are imported only by the format that uses them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, NamedTuple, TextIO


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Column(NamedTuple):
    key: str  # the row's attribute, and the JSON/CSV field name
    header: str | None = None  # shown in tables only when set
    wide: bool = False  # long text: wraps and takes the spare width


def _view(table: dict[str, str], wide: set[str], keys: str) -> tuple[Column, ...]:
    return tuple(Column(key, table.get(key), key in wide) for key in keys.split())


RESULT_COLUMNS = _view(
    {
        "region": "Region",
        "region_code": "Code",
        "percent": "%",
        "status": "Status",
        "reported_by": "Reported by",
        "source": "Src",
        "outlet": "Outlet",
        "evidence": "Evidence",
    },
    {"evidence"},
    "region region_code percent status reported_by source outlet evidence start end"
    " option low high evidence_start evidence_end source_path",
)
_SPEECH_HEADERS = {
    "speaker": "Speaker",
    "quote": "Quote",
    "channel": "Channel",
    "source": "Src",
    "outlet": "Outlet",
}
QUOTE_COLUMNS = _view(
    _SPEECH_HEADERS,
    {"quote"},
    "speaker quote channel source outlet evidence start end"
    " date speaker_surface evidence_start evidence_end",
)
STATEMENT_COLUMNS = _view(
    {**_SPEECH_HEADERS, "quote": "Statement", "kind": "Kind"},
    {"quote"},
    "speaker quote channel source outlet evidence start end"
    " kind date speaker_surface evidence_start evidence_end",
)
OFFICIAL_COLUMNS = _view(
    {"name": "Name", "aliases": "Also called", "roles": "Roles", "kind": "Kind"},
    {"roles"},
    "name aliases roles kind",
)
REGION_COLUMNS = _view(
    {
        "code": "Code",
        "name": "Name",
        "level": "Level",
        "mentions": "Mentions",
        "sources": "Sources",
    },
    set(),
    "code name level mentions sources",
)
SOURCE_COLUMNS = _view(
    {
        "id": "ID",
        "outlet": "Outlet",
        "title": "Title",
        "published": "Published",
        "dateline": "Dateline",
        "wires": "Wires",
        "path": "Path",
    },
    {"title", "path"},
    "id outlet title published dateline wires path sha256 url warnings",
)


def render(
    rows: Sequence[object],
    fmt: OutputFormat,
    columns: Sequence[Column],
    *,
    title: str,
    stream: TextIO | None = None,
) -> None:
    """Write ``rows`` to ``stream`` (default: standard output) in ``fmt``."""
    out = stream if stream is not None else sys.stdout
    # json and csv are imported by the format that needs them: start-up matters here.
    if fmt is OutputFormat.json:
        import json

        records = [{c.key: _plain(getattr(row, c.key)) for c in columns} for row in rows]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is OutputFormat.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(c.key for c in columns)
        writer.writerows([_cell(getattr(row, c.key)) for c in columns] for row in rows)
    else:
        _render_table(rows, columns, title, out)


def _render_table(
    rows: Sequence[object], columns: Sequence[Column], title: str, out: TextIO
) -> None:
    # Rich is imported here, on the one path that draws a table: it costs ~45 ms of start-up
    # that JSON and CSV output do not pay.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Colour follows the terminal and NO_COLOR; never forced. Width follows COLUMNS.
    console = Console(file=out, highlight=False)
    if not rows:
        console.print(Text(f"No {title.lower()} match."))
        return
    shown = [c for c in columns if c.header is not None]
    has_wide = any(c.wide for c in shown)
    table = Table(title=f"{title} ({len(rows)})", expand=has_wide, show_lines=has_wide)
    for column in shown:
        table.add_column(
            column.header or "",
            overflow="fold",
            ratio=1 if column.wide else None,
            min_width=20 if column.wide else None,
        )
    for row in rows:
        # Text(), not str: article text may contain [brackets] Rich would read as markup.
        table.add_row(*(Text(_cell(getattr(row, c.key))) for c in shown))
    console.print(table)


def _isatty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    """JSON-ready: nested rows (dataclasses or named tuples) become objects, tuples arrays."""
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: _plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def _cell(value: Any) -> str:
    """One flat string for a CSV or table cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list) and not hasattr(value, "_fields"):
        return "; ".join(_cell(item) for item in value)
    return str(value)
