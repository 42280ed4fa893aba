"""The compiled report as pandoc Markdown: headings, footnotes, pipe tables.

Useful on its own (web publishing, readable diffs) and for the benchmark, which feeds pandoc
exactly the content qtreport compiles. Text is escaped so that pandoc reads it back as the
same text: "(1)" and "- " at the start of a paragraph stay text, not lists.
"""

from __future__ import annotations

import re

from .appendix import RenderedTable, flat_headers
from .text import Inline, NoteRef, RenderedDocument, RenderedHeading

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|^~$@])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _start_of_block(text: str) -> str:
    """Keep paragraph openings that look like list markers or headings as text."""
    text = re.sub(r"^(\s*)([-+])(\s)", r"\1\\\2\3", text)
    return re.sub(r"^(\s*)(\(?\d+[.)])", lambda m: m.group(1) + m.group(2).replace(
        "(", "\\(").replace(")", "\\)").replace(".", "\\."), text)


def inlines(items: list[Inline]) -> str:
    out = []
    for item in items:
        if isinstance(item, NoteRef):
            out.append(f"[^{item.number}]")
            continue
        text = escape(item.text)
        if item.superscript:
            text = "^" + text.replace(" ", "\\ ") + "^"
        if item.italic:
            text = f"*{text}*"
        if item.bold:
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_markdown(rendered: RenderedDocument) -> str:
    meta = rendered.meta
    parts = ["---", f"title: {_yaml_string(meta.title)}"]
    if meta.subtitle:
        parts.append(f"subtitle: {_yaml_string(meta.subtitle)}")
    parts += [f"author: {_yaml_string(meta.issuer)}", "lang: vi-VN", "---", ""]
    for style, text, _ in rendered.front:
        if style == "Marker":
            parts += [f"*{escape(text)}*", ""]
    for block in rendered.blocks:
        if isinstance(block, RenderedHeading):
            title = " ".join(block.title.split("\n"))
            parts += ["#" * (block.depth + 1) + f" {escape(block.label)} {escape(title)}", ""]
        else:
            label = f"{block.label} " if block.label else ""
            parts += [_start_of_block(escape(label) + inlines(block.inlines)), ""]
    for table in rendered.tables:
        parts += _table(table)
    for note in rendered.notes:
        body = [inlines(p) for p in note.paragraphs] or [""]
        parts.append(f"[^{note.number}]: {_start_of_block(body[0])}")
        parts += [f"\n    {_start_of_block(p)}" for p in body[1:]]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _table(table: RenderedTable) -> list[str]:
    lines = [f"# {escape(table.heading)}", ""]
    if table.subheading:
        lines += [f"*{escape(table.subheading)}*", ""]
    headers = flat_headers(table)
    lines.append("| " + " | ".join(escape(h) for h in headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    for row in table.rows:
        cells: list[str] = []
        for cell in row:
            text = escape(cell.text)
            if cell.bold and text:
                text = f"**{text}**"
            elif cell.italic and text:
                text = f"*{text}*"
            cells.append(text)
            cells.extend([""] * (cell.span - 1))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]
