"""Places (cities and towns in the gazetteer) stand for their region, in extraction and in
`--region` lookups. The story is invented."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from refq.cli import app

STORY = (
    "Voters in Saskatoon elected a new mayor on Wednesday.\n\n"
    "Unofficial results showed Grace Amadi had 44.6 per cent of the vote in Saskatoon.\n"
)


def test_a_place_finds_the_results_of_its_region(tmp_path: Path) -> None:
    story, db = tmp_path / "mayor.txt", tmp_path / "refq.db"
    story.write_text(STORY, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(story), "--db", str(db)]).exit_code == 0
    shown = runner.invoke(
        app, ["results", "--region", "saskatoon", "--format", "json", "--db", str(db)]
    )
    assert shown.exit_code == 0, shown.output
    (row,) = json.loads(shown.stdout)
    assert (row["region_code"], row["region"], row["option"]) == (
        "CA-SK",
        "Saskatchewan",
        "Grace Amadi",
    )
    assert row["reported_by"] is None  # "Unofficial results showed": no authority named
