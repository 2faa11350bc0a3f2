"""The database schema, in one place: tables, indexes and full-text search as data, applied by
recorded, idempotent sqlite-utils migrations.

This module is cheap to import (sqlite-utils is imported only inside the functions that write),
because query commands import it to learn the migration names: a query checks with stdlib
sqlite3 whether every migration is applied and pays for sqlite-utils only when one is not.

Every table that holds what an article says cascades from ``sources``: replacing an article
is one ``DELETE FROM sources`` and one insert. Column names ``start``/``"end"`` are character
offsets into ``sources.text``; ``evidence_start``/``evidence_end`` locate the evidence
sentence. ``"end"`` is an SQL keyword, so it is always quoted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from refq.errors import DatabaseError

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "refq"
MIGRATIONS_TABLE = "_sqlite_migrations"  # the table sqlite-utils records migrations in

# SQLite lets a column's CHECK refer to other columns, so each span checks itself in place.
_SPAN = 'start INTEGER NOT NULL CHECK (start >= 0), "end" INTEGER NOT NULL CHECK ("end" >= start)'
_EVIDENCE = (
    "evidence TEXT NOT NULL,"
    " evidence_start INTEGER NOT NULL CHECK (evidence_start >= 0),"
    " evidence_end INTEGER NOT NULL CHECK (evidence_end >= evidence_start)"
)
_SOURCE_FK = "source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE"

# The tables as ``create_tables`` makes them. Databases already made keep what they were made
# with, so a change here goes with a new migration step that makes the same change to them.
TABLES: dict[str, str] = {
    "sources": """(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        outlet TEXT,
        title TEXT,
        published TEXT,
        dateline TEXT,
        wires TEXT NOT NULL DEFAULT '[]',
        url TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        loaded_at TEXT NOT NULL
    )""",
    "chrome": f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        kind TEXT NOT NULL,
        {_SPAN}
    )""",
    "regions": """(
        code TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        short TEXT NOT NULL,
        level TEXT NOT NULL,
        country TEXT NOT NULL
    )""",
    "region_aliases": """(
        code TEXT NOT NULL REFERENCES regions(code) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (code, alias)
    )""",
    "region_mentions": f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        code TEXT NOT NULL REFERENCES regions(code),
        surface TEXT NOT NULL,
        {_SPAN}
    )""",
    "officials": """(
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'body'))
    )""",
    "official_aliases": """(
        official_id INTEGER NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (official_id, alias)
    )""",
    # Where each article first names an official in full: what keeps a global official tied
    # to the sources that mention it (officials no source mentions are pruned on replace).
    "official_mentions": f"""(
        id INTEGER PRIMARY KEY,
        official_id INTEGER NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
        {_SOURCE_FK},
        name TEXT NOT NULL,
        {_SPAN},
        {_EVIDENCE}
    )""",
    "roles": f"""(
        id INTEGER PRIMARY KEY,
        official_id INTEGER NOT NULL REFERENCES officials(id) ON DELETE CASCADE,
        {_SOURCE_FK},
        title TEXT NOT NULL,
        {_SPAN}
    )""",
    "results": f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        region_code TEXT REFERENCES regions(code),
        region TEXT,
        option TEXT,
        percent REAL NOT NULL,
        low REAL NOT NULL,
        high REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('preliminary', 'final', 'exit_poll', 'unknown')),
        reported_by TEXT,
        {_SPAN},
        {_EVIDENCE}
    )""",
    "statements": f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'reported')),
        speaker TEXT,
        speaker_official_id INTEGER REFERENCES officials(id) ON DELETE SET NULL,
        speaker_surface TEXT,
        text TEXT NOT NULL,
        {_SPAN},
        channel TEXT,
        date TEXT,
        {_EVIDENCE}
    )""",
    "dates": f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        phrase TEXT NOT NULL,
        date TEXT NOT NULL,
        precision TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
        relative INTEGER NOT NULL CHECK (relative IN (0, 1)),
        {_SPAN},
        {_EVIDENCE}
    )""",
}

# Every foreign-key column (cascades scan them) and every column a query filters on.
INDEXES: dict[str, tuple[str, ...]] = {
    "chrome": ("source_id",),
    "region_mentions": ("source_id", "code"),
    "official_mentions": ("source_id", "official_id"),
    "roles": ("source_id", "official_id"),
    "results": ("source_id", "region_code"),
    "statements": ("source_id", "speaker_official_id", "kind"),
    "dates": ("source_id",),
}

FTS: dict[str, tuple[str, ...]] = {"statements": ("text", "speaker", "evidence")}


def create_tables(db: Database) -> None:
    for table, body in TABLES.items():
        db.execute(f"CREATE TABLE {table} {body}")
    for table, columns in INDEXES.items():
        for column in columns:
            db.execute(f"CREATE INDEX idx_{table}_{column} ON {table} ({column})")


def index_statements_fts(db: Database) -> None:
    for table, columns in FTS.items():
        db.table(table).enable_fts(columns, create_triggers=True)


