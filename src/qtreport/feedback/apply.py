"""Reviewers' tracked changes written back into the YAML they were built from.

A change is found again in the report as it is now (its anchor, then the words just before
it), and the printed words are matched to the YAML text that printed them. What the editor
wrote word for word (a paragraph, an item, a heading's title, a note) is changed there,
only those words, the file's layout kept (writers/yaml_text.py edits the text). What the
report computes (a figure from {{ … }}, a heading's or an item's number, a note's number,
an appendix cell) is not written: the change is listed with where to make it instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .. import ast
from ..compute.anchors import ROW, digest
from ..markup import ESCAPE, escape
from ..numformat import format_number
from ..record import Record
from ..writers.yaml_text import Refused, YamlText
from .mapping import Index


class Change(Record, kw_only=True):
    """A tracked change to write: where (an anchor, the words before it), what."""

    anchor: str | None
    before: str
    old: str
    new: str
    label: str  # how to name it in messages: who, and the words
    entry: int | None = None  # its index in the register, when it comes from there


class Refusal(Record):
    change: Change
    reason: str  # why it is not written, and where to make it instead


@dataclass(kw_only=True)
class Plan:
    texts: dict[str, str] = field(default_factory=dict)  # file name -> new text
    originals: dict[str, str] = field(default_factory=dict)
    written: list[Change] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def diff(self) -> str:
        """What would be written, as a unified diff."""
        out: list[str] = []
        for name, text in self.texts.items():
            out += difflib.unified_diff(self.originals[name].splitlines(keepends=True),
                                        text.splitlines(keepends=True), f"a/{name}", f"b/{name}")
        return "".join(out)


def plan_changes(document: ast.Document, read: Any, changes: list[Change]) -> Plan:
    """The edits of the YAML files; `read(name)` gives a file's text."""
    index = Index(document)
    plan = Plan()
    for change in changes:
        reason = _apply(change, index, read, plan)
        if reason is None:
            plan.written.append(change)
        else:
            plan.refused.append(Refusal(change, reason))
    return plan


def _apply(change: Change, index: Index, read: Any, plan: Plan) -> str | None:
    place = index.by_anchor.get(change.anchor or "")
    if place is None:
        return "its passage is no longer in the report: make the change by hand if it still applies"
    node = place.node
    if isinstance(node, ast.Row):
        return _cell_source(change, node, index.document)
    if isinstance(node, ast.Table):
        return "an appendix's title is the layout's: change it in templates/appendices/"
    if isinstance(node, ast.Note):  # known by its mark (a word processor dropped its own)
        found = _note_paragraph(node, change)
        if found is None:
            return "the change spans more than one paragraph of a note: make it in the " \
                   "note's text by hand"
        node = found
    item = node if isinstance(node, ast.ListItem) else index.item_of.get(node.anchor)
    if item is not None and item.worded_from:
        return f"the item states a target of the next resolution, worded from the row " \
               f"{item.worded_from}: change its numbers (min, max …) there, or its words " \
               "in its says:"
    if isinstance(node, ast.ListItem):
        node = node.paragraphs[0]
    label = getattr(place.node, "label", "")
    if label and change.old and change.old.strip() and change.old.strip() in label:
        return f"'{label}' is a number the report gives by position: it changes when the " \
               "headings or items before it change"
    printed = place.text if not isinstance(node, ast.Paragraph) else ast.plain(node.content)
    at = _locate(printed, change.before, change.old)
    if at is None:
        return "the words it changes are no longer there: the passage was edited since"
    name = node.source.file
    text = plan.texts.get(name)
    if text is None:
        text = read(name)
        plan.originals[name] = text
    yaml_text = YamlText(text)
    key = "title" if isinstance(node, ast.Heading) else "text"
    value = yaml_text.value_at(node.source.line, node.source.column, key)
    if value is None:
        return "its YAML text was not found where the report says it is written"
    where = _template_position(value, printed, at, len(change.old))
    if isinstance(where, str):
        return where
    # a reviewer's words are text: no mark, note or template
    edited = yaml_text.replaced(node.source.line, node.source.column, key, *where,
                                escape(change.new))
    if isinstance(edited, Refused):
        return edited.reason
    plan.texts[name] = edited.text
    return None


def _note_paragraph(note: ast.Note, change: Change) -> ast.Paragraph | None:
    """The one paragraph of a note where the change's words stand."""
    holding = [p for p in note.paragraphs
               if _locate(ast.plain(p.content), change.before, change.old) is not None]
    return holding[0] if len(holding) == 1 else None


