"""The points of a letter of comment (readers/letter.py) as register entries, each placed
where the passage it is about stands in the report now.

A point says where it is about by what it quotes (in “…”, "…" or «…»), by a section's
number or title ("mục 2.1.1", "phần Quốc phòng, an ninh"), or by an appendix's indicator
("chỉ tiêu Tổng mức bán lẻ …", a table row's "Phụ lục 1, chỉ tiêu 1"). It says what to do
in the office's words; these are read as changes that `feedback apply` can write:

    đề nghị sửa «A» thành «B» / thay «A» bằng «B»     a replacement of A by B
    bỏ «A» / lược bỏ «A»                              a deletion of A
    bổ sung «B» sau «A» / thêm «B» vào sau «A»         an insertion of B after A

Anything else is a comment, placed at its passage. A general remark ("Nhìn chung, …, cơ
bản thống nhất") is registered as general, placed nowhere by design. A point that names no
passage the report has is registered unplaced, with why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import blake2b

from .. import ast
from ..folding import folded
from ..readers.letter import Letter, LetterPoint
from ..readers.returned_copy import words_before
from .mapping import Entry, Index, one_line, shortened

GENERAL = "a general remark on the draft: registered, placed at no passage"
_Q = r"[“\"«‘]([^”\"»’]+)[”\"»’]"  # a quotation, in the marks letters use
_WORDS = r"(?:cụm từ|từ|chữ|câu|đoạn|ý|nội dung|đoạn văn)?\s*"
_REPLACE = re.compile(rf"(?:sửa|thay|đổi|chỉnh)\s+(?:lại\s+)?{_WORDS}{_Q}\s*(?:thành|bằng)\s+"
                      rf"{_WORDS}{_Q}", re.IGNORECASE)
_INSERT = re.compile(rf"(?:bổ sung|thêm)\s+{_WORDS}{_Q}\s*(?:vào\s+)?(?:ngay\s+)?sau\s+"
                     rf"{_WORDS}{_Q}", re.IGNORECASE)
_DELETE = re.compile(rf"(?:bỏ|lược bỏ|xóa|xoá|loại bỏ)\s+{_WORDS}{_Q}", re.IGNORECASE)
_QUOTE = re.compile(_Q)
_SECTION = re.compile(r"(?:mục|tiểu mục|điểm|phần)\s+((?:\d+\.)+\d*|\d+)", re.IGNORECASE)
_APPENDIX = re.compile(r"phụ lục\s+(\d+)", re.IGNORECASE)
_INDICATOR = re.compile(r"chỉ tiêu(?: số)?\s+(\d+)\b", re.IGNORECASE)
SHORTEST_NAME = 12  # characters: an indicator's name shorter than this is not looked for


@dataclass
class _Proposal:
    """What a point proposes: its kind, the draft's words it is about, the words it takes
    out and those it puts in."""

    kind: str  # comment, replacement, insertion, deletion
    about: str
    old: str = ""
    new: str = ""


def letter_entries(letter: Letter, unit: str | None, index: Index) -> list[Entry]:
    who = unit or letter.issuer or letter.name.rsplit(".", 1)[0]
    return [_entry(point, letter, who, index) for point in letter.points]


def _entry(point: LetterPoint, letter: Letter, who: str, index: Index) -> Entry:
    proposal = _proposal(point)
    place, at, why, how = (None, -1, GENERAL, "") if point.general and not proposal.about \
        else _placed(point, proposal, index)
    source = getattr(place.node, "source", None) if place is not None else None
    anchor = place.node.anchor if place is not None else None
    kind = proposal.kind if place is not None and at >= 0 else "comment"
    if kind == "deletion" and place is not None:
        at, proposal.old = _deleted(place.text, at, proposal.old)
    key = "|".join((letter.name, point.label, point.where, point.passage, point.text))
    return Entry(
        id="gy-" + blake2b(key.encode("utf-8"), digest_size=5).hexdigest(),
        unit=who,
        author=who,
        date="",
        kind=kind,
        section=index.section(place) if place is not None else "",
        passage=shortened(proposal.about or point.passage or _name_of(place)),
        comment=one_line(point.text),
        old=proposal.old if kind != "comment" else "",
        new=proposal.new if kind != "comment" else "",
        replies=(),
        before=words_before(place.text, at) if place is not None and at >= 0 else "",
        file=source.file if source else None,
        line=source.line if source else None,
        anchor=anchor,
        copy=letter.name,
        carried=f"a letter's point {point.label}".rstrip() + f", placed by {how}"
        if place is not None else None,
        unplaced=why if place is None else None,
        position=index.position.get(anchor, len(index.places)) if anchor
        else len(index.places),
    )


def _deleted(text: str, at: int, words: str) -> tuple[int, str]:
    """The words a deletion takes out, with the separator that goes with them: ", A" before
    a stop ("…Covid -19, có thời điểm bị ngưng trệ." → "…Covid -19."), else one space."""
    end = at + len(words)
    after = text[end:end + 1]
    if text[max(0, at - 2):at] == ", " and (after in ".;:,)" or not after):
        return at - 2, ", " + words
    if text[at - 1:at] == " " and after == " ":
        return at, words + " "
    return at, words


def _name_of(place: ast.Located | None) -> str:
    """How a place is quoted when the point quotes nothing: a row by its indicator's name,
    a paragraph by its words."""
    if place is None:
        return ""
    if isinstance(place.node, ast.Row):
        return next((cell.text for cell in place.node.cells[1:3] if cell.text), place.text)
    return place.text


def _proposal(point: LetterPoint) -> _Proposal:
    text = point.text
    found = _REPLACE.search(text)
    if found:
        return _Proposal("replacement", found.group(1), found.group(1), found.group(2))
    found = _INSERT.search(text)
    if found:
        new = found.group(1)
        return _Proposal("insertion", found.group(2), "",
                         new if new[:1] in ",.;:)" else " " + new)
    found = _DELETE.search(text)
    if found:
        return _Proposal("deletion", found.group(1), found.group(1), "")
    quoted = _QUOTE.search(text)
    return _Proposal("comment", quoted.group(1) if quoted else point.passage)


def _placed(point: LetterPoint, proposal: _Proposal, index: Index
            ) -> tuple[ast.Located | None, int, str | None, str]:
    """(where, where its words begin in the place's text or -1, why unplaced, how it was
    placed)."""
    scope = _section(point, index)
    if proposal.about:
        found = _containing(proposal.about, index, scope)
        if found is not None:
            place, at = found
            # an insertion goes after the words it names
            return place, at + (len(proposal.about) if proposal.kind == "insertion" else 0), \
                None, "the words it quotes"
    row = _row(point, index)
    if row is not None:
        return row, -1, None, "the indicator it names"
    if scope is not None:
        return scope, -1, None, "the section it names"
    named = _named(point, index)
    if named is not None:
        return named, -1, None, "the passage it names"
    if proposal.about:
        return None, -1, f"the words it quotes («{proposal.about[:60]}») are not in the " \
                         "report, and it names no section the report has", ""
    return None, -1, "it quotes no words of the draft and names no section, title or " \
                     "indicator of it", ""


def _containing(words: str, index: Index,
                scope: ast.Located | None) -> tuple[ast.Located, int] | None:
    """The paragraph (or heading, note, cell row) whose printed text holds `words`, under
    the section named if there is one; with where they begin."""
    wanted = one_line(words).strip(" .…")
    if len(wanted) < 2:
        return None
    hits = [(place, one_line(place.text).find(wanted)) for place in index.places
            if not isinstance(place.node, ast.ListItem | ast.Note | ast.Table)]
    hits = [(place, at) for place, at in hits if at >= 0]
    if not hits:
        return None
    if scope is not None:
        under = [(p, at) for p, at in hits if p.heading is scope.node]
        hits = under or hits
    place, at = hits[0]
    # the position in the place's own text (its spaces as printed)
    exact = place.text.find(wanted)
    return place, exact if exact >= 0 else at


def _section(point: LetterPoint, index: Index) -> ast.Located | None:
    """The heading a point names: by its number ("mục 2.1.1"), else by its title."""
    text = f"{point.where} {point.passage} {point.text}"
    for found in _SECTION.finditer(text):
        label = found.group(1).rstrip(".") + "."
        heading = next((place for place in index.places if isinstance(place.node, ast.Heading)
                        and place.node.label == label), None)
        if heading is not None:
            return heading
    plain = folded(text)
    titled = [place for place in index.places if isinstance(place.node, ast.Heading)
              and len(place.text) >= SHORTEST_NAME
              and folded(place.text).rstrip(" .") in plain]
    return max(titled, key=lambda place: len(place.text)) if titled else None


_NAMED = re.compile(r"(?:phần|mục|đoạn|nội dung)\s+(?:nói\s+)?(?:về\s+)?([^:;,.“\"«(]{6,80})",
                    re.IGNORECASE)


def _named(point: LetterPoint, index: Index) -> ast.Located | None:
    """The passage a point names by its first words ("Phần phát triển du lịch: …"): a
    paragraph that begins with them, or a heading that holds them."""
    for found in _NAMED.finditer(f"{point.where} {point.text}"):
        words = folded(found.group(1)).strip()
        for place in index.places:
            if isinstance(place.node, ast.ListItem | ast.Note | ast.Table | ast.Row):
                continue
            text = folded(place.text)
            if text.startswith(words) or (isinstance(place.node, ast.Heading) and words in text):
                return place
    return None


def _row(point: LetterPoint, index: Index) -> ast.Located | None:
    """An appendix row a point names: its indicator's number in the appendix named, or its
    indicator's name."""
    text = f"{point.where} {point.passage} {point.text}"
    rows = [place for place in index.places if isinstance(place.node, ast.Row)
            and place.table is not None and place.table.number]
    appendix = _APPENDIX.search(text)
    number = _INDICATOR.search(text)
    if number is not None:
        for place in rows:
            assert isinstance(place.node, ast.Row)
            cells = place.node.cells
            table = place.table
            if cells and cells[0].text == number.group(1) and table is not None and (
                    appendix is None or table.number == int(appendix.group(1))):
                return place
    plain = folded(text)
    named = list(_named_rows(rows, plain))
    return max(named, key=lambda pair: pair[0])[1] if named else None


def _named_rows(rows: list[ast.Located], plain: str) -> Iterator[tuple[int, ast.Located]]:
    for place in rows:
        assert isinstance(place.node, ast.Row)
        names = [cell.text for cell in place.node.cells[1:3] if len(cell.text) >= SHORTEST_NAME]
        for name in names:
            if folded(name) in plain:
                yield len(name), place
