"""Storing a cross-check, so that tools reading the database (Datasette) can show it.

Stdlib ``sqlite3`` only; the findings are replaced whole, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from refq.compare import Comparison
from refq.store.db import configure
from refq.store.schema import open_for_writing


def save_findings(path: Path, comparison: Comparison) -> int:
    """Replace the stored findings with ``comparison``'s; returns how many were stored."""
    open_for_writing(path).close()  # the schema, findings tables included, is up to date
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        configure(conn)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM findings")
            for finding in comparison.findings:
                independent = None if finding.independent is None else int(finding.independent)
                cursor = conn.execute(
                    "INSERT INTO findings (kind, verdict, subject, sources, detail, independent,"
                    " computed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        finding.kind,
                        finding.verdict,
                        finding.subject,
                        json.dumps(list(finding.sources)),
                        finding.detail,
                        independent,
                        now,
                    ),
                )
                conn.executemany(
                    "INSERT INTO finding_evidence (finding_id, source_id, says, text, start,"
                    ' "end") VALUES (?, ?, ?, ?, ?, ?)',
                    [
                        (cursor.lastrowid, int(e.source), e.says, e.text, e.start, e.end)
                        for e in finding.evidence
                    ],
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return len(comparison.findings)
