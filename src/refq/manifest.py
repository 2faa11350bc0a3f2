"""The manifest schema: what a folder's ``manifest.toml`` or ``manifest.json`` may say about its
articles, validated with Pydantic.

Imported only when a folder actually has a manifest (``refq.metadata``): importing Pydantic
costs more than reading a hundred articles.
"""

from __future__ import annotations

from datetime import date

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator

from refq.models import SourceMeta


class ManifestEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    file: str = Field(min_length=1)
    outlet: str | None = Field(default=None, min_length=1)
    title: str | None = Field(default=None, min_length=1)
    published: date | None = None
    url: AnyHttpUrl | None = None

    @field_validator("file")
    @classmethod
    def _bare_file_name(cls, value: str) -> str:
        if "/" in value or "\\" in value:
            raise ValueError("must be a file name in the manifest's folder, not a path")
        return value

    def to_meta(self) -> SourceMeta:
        return SourceMeta(
            outlet=self.outlet,
            title=self.title,
            published=self.published.isoformat() if self.published else None,
            url=str(self.url) if self.url else None,
        )


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    articles: list[ManifestEntry] = Field(default_factory=list)

    @field_validator("articles")
    @classmethod
    def _unique_files(cls, entries: list[ManifestEntry]) -> list[ManifestEntry]:
        names = [entry.file for entry in entries]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"file listed more than once: {', '.join(duplicates)}")
        return entries
