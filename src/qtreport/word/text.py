"""What a paragraph of a Word document says: its content with hyperlinks, smart tags and
content controls opened, the words of a run or of a tracked change, the words of whole
paragraphs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .names import W

_CONTAINERS = (f"{W}hyperlink", f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}customXml",
               f"{W}fldSimple")


def paragraph_content(paragraph: Any) -> Iterator[Any]:
    """The children of a paragraph that carry text or marks, hyperlinks and smart tags
    opened; a tracked change stays whole."""
    for node in paragraph:
        if node.tag in _CONTAINERS:
            yield from paragraph_content(node)
        else:
            yield node


def run_text(node: Any, deleted: bool = False) -> str:
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