# Added by ``add_claims_and_citations``: what compare-sources checks numbers and independence
# against. Kept apart from TABLES because databases made before it get it by migration.
CLAIMS_TABLE = f"""(
        id INTEGER PRIMARY KEY,
        {_SOURCE_FK},
        phrase TEXT NOT NULL,
        low REAL NOT NULL,
        high REAL NOT NULL,
        region_code TEXT REFERENCES regions(code),
        {_SPAN},
        {_EVIDENCE}
    )"""


def add_claims_and_citations(db: Database) -> None:
    """Vote shares described in words, and the news agencies a source cites."""
    db.execute("ALTER TABLE sources ADD COLUMN cites TEXT NOT NULL DEFAULT '[]'")
    db.execute(f"CREATE TABLE claims {CLAIMS_TABLE}")
    db.execute("CREATE INDEX idx_claims_source_id ON claims (source_id)")


# Added by ``add_region_keys``: every name a region goes by (code, name, short name, aliases),
# folded as queries fold names (``refq.query.fold``), so ``--region`` looks a name up instead
# of folding the whole gazetteer (thousands of names, some needing transliteration) on every
# query. The loader keeps it in step with ``regions`` and ``region_aliases``.
REGION_KEYS_TABLE = """(
        key TEXT NOT NULL,
        code TEXT NOT NULL REFERENCES regions(code) ON DELETE CASCADE,
        PRIMARY KEY (key, code)
    )"""


def add_region_keys(db: Database) -> None:
    """Folded region names, looked up by ``--region``."""
    from refq.store.load import region_keys

    db.execute(f"CREATE TABLE region_keys {REGION_KEYS_TABLE}")
    db.execute("CREATE INDEX idx_region_keys_code ON region_keys (code)")
    db.conn.executemany(
        "INSERT OR IGNORE INTO region_keys (key, code) VALUES (?, ?)", region_keys(db.conn)
    )


# Written by ``refq compare-sources --save`` and by ``refq serve``: the latest cross-check, so
# Datasette can show it. Replaced whole each time; evidence cascades from its finding.
FINDINGS_TABLE = """(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('agree', 'conflict', 'only_in')),
        subject TEXT NOT NULL,
        sources TEXT NOT NULL,
        detail TEXT NOT NULL,
        independent INTEGER CHECK (independent IN (0, 1)),
        computed_at TEXT NOT NULL
    )"""
FINDING_EVIDENCE_TABLE = f"""(
        id INTEGER PRIMARY KEY,
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        {_SOURCE_FK},
        says TEXT NOT NULL,
        text TEXT NOT NULL,
        {_SPAN}
    )"""


def add_findings(db: Database) -> None:
    """The stored cross-check: findings and the evidence each source gives for them."""
    db.execute(f"CREATE TABLE findings {FINDINGS_TABLE}")
    db.execute(f"CREATE TABLE finding_evidence {FINDING_EVIDENCE_TABLE}")
    db.execute("CREATE INDEX idx_finding_evidence_finding_id ON finding_evidence (finding_id)")
    db.execute("CREATE INDEX idx_finding_evidence_source_id ON finding_evidence (source_id)")


def add_input_keys(db: Database) -> None:
    """What each source was extracted from (text, path, metadata, reference data): a load
    that finds the same key skips extraction; one that finds another replaces the records.
    Sources stored before this step have none, so their next load extracts them again."""
    db.execute("ALTER TABLE sources ADD COLUMN input_key TEXT")


# Append only: names are recorded in each database, so a step is never renamed or reordered.
MIGRATION_STEPS: tuple[Callable[[Database], None], ...] = (
    create_tables,
    index_statements_fts,
    add_claims_and_citations,
    add_region_keys,
    add_findings,
    add_input_keys,
)
MIGRATION_NAMES: tuple[str, ...] = tuple(step.__name__ for step in MIGRATION_STEPS)


def migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    registered = Migrations(MIGRATION_SET)
    for step in MIGRATION_STEPS:
        registered()(step)
    return registered


MIGRATION_BUSY_TIMEOUT_MS = 60_000


def _migrate(db: Database, path: Path) -> None:
    """Apply pending migrations holding the write lock: two processes creating one database at
    the same moment must not both apply the same step. The second finds nothing pending."""
    from refq.store.db import BUSY_TIMEOUT_MS, pending_migrations

    # The other process may hold the lock for a whole first batch (regions included), which on
    # a busy machine can outlast the usual busy timeout: wait longer here, once per database.
    db.conn.execute(f"PRAGMA busy_timeout = {MIGRATION_BUSY_TIMEOUT_MS}")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            if pending_migrations(db.conn, path):
                migrations().apply(db)
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def open_for_writing(path: Path) -> Database:
    """Open (creating if needed) a refq database for writing, with the schema up to date."""
    from sqlite_utils import Database

    from refq.store.db import configure, pending_migrations

    if path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # No sqlite-utils plugins: nothing outside refq gets to change refq's connection.
        db = Database(path, execute_plugins=False)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(f"{path}: cannot open database ({exc})") from None
    try:
        configure(db.conn)
        if pending_migrations(db.conn, path):
            with db.ensure_autocommit_on():
                # Persistent: readers never block the writer, nor the writer readers.
                db.conn.execute("PRAGMA journal_mode=WAL")
                _migrate(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError(f"{path}: cannot prepare the database ({exc})") from None
    except BaseException:
        db.close()
        raise
    return db
