"""Each comment and tracked change of a returned copy placed in the report as it is now:
the YAML file and line of its passage, and its section.

A copy of the current draft maps by its anchors: a bookmark's anchor that the report still
has is the same text (anchors are digests of the YAML). A copy of an older draft maps
through that draft: its anchor names a node of the older report (built again from git);
that node's text is then looked for in the report as it is now, and the comment goes where
the text went ("carried"). Without the older report, the copy's own paragraph is looked
for. What is found nowhere is kept, "unplaced", with the reason.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from hashlib import blake2b

from .. import ast
from ..readers.returned_copy import CopyItem, ReturnedCopy
from ..record import Record

MIN_SIMILARITY = 0.6  # below this, an edited paragraph is not taken for the old one
AGREEING = 0.8  # of the shorter text found in the longer: a mark's passage and the copy agree
_WORD = re.compile(r"\w+")
LONG_ENOUGH = 60  # characters: a paragraph this long is nobody's but the report's by chance
COPY_SHARE = 0.3  # of those, the report's: a document that lost the draft's marks is a copy


class Entry(Record, kw_only=True):
    """What the register gets for one comment or change (feedback/register.py)."""

    id: str
    unit: str
    author: str
    date: str
    kind: str
    section: str
    passage: str
    comment: str
    old: str
    new: str
    replies: tuple[tuple[str, str, str], ...]  # (author, date, text)
    before: str  # a change: the words just before it
    file: str | None
    line: int | None
    anchor: str | None
    copy: str
    carried: str | None
    unplaced: str | None
    position: int  # in the report's reading order; unplaced ones last


class Index:
    """The anchored nodes of one build of the report, to place comments in."""

    def __init__(self, document: ast.Document):
        self.document = document
        self.places = ast.located(document)
        self.by_anchor = {place.node.anchor: place for place in self.places}
        self.position = {place.node.anchor: i for i, place in enumerate(self.places)}
        self.item_of = {paragraph.anchor: block for block in document.body
                        if isinstance(block, ast.ListItem) for paragraph in block.paragraphs}
        self._words = [set(_WORD.findall(place.text.lower())) for place in self.places]
        self._texts = {one_line(place.text) for place in self.places}
        self.parents = _parents(document)
        self.note_of: dict[str, int] = {}  # a note's anchor, and its paragraphs', → its number
        for note in document.notes:
            self.note_of[note.anchor] = note.number
            for paragraph in note.paragraphs:
                self.note_of[paragraph.anchor] = note.number

    def section(self, place: ast.Located) -> str:
        """Where the place is, as the office names it: "Phần thứ nhất, 2.1.1. Phát triển
        kinh tế, a. Thương mại …", "…, chú thích 15"; an appendix by its title."""
        where = section_of(place, self.parents)
        number = self.note_of.get(place.node.anchor)
        return f"{where}, chú thích {number}" if number is not None else where

    def share_known(self, texts: tuple[str, ...]) -> float:
        """Of a document's paragraphs long enough to tell (a sentence or more), the share
        that are word for word the report's: a copy that lost every mark of the draft is
        still known by its text."""
        long = [text for text in (one_line(t) for t in texts) if len(text) >= LONG_ENOUGH]
        if not long:
            return 0.0
        return sum(text in self._texts for text in long) / len(long)

    def note_by_reference(self, paragraph_anchor: str, which: int) -> ast.Located | None:
        """The note whose mark is the `which`-th in the paragraph with that anchor."""
        place = self.by_anchor.get(paragraph_anchor)
        if place is None or not isinstance(place.node, ast.Paragraph | ast.ListItem):
            return None
        node = place.node.paragraphs[0] if isinstance(place.node, ast.ListItem) else place.node
        marks = [run for run in ast.runs(node.content) if isinstance(run, ast.NoteRef)]
        if not 0 <= which < len(marks):
            return None
        return self.by_anchor.get(self.document.notes[marks[which].number - 1].anchor)

    def similar(self, text: str, like: type | None = None,
                file: str | None = None) -> tuple[ast.Located, float] | None:
        """The node whose text is most like `text` (of the same type, from the same file
        if there is such), with how alike they are (0…1); None below MIN_SIMILARITY."""
        words = set(_WORD.findall(text.lower()))
        if not words:
            return None
        scored = []
        for place, its_words in zip(self.places, self._words, strict=True):
            if like is not None and not isinstance(place.node, like):
                continue
            overlap = len(words & its_words) / len(words | its_words) if its_words else 0.0
            if overlap > 0.3:
                source = getattr(place.node, "source", None)
                same_file = file is not None and source is not None and source.file == file
                scored.append((overlap + (0.05 if same_file else 0.0), place))
        best: tuple[ast.Located, float] | None = None
        for _, place in sorted(scored, key=lambda pair: -pair[0])[:5]:
            ratio = difflib.SequenceMatcher(None, text, place.text, autojunk=False).ratio()
            if ratio >= MIN_SIMILARITY and (best is None or ratio > best[1]):
                best = (place, ratio)
        return best


