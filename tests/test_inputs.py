"""Every form an article arrives in, and every way an input can be bad: through ``refq load``
(CliRunner), real files and a real SQLite database.

Each bad input gets one ``Error: <input>: <reason>`` line; the other inputs still load; the
summary comes last and the exit code is 1. Nothing from a failed input is stored and nothing
already stored is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from refq.cli import app
from refq.errors import InputError
from refq.html import extract_page
from refq.reader import MAX_ARTICLE_BYTES, read_article, read_stdin

runner = CliRunner()

STORY = (
    "Election officials in Kherson said 87 percent of voters backed the proposal"
    " after all votes were counted.\n\n"
    '"This vote has no legal force," Foreign Minister Anna Bondar said on Tuesday.\n'
)
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Vote results | Example News</title>
<meta property="og:title" content="Officials report vote results">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-09-27T18:00:00+03:00">
<link rel="canonical" href="https://news.example.org/2022/09/27/vote">
<script>var headline = "99 percent backed it in Luhansk";</script>
<style>.lead { font-weight: bold }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<aside class="most-read">Most read: 55 percent of readers liked this</aside>
<article>
<h1>Officials report vote results</h1>
<p class="lead">Election officials in Kherson said 87 percent of voters backed
   the proposal after all votes were counted.</p>
<p>&ldquo;This vote has no legal force,&rdquo; Foreign Minister Anna Bondar said on Tuesday.</p>
<figure><img src="ballot.jpg"><figcaption>A ballot box. Photo: AP</figcaption></figure>
</article>
<footer>&copy; 2022 Example News. Contact us.</footer>
<form><input name="q"><button>Search</button></form>
</body></html>
"""


def refq(*args: str | Path, stdin: str | bytes | None = None) -> Result:
    return runner.invoke(app, [str(arg) for arg in args], input=stdin)


