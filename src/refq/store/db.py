"""Opening a refq database to read it: stdlib ``sqlite3`` only, because every query command
starts here and ``import sqlite_utils`` alone costs ~140 ms.

Reads check cheaply whether the schema is current and hand over to the write path
(``schema.open_for_writing``, which imports sqlite-utils) only when a migration is pending.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from refq.errors import DatabaseError
from refq.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS_TABLE

BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """``$REFQ_DB`` if set, else ``refq.db`` in the user's data folder."""
    override = os.environ.get("REFQ_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("refq", appauthor=False) / "refq.db"


def database_exists(path: Path) -> bool:
    """False for a missing or zero-byte file: SQLite itself treats both as a new database."""
    return path.is_file() and path.stat().st_size > 0


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings every refq connection needs (SQLite forgets them on close)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def connect(path: Path) -> sqlite3.Connection:
    """Open an existing refq database for queries, migrating it first if it is out of date.

    Rows come back as ``sqlite3.Row``. Raises ``DatabaseError`` for a missing, corrupt,
    non-SQLite or non-refq file.
    """
    if path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    if not database_exists(path):
        raise DatabaseError(f"{path}: no such database (run 'refq load' to create it)")
    conn = _open(path)
    try:
        pending = pending_migrations(conn, path)
    except BaseException:
        conn.close()
        raise
    if pending:
        conn.close()
        from refq.store.schema import open_for_writing

        open_for_writing(path).close()
        conn = _open(path)
    return conn


def _open(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path}: cannot open database ({exc})") from None
    try:
        configure(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{path}: not a SQLite database ({exc})") from None
    conn.row_factory = sqlite3.Row
    return conn


def pending_migrations(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    """Names of refq migrations not yet applied; all of them for a brand-new database.

    Refuses (``DatabaseError``) a database that holds someone else's tables, and one written
    by a newer refq whose migrations this version does not know.
    """
    try:
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        applied: set[str] = set()
        if MIGRATIONS_TABLE in tables:
            applied = {
                name
                for (name,) in conn.execute(
                    f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                    (MIGRATION_SET,),
                )
            }
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: not a SQLite database ({exc})") from None
    if not applied and tables - {MIGRATIONS_TABLE}:
        raise DatabaseError(f"{path}: a SQLite database, but not a refq one; refusing to touch it")
    unknown = applied.difference(MIGRATION_NAMES)
    if unknown:
        raise DatabaseError(
            f"{path}: written by a newer refq (unknown migrations: {', '.join(sorted(unknown))})"
        )
    return tuple(name for name in MIGRATION_NAMES if name not in applied)