def place_items(copy: ReturnedCopy, unit: str | None, current: Index,
                older: Index | None) -> list[Entry]:
    """The copy's items as register entries, placed in the current report."""
    return [_entry(item, copy, unit, current, older) for item in copy.items]


def _entry(item: CopyItem, copy: ReturnedCopy, unit: str | None, current: Index,
           older: Index | None) -> Entry:
    place, carried, unplaced = _locate(item, current, older)
    who = unit or item.author or copy.name.rsplit(".", 1)[0]
    source = getattr(place.node, "source", None) if place is not None else None
    anchor = place.node.anchor if place is not None else None
    # what the copy says, not who registered it: the same copy added again, with or without
    # --unit, is the same entry
    key = "|".join((item.author, item.date, item.kind, ",".join(item.place.anchors),
                    item.passage, item.text, item.old))
    return Entry(
        id="gy-" + blake2b(key.encode("utf-8"), digest_size=5).hexdigest(),
        unit=who,
        author=item.author,
        date=item.date,
        kind=item.kind,
        section=current.section(place) if place is not None else "",
        passage=shortened(_cell_passage(item, place) if place is not None else item.passage),
        comment=_comment(item),
        old=item.old,
        new=item.text if item.kind != "comment" else "",
        replies=tuple((r.author, r.date, r.text) for r in item.replies),
        before=item.before,
        file=source.file if source else None,
        line=source.line if source else None,
        anchor=anchor,
        copy=copy.name,
        carried=carried,
        unplaced=unplaced,
        position=current.position.get(anchor, len(current.places))
        if anchor
        else len(current.places),
    )


def _locate(item: CopyItem, current: Index,
            older: Index | None) -> tuple[ast.Located | None, str | None, str | None]:
    """(where now, how it was carried there, why it could not be placed). A mark is
    trusted only where the copy's words agree with the passage it names: a word processor
    may copy, rename or merge marks, and anyone can type them."""
    place = item.place
    if item.lost:
        return None, None, item.lost
    text = place.row if place.row is not None else place.text  # a cell: its row's words
    anchors = _most_precise_first(place.anchors)
    for anchor in anchors:
        found = current.by_anchor.get(anchor)
        if found is not None and agrees(text, found.text):
            return found, None, None
    if place.note is not None and place.note_ref is not None:
        by_reference = _note_by_reference(place.note_ref, current, older)
        if by_reference is not None:
            return by_reference
    if older is not None:
        for anchor in anchors:
            then = older.by_anchor.get(anchor)
            if then is not None and agrees(text, then.text):
                return _carry(then, current)
    # Marks are hints, words are the truth: a passage whose marks are missing (another
    # word processor, a copy pasted into a unit's letterhead), renamed or wrong is looked
    # for by its words, in the draft the copy came from (then carried), then in the report
    # now.
    kinds = [ast.Row] if place.row is not None else \
        [_KINDS[a[:1]] for a in anchors if a[:1] in _KINDS]
    like = kinds[0] if kinds else None
    if older is not None:  # an older copy's words are that draft's: found there, carried
        then_by_words = older.similar(text, like)
        if then_by_words is not None:
            return _carry(then_by_words[0], current)
    found_by_words = current.similar(text, like)
    if found_by_words is not None:
        why = "the copy's mark names another passage" if any(
            a in current.by_anchor for a in anchors) else \
            "the copy carries no mark of the draft here" if not anchors else \
            "the passage was edited since this copy"
        return found_by_words[0], f"found by its words ({found_by_words[1]:.0%} alike): " \
                                  f"{why}", None
    if not place.anchors and place.note is None:
        return None, None, "the passage carries no mark of the draft, and no passage of the " \
                           "report is like it (added by the reviewer?)"
    return None, None, "the passage is no longer in the report, and no passage like it is"


@lru_cache(maxsize=4096)  # many comments of a copy sit on the same few paragraphs
def agrees(copy_text: str, passage: str) -> bool:
    """Whether a paragraph of a copy is the passage a mark names, or part of it (a cell of
    a row), or holds it (a heading's title under its number): the shorter of the two is
    found, nearly whole, in the longer. Words alone would not do: two sentences of a
    report often share most of theirs ("… năm 2025 ước đạt … tỷ đồng")."""
    copy_text, passage = " ".join(copy_text.split()), " ".join(passage.split())
    if not copy_text or copy_text in passage or passage in copy_text:
        return True  # nothing to contradict the mark, or the words as they are
    shorter = min(len(copy_text), len(passage))
    matcher = difflib.SequenceMatcher(None, copy_text, passage, autojunk=False)
    if matcher.real_quick_ratio() * (len(copy_text) + len(passage)) / 2 < AGREEING * shorter:
        return False
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= AGREEING * shorter


