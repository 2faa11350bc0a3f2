"""JSON Schema for what ``refq export`` writes, generated from the export dataclasses.

The one module that imports Pydantic for the export: ``TypeAdapter`` reads the dataclasses in
``refq.export`` (which reuse ``refq.models``' ``Role`` and ``ChromeBlock``) and writes their
schema, so the schema cannot drift from what is exported. Two schemas: the whole JSON
document (``--format json``), and one line of JSON Lines (``--format jsonl``), which is one of
the record types told apart by its ``type`` field. Descriptions come from the dataclasses'
docstrings and from ``refq.export.describe``; every object is closed
(``additionalProperties: false``) because the export writes exactly these fields.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from refq.export import (
    EXPORT_SCHEMA_VERSION,
    TABLE_OF,
    ExportDocument,
    Record,
    describe,
)

if TYPE_CHECKING:
    from pydantic import TypeAdapter

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The table whose descriptions apply to each dataclass the schema names (its $defs key).
_TABLE_OF_DEF: dict[str, str] = {
    **{record_type.__name__: table for record_type, table in TABLE_OF.items()},
    "ChromeBlock": "chrome",
    "Role": "roles",
    "ExportDocument": "document",
}
# For the models dataclasses the export reuses that carry no docstring of their own.
_DEF_DESCRIPTIONS = {"Role": "A title an article gives an official, with its offsets."}


@cache
def document_adapter() -> TypeAdapter[ExportDocument]:
    from pydantic import TypeAdapter

    return TypeAdapter(ExportDocument)


@cache
def record_adapter() -> TypeAdapter[Any]:
    from pydantic import Field, TypeAdapter

    return TypeAdapter(Annotated[Record, Field(discriminator="type")])


def document_schema() -> dict[str, Any]:
    """The schema of the JSON document ``refq export --format json`` writes."""
    return _finish(
        document_adapter().json_schema(),
        title=f"refq export, version {EXPORT_SCHEMA_VERSION}",
        description="Every record in a refq knowledge base, each with its source and offsets.",
    )


def record_schema() -> dict[str, Any]:
    """The schema of one line of ``refq export --format jsonl``."""
    return _finish(
        record_adapter().json_schema(),
        title=f"refq export record (one JSON Lines line), version {EXPORT_SCHEMA_VERSION}",
        description="One record: a source, or something read from one; see its type field.",
    )


def _finish(schema: dict[str, Any], *, title: str, description: str) -> dict[str, Any]:
    definitions: dict[str, dict[str, Any]] = schema.get("$defs", {})
    for name, definition in definitions.items():
        _close(definition, _TABLE_OF_DEF.get(name, ""))
        if name in _DEF_DESCRIPTIONS:
            definition.setdefault("description", _DEF_DESCRIPTIONS[name])
    if schema.get("type") == "object":
        _close(schema, "document")
    root = {k: v for k, v in schema.items() if k not in ("title", "description", "$defs")}
    return {"$schema": DIALECT, "title": title, "description": description, **root} | {
        "$defs": definitions
    }


def _close(definition: dict[str, Any], table: str) -> None:
    """Forbid fields the export never writes, and say what each field means."""
    definition["additionalProperties"] = False
    for name, prop in definition.get("properties", {}).items():
        prop.pop("title", None)  # "Source Id" says nothing that "source_id" does not
        meaning = describe(table, name)
        if meaning and "description" not in prop:
            prop["description"] = meaning
