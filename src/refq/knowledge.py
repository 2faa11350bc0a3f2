"""Reference knowledge, loaded from the TOML files under ``data/``.

Nothing here knows a fact about any article: regions, role titles, reporting verbs, channels,
outlets, page-chrome patterns and result cues are all data, editable without touching code.
Each file carries a ``[meta]`` table saying where its contents came from.

Lookup order for the data folder: ``$REFQ_DATA``; ``refq/_data`` inside an installed wheel;
``data/`` at the top of a source checkout.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from refq.errors import KnowledgeError

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str, env: str) -> Path:
    override = os.environ.get(env)
    if override:
        return Path(override)
    for candidate in (_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise KnowledgeError(f"cannot find refq's bundled {name}/ folder (set {env})")


def data_dir() -> Path:
    return _bundled("data", "REFQ_DATA")


def seeds_dir() -> Path:
    return _bundled("seeds", "REFQ_SEEDS")


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # ISO 3166-1 alpha-2 for countries, ISO 3166-2 for subdivisions
    name: str  # canonical English name
    short: str  # the name as usually written in running text
    level: str  # country, oblast, republic, city, province, ...
    country: str
    aliases: tuple[str, ...]
    # Cities and towns inside the region that news text names for it ("Saskatoon" for
    # Saskatchewan): a figure for a city is a figure for its region, but a place is not an
    # alias (it never stops a name: "Regina Okafor").
    places: tuple[str, ...] = ()
    # Names that are this region only in a story that names its country ("Mendoza" is also a
    # surname; "Mendoza" in a story about Argentina is the province).
    in_context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: str  # outlet, wire, agency
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Channel:
    name: str
    patterns: tuple[str, ...]


@dataclass(
    frozen=True, slots=True, eq=False
)  # identity hash: compiled lexicons are cached per object
class Knowledge:
    regions: tuple[Region, ...]
    outlets: tuple[Outlet, ...]
    titles: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    body_heads: tuple[str, ...]
    organisation_heads: tuple[str, ...]
    people_nouns: tuple[str, ...]
    bodies: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    naming_verbs: tuple[str, ...]
    reported_verbs: tuple[str, ...]
    channels: tuple[Channel, ...]
    chrome: dict[str, tuple[str, ...]]
    result_cues: dict[str, tuple[str, ...]]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    pronouns: dict[str, tuple[str, ...]]
    abbreviations: tuple[str, ...]
    stop_capitals: tuple[str, ...]
    name_particles: tuple[str, ...]
    honorifics: tuple[str, ...]
    qualitative: tuple[tuple[str, float, float], ...]  # (pattern, low, high)

    def region(self, code: str) -> Region | None:
        for region in self.regions:
            if region.code == code:
                return region
        return None

    # What the reference data was (a hash of every file in it, and refq's version): a stored
    # article extracted under another fingerprint is extracted again on its next load.
    fingerprint: str = ""


class _Tables:
    """Every TOML file under a data folder, parsed, with the folder's fingerprint.

    Parsing the gazetteer's TOML took a quarter of a second in every process that extracts;
    the parsed tables are kept as JSON in the user's cache folder under the fingerprint (a
    hash of the files' bytes), so an edited file is parsed afresh and a stale cache is never
    read. A cache that cannot be read or written is ignored."""

    def __init__(self, base: Path) -> None:
        from refq import __version__

        self.base = base
        raw = {
            path.relative_to(base).as_posix(): path.read_bytes()
            for path in sorted(base.rglob("*.toml"))
        }
        digest = hashlib.sha256(f"refq {__version__}".encode())
        for name, data in raw.items():
            digest.update(b"\0" + name.encode() + b"\0" + data)
        self.fingerprint = digest.hexdigest()[:16]
        cached = self._cached()
        self.tables: dict[str, dict[str, Any]] = (
            cached if cached is not None else {n: _parse(base / n, d) for n, d in raw.items()}
        )
        if cached is None:
            self._store()

    def read(self, path: Path) -> dict[str, Any]:
        name = path.relative_to(self.base).as_posix()
        if name not in self.tables:
            raise KnowledgeError(f"{path}: reference data file is missing")
        return self.tables[name]

    def _cache_file(self) -> Path | None:
        folder = os.environ.get("REFQ_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
        if folder:
            root = Path(folder) if "REFQ_CACHE_DIR" in os.environ else Path(folder) / "refq"
        else:
            try:
                root = Path.home() / ".cache" / "refq"
            except RuntimeError:  # no home directory
                return None
        return root / f"knowledge-{self.fingerprint}.json"

    def _cached(self) -> dict[str, dict[str, Any]] | None:
        cache = self._cache_file()
        if cache is None:
            return None
        try:
            with cache.open(encoding="utf-8") as handle:
                tables = json.load(handle)
        except (OSError, ValueError):
            return None
        return tables if isinstance(tables, dict) else None

    def _store(self) -> None:
        cache = self._cache_file()
        if cache is None:
            return
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
            partial.write_text(json.dumps(self.tables, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, cache)  # readers never see half a file
            for stale in cache.parent.glob("knowledge-*.json"):
                if stale != cache:
                    stale.unlink(missing_ok=True)  # one cache per data folder in use
        except (OSError, TypeError, ValueError):
            pass  # a read-only home or a value JSON cannot hold: parse again next time


def _parse(path: Path, data: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: not valid TOML ({exc})") from exc


def _strings(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def _regions(folder: Path, tables: _Tables) -> tuple[Region, ...]:
    regions: list[Region] = []
    for path in sorted(folder.glob("*.toml")):
        table = tables.read(path)
        country = str(table.get("meta", {}).get("country", ""))
        for row in table.get("regions", []):
            try:
                regions.append(
                    Region(
                        code=str(row["code"]),
                        name=str(row["name"]),
                        short=str(row.get("short", row["name"])),
                        level=str(row.get("level", "region")),
                        country=str(row.get("country", country)),
                        aliases=_strings(row, "aliases", path),
                        places=_strings(row, "places", path),
                        in_context=_strings(row, "in_context", path),
                    )
                )
            except KeyError as exc:
                raise KnowledgeError(f"{path}: a region lacks {exc}") from exc
    return tuple(regions)


@cache
def load_knowledge(folder: Path | None = None) -> Knowledge:
    """Read every reference table once per process."""
    base = folder or data_dir()
    if not base.is_dir():
        raise KnowledgeError(f"{base}: reference data folder is missing")
    tables = _Tables(base)
    _read = tables.read
    roles = _read(base / "roles.toml")
    verbs = _read(base / "verbs.toml")
    lang = _read(base / "language.toml")
    chrome = _read(base / "chrome.toml")
    results = _read(base / "results.toml")
    outlets_table = _read(base / "outlets.toml")
    channels_table = _read(base / "channels.toml")
    outlets = tuple(
        Outlet(
            name=str(row["name"]),
            kind=str(row.get("kind", "outlet")),
            aliases=_strings(row, "aliases", base / "outlets.toml"),
            domains=_strings(row, "domains", base / "outlets.toml"),
        )
        for row in outlets_table.get("outlets", [])
    )
    channels = tuple(
        Channel(name=str(row["name"]), patterns=_strings(row, "patterns", base / "channels.toml"))
        for row in channels_table.get("channels", [])
    )
    chrome_patterns = {
        kind: _strings(chrome["patterns"], kind, base / "chrome.toml")
        for kind in chrome.get("patterns", {})
    }
    for kind, patterns in chrome_patterns.items():
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise KnowledgeError(f"chrome.toml: pattern for {kind} is invalid: {exc}") from exc
    return Knowledge(
        regions=_regions(base / "gazetteer", tables),
        outlets=outlets,
        titles=_strings(roles, "titles", base / "roles.toml"),
        title_modifiers=_strings(roles, "modifiers", base / "roles.toml"),
        body_heads=_strings(roles, "body_heads", base / "roles.toml"),
        organisation_heads=_strings(roles, "organisation_heads", base / "roles.toml"),
        people_nouns=_strings(roles, "people_nouns", base / "roles.toml"),
        bodies=_strings(roles, "bodies", base / "roles.toml"),
        speech_verbs=_strings(verbs, "speech", base / "verbs.toml"),
        naming_verbs=_strings(verbs, "naming", base / "verbs.toml"),
        reported_verbs=_strings(verbs, "reported", base / "verbs.toml"),
        channels=channels,
        chrome=chrome_patterns,
        result_cues={k: _strings(results["cues"], k, base) for k in results.get("cues", {})},
        months=_strings(lang, "months", base / "language.toml"),
        weekdays=_strings(lang, "weekdays", base / "language.toml"),
        pronouns={k: _strings(lang["pronouns"], k, base) for k in lang.get("pronouns", {})},
        abbreviations=_strings(lang, "abbreviations", base / "language.toml"),
        stop_capitals=_strings(lang, "stop_capitals", base / "language.toml"),
        name_particles=_strings(lang, "name_particles", base / "language.toml"),
        honorifics=_strings(lang, "honorifics", base / "language.toml"),
        qualitative=tuple(
            (str(row["pattern"]), float(row["low"]), float(row["high"]))
            for row in results.get("qualitative", [])
        ),
        fingerprint=tables.fingerprint,
    )
