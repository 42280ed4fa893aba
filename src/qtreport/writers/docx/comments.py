"""Reviewers' remarks as real Word comments (a `--review` build), through python-docx's
public comments API; without their date, so the same input gives the same bytes."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ... import ast
from .xml import remove_attribute, tag

REVIEWER, INITIALS = "Góp ý", "GY"  # the author shown on remarks turned into comments

# The styles Word's comments use, for a style sheet that does not define them.
COMMENT_STYLES = (
    ast.Style(id="CommentText", name="annotation text", size=10, first_line_mm=0, space_after=0,
              line=1.0),
    ast.Style(id="CommentReference", name="annotation reference", type="character", size=8),
)


class Comments:
    def __init__(self, document: DocxDocument):
        self.document = document
        self.count = 0

    def add(self, p: Any, runs: list[Any], text: str, by: str | None = None) -> None:
        """A comment on the runs (<w:r>) of paragraph <w:p>, by `by` (else "Góp ý")."""
        owner = Paragraph(p, self.document.part)
        self.document.add_comment([Run(r, owner) for r in runs], text=text,
                                  author=by or REVIEWER, initials=_initials(by) if by else INITIALS)
        self.count += 1

    def finish(self) -> None:
        """No timestamps: the same input must give the same bytes."""
        if not self.count:
            return
        part: Any = self.document.part.part_related_by(RT.COMMENTS)
        for comment in part.element.iterfind(tag("w:comment")):
            remove_attribute(comment, "w:date")


def _initials(name: str) -> str:
    """"Ban Kinh tế" → "BKT": Word shows them beside the comment."""
    return "".join(word[0] for word in name.split() if word[0].isalnum()).upper()[:8] or INITIALS
