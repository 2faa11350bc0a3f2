"""Article files -> ``Article``: the one place that turns bytes on disk into the text every
offset points into.

Reading is strict about what it refuses (missing, empty, binary, huge) and lenient about
encoding: UTF-8 first, then cp1252 with a warning, because saved web pages from Windows
tools are common and one curly quote should not lose a whole article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from refq.errors import InputError
from refq.models import Article, SourceMeta

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = frozenset({".txt"})
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class ReadArticle:
    """An article and what reading it had to guess (e.g. the encoding)."""

    article: Article
    warnings: tuple[str, ...] = ()


def read_article(path: Path, meta: SourceMeta | None = None) -> ReadArticle:
    """Read one article file; raise ``InputError`` naming the file when it is not article text."""
    data = _read_bytes(path)
    if b"\x00" in data:
        raise InputError(f"{path}: looks binary (contains NUL bytes); expected a text file")
    text, warnings = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: file is empty or only whitespace")
    article = Article(
        path=str(path.resolve()),
        text=text,
        sha256=text_sha256(text),
        meta=meta or SourceMeta(),
    )
    return ReadArticle(article=article, warnings=warnings)


def text_sha256(text: str) -> str:
    """The identity of an article's stored text (after decoding and newline normalisation)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        if size > MAX_ARTICLE_BYTES:
            limit_mb = MAX_ARTICLE_BYTES // (1024 * 1024)
            raise InputError(f"{path}: {size:,} bytes is over the {limit_mb} MB limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        # cp1252 leaves five bytes undefined; "replace" keeps the article readable and the
        # warning says the text was guessed.
        text = data.decode("cp1252", errors="replace")
        return text, (f"not valid UTF-8 (byte {exc.start}); read as cp1252",)


def iter_paths(args: Iterable[Path]) -> list[Path]:
    """Expand files and folders into article files, in a stable order, without duplicates.

    Folders are searched recursively for ``*.txt``; hidden entries and ``manifest.*`` are
    skipped. A path named explicitly is kept even if it does not exist, so that reading it
    reports the problem for that one file.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for arg in args:
        candidates = _articles_under(arg) if arg.is_dir() else [arg]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _articles_under(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and path.is_file()
        and not path.name.startswith("manifest.")
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
