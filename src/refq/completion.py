"""Shell completion of option values: region names, speakers, and sources.

Typer calls these while the user presses Tab, so they must be quick and must never fail: they
read the database with stdlib ``sqlite3``, read-only (a completion never creates, migrates or
writes to a database), and any problem means no suggestions rather than an error. Typer drops
suggestions that do not start with exactly what was typed, so a name is matched ignoring case
and offered in the case typed so far ("ode" offers "odesa", "Ode" offers "Odesa"): the query
options ignore case anyway. Each suggestion comes with a short help text.

No ``from __future__ import annotations`` here: Typer reads these functions' signatures each
time the command line is built, and real annotations cost it nothing to evaluate.
"""

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

MAX_SUGGESTIONS = 100

Suggestion = tuple[str, str]  # (value, help), as Typer takes them


def complete_region(ctx: typer.Context, incomplete: str) -> list[Suggestion]:
    """Regions the articles mention first (most mentioned first), then the rest of the
    gazetteer; each offered by its short name, full name, code or alias, whichever was typed."""
    rows = _query(
        ctx,
        """
        SELECT g.code, g.name, g.short,
               (SELECT group_concat(alias, char(31)) FROM region_aliases AS a
                WHERE a.code = g.code) AS aliases,
               (SELECT count(*) FROM region_mentions AS m WHERE m.code = g.code) AS mentions
        FROM regions AS g ORDER BY mentions DESC, g.name
        """,
    )
    suggestions = []
    for code, name, short, aliases, mentions in rows:
        if not incomplete and not mentions:
            continue  # a bare Tab offers what the articles talk about, not the whole world
        forms = [short, name, code, *(aliases.split("\x1f") if aliases else ())]
        help_text = f"{name} ({code})" + (f", {_count(mentions, 'mention')}" if mentions else "")
        suggestions.extend(_offer(forms, incomplete, help_text))
    return _unique(suggestions)


def complete_speaker(ctx: typer.Context, incomplete: str) -> list[Suggestion]:
    """Officials and other speakers, by full name, alias or (for people) surname; the most
    quoted first."""
    rows = _query(
        ctx,
        """
        SELECT o.name, o.kind,
               (SELECT group_concat(alias, char(31)) FROM official_aliases AS a
                WHERE a.official_id = o.id) AS aliases,
               (SELECT count(*) FROM statements AS st WHERE st.speaker_official_id = o.id) AS n
        FROM officials AS o
        UNION ALL
        SELECT speaker, NULL, NULL, count(*) FROM statements
        WHERE speaker IS NOT NULL AND speaker_official_id IS NULL GROUP BY speaker
        ORDER BY 4 DESC, 1
        """,
    )
    suggestions = []
    for name, kind, aliases, said in rows:
        forms = [name, *(aliases.split("\x1f") if aliases else ())]
        if kind == "person" and " " in name:
            forms.append(name.split()[-1])
        help_text = f"{name}, {_count(said, 'statement')}" if said else name
        suggestions.extend(_offer(forms, incomplete, help_text))
    return _unique(suggestions)


def complete_source(ctx: typer.Context, incomplete: str) -> list[Suggestion]:
    """Source ids (all of them on a bare Tab, or those starting with the digits typed), outlets,
    and file names."""
    rows = _query(ctx, "SELECT id, outlet, title, path FROM sources ORDER BY id")
    ids = [
        (str(source_id), _describe_source(outlet, title, path))
        for source_id, outlet, title, path in rows
        if str(source_id).startswith(incomplete)
    ]
    if incomplete.isdigit():
        return ids[:MAX_SUGGESTIONS]
    suggestions = [] if incomplete else ids
    outlets = Counter(outlet for _, outlet, _, _ in rows if outlet)
    for outlet, count in outlets.items():
        suggestions.extend(_offer([outlet], incomplete, _count(count, "source")))
    if incomplete:
        for source_id, _, _, path in rows:
            name = Path(path).name
            suggestions.extend(_offer([name], incomplete, f"source {source_id}", any_case=False))
    return _unique(suggestions)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _describe_source(outlet: str | None, title: str | None, path: str) -> str:
    name = outlet or Path(path).name
    if title:
        short = title if len(title) <= 60 else f"{title[:59]}…"
        return f"{name}: {short}"
    return name


def _offer(
    forms: Iterable[str], incomplete: str, help_text: str, *, any_case: bool = True
) -> list[Suggestion]:
    """The first of ``forms`` that starts with what was typed, exactly or else (``any_case``)
    ignoring case, then completed from what was typed."""
    candidates = [form for form in forms if form]
    for form in candidates:
        if form.startswith(incomplete):
            return [(form, help_text)]
    if not any_case:
        return []
    typed = incomplete.lower()
    for form in candidates:
        if form[: len(incomplete)].lower() == typed:
            return [(incomplete + form[len(incomplete) :], help_text)]
    return []


def _unique(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    seen: dict[str, str] = {}
    for value, help_text in suggestions:
        seen.setdefault(value, help_text)
    return list(seen.items())[:MAX_SUGGESTIONS]


def _query(ctx: typer.Context, sql: str) -> list[Any]:
    """Rows of ``sql`` from the database the command line names, or none if there is no
    usable refq database there."""
    import sqlite3

    from refq.store.db import database_exists, default_db_path

    given = ctx.params.get("db")
    path = Path(given) if given else default_db_path()
    if not database_exists(path):
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return []
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
