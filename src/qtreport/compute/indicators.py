"""Indicators: growth indexes, ratios, sums and averages from the yearly figures, an
assessment for each target, and the summary count ("13/18 chỉ tiêu đạt và vượt").

DESIGN §4: the kind of a target decides how it is assessed. Figures are computed; an
official figure pinned in the data is shown instead, and a pinned figure that the data
does not give (beyond rounding) is a warning, as is a stated assessment that the
computed one contradicts, and parts that do not add up to their row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Findings, SourceRef
from ..model import (
    FIGURE_NAME,
    ActualsFile,
    Indicator,
    Official,
    Score,
    TargetsFile,
    is_number,
)

ACHIEVED = ("Đạt", "Vượt")
@dataclass(frozen=True)
class Figure:
    """A figure as the table shows it: the pinned one if any, else the computed one."""

    computed: float | None
    pinned: Official | None = None

    @property
    def value(self) -> float | None:
        return self.pinned.value if self.pinned else self.computed

    @property
    def text(self) -> str | None:
        return self.pinned.text if self.pinned else None


@dataclass
class IndicatorResult:
    indicator: Indicator
    label: str  # "1", "10.1"; "" for a "Trong đó" row
    depth: int  # 0 numbered row, 1 part, 2 part of a part
    values: dict[int, object]  # year -> value as entered (None: no figure)
    base_year: int
    last_year: int
    assessment: str | None = None
    counted: bool = False
    is_heading: bool = False
    parent: IndicatorResult | None = None
    _cache: dict[str, Figure] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.indicator.id

    def number(self, year: int) -> float | None:
        """The year's figure: the official one if pinned, else the one entered."""
        pinned = self.indicator.official.get(f"value_{year}")
        if pinned is not None:
            return pinned.value
        value = self.values.get(year)
        return float(value) if is_number(value) else None

    @property
    def kind(self) -> str | None:
        """The target kind of this row, or of the row it is part of."""
        if self.indicator.target is not None:
            return self.indicator.target.kind
        return self.parent.kind if self.parent is not None else None

    def figure(self, name: str) -> Figure:
        if name not in self._cache:
            self._cache[name] = Figure(self._compute(name), self.indicator.official.get(name))
        return self._cache[name]

    def _compute(self, name: str) -> float | None:
        match = FIGURE_NAME.match(name)
        if match is None:
            return None
        kind, year, whole, first, last = match.groups()
        base, end = self.base_year, self.last_year
        if kind == "growth":
            return self._growth(int(year))
        if kind == "value":
            value = self.values.get(int(year))
            return float(value) if is_number(value) else None
        if kind == "ratio" or whole == "ratio":
            top, bottom = self.number(int(year) if year else end), self.number(base)
            return top / bottom if top is not None and bottom else None
        if kind == "total":
            return self._sum(base + 1, int(year))
        if whole == "total":
            return self._sum(base + 1, end)
        if whole == "average":
            numbers = [self.number(y) for y in range(base + 1, end + 1)]
            if not numbers or None in numbers:
                return None
            return sum(numbers) / len(numbers)  # type: ignore[arg-type]
        return self._sum(int(first), int(last))

    def _growth(self, year: int) -> float | None:
        top, bottom = self.number(year), self.number(self.base_year)
        if top is None or not bottom or top < 0 or bottom < 0 or year <= self.base_year:
            return None
        return (top / bottom) ** (1 / (year - self.base_year)) * 100

    def _sum(self, first: int, last: int) -> float | None:
        numbers = [self.number(y) for y in range(first, last + 1)]
        if numbers and None not in numbers:
            return sum(numbers)  # type: ignore[arg-type]
        if first == self.base_year + 1:  # an official subtotal may stand for missing years
            for year in range(last - 1, first - 1, -1):
                pinned = self.indicator.official.get(f"total_{year}")
                rest = [self.number(y) for y in range(year + 1, last + 1)]
                if pinned is not None and None not in rest:
                    return pinned.value + sum(rest)  # type: ignore[arg-type]
        return None


@dataclass
class Row:
    """One row of an appendix table: a group title (I, II …) or an indicator."""

    group_label: str | None = None
    group_title: str | None = None
    result: IndicatorResult | None = None


@dataclass
class AppendixResult:
    number: int
    title: str
    layout: str
    rows: list[Row]
    src: SourceRef


@dataclass
class IndicatorResults:
    resolution: str
    base_year: int
    last_year: int
    by_id: dict[str, IndicatorResult]
    appendices: list[AppendixResult]

    def rows_of(self, appendix: int | None) -> list[IndicatorResult]:
        """The indicators of appendix number `appendix` (1-based), or of all of them."""
        if appendix is None:
            return list(self.by_id.values())
        if not 1 <= appendix <= len(self.appendices):
            return []
        return [row.result for row in self.appendices[appendix - 1].rows if row.result]


def compute_indicators(targets: TargetsFile, actuals: dict[int, ActualsFile],
                       findings: Findings) -> IndicatorResults:
    builder = _Builder(targets, actuals, findings)
    appendices = [builder.appendix(i, a) for i, a in enumerate(targets.appendices, start=1)]
    for figure in targets.figures:
        builder.walk(figure, "", 1, part=False, parent=None)
    builder.check()
    return IndicatorResults(targets.resolution, targets.base_year, targets.last_year,
                            builder.results, appendices)


