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
ranges are below what its API shows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from .. import ast
from ..record import Record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted DOCX, or an old .doc
VERSION_PROPERTY, COMMIT_PROPERTY = "qtreport-sources", "qtreport-commit"

Kind = Literal["comment", "insertion", "deletion", "replacement"]


class CopyError(Exception):
    """The file cannot be read as a Word document; the message says why, in plain words."""

    def __init__(self, message: str, message_en: str, hint: str):
        super().__init__(message_en)
        self.message, self.message_en, self.hint = message, message_en, hint


class Place(Record):
    """Where in the copy an item begins."""

    anchors: tuple[str, ...]  # the draft's anchors over that paragraph, outermost first
    text: str  # the paragraph as the draft had it (the reviewer's changes taken back)
    note: int | None = None  # in a footnote: its id in the copy
    note_ref: tuple[tuple[str, ...], int] | None = None  # a note's reference: the anchors
    #                                             of its paragraph, and which mark it is there


class Reply(Record):
    author: str
    date: str
    text: str


class CopyItem(Record):
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


class ReturnedCopy(Record):
    name: str  # the file name, as given
    version: str | None  # the digest of the sources the draft was built from
    commit: str | None  # the git commit they were at
    bookmarks: int  # the draft's anchors found in the copy
    items: tuple[CopyItem, ...]


def read_copy(path: Path) -> ReturnedCopy:
    """The comments and tracked changes of a returned copy; CopyError when it cannot be
    read as a Word document."""
    parts = open_package(path)
    try:
        return _Reader(path.name, parts).read()
    except etree.XMLSyntaxError as err:
        raise CopyError("tài liệu Word bị hỏng", f"the document's XML is damaged ({err})",
                        "open it in Word, save it again, and add that copy") from None


def open_package(path: Path) -> dict[str, bytes]:
    """The XML parts of a Word document (word/…, docProps/…) by name; CopyError, in plain
    words, when the file is no readable .docx."""
    try:
        head = path.read_bytes()[:8]
    except OSError as err:
        raise CopyError("không đọc được tệp", f"the file cannot be read: {err.strerror or err}",
                        "check the file name") from None
    if head == _OLE_MAGIC:
        raise CopyError("tệp được đặt mật khẩu hoặc là tệp .doc cũ",
                        "the file is protected by a password, or is an old .doc",
                        "open it in Word and save a copy as .docx without a password")
    try:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist()
                     if name.startswith(("word/", "docProps/")) and name.endswith(".xml")}
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as err:
        raise CopyError("tệp không phải tài liệu Word (.docx) hoặc bị hỏng",
                        f"the file is not a Word document (.docx) or is damaged ({err})",
                        "save it again from Word as a .docx document") from None
    if "word/document.xml" not in parts:
        raise CopyError("tệp không phải tài liệu Word (.docx)",
                        "the file has no word/document.xml: it is not a Word document",
                        "save it again from Word as a .docx document")
    return parts


