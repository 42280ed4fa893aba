"""Findings for people (grouped by file, coloured in a terminal), for machines (JSON) and
for GitHub Actions; and the Printer every message to people goes through."""

from __future__ import annotations

import json
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from .diagnostics import Finding, Findings, Severity

if TYPE_CHECKING:
    from rich.console import Console

Piece = str | tuple[str, str]  # plain text, or (text, rich style): "red", "bold", "dim" …
WIDE = 250  # the width of what goes to a pipe or a file: a table is never cut there


class Printer:
    """Lines for people. In a terminal, rich colours them and shows a spinner while the
    report compiles; anywhere else (CI logs, pipes, files) the same words are written
    plainly, without loading rich: that load is a tenth of a whole check."""

    def __init__(self, stderr: bool = False):
        self.stderr = stderr
        self.stream: TextIO = sys.stderr if stderr else sys.stdout
        self.coloured = _is_terminal(self.stream)
        self._console: Console | None = None

    def line(self, *pieces: Piece) -> None:
        texts = [shown(p) if isinstance(p, str) else (shown(p[0]), p[1]) for p in pieces]
        if not self.coloured:
            print("".join(p if isinstance(p, str) else p[0] for p in texts), file=self.stream)
            return
        from rich.text import Text

        self.rich().print(Text.assemble(*texts))

    def flush(self) -> None:
        """Out now, not when the buffer fills: a log piped from `watch` is read live."""
        self.stream.flush()

    def status(self, message: str) -> AbstractContextManager[Any]:
        """A spinner in a terminal; nothing elsewhere."""
        return self.rich().status(message) if self.coloured else nullcontext()

    def rich(self, wide: bool = False) -> Console:
        """The rich console, for what only rich can draw (tables); `wide` where the output
        goes to a file or a pipe, which has no width of its own: nothing is cut to 80
        columns there."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self.stderr, highlight=False, soft_wrap=True,
                                    width=WIDE if wide else None)
        return self._console


def shown(text: str) -> str:
    """Text as a terminal may be given it: a control character (an escape sequence in a
    file name, a reviewer's words) shown as \\x1b, never obeyed; line breaks kept."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" or c == " " else
                   f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text)


def _shown_name(name: str) -> str:
    """A file name on one line: its line breaks shown as \\x0a like any control."""
    return shown(name).replace("\n", "\\x0a")