def sources(db: Path) -> list[dict[str, Any]]:
    result = refq("sources", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def stored(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def assert_spans_point_into_the_stored_text(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        texts = dict(conn.execute("SELECT id, text FROM sources"))
        for table, column in (
            ("results", None),
            ("statements", "text"),
            ("region_mentions", "surface"),
        ):
            select = f'SELECT source_id, start, "end"{", " + column if column else ""} FROM {table}'
            for source_id, start, end, *claimed in conn.execute(select):
                assert 0 <= start <= end <= len(texts[source_id])
                if claimed:
                    assert texts[source_id][start:end] == claimed[0], (table, claimed)


def errors(result: Result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# Plain text


def test_bom_and_crlf_are_normalised_before_offsets_are_taken(tmp_path: Path) -> None:
    path = write(tmp_path / "dos.txt", b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    db = tmp_path / "refq.db"
    assert refq("load", path, "--db", db).exit_code == 0
    ((text,),) = stored(db, "SELECT text FROM sources")
    assert text == STORY
    assert_spans_point_into_the_stored_text(db)


def test_utf16_with_a_bom_is_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "utf16.txt", STORY.encode("utf-16"))
    assert read_article(path).article.text == STORY


def test_a_non_utf8_file_is_read_as_cp1252_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "win.txt", STORY.replace('"', "“", 1).encode("cp1252"))
    db = tmp_path / "refq.db"
    result = refq("load", path, "--db", db)
    assert result.exit_code == 0
    assert f"Warning: {path}: not valid UTF-8 (byte 107); read as cp1252" in result.stderr
    (source,) = sources(db)
    assert source["warnings"] == ["not valid UTF-8 (byte 107); read as cp1252"]


# Front matter


FRONT = (
    "---\n"
    "outlet: Example News\n"
    'title: "Officials report: vote results"\n'
    "published: 2022-09-27\n"
    "url: https://news.example.org/a/1\n"
    "# a comment\n"
    "---\n\n"
)


def test_front_matter_is_metadata_and_is_not_stored_as_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.md", FRONT + STORY)
    db = tmp_path / "refq.db"
    result = refq("load", path, "--db", db)
    assert result.exit_code == 0, result.output
    (source,) = sources(db)
    assert (source["outlet"], source["title"], source["published"], source["url"]) == (
        "Example News",
        "Officials report: vote results",
        "2022-09-27",
        "https://news.example.org/a/1",
    )
    ((text, sha256),) = stored(db, "SELECT text, sha256 FROM sources")
    assert text == STORY  # offsets count from the first character after the front matter
    assert sha256 == hashlib.sha256(STORY.encode()).hexdigest()
    assert stored(db, "SELECT count(*) FROM results") != [(0,)]
    assert_spans_point_into_the_stored_text(db)


def test_a_manifest_entry_wins_over_front_matter_field_by_field(tmp_path: Path) -> None:
    write(tmp_path / "news" / "story.txt", FRONT + STORY)
    write(
        tmp_path / "news" / "manifest.toml", '[[articles]]\nfile = "story.txt"\noutlet = "Wire"\n'
    )
    db = tmp_path / "refq.db"
    assert refq("load", tmp_path / "news", "--db", db).exit_code == 0
    (source,) = sources(db)
    assert (source["outlet"], source["published"]) == ("Wire", "2022-09-27")


def test_unknown_front_matter_keys_are_warned_about(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.txt", "---\nauthor: Someone\noutlet: Example News\n---\n" + STORY
    )
    result = refq("load", path, "--db", tmp_path / "refq.db")
    assert result.exit_code == 0
    assert f"Warning: {path}: front matter key 'author' ignored" in result.stderr


def test_a_bad_front_matter_date_fails_that_file_only(tmp_path: Path) -> None:
    bad = write(tmp_path / "news" / "bad.txt", "---\npublished: soon\n---\n" + STORY)
    write(tmp_path / "news" / "good.txt", STORY)
    db = tmp_path / "refq.db"
    result = refq("load", tmp_path / "news", "--db", db)
    assert result.exit_code == 1
    assert errors(result) == [
        f"Error: {bad}: front matter published: 'soon' is not a date (YYYY-MM-DD)"
    ]
    assert [Path(s["path"]).name for s in sources(db)] == ["good.txt"]


def test_a_rule_line_at_the_top_is_text_not_front_matter(tmp_path: Path) -> None:
    text = "---\nNot a key value line, just a rule above the story.\n---\n" + STORY
    path = write(tmp_path / "rule.txt", text)
    assert read_article(path).article.text == text


# Saved web pages


def test_a_saved_page_keeps_the_story_and_drops_the_chrome(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    db = tmp_path / "refq.db"
    result = refq("load", path, "--db", db)
    assert result.exit_code == 0, result.output
    ((text,),) = stored(db, "SELECT text FROM sources")
    assert text == (
        "Officials report vote results\n\n"
        "Election officials in Kherson said 87 percent of voters backed the proposal after all"
        " votes were counted.\n\n"
        "“This vote has no legal force,” Foreign Minister Anna Bondar said on Tuesday.\n"
    )
    for chrome in (
        "Home",
        "Most read",
        "99 percent",
        "font-weight",
        "Photo: AP",
        "Contact",
        "Search",
    ):
        assert chrome not in text
    (source,) = sources(db)
    assert (source["outlet"], source["title"], source["published"], source["url"]) == (
        "Example News",
        "Officials report vote results",
        "2022-09-27",
        "https://news.example.org/2022/09/27/vote",
    )
    assert stored(db, "SELECT percent FROM results") == [(87.0,)]
    assert_spans_point_into_the_stored_text(db)


def test_a_page_without_an_article_element_keeps_its_body_text() -> None:
    page = extract_page(
        "<html><head><title> A title </title></head><body><nav>Menu</nav>"
        "<h2>Heading</h2><p>First<br>line.</p><div>Second <b>block</b>.</div>"
        '<p hidden>Hidden</p><div role="navigation">Links</div>'
        "<p><time datetime='2024-05-12'>Sunday</time> text</p></body></html>"
    )
    assert page.text == "Heading\n\nFirst\nline.\n\nSecond block.\n\nSunday text\n"
    assert (page.title, page.published) == ("A title", "2024-05-12")


def test_a_page_in_a_declared_legacy_charset_needs_no_guessing(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Херсон: 87%</p></body></html>'
    read = read_article(write(tmp_path / "ru.html", html.encode("cp1251")))
    assert (read.article.text, read.warnings) == ("Херсон: 87%\n", ())


def test_a_page_with_no_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><body><nav>Only a menu</nav></body></html>")
    with pytest.raises(InputError, match="no article text in the page"):
        read_article(path)


# Standard input


def test_stdin_is_stored_under_its_checksum_and_reloading_it_changes_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "refq.db"
    first = refq("load", "-", "--db", db, stdin=STORY)
    assert first.exit_code == 0, first.output
    digest = hashlib.sha256(STORY.encode()).hexdigest()
    assert [s["path"] for s in sources(db)] == [f"stdin:{digest[:16]}"]
    before = dump(db)
    again = refq("load", "-", "--db", db, stdin=STORY)
    assert again.stderr.startswith("Loaded 0 files, 1 unchanged, 0 failed")
    assert dump(db) == before


def test_stdin_can_be_a_web_page_or_have_front_matter() -> None:
    page = read_stdin(PAGE.encode())
    assert page.article.meta.outlet == "Example News"
    assert page.article.text.startswith("Officials report vote results\n\n")
    front = read_stdin((FRONT + STORY).encode())
    assert (front.article.text, front.article.meta.title) == (
        STORY,
        "Officials report: vote results",
    )


def test_empty_stdin_is_one_error(tmp_path: Path) -> None:
    result = refq("load", "-", "--db", tmp_path / "refq.db", stdin="")
    assert result.exit_code == 1
    assert errors(result) == ["Error: stdin: file is empty or only whitespace"]


# Folders and patterns


def test_folders_are_searched_recursively_for_text_markdown_and_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "a.txt", STORY)
    write(corpus / "deep" / "er" / "b.md", STORY.replace("87", "86"))
    write(corpus / "c.html", PAGE)
    write(corpus / "notes.pdf", b"%PDF-1.4")
    write(corpus / ".hidden" / "d.txt", STORY)
    db = tmp_path / "refq.db"
    result = refq("load", corpus, "--db", db)
    assert result.exit_code == 0, result.output
    names = sorted(Path(s["path"]).name for s in sources(db))
    assert names == ["a.txt", "b.md", "c.html"]


def test_a_quoted_pattern_is_expanded_by_refq(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "2022" / "a.txt", STORY)
    write(corpus / "2023" / "deeper" / "b.txt", STORY.replace("87", "86"))
    write(corpus / "2023" / "c.html", PAGE)
    db = tmp_path / "refq.db"
    result = refq("load", f"{corpus}/**/*.txt", "--db", db)
    assert result.exit_code == 0, result.output
    assert sorted(Path(s["path"]).name for s in sources(db)) == ["a.txt", "b.txt"]


def test_a_pattern_that_matches_nothing_is_a_failed_input(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    pattern = f"{tmp_path}/nothing/*.txt"
    result = refq("load", tmp_path / "a.txt", pattern, "--db", tmp_path / "refq.db")
    assert result.exit_code == 1
    assert errors(result) == [f"Error: {pattern}: no file matches this pattern"]


# Bad input


def test_each_bad_file_is_one_line_and_the_rest_still_load(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    good = write(corpus / "good.txt", STORY)
    empty = write(corpus / "empty.txt", b"")
    pdf = write(corpus / "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    binary = write(corpus / "data.txt", b"\x01\x02\x03\x04" * 100)
    huge = corpus / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: costs no disk
    missing = tmp_path / "missing.txt"
    db = tmp_path / "refq.db"
    result = refq("load", corpus, missing, "--db", db)
    assert result.exit_code == 1
    assert errors(result) == [
        f"Error: {binary}: looks binary (mostly control characters); expected a text or HTML file",
        f"Error: {empty}: file is empty or only whitespace",
        f"Error: {huge}: 5,242,881 bytes is over the 5 MB limit",
        f"Error: {pdf}: looks binary (a PDF document); expected a text or HTML file",
        f"Error: {missing}: no such file",
    ]
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("Loaded 1 file, 0 unchanged, 5 failed: ")
    assert [s["path"] for s in sources(db)] == [str(good.resolve())]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads any file, so permissions cannot make one unreadable",
)
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", STORY)
    locked.chmod(0)
    result = refq("load", locked, "--db", tmp_path / "refq.db")
    assert errors(result) == [f"Error: {locked}: permission denied"]


def test_a_read_error_from_the_system_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as a permission error, for when the tests run as root: the file's open()
    fails the way it does for an unreadable file."""
    locked = write(tmp_path / "locked.txt", STORY)
    write(tmp_path / "fine.txt", STORY.replace("87", "86"))
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    db = tmp_path / "refq.db"
    result = refq("load", tmp_path, "--db", db)
    assert result.exit_code == 1
    assert errors(result) == [f"Error: {locked}: permission denied"]
    assert [Path(s["path"]).name for s in sources(db)] == ["fine.txt"]


def test_a_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "story.txt"
    folder.mkdir()
    with pytest.raises(InputError, match=r"story\.txt: is a directory, not an article file"):
        read_article(folder)


def test_a_failed_load_loses_nothing_already_stored(tmp_path: Path) -> None:
    db = tmp_path / "refq.db"
    assert refq("load", "--db", db).exit_code == 0
    before = dump(db)
    result = refq("load", write(tmp_path / "empty.txt", ""), "--db", db)
    assert result.exit_code == 1
    assert dump(db) == before


def test_an_extractor_crash_fails_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refq import extract

    real = extract.extract_article

    def fragile(article: Any, knowledge: Any = None) -> Any:
        if "BOOM" in article.text:
            raise ZeroDivisionError("division by zero")
        return real(article, knowledge)

    monkeypatch.setattr(extract, "extract_article", fragile)
    crash = write(tmp_path / "news" / "crash.txt", STORY + "BOOM\n")
    write(tmp_path / "news" / "fine.txt", STORY)
    db = tmp_path / "refq.db"
    result = refq("load", tmp_path / "news", "--db", db)
    assert result.exit_code == 1
    assert errors(result) == [
        f"Error: {crash}: extraction failed (ZeroDivisionError: division by zero)"
    ]
    assert [Path(s["path"]).name for s in sources(db)] == ["fine.txt"]


def test_a_file_name_that_looks_like_sql_is_only_ever_a_value(tmp_path: Path) -> None:
    sneaky = write(tmp_path / "'; DROP TABLE sources; --.txt", STORY)
    db = tmp_path / "refq.db"
    assert refq("load", sneaky, "--db", db).exit_code == 0
    assert [s["path"] for s in sources(db)] == [str(sneaky.resolve())]
    result = refq("sources", "--source", "'; DROP TABLE sources; --", "-f", "json", "--db", db)
    assert len(json.loads(result.stdout)) == 1


# Databases that are not refq's


def test_loading_into_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    db = write(tmp_path / "notes.db", b"these are my notes, not a database\n" * 200)
    result = refq("load", write(tmp_path / "a.txt", STORY), "--db", db)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert line.startswith(f"Error: {db}: ") and "not a SQLite database" in line
    assert db.read_bytes().startswith(b"these are my notes")


def test_loading_into_someone_elses_database_refuses_to_touch_it(tmp_path: Path) -> None:
    db = tmp_path / "invoices.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = dump(db)
    result = refq("load", write(tmp_path / "a.txt", STORY), "--db", db)
    assert result.exit_code == 1
    assert "not a refq one" in errors(result)[0]
    assert dump(db) == before


def test_a_truncated_database_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "refq.db"
    assert refq("load", "--db", db).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    result = refq("quotes", "--db", db)
    assert result.exit_code == 1
    (line,) = errors(result)
    assert "malformed" in line or "not a SQLite database" in line


# The error boundary


def test_an_unexpected_exception_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refq import query

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise LookupError("no such thing")

    monkeypatch.setattr(query, "sources", broken)
    db = tmp_path / "refq.db"
    assert refq("load", "--db", db).exit_code == 0
    result = refq("sources", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: internal error: LookupError: no such thing (set REFQ_DEBUG=1 for the traceback)\n"
    )
    monkeypatch.setenv("REFQ_DEBUG", "1")
    debug = refq("sources", "--db", db)
    assert isinstance(debug.exception, LookupError)


def test_ctrl_c_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refq import query

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "sources", interrupted)
    db = tmp_path / "refq.db"
    assert refq("load", "--db", db).exit_code == 0
    assert refq("sources", "--db", db).exit_code == 130


# The store isolates an article the schema refuses


def test_an_article_the_database_refuses_is_reported_and_its_batch_still_stored(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from conftest import GAZETTEER, dw_result, rferl_result
    from refq.store.load import Writer

    broken = dw_result(path="/news/broken.txt")
    broken = replace(broken, statements=(replace(broken.statements[0], start=-1),))
    db = tmp_path / "refq.db"
    with Writer(db, gazetteer=GAZETTEER, isolate=True) as writer:
        done = writer.write([rferl_result(), broken, dw_result()])
    assert [path for path, _ in done.refused] == ["/news/broken.txt"]
    assert "CHECK constraint failed" in done.refused[0][1]
    assert stored(db, "SELECT path FROM sources ORDER BY id") == [
        ("/news/rferl_annexation.txt",),
        ("/news/dw_sham.txt",),
    ]
    assert stored(
        db, "SELECT count(*) FROM statements WHERE source_id NOT IN (SELECT id FROM sources)"
    ) == [(0,)]
