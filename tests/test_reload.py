"""Loading again: an unchanged input is found unchanged from its input key, before any
extraction; a change to the text, the metadata or the reference data extracts it again."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import refq.extract
from refq.ingest import ingest
from refq.knowledge import data_dir

STORY = (
    "Election officials in Kherson said 87 percent of voters backed the proposal"
    " after all votes were counted.\n\n"
    '"This vote has no legal force," Foreign Minister Anna Bondar said on Tuesday.\n'
)


def write_story(folder: Path, name: str = "story.txt", text: str = STORY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unchanged_input_is_not_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, db = tmp_path / "news", tmp_path / "refq.db"
    write_story(folder)
    first = ingest([folder], db, jobs=1)
    assert len(first.summary.stored) == 1

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("an unchanged article was extracted again")

    monkeypatch.setattr(refq.extract, "extract_article", refuse)
    second = ingest([folder], db, jobs=1)
    assert second.summary.unchanged == first.summary.stored
    assert second.summary.stored == () and second.failed == 0


def test_a_changed_text_at_the_same_path_is_extracted_and_replaced(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "refq.db"
    path = write_story(folder)
    ingest([folder], db, jobs=1)
    path.write_text(STORY.replace("87 percent", "91 percent"), encoding="utf-8")
    again = ingest([folder], db, jobs=1)
    assert again.summary.replaced == again.summary.stored and len(again.summary.stored) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT percent FROM results").fetchall() == [(91.0,)]


def test_force_extracts_an_unchanged_input(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "refq.db"
    write_story(folder)
    ingest([folder], db, jobs=1)
    forced = ingest([folder], db, jobs=1, force=True)
    assert len(forced.summary.replaced) == 1


def refq_load(folder: Path, db: Path, data: Path) -> str:
    script = shutil.which("refq", path=str(Path(sys.executable).parent))
    assert script, "the refq console script is not installed in this environment"
    done = subprocess.run(
        [script, "load", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "REFQ_DATA": str(data)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr + done.stdout


def test_edited_reference_data_extracts_stored_articles_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    folder, db = tmp_path / "news", tmp_path / "refq.db"
    write_story(folder)
    assert "Loaded 1 file" in refq_load(folder, db, data)
    assert "1 unchanged" in refq_load(folder, db, data)
    roles = data / "roles.toml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert "1 replaced" in refq_load(folder, db, data)


def test_parsed_reference_data_is_cached_under_its_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refq.knowledge import load_knowledge

    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(data_dir(), data)
    monkeypatch.setenv("REFQ_CACHE_DIR", str(cache))
    parsed = load_knowledge.__wrapped__(data)
    (written,) = cache.glob("knowledge-*.json")
    assert parsed.fingerprint in written.name
    # The cache is what the next process reads: a change made only there shows.
    tables = json.loads(written.read_text(encoding="utf-8"))
    tables["gazetteer/ua.toml"]["regions"][0]["name"] = "Read From The Cache"
    written.write_text(json.dumps(tables), encoding="utf-8")
    names = {region.name for region in load_knowledge.__wrapped__(data).regions}
    assert "Read From The Cache" in names
    # An edited data file has another fingerprint: parsed afresh, the old cache dropped.
    roles = data / "roles.toml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = load_knowledge.__wrapped__(data)
    assert edited.fingerprint != parsed.fingerprint
    assert [p.name for p in cache.glob("knowledge-*.json")] == [
        f"knowledge-{edited.fingerprint}.json"
    ]


def test_an_unwritable_cache_folder_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refq.knowledge import load_knowledge

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("REFQ_CACHE_DIR", str(blocker / "cache"))
    assert load_knowledge.__wrapped__(data_dir()).regions
