"""Reviewers' remarks as the tree holds them: a remark written as a text, or as a text with
who made it (`{text: …, by: …}`), becomes an ast.Remark."""

from __future__ import annotations

from .. import ast
from ..validate.models import RemarkValue


def remark_of(*written: RemarkValue | None) -> ast.Remark | None:
    """The remarks as written (a text, or a text with who made it) as one remark of the
    tree."""
    return ast.joined_remarks([ast.Remark(w) if isinstance(w, str) else ast.Remark(w.text, w.by)
                               for w in written if w])
