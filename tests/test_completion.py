"""Shell completion of option values: the callbacks on a real database, and the whole path a
shell takes (Typer's completion protocol through the ``refq`` app)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from refq.cli import app
from refq.completion import complete_region, complete_source, complete_speaker

runner = CliRunner()


def context(db: Path | None) -> typer.Context:
    """The context Typer hands a completion callback, with --db as parsed so far."""
    ctx = typer.Context(get_command(app))
    ctx.params["db"] = db
    return ctx


def values(suggestions: list[tuple[str, str]]) -> list[str]:
    return [value for value, _ in suggestions]


def test_regions_complete_from_the_gazetteer_in_the_case_typed(loaded_db: Path) -> None:
    ctx = context(loaded_db)
    assert complete_region(ctx, "Kh") == [("Kherson", "Kherson Oblast (UA-65), 1 mention")]
    assert values(complete_region(ctx, "kh")) == ["kherson"]
    assert values(complete_region(ctx, "Zaporizhzhy")) == ["Zaporizhzhya"]  # an alias
    assert values(complete_region(ctx, "UA-1")) == ["UA-14"]
    assert values(complete_region(ctx, "Do")) == ["Donetsk"]  # mentioned or not


def test_a_bare_tab_offers_the_regions_the_articles_mention(loaded_db: Path) -> None:
    assert values(complete_region(context(loaded_db), "")) == ["Kherson", "Zaporizhzhia"]


def test_speakers_complete_by_name_alias_or_surname(loaded_db: Path) -> None:
    ctx = context(loaded_db)
    assert complete_speaker(ctx, "Stol") == [("Stoltenberg", "Jens Stoltenberg, 3 statements")]
    assert values(complete_speaker(ctx, "Jens")) == ["Jens Stoltenberg"]
    assert values(complete_speaker(ctx, "")) == ["Jens Stoltenberg", "Antony Blinken"]


def test_sources_complete_by_id_outlet_or_file_name(loaded_db: Path) -> None:
    ctx = context(loaded_db)
    assert complete_source(ctx, "") == [
        ("1", "RFE/RL: Annexation vote"),
        ("2", "DW"),
        ("RFE/RL", "1 source"),
        ("DW", "1 source"),
    ]
    assert values(complete_source(ctx, "2")) == ["2"]
    assert values(complete_source(ctx, "D")) == ["DW"]
    assert values(complete_source(ctx, "rferl")) == ["rferl_annexation.txt"]


def test_the_database_comes_from_refq_db_when_no_db_is_given(
    loaded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFQ_DB", str(loaded_db))
    assert values(complete_source(context(None), "1")) == ["1"]


def test_completion_offers_nothing_rather_than_failing_or_writing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database" * 100)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    for db in (missing, garbage, other):
        for complete in (complete_region, complete_speaker, complete_source):
            assert complete(context(db), "") == []
    assert not missing.exists()


def test_a_shell_gets_values_through_typers_completion_protocol(loaded_db: Path) -> None:
    """What bash runs on Tab: the app answers on _REFQ_COMPLETE, one suggestion a line."""
    from typer._completion_classes import completion_init

    completion_init()  # what Typer does itself when the app has add_completion on
    cases = [
        ("refq results --region Za", ["Zaporizhzhia"]),
        ("refq quotes --speaker Bl", ["Blinken"]),
        ("refq show ", ["1", "2", "RFE/RL", "DW"]),
        ("refq export --source D", ["DW"]),
    ]
    for words, expected in cases:
        env = {
            "_REFQ_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split(" ")) - 1),
            "REFQ_DB": str(loaded_db),
        }
        result = runner.invoke(app, [], env=env, prog_name="refq")
        assert result.stdout.splitlines() == expected, words


def test_install_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"], prog_name="refq")
    if "--install-completion" not in result.stdout:
        pytest.skip("refq.cli creates the app with add_completion=False")
    assert "--show-completion" in result.stdout
