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
            block = self._block(scalar, value, edit)
            if _reads_as(block, value):
                return text[:start] + block + text[end:]
            # a value the block cannot hold as written (spaces where lines meet): quoted,
            # the line breaks after the block kept
            original = text[start:end]
            return text[:start] + json.dumps(value, ensure_ascii=False) + \
                original[len(original.rstrip("\n")):] + text[end:]
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


MAX_LINE = 100  # a line of the report's YAML, as the editors' files are written


def _refolded(lines: list[str], pad: str, value: str, edit: tuple[int, int, int]) -> list[str]:
    """The lines of a folded block holding `value`: the lines the change touches hold the
    new words, every other line as it was. A line that grows past MAX_LINE (or the file's
    longest) is broken at a space, its rest on a line of its own, so a one-word edit is a
    one- or two-line change of the file."""
    start, old_end, new_end = edit  # the change in the old value: start..old_end; new: ..new_end
    texts = [line.strip() for line in lines]
    begins, offset = [], 0  # where each old line begins in the old value
    for text in texts:
        begins.append(offset)
        offset += len(text) + 1
    first = max(i for i, begin in enumerate(begins) if begin <= start)
    if first and start == begins[first] and start == old_end:
        first -= 1  # an insertion at a line's start goes at the end of the line before
    last = max(i for i, begin in enumerate(begins) if begin <= max(old_end - 1, start))
    last = max(last, first)
    end = begins[last] + len(texts[last]) + (new_end - old_end)
    width = max(MAX_LINE, *(len(line) for line in lines)) - len(pad)
    middle = [pad + text for text in _broken(value[begins[first]:end], width) if text]
    return lines[:first] + middle + lines[last + 1:]


def _broken(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken at single spaces outside a
    {{ … }} (a word longer than `width` stays whole)."""
    out = []
    while len(text) > width:
        cut = _break_before(text, width)
        if cut is None:
            break
        out.append(text[:cut])
        text = text[cut + 1:]
    out.append(text)
    return out


def _break_before(text: str, width: int) -> int | None:
    """The last single space at or before `width` where a line may end."""
    for at in range(min(width, len(text) - 1), 0, -1):
        if text[at] == " " and text[at - 1] != " " and text[at + 1] != " " and \
                text[:at].count("{{") == text[:at].count("}}"):
            return at
    return None


def _reads_as(block: str, value: str) -> bool:
    """Whether a block scalar (its indicator line and its indented lines) reads back as
    `value`."""
    try:
        return bool(yaml.safe_load("k: " + block) == {"k": value})
    except yaml.YAMLError:
        return False


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
