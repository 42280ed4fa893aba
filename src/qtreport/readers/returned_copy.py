"""A copy of the draft that comes back from a reviewer: its Word comments (with their
replies) and its tracked changes, each with the place in the draft it is about.

The draft carries, as hidden bookmarks, the anchor of every heading, paragraph, item, note
and table row (writers/docx), and which sources it was built from (custom document
properties). A reviewer who edits around them leaves the anchors of what they did not
touch in place, so each comment or change is read with the anchors of the paragraph it
begins in. A note whose bookmarks a word processor dropped (LibreOffice drops them from
notes) is known by its reference mark: the paragraph that holds it, and which of its
marks it is.

The copy is read as XML (lxml), not through python-docx: tracked changes and comment
ranges are below what its API shows. It is opened within the bounds of word/package.py.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..record import Record
from ..word.names import (
    COMMIT_PROPERTY,
    CUSTOM,
    VERSION_PROPERTY,
    W14,
    W15,
    W,
    anchor_of_bookmark,
)
from ..word.package import Package, PackageError, decimal_id, open_package
from ..word.text import paragraph_content, run_text, words_of

Kind = Literal["comment", "insertion", "deletion", "replacement"]


class Place(Record, kw_only=True):
    """Where in the copy an item begins."""

    anchors: tuple[str, ...]  # the draft's anchors over that paragraph, outermost first
    text: str  # the paragraph as the draft had it (the reviewer's changes taken back)
    note: int | None = None  # in a footnote: its id in the copy
    note_ref: tuple[tuple[str, ...], int] | None = None  # a note's reference: the anchors
    #                                             of its paragraph, and which mark it is there
    row: str | None = None  # in a table cell: the row's words as the draft had them, the
    #                         cells' joined by " | " (as ast.located gives a row's text)


class Reply(Record):
    author: str
    date: str
    text: str


class CopyItem(Record, kw_only=True):
    kind: Kind
    author: str
    date: str  # YYYY-MM-DD, or ""
    text: str  # the comment; the inserted words
    old: str  # the deleted words (a deletion, a replacement)
    passage: str  # the words commented on, or the paragraph around a change
    place: Place
    replies: tuple[Reply, ...] = ()
    at: int = 0  # a change: where it begins in the paragraph's text (Place.text)
    before: str = ""  # a change: the words just before it, to find its place again
    lost: str = ""  # why it has no place in the copy (a comment that marks no passage)


class ReturnedCopy(Record, kw_only=True):
    name: str  # the file name, as given
    version: str | None  # the digest of the sources the draft was built from
    commit: str | None  # the git commit they were at
    bookmarks: int  # the draft's anchors found in the copy
    items: tuple[CopyItem, ...]
    texts: tuple[str, ...] = ()  # the body's paragraphs as the draft had them (the first
    #                              MAX_TEXTS): whether the copy is the report's, by its words


COPY_PARTS = ("word/document.xml", "word/footnotes.xml", "word/comments.xml",
              "word/commentsExtended.xml", "docProps/custom.xml")


def read_copy(path: Path) -> ReturnedCopy:
    """The comments and tracked changes of a returned copy; PackageError when it cannot be
    read as a Word document (word/package.py bounds what is read)."""
    return _Reader(path.name, open_package(path, COPY_PARTS)).read()


MAX_OPEN_ANCHORS = 64  # bookmarks open at once: a real draft nests three or four
MAX_TEXTS = 5_000  # paragraphs kept to know the copy by its words: the report has 600
MAX_SPAN_CHARS = 2_000  # the words a comment's range keeps: enough to quote it


@dataclass(eq=False)
class _Span:
    """The words of a comment's range, gathered as the walk goes (up to MAX_SPAN_CHARS)."""

    words: list[str] = field(default_factory=list)
    size: int = 0


@dataclass
class _Mark:
    """Where one comment's marks stand in the document: its range's start, else its
    reference (a comment on a point), and the words of its range."""

    place: Place | None = None
    span: _Span | None = None
    referenced: bool = False  # its commentReference is read