def _note_by_reference(note_ref: tuple[tuple[str, ...], int], current: Index,
                       older: Index | None
                       ) -> tuple[ast.Located | None, str | None, str | None] | None:
    anchors, which = note_ref
    for anchor in _most_precise_first(anchors):
        note = current.note_by_reference(anchor, which)
        if note is not None:
            return note, None, None
        if older is not None:
            then = older.note_by_reference(anchor, which)
            if then is not None:
                return _carry(then, current)
    return None


def _carry(then: ast.Located,
           current: Index) -> tuple[ast.Located | None, str | None, str | None]:
    source = getattr(then.node, "source", None)
    found = current.similar(then.text, type(then.node), source.file if source else None)
    if found is None:
        where = f" ({source.file}:{source.line} then)" if source else ""
        return None, None, f"the passage was edited away since this copy{where}"
    return found[0], f"carried from the older draft ({found[1]:.0%} alike)", None


_PRECISION = {"p": 0, "h": 1, "r": 1, "g": 1, "f": 1, "i": 2, "n": 3, "t": 4}
_KINDS: dict[str, type] = {"p": ast.Paragraph, "f": ast.Paragraph, "h": ast.Heading,
                           "i": ast.ListItem, "n": ast.Note, "r": ast.Row, "g": ast.Row,
                           "t": ast.Table}


def _most_precise_first(anchors: tuple[str, ...]) -> list[str]:
    """A paragraph's own anchor before its item's, a note's paragraph before its note."""
    return sorted(reversed(anchors), key=lambda anchor: _PRECISION.get(anchor[:1], 5))


def section_of(place: ast.Located,
               parents: dict[str, tuple[ast.Heading, ...]] | None = None) -> str:
    """"Phần thứ nhất, 1.1. Thương mại …": the part and the nearest heading, with the
    headings above it whose numbers its own label does not carry ("2.1.1. Phát triển kinh
    tế, a. Thương mại …": there are several "a.")."""
    if place.table is not None:
        return place.table.heading or "Bảng"
    heading, part = place.heading, place.part
    if heading is None or part is None:
        return "Trang đầu"
    if heading is part:
        return f"{part.label}: {one_line(ast.plain(part.title))}"
    chain = [*(parents or {}).get(heading.anchor, ()), heading]
    # from the nearest heading numbered with its parents' numbers ("2.1.1."): "a." alone
    # is one of many, "2.1.1. …, a. …" is one place
    start = max((i for i, h in enumerate(chain) if _MULTILEVEL.match(h.label)), default=0)
    return ", ".join([part.label, *(f"{h.label} {one_line(ast.plain(h.title)).rstrip(' .')}"
                                    for h in chain[start:])])


_MULTILEVEL = re.compile(r"\d+\.\d+")


def _parents(document: ast.Document) -> dict[str, tuple[ast.Heading, ...]]:
    """Each heading's anchor → the headings above it, below its part, outermost first."""
    out: dict[str, tuple[ast.Heading, ...]] = {}
    above: list[ast.Heading] = []
    for block in document.body:
        if isinstance(block, ast.Heading):
            above = [h for h in above if h.depth < block.depth]
            out[block.anchor] = tuple(h for h in above if h.depth > 0)
            above.append(block)
    return out


def _cell_passage(item: CopyItem, place: ast.Located) -> str:
    """A change in an appendix cell, named by its row and column ("Tổng mức bán lẻ …,
    Thực hiện Ước 2025: 6.150"); any other passage as it is."""
    if place.table is None or not isinstance(place.node, ast.Row) or item.place.row is None:
        return item.passage
    cells = [cell.strip() for cell in item.place.row.split(" | ")]
    if item.place.text.strip() not in cells:
        return item.passage
    column = cells.index(item.place.text.strip())
    names = [cell.text for cell in place.node.cells[1:3] if cell.text]
    headers = ast.column_headers(place.table)
    header = headers[column] if column < len(headers) else ""
    return ", ".join(part for part in (names[0] if names else "", header) if part) + \
        f": {item.passage}"


def _comment(item: CopyItem) -> str:
    if item.kind == "comment":
        return item.text
    if item.kind == "insertion":
        return f"Thêm: «{item.text}»"
    if item.kind == "deletion":
        return f"Bỏ: «{item.old}»"
    return f"Sửa «{item.old}» thành «{item.text}»"


def one_line(text: str) -> str:
    return " ".join(text.split())


def shortened(text: str, most: int = 300) -> str:
    text = one_line(text)
    return text if len(text) <= most else text[:most].rsplit(" ", 1)[0] + " …"
