"""What a comparison of two drafts found, for people: the tallies of targets reached that
changed (the line a committee looks for first), every sentence whose figures changed shown
around them, the figures of the appendices, what was added, taken out, edited and moved,
and under which headings. As lines for the terminal (output.py prints them) or as Markdown
(a pull request's job summary)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .. import ast
from ..record import Record
from ..writers.markdown import escape
from .tokens import Token, is_figure

CONTEXT = 60  # characters of a sentence kept on each side of its changed figures
MOST_LISTED = 100  # lines of a list in the Markdown summary: a job summary holds 1 MiB


class Counts(Record, kw_only=True):
    added: int = 0
    removed: int = 0
    edited: int = 0
    moved: int = 0


class FigureChange(Record, kw_only=True):
    """A cell of an appendix that changed: the indicator's row, the column, old → new."""

    table: str
    row: str
    column: str
    old: str
    new: str


class TallyChange(Record):
    """An appendix's count of targets reached, in the older draft and the newer."""

    table: int  # the appendix's number
    old: ast.Tally | None
    new: ast.Tally | None

    def text(self) -> str:
        return f"Phụ lục {self.table}: {_tally(self.old)} → {_tally(self.new)} chỉ tiêu " + \
            ("đạt và vượt tiến độ" if (self.new or self.old or ast.Tally(0, 0)).as_of
             else "đạt và vượt")


class Quote(Record):
    """A sentence whose figures changed, around them: its words, and each change as the
    older words and the newer ("… ước tăng ", ("17,08%", "17,27%"), "/năm …")."""

    where: str  # the heading it is under ("chú thích 12" for a note's)
    pieces: tuple[str | tuple[str, str], ...]

    @property
    def place(self) -> str:
        """Where, to be followed by a colon: the heading without its full stop."""
        return self.where.rstrip(" .:")

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else f"{p[0] or '∅'} → {p[1] or '∅'}"
                       for p in self.pieces)


class Summary(Record, kw_only=True):
    sections: tuple[str, ...]  # the headings under which something changed
    paragraphs: Counts  # headings, paragraphs, items' paragraphs
    notes: Counts
    moves: int  # the passages moved (a section moved with its paragraphs is one)
    tallies: tuple[TallyChange, ...]
    figures: tuple[FigureChange, ...]
    quotes: tuple[Quote, ...]  # the sentences whose figures changed

    @property
    def changed(self) -> bool:
        return bool(self.sections or self.tallies or self.figures)


def tallies(old: ast.Document, new: ast.Document) -> tuple[TallyChange, ...]:
    """The appendices whose count of targets reached differs between the drafts."""
    before = {t.number: t.tally for t in old.tables if t.tally and t.tally.counted}
    after = {t.number: t.tally for t in new.tables if t.tally and t.tally.counted}
    return tuple(TallyChange(number, before.get(number), after.get(number))
                 for number in sorted(before.keys() | after.keys())
                 if before.get(number) != after.get(number))


def _tally(tally: ast.Tally | None) -> str:
    return f"{tally.achieved}/{tally.counted}" if tally else "—"


# -- sentences whose figures changed ------------------------------------------------------------

Piece = tuple[str, str, bool]  # the older words, the newer, whether they changed


