"""Indicators: every figure of every indicator over the term, an assessment for each target,
and the tallies ("13/18 chỉ tiêu đạt và vượt"). Computed once, here, and final: the tables
and the sentences that quote them only read what this module leaves.

The kind of a target decides how it is assessed (docs/indicators.md, "Target kinds").
Figures are computed; an official figure pinned in the data is shown instead, and a
pinned figure that the data does not give (beyond rounding) is a warning, as is a stated
assessment that the computed one contradicts, and parts that do not add up to their row.

The figures of an indicator, by name (models.FIGURE_NAME):
  value_<Y>        the year's figure as entered
  growth_<Y>       compound yearly growth from the base year to Y, as an index (117,08)
  ratio, ratio_<Y> the last year's (or Y's) figure over the base year's
  total, total_<Y> the sum over the term (or up to Y), the base year excluded
  average          the yearly mean over the term, the base year excluded
  sum_<A>_<B>      the sum from A to B
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

from .. import rules
from ..ast import Tally  # the tree's own: what an appendix counts, and reached
from ..diagnostics import Findings, SourceRef
from ..numbering import roman
from ..record import Record
from ..validate.indicator_models import (
    ActualsFile,
    ActualValue,
    AppendixDef,
    Indicator,
    Official,
    Score,
    TargetsFile,
)
from ..validate.models import is_number
from .anchors import GROUP_ROW, ROW, TABLE, Anchors
from .progress import ON_TRACK, Term, progress

ACHIEVED = ("Đạt", "Vượt", *ON_TRACK)  # counted as "đạt và vượt" (so far, while the term runs)


class Figure(Record):
    """A figure as the table shows it: the pinned one if any, else the computed one."""

    computed: float | None
    pinned: Official | None = None

    @property
    def value(self) -> float | None:
        return self.pinned.value if self.pinned else self.computed

    @property
    def text(self) -> str | None:
        """How the draft writes the pinned figure out in words, if it does."""
        return self.pinned.text if self.pinned else None


class IndicatorResult(Record, kw_only=True):
    indicator: Indicator
    label: str  # "1", "10.1"; "" for a "Trong đó" row
    depth: int  # 0 numbered row, 1 part, 2 part of a part
    entered: Mapping[int, ActualValue]  # year -> value as entered (None: no figure)
    computed: Mapping[str, float | None]  # every figure of the term, by name
    assessment: str | None
    needed: float | None  # while the term runs: what the remaining years need (progress.py)
    counted: bool
    is_heading: bool
    kind: str | None  # the target kind of this row, or of the row it is part of
    anchor: str

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def src(self) -> SourceRef:
        return self.indicator.src

    def figure(self, name: str) -> Figure:
        """The named figure: the computed one, with the official one where pinned."""
        return Figure(self.computed.get(name), self.indicator.official.get(name))

    def value(self, year: int) -> float | None:
        """The year's figure: the official one if pinned, else the one entered."""
        return self.figure(f"value_{year}").value


class Row(Record, kw_only=True):
    """One row of an appendix table: a group title (I, II …) or an indicator."""

    src: SourceRef
    anchor: str
    group_label: str | None = None
    group_title: str | None = None
    result: IndicatorResult | None = None


class AppendixResult(Record, kw_only=True):
    number: int
    title: str
    layout: str
    rows: tuple[Row, ...]
    tally: Tally
    src: SourceRef
    anchor: str


class IndicatorResults(Record, kw_only=True):
    file: str  # the indicator file, as findings name it
    resolution: str
    base_year: int
    last_year: int
    as_of: int  # the year the figures stand at: last_year, or earlier while the term runs
    estimates: frozenset[int]  # the years whose figures are estimates ("Ước")
    by_id: Mapping[str, IndicatorResult]
    appendices: tuple[AppendixResult, ...]
    tally: Tally  # over every counted indicator of the report


def compute_indicators(targets: TargetsFile, actuals: dict[int, ActualsFile], as_of: int,
                       anchors: Anchors, findings: Findings) -> IndicatorResults:
    builder = _Builder(targets, actuals, as_of, anchors)
    appendices = tuple(builder.appendix(i, a) for i, a in enumerate(targets.appendices, 1))
    for figure in targets.figures:
        builder.walk(figure, "", 1, None)
    _Checks(builder.results, sorted(actuals), targets.last_year, findings).run()
    return IndicatorResults(
        file=targets.src.file,
        resolution=targets.resolution,
        base_year=targets.base_year,
        last_year=targets.last_year,
        as_of=as_of,
        estimates=frozenset(year for year, file in actuals.items() if file.estimate),
        by_id=builder.results,
        appendices=appendices,
        tally=_tally(builder.results.values()),
    )