def _is_terminal(stream: TextIO) -> bool:
    """As rich decides: a terminal, or colour forced (FORCE_COLOR, as some CI set)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False

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
    """A workflow command's message: %, CR and LF escaped, as GitHub reads them back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property (file=…): ':' and ',' escaped too, so a file name
    cannot end the property or start another."""
    return _escape_github(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Findings) -> str:
    lines = []
    for f in findings.sorted():
        level = "error" if f.severity is Severity.ERROR else "warning"
        text = f"{f.code} {f.message} — {f.message_en}" + (f" ({f.hint})" if f.hint else "")
        column = f",col={f.column}" if f.column else ""
        lines.append(f"::{level} file={_escape_property(_shown_name(f.file))},line={f.line}"
                     f"{column},title={f.code}::{_escape_github(shown(text))}")
    return "\n".join(lines)


def print_human(findings: Findings, out: Printer, totals: bool = True) -> None:
    items = findings.sorted()
    for file, group in groupby(items, key=lambda f: f.file):
        out.line((_shown_name(file), "bold"))
        for f in group:
            out.line(*_human_line(f))
    errors, warnings = len(findings.errors), len(findings.warnings)
    if totals and (errors or warnings):
        out.line((f"{errors} lỗi (errors), {warnings} cảnh báo (warnings)", "bold"))


def print_short(findings: Findings, out: Printer) -> None:
    """What a build says of its findings: the errors in full, the warnings counted in one
    line (`qtreport check` tells them; `--verbose` prints them)."""
    errors = Findings()
    errors.items = findings.errors
    for file, group in groupby(errors.sorted(), key=lambda f: f.file):
        out.line((_shown_name(file), "bold"))
        for f in group:
            out.line(*_human_line(f))
    counts: list[Piece] = []
    if findings.errors:
        counts.append((f"{len(findings.errors)} lỗi (errors)", "bold red"))
    if findings.warnings:
        counts.append((f"{len(findings.warnings)} cảnh báo (warnings)", "yellow"))
    if findings.warnings:
        out.line(*_joined(counts), " — qtreport check để xem chi tiết (qtreport check shows "
                 "them; --verbose prints them)")
    elif counts:
        out.line(*counts)


def _joined(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if out:
            out.append(", ")
        out.append(piece)
    return out


def print_written(out: Printer, shown: str, took: str = "") -> None:
    """The line that says a document was written (`build`, and each build of `watch`)."""
    out.line(("Đã ghi", "green"), f" (written) {shown}{took}")


def print_not_written(out: Printer) -> None:
    out.line(("Không ghi tài liệu", "red"), " (no document written: fix the errors above; "
             "the previous build is left as it was)")


def _human_line(f: Finding) -> list[Piece]:
    colour = "red" if f.severity is Severity.ERROR else "yellow"
    pieces: list[Piece] = ["  ", (_shown_name(f.location), colour), " ", (f.code, colour), " ",
                           f.message]
    if f.message_en:
        pieces += ["\n      ", (f.message_en, "dim")]
    if f.hint:
        pieces += ["\n      ", (f"→ {f.hint}", "green")]
    return pieces


def print_summary(out: Printer, summary: Any, old: str, new: str) -> None:
    """What a comparison of two drafts found (diff.summary.Summary), for people: the tallies
    first, the line a committee looks for."""
    out.line(("So sánh", "bold"), f" (compared) {old} → {new}")
    for tally in summary.tallies:
        out.line("  ", (tally.text(), "bold"))
    for name, counts in (("Đoạn văn (paragraphs)", summary.paragraphs),
                         ("Chú thích (notes)", summary.notes)):
        out.line(f"  {name}: {counts.added} thêm, {counts.removed} bỏ, {counts.edited} sửa, "
                 f"{counts.moved} chuyển chỗ (added, removed, edited, moved)")
    if summary.moves:
        out.line(f"  Chuyển chỗ (moved): {summary.moves} đoạn liền (passages)")
    if summary.sections:
        out.line(f"  Mục có thay đổi (sections changed): {len(summary.sections)}")
        for section in summary.sections:
            out.line(("    · ", "dim"), section)
    if summary.figures:
        out.line("  Số liệu thay đổi (figures changed):")
        for figure in summary.figures:
            out.line(("    · ", "dim"), f"{figure.table} · {figure.row} · {figure.column}: ",
                     (figure.old or "—", "red"), " → ", (figure.new or "—", "green"))
    if summary.quotes:
        out.line("  Câu có số liệu thay đổi (sentences whose figures changed):")
        for quote in summary.quotes:
            pieces: list[Any] = [("    · ", "dim"), (f"{quote.place}: " if quote.place
                                                      else "", "dim")]
            for piece in quote.pieces:
                if isinstance(piece, str):
                    pieces.append(piece)
                else:
                    pieces += [(piece[0] or "∅", "red"), " → ", (piece[1] or "∅", "green")]
            out.line(*pieces)


def print_applied(out: Printer, plan: Any, written: list[str], dry_run: bool) -> None:
    """What `feedback apply` wrote (a unified diff), and what it would not write and why."""
    diff = plan.diff()
    if diff:
        for line in diff.rstrip("\n").split("\n"):
            colour = "green" if line.startswith("+") and not line.startswith("+++") else \
                "red" if line.startswith("-") and not line.startswith("---") else "dim" \
                if line.startswith("@@") else ""
            out.line((line, colour) if colour else line)
    for refusal in plan.refused:
        out.line(("Không ghi", "yellow"), f" (not written) {refusal.change.label}")
        out.line(("      → ", "green"), refusal.reason)
    count = len(plan.written)
    if dry_run:
        out.line(("Chạy thử", "bold"), f" (dry run): {count} thay đổi sẽ được ghi; nothing written")
    elif written:
        out.line(("Đã ghi", "green"), f" (written) {count} thay đổi: {', '.join(written)}")
    else:
        out.line("Không có thay đổi nào để ghi (nothing to write)")
