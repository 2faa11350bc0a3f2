"""The whole schema, asserted in one snapshot, and the migrations that build it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from refq.errors import DatabaseError
from refq.store.db import connect, pending_migrations
from refq.store.schema import MIGRATION_NAMES, migrations, open_for_writing

EXPECTED_SCHEMA: dict[str, list[str]] = {
    "_sqlite_migrations": [
        "id INTEGER PK",
        "migration_set TEXT",
        "name TEXT",
        "applied_at TEXT",
        "UNIQUE INDEX idx__sqlite_migrations_migration_set_name (migration_set, name)",
    ],
    "chrome": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "kind TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_chrome_source_id (source_id)",
    ],
    "claims": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "phrase TEXT NOT NULL",
        "low REAL NOT NULL",
        "high REAL NOT NULL",
        "region_code TEXT",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "evidence TEXT NOT NULL",
        "evidence_start INTEGER NOT NULL",
        "evidence_end INTEGER NOT NULL",
        "FK region_code -> regions.code ON DELETE NO ACTION",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_claims_source_id (source_id)",
    ],
    "dates": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "phrase TEXT NOT NULL",
        "date TEXT NOT NULL",
        "precision TEXT NOT NULL",
        "relative INTEGER NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "evidence TEXT NOT NULL",
        "evidence_start INTEGER NOT NULL",
        "evidence_end INTEGER NOT NULL",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_dates_source_id (source_id)",
    ],
    "finding_evidence": [
        "id INTEGER PK",
        "finding_id INTEGER NOT NULL",
        "source_id INTEGER NOT NULL",
        "says TEXT NOT NULL",
        "text TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "FK finding_id -> findings.id ON DELETE CASCADE",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_finding_evidence_finding_id (finding_id)",
        "INDEX idx_finding_evidence_source_id (source_id)",
    ],
    "findings": [
        "id INTEGER PK",
        "kind TEXT NOT NULL",
        "verdict TEXT NOT NULL",
        "subject TEXT NOT NULL",
        "sources TEXT NOT NULL",
        "detail TEXT NOT NULL",
        "independent INTEGER",
        "computed_at TEXT NOT NULL",
    ],
    "official_aliases": [
        "official_id INTEGER NOT NULL PK",
        "alias TEXT NOT NULL PK",
        "FK official_id -> officials.id ON DELETE CASCADE",
    ],
    "official_mentions": [
        "id INTEGER PK",
        "official_id INTEGER NOT NULL",
        "source_id INTEGER NOT NULL",
        "name TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "evidence TEXT NOT NULL",
        "evidence_start INTEGER NOT NULL",
        "evidence_end INTEGER NOT NULL",
        "FK official_id -> officials.id ON DELETE CASCADE",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_official_mentions_official_id (official_id)",
        "INDEX idx_official_mentions_source_id (source_id)",
    ],
    "officials": [
        "id INTEGER PK",
        "key TEXT NOT NULL",
        "name TEXT NOT NULL",
        "kind TEXT NOT NULL",
        "UNIQUE INDEX sqlite_autoindex_officials_1 (key)",
    ],
    "region_aliases": [
        "code TEXT NOT NULL PK",
        "alias TEXT NOT NULL PK",
        "FK code -> regions.code ON DELETE CASCADE",
    ],
    "region_keys": [
        "key TEXT NOT NULL PK",
        "code TEXT NOT NULL PK",
        "FK code -> regions.code ON DELETE CASCADE",
        "INDEX idx_region_keys_code (code)",
    ],
    "region_mentions": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "code TEXT NOT NULL",
        "surface TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "FK code -> regions.code ON DELETE NO ACTION",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_region_mentions_code (code)",
        "INDEX idx_region_mentions_source_id (source_id)",
    ],
    "regions": [
        "code TEXT NOT NULL PK",
        "name TEXT NOT NULL",
        "short TEXT NOT NULL",
        "level TEXT NOT NULL",
        "country TEXT NOT NULL",
    ],
    "results": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "region_code TEXT",
        "region TEXT",
        "option TEXT",
        "percent REAL NOT NULL",
        "low REAL NOT NULL",
        "high REAL NOT NULL",
        "status TEXT NOT NULL",
        "reported_by TEXT",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "evidence TEXT NOT NULL",
        "evidence_start INTEGER NOT NULL",
        "evidence_end INTEGER NOT NULL",
        "FK region_code -> regions.code ON DELETE NO ACTION",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_results_region_code (region_code)",
        "INDEX idx_results_source_id (source_id)",
    ],
    "roles": [
        "id INTEGER PK",
        "official_id INTEGER NOT NULL",
        "source_id INTEGER NOT NULL",
        "title TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "FK official_id -> officials.id ON DELETE CASCADE",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "INDEX idx_roles_official_id (official_id)",
        "INDEX idx_roles_source_id (source_id)",
    ],
    "sources": [
        "id INTEGER PK",
        "path TEXT NOT NULL",
        "sha256 TEXT NOT NULL",
        "outlet TEXT",
        "title TEXT",
        "published TEXT",
        "dateline TEXT",
        "wires TEXT NOT NULL",
        "url TEXT",
        "warnings TEXT NOT NULL",
        "text TEXT NOT NULL",
        "loaded_at TEXT NOT NULL",
        "cites TEXT NOT NULL",
        "input_key TEXT",
        "UNIQUE INDEX sqlite_autoindex_sources_1 (path)",
    ],
    "statements": [
        "id INTEGER PK",
        "source_id INTEGER NOT NULL",
        "kind TEXT NOT NULL",
        "speaker TEXT",
        "speaker_official_id INTEGER",
        "speaker_surface TEXT",
        "text TEXT NOT NULL",
        "start INTEGER NOT NULL",
        "end INTEGER NOT NULL",
        "channel TEXT",
        "date TEXT",
        "evidence TEXT NOT NULL",
        "evidence_start INTEGER NOT NULL",
        "evidence_end INTEGER NOT NULL",
        "FK source_id -> sources.id ON DELETE CASCADE",
        "FK speaker_official_id -> officials.id ON DELETE SET NULL",
        "INDEX idx_statements_kind (kind)",
        "INDEX idx_statements_source_id (source_id)",
        "INDEX idx_statements_speaker_official_id (speaker_official_id)",
        "TRIGGER statements_ad",
        "TRIGGER statements_ai",
        "TRIGGER statements_au",
    ],
    # Full-text search over statements (FTS5, external content) and its shadow tables.
    "statements_fts": ["text", "speaker", "evidence", "statements_fts", "rank"],
    "statements_fts_config": ["k NOT NULL PK", "v"],
    "statements_fts_data": ["id INTEGER PK", "block BLOB"],
    "statements_fts_docsize": ["id INTEGER PK", "sz BLOB"],
    "statements_fts_idx": [
        "segid NOT NULL PK",
        "term NOT NULL PK",
        "pgno",
    ],
}  # fmt: skip


def describe_schema(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table with its columns, foreign keys, indexes and triggers, as readable lines."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    return {table: _describe_table(conn, table) for table in tables}


def _describe_table(conn: sqlite3.Connection, table: str) -> list[str]:
    lines = []
    for _, name, type_, notnull, _, pk, _ in conn.execute(f'PRAGMA table_xinfo("{table}")'):
        flags = (" NOT NULL" if notnull else "") + (" PK" if pk else "")
        lines.append(f"{name} {type_}".strip() + flags)
    fks = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
    lines += sorted(f"FK {fk[3]} -> {fk[2]}.{fk[4]} ON DELETE {fk[6]}" for fk in fks)
    indexes = conn.execute(f'PRAGMA index_list("{table}")').fetchall()
    for _, index, unique, origin, _ in sorted(indexes, key=lambda row: row[1]):
        if origin == "pk":
            continue
        columns = ", ".join(row[2] for row in conn.execute(f'PRAGMA index_info("{index}")'))
        lines.append(f"{'UNIQUE ' if unique else ''}INDEX {index} ({columns})")
    triggers = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
        (table,),
    )
    lines += [f"TRIGGER {name}" for (name,) in triggers]
    return lines


def test_the_whole_schema_matches_the_snapshot(db_path: Path) -> None:
    open_for_writing(db_path).close()
    with sqlite3.connect(db_path) as conn:
        assert describe_schema(conn) == EXPECTED_SCHEMA


def test_fts_indexes_statement_text_speaker_and_evidence(db_path: Path) -> None:
    open_for_writing(db_path).close()
    with sqlite3.connect(db_path) as conn:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'statements_fts'"
        ).fetchone()
    assert "USING FTS5" in sql
    assert "[text], [speaker], [evidence]" in sql or '"text", "speaker", "evidence"' in sql
    assert "content=[statements]" in sql or 'content="statements"' in sql


def test_migrations_are_recorded_in_order(db_path: Path) -> None:
    open_for_writing(db_path).close()
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id"
        ).fetchall()
    assert rows == [("refq", name) for name in MIGRATION_NAMES]


def test_applying_migrations_twice_changes_nothing(db_path: Path) -> None:
    open_for_writing(db_path).close()
    before = _dump(db_path)
    open_for_writing(db_path).close()
    db = Database(db_path)
    migrations().apply(db)
    db.close()
    assert _dump(db_path) == before


def test_an_older_database_is_migrated_when_it_is_opened_for_reading(db_path: Path) -> None:
    db = Database(db_path)
    migrations().apply(db, stop_before="index_statements_fts")
    db.close()
    conn = connect(db_path)
    try:
        assert pending_migrations(conn, db_path) == ()
        assert conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0] == 0
    finally:
        conn.close()


def test_new_databases_use_wal_and_every_connection_enforces_foreign_keys(db_path: Path) -> None:
    open_for_writing(db_path).close()
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        conn.close()


def test_spans_that_run_backwards_are_refused_by_the_schema(db_path: Path) -> None:
    open_for_writing(db_path).close()
    conn = connect(db_path)
    try:
        conn.execute(
            "INSERT INTO sources (path, sha256, text, loaded_at) VALUES ('p', 'x', 't', 'now')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                'INSERT INTO chrome (source_id, kind, start, "end") VALUES (1, "banner", 5, 2)'
            )
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is a text file, not a database\n" * 200, "not a SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "not a SQLite database"),
    ],
)
def test_a_file_that_is_not_sqlite_is_a_clear_database_error(
    db_path: Path, content: bytes, message: str
) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message) as caught:
        connect(db_path)
    assert str(db_path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_another_applications_database_is_refused_untouched(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = _dump(db_path)
    with pytest.raises(DatabaseError, match="not a refq one"):
        connect(db_path)
    with pytest.raises(DatabaseError, match="not a refq one"):
        open_for_writing(db_path)
    assert _dump(db_path) == before


def test_a_database_from_a_newer_refq_is_refused(db_path: Path) -> None:
    open_for_writing(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('refq', 'from_the_future', 'later')"
        )
    with pytest.raises(DatabaseError, match="newer refq"):
        connect(db_path)


def test_a_missing_database_is_not_created_by_reading(db_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no such database"):
        connect(db_path)
    assert not db_path.exists()


def test_reading_a_current_database_does_not_import_sqlite_utils(db_path: Path) -> None:
    open_for_writing(db_path).close()
    script = (
        "import sys\nfrom pathlib import Path\nfrom refq.store.db import connect\n"
        f"connect(Path({str(db_path)!r})).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "False"


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())
