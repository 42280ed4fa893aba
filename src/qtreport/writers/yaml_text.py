"""Editing YAML text as an editor would: one scalar's words changed, or a line added under
a key, and nothing else of the file touched (its comments, quoting, folding and order).

PyYAML composes the file to find where each scalar is written; the change is then made in
the text itself, so a pull request shows only the lines that changed. A folded block is
wrapped again as the file wraps it, only the lines the change moves; a literal block keeps
its lines; a quoted scalar keeps its quotes; a plain one is quoted only if YAML would read
it otherwise. `feedback apply` writes reviewers' edits through it, and the register's
`applied: true`.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..record import Record


class Edited(Record):
    """The file's new text."""

    text: str


class Refused(Record):
    """Why the edit cannot be made."""

    reason: str


def line_added(text: str, after: int, column: int, line: str) -> str:
    """`text` with `line` added after line `after` (1-based), indented to `column`."""
    lines = text.splitlines(keepends=True)
    lines.insert(after, " " * max(column - 1, 0) + line + "\n")
    return "".join(lines)


class YamlText:
    """One YAML file's text, and the scalars in it by where they are written."""

    def __init__(self, text: str):
        self.text = text
        self.root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    def value_at(self, line: int, column: int, key: str = "text") -> str | None:
        """The text of the scalar written at line:column (1-based): the node there, or the
        value of its `key` if it is a mapping; None if there is none."""
        scalar = self._scalar(line, column, key)
        return scalar.value if scalar is not None else None

    def replaced(self, line: int, column: int, key: str, start: int, end: int,
                 new: str) -> Edited | Refused:
        """The file with value[start:end] of that scalar replaced by `new` (already in the
        report's markup), the rest of the file as it was."""
        scalar = self._scalar(line, column, key)
        if scalar is None:
            return Refused("its YAML text was not found where the report says it is written")
        value = scalar.value
        if not 0 <= start <= end <= len(value):
            return Refused("the words are not in the YAML text where the report says")
        changed = value[:start] + new + value[end:]
        return Edited(self._rewritten(scalar, changed, (start, end, start + len(new))))

    def _scalar(self, line: int, column: int, key: str) -> Any:
        """The scalar of the node written at line:column: the node itself, or the value of
        the key there, or its `key` (text, title) if that is a mapping."""
        for node, key_node in _walk(self.root, None):
            mark = (key_node or node).start_mark
            if (mark.line + 1, mark.column + 1) != (line, column) and \
                    (node.start_mark.line + 1, node.start_mark.column + 1) != (line, column):
                continue
            if isinstance(node, yaml.ScalarNode):
                return node
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key and isinstance(v, yaml.ScalarNode):
                        return v
        return None

    def _rewritten(self, scalar: Any, value: str, edit: tuple[int, int, int]) -> str:
        text = self.text
        start, end = scalar.start_mark.index, scalar.end_mark.index
        if scalar.style in (">", "|"):
            return text[:start] + self._block(scalar, value, edit) + text[end:]
        if scalar.style == "'":
            written = "'" + value.replace("'", "''") + "'"
        elif scalar.style == '"' or not _plain_safe(value):
            written = json.dumps(value, ensure_ascii=False)
        else:
            written = value
        return text[:start] + written + text[end:]

    def _block(self, scalar: Any, value: str, edit: tuple[int, int, int]) -> str:
        """A block scalar written again: its indicator line as it was; a literal block line
        for line; a folded one wrapped as the file wraps it, only the lines the change
        moves."""
        original = self.text[scalar.start_mark.index:scalar.end_mark.index]
        header, _, body = original.partition("\n")
        content = body.rstrip("\n")
        trailing = body[len(content):]
        lines = content.split("\n")
        indent = len(lines[0]) - len(lines[0].lstrip())
        pad = " " * indent
        if scalar.style == "|":
            return header + "\n" + "\n".join(pad + line if line else line
                                            for line in value.split("\n")) + trailing
        return header + "\n" + "\n".join(_refolded(lines, pad, value, edit)) + trailing


def _refolded(lines: list[str], pad: str, value: str, edit: tuple[int, int, int]) -> list[str]:
    """The lines of a folded block holding `value`: those before the change as they were,
    the changed ones wrapped to the file's width, and, once a wrapped line ends where an
    old one did, the old ones again."""
    start, old_end, new_end = edit  # the change in the old value: start..old_end; new: ..new_end
    shift = new_end - old_end
    widths = sorted(len(line) for line in lines[:-1]) or [100]
    width = max(widths[len(widths) // 2], 60) - len(pad)  # the file's usual width
    ends, offset = [], 0  # where each old line ends in the old value
    for line in lines:
        offset += len(line.strip()) + 1
        ends.append(offset - 1)
    first = next((i for i, end in enumerate(ends) if end >= start), len(lines) - 1)
    begin = ends[first - 1] + 1 if first else 0
    out = lines[:first]
    position = begin
    for line in _wrap(value[begin:], width):
        out.append(pad + line)
        position += len(line) + 1
        end = position - 1
        if end > new_end and end - shift in ends:  # back in step with the old lines
            return out + lines[ends.index(end - shift) + 1:]
    return out


def _walk(node: Any, key: Any) -> Any:
    yield node, key
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yield from _walk(v, k)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, None)


def _plain_safe(value: str) -> bool:
    """A value that YAML reads back as the same text when written plain."""
    if not value or value != value.strip() or "\n" in value or ": " in value or " #" in value:
        return False
    if value[0] in "!&*[]{}|>'\"%@`#,?:-":
        return False
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def _wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word on its own line); a
    {{ … }} is not broken."""
    words: list[str] = []
    for word in text.split(" "):
        if words and words[-1].count("{{") > words[-1].count("}}"):
            words[-1] += " " + word  # inside a template: one word
        else:
            words.append(word)
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines
