"""Footnotes are numbered 1…N in reading order across the whole report.

In the text, `[^id]` refers to a definition under `footnotes:` in the same file, and
`^[text]` is a short note written in place. Each definition is referenced exactly once.
Numbering replaces each marker by the note's number between two private-use characters
(`note_mark`), which the templates carry through untouched; the expand stage turns them
into note references.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from .. import ast, rules
from ..diagnostics import Findings, SourceRef
from ..markup import is_escaped
from ..record import Record
from ..validate.models import FOOTNOTE_ID, ClosingFile, Footnote
from ..validate.report import ReportSection
from .anchors import NOTE, PARAGRAPH, Anchors
from .remarks import remark_of

_ID = re.compile(FOOTNOTE_ID)
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")


def note_mark(number: int) -> str:
    """What stands for note `number` in a paragraph's template."""
    return f"{NOTE_OPEN}{number}{NOTE_CLOSE}"


class NoteParagraph(Record):
    template: str  # Jinja source
    src: SourceRef
    anchor: str
    typed_figures: str | None = None  # why its typed figures stand as typed (the note's)


class NumberedNote(Record, kw_only=True):
    number: int
    id: str | None  # None for an inline ^[…] note
    paragraphs: tuple[NoteParagraph, ...]
    src: SourceRef
    anchor: str
    remark: ast.Remark | None = None


class _Definition:
    def __init__(self, note_id: str, footnote: Footnote, file: str):
        self.id, self.footnote, self.file = note_id, footnote, file
        self.number = 0  # 0 until referenced


class Marker(Record, kw_only=True):
    start: int
    end: int
    id: str | None  # None for an inline note
    inline_text: str = ""


class MarkerError(ValueError):
    pass


def find_markers(text: str) -> list[Marker]:
    """Every `[^id]` and `^[text]` in `text`, left to right; escaped ones (`\\[^`,
    `\\^[`) are text."""
    markers: list[Marker] = []
    pos = 0
    while True:
        ref, inline = _unescaped(text, "[^", pos), _unescaped(text, "^[", pos)
        while inline >= 0 and text.startswith("^[^", inline):  # "m^2^[^id]": a reference
            inline = _unescaped(text, "^[", inline + 1)
        if ref < 0 and inline < 0:
            return markers
        if ref >= 0 and (inline < 0 or ref < inline):
            end = text.find("]", ref)
            if end < 0:
                raise MarkerError(f"'[^' at character {ref + 1} is never closed with ']'")
            markers.append(Marker(start=ref, end=end + 1, id=text[ref + 2:end]))
        else:
            end = _closing_bracket(text, inline + 1)
            markers.append(
                Marker(start=inline, end=end + 1, id=None, inline_text=text[inline + 2 : end])
            )
        pos = markers[-1].end


def _unescaped(text: str, token: str, start: int) -> int:
    """Where `token` next stands in `text` from `start`, not escaped; -1 if nowhere."""
    at = text.find(token, start)
    while at >= 0 and is_escaped(text, at):
        at = text.find(token, at + 1)
    return at


def _closing_bracket(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] in "[]" and is_escaped(text, i):
            continue
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                return i
    raise MarkerError(f"the inline note '^[' at character {open_at} is never closed with ']'")


def has_marker(text: str) -> bool:
    try:
        return bool(find_markers(text))
    except MarkerError:
        return True


