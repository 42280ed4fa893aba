"""The blocks of two drafts side by side: which older block is which newer one.

First the same YAML (anchors) in the same order; between those runs, a block of the one
draft whose anchor stands elsewhere in the other moved there; the rest are paired in order
by kind and likeness (one block edited), and what is left was taken out or put in. Last, a
block taken out that is nearly the same words as one put in elsewhere moved and was edited.
Moved blocks next to each other in both drafts are one move (a section with its paragraphs).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Literal, NamedTuple, TypeGuard

from .. import ast

SIMILAR = 0.5  # paragraphs this alike are one paragraph edited, not one out and one in
MOVED = 0.8  # a block taken out this alike to one put in elsewhere moved there
SHORTEST_MOVE = 40  # characters: shorter blocks moved only if their anchor says so
SHARED_RUNS = 0.4  # of its runs of three words: a block sharing fewer is not compared
CANDIDATES = 5  # the blocks sharing the most runs with one taken out, compared with it

Kind = Literal["equal", "pair", "delete", "insert", "from", "to"]


class Step(NamedTuple):
    """One block of the compared draft: both drafts' block (equal, pair, a move's source
    "from" and its destination "to", with the move), or one draft's (delete, insert)."""

    kind: Kind
    old: ast.Block | None
    new: ast.Block | None
    move: ast.Move | None = None


