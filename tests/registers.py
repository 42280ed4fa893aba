"""What the tests of the comment round read back: a round's register, and the YAML line an
entry should point at."""

from __future__ import annotations

from pathlib import Path

import yaml


def entries(root: Path, round_name: str = "vong-1") -> list[dict]:
    """The entries of feedback/<round>.yaml under `root`."""
    text = (root / "feedback" / f"{round_name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["entries"]


def line_of(root: Path, file: str, words: str) -> int:
    """The line of the YAML value whose text holds `words`: the line of its key or list
    item (`- >-`) where the text is a block under it."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    found = next(i for i, line in enumerate(lines, start=1) if words in line)
    return found - 1 if lines[found - 2].rstrip().endswith((">-", "|-", ">", "|")) else found