def _tally(results: Iterable[IndicatorResult]) -> Tally:
    counted = [r for r in results if r.counted]
    return Tally(achieved=sum(r.assessment in ACHIEVED for r in counted), counted=len(counted))


# -- the rows and their figures -------------------------------------------------------------

class _Builder:
    def __init__(self, targets: TargetsFile, actuals: dict[int, ActualsFile], as_of: int,
                 anchors: Anchors):
        self.targets, self.actuals, self.anchors = targets, actuals, anchors
        self.term = Term(targets.base_year, as_of, targets.last_year)
        self.results: dict[str, IndicatorResult] = {}

    def appendix(self, number: int, appendix: AppendixDef) -> AppendixResult:
        table_anchor = self.anchors.of_text(TABLE, appendix.title)
        rows: list[Row] = []
        counter = 0
        for g, group in enumerate(appendix.groups, start=1):
            rows.append(Row(src=group.src, anchor=self.anchors.of_text(GROUP_ROW, group.title),
                            group_label=roman(g), group_title=group.title))
            for indicator in group.indicators:
                counter += 1
                rows.extend(self.walk(indicator, str(counter), 0, None))
        for indicator in appendix.indicators:
            counter += 1
            rows.extend(self.walk(indicator, str(counter), 0, None))
        results = [row.result for row in rows if row.result is not None]
        return AppendixResult(
            number=number,
            title=appendix.title,
            layout=appendix.layout,
            rows=tuple(rows),
            tally=_tally(results),
            src=appendix.src,
            anchor=table_anchor,
        )

    def walk(self, indicator: Indicator, label: str, depth: int,
             parent: IndicatorResult | None) -> list[Row]:
        """The row of `indicator` and of the rows under it; `parent` is the row whose
        "Trong đó" part it is."""
        result = self.result(indicator, label, depth, parent)
        self.results[indicator.id] = result
        rows = [Row(src=indicator.src, anchor=result.anchor, result=result)]
        for i, child in enumerate(indicator.indicators, start=1):
            rows.extend(self.walk(child, f"{label}.{i}", depth, None))
        for child in indicator.parts:
            rows.extend(self.walk(child, "", depth + 1, result))
        return rows

    def result(self, indicator: Indicator, label: str, depth: int,
               parent: IndicatorResult | None) -> IndicatorResult:
        base, last = self.targets.base_year, self.targets.last_year
        entered = {year: file.values.get(indicator.id) for year, file in self.actuals.items()}
        computed = _Figures(indicator, entered, base, last).all()
        is_heading = bool(indicator.indicators)
        kind = indicator.target.kind if indicator.target is not None else \
            parent.kind if parent is not None else None
        counted = parent is None and indicator.target is not None and not is_heading \
            if indicator.counted is None else indicator.counted
        if self.term.as_of < last:
            def figure(name: str) -> float | None:
                return Figure(computed.get(name), indicator.official.get(name)).value

            assessment, needed = progress(indicator, entered, figure, self.term)
            needed = _as_precise_as(indicator, entered, kind, needed)
        else:
            assessment, needed = assess(indicator, entered, computed, base, last), None
        return IndicatorResult(
            indicator=indicator,
            label=label,
            depth=depth,
            entered=entered,
            computed=computed,
            assessment=assessment,
            needed=needed,
            counted=counted,
            is_heading=is_heading,
            kind=kind,
            anchor=self.anchors.of_name(ROW, indicator.id),
        )


