"""Article files -> ``Article``: the one place that turns bytes into the text every offset
points into.

Reading is strict about what it refuses (missing, empty, binary, huge) and lenient about
encoding: UTF-8 first (a BOM is dropped; a UTF-16 BOM is honoured), then the charset an HTML
page declares, then cp1252 with a warning, because saved web pages from Windows tools are
common and one curly quote should not lose a whole article.

Three kinds of input become the same ``Article``:

- plain text (``.txt``, ``.md``): newlines normalised to ``\\n``; front matter at the top
  (``refq.frontmatter``) is metadata and is cut off, so offsets point into what follows it;
- saved web pages (``.html``, ``.htm``, or anything that starts like HTML): the article text
  is extracted (``refq.html``) and the page's title, date, outlet and URL become metadata;
- standard input (``refq load -``): either of the above, stored under the path
  ``stdin:<first 16 hex digits of the text's SHA-256>``, so loading the same text again
  changes nothing.

Metadata a manifest gives wins over what the file says about itself, field by field.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from refq.errors import InputError
from refq.models import Article, SourceMeta

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # plain text
MAX_PAGE_BYTES = 20 * 1024 * 1024  # saved web pages carry scripts and styles as well
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"}) | HTML_SUFFIXES
STDIN = "-"
STDIN_NAME = "stdin"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FALLBACK_ENCODING = "cp1252"
# Leading bytes of formats people load by mistake, and what to call them.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_PATTERN = re.compile(r"[*?[]")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")


@dataclass(frozen=True, slots=True)
class ReadArticle:
    """An article and what reading it had to guess (e.g. the encoding)."""

    article: Article
    warnings: tuple[str, ...] = ()


def read_article(
    path: Path, meta: SourceMeta | None = None, *, resolved: Path | None = None
) -> ReadArticle:
    """Read one article file; raise ``InputError`` naming the file when it is not article text.

    The source is stored under the file's resolved path (pass ``resolved`` if known)."""
    data = _read_bytes(path)
    return parse_article(
        data,
        name=str(path),
        stored_path=str(resolved or path.resolve()),
        meta=meta,
        html=path.suffix.lower() in HTML_SUFFIXES,
    )


def read_stdin(data: bytes, meta: SourceMeta | None = None) -> ReadArticle:
    """An article piped in on standard input (already read, at most ``MAX_PAGE_BYTES + 1``)."""
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"{STDIN_NAME}: more than {_megabytes(MAX_PAGE_BYTES)}, over the limit")
    return parse_article(data, name=STDIN_NAME, stored_path=None, meta=meta, html=False)


def parse_article(
    data: bytes,
    *,
    name: str,
    stored_path: str | None,
    meta: SourceMeta | None = None,
    html: bool = False,
) -> ReadArticle:
    """Bytes -> ``ReadArticle``. ``name`` is what messages call the input; ``stored_path`` is
    the path the source is stored under (None: ``stdin:<sha256 prefix>``)."""
    from refq.html import looks_like_html

    html = html or looks_like_html(data)
    text, warnings = _decode(data, name, html=html)
    text, own, more = _page_text(text) if html else _plain_text(text, name)
    if not text.strip():
        reason = "no article text in the page" if html else "file is empty or only whitespace"
        raise InputError(f"{name}: {reason}")
    sha256 = text_sha256(text)
    article = Article(
        path=stored_path or f"stdin:{sha256[:16]}",
        text=text,
        sha256=sha256,
        meta=merge_meta(meta, own),
    )
    return ReadArticle(article=article, warnings=warnings + more)


def merge_meta(first: SourceMeta | None, then: SourceMeta) -> SourceMeta:
    """Field by field: what ``first`` gives, else what ``then`` gives."""
    if first is None:
        return then
    missing = {
        f.name: getattr(then, f.name) for f in fields(first) if getattr(first, f.name) is None
    }
    return replace(first, **missing)


