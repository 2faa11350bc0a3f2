"""``refq export`` and ``refq schema``: every record with its provenance, in shapes other tools
read, each validating against the JSON Schema generated from the export dataclasses."""

from __future__ import annotations

import csv
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from refq.cli import app
from refq.export import TABLE_OF, ExportDocument, describe
from refq.jsonschema import document_adapter, document_schema, record_adapter, record_schema

runner = CliRunner()

TABLES = ["sources", "results", "statements", "officials", "regions", "dates", "claims"]


def refq(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seed articles, read and stored by the real extractor and loader."""
    path = tmp_path_factory.mktemp("seeds") / "refq.db"
    ok(refq("load", "--db", path))
    return path


def validate(instance: Any, schema: dict[str, Any], *, document: bool) -> None:
    """Validate against the printed JSON Schema with ``jsonschema`` when it is installed;
    otherwise round-trip through the Pydantic adapter the schema was generated from, strictly,
    and require nothing to be lost or changed on the way."""
    try:
        import jsonschema  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        adapter = document_adapter() if document else record_adapter()
        parsed = adapter.validate_json(json.dumps(instance), strict=True)
        assert adapter.dump_python(parsed, mode="json") == instance
    else:
        jsonschema.Draft202012Validator(schema).validate(instance)


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in ok(result).stdout.splitlines()]


def test_every_jsonl_line_is_a_typed_record_that_validates(seeds_db: Path) -> None:
    records = jsonl(refq("export", "--db", seeds_db))
    schema = record_schema()
    for record in records:
        validate(record, schema, document=False)
    types = {record["type"] for record in records}
    assert types == {"source", "result", "statement", "official", "region", "date", "claim"}
    assert [r["type"] for r in records][:2] == ["source", "source"]


def test_every_offset_slices_the_stored_text_to_what_the_record_cites(seeds_db: Path) -> None:
    records = jsonl(refq("export", "--db", seeds_db))
    text = {r["id"]: r["text"] for r in records if r["type"] == "source"}
    cited = {
        "result": "text",
        "official": "mention",
        "region": "surface",
        "date": "phrase",
        "claim": "phrase",
    }
    checked = 0
    for r in records:
        if r["type"] == "source":
            for block in r["chrome"]:
                assert 0 <= block["start"] < block["end"] <= len(r["text"])
            continue
        source = text[r["source_id"]]
        if r["type"] in cited:
            assert source[r["start"] : r["end"]] == r[cited[r["type"]]], r
        if r["type"] == "statement" and r["kind"] == "direct":
            assert source[r["start"] : r["end"]] == r["text"], r
        if "evidence" in r:
            assert source[r["evidence_start"] : r["evidence_end"]] == r["evidence"], r
            assert r["evidence_start"] <= r["start"] and r["end"] <= r["evidence_end"], r
        for role in r.get("roles", ()):
            assert source[role["start"] : role["end"]] == role["title"]
        checked += 1
    assert checked > 50


def test_every_record_carries_its_provenance(seeds_db: Path) -> None:
    records = jsonl(refq("export", "--db", seeds_db))
    sources = {r["id"]: r for r in records if r["type"] == "source"}
    for r in records:
        if r["type"] != "source":
            source = sources[r["source_id"]]
            assert (r["outlet"], r["path"], r["sha256"]) == (
                source["outlet"],
                source["path"],
                source["sha256"],
            )


def test_the_json_document_validates_and_holds_what_jsonl_holds(seeds_db: Path) -> None:
    document = json.loads(ok(refq("export", "--format", "json", "--db", seeds_db)).stdout)
    validate(document, document_schema(), document=True)
    assert list(document) == ["schema_version", *TABLES]
    assert document["schema_version"] == 1
    lines = jsonl(refq("export", "--db", seeds_db))
    assert [record for table in TABLES for record in document[table]] == lines


def test_a_changed_record_fails_validation(seeds_db: Path) -> None:
    document = json.loads(ok(refq("export", "--format", "json", "--db", seeds_db)).stdout)
    document["results"][0]["percent"] = "93"
    with pytest.raises(Exception, match="percent"):
        validate(document, document_schema(), document=True)
    del document["results"][0]["percent"]
    with pytest.raises(Exception, match="percent"):
        validate(document, document_schema(), document=True)


def test_a_result_exports_whole_with_its_provenance(loaded_db: Path) -> None:
    records = jsonl(refq("export", "--source", "1", "--db", loaded_db))
    (kherson,) = [r for r in records if r["type"] == "result" and r["region_code"] == "UA-65"]
    source = next(r for r in records if r["type"] == "source")
    assert kherson == {
        "type": "result",
        "source_id": 1,
        "outlet": "RFE/RL",
        "path": "/news/rferl_annexation.txt",
        "sha256": source["sha256"],
        "region_code": "UA-65",
        "region": "Kherson Oblast",
        "option": None,
        "percent": 87.0,
        "low": 86.5,
        "high": 87.5,
        "status": "final",
        "reported_by": "Authorities in Kherson",
        "text": "87 percent",
        "start": 72,
        "end": 82,
        "evidence": "Authorities in Kherson said 87 percent of voters opted for annexation.",
        "evidence_start": 44,
        "evidence_end": 114,
    }
    assert {r["source_id"] for r in records if r["type"] != "source"} == {1}


def test_csv_writes_one_file_per_table_with_the_export_fields(
    seeds_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    result = ok(refq("export", "--format", "csv", "--out", folder, "--db", seeds_db))
    assert result.stderr.startswith("Exported ") and str(folder) in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    document = json.loads(ok(refq("export", "--format", "json", "--db", seeds_db)).stdout)
    for record_type, table in TABLE_OF.items():
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        assert header == [f.name for f in fields(record_type) if f.name != "type"]
        assert len(rows) == len(document[table])
    with (folder / "officials.csv").open(encoding="utf-8", newline="") as stream:
        first = next(csv.DictReader(stream))
    assert json.loads(first["roles"]) == document["officials"][0]["roles"]


def test_csv_needs_a_folder(loaded_db: Path) -> None:
    result = refq("export", "--format", "csv", "--db", loaded_db)
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_export_to_a_file_says_how_much_it_wrote(loaded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "refq.jsonl"
    result = ok(refq("export", "--out", out, "--db", loaded_db))
    count = len(out.read_text(encoding="utf-8").splitlines())
    assert result.stderr.strip() == f"Exported {count} records to {out}"
    assert result.stdout == ""


def test_an_unknown_source_is_a_usage_error(loaded_db: Path) -> None:
    result = refq("export", "--source", "tass", "--db", loaded_db)
    assert result.exit_code == 2
    assert "no source matches 'tass'" in result.stderr


# The schema


def test_schema_prints_the_document_schema(loaded_db: Path) -> None:
    printed = json.loads(ok(refq("schema")).stdout)
    assert printed == document_schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["required"] == ["schema_version", *TABLES]
    assert printed["additionalProperties"] is False


def test_schema_for_one_jsonl_line_tells_records_apart_by_type() -> None:
    printed = json.loads(ok(refq("schema", "--format", "jsonl")).stdout)
    assert printed == record_schema()
    assert printed["discriminator"]["propertyName"] == "type"
    assert set(printed["discriminator"]["mapping"]) == {
        "source",
        "result",
        "statement",
        "official",
        "region",
        "date",
        "claim",
    }


def test_every_field_in_the_schema_says_what_it_means() -> None:
    schema = document_schema()
    undescribed = [
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field, prop in definition["properties"].items()
        if not prop.get("description")
    ]
    assert undescribed == []
    assert all(schema["properties"][table].get("description") for table in TABLES)
    assert all(definition.get("description") for definition in schema["$defs"].values())


def test_the_schema_follows_the_dataclasses() -> None:
    schema = document_schema()
    for record_type, _ in TABLE_OF.items():
        definition = schema["$defs"][record_type.__name__]
        assert list(definition["properties"]) == [f.name for f in fields(record_type)]
        assert definition["required"] == [f.name for f in fields(record_type)]
    assert [f.name for f in fields(ExportDocument)] == ["schema_version", *TABLES]
    assert describe("statements", "kind") != describe("officials", "kind")


@pytest.mark.parametrize("command", ["export", "schema"])
def test_help_teaches_with_an_example(command: str) -> None:
    assert f"$ refq {command}" in ok(refq(command, "--help")).stdout
