"""Print a DRAFT gazetteer file (data/gazetteer/xx.toml) for one country.

What it does: reads the first-level ISO 3166-2 subdivisions of a country (those whose
parent_code is None) from the Debian iso-codes database as shipped in pycountry 26.2.16, and
prints a draft TOML file in the gazetteer format (see data/gazetteer/README.md): one
[[regions]] row per subdivision with code, name ('<ISO name> <Type>'), short, level (the ISO
type, lower-cased, spaces as underscores) and the mechanical alias forms ('X Region',
'X region', 'region of X', with and without diacritics). The bare name is put in `aliases`
only when it is at least four letters, not a compass/ordinal word and not already a name, alias,
place or in-context name of any row in data/gazetteer/*.toml; otherwise it is printed as a
comment for review. Places are left empty.

Input: pycountry 26.2.16 (iso-codes), and the existing data/gazetteer/*.toml for clash checks.
Output: a draft on stdout that MUST be reviewed and edited by hand (English names, news
spellings, in_context names, places, notes) before it is saved as data/gazetteer/xx.toml.

Run with the interpreter that has pycountry, e.g.:
    /tmp/pcv/bin/python scripts/gazetteer_from_iso.py LK > /tmp/lk.draft.toml

This is a maintenance helper; refq does not import it.
"""

from __future__ import annotations

import glob
import os
import sys
import tomllib
import unicodedata

GAZETTEER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer")

# Never listed bare: compass and ordinal words, and other ordinary words used as unit names.
NOT_BARE = {
    "Central",
    "Northern",
    "Eastern",
    "Western",
    "Southern",
    "North",
    "South",
    "East",
    "West",
    "Upper",
    "Lower",
    "Capital",
    "Coast",
    "Coastal",
    "Middle",
    "Inner",
    "Outer",
    "Greater",
    "Centre",
    "Center",
    "Islands",
    "Lakes",
    "Mountain",
    "Plateau",
    "Savannah",
    "Interior",
}


def fold(text: str) -> str:
    """Case- and diacritic-free form, as refq.query.fold compares names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def iso_rows(country: str) -> list[tuple[str, str, str]]:
    import pycountry  # only needed here: the rest works on plain data

    rows = [
        (s.code, s.name, s.type)
        for s in pycountry.subdivisions.get(country_code=country.upper()) or []
        if s.parent_code is None
    ]
    return sorted(rows)


def existing_strings(skip: str = "") -> dict[str, set[str]]:
    """Every name, short, alias, place and in-context name in the gazetteer -> codes."""
    seen: dict[str, set[str]] = {}
    for path in sorted(glob.glob(os.path.join(GAZETTEER, "*.toml"))):
        if skip and os.path.basename(path) == f"{skip.lower()}.toml":
            continue
        with open(path, "rb") as handle:
            table = tomllib.load(handle)
        for row in table.get("regions", []):
            for key in ("aliases", "places", "in_context"):
                for value in row.get(key, []):
                    seen.setdefault(value, set()).add(row["code"])
            for key in ("name", "short"):
                if key in row:
                    seen.setdefault(row[key], set()).add(row["code"])
    return seen


def typed_forms(bare: str, unit: str) -> list[str]:
    """'X Region', 'X region', 'region of X', 'Region of X' (+ accent-free spellings)."""
    forms = [
        f"{bare} {unit}",
        f"{bare} {unit.lower()}",
        f"{unit.lower()} of {bare}",
        f"{unit} of {bare}",
    ]
    return unique(forms + [strip_accents(f) for f in forms])


def unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(key: str, values: list[str], width: int = 100) -> str:
    if not values:
        return ""
    if len(values) <= 3 and len(f"{key} = [{', '.join(map(quote, values))}]") <= width:
        return f"{key} = [{', '.join(map(quote, values))}]\n"
    lines, line = [], " "
    for value in values:
        piece = f" {quote(value)},"
        if len(line) + len(piece) > width:
            lines.append(line)
            line = " "
        line += piece
    lines.append(line)
    return f"{key} = [\n" + "\n".join(lines) + "\n]\n"


def render_row(row: dict) -> str:
    out = [
        "[[regions]]\n",
        f"code = {quote(row['code'])}\n",
        f"name = {quote(row['name'])}\n",
        f"short = {quote(row['short'])}\n",
        f"level = {quote(row['level'])}\n",
    ]
    if row.get("in_context"):
        out.append(toml_list("in_context", row["in_context"]))
    out.append(toml_list("aliases", row["aliases"]))
    if row.get("places"):
        out.append(toml_list("places", row["places"]))
    for comment in row.get("comments", []):
        out.append(f"# REVIEW: {comment}\n")
    return "".join(out)


def wrap(text: str, width: int = 96) -> str:
    """Break a long string into lines joined by TOML line-ending backslashes."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line + " \\")
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def render(header: str, meta: dict, rows: list[dict]) -> str:
    parts = [header.rstrip() + "\n\n[meta]\n", f"country = {quote(meta['country'])}\n"]
    for key in ("source", "notes"):
        text = meta[key].replace("\\", "\\\\").replace('"""', '\\"""')
        parts.append(f'{key} = """\\\n{wrap(text)}\\\n"""\n')
    return "".join(parts) + "".join("\n" + render_row(r) for r in rows)


def draft_row(code: str, iso_name: str, iso_type: str, seen: dict[str, set[str]]) -> dict:
    unit = iso_type.split()[-1].capitalize() if iso_type else "Region"
    bare = iso_name
    if bare.endswith(" " + unit):
        bare = bare[: -len(unit) - 1]
    name = f"{bare} {unit}"
    aliases = typed_forms(bare, unit)
    comments = []
    clash = sorted({c for a in [bare, *aliases] for c in seen.get(a, set())})
    if clash:
        comments.append(f"name clashes with {', '.join(clash)}")
    ok = len(bare) >= 4 and not any(w in NOT_BARE for w in bare.split()) and bare not in seen
    if ok:
        aliases.insert(1, bare)
        if strip_accents(bare) != bare:
            aliases.insert(2, strip_accents(bare))
    else:
        comments.append(f"bare {bare!r} not listed (short, compass word or clash): in_context?")
    return {
        "code": code,
        "name": name,
        "short": bare if ok else name,
        "level": iso_type.lower().replace(" ", "_"),
        "aliases": aliases,
        "comments": [*comments, f"ISO name {iso_name!r}, type {iso_type!r}"],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    country = argv[1].upper()
    rows = iso_rows(country)
    if not rows:
        print(f"{country}: no first-level subdivisions in iso-codes", file=sys.stderr)
        return 1
    seen = existing_strings(skip=country)
    meta = {
        "country": country,
        "source": "Codes and subdivision names: Debian iso-codes as shipped in pycountry "
        "26.2.16 (ISO 3166-2); English names, aliases and places written by hand from general "
        "reference knowledge, 2026-11.",
        "notes": "DRAFT - review every row.",
    }
    header = f"# DRAFT for {country}: {len(rows)} first-level subdivisions (ISO 3166-2:{country})."
    print(render(header, meta, [draft_row(*r, seen) for r in rows]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