def text_sha256(text: str) -> str:
    """The identity of an article's stored text (after decoding and newline normalisation)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain_text(text: str, name: str) -> tuple[str, SourceMeta, tuple[str, ...]]:
    from refq.frontmatter import FrontMatterError, split_front_matter

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        front = split_front_matter(text)
    except FrontMatterError as exc:
        raise InputError(f"{name}: front matter {exc}") from None
    if front is None:
        return text, SourceMeta(), ()
    return text[front.body_start :], front.meta, front.warnings


def _page_text(markup: str) -> tuple[str, SourceMeta, tuple[str, ...]]:
    from refq.frontmatter import FrontMatterError, iso_date, web_url
    from refq.html import extract_page

    page = extract_page(markup)
    warnings: list[str] = []
    published = url = None
    if page.published:
        try:
            published = iso_date(page.published, "published")
        except FrontMatterError:
            warnings.append(f"page date {page.published!r} is not an ISO date; ignored")
    if page.url:
        try:
            url = web_url(page.url)
        except FrontMatterError:
            url = None
    meta = SourceMeta(outlet=page.outlet, title=page.title, published=published, url=url)
    return page.text, meta, tuple(warnings)


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        size = path.stat().st_size
        limit = MAX_PAGE_BYTES if path.suffix.lower() in HTML_SUFFIXES else MAX_ARTICLE_BYTES
        if size > limit:
            raise InputError(f"{path}: {size:,} bytes is over the {_megabytes(limit)} limit")
        with path.open("rb") as handle:
            return handle.read(limit + 1)  # a file that grew meanwhile is still capped
    except FileNotFoundError:
        if _is_pattern(path):
            raise InputError(f"{path}: no file matches this pattern") from None
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _decode(data: bytes, name: str, *, html: bool) -> tuple[str, tuple[str, ...]]:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judged as bytes below
    binary = _binary_kind(data)
    if binary:
        raise InputError(f"{name}: looks binary ({binary}); expected a text or HTML file")
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        if html:
            declared = _known_codec(data)
            if declared and declared != "utf-8":
                return data.decode(declared, errors="replace"), ()
        # cp1252 leaves five bytes undefined; "replace" keeps the article readable and the
        # warning says the text was guessed.
        text = data.decode(_FALLBACK_ENCODING, errors="replace")
        return text, (f"not valid UTF-8 (byte {exc.start}); read as {_FALLBACK_ENCODING}",)


def _known_codec(data: bytes) -> str | None:
    from refq.html import declared_charset

    charset = declared_charset(data)
    if charset is None:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _binary_kind(data: bytes) -> str | None:
    """What the bytes look like if they are not text; None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head or b"\x00" in data:
        return "contains NUL bytes"
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if head and controls > len(head) // 20:
        return "mostly control characters"
    return None


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def iter_paths(args: Iterable[Path]) -> list[Path]:
    """Expand files, folders and glob patterns into article files, in a stable order, without
    duplicates.

    Folders are searched recursively for article files (``ARTICLE_SUFFIXES``); hidden entries
    and ``manifest.*`` are skipped. A pattern (``'news/**/*.html'``, quoted so the shell
    leaves it alone) is expanded here; ``**`` matches any depth of folders. ``-`` stands for
    standard input and is kept as it is. A path named explicitly is kept even if it does not
    exist (and a pattern that matches nothing is kept too), so that reading it reports the
    problem for that one input.
    """
    return [Path(path) for path, _ in iter_inputs(args)]


def iter_inputs(args: Iterable[Path]) -> list[tuple[str, str]]:
    """``iter_paths`` as strings, each with its resolved form (``-`` stays ``-``).

    Strings, not ``Path`` objects: a load of 100,000 files keeps this list for its whole run,
    and a ``Path`` costs several times the memory of its string.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for arg in args:
        for candidate in _expand(arg):
            key = candidate if candidate == STDIN else os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append((candidate, key))
    return found


def _expand(arg: Path) -> list[str]:
    text = os.fspath(arg)
    if text == STDIN:
        return [text]
    if arg.is_dir():
        return _articles_under(text)
    if arg.exists() or not _is_pattern(arg):
        return [text]
    matches = sorted(glob.glob(text, recursive=True), key=_path_order)
    if not matches:
        return [text]
    expanded: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            expanded.extend(_articles_under(match))
        elif not os.path.basename(match).startswith("manifest."):
            expanded.append(match)
    return expanded


def _is_pattern(path: Path) -> bool:
    return _PATTERN.search(str(path)) is not None


def _articles_under(folder: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            path
            for name in files
            if not name.startswith((".", "manifest."))
            and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES
            and os.path.isfile(path := os.path.join(root, name))
        )
    return sorted(found, key=_path_order)


def _path_order(path: str) -> list[str]:
    """Folder by folder, as ``Path`` objects sort."""
    return path.split(os.sep)
