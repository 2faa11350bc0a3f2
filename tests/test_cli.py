"""The command line, through Typer's CliRunner and through the installed ``refq`` script."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from refq import __version__
from refq.cli import app
from refq.knowledge import seeds_dir

runner = CliRunner()

QUERY_COMMANDS = ["results", "quotes", "statements", "officials", "regions", "sources"]
CONTRACT = {
    "results": [
        "region", "region_code", "percent", "status", "reported_by", "source", "outlet",
        "evidence", "start", "end",
    ],
    "quotes": ["speaker", "quote", "channel", "source", "outlet", "evidence", "start", "end"],
    "statements": [
        "speaker", "quote", "channel", "source", "outlet", "evidence", "start", "end", "kind",
    ],
    "officials": ["name", "aliases", "roles"],
    "regions": ["code", "name", "level", "mentions", "sources"],
    "sources": ["id", "outlet", "title", "published", "dateline", "wires", "path", "sha256"],
}  # fmt: skip


def refq(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], env=env)


def as_json(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def one_error_line(result: Result) -> str:
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_every_query_speaks_json_with_the_contract_fields_first(
    loaded_db: Path, command: str
) -> None:
    rows = as_json(refq(command, "--format", "json", "--db", loaded_db))
    assert rows, f"{command} found nothing in the sample database"
    for row in rows:
        assert list(row)[: len(CONTRACT[command])] == CONTRACT[command]


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_every_query_speaks_csv_with_a_header(loaded_db: Path, command: str) -> None:
    result = refq(command, "--format", "csv", "--db", loaded_db)
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header[: len(CONTRACT[command])] == CONTRACT[command]
    assert rows and all(len(row) == len(header) for row in rows)


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_every_query_draws_a_table_without_forcing_colour(loaded_db: Path, command: str) -> None:
    result = refq(command, "--db", loaded_db)
    assert result.exit_code == 0, result.output
    assert command.capitalize() in result.stdout
    assert "\x1b[" not in result.stdout
    assert all(len(line) <= 120 for line in result.stdout.splitlines())


def test_results_json_is_what_the_articles_say(loaded_db: Path) -> None:
    (row,) = as_json(refq("results", "--region", "kherson", "-f", "json", "--db", loaded_db))
    assert {k: row[k] for k in ("region", "region_code", "percent", "status", "source")} == {
        "region": "Kherson Oblast",
        "region_code": "UA-65",
        "percent": 87.0,
        "status": "final",
        "source": 1,
    }
    assert row["outlet"] == "RFE/RL"
    assert "87 percent" in str(row["evidence"])


def test_quotes_filters_by_speaker_and_phrase(loaded_db: Path) -> None:
    rows = as_json(
        refq(
            "quotes", "--speaker", "blinken", "--contains", "never", "-f", "json", "--db", loaded_db
        )
    )
    assert [(r["speaker"], r["quote"], r["outlet"]) for r in rows] == [
        ("Antony Blinken", "never recognize", "DW")
    ]


def test_statements_filters_by_kind(loaded_db: Path) -> None:
    rows = as_json(refq("statements", "--kind", "reported", "-f", "json", "--db", loaded_db))
    assert [r["kind"] for r in rows] == ["reported"]
    assert refq("statements", "--kind", "rumoured", "--db", loaded_db).exit_code == 2


def test_officials_list_aliases_and_roles_per_source(loaded_db: Path) -> None:
    rows = as_json(refq("officials", "--name", "Stoltenberg", "-f", "json", "--db", loaded_db))
    assert rows == [
        {
            "name": "Jens Stoltenberg",
            "aliases": ["Stoltenberg"],
            "roles": [
                {"title": "NATO chief", "source": 1},
                {"title": "NATO Secretary-General", "source": 2},
            ],
            "kind": "person",
        }
    ]


def test_tables_wrap_long_evidence_and_show_markup_literally(loaded_db: Path) -> None:
    result = refq("quotes", "--source", "dw", "--db", loaded_db, env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 60 for line in result.stdout.splitlines())
    wide = refq("statements", "--contains", "sham", "--db", loaded_db)
    assert "sham" in wide.stdout


def test_an_empty_answer_is_not_an_error(loaded_db: Path) -> None:
    assert as_json(refq("results", "--region", "Crimea", "-f", "json", "--db", loaded_db)) == []
    table = refq("results", "--region", "Crimea", "--db", loaded_db)
    assert table.exit_code == 0 and "No results match." in table.stdout


def test_the_database_can_come_from_refq_db(loaded_db: Path) -> None:
    rows = as_json(refq("sources", "-f", "json", env={"REFQ_DB": str(loaded_db)}))
    assert [r["outlet"] for r in rows] == ["RFE/RL", "DW"]


def test_an_unknown_format_is_a_usage_error(loaded_db: Path) -> None:
    result = refq("results", "--format", "yaml", "--db", loaded_db)
    assert result.exit_code == 2
    assert "yaml" in result.output


def test_sql_looking_filters_find_nothing_and_drop_nothing(loaded_db: Path) -> None:
    sneaky = "'; DROP TABLE results; --"
    assert as_json(refq("results", "--region", sneaky, "-f", "json", "--db", loaded_db)) == []
    assert as_json(refq("quotes", "--contains", sneaky, "-f", "json", "--db", loaded_db)) == []
    with sqlite3.connect(loaded_db) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone() == (2,)


def test_an_empty_filter_is_a_usage_error(loaded_db: Path) -> None:
    result = refq("results", "--region", "", "--db", loaded_db)
    assert result.exit_code == 2
    assert "--region" in one_error_line(result)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"not a database at all\n" * 100, "not a SQLite database"), (None, "not a refq one")],
)
def test_a_bad_database_file_is_one_clear_error(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    else:
        path.write_bytes(content)
    result = refq("results", "--db", path)
    assert result.exit_code == 1
    assert message in one_error_line(result)


def test_a_query_with_no_database_builds_one_from_the_seeds(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "refq.db"
    result = refq("results", "--region", "Kherson", "-f", "json", "--db", path)
    assert result.stderr.splitlines() == [
        f"No database at {path} yet: building it from the bundled seeds."
    ]
    rows = as_json(result)
    assert rows and {r["region_code"] for r in rows} == {"UA-65"}
    again = refq("results", "--region", "Kherson", "-f", "json", "--db", path)
    assert again.stderr == "" and as_json(again) == rows


def test_load_reports_a_one_line_summary(tmp_path: Path) -> None:
    path = tmp_path / "refq.db"
    result = refq("load", "--db", path)
    assert result.exit_code == 0, result.output
    (summary,) = result.stderr.splitlines()
    assert summary.startswith("Loaded 2 files, 0 unchanged, 0 failed: ")
    for kind in ("results", "statements", "officials", "region mentions", "dates"):
        assert kind in summary
    assert summary.endswith(" s")
    again = refq("load", "--db", path)
    assert again.stderr.startswith("Loaded 0 files, 2 unchanged, 0 failed: 0 results")


def test_load_goes_on_past_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    shutil.copytree(seeds_dir(), folder)
    (folder / "empty.txt").write_text("  \n")
    missing = tmp_path / "missing.txt"
    path = tmp_path / "refq.db"
    result = refq("load", folder, missing, "--db", path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert errors == [
        f"Error: {folder / 'empty.txt'}: file is empty or only whitespace",
        f"Error: {missing}: no such file",
    ]
    assert result.stderr.splitlines()[-1].startswith("Loaded 2 files, 0 unchanged, 2 failed")
    assert len(as_json(refq("sources", "-f", "json", "--db", path))) == 2


def test_load_with_a_bad_manifest_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    shutil.copytree(seeds_dir(), folder)
    (folder / "manifest.toml").write_text('[[articles]]\nfile = "x.txt"\npublished = "soon"\n')
    path = tmp_path / "refq.db"
    result = refq("load", folder, "--db", path)
    assert result.exit_code == 1
    assert "article #1 (x.txt) published" in one_error_line(result)
    assert not path.exists()


def test_load_of_a_folder_without_articles_says_so(tmp_path: Path) -> None:
    result = refq("load", tmp_path, "--db", tmp_path / "refq.db")
    assert result.exit_code == 1
    assert "no article files" in one_error_line(result)


def test_load_warns_about_a_guessed_encoding(tmp_path: Path) -> None:
    article = tmp_path / "win.txt"
    article.write_bytes(b"Officials said \x93yes\x94 in Kherson.\n")
    result = refq("load", article, "--db", tmp_path / "refq.db")
    assert result.exit_code == 0, result.output
    assert f"Warning: {article}: not valid UTF-8 (byte 15); read as cp1252" in result.stderr
    (source,) = as_json(refq("sources", "-f", "json", "--db", tmp_path / "refq.db"))
    assert "not valid UTF-8 (byte 15); read as cp1252" in str(source["warnings"])


def test_version() -> None:
    result = refq("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"refq {__version__}"


@pytest.mark.parametrize("command", ["load", *QUERY_COMMANDS])
def test_help_teaches_with_an_example(command: str) -> None:
    result = refq(command, "--help")
    assert result.exit_code == 0
    assert f"$ refq {command}" in result.stdout


def test_the_installed_script_runs_a_query(loaded_db: Path) -> None:
    script = shutil.which("refq", path=str(Path(sys.executable).parent))
    assert script, "the refq console script is not installed in this environment"
    env = {**os.environ, "COLUMNS": "120"}
    shown = subprocess.run(
        [script, "officials", "--format", "json", "--db", str(loaded_db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert [row["name"] for row in json.loads(shown.stdout)] == [
        "Antony Blinken",
        "Jens Stoltenberg",
    ]
    corrupt = loaded_db.parent / "corrupt.db"
    corrupt.write_bytes(b"garbage" * 1000)
    failed = subprocess.run(
        [script, "sources", "--db", str(corrupt)], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith("Error: ") and "Traceback" not in failed.stderr


def test_python_dash_m_refq_works() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "refq", "--version"], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == f"refq {__version__}"


def test_a_json_query_imports_no_loader_extractor_or_rich(loaded_db: Path) -> None:
    script = (
        "import sys\nfrom refq.cli import main\n"
        f"sys.argv = ['refq', 'quotes', '--format', 'json', '--db', {str(loaded_db)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('sqlite_utils', 'rich', 'refq.extract', 'refq.metadata', 'refq.store.load')\n"
        "print('IMPORTED', [name for name in heavy if name in sys.modules], file=sys.stderr)\n"
    )
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "IMPORTED []" in shown.stderr
