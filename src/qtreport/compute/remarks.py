"""Reviewers' remarks as the tree holds them: a remark written as a text, or as a text with
who made it (`{text: …, by: …}`), becomes an ast.Remark."""

from __future__ import annotations

from .. import ast
from ..validate.models import RemarkNote, RemarkValue


def remark_of(*written: RemarkValue | None) -> ast.Remark | None:
    """The remarks as written (a text, or a text with who made it) as one remark of the
    tree: the texts joined, by the first who is named."""
    notes = [RemarkNote(text=w) if isinstance(w, str) else w for w in written if w]
    if not notes:
        return None
    return ast.Remark("\n".join(n.text for n in notes), next((n.by for n in notes if n.by), None))
