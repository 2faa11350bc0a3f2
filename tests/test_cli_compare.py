"""`refq compare-sources` and `refq timeline` on the two seeds, through the real loader,
database and CLI: what issue 3 says the seeds must show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from refq.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "refq.db"
    result = runner.invoke(app, ["load", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def compare(db: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["compare-sources", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def findings(document: dict[str, Any], kind: str, verdict: str) -> list[dict[str, Any]]:
    return [f for f in document["findings"] if f["kind"] == kind and f["verdict"] == verdict]


def test_json_shape_is_the_contract(seeds_db: Path) -> None:
    document = compare(seeds_db)
    assert set(document) == {"sources", "findings"}
    finding = document["findings"][0]
    assert list(finding)[:6] == ["kind", "verdict", "subject", "sources", "detail", "evidence"]
    assert document["findings"][0]["verdict"] == "conflict"  # conflicts first


def test_transliterations_are_one_person_and_one_region(seeds_db: Path) -> None:
    document = compare(seeds_db, "--kind", "officials", "--kind", "regions")
    people = {f["subject"]: f for f in findings(document, "officials", "agree")}
    zelensky = next(f for s, f in people.items() if s.startswith("Volodymyr Zelensk"))
    assert "Zelenskiy" in zelensky["detail"] and "Zelenskyy" in zelensky["detail"]
    region = next(
        f for f in findings(document, "regions", "agree") if f["subject"].endswith("(UA-23)")
    )
    assert "Zaporizhzhya" in region["detail"] and "Zaporizhzhia" in region["detail"]


def test_stoltenbergs_words_agree_across_outlets(seeds_db: Path) -> None:
    document = compare(seeds_db, "--kind", "statements")
    agreed = findings(document, "statements", "agree")
    unwavering = next(f for f in agreed if "unwavering" in f["detail"])
    assert "Jens Stoltenberg" in unwavering["detail"]
    assert len(unwavering["sources"]) == 2
    assert unwavering["independent"] is False  # both credit the same wires


def test_regional_numbers_only_in_rferl_and_consistent_with_dw(seeds_db: Path) -> None:
    document = compare(seeds_db, "--kind", "results")
    only_in = findings(document, "results", "only_in")
    assert sorted(f["subject"] for f in only_in) == [
        "Donetsk Oblast", "Kherson Oblast", "Luhansk Oblast", "Zaporizhzhia Oblast",
    ]  # fmt: skip
    assert all("consistent with" in f["detail"] for f in only_in)
    (claim,) = [f for f in document["findings"] if f["subject"].startswith("qualitative")]
    assert claim["verdict"] == "agree" and "overwhelming majorities" in claim["subject"]


def test_dw_dateline_is_a_conflict_with_its_reason(seeds_db: Path) -> None:
    document = compare(seeds_db, "--kind", "dates")
    (conflict,) = findings(document, "dates", "conflict")
    assert "2017-07-11" in conflict["subject"]
    assert "'began on Friday' would be 2017-07-07, not 2022-09-23" in conflict["detail"]
    agreed = {f["subject"] for f in findings(document, "dates", "agree")}
    assert {"2022-09-23", "2022-09-27"} <= agreed


def test_shared_wire_services_are_reported(seeds_db: Path) -> None:
    document = compare(seeds_db, "--kind", "sources")
    shared = sorted(f["subject"] for f in findings(document, "sources", "agree"))
    assert shared == [
        "shared upstream: AFP", "shared upstream: AP", "shared upstream: RIA Novosti",
        "shared upstream: Reuters", "shared upstream: dpa",
    ]  # fmt: skip


def test_strict_exits_3_on_conflict_and_the_report_renders(seeds_db: Path) -> None:
    result = runner.invoke(
        app, ["compare-sources", "--db", str(seeds_db), "--strict"], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 3
    assert "Conflicts (1)" in result.stdout
    assert "Agreements" in result.stdout


def test_naming_sources_restricts_the_comparison(seeds_db: Path) -> None:
    document = compare(seeds_db, "DW")
    assert [s["outlet"] for s in document["sources"]] == ["DW"]
    unknown = runner.invoke(app, ["compare-sources", "--db", str(seeds_db), "Nowhere Times"])
    assert unknown.exit_code == 2
    assert "no loaded source matches 'Nowhere Times'" in unknown.output


def test_timeline_lists_dated_phrases_in_order(seeds_db: Path) -> None:
    result = runner.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    friday = next(e for e in events if e["phrase"] == "began on Friday")
    assert (friday["date"], friday["outlet"], friday["relative"]) == ("2022-09-23", "DW", True)
    assert set(events[0]) == {
        "date", "precision", "phrase", "relative", "source", "outlet", "evidence", "start", "end",
    }  # fmt: skip


def test_speaker_and_name_filters_ignore_transliteration(seeds_db: Path) -> None:
    result = runner.invoke(
        app, ["officials", "--db", str(seeds_db), "--name", "zelensky", "-f", "json"]
    )
    (official,) = json.loads(result.stdout)
    assert {"Volodymyr Zelenskiy", "Volodymyr Zelenskyy"} <= {
        official["name"],
        *official["aliases"],
    }
    quotes = runner.invoke(
        app, ["quotes", "--db", str(seeds_db), "--speaker", "ZELENSKYY", "-f", "json"]
    )
    assert {q["speaker"] for q in json.loads(quotes.stdout)} == {"Volodymyr Zelenskiy"}


def test_save_stores_the_findings_for_datasette(seeds_db: Path) -> None:
    import sqlite3

    result = runner.invoke(
        app, ["compare-sources", "--db", str(seeds_db), "--save", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    with sqlite3.connect(seeds_db) as conn:
        stored = conn.execute("SELECT count(*) FROM findings").fetchone()[0]
        conflict = conn.execute(
            "SELECT subject, sources FROM findings WHERE verdict = 'conflict'"
        ).fetchall()
        evidence = conn.execute("SELECT count(*) FROM finding_evidence").fetchone()[0]
    assert stored == len(document["findings"])
    assert conflict == [("dateline 2017-07-11 of DW #1", '["1"]')]
    assert evidence == sum(len(f["evidence"]) for f in document["findings"])
    again = runner.invoke(app, ["compare-sources", "--db", str(seeds_db), "--save", "-f", "csv"])
    assert again.exit_code == 0
    with sqlite3.connect(seeds_db) as conn:  # replaced, not appended
        assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] == stored
