"""Datasette metadata for a refq database, built from the tables it actually has.

Pure: tables and columns in, a JSON-ready dict out (the shape of Datasette 0.65's
``metadata.json``). Column descriptions come from ``refq.export.describe``, the same text the
export's JSON Schema uses, so a column means one thing everywhere.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping
from typing import Any

from refq.export import describe
from refq.web.queries import CANNED_QUERIES

TITLE = "refq knowledge base"
DESCRIPTION = (
    "News articles about one event, read into records that keep their evidence: vote shares,"
    " quotations and reported statements, officials and their roles, regions and dates. Every"
    " record gives its source (source_id) and the character offsets (start, end) of what it"
    " cites in that source's stored text."
)

TABLES: dict[str, str] = {
    "sources": "The loaded articles, one row each, with their stored text. Every other record"
    " points here through source_id.",
    "results": "Vote shares the articles report, one per figure, with the sentence it was read"
    " from.",
    "statements": "Direct quotations (exactly the words between the quote marks) and reported"
    " statements, with who said them. Full-text searchable.",
    "officials": "People and bodies the articles name, merged across articles by key.",
    "official_aliases": "Every name an official goes by.",
    "official_mentions": "Where each article first names an official in full.",
    "roles": "Titles an article gives an official (NATO chief, Foreign Minister, ...).",
    "regions": "The gazetteer: every region refq knows, with its ISO 3166 code.",
    "region_aliases": "Other names and spellings of each region.",
    "region_mentions": "Every place an article names a region.",
    "dates": "Dates the articles give, resolved against the publication date.",
    "chrome": "Page furniture (banners, captions, credit lines) kept in the text but read for"
    " no records.",
    "claims": "Vote shares described in words (overwhelming majorities), with the range they"
    " allow.",
    "findings": "The latest compare-sources cross-check: what the sources agree on, contradict,"
    " or only one of them reports (stored by refq serve and compare-sources --save).",
    "finding_evidence": "What each source says for a finding, with the offsets in its text.",
}

# The column a foreign key to this table shows instead of the bare key.
LABEL_COLUMNS: dict[str, str] = {
    "sources": "outlet",
    "officials": "name",
    "regions": "name",
    "findings": "subject",
}

FACETS: dict[str, list[str]] = {
    "results": ["region_code", "status", "source_id"],
    "statements": ["kind", "speaker", "source_id"],
    "region_mentions": ["code", "source_id"],
    "officials": ["kind"],
    "regions": ["level", "country"],
}

FTS: dict[str, str] = {"statements": "statements_fts"}

HIDDEN = frozenset({"_sqlite_migrations"})


def build_metadata(database: str, columns: Mapping[str, Collection[str]]) -> dict[str, Any]:
    """Datasette metadata for database ``database`` (its name in Datasette: the file's stem)
    whose tables and their columns are ``columns``. Describes only what is there."""
    tables: dict[str, dict[str, Any]] = {}
    for table, names in columns.items():
        if table in HIDDEN:
            tables[table] = {"hidden": True}
            continue
        if table not in TABLES:
            continue  # FTS shadow tables and anything refq does not own
        entry: dict[str, Any] = {"description": TABLES[table]}
        described = {name: describe(table, name) for name in names}
        entry["columns"] = {name: text for name, text in described.items() if text}
        if table in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table]
        if table in FTS and FTS[table] in columns:
            entry["fts_table"] = FTS[table]
            entry["fts_pk"] = "id"
        if table in FACETS:
            entry["facets"] = [name for name in FACETS[table] if name in names]
        tables[table] = entry
    queries = {
        query.name: {
            "title": query.title,
            "description": query.description,
            "sql": query.sql,
            "hide_sql": True,
        }
        for query in CANNED_QUERIES
        if query.tables <= columns.keys()
    }
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {
            database: {
                "title": TITLE,
                "description": DESCRIPTION,
                "tables": tables,
                "queries": queries,
            }
        },
    }


def read_columns(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table of the database with its columns, in schema order."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {
        table: [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]
        for table in tables
    }