def _cell_source(change: Change, row: ast.Row, document: ast.Document) -> str:
    """Why an appendix cell is not written, and where its figure comes from: the year
    file and key of a yearly figure ("6.150 comes from data/actuals/2025.yaml: ban-le"),
    what a computed one is computed from."""
    old = change.old.strip()
    # a Word-style edit of a cell changes some of its digits ("6.1[50→20]"): the figure is
    # the cell's, the one that holds the words before the change and the change's
    probe = change.before.split(" ")[-1] + change.old
    for figure in document.figures:
        if not row.anchor.startswith(f"{ROW}-{digest('#' + figure.indicator)}"):
            continue
        printed = {format_number(figure.value, figure.decimals)}
        if figure.kind == "growth":  # the table prints the index, the prose the rate
            printed.add(format_number(figure.value + 100, 2))
        whole = old if old in printed else next(
            (text for text in printed if old and probe in text), None)
        if whole is not None:
            if figure.kind == "value" and ", official" not in figure.source:
                return f"{whole} comes from {figure.source}: change it there"
            return f"{whole} is computed, not typed: it is the {figure.kind} of " \
                   f"{', '.join(map(str, figure.years))} ({figure.source}); change the " \
                   "yearly figures it comes from"
    return f"an appendix cell is computed from the indicator data: its row is " \
           f"{row.source.file}:{row.source.line}; change the figure in data/actuals/ or " \
           "the row in the indicator file"


def _locate(printed: str, before: str, old: str) -> int | None:
    """Where the change begins in the printed text: after as much of `before` as still
    stands just before `old`."""
    words = before.split(" ")
    for drop in range(len(words) + 1):
        context = " ".join(words[drop:])
        if drop and not context and old == "":
            return None  # an insertion whose context is gone cannot be placed
        found = printed.find(context + old)
        if found >= 0:
            return found + len(context)
    return None


# -- the YAML text ------------------------------------------------------------------------------

_NOT_LITERAL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\\[\\*^\[]|\[\^[^\]]*\]|\*\*|\*|\^",
                          re.DOTALL)


def _template_position(value: str, printed: str, at: int,
                       length: int) -> tuple[int, int] | str:
    """The span of the YAML text that printed `printed[at:at + length]`; a reason if those
    words come from a template or a mark, not from the text as written."""
    literal: list[int] = []  # for each character of the printed-as-written skeleton, its index
    pieces = []
    position = 0
    marks: list[tuple[int, str]] = []  # each template's place in the skeleton, and its text
    for match in _NOT_LITERAL.finditer(value):
        for i in range(position, match.start()):
            literal.append(i)
            pieces.append(value[i])
        marks.append((len(pieces), match.group()))
        if ESCAPE.fullmatch(match.group()):  # an escape prints its character
            literal.append(match.start() + 1)
            pieces.append(match.group()[1])
        position = match.end()
    for i in range(position, len(value)):
        literal.append(i)
        pieces.append(value[i])
    skeleton = "".join(pieces)
    matcher = difflib.SequenceMatcher(None, skeleton, printed, autojunk=False)
    for block in matcher.get_matching_blocks():
        if block.b <= at and at + length <= block.b + block.size:
            first = block.a + (at - block.b)
            if not length and block.size and at == block.b + block.size:
                start = literal[first - 1] + 1  # just after the words before it
            else:
                start = literal[first] if first < len(literal) else len(value)
            end = literal[first + length - 1] + 1 if length else start
            if end - start != length:
                return "the words carry formatting or a note mark: change them by hand"
            return start, end
    return _computed(marks, matcher, at)


def _computed(marks: list[tuple[int, str]], matcher: Any, at: int) -> str:
    """Why printed words cannot be changed: the template that printed them (the one
    standing where the words are printed, not the paragraph's first)."""
    skeleton_at = 0  # where, in the skeleton, the printed words begin
    for block in matcher.get_matching_blocks():
        if block.size and block.b <= at:
            skeleton_at = block.a + min(at - block.b, block.size)
    here = [text for position, text in marks if position >= skeleton_at]
    expressions = [m.group(1) for text in here
                   if (m := re.fullmatch(r"\{\{(.*?)\}\}", text, re.DOTALL))]
    expressions = expressions[:1] or re.findall(r"\{\{(.*?)\}\}",
                                                "".join(t for _, t in marks), re.DOTALL)
    source = next((_data_of(e) for e in expressions[:1] if _data_of(e)), None)
    shown = next((e.strip() for e in expressions), "")
    if source:
        return f"the words are a figure the report computes: it comes from {source}"
    if shown:
        return f"the words are printed by {{{{ {shown} }}}}: change the data it quotes"
    return "the words are not written as such in the YAML: make the change by hand"


def _data_of(expression: str) -> str | None:
    found = re.search(r"actual\(\s*'([^']+)'\s*,\s*(\d{4})\s*\)", expression)
    if found:
        return f"data/actuals/{found.group(2)}.yaml: {found.group(1)}"
    found = re.search(r"(?:figure|rate|assessment|target)\(\s*'([^']+)'", expression)
    if found:
        return f"the figures of '{found.group(1)}' in data/actuals/ and the indicator file"
    return None
