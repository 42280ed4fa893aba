"""Inline markup -> the AST's inlines: `**bold**`, `*italic*`, `^superscript^` (m^2^),
escapes (`\\*`, `\\^`, `\\[`, `\\\\`: markup.py), footnote marks -> NoteRef, line breaks
and tabs.

Each mark toggles its formatting, as a typist would expect of `**` and `*`; the stretches
of text are then nested Strong > Emph > Superscript. A mark left open is a warning (QT310)
and the text after it keeps the formatting.
"""

from __future__ import annotations

import re

from .. import ast, rules
from ..compute.notes import NOTE_CLOSE, NOTE_MARK, NOTE_OPEN
from ..diagnostics import Findings, SourceRef
from ..markup import unescape
from .sandbox import BOUND_CLOSE, BOUND_OPEN

_TOKEN = re.compile(r"(\\[\\*^\[]|\*\*|\*|\^|" + NOTE_OPEN + r"\d+" + NOTE_CLOSE + "|"
                    + BOUND_OPEN + "|" + BOUND_CLOSE + ")")
_BREAK_OR_TAB = re.compile(r"([\n\t])")

# (bold, italic, superscript) and what is written in that formatting
_Stretch = tuple[tuple[bool, bool, bool], ast.Inline]
_PLAIN = (False, False, False)


def parse_inlines(text: str, src: SourceRef, findings: Findings) -> ast.Inlines:
    """The inlines of a filled-in paragraph. Inline notes `^[…]` were taken out by compute
    already: what is left of `^` is superscript."""
    return parse_paragraph(text, src, findings)[0]


def parse_paragraph(text: str, src: SourceRef, findings: Findings
                    ) -> tuple[ast.Inlines, tuple[tuple[int, int], ...]]:
    """The inlines of a filled-in paragraph, and where in its printed text (ast.plain)
    a {{ … }} printed (the spans between BOUND_OPEN and BOUND_CLOSE, which go)."""
    stretches: list[_Stretch] = []
    bold = italic = sup = False
    bound: list[tuple[int, int]] = []
    offset, opened = 0, -1  # in the printed text; where the open {{ … }} began
    pieces = _TOKEN.split(text)
    unclosed = ""  # the words after the last mark that opened (for the finding's place)
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if piece in ("**", "*", "^"):
            following = next((p for p in pieces[index + 1:] if p), "")
            unclosed = piece + (following.split()[0] if following.split() else "")
        if piece == BOUND_OPEN:
            opened = offset
        elif piece == BOUND_CLOSE:
            if opened >= 0 and offset > opened:
                bound.append((opened, offset))
            opened = -1
        elif piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece == "^":
            sup = not sup
        elif (mark := NOTE_MARK.fullmatch(piece)) is not None:
            stretches.append(((bold, italic, sup), ast.NoteRef(int(mark.group(1)))))
        else:
            literal = unescape(piece)
            offset += len(literal)
            stretches.extend(((bold, italic, sup), inline) for inline in plain_inlines(literal))
    if bold or italic or sup:
        findings.report(rules.UNCLOSED_MARKUP, src, "dấu định dạng chưa đóng",
                        "a **bold**, *italic* or ^superscript^ mark is opened and never closed",
                        words=unclosed if BOUND_OPEN not in unclosed else "")
    if all(flags == _PLAIN for flags, _ in stretches):  # most paragraphs: nothing to nest
        return _joined([inline for _, inline in stretches]), tuple(bound)
    return _nest(stretches, 0), tuple(bound)


def plain_inlines(text: str) -> ast.Inlines:
    """Text without markup (a heading's title, the first page's lines): its line breaks
    and tabs become the AST's own."""
    if "\n" not in text and "\t" not in text:
        return (ast.Text(text),) if text else ()
    out: list[ast.Inline] = []
    for piece in _BREAK_OR_TAB.split(text):
        if piece == "\n":
            out.append(ast.LineBreak())
        elif piece == "\t":
            out.append(ast.Tab())
        elif piece:
            out.append(ast.Text(piece))
    return tuple(out)


_WRAPPERS: tuple[type[ast.Strong] | type[ast.Emph] | type[ast.Superscript], ...] = (
    ast.Strong, ast.Emph, ast.Superscript)


def _nest(stretches: list[_Stretch], level: int) -> ast.Inlines:
    """Runs of neighbours that share formatting `level` (0 bold, 1 italic, 2 superscript)
    go inside one wrapper; within it, the next level nests the same way."""
    if level == len(_WRAPPERS):
        return _joined([inline for _, inline in stretches])
    out: list[ast.Inline] = []
    start = 0
    for end in range(1, len(stretches) + 1):
        if end < len(stretches) and stretches[end][0][level] == stretches[start][0][level]:
            continue
        group = stretches[start:end]
        inner = _nest(group, level + 1)
        out.extend([_WRAPPERS[level](inner)] if group[0][0][level] else inner)
        start = end
    return tuple(out)


def _joined(inlines: list[ast.Inline]) -> ast.Inlines:
    """Neighbouring texts as one."""
    out: list[ast.Inline] = []
    for inline in inlines:
        if isinstance(inline, ast.Text) and out and isinstance(out[-1], ast.Text):
            out[-1] = ast.Text(out[-1].text + inline.text)
        else:
            out.append(inline)
    return tuple(out)
