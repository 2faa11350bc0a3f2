"""Command-line options shared by every command that takes them, declared once. Typer and the
standard library only: every command imports this module, so it must stay cheap."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from refq.completion import complete_source, complete_speaker
from refq.render import OutputFormat

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="REFQ_DB",
        dir_okay=False,
        show_default=False,
        help="Database file. Default: refq/refq.db in your user data folder.",
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        "-s",
        autocompletion=complete_source,
        help="Only this source: its id, outlet, or part of its path.",
    ),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        autocompletion=complete_speaker,
        help="Speaker's name, any alias, or surname; any case or accents.",
    ),
]
ContainsOption = Annotated[
    str | None,
    typer.Option("--contains", help="Only statements whose text contains this phrase."),
]