class _Builder:
    def __init__(self, targets: TargetsFile, actuals: dict[int, ActualsFile],
                 findings: Findings):
        self.targets, self.actuals, self.findings = targets, actuals, findings
        self.results: dict[str, IndicatorResult] = {}

    def appendix(self, number: int, appendix) -> AppendixResult:
        rows: list[Row] = []
        counter = 0
        groups = appendix.groups or [None]
        for g, group in enumerate(groups, start=1):
            if group is not None:
                from .numbering import roman

                rows.append(Row(group_label=roman(g), group_title=group.title))
            for indicator in (group.indicators if group else appendix.indicators):
                counter += 1
                rows.extend(self.walk(indicator, str(counter), 0, part=False, parent=None))
        return AppendixResult(number, appendix.title, appendix.layout, rows, appendix.src)

    def walk(self, indicator: Indicator, label: str, depth: int, part: bool,
             parent: IndicatorResult | None) -> list[Row]:
        values = {year: file.values.get(indicator.id) for year, file in self.actuals.items()}
        result = IndicatorResult(indicator, label, depth, values, self.targets.base_year,
                                 self.targets.last_year, parent=parent)
        result.is_heading = bool(indicator.indicators)
        counted_default = not part and indicator.target is not None and not result.is_heading
        result.counted = counted_default if indicator.counted is None else indicator.counted
        self.results[indicator.id] = result
        rows = [Row(result=result)]
        for i, child in enumerate(indicator.indicators, start=1):
            rows.extend(self.walk(child, f"{label}.{i}", depth, part=False, parent=None))
        for child in indicator.parts:
            rows.extend(self.walk(child, "", depth + 1, part=True, parent=result))
        return rows

    # -- assessments and checks ------------------------------------------------------------

    def check(self) -> None:
        for result in self.results.values():
            result.assessment = assess(result)
            self._check_pinned(result)
            self._check_stated(result)
            self._check_parts(result)

    def _check_pinned(self, result: IndicatorResult) -> None:
        for name, pinned in result.indicator.official.items():
            computed = result.figure(name).computed
            if computed is None or _same_after_rounding(name, pinned.value, computed):
                continue
            shown = _show(name, computed)
            self.findings.warning(
                pinned.src, "QT601",
                f"số liệu ghi ({_show(name, pinned.value)}) khác số tính từ dữ liệu ({shown})",
                f"'{result.id}' {name}: the pinned figure {_show(name, pinned.value)} differs "
                f"from {shown}, computed from data/actuals/",
                f"check the yearly figures or the official figure; the table shows "
                f"{_show(name, pinned.value)} ({pinned.source})")

    def _check_stated(self, result: IndicatorResult) -> None:
        stated, computed = result.indicator.stated, result.assessment
        if stated is None or computed is None:
            return
        if (stated in ACHIEVED) != (computed in ACHIEVED):
            self.findings.warning(
                result.indicator.src, "QT602",
                f"đánh giá ghi '{stated}' trái với đánh giá tính được '{computed}'",
                f"'{result.id}' is stated '{stated}' but its figures give '{computed}'",
                _why(result))

    def _check_parts(self, result: IndicatorResult) -> None:
        indicator = result.indicator
        if not indicator.sum_of_parts or not indicator.parts:
            return
        names = [f"value_{y}" for y in sorted(self.actuals)] + \
            [name for name in indicator.official if name.startswith("total")]
        for name in names:
            whole = result.figure(name).value
            parts = [self.results[p.id].figure(name).value for p in indicator.parts]
            if whole is None or None in parts:
                continue
            total = sum(parts)  # type: ignore[arg-type]
            if abs(total - whole) > 0.05 + 1e-9:
                label = name.replace("value_", "")
                self.findings.warning(
                    indicator.src, "QT603",
                    f"các phần cộng lại ({_num(total)}) khác tổng ({_num(whole)}) — {label}",
                    f"'{result.id}' {label}: its parts add up to {_num(total)}, "
                    f"not {_num(whole)}",
                    "correct the figure of the row or of one of its parts")


def assess(result: IndicatorResult) -> str | None:
    """The assessment that the figures give, by the kind of the target (DESIGN §4)."""
    target = result.indicator.target
    if target is None:
        return None
    kind, last = target.kind, result.last_year
    if kind == "qualitative":
        return target.assessment
    if kind == "deadline":
        reached = [y for y in sorted(result.values) if result.values[y] is True]
        if not reached:
            return "Chưa đạt"
        return "Đạt" if reached[0] <= target.by else "Không đạt"
    if kind == "rank":  # each year of the term, the base year (the last term's) excluded
        term = range(result.base_year + 1, last + 1)
        ranks = [v.rank for y, v in result.values.items()
                 if y in term and isinstance(v, Score) and v.rank]
        if not ranks:
            return None
        return "Đạt" if max(ranks) <= target.best else "Không đạt"
    measure = _measure(kind, last)
    value = result.figure(measure).value
    if value is None:
        return None
    if kind == "growth":  # judged as printed: an index shown as 117,00 is 17 % a year
        value = round(value, 2) - 100
    reaches = value > target.min if target.strict else value >= target.min - 1e-9
    if not reaches:
        return "Không đạt"
    return "Vượt" if target.max is not None and value > target.max + 1e-9 else "Đạt"


def _measure(kind: str, last: int) -> str | None:
    """The figure a target of this kind is judged on (DESIGN §4)."""
    return {"growth": f"growth_{last}", "level": f"value_{last}", "multiple": "ratio",
            "average": "average", "cumulative": "total"}.get(kind)


def _why(result: IndicatorResult) -> str:
    target = result.indicator.target
    if target is None:
        return ""
    measure = _measure(target.kind, result.last_year)
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