class _Figures:
    """Every figure of one indicator over the term (and any year with a figures file)."""

    def __init__(self, indicator: Indicator, entered: Mapping[int, ActualValue], base: int,
                 last: int):
        self.indicator, self.entered, self.base, self.last = indicator, entered, base, last
        self.years = sorted(set(range(base, last + 1)) | set(entered))
        self.values = {year: self._value(year) for year in self.years}
        self.subtotals = sorted((int(name[6:]), pinned.value)
                                for name, pinned in indicator.official.items()
                                if name.startswith("total_"))

    def _value(self, year: int) -> float | None:
        """The year's figure as the other figures use it: pinned, else entered."""
        pinned = self.indicator.official.get(f"value_{year}")
        if pinned is not None:
            return pinned.value
        value = self.entered.get(year)
        return float(value) if is_number(value) else None  # type: ignore[arg-type]

    def all(self) -> dict[str, float | None]:
        """The figures there are, by name; a figure the data does not give is absent."""
        if all(value is None for value in self.values.values()):
            return {}  # a heading row, a qualitative target, a row with no figures yet
        figures: dict[str, float | None] = {}
        for year in self.years:
            value = self.entered.get(year)
            if is_number(value):
                figures[f"value_{year}"] = float(value)  # type: ignore[arg-type]
            figures[f"ratio_{year}"] = self._ratio(year)
            if year > self.base:
                figures[f"growth_{year}"] = self._growth(year)
        for first in self.years:
            for last, total in self._sums_from(first):
                figures[f"sum_{first}_{last}"] = total
                if first == self.base + 1:
                    figures[f"total_{last}"] = total
        figures["ratio"] = self._ratio(self.last)
        figures["total"] = figures.get(f"total_{self.last}")
        figures["average"] = self._average()
        return {name: figure for name, figure in figures.items() if figure is not None}

    def _sums_from(self, first: int) -> Iterator[tuple[int, float | None]]:
        """The sums from `first` to each later year, added up as the years go."""
        running: float | None = 0.0
        for last in range(first, self.years[-1] + 1):
            value = self.values.get(last)
            running = running + value if running is not None and value is not None else None
            yield last, running if running is not None or first != self.base + 1 \
                else self._with_subtotal(last)

    def _ratio(self, year: int) -> float | None:
        top, bottom = self.values.get(year), self.values.get(self.base)
        return top / bottom if top is not None and bottom else None

    def _growth(self, year: int) -> float | None:
        top, bottom = self.values.get(year), self.values.get(self.base)
        if top is None or not bottom or top < 0 or bottom < 0:
            return None
        return (top / bottom) ** (1 / (year - self.base)) * 100

    def _average(self) -> float | None:
        numbers = [self.values.get(y) for y in range(self.base + 1, self.last + 1)]
        present = [n for n in numbers if n is not None]
        if not numbers or len(present) < len(numbers):
            return None
        return sum(present) / len(present)

    def _with_subtotal(self, last: int) -> float | None:
        """A sum over the term with a year missing: an official subtotal up to some year
        may stand for the years it covers (the latest such subtotal that leaves no year
        missing)."""
        for year, subtotal in reversed(self.subtotals):
            if not self.base + 1 <= year < last:
                continue
            rest = [self.values.get(y) for y in range(year + 1, last + 1)]
            if None not in rest:
                return subtotal + sum(n for n in rest if n is not None)
        return None


def _as_precise_as(indicator: Indicator, entered: Mapping[int, ActualValue], kind: str | None,
                   needed: float | None) -> float | None:
    """What the remaining years need, as precise as the indicator's figures are and rounded
    up (it is what must be reached): a count of households is a whole number of them. A
    rate of growth keeps its decimals."""
    if needed is None or kind not in ("average", "cumulative", "level"):
        return needed
    decimals = indicator.decimals
    if decimals is None:
        figures = [float(v) for v in entered.values()
                   if isinstance(v, int | float) and not isinstance(v, bool)]
        if not figures or not all(v.is_integer() for v in figures):
            return needed
        decimals = 0
    scale = 10 ** decimals
    return math.ceil(needed * scale - 1e-9) / scale


# -- assessments ----------------------------------------------------------------------------

def assess(indicator: Indicator, entered: Mapping[int, ActualValue],
           computed: Mapping[str, float | None], base: int, last: int) -> str | None:
    """The assessment that the figures give, by the kind of the target
    (docs/indicators.md, "Target kinds")."""
    target = indicator.target
    if target is None:
        return None
    kind = target.kind
    if kind == "qualitative":
        return target.assessment
    if kind == "deadline":
        reached = [y for y in sorted(entered) if entered[y] is True]
        if not reached or target.by is None:
            return "Chưa đạt"
        return "Đạt" if reached[0] <= target.by else "Không đạt"
    if kind == "rank":  # each year of the term, the base year (the last term's) excluded
        term = range(base + 1, last + 1)
        ranks = [v.rank for y, v in entered.items()
                 if y in term and isinstance(v, Score) and v.rank]
        if not ranks or target.best is None:
            return None
        return "Đạt" if max(ranks) <= target.best else "Không đạt"
    measure = measure_of(kind, last)
    value = Figure(computed.get(measure), indicator.official.get(measure)).value \
        if measure is not None else None
    if value is None or target.min is None:
        return None
    if kind == "growth":  # judged as printed: an index shown as 117,00 is 17 % a year
        value = round(value, 2) - 100
    reaches = value > target.min if target.strict else value >= target.min - 1e-9
    if not reaches:
        return "Không đạt"
    return "Vượt" if target.max is not None and value > target.max + 1e-9 else "Đạt"


