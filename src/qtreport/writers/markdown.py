"""The document tree as pandoc Markdown: headings, footnotes, pipe tables.

Useful on its own (web publishing, readable diffs) and for the benchmark, which feeds pandoc
exactly the content qtreport compiles. Text is escaped so that pandoc reads it back as the
same text: "(1)" and "- " at the start of a paragraph stay text, not lists.
"""

from __future__ import annotations

import re

from .. import ast

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|^~$@])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _start_of_block(text: str) -> str:
    """Keep paragraph openings that look like list markers or headings as text."""
    text = re.sub(r"^(\s*)([-+])(\s)", r"\1\\\2\3", text)
    return re.sub(r"^(\s*)(\(?\d+[.)])", lambda m: m.group(1) + m.group(2).replace(
        "(", "\\(").replace(")", "\\)").replace(".", "\\."), text)


def inlines(content: ast.Inlines) -> str:
    out = []
    for run in ast.runs(content):  # of a revision, what it leaves: the words it takes out go
        if isinstance(run, ast.MarkedNoteRef):
            if run.change not in ast.GONE:
                out.append(f"[^{run.ref.number}]")
            continue
        if isinstance(run, ast.NoteRef):
            out.append(f"[^{run.number}]")
            continue
        if run.change in ast.GONE:
            continue
        text = escape(run.text)
        if run.superscript:
            text = "^" + text.replace(" ", "\\ ") + "^"
        if run.italic:
            text = f"*{text}*"
        if run.bold:
            text = f"**{text}**"
        out.append(text)
    return "".join(out)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_markdown(document: ast.Document) -> str:
    meta = document.meta
    parts = ["---", f"title: {_yaml_string(meta.title)}"]
    if meta.subtitle:
        parts.append(f"subtitle: {_yaml_string(meta.subtitle)}")
    parts += [f"author: {_yaml_string(meta.issuer)}",
              f"lang: {document.presentation.language}", "---", ""]
    in_metadata = {meta.title, meta.subtitle, meta.issuer}
    for line in document.front:  # the title block is pandoc's metadata; the rest stays
        text = ast.plain(line.content)
        if line.style == "Marker":
            parts += [f"*{escape(text)}*", ""]
        elif text not in in_metadata:  # the congress, a place and date …
            parts += [f"**{escape(text)}**", ""]
    for block in document.body:
        parts += _block(block)
    for note in document.notes:
        body = [inlines(p.content) for p in note.paragraphs] or [""]
        parts.append(f"[^{note.number}]: {_start_of_block(body[0])}")
        parts += [f"\n    {_start_of_block(p)}" for p in body[1:]]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _block(block: ast.Block) -> list[str]:
    if getattr(block, "change", None) in ast.GONE:
        return []  # of a revision, what it leaves
    if isinstance(block, ast.Heading):
        title = " ".join(ast.plain(block.title).split("\n"))
        return ["#" * (block.depth + 1) + f" {escape(block.label)} {escape(title)}", ""]
    if isinstance(block, ast.Paragraph):
        return [_start_of_block(inlines(block.content)), ""]
    if isinstance(block, ast.ListItem):
        first, *rest = block.paragraphs
        lines = [_start_of_block(escape(f"{block.label} ") + inlines(first.content)), ""]
        for paragraph in rest:
            lines += [_start_of_block(inlines(paragraph.content)), ""]
        return lines
    if isinstance(block, ast.Table):
        return _table(block)
    return []  # a section break: Markdown has no pages


def _table(table: ast.Table) -> list[str]:
    lines = [f"# {escape(table.heading)}", ""] if table.heading else []
    if table.subheading:
        lines += [f"*{escape(table.subheading)}*", ""]
    headers = ast.column_headers(table)
    lines.append("| " + " | ".join(escape(h) for h in headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = escape(cell.text)
            if cell.bold and text:
                text = f"**{text}**"
            elif cell.italic and text:
                text = f"*{text}*"
            cells.append(text)
            cells.extend([""] * (cell.colspan - 1))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]
