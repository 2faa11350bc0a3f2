"""``refq serve``: the Datasette metadata (pure), its canned queries on real SQLite, and a real
server answering over HTTP, photographed by headless Chromium."""

from __future__ import annotations

import importlib.util
import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import GAZETTEER, dw_result, rferl_result
from refq.cli import app
from refq.store.load import load_parse_results
from refq.web.metadata import build_metadata, read_columns
from refq.web.queries import CANNED_QUERIES

runner = CliRunner()
CHROMIUM = "/usr/bin/chromium"
HAVE_DATASETTE = importlib.util.find_spec("datasette") is not None
needs_datasette = pytest.mark.skipif(
    not HAVE_DATASETTE, reason="Datasette is not installed (pip install -e '.[web]')"
)


def columns_of(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        return read_columns(conn)


# The metadata builder


def test_metadata_describes_every_column_of_every_refq_table(loaded_db: Path) -> None:
    columns = columns_of(loaded_db)
    tables = build_metadata("refq", columns)["databases"]["refq"]["tables"]
    undescribed = [
        f"{table}.{column}"
        for table, entry in tables.items()
        if not entry.get("hidden")
        for column in columns[table]
        if column not in entry["columns"] and column != "id"
    ]
    assert undescribed == []
    assert all(entry.get("description") for entry in tables.values() if not entry.get("hidden"))
    assert not any(name.startswith("statements_fts") for name in tables)  # Datasette hides those
    assert tables["_sqlite_migrations"] == {"hidden": True}


def test_foreign_keys_show_names_and_statements_are_searchable(loaded_db: Path) -> None:
    tables = build_metadata("refq", columns_of(loaded_db))["databases"]["refq"]["tables"]
    assert {t: e["label_column"] for t, e in tables.items() if "label_column" in e} == {
        "sources": "outlet",
        "officials": "name",
        "regions": "name",
        "findings": "subject",
    }
    assert tables["statements"]["fts_table"] == "statements_fts"
    assert tables["statements"]["fts_pk"] == "id"


def test_metadata_only_offers_what_the_database_has(loaded_db: Path) -> None:
    columns = columns_of(loaded_db)
    full = build_metadata("refq", columns)["databases"]["refq"]
    assert list(full["queries"]) == [
        "results_by_region",
        "quotes_by_speaker",
        "what_each_source_reports",
        "compare_sources",
    ]
    assert all(query["hide_sql"] for query in full["queries"].values())
    without = {t: c for t, c in columns.items() if t not in ("results", "statements_fts")}
    partial = build_metadata("other", without)["databases"]["other"]
    assert "results" not in partial["tables"]
    assert "fts_table" not in partial["tables"]["statements"]
    assert list(partial["queries"]) == ["quotes_by_speaker", "compare_sources"]


@pytest.mark.parametrize("query", CANNED_QUERIES, ids=[q.name for q in CANNED_QUERIES])
def test_canned_queries_run_on_plain_sqlite(loaded_db: Path, query: Any) -> None:
    if "findings" in query.tables:  # stored by refq serve at start, as it would be
        from refq.compare import compare_sources
        from refq.records import source_records
        from refq.store.findings import save_findings

        with sqlite3.connect(loaded_db) as conn:
            save_findings(loaded_db, compare_sources(source_records(conn)))
    with sqlite3.connect(loaded_db) as conn:
        rows = conn.execute(query.sql, {"region": "", "speaker": "", "kind": ""}).fetchall()
    assert rows


def test_canned_query_filters_match_part_of_a_name(loaded_db: Path) -> None:
    by_region, by_speaker = CANNED_QUERIES[:2]
    with sqlite3.connect(loaded_db) as conn:
        conn.row_factory = sqlite3.Row
        kherson = conn.execute(by_region.sql, {"region": "kherson"}).fetchall()
        by_code = conn.execute(by_region.sql, {"region": "UA-23"}).fetchall()
        blinken = conn.execute(by_speaker.sql, {"speaker": "Blinken"}).fetchall()
    assert [(r["region"], r["percent"], r["outlet"]) for r in kherson] == [
        ("Kherson Oblast", 87.0, "RFE/RL")
    ]
    assert [r["percent"] for r in by_code] == [93.0]
    assert [(r["speaker"], r["quote"]) for r in blinken] == [("Antony Blinken", "never recognize")]


# The command, without a server


def test_serve_without_datasette_says_what_to_install(loaded_db: Path) -> None:
    script = (
        "import sys\nsys.modules['datasette'] = None\n"  # as if the web extra were absent
        "from refq.cli import main\n"
        f"sys.argv = ['refq', 'serve', '--db', {str(loaded_db)!r}]\nmain()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Error: refq serve needs Datasette: install refq[web] (pip install 'refq[web]')"
    ]


@needs_datasette
def test_a_port_in_use_is_one_clear_error(loaded_db: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--db", str(loaded_db)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port} (")


# A real server


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
        return port


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``refq serve`` in a subprocess on a free loopback port, over the sample database;
    yields the database's base URL."""
    if not HAVE_DATASETTE:
        pytest.skip("Datasette is not installed (pip install -e '.[web]')")
    db = tmp_path_factory.mktemp("serve") / "refq.db"
    load_parse_results(db, [rferl_result(), dw_result()], gazetteer=GAZETTEER)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "refq", "serve", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(f"{base}/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.communicate()[0]
                    pytest.fail(f"refq serve did not come up:\n{output}")
                time.sleep(0.2)
        yield f"{base}/refq"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_the_server_listens_on_loopback_only_by_default(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")


def test_tables_answer_over_http_with_names_for_foreign_keys(server: str) -> None:
    rows = get(f"{server}/results.json?_shape=array&_labels=on")
    assert [
        (r["region_code"]["label"], r["percent"], r["source_id"]["label"], r["status"])
        for r in rows
    ] == [
        ("Kherson Oblast", 87.0, "RFE/RL", "final"),
        ("Zaporizhzhia Oblast", 93.0, "RFE/RL", "preliminary"),
    ]


def test_canned_queries_answer_over_http(server: str) -> None:
    rows = get(f"{server}/results_by_region.json?_shape=array&region=zapor")
    assert [(r["region"], r["percent"], r["outlet"]) for r in rows] == [
        ("Zaporizhzhia Oblast", 93.0, "RFE/RL")
    ]
    everything = get(f"{server}/results_by_region.json?_shape=array")
    assert len(everything) == 2
    quotes = get(f"{server}/quotes_by_speaker.json?_shape=array&speaker=stoltenberg")
    assert sorted(r["quote"] for r in quotes) == ["These lands are Ukraine,", "sham"]
    sources = get(f"{server}/what_each_source_reports.json?_shape=array")
    assert [(r["outlet"], r["quotes"], r["reported"]) for r in sources] == [
        ("RFE/RL", 1, 1),
        ("DW", 2, 0),
    ]


def test_the_cross_check_is_stored_at_start_and_served(server: str) -> None:
    findings = get(f"{server}/compare_sources.json?_shape=array&kind=")
    verdicts = [row["verdict"] for row in findings]
    assert verdicts and verdicts == sorted(
        verdicts, key=lambda v: {"conflict": 0, "agree": 1, "only_in": 2}[v]
    )
    regions = get(f"{server}/compare_sources.json?_shape=array&kind=regions")
    assert regions and {row["kind"] for row in regions} == {"regions"}


def test_statements_are_full_text_searchable_over_http(server: str) -> None:
    rows = get(f"{server}/statements.json?_shape=array&_search=recognize")
    assert sorted(r["text"] for r in rows) == [
        "never recognize",
        "the West would never recognize the votes",
    ]


def test_the_metadata_is_what_the_builder_made(server: str) -> None:
    base = server.rsplit("/", 1)[0]
    metadata = get(f"{base}/-/metadata.json")
    assert metadata["title"] == "refq knowledge base"
    tables = metadata["databases"]["refq"]["tables"]
    assert tables["results"]["columns"]["percent"] == "The share as stated, in percent."


def png_size_and_colours(png: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the image data holds (a blank page
    has very few)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    data, offset = b"", 8
    while offset < len(png):
        length = int.from_bytes(png[offset : offset + 4], "big")
        kind = png[offset + 4 : offset + 8]
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    return width, height, len(set(zlib.decompress(data)))


def test_a_browser_shows_the_results_page(server: str, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no headless browser at {CHROMIUM} (Debian: apt-get install chromium)")
    shot = tmp_path / "results.png"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--screenshot={shot}",
                "--window-size=1280,900",
                f"{server}/results_by_region",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert shot.exists(), done.stderr
    width, height, colours = png_size_and_colours(shot.read_bytes())
    assert (width, height) == (1280, 900)
    assert colours > 20, "the screenshot is (nearly) blank"


def test_help_teaches_with_an_example() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "$ refq serve" in result.stdout
