"""The prose's figures held to the data: a number typed in a sentence (not printed by a
{{ … }}) that stands where an indicator's figure is named — the indicator's name, the year
or period, the unit — is compared with that figure. The same: the binding that would keep
it so is offered (QT605). Another: a warning quoting the data's figure and where it comes
from (QT604): the draft's own worst failure, a footnote's 479 households where the appendix
has 419.

A figure is named only where the sentence says enough: most of the indicator's name before
the number, in the same clause (between ';' or '.'), the unit after it, and the year (for a
year's figure) or the period (for a total, an average, a growth rate) in that clause. What
says less is left alone: a report is full of numbers that are no indicator's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import ast, rules
from ..diagnostics import Findings
from ..numformat import format_number

_NUMBER = re.compile(r"(?<![\w.,/\-–])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                     r"(?![\w/]|[.,]\d)")
_CLAUSE = re.compile(r"[^;]+?(?:[.;](?=\s|$)|$)", re.S)
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,]\d)")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
# Words of an indicator's name that say nothing of which indicator it is
_STOP = frozenset({"và", "của", "trên", "địa", "bàn", "các", "năm", "trong", "đó", "có",
                   "được", "đến", "từ", "theo", "cho", "với", "là", "hằng", "bình", "quân",
                   "số", "tỷ", "lệ", "tổng", "mới", "thị", "xã", "đạt", "giai", "đoạn"})
NAMED = 0.75  # of the name's words in the clause before the figure: the figure is named
RUN = 0.6  # of the name's words, in order and together: the name is written, not its words
# Words just before a number that make it no figure to compare: an approximation ("hơn 78
# tỷ"), or a target ("trên 85%", "(Nghị quyết đề ra …)")
_NOT_EXACT = re.compile(r"\b(trên|dưới|hơn|gần|khoảng|xấp xỉ|tối thiểu|tối đa|từ)\s*$")
_TARGET_ASIDE = re.compile(r"\([^)]*\b(đề ra|chỉ tiêu|mục tiêu|kế hoạch|nghị quyết)\b[^)]*$",
                           re.I)
_GROWING = re.compile(r"\b(tăng|tốc độ)\b[^;.]{0,60}$")


@dataclass
class _Typed:
    text: str  # as typed: "6.150", "17,08"
    value: float
    decimals: int
    unit: str  # the words after it: "tỷ đồng", "%", "hộ" …
    before: str  # the clause up to it
    clause: str


def lint_figures(document: ast.Document, findings: Findings) -> None:
    """QT604 and QT605 for the typed figures of every paragraph, item and note."""
    if not document.figures:
        return
    by_words = [(figure, _name_words(figure.name)) for figure in document.figures]
    for paragraph in _paragraphs(document):
        if paragraph.typed_figures:
            continue  # its typed figures are right as typed, it says why
        for typed in _typed_figures(paragraph):
            figure = _named(typed, by_words)
            if figure is not None:
                _report(typed, figure, paragraph, findings)


def _paragraphs(document: ast.Document) -> Iterator[ast.Paragraph]:
    for block in document.body:
        if isinstance(block, ast.Paragraph):
            yield block
        elif isinstance(block, ast.ListItem) and not block.worded_from:
            yield from block.paragraphs
    for note in document.notes:
        yield from note.paragraphs


def _name_words(name: str) -> tuple[str, ...]:
    name = re.sub(r"^\s*trong đó\s*:\s*", "", name, flags=re.I)
    return tuple(_WORD.findall(name.lower()))


def _significant(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in words if w not in _STOP and len(w) > 1)


def _longest_run(name: tuple[str, ...], text: list[str]) -> int:
    """The longest run of the name's words, in order and next to each other, in the text."""
    best = 0
    previous = [0] * (len(text) + 1)
    for word in name:
        current = [0] * (len(text) + 1)
        for j, other in enumerate(text, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _typed_figures(paragraph: ast.Paragraph) -> Iterator[_Typed]:
    text = ast.plain(paragraph.content)
    for clause in _CLAUSE.finditer(text):
        for found in _NUMBER.finditer(clause.group()):
            start = clause.start() + found.start()
            if any(a < start + len(found.group()) and start < b for a, b in paragraph.bound):
                continue  # printed by a {{ … }}: the data's own
            written = found.group(1)
            if re.fullmatch(r"(19|20)\d{2}", written):
                continue  # a year
            before = clause.group()[:found.start()]
            if _NOT_EXACT.search(before.lower()) or _TARGET_ASIDE.search(before):
                continue  # an approximation, or the target it is held to
            whole, _, fraction = written.replace(".", "").partition(",")
            after = clause.group()[found.end():found.end() + 30].strip().lower()
            yield _Typed(text=written, value=float(f"{whole}.{fraction or 0}"),
                         decimals=len(fraction), unit=after, before=before,
                         clause=clause.group())


def _named(typed: _Typed, by_words: list[tuple[ast.DataFigure, tuple[str, ...]]]
           ) -> ast.DataFigure | None:
    """The figure the sentence names, if it names exactly one."""
    text = _WORD.findall(typed.before.lower())
    words = set(text)
    period = _nearest([(int(a), int(b)) for a, b in _PERIOD.findall(typed.before)],
                      [(int(a), int(b)) for a, b in _PERIOD.findall(typed.clause)])
    spans = [m.span() for m in _PERIOD.finditer(typed.clause)]
    alone = [m for m in _YEAR.finditer(typed.clause)  # the years not in a period
             if not any(a <= m.start() < b for a, b in spans)]
    year = _nearest([int(m.group(1)) for m in alone if m.start() < len(typed.before)],
                    [int(m.group(1)) for m in alone])
    mentioned = {int(m.group(1)) for m in _YEAR.finditer(typed.clause)}
    average = "bình quân" in typed.before.lower() and period is None
    scored: list[tuple[float, ast.DataFigure]] = []
    for figure, name in by_words:
        significant = _significant(name)
        if len(significant) < 3 or len(significant & words) < NAMED * len(significant):
            continue
        run = _longest_run(name, text) / len(name)  # the name as written, not its words only
        if run < RUN or not _unit_fits(typed, figure):
            continue
        if not (_years_fit(figure, year, period, mentioned) or
                (average and figure.kind == "average")):
            continue
        scored.append((run, figure))
    best = [figure for score, figure in scored if score == max(s for s, _ in scored)]
    return best[0] if len(best) == 1 else None


def _nearest(before: list, anywhere: list):  # type: ignore[no-untyped-def]
    """The last of those before the figure; else the only one in the clause."""
    if before:
        return before[-1]
    return anywhere[0] if len(anywhere) == 1 else None


def _unit_fits(typed: _Typed, figure: ast.DataFigure) -> bool:
    if figure.kind == "growth":
        return typed.unit.startswith("%") and _GROWING.search(typed.before.lower()) is not None
    if figure.kind == "ratio":
        return typed.unit.startswith("lần")
    unit = (figure.unit or "").lower().strip()
    if not unit or _GROWING.search(typed.before.lower()[-25:]):
        return False  # "tăng 12 hộ" says by how much, not how many
    if unit == "%":
        return typed.unit.startswith("%")
    return typed.unit.startswith(unit.split()[0])


def _years_fit(figure: ast.DataFigure, year: int | None, period: tuple[int, int] | None,
               mentioned: set[int]) -> bool:
    """The clause names the figure's year (a year's figure: the year nearest before it), its
    period (a total, an average, a growth: "giai đoạn 2021 - 2025", the base year or the
    first of the term), or, for a ratio, one of the years it compares."""
    if figure.kind == "value":
        return year == figure.years[0]
    if figure.kind == "ratio":
        return bool(mentioned & set(figure.years))
    return period is not None and period[1] == figure.years[-1] and \
        period[0] in (figure.years[0], figure.years[0] - 1)


def _report(typed: _Typed, figure: ast.DataFigure, paragraph: ast.Paragraph,
            findings: Findings) -> None:
    decimals = typed.decimals
    same = abs(round(figure.value, decimals) - typed.value) < 0.5 * 10 ** -decimals
    what = _what(figure)
    if same:
        findings.report(rules.PROSE_FIGURE_UNBOUND, paragraph.source,
                        f"số liệu '{typed.text}' gõ tay, nên lấy từ dữ liệu",
                        f"'{typed.text}' is typed, and is the data's {what}: write "
                        f"{figure.binding} so that the text follows the data",
                        words=typed.text)
    else:
        shown = format_number(figure.value, figure.decimals if figure.decimals is not None
                              else min(decimals, 2) if decimals else None)
        findings.report(rules.PROSE_FIGURE_DIFFERS, paragraph.source,
                        f"số liệu '{typed.text}' khác dữ liệu ({shown})",
                        f"'{typed.text}' stands for the {what}, but the data says {shown} "
                        f"({figure.source})",
                        f"correct the text, or the data; {figure.binding} prints the data's "
                        "figure", words=typed.text)


def _what(figure: ast.DataFigure) -> str:
    period = "-".join(map(str, figure.years))
    return {"value": f"{figure.years[0]} figure of '{figure.indicator}'",
            "total": f"total {period} of '{figure.indicator}'",
            "average": f"average {period} of '{figure.indicator}'",
            "growth": f"yearly growth {period} of '{figure.indicator}'",
            "ratio": f"ratio {period} of '{figure.indicator}'"}[figure.kind]
