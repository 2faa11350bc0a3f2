"""Reading article files and their manifests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from refq.errors import InputError
from refq.knowledge import seeds_dir
from refq.metadata import ManifestIndex, read_manifest
from refq.models import SourceMeta
from refq.reader import MAX_ARTICLE_BYTES, iter_paths, read_article


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_reads_utf8_text_with_its_checksum_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Zaporizhzhia — 93 percent\n".encode())
    meta = SourceMeta(outlet="RFE/RL")
    read = read_article(path, meta)
    assert read.article.text == "Zaporizhzhia — 93 percent\n"
    assert read.article.sha256 == hashlib.sha256(read.article.text.encode()).hexdigest()
    assert read.article.path == str(path.resolve())
    assert read.article.meta == meta
    assert read.warnings == ()


def test_strips_a_bom_and_normalises_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfone\r\ntwo\rthree\n")
    assert read_article(path, None).article.text == "one\ntwo\nthree\n"


def test_the_same_text_in_another_encoding_has_the_same_checksum(tmp_path: Path) -> None:
    unix = read_article(write(tmp_path / "u.txt", b"one\ntwo\n"), None)
    dos = read_article(write(tmp_path / "d.txt", b"\xef\xbb\xbfone\r\ntwo\r\n"), None)
    assert unix.article.sha256 == dos.article.sha256


def test_falls_back_to_cp1252_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "win.txt", b"He said \x93no\x94 in Kyiv caf\xe9.\n")
    read = read_article(path, None)
    assert read.article.text == "He said “no” in Kyiv café.\n"
    assert read.warnings == ("not valid UTF-8 (byte 8); read as cp1252",)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("folder", "dir", "is a directory"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\r\n", "empty or only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_refuses_what_is_not_article_text_with_one_line_naming_the_file(
    tmp_path: Path, name: str, content: bytes | str | None, reason: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path, None)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(InputError, match="over the 5 MB limit"):
        read_article(path, None)


def test_iter_paths_expands_folders_recursively_in_a_stable_order(tmp_path: Path) -> None:
    b = write(tmp_path / "news" / "b.txt", b"b")
    a = write(tmp_path / "news" / "deeper" / "a.txt", b"a")
    write(tmp_path / "news" / "manifest.txt", b"not an article")
    write(tmp_path / "news" / "manifest.toml", b"")
    write(tmp_path / "news" / "notes.pdf", b"not an article suffix")
    write(tmp_path / "news" / ".cache" / "hidden.txt", b"hidden")
    write(tmp_path / "news" / ".hidden.txt", b"hidden")
    assert iter_paths([tmp_path / "news"]) == [b, a]


def test_iter_paths_keeps_named_files_once_even_missing_ones(tmp_path: Path) -> None:
    a = write(tmp_path / "a.md", b"a")  # named explicitly, so its suffix does not matter
    missing = tmp_path / "missing.txt"
    assert iter_paths([a, missing, a, tmp_path / "." / "a.md"]) == [a, missing]


def test_manifest_toml_gives_metadata_by_file_name(tmp_path: Path) -> None:
    write(
        tmp_path / "manifest.toml",
        b'[[articles]]\nfile = "a.txt"\noutlet = " DW "\npublished = 2022-09-27\n'
        b'url = "https://www.dw.com/a"\n',
    )
    assert read_manifest(tmp_path) == {
        "a.txt": SourceMeta(
            outlet="DW", title=None, published="2022-09-27", url="https://www.dw.com/a"
        )
    }


def test_manifest_json_works_too(tmp_path: Path) -> None:
    entries = {"articles": [{"file": "a.txt", "title": "T", "published": "2022-09-27"}]}
    write(tmp_path / "manifest.json", json.dumps(entries).encode())
    assert read_manifest(tmp_path)["a.txt"].published == "2022-09-27"


def test_no_manifest_means_no_metadata(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == {}
    assert ManifestIndex().meta_for(tmp_path / "a.txt") is None


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (
            b'[[articles]]\nfile = "a.txt"\n[[articles]]\nfile = "b.txt"\npublished = "Tuesday"\n',
            "article #2 (b.txt) published: Input should be a valid date",
        ),
        (b'[[articles]]\nfile = "a.txt"\npublsihed = "2022-09-27"\n', "publsihed: Extra inputs"),
        (b'[[articles]]\noutlet = "DW"\n', "article #1 file: Field required"),
        (b'[[articles]]\nfile = "../a.txt"\n', "not a path"),
        (b'[[articles]]\nfile = "a.txt"\nurl = "not a url"\n', "url"),
        (b'[[articles]]\nfile = "a.txt"\n[[articles]]\nfile = "a.txt"\n', "more than once"),
        (b"articles = [", "not valid TOML"),
    ],
)
def test_a_bad_manifest_is_an_input_error_saying_where(
    tmp_path: Path, manifest: bytes, message: str
) -> None:
    write(tmp_path / "manifest.toml", manifest)
    with pytest.raises(InputError) as caught:
        read_manifest(tmp_path)
    text = str(caught.value)
    assert text.startswith(str(tmp_path / "manifest.toml")) and message in text
    assert "\n" not in text


def test_two_manifests_in_one_folder_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "manifest.toml", b"")
    write(tmp_path / "manifest.json", b"{}")
    with pytest.raises(InputError, match="keep one"):
        read_manifest(tmp_path)


def test_the_bundled_seed_manifest_is_valid() -> None:
    metas = read_manifest(seeds_dir())
    assert {meta.outlet for meta in metas.values()} == {"RFE/RL", "DW"}
    assert all(meta.published == "2022-09-27" for meta in metas.values())