def aligned(old: Sequence[ast.Block], new: Sequence[ast.Block],
            move_name: Callable[[], str]) -> list[Step]:
    """The blocks of both drafts in the newer's order, a block taken out where it stood;
    `move_name` gives each move its name."""
    matcher = difflib.SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                      autojunk=False)
    opcodes = matcher.get_opcodes()
    moved = _Moved(_Texts())
    moved.by_anchor([b for op, i1, i2, _, _ in opcodes if op != "equal" for b in old[i1:i2]],
                    [b for op, _, _, j1, j2 in opcodes if op != "equal" for b in new[j1:j2]])
    steps: list[Step] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            steps += [Step("equal", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            steps += _paired(old[i1:i2], new[j1:j2], moved)
    moved.by_likeness(steps)
    return _named(_partnered(steps, moved), move_name)


class _Moved:
    """The moved blocks found so far: each older block's partner in the newer draft, and
    each newer block's in the older (by id: the trees' nodes are values)."""

    def __init__(self, texts: _Texts) -> None:
        self.texts = texts
        self.away: dict[int, ast.Block] = {}  # an older block's id → where it went
        self.here: dict[int, ast.Block] = {}  # a newer block's id → where it came from

    def pair(self, old: ast.Block, new: ast.Block) -> None:
        self.away[id(old)], self.here[id(new)] = new, old

    def by_anchor(self, old: list[ast.Block], new: list[ast.Block]) -> None:
        """Blocks outside the runs of the same YAML whose anchor is in both drafts."""
        coming = {b.anchor: b for b in new if _movable(b)}
        for block in old:
            partner = coming.get(block.anchor) if _movable(block) else None
            if partner is not None and type(partner) is type(block):
                self.pair(block, partner)

    def by_likeness(self, steps: list[Step]) -> None:
        """A block taken out and one put in with nearly the same words (which an earlier
        pairing passed over, or which stands elsewhere): moved, and edited where it now
        stands. A reworded report has hundreds of paragraphs out and in: only those that
        share many runs of three words are compared, through an index of those runs."""
        coming = [step.new for step in steps if step.kind == "insert" and
                  _movable(step.new) and _long(step.new)]
        index: dict[tuple[str, ...], list[int]] = {}
        for number, block in enumerate(coming):
            for run in self.texts.runs(block):
                index.setdefault(run, []).append(number)
        for step in steps:
            gone = step.old
            if step.kind != "delete" or not _movable(gone) or not _long(gone):
                continue
            runs = self.texts.runs(gone)
            shared = Counter(n for run in runs for n in index.get(run, ()))
            best, best_ratio = None, MOVED
            for number, count in shared.most_common(CANDIDATES):
                candidate = coming[number]
                if count < SHARED_RUNS * max(len(runs), len(self.texts.runs(candidate))) or \
                        id(candidate) in self.here or type(candidate) is not type(gone):
                    continue
                ratio = self.texts.likeness(gone, candidate)
                if ratio >= best_ratio:
                    best, best_ratio = candidate, ratio
            if best is not None:
                self.pair(gone, best)


class _Texts:
    """The blocks' words, each found once (a block is compared with many)."""

    def __init__(self) -> None:
        self._words: dict[int, list[str]] = {}
        self._runs: dict[int, set[tuple[str, ...]]] = {}

    def words(self, block: ast.Block) -> list[str]:
        found = self._words.get(id(block))
        if found is None:
            found = self._words[id(block)] = text(block).split()
        return found

    def runs(self, block: ast.Block) -> set[tuple[str, ...]]:
        """The block's runs of three words."""
        found = self._runs.get(id(block))
        if found is None:
            words = self.words(block)
            found = self._runs[id(block)] = {tuple(words[i:i + 3])
                                             for i in range(max(1, len(words) - 2))}
        return found

    def likeness(self, old: ast.Block, new: ast.Block) -> float:
        """How alike two blocks' words are, in order (0 to 1), as difflib's ratio; one of
        a table or a page break is like any other."""
        if isinstance(old, ast.Table | ast.SectionBreak):
            return 1.0
        before, after = self.words(old), self.words(new)
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            return 0.0  # the bounds are cheap; most blocks fail them
        return matcher.ratio()


def _paired(old: Sequence[ast.Block], new: Sequence[ast.Block], moved: _Moved) -> list[Step]:
    """In order: each newer block paired with the first older one of its kind alike enough
    after the last pairing; the older ones passed over are taken out (or moved away)."""
    steps: list[Step] = []
    start = 0

    def passed(upto: int) -> None:
        steps.extend(Step("from" if id(b) in moved.away else "delete", b, None)
                     for b in old[start:upto])

    for block in new:
        if id(block) in moved.here:
            steps.append(Step("to", None, block))
            continue
        found = next((i for i in range(start, len(old))
                      if id(old[i]) not in moved.away and type(old[i]) is type(block)
                      and moved.texts.likeness(old[i], block) >= SIMILAR), None)
        if found is None:
            steps.append(Step("insert", None, block))
            continue
        passed(found)
        steps.append(Step("pair", old[found], block))
        start = found + 1
    passed(len(old))
    return steps


def _partnered(steps: list[Step], moved: _Moved) -> list[Step]:
    """Every step of a moved block as a move's source or destination, with its partner."""
    out = []
    for step in steps:
        if step.old is not None and step.new is None and id(step.old) in moved.away:
            out.append(Step("from", step.old, moved.away[id(step.old)]))
        elif step.new is not None and step.old is None and id(step.new) in moved.here:
            out.append(Step("to", moved.here[id(step.new)], step.new))
        else:
            out.append(step)
    return out


def _named(steps: list[Step], move_name: Callable[[], str]) -> list[Step]:
    """Moved blocks that stand next to each other, in the same order, in both drafts: one
    move, named once, its range from the first block to the last."""
    destination = {id(step.new): index for index, step in enumerate(steps) if step.kind == "to"}
    groups: list[list[int]] = []  # each move: the indexes of its sources
    for index, step in enumerate(steps):
        if step.kind != "from":
            continue
        last = groups[-1][-1] if groups else None
        if last == index - 1 and destination[id(steps[last].new)] + 1 == \
                destination[id(step.new)]:
            groups[-1].append(index)
        else:
            groups.append([index])
    out = list(steps)
    for group in groups:
        name = move_name()
        for position, source in enumerate(group):
            move = ast.Move(name, starts=position == 0, ends=position == len(group) - 1)
            out[source] = out[source]._replace(move=move)
            target = destination[id(steps[source].new)]
            out[target] = out[target]._replace(move=move)
    return out


def _movable(block: ast.Block | None) -> TypeGuard[ast.Heading | ast.Paragraph | ast.ListItem]:
    """Headings, paragraphs and items move as Word moves them; a table's rows cannot be a
    move in Word (a row is only inserted or deleted), and a section break is pages."""
    return isinstance(block, ast.Heading | ast.Paragraph | ast.ListItem)


def _long(block: ast.Block | None) -> bool:
    return block is not None and len(text(block)) >= SHORTEST_MOVE


def _key(block: ast.Block) -> object:
    if isinstance(block, ast.SectionBreak):
        return ("break", block.page)
    return block.anchor


def text(block: ast.Block) -> str:
    """The block's printed words, as likeness compares them."""
    if isinstance(block, ast.Heading):
        return ast.plain(block.title)
    if isinstance(block, ast.Paragraph):
        return ast.plain(block.content)
    if isinstance(block, ast.ListItem):
        return " ".join(ast.plain(p.content) for p in block.paragraphs)
    return ""
