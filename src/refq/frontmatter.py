"""Front matter: ``key: value`` lines between ``---`` fences at the top of a text article.

    ---
    outlet: Example News
    title: "Vote Delivers Expected Result"
    published: 2022-09-27
    url: https://news.example.org/a/1234.html
    ---
    Officials in the region said ...

Only this simple subset of YAML is read (no PyYAML): one ``key: value`` per line, values
optionally in single or double quotes, ``#`` comment lines and blank lines. The keys are
``outlet``, ``title``, ``published`` (alias ``date``) and ``url``; others are ignored with a
warning. A fenced block with any other kind of line is not front matter and stays article
text. Front matter is metadata, not article text: it is cut off before the text is stored,
so every offset points into the text after the closing fence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from refq.models import SourceMeta

# Each key a front matter may use -> the ``SourceMeta`` field it sets.
KEYS = {
    "outlet": "outlet",
    "title": "title",
    "published": "published",
    "date": "published",
    "url": "url",
}
_MAX_LINES = 60
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_FENCE = "---"


class FrontMatterError(ValueError):
    """A front-matter value that cannot be what its key says (a date that is not a date)."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    meta: SourceMeta
    body_start: int  # where the article text starts, after the closing fence
    warnings: tuple[str, ...] = ()


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter at the top of ``text`` (newlines already ``\\n``), or None.

    Raises ``FrontMatterError`` for a value of a known key that does not parse.
    """
    if not text.startswith(_FENCE + "\n"):
        return None
    lines = text.split("\n", _MAX_LINES + 1)
    values: dict[str, str] = {}
    warnings: list[str] = []
    offset = len(lines[0]) + 1
    for line in lines[1 : _MAX_LINES + 1]:
        offset += len(line) + 1
        stripped = line.strip()
        if stripped in (_FENCE, "..."):
            break
        if not stripped or stripped.startswith("#"):
            continue
        match = _LINE.fullmatch(stripped)
        if match is None:
            return None  # not key: value -- a rule line, not front matter
        key, value = match.group(1).lower(), _unquote(match.group(2) or "")
        if key not in KEYS:
            warnings.append(f"front matter key {key!r} ignored (known: {', '.join(KEYS)})")
        elif value:
            values[KEYS[key]] = value
    else:
        return None  # never closed
    body_start = min(offset, len(text))
    while text.startswith("\n", body_start):
        body_start += 1
    meta = SourceMeta(
        outlet=values.get("outlet"),
        title=values.get("title"),
        published=iso_date(values["published"], "published") if "published" in values else None,
        url=web_url(values["url"]) if "url" in values else None,
    )
    return FrontMatter(meta, body_start, tuple(warnings))


def iso_date(value: str, key: str) -> str:
    """``2022-09-27`` or a timestamp starting with one -> ``2022-09-27``."""
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise FrontMatterError(f"{key}: {value!r} is not a date (YYYY-MM-DD)") from None


def web_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FrontMatterError(f"url: {value!r} is not an http(s) URL")
    return value.strip()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        return inner.replace('\\"', '"') if value[0] == '"' else inner.replace("''", "'")
    return value