def measure_of(kind: str, last: int) -> str | None:
    """The figure a target of this kind is judged on (docs/indicators.md, "Target kinds")."""
    return {"growth": f"growth_{last}", "level": f"value_{last}", "multiple": "ratio",
            "average": "average", "cumulative": "total"}.get(kind)


# -- consistency ----------------------------------------------------------------------------

class _Checks:
    """The warnings about figures that disagree: pinned vs computed, stated vs computed
    assessment, parts vs their row."""

    def __init__(self, results: dict[str, IndicatorResult], years: list[int], last_year: int,
                 findings: Findings):
        self.results, self.findings = results, findings
        self.years = years  # the years with a figures file
        self.last_year = last_year  # of the term

    def run(self) -> None:
        for result in self.results.values():
            self.pinned(result)
            self.stated(result)
            self.parts(result)

    def pinned(self, result: IndicatorResult) -> None:
        for name, pinned in result.indicator.official.items():
            computed = result.figure(name).computed
            if computed is None or _same_after_rounding(name, pinned.value, computed):
                continue
            shown = _show(name, computed)
            self.findings.report(
                rules.PINNED_FIGURE_DIFFERS, pinned.src,
                f"số liệu ghi ({_show(name, pinned.value)}) khác số tính từ dữ liệu ({shown})",
                f"'{result.id}' {name}: the pinned figure {_show(name, pinned.value)} differs "
                f"from {shown}, computed from data/actuals/",
                f"check the yearly figures or the official figure; the table shows "
                f"{_show(name, pinned.value)} ({pinned.source})")

    def stated(self, result: IndicatorResult) -> None:
        stated, computed = result.indicator.stated, result.assessment
        if stated is None or computed is None:
            return
        if (stated in ACHIEVED) != (computed in ACHIEVED):
            self.findings.report(
                rules.STATED_ASSESSMENT_CONTRADICTED, result.indicator.src,
                f"đánh giá ghi '{stated}' trái với đánh giá tính được '{computed}'",
                f"'{result.id}' is stated '{stated}' but its figures give '{computed}'",
                _why(result, self.last_year))

    def parts(self, result: IndicatorResult) -> None:
        indicator = result.indicator
        if not indicator.sum_of_parts or not indicator.parts:
            return
        names = [f"value_{y}" for y in self.years] + \
            [name for name in indicator.official if name.startswith("total")]
        for name in names:
            whole = result.figure(name).value
            parts = [self.results[p.id].figure(name).value for p in indicator.parts]
            if whole is None or None in parts:
                continue
            total = sum(p for p in parts if p is not None)
            if abs(total - whole) > 0.05 + 1e-9:
                label = name.replace("value_", "")
                self.findings.report(
                    rules.PARTS_DO_NOT_ADD_UP, indicator.src,
                    f"các phần cộng lại ({_num(total)}) khác tổng ({_num(whole)}) — {label}",
                    f"'{result.id}' {label}: its parts add up to {_num(total)}, "
                    f"not {_num(whole)}")


def _why(result: IndicatorResult, last: int) -> str:
    target = result.indicator.target
    if target is None:
        return ""
    measure = measure_of(target.kind, last)
    if measure is None:
        return f"target '{target.text or target.kind}'"
    value = result.figure(measure).value
    shown = _show(measure, value) if value is not None else "no figure"
    return f"target '{target.text or target.kind}'; {measure} is {shown}"


def _same_after_rounding(name: str, pinned: float, computed: float) -> bool:
    if name.startswith(("growth", "ratio")):
        return abs(round(computed, 2) - pinned) < 0.005 + 1e-9
    decimals = len(repr(float(pinned)).split(".")[1].rstrip("0"))
    return abs(round(computed, decimals) - pinned) < 0.5 * 10 ** -decimals + 1e-9


def _show(name: str, value: float) -> str:
    from ..numformat import format_number

    if name.startswith(("growth", "ratio")):
        return format_number(value, 2)
    return _num(round(value, 2))


def _num(value: float) -> str:
    from ..numformat import format_number

    return format_number(round(value, 4))
