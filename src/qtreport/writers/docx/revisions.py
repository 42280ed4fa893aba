"""Tracked changes (a comparison of two drafts, diff/): words added (<w:ins>) and taken
out (<w:del>, their text in <w:delText>), paragraphs and table rows added or taken out
(the mark in the paragraph's or row's properties); words and paragraphs moved, as Word
writes a move: the source in <w:moveFrom>, the destination in <w:moveTo>, each inside a
named move range (<w:moveFromRangeStart w:name="move1"/> … <w:moveFromRangeEnd/>, the
same name at both ends of the move). Word's own revisions: Accept All gives the newer
draft, Reject All the older one."""

from __future__ import annotations

from typing import Any

from ... import ast
from .xml import paragraph_properties, sub, sub_path

TAG = {"inserted": "w:ins", "deleted": "w:del", "moved_from": "w:moveFrom",
       "moved_to": "w:moveTo"}
RANGE = {"moved_from": "w:moveFromRange", "moved_to": "w:moveToRange"}


class Revisions:
    """The revision marks of one document: each with its id, author and date."""

    def __init__(self, revision: ast.Revision | None, ids: Any):
        self.revision = revision
        self.ids = ids  # the writer's counter, shared with bookmarks: ids stay unique
        self._open: dict[tuple[ast.Change, str], int] = {}  # a move range begun: its id

    def _attributes(self) -> dict[str, str | int]:
        assert self.revision is not None
        return {"w:id": next(self.ids), "w:author": self.revision.author,
                "w:date": self.revision.date}

    def wrapper(self, p: Any, change: ast.Change) -> Any:
        """A new <w:ins> or <w:del> at the end of paragraph `p`, for runs to go into."""
        return sub(p, TAG[change or "inserted"], self._attributes())

    def mark_paragraph(self, p: Any, change: ast.Change) -> None:
        """The paragraph's mark added or taken out: accepting or rejecting joins it to the
        next paragraph or removes it with its text."""
        if change is not None and self.revision is not None:
            sub(sub_path(paragraph_properties(p), "w:rPr"), TAG[change], self._attributes())

    def mark_row(self, tr: Any, change: ast.Change) -> None:
        if change is not None and self.revision is not None:
            sub(sub_path(tr, "w:trPr"), TAG[change], self._attributes())

    def start_move(self, p: Any, change: ast.Change, name: str) -> None:
        """A move range begins, at the end of paragraph `p` so far: the move's source if
        `change` is "moved_from", its destination if "moved_to"."""
        if self.revision is not None and change in RANGE:
            attributes = {**self._attributes(), "w:name": name}
            self._open[change, name] = int(attributes["w:id"])
            sub(p, RANGE[change] + "Start", attributes)

    def end_move(self, p: Any, change: ast.Change, name: str) -> None:
        """The move range begun for `name` ends, at the end of paragraph `p` so far."""
        number = self._open.pop((change, name), None)
        if number is not None and change is not None:
            sub(p, RANGE[change] + "End", {"w:id": number})
