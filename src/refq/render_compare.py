"""Rendering a cross-check: a Rich report grouped by verdict (conflicts first), or the JSON
document whose field names are a contract:

    {"sources": [...], "findings": [{"kind", "verdict", "subject", "sources", "detail",
     "evidence": [{"source", "text", "start", "end"}]}]}

Rich is imported only on the table path.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from refq.render import OutputFormat

if TYPE_CHECKING:
    from refq.compare import Comparison, SourceRecords
    from refq.models import DatedPhrase

_HEADINGS = {
    "conflict": ("Conflicts", "bold red"),
    "agree": ("Agreements", "bold green"),
    "only_in": ("Reported by one source only", "bold yellow"),
}


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    return {
        "sources": [asdict(s) for s in comparison.sources],
        "findings": [
            {
                "kind": f.kind,
                "verdict": f.verdict,
                "subject": f.subject,
                "sources": list(f.sources),
                "detail": f.detail,
                "evidence": [
                    {
                        "source": e.source,
                        "says": e.says,
                        "text": e.text,
                        "start": e.start,
                        "end": e.end,
                    }
                    for e in f.evidence
                ],
                "independent": f.independent,
            }
            for f in comparison.findings
        ],
    }


def render_comparison(
    comparison: Comparison, fmt: OutputFormat, stream: TextIO | None = None
) -> None:
    out = stream or sys.stdout
    if fmt is OutputFormat.json:
        json.dump(comparison_document(comparison), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt is OutputFormat.csv:
        import csv

        writer = csv.writer(out)
        writer.writerow(["verdict", "kind", "subject", "sources", "independent", "detail"])
        for f in comparison.findings:
            writer.writerow(
                [f.verdict, f.kind, f.subject, " ".join(f.sources), f.independent, f.detail]
            )
        return
    _render_report(comparison, out)


def _render_report(comparison: Comparison, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out)
    labels = {s.id: f"{s.outlet or 'source'} #{s.id}" for s in comparison.sources}
    sources = Table(title="Sources compared", title_justify="left")
    for column in ("Source", "Published", "Dateline", "Wires", "Cites"):
        sources.add_column(column)
    for s in comparison.sources:
        sources.add_row(
            labels[s.id],
            s.published or "",
            s.dateline or "",
            ", ".join(s.wires),
            ", ".join(s.cites),
        )
    console.print(sources)
    for verdict, (heading, style) in _HEADINGS.items():
        findings = [f for f in comparison.findings if f.verdict == verdict]
        if not findings:
            continue
        table = Table(
            title=f"{heading} ({len(findings)})",
            title_justify="left",
            title_style=style,
            show_lines=True,
        )
        table.add_column("Kind", no_wrap=True)
        table.add_column("Subject", ratio=1)
        table.add_column("What each source says", ratio=3)
        for f in findings:
            said = [f.detail]
            if f.independent is False:
                said.append("[dim](not independent: shared upstream)[/dim]")
            for e in f.evidence[:4]:
                said.append(
                    f"[bold]{labels.get(e.source, e.source)}[/bold]: {_escape(e.says)}"
                    f" [dim]« {_escape(e.text)} » @{e.start}-{e.end}[/dim]"
                )
            if len(f.evidence) > 4:
                said.append(f"[dim]... and {len(f.evidence) - 4} more[/dim]")
            table.add_row(f.kind, _escape(f.subject), "\n".join(said))
        console.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def render_timeline(
    events: Sequence[tuple[SourceRecords, DatedPhrase]],
    fmt: OutputFormat,
    stream: TextIO | None = None,
) -> None:
    out = stream or sys.stdout
    rows = [
        {
            "date": p.date,
            "precision": p.precision,
            "phrase": p.phrase,
            "relative": p.relative,
            "source": s.id,
            "outlet": s.outlet,
            "evidence": p.evidence.text,
            "start": p.start,
            "end": p.end,
        }
        for s, p in events
    ]
    if fmt is OutputFormat.json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt is OutputFormat.csv:
        import csv

        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["date"])
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Timeline ({len(rows)} dated phrases)", title_justify="left")
    for column in ("Date", "Precision", "Phrase", "Source", "Evidence"):
        table.add_column(column, ratio=3 if column == "Evidence" else None)
    for row in rows:
        table.add_row(
            str(row["date"]),
            str(row["precision"]),
            _escape(str(row["phrase"])) + (" [dim](resolved)[/dim]" if row["relative"] else ""),
            f"{row['outlet'] or 'source'} #{row['source']}",
            _escape(str(row["evidence"])),
        )
    Console(file=out).print(table)