@dataclass(eq=False)
class _Span:
    """The words of a comment's range, gathered as the walk goes."""

    words: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, name: str, parts: dict[str, bytes]):
        self.name, self.parts = name, parts
        self.bookmarks = 0
        self.open: dict[str, str] = {}  # bookmark id -> anchor, for the draft's bookmarks
        self.ranges: dict[str, _Span] = {}  # comment id -> the words it covers
        self.active: list[_Span] = []  # the ranges the walk is inside
        self.places: dict[str, Place] = {}  # comment id -> where its range begins
        self.changes: list[CopyItem] = []
        self.references: dict[int, tuple[tuple[str, ...], int]] = {}  # note id -> reference

    def _xml(self, name: str) -> Any:
        return etree.fromstring(self.parts[name]) if name in self.parts else None

    def read(self) -> ReturnedCopy:
        body = self._xml("word/document.xml")
        for paragraph in body.iter(f"{W}p"):
            self._paragraph(paragraph, None)
        notes = self._xml("word/footnotes.xml")
        if notes is not None:
            for note in notes.iterfind(f"{W}footnote"):
                if note.get(f"{W}type") is None:
                    number = int(note.get(f"{W}id", "0"))
                    self.open.clear()
                    for paragraph in note.iter(f"{W}p"):
                        self._paragraph(paragraph, number)
        version, commit = self._stamp()
        items = [*self._comments(), *self.changes]
        return ReturnedCopy(self.name, version, commit, self.bookmarks, tuple(items))

    # -- the stamp ----------------------------------------------------------------------

    def _stamp(self) -> tuple[str | None, str | None]:
        properties = self._xml("docProps/custom.xml")
        found: dict[str, str] = {}
        if properties is not None:
            for prop in properties.iterfind(f"{_CUSTOM}property"):
                found[prop.get("name", "")] = "".join(prop.itertext()).strip()
        return found.get(VERSION_PROPERTY) or None, found.get(COMMIT_PROPERTY) or None

    # -- paragraphs ------------------------------------------------------------------------

    def _paragraph(self, paragraph: Any, note: int | None) -> None:
        """Read one paragraph: its anchors, its text before the reviewer's changes, its
        comment ranges and tracked changes, its note references."""
        if any(ancestor.tag == f"{W}p" for ancestor in paragraph.iterancestors()):
            return  # a paragraph in a text box inside a paragraph: read with its own
        anchors = list(self.open.values())
        original: list[str] = []
        pending: list[str] = []  # comments whose range starts here
        changes: list[tuple[Any, int]] = []
        references = 0
        for node in paragraph_content(paragraph):
            tag = node.tag
            if tag == f"{W}bookmarkStart":
                anchor = ast.anchor_of_bookmark(node.get(f"{W}name", ""))
                if anchor is not None:
                    self.bookmarks += 1
                    self.open[node.get(f"{W}id", "")] = anchor
                    anchors.append(anchor)
            elif tag == f"{W}bookmarkEnd":
                self.open.pop(node.get(f"{W}id", ""), None)
            elif tag == f"{W}commentRangeStart":
                pending.append(node.get(f"{W}id", ""))
                self.ranges[pending[-1]] = _Span()
                self.active.append(self.ranges[pending[-1]])
            elif tag == f"{W}commentRangeEnd":
                span = self.ranges.get(node.get(f"{W}id", ""))
                if span is not None and span in self.active:
                    self.active.remove(span)
            elif tag in (f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom"):
                changes.append((node, len("".join(original))))
                if tag in (f"{W}del", f"{W}moveFrom"):
                    original.append(_text(node, deleted=True))
                self._into_ranges(_text(node, deleted=False) if tag in (f"{W}ins", f"{W}moveTo")
                                  else "")
            elif tag == f"{W}r":
                words = _text(node, deleted=False)
                original.append(words)
                self._into_ranges(words)
                reference = node.find(f"{W}footnoteReference")
                if reference is not None and note is None:
                    self.references[int(reference.get(f"{W}id", "0"))] = \
                        (tuple(anchors), references)
                    references += 1
        self._into_ranges(" ")  # a range over several paragraphs
        text = "".join(original)
        place = Place(tuple(anchors), text, note, self.references.get(note) if note else None)
        for comment_id in pending:
            self.places[comment_id] = place
        for node, offset in changes:
            self._change(node, offset, place)

    def _into_ranges(self, words: str) -> None:
        for span in self.active:
            span.words.append(words)

    def _change(self, node: Any, offset: int, place: Place) -> None:
        inserted = node.tag in (f"{W}ins", f"{W}moveTo")
        words = _text(node, deleted=not inserted)
        if not words.strip():
            return  # a paragraph mark or a formatting change: no words changed
        author, date = node.get(f"{W}author", ""), _day(node.get(f"{W}date", ""))
        context = _around(place.text, offset, len(words) if not inserted else 0)
        previous = self.changes[-1] if self.changes else None
        if inserted and previous is not None and previous.kind == "deletion" and \
                previous.place == place and previous.author == author and \
                previous.at + len(previous.old) == offset:  # words put where others were
            self.changes[-1] = CopyItem("replacement", author, date, words, previous.old,
                                        previous.passage, place, (), previous.at,
                                        previous.before)
            return
        self.changes.append(CopyItem("insertion" if inserted else "deletion", author, date,
                                     words if inserted else "", "" if inserted else words,
                                     context, place, (), offset, _before(place.text, offset)))

    # -- comments -----------------------------------------------------------------------

    def _comments(self) -> Iterator[CopyItem]:
        comments = self._xml("word/comments.xml")
        if comments is None:
            return
        parents = self._reply_parents()
        owner: dict[str, str] = {}  # paragraph id -> comment id
        found: dict[str, Any] = {}
        for comment in comments.iterfind(f"{W}comment"):
            comment_id = comment.get(f"{W}id", "")
            found[comment_id] = comment
            for paragraph in comment.iterfind(f"{W}p"):
                owner[paragraph.get(f"{W14}paraId", "")] = comment_id
        replies: dict[str, list[Reply]] = {}
        for comment_id, comment in found.items():
            parent = self._parent_of(comment, parents, owner)
            if parent is not None and parent != comment_id:
                replies.setdefault(parent, []).append(_reply(comment))
        for comment_id, comment in found.items():
            if self._parent_of(comment, parents, owner) not in (None, comment_id):
                continue  # a reply: it goes with its comment
            place = self.places.get(comment_id)
            if place is None:
                continue  # a comment whose range the reviewer deleted with its text
            span = self.ranges.get(comment_id)
            words = "".join(span.words if span else []).strip()
            reply = _reply(comment)
            yield CopyItem("comment", reply.author, reply.date, reply.text, "",
                           words or place.text, place, tuple(replies.get(comment_id, [])))

    def _reply_parents(self) -> dict[str, str]:
        """paragraph id of a reply -> paragraph id of what it answers (commentsExtended)."""
        extended = self._xml("word/commentsExtended.xml")
        if extended is None:
            return {}
        return {ex.get(f"{W15}paraId", ""): ex.get(f"{W15}paraIdParent", "")
                for ex in extended.iterfind(f"{W15}commentEx")
                if ex.get(f"{W15}paraIdParent")}

    @staticmethod
    def _parent_of(comment: Any, parents: dict[str, str], owner: dict[str, str]) -> str | None:
        for paragraph in comment.iterfind(f"{W}p"):
            parent = parents.get(paragraph.get(f"{W14}paraId", ""))
            if parent is not None:
                return owner.get(parent)
        return None


def paragraph_content(paragraph: Any) -> Iterator[Any]:
    """The children of a paragraph that carry text or marks, hyperlinks and smart tags
    opened; a tracked change stays whole."""
    for node in paragraph:
        if node.tag in (f"{W}hyperlink", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent",
                        f"{W}customXml", f"{W}fldSimple"):
            yield from paragraph_content(node)
        else:
            yield node


def _text(node: Any, deleted: bool) -> str:
    """The words of a run or a change: w:t (what shows), or w:delText (what was deleted);
    breaks and tabs as a space."""
    out = []
    for element in node.iter():
        if element.tag == (f"{W}delText" if deleted else f"{W}t"):
            out.append(element.text or "")
        elif element.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
    return "".join(out)


def words_of(paragraphs: Iterable[Any], between: str = "\n") -> str:
    """The words of paragraphs (<w:p>) as they show, one `between` the next."""
    return between.join("".join(t.text or "" for t in p.iter(f"{W}t"))
                        for p in paragraphs).strip()


def _reply(comment: Any) -> Reply:
    return Reply(comment.get(f"{W}author", ""), _day(comment.get(f"{W}date", "")),
                 words_of(comment.iterfind(f"{W}p")))


def _day(stamp: str) -> str:
    return stamp[:10] if len(stamp) >= 10 and stamp[4] == "-" else ""


def _before(text: str, offset: int, reach: int = 40) -> str:
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