class FootnoteNumbering:
    """Collects definitions, then numbers references as the text is walked in order."""

    def __init__(self, parts: tuple[ReportSection, ...], closing: ClosingFile | None,
                 anchors: Anchors, findings: Findings):
        self.findings, self.anchors = findings, anchors
        self.defs: dict[str, _Definition] = {}
        self.all_defs: dict[str, list[_Definition]] = {}  # an id may be defined twice
        self.notes: list[NumberedNote] = []
        for part in parts:
            self._collect(part)
        if closing is not None:
            self._collect_mapping(closing.footnotes)

    # -- definitions -------------------------------------------------------------------

    def _collect(self, section: ReportSection) -> None:
        self._collect_mapping(section.footnotes)
        for child in section.sections:
            self._collect(child)

    def _collect_mapping(self, footnotes: Mapping[str, Footnote]) -> None:
        for note_id, footnote in footnotes.items():
            made = _Definition(note_id, footnote, footnote.src.file)
            self.all_defs.setdefault(note_id, []).append(made)
            if note_id in self.defs:
                first = self.defs[note_id].footnote.src
                self.findings.report(rules.FOOTNOTE_DEFINED_TWICE, footnote.src,
                                     f"chú thích '{note_id}' được định nghĩa hai lần",
                                     f"footnote '{note_id}' is defined twice "
                                     f"(first at {first})")
                continue
            self.defs[note_id] = made
            for text in footnote.paragraphs:
                if has_marker(text):
                    self.findings.report(rules.MISPLACED_FOOTNOTE, footnote.src,
                                         "chú thích không được chứa chú thích khác",
                                         f"footnote '{note_id}' contains a footnote marker")

    # -- references ---------------------------------------------------------------------

    def check_title(self, title: str, src: SourceRef) -> None:
        if has_marker(title):
            self.findings.report(rules.MISPLACED_FOOTNOTE, src,
                                 "tiêu đề không được chứa chú thích",
                                 "a heading cannot carry a footnote",
                                 "put the footnote in the first paragraph under the heading")

    def mark(self, text: str, src: SourceRef) -> tuple[str, tuple[int, ...]]:
        """Replace the markers of one paragraph by numbered marks; return the numbers."""
        try:
            markers = find_markers(text)
        except MarkerError as err:
            self.findings.report(rules.MALFORMED_MARKER, src, "dấu chú thích viết sai",
                                 str(err))
            return text, ()
        out, numbers, pos = [], [], 0
        for marker in markers:
            number = self._number(marker, src)
            out.append(text[pos:marker.start])
            if number:
                out.append(note_mark(number))
                numbers.append(number)
            pos = marker.end
        out.append(text[pos:])
        return "".join(out), tuple(numbers)

    def _number(self, marker: Marker, src: SourceRef) -> int:
        if marker.id is None:
            if has_marker(marker.inline_text):
                self.findings.report(rules.MISPLACED_FOOTNOTE, src,
                                     "chú thích không được chứa chú thích khác",
                                     "an inline note ^[…] contains a footnote marker",
                                     "a footnote cannot have footnotes: write the text into it")
            anchor = self.anchors.of_text(NOTE, marker.inline_text)
            return self._new_note(None, [(marker.inline_text, src)], src, anchor, None)
        if not _ID.match(marker.id):
            self.findings.report(rules.MALFORMED_MARKER, src,
                                 f"mã chú thích '{marker.id}' không hợp lệ",
                                 f"'[^{marker.id}]' is not a valid footnote reference",
                                 "ids use lower-case letters without accents, digits and "
                                 "hyphens, e.g. [^thu-ngan-sach-2021]", words=f"[^{marker.id}]")
            return 0
        definition = self.defs.get(marker.id)
        if definition is not None and definition.file != src.file:
            # an id defined in two files (reported as such): the reference takes the
            # definition of its own file, if one of them is
            definition = next((d for d in self.all_defs.get(marker.id, [])
                               if d.file == src.file), definition)
            if definition.file == src.file:
                self.defs[marker.id] = definition
        if definition is None or definition.file != src.file:
            self._undefined(marker.id, src, definition)
            return 0
        if definition.number:
            self.findings.report(rules.FOOTNOTE_REFERENCED_TWICE, src,
                                 f"chú thích '{marker.id}' được dẫn hai lần",
                                 f"footnote '{marker.id}' is referenced a second time "
                                 f"(it is already footnote {definition.number})",
                                 words=f"[^{marker.id}]")
            return 0
        footnote = definition.footnote
        definition.number = self._new_note(
            marker.id, list(zip(footnote.paragraphs, footnote.paragraph_srcs, strict=True)),
            footnote.src, self.anchors.of_name(NOTE, marker.id), remark_of(footnote.remark),
            footnote.typed_figures)
        return definition.number

    def _new_note(self, note_id: str | None, paragraphs: list[tuple[str, SourceRef]],
                  src: SourceRef, anchor: str, remark: ast.Remark | None,
                  typed_figures: str | None = None) -> int:
        number = len(self.notes) + 1
        texts = tuple(NoteParagraph(text, where, self.anchors.of_text(PARAGRAPH, text),
                                    typed_figures) for text, where in paragraphs)
        self.notes.append(
            NumberedNote(
                number=number, id=note_id, paragraphs=texts, src=src, anchor=anchor, remark=remark
            )
        )
        return number

    def _undefined(self, note_id: str, src: SourceRef, elsewhere: _Definition | None) -> None:
        if elsewhere is not None:
            hint = (f"it is defined in {elsewhere.file}; move the definition to "
                    f"'footnotes:' in {src.file}")
        else:
            local = [d.id for d in self.defs.values() if d.file == src.file]
            guess = difflib.get_close_matches(note_id, local, n=1, cutoff=0.6)
            hint = (f"did you mean '[^{guess[0]}]'?" if guess else
                    f"add '{note_id}: …' under 'footnotes:' in this file")
        self.findings.report(rules.UNDEFINED_FOOTNOTE, src,
                             f"chú thích '{note_id}' chưa được định nghĩa",
                             f"footnote '[^{note_id}]' is not defined in this file", hint,
                             words=f"[^{note_id}]")

    def report_unused(self) -> None:
        for definition in self.defs.values():
            if not definition.number:
                self.findings.report(rules.UNUSED_FOOTNOTE, definition.footnote.src,
                                     f"chú thích '{definition.id}' không được dẫn ở đâu",
                                     f"footnote '{definition.id}' is defined but never "
                                     "referenced",
                                     f"put [^{definition.id}] in the text where the note "
                                     "belongs, or delete the definition")
