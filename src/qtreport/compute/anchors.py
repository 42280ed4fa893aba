"""Stable anchor ids for the document's nodes.

An anchor names a node by what the editor wrote, not by where it stands: a paragraph's id
is a digest of its YAML text (before templates run, so a changed figure keeps it), a named
footnote's of its id, an appendix row's of its indicator id. The same YAML text gives the
same id in every build, and an edit elsewhere, even a paragraph inserted just before,
leaves it alone. Two nodes with the same text take "-2", "-3" … in reading order.

The Word writer keeps anchors as bookmarks, so a copy that comes back from a reviewer maps
to the YAML it was built from. Anchors are short, ASCII, and use no character a Word
bookmark name may not have but the hyphen (which the writer turns into "_").
"""

from __future__ import annotations

from hashlib import blake2b

# The kinds of node, as the first letter of their anchors.
HEADING, PARAGRAPH, ITEM, NOTE, TABLE, ROW, GROUP_ROW, FRONT = "hpintrgf"


def digest(text: str) -> str:
    """Ten hex digits of the text's BLAKE2 digest: short, and practically unique."""
    return blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


class Anchors:
    """Hands out the anchors of one document, in reading order."""

    def __init__(self) -> None:
        self._taken: dict[str, int] = {}

    def of_text(self, kind: str, text: str) -> str:
        """The anchor of a node known by its text (a paragraph, a heading)."""
        return self._unique(f"{kind}-{digest(text)}")

    def of_name(self, kind: str, name: str) -> str:
        """The anchor of a node known by a name the editor gave it (a footnote id, an
        indicator id): its text may change and its anchor stays."""
        return self._unique(f"{kind}-{digest('#' + name)}")

    def _unique(self, base: str) -> str:
        count = self._taken.get(base, 0) + 1
        self._taken[base] = count
        return base if count == 1 else f"{base}-{count}"
