"""The words of a paragraph as a reader compares two drafts of it: a figure is one token
("6.150" → "6.200" is one figure replaced, not "6.[150→200]"), a word is one token, and a
note's mark is one token that stands for the whole note."""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from typing import NamedTuple

from .. import ast

# A figure with its thousands and its decimals, a sign, a percent, a ratio or a date
# ("6.150", "17,08%", "-1.234,5", "13/18", "15/12/2025"); a label "(1)"; else a word, a
# run of spaces, or one sign. Every character is in one token: the tokens join back into
# the text (tests/test_diff_trees.py holds them to it).
_TOKEN = re.compile(r"""
    \s+
  | (?<!\w)[-\u2212]?\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*%?
  | \(\d+\)
  | \w+
  | [^\w\s]""", re.X)
_FIGURE = re.compile(r"[-\u2212]?\d")

Style = tuple[bool, bool, bool]  # bold, italic, superscript
PLAIN: Style = (False, False, False)


class Token(NamedTuple):
    key: tuple[object, ...]  # what is compared: the word and its formatting, or a note
    text: str
    style: Style
    note: ast.Note | None = None


def split(text: str) -> list[str]:
    """The text's tokens, in order; joined they give the text back."""
    return _TOKEN.findall(text)


def is_figure(text: str) -> bool:
    return _FIGURE.match(text) is not None


def tokens(content: ast.Inlines, notes: Sequence[ast.Note]) -> list[Token]:
    """The inlines' tokens; a note's mark is the note (`notes`: the draft's, by number)."""
    out = []
    for run in ast.runs(content):
        if isinstance(run, ast.MarkedNoteRef):
            run = run.ref
        if isinstance(run, ast.NoteRef):
            note = notes[run.number - 1]
            out.append(Token(("note", note.anchor), "", PLAIN, note))
            continue
        style = (run.bold, run.italic, run.superscript)
        out.extend(Token((word, style), word, style) for word in split(run.text))
    return out


Opcode = tuple[str, int, int, int, int]  # difflib's: equal, replace, delete or insert


def opcodes(before: Sequence[Hashable], after: Sequence[Hashable]) -> list[Opcode]:
    """How `after` is `before` changed, as difflib's opcodes. The words both share at the
    start and the end are equal without being searched (most edits touch a few words of a
    long paragraph), and a run of spaces never starts a match (as difflib's own character
    junk): a space is everywhere, and matching on it costs time and gives nonsense."""
    most = min(len(before), len(after))
    start = 0
    while start < most and before[start] == after[start]:
        start += 1
    end = 0
    while end < most - start and before[-1 - end] == after[-1 - end]:
        end += 1
    out: list[Opcode] = [("equal", 0, start, 0, start)] if start else []
    middle = difflib.SequenceMatcher(_space, before[start:len(before) - end],
                                     after[start:len(after) - end], autojunk=False)
    out += [(op, i1 + start, i2 + start, j1 + start, j2 + start)
            for op, i1, i2, j1, j2 in middle.get_opcodes()]
    if end:
        out.append(("equal", len(before) - end, len(before), len(after) - end, len(after)))
    return out


def _space(key: Hashable) -> bool:
    word = key[0] if isinstance(key, tuple) else key
    return isinstance(word, str) and word.isspace()
