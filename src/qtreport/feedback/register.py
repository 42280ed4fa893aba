"""feedback/<round>.yaml, the register of a comment round, written by `feedback add`.

New entries are added at the end of the file as YAML text; nothing already there is
rewritten, so the statuses, responses and comments the team wrote are never touched, and
adding the same copy again adds nothing (an entry's id is a digest of what it says).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..record import Record
from ..validate.models import PENDING
from .mapping import Entry

if TYPE_CHECKING:
    from ..diagnostics import Findings
    from ..readers.yaml import SourceFile
    from ..validate.models import FeedbackRegister

DEFAULT_ROUND = "vong-1"
HEADER = """\
# Sổ tổng hợp ý kiến góp ý (the register of the comment round), written by
# `qtreport feedback add`, answered by the drafting team: for each entry, set `status`
# (tiếp thu, tiếp thu một phần, giải trình; chưa xử lý until then) and write `response`.
# `qtreport feedback table` makes the Bảng tổng hợp, tiếp thu, giải trình from it.
# New entries are added at the end; nothing here is ever rewritten.
round: {round}
entries:
"""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Text on several lines as a block (|), the rest as PyYAML would write it; libyaml's
    emitter where PyYAML has it (sixty times faster: a copy with thousands of comments)."""


# Line separators PyYAML writes raw and reads back as something else (U+2028 in a quoted
# scalar folds into spaces): a reviewer's words keep their lines as plain line breaks.
_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\r": ""})


def _text(dumper: yaml.SafeDumper, value: str) -> Any:
    value = value.translate(_BREAKS)
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def entry_yaml(entry: Entry) -> str:
    """One entry as a list item of `entries:`."""
    fields: dict[str, Any] = {"id": entry.id, "unit": entry.unit}
    if entry.author:
        fields["author"] = entry.author
    if entry.date:
        fields["date"] = entry.date
    fields["kind"] = entry.kind
    for key in ("section", "passage", "comment", "old", "new", "before"):
        if getattr(entry, key):
            fields[key] = getattr(entry, key)
    if entry.replies:
        fields["replies"] = [{k: v for k, v in (("author", a), ("date", d), ("text", t)) if v}
                             for a, d, t in entry.replies]
    for key in ("file", "line", "anchor", "copy", "carried", "unplaced"):
        if getattr(entry, key) is not None:
            fields[key] = getattr(entry, key)
    fields["status"] = PENDING
    fields["response"] = ""
    text = yaml.dump([fields], Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=100, default_flow_style=False)
    return "".join(f"  {line}\n" if line else "\n" for line in text.rstrip("\n").split("\n"))


def append_entries(path: Path, round_name: str, entries: list[str]) -> None:
    """Add `entries` (each as `entry_yaml` writes it) at the end of the register (made
    with its header if missing)."""
    from ..write import write_atomic

    if not entries:
        return
    before = path.read_text(encoding="utf-8") if path.exists() else \
        HEADER.format(round=round_name)
    if before and not before.endswith("\n"):
        before += "\n"
    write_atomic(path, (before + "".join(entries)).encode("utf-8"))


class LoadedRegister(Record):
    """A register as read: its text and positions, and what it says."""

    source: SourceFile
    register: FeedbackRegister


def load_register(target: Path, name: str, folder: Path,
                  findings: Findings) -> LoadedRegister | None:
    """feedback/<round>.yaml loaded and validated; None, with the findings, if it cannot
    be (the caller says what that means for it: no register yet, or one to fix)."""
    from ..readers.yaml import load_file
    from ..validate.models import FeedbackRegister
    from ..validate.schema import validate_model

    loaded = load_file(target, name, findings, inside=folder)
    register = validate_model(loaded, FeedbackRegister, findings) if loaded else None
    if loaded is None or register is None:
        return None
    return LoadedRegister(loaded, register)
