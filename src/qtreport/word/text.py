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
    breaks and tabs as a space. A move's source holds its words in w:t (Word writes them
    so), or in w:delText (as some writers do): either is what was moved away."""
    wanted = {_T, _DEL_TEXT} if node.tag == _MOVE_FROM else {_DEL_TEXT} if deleted else {_T}
    out = []
    for element in node.iter():
        if element.tag in wanted:
            out.append(element.text or "")
        elif element.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
    return "".join(out)


_T, _DEL_TEXT, _MOVE_FROM = f"{W}t", f"{W}delText", f"{W}moveFrom"


def words_of(paragraphs: Iterable[Any], between: str = "\n") -> str:
    """The words of paragraphs (<w:p>) as they show, one `between` the next."""
    return between.join("".join(t.text or "" for t in p.iter(f"{W}t"))
                        for p in paragraphs).strip()