def quotes(where: str, before: Sequence[Token], after: Sequence[Token],
           opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[Quote]:
    """The sentences of a paragraph compared word by word (`opcodes` of its tokens) in
    which a figure changed, each cut to the words around its changes."""
    out = []
    for sentence in _sentences(_pieces(before, after, opcodes)):
        changes = [i for i, (old, new, changed) in enumerate(sentence) if changed and
                   any(is_figure(word) for word in (old.split() + new.split()))]
        if changes:
            out.append(Quote(where, tuple(_cut(sentence))))
    return out


def _pieces(before: Sequence[Token], after: Sequence[Token],
            opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[Piece]:
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            pieces += [(t.text, t.text, False) for t in after[j1:j2]]
        else:
            old = "".join(t.text for t in before[i1:i2])
            new = "".join(t.text for t in after[j1:j2])
            if old.strip() or new.strip():
                pieces.append((old, new, True))
    return pieces


def _sentences(pieces: list[Piece]) -> Iterator[list[Piece]]:
    """The pieces cut after each full stop, semicolon, question or exclamation mark that
    both drafts have, followed by a space."""
    sentence: list[Piece] = []
    for piece in pieces:
        sentence.append(piece)
        _, new, changed = piece
        if not changed and new.isspace() and len(sentence) > 1 and \
                not sentence[-2][2] and sentence[-2][1] in (".", ";", "?", "!"):
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def _cut(sentence: list[Piece]) -> Iterator[str | tuple[str, str]]:
    """The sentence from a little before its first change to a little after its last;
    the words between two changes kept, unless there are many."""
    changed = [i for i, piece in enumerate(sentence) if piece[2]]
    first, last = changed[0], changed[-1]
    yield _tail("".join(p[1] for p in sentence[:first]).lstrip())
    between: list[str] = []
    for old, new, is_change in sentence[first:last + 1]:
        if not is_change:
            between.append(new)
            continue
        if between:
            words = "".join(between)
            yield words if len(words) <= 2 * CONTEXT else \
                _head(words, mark=False) + " … " + _tail(words, mark=False)
            between = []
        yield from _spaced(old, new)
    yield _head("".join(p[1] for p in sentence[last + 1:]).rstrip())


def _spaced(old: str, new: str) -> Iterator[str | tuple[str, str]]:
    """A change as its two words, the spaces around them kept outside."""
    either = new if new.strip() else old
    lead, trail = either[:len(either) - len(either.lstrip())], either[len(either.rstrip()):]
    if lead:
        yield lead
    yield old.strip(), new.strip()
    if trail:
        yield trail


def _tail(text: str, mark: bool = True) -> str:
    """The last words of `text`, about CONTEXT characters of them; "…" where cut."""
    if len(text) <= CONTEXT:
        return text
    cut = text[-CONTEXT:]
    cut = cut[cut.find(" ") + 1:] if " " in cut else cut
    return "… " + cut if mark else cut


def _head(text: str, mark: bool = True) -> str:
    """The first words of `text`, about CONTEXT characters of them; "…" where cut."""
    if len(text) <= CONTEXT:
        return text
    cut = text[:CONTEXT]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return cut + " …" if mark else cut


# -- as Markdown --------------------------------------------------------------------------------

def markdown(summary: Summary, old: str, new: str) -> str:
    """The summary as GitHub Markdown: a pull request's job summary."""
    lines = [f"### So sánh hai bản dự thảo (compared): {_code(old)} → {_code(new)}", ""]
    if not summary.changed:
        return "\n".join([*lines, "Bản in không thay đổi (the printed report is unchanged).",
                          ""])
    if summary.tallies:
        lines += ["**Chỉ tiêu đạt (targets reached):**", ""]
        lines += [f"- {escape(t.text())}" for t in summary.tallies] + [""]
    lines += _counts_table(summary)
    if summary.quotes:
        lines += ["#### Câu có số liệu thay đổi (sentences whose figures changed)", ""]
        lines += _capped([f"- {f'*{escape(q.place)}*: ' if q.place else ''}{_quoted(q)}"
                          for q in summary.quotes])
    if summary.figures:
        lines += ["#### Số liệu thay đổi trong phụ lục (figures changed in the appendices)", "",
                  "| Phụ lục | Chỉ tiêu | Cột | Cũ (old) | Mới (new) |",
                  "| --- | --- | --- | ---: | ---: |"]
        lines += _capped([f"| {_cell(f.table)} | {_cell(f.row)} | {_cell(f.column)} | "
                          f"{_cell(f.old or '—')} | {_cell(f.new or '—')} |"
                          for f in summary.figures], table=True)
    if summary.sections:
        lines += ["#### Mục có thay đổi (sections changed)", ""]
        lines += _capped([f"- {escape(section)}" for section in summary.sections])
    return "\n".join(lines)


def _capped(lines: list[str], table: bool = False) -> list[str]:
    """At most MOST_LISTED of the lines, then how many more the draft has (the whole is
    in the tracked-change draft), and a blank line."""
    if len(lines) <= MOST_LISTED:
        return [*lines, ""]
    more = f"… và {len(lines) - MOST_LISTED} dòng nữa (and {len(lines) - MOST_LISTED} " \
           "more: every change is in the -so-sanh.docx)"
    return [*lines[:MOST_LISTED], "", more, ""] if table else \
        [*lines[:MOST_LISTED], f"- {more}", ""]


def _counts_table(summary: Summary) -> list[str]:
    rows = [("Đoạn văn (paragraphs)", summary.paragraphs), ("Chú thích (notes)", summary.notes)]
    lines = ["| | Thêm (added) | Bỏ (removed) | Sửa (edited) | Chuyển chỗ (moved) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {name} | {c.added} | {c.removed} | {c.edited} | {c.moved} |"
              for name, c in rows]
    if summary.moves:
        lines += ["", f"Chuyển chỗ (moved): {summary.moves} đoạn liền (passages)"]
    return [*lines, ""]


def _quoted(quote: Quote) -> str:
    return "".join(escape(p) if isinstance(p, str) else
                   (f"~~{escape(p[0])}~~" if p[0] else "") + " → " +
                   (f"**{escape(p[1])}**" if p[1] else "∅") for p in quote.pieces)


def _cell(text: str) -> str:
    return escape(" ".join(text.split()))


def _code(name: str) -> str:
    return f"`{name.replace('`', '')}`"