class _Reader:
    def __init__(self, name: str, package: Package):
        self.name, self.package = name, package
        self.bookmarks = 0
        self.open: dict[str, str] = {}  # bookmark id -> anchor, for the draft's bookmarks
        self.marks: dict[str, list[_Mark]] = {}  # comment id -> its marks, in document order
        # the ranges the walk is inside (by identity: removing one is quick), and, by
        # comment id, those still open and those whose reference is still to come
        self.active: dict[int, _Span] = {}
        self.opened: dict[str, deque[_Span]] = {}
        self.unreferenced: dict[str, deque[_Mark]] = {}
        self.changes: list[CopyItem] = []
        self.references: dict[int, tuple[tuple[str, ...], int]] = {}  # note id -> reference
        # a table cell's paragraph -> its row's anchors and words: a word processor may end
        # a row's bookmark in its first cell (LibreOffice does), the row is still the row's
        self.rows: dict[Any, tuple[tuple[str, ...], str]] = {}
        self.texts: list[str] = []

    def read(self) -> ReturnedCopy:
        document = self.package.xml("word/document.xml")
        body = document.find(f"{W}body")
        if body is None:
            raise PackageError("tài liệu Word không có nội dung",
                               "word/document.xml has no body (w:body): it is damaged")
        for row in body.iter(f"{W}tr"):
            self._row(row)
        for paragraph in body.iter(f"{W}p"):
            self._paragraph(paragraph, None)
        notes = self.package.xml("word/footnotes.xml")
        if notes is not None:
            for note in notes.iterfind(f"{W}footnote"):
                if note.get(f"{W}type") not in (None, "normal"):
                    continue  # the separators
                number = _note_id(note.get(f"{W}id"), "word/footnotes.xml")
                self.open.clear()
                for paragraph in note.iter(f"{W}p"):
                    self._paragraph(paragraph, number)
        version, commit = self._stamp()
        items = [*self._comments(), *self.changes]
        return ReturnedCopy(
            name=self.name,
            version=version,
            commit=commit,
            bookmarks=self.bookmarks,
            items=tuple(items),
            texts=tuple(self.texts),
        )

    # -- the stamp ----------------------------------------------------------------------

    def _stamp(self) -> tuple[str | None, str | None]:
        properties = self.package.xml("docProps/custom.xml")
        found: dict[str, str] = {}
        if properties is not None:
            for prop in properties.iterfind(f"{CUSTOM}property"):
                found[prop.get("name", "")] = "".join(prop.itertext()).strip()[:200]
        return found.get(VERSION_PROPERTY) or None, found.get(COMMIT_PROPERTY) or None

    # -- paragraphs ------------------------------------------------------------------------

    def _row(self, row: Any) -> None:
        """The anchors of a table row, wherever its bookmarks stand in it, and its words."""
        anchors = tuple(dict.fromkeys(
            anchor for mark in row.iter(f"{W}bookmarkStart")
            if (anchor := anchor_of_bookmark(mark.get(f"{W}name", ""))) is not None))
        cells = [cell for cell in row if cell.tag == f"{W}tc"]
        words = " | ".join(" ".join(_original(p) for p in cell.iter(f"{W}p")).strip()
                           for cell in cells)
        for cell in cells:
            for paragraph in cell.iter(f"{W}p"):
                self.rows[paragraph] = (anchors[:MAX_OPEN_ANCHORS], words)

    def _paragraph(self, paragraph: Any, note: int | None) -> None:
        """Read one paragraph: its anchors, its text before the reviewer's changes, its
        comment ranges and tracked changes, its note references."""
        if any(ancestor.tag == f"{W}p" for ancestor in paragraph.iterancestors()):
            return  # a paragraph in a text box inside a paragraph: read with its own
        anchors = list(self.open.values())
        row_anchors, row = self.rows.get(paragraph, ((), None))
        anchors += [anchor for anchor in row_anchors if anchor not in anchors]
        original: list[str] = []
        starting: list[_Mark] = []  # comments whose range starts here
        pointed: list[_Mark] = []  # comments without a range, referenced here
        changes: list[tuple[Any, int]] = []
        references = 0
        for node in paragraph_content(paragraph):
            tag = node.tag
            if tag == f"{W}bookmarkStart":
                anchor = anchor_of_bookmark(node.get(f"{W}name", ""))
                if anchor is not None and len(self.open) < MAX_OPEN_ANCHORS:
                    self.bookmarks += 1
                    self.open[node.get(f"{W}id", "")] = anchor
                    anchors.append(anchor)
            elif tag == f"{W}bookmarkEnd":
                self.open.pop(node.get(f"{W}id", ""), None)
            elif tag == f"{W}commentRangeStart":
                mark = _Mark(span=_Span())
                comment_id = node.get(f"{W}id", "")
                self.marks.setdefault(comment_id, []).append(mark)
                starting.append(mark)
                span = mark.span
                assert span is not None
                self.active[id(span)] = span
                self.opened.setdefault(comment_id, deque()).append(span)
                self.unreferenced.setdefault(comment_id, deque()).append(mark)
            elif tag == f"{W}commentRangeEnd":
                self._end_range(node.get(f"{W}id", ""))
            elif tag in (f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
                changes.append((node, len("".join(original))))
                if tag in (f"{W}del", f"{W}moveFrom"):
                    original.append(run_text(node, deleted=True))
                self._into_ranges(run_text(node) if tag in (f"{W}ins", f"{W}moveTo")
                                  else "")
            elif tag == f"{W}r":
                words = run_text(node)
                original.append(words)
                self._into_ranges(words)
                reference = node.find(f"{W}footnoteReference")
                if reference is not None and note is None:
                    number = _note_id(reference.get(f"{W}id"), "word/document.xml")
                    self.references[number] = (tuple(anchors), references)
                    references += 1
                commented = node.find(f"{W}commentReference")
                if commented is not None:
                    pointed.extend(self._point(commented.get(f"{W}id", "")))
        self._into_ranges(" ")  # a range over several paragraphs
        text = "".join(original)
        if note is None and text.strip() and len(self.texts) < MAX_TEXTS:
            self.texts.append(text)
        place = Place(
            anchors=tuple(anchors),
            text=text,
            note=note,
            note_ref=self.references.get(note) if note else None,
            row=row,
        )
        for mark in (*starting, *pointed):
            mark.place = place
        for node, offset in changes:
            self._change(node, offset, place)

    def _end_range(self, comment_id: str) -> None:
        """The first range of that id still open ends here."""
        opened = self.opened.get(comment_id)
        if opened:
            self.active.pop(id(opened.popleft()), None)

    def _point(self, comment_id: str) -> list[_Mark]:
        """A comment's reference mark: the comment's place if it has no range of its own
        (Word's comment on a point, or a range a word processor dropped)."""
        waiting = self.unreferenced.get(comment_id)
        if waiting:
            waiting.popleft().referenced = True
            return []  # the reference of a range already seen
        mark = _Mark(referenced=True)
        self.marks.setdefault(comment_id, []).append(mark)
        return [mark]

    def _into_ranges(self, words: str) -> None:
        full = []
        for key, span in self.active.items():
            span.words.append(words)
            span.size += len(words)
            if span.size > MAX_SPAN_CHARS:
                full.append(key)
        for key in full:
            del self.active[key]

    def _change(self, node: Any, offset: int, place: Place) -> None:
        inserted = node.tag in (f"{W}ins", f"{W}moveTo")
        words = run_text(node, deleted=not inserted)
        if not words.strip():
            return  # a paragraph mark or a formatting change: no words changed
        author, date = node.get(f"{W}author", ""), _day(node.get(f"{W}date", ""))
        context = _around(place.text, offset, len(words) if not inserted else 0)
        previous = self.changes[-1] if self.changes else None
        if inserted and previous is not None and previous.kind == "deletion" and \
                previous.place == place and previous.author == author and \
                previous.at + len(previous.old) == offset:  # words put where others were
            self.changes[-1] = CopyItem(
                kind="replacement",
                author=author,
                date=date,
                text=words,
                old=previous.old,
                passage=previous.passage,
                place=place,
                replies=(),
                at=previous.at,
                before=previous.before,
            )
            return
        self.changes.append(
            CopyItem(
                kind="insertion" if inserted else "deletion",
                author=author,
                date=date,
                text=words if inserted else "",
                old="" if inserted else words,
                passage=context,
                place=place,
                replies=(),
                at=offset,
                before=words_before(place.text, offset),
            )
        )

    # -- comments -----------------------------------------------------------------------

    def _comments(self) -> Iterator[CopyItem]:
        """One item per comment that is not a reply, its replies (and theirs) with it.
        Comments are taken in the order of comments.xml, and the n-th comment of an id
        has the n-th marks of that id in the document, so duplicated ids lose nothing; a
        comment with no marks at all is kept, with why it cannot be placed."""
        root = self.package.xml("word/comments.xml")
        if root is None:
            return
        comments = list(root.iterfind(f"{W}comment"))
        root_of = _roots(self._parents(comments))
        replies: dict[int, list[Reply]] = {}
        for index, comment in enumerate(comments):
            if root_of[index] != index:
                replies.setdefault(root_of[index], []).append(_reply(comment))
        taken: dict[str, int] = {}  # comment id -> how many comments of that id so far
        marks: list[_Mark | None] = []
        for comment in comments:
            comment_id = comment.get(f"{W}id", "")
            nth = taken.get(comment_id, 0)
            taken[comment_id] = nth + 1
            of_id = self.marks.get(comment_id, [])
            marks.append(of_id[nth] if nth < len(of_id) else None)
        for index, comment in enumerate(comments):
            if root_of[index] != index:
                continue  # a reply: it goes with its comment
            mark = marks[index]
            if mark is None or mark.place is None:  # Word's reply shares its comment's range
                mark = next((other for i, other in enumerate(marks) if root_of[i] == index
                             and other is not None and other.place is not None), mark)
            reply = _reply(comment)
            item = CopyItem(kind="comment", author=reply.author, date=reply.date,
                            text=reply.text, old="", passage="",
                            place=Place(anchors=(), text=""),
                            replies=tuple(replies.get(index, [])),
                            lost="the comment marks no passage in the copy: its words were "
                                 "deleted with it, or a word processor dropped its marks")
            if mark is not None and mark.place is not None:
                words = "".join(mark.span.words if mark.span else []).strip()
                item = replace(item, passage=words or mark.place.text, place=mark.place,
                               lost="")
            yield item

    def _parents(self, comments: list[Any]) -> list[int | None]:
        """For each comment, the comment it answers (commentsExtended.xml ties a reply's
        paragraph to its parent's), or None."""
        extended = self.package.xml("word/commentsExtended.xml")
        if extended is None:
            return [None] * len(comments)
        answers = {ex.get(f"{W15}paraId", ""): ex.get(f"{W15}paraIdParent", "")
                   for ex in extended.iterfind(f"{W15}commentEx")
                   if ex.get(f"{W15}paraIdParent")}
        owner: dict[str, int] = {}  # paragraph id -> the comment it belongs to
        for index, comment in enumerate(comments):
            for paragraph in comment.iterfind(f"{W}p"):
                owner.setdefault(paragraph.get(f"{W14}paraId", ""), index)
        parents: list[int | None] = []
        for index, comment in enumerate(comments):
            parent = next((owner.get(answers[pid]) for paragraph in comment.iterfind(f"{W}p")
                           if (pid := paragraph.get(f"{W14}paraId", "")) in answers), None)
            parents.append(parent if parent != index else None)
        return parents


def _original(paragraph: Any) -> str:
    """A paragraph's words as the draft had them: the reviewer's insertions left out, the
    deletions kept."""
    out = []
    for node in paragraph_content(paragraph):
        if node.tag == f"{W}r":
            out.append(run_text(node))
        elif node.tag in (f"{W}del", f"{W}moveFrom"):
            out.append(run_text(node, deleted=True))
    return "".join(out)


def _roots(parents: list[int | None]) -> list[int]:
    """The comment each one's thread starts at. A cycle of replies (A answers B, B answers
    A), which Word never writes, is broken at its first comment."""
    parent = list(parents)
    state = [0] * len(parent)  # 0 not seen, 1 on the walk, 2 done
    for start in range(len(parent)):
        path: list[int] = []
        at: int | None = start
        while at is not None and state[at] == 0:
            state[at] = 1
            path.append(at)
            at = parent[at]
        if at is not None and state[at] == 1:  # back on this walk: a cycle
            parent[min(path[path.index(at):])] = None
        for index in path:
            state[index] = 2
    root: list[int] = [-1] * len(parent)
    for start in range(len(parent)):
        path = []
        top = start
        while root[top] < 0 and (up := parent[top]) is not None:
            path.append(top)
            top = up
        top = root[top] if root[top] >= 0 else top
        root[top] = top
        for index in path:
            root[index] = top
    return root


def _note_id(value: str | None, part: str) -> int:
    number = decimal_id(value)
    if number is None:
        raise PackageError("tài liệu Word có chú thích bị hỏng",
                           f"{part} has a footnote whose id {_shown(value)} is not a number "
                           "(Word numbers them)")
    return number


def _shown(value: str | None) -> str:
    if value is None:
        return "(none)"
    return repr(value[:20] + "…" if len(value) > 20 else value)


def _reply(comment: Any) -> Reply:
    return Reply(comment.get(f"{W}author", ""), _day(comment.get(f"{W}date", "")),
                 words_of(comment.iterfind(f"{W}p")))


def _day(stamp: str) -> str:
    return stamp[:10] if len(stamp) >= 10 and stamp[4] == "-" else ""


def words_before(text: str, offset: int, reach: int = 40) -> str:
    """The words just before `offset`: up to `reach` characters, from a word's start."""
    start = max(0, offset - reach)
    while 0 < start < offset and not text[start - 1].isspace():
        start += 1
    return text[start:offset]


def _around(text: str, offset: int, length: int, reach: int = 60) -> str:
    """The words around a change: up to `reach` characters either side, cut at spaces."""
    start, end = max(0, offset - reach), min(len(text), offset + length + reach)
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
