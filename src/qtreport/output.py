"""Findings for people (rich, grouped by file), for machines (JSON) and for GitHub Actions."""

from __future__ import annotations

import json
from itertools import groupby

from .diagnostics import Finding, Findings, Severity

JSON_SCHEMA_VERSION = 1


def as_json(findings: Findings) -> str:
    items = findings.sorted()
    return json.dumps({
        "version": JSON_SCHEMA_VERSION,
        "errors": sum(f.severity is Severity.ERROR for f in items),
        "warnings": sum(f.severity is Severity.WARNING for f in items),
        "findings": [f.as_dict() for f in items],
    }, ensure_ascii=False, indent=2)


def _escape_github(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def as_github(findings: Findings) -> str:
    lines = []
    for f in findings.sorted():
        level = "error" if f.severity is Severity.ERROR else "warning"
        text = f"{f.code} {f.message} — {f.message_en}" + (f" ({f.hint})" if f.hint else "")
        lines.append(f"::{level} file={f.file},line={f.line},title={f.code}::"
                     f"{_escape_github(text)}")
    return "\n".join(lines)


def print_human(findings: Findings, console) -> None:
    from rich.markup import escape

    items = findings.sorted()
    for file, group in groupby(items, key=lambda f: f.file):
        console.print(f"[bold]{escape(file)}[/bold]")
        for f in group:
            console.print(_human_line(f, escape))
    errors, warnings = len(findings.errors), len(findings.warnings)
    if errors or warnings:
        console.print(f"[bold]{errors} lỗi (errors), {warnings} cảnh báo (warnings)[/bold]")


def _human_line(f: Finding, escape) -> str:
    colour = "red" if f.severity is Severity.ERROR else "yellow"
    line = (f"  [{colour}]{f.location}[/{colour}] [{colour}]{f.code}[/{colour}] "
            f"{escape(f.message)}")
    if f.message_en:
        line += f"\n      [dim]{escape(f.message_en)}[/dim]"
    if f.hint:
        line += f"\n      [green]→ {escape(f.hint)}[/green]"
    return line
