"""Optional per-folder manifests that say what an article is: outlet, title, date, URL.

A folder may hold ``manifest.toml`` or ``manifest.json`` with ``[[articles]]`` entries keyed by
file name (the schema: ``refq.manifest``). Manifests are validated with Pydantic, which is
imported only when a folder has one. A manifest that does not validate is an ``InputError``
naming the manifest, the entry and the field, so the user can fix it in one go.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refq.errors import InputError
from refq.models import SourceMeta

if TYPE_CHECKING:
    from pydantic import ValidationError

MANIFEST_NAMES = ("manifest.toml", "manifest.json")


def read_manifest(folder: Path) -> dict[str, SourceMeta]:
    """What the folder's manifest says, by file name; empty when the folder has none."""
    present = [folder / name for name in MANIFEST_NAMES if (folder / name).is_file()]
    if not present:
        return {}
    if len(present) > 1:
        raise InputError(f"{folder}: has both manifest.toml and manifest.json; keep one")
    from pydantic import ValidationError

    from refq.manifest import Manifest

    path = present[0]
    raw = _parse(path)
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        raise InputError(f"{path}: {_first_problem(exc, raw)}") from None
    return {entry.file: entry.to_meta() for entry in manifest.articles}


class ManifestIndex:
    """Looks up article metadata, reading each folder's manifest once."""

    def __init__(self) -> None:
        self._folders: dict[str, dict[str, SourceMeta]] = {}

    def meta_for(self, article_path: Path | str, resolved: str | None = None) -> SourceMeta | None:
        """The manifest entry for the file (``resolved``: its resolved path, if known)."""
        folder = os.path.dirname(resolved or os.path.realpath(article_path))
        if folder not in self._folders:
            self._folders[folder] = read_manifest(Path(folder))
        return self._folders[folder].get(os.path.basename(article_path))


def _parse(path: Path) -> Any:
    try:
        if path.suffix == ".toml":
            with path.open("rb") as handle:
                return tomllib.load(handle)
        return json.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid {path.suffix[1:].upper()} ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _first_problem(exc: ValidationError, raw: Any) -> str:
    """One line: which entry (1-based, with its file name), which field, and what is wrong."""
    errors = exc.errors()
    loc = list(errors[0]["loc"])
    where = "manifest"
    if len(loc) >= 2 and loc[0] == "articles" and isinstance(loc[1], int):
        where = f"article #{loc[1] + 1}{_entry_file(raw, loc[1])}"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"{where}{' ' + field if field else ''}: {errors[0]['msg']}{more}"


def _entry_file(raw: Any, index: int) -> str:
    try:
        return f" ({raw['articles'][index]['file']})"
    except (KeyError, IndexError, TypeError):
        return ""
