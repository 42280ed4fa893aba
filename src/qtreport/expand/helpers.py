"""What a paragraph's {{ … }} may call: number formatting (`num`, `pct`) and the indicator
data (`actual`, `figure`, `rate`, `target`, `assessment`, `achieved`, `counted`).

The data helpers only read: every figure, assessment and tally was computed by the
compute stage. Asking for an unknown id or a missing figure is an error at the paragraph
that asks (HelperError, reported as QT305), never an empty spot in the report.
Documented in docs/yaml-format.md and docs/indicators.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ast import Tally
from ..compute.indicators import IndicatorResult, IndicatorResults
from ..numformat import format_number, format_percent
from ..validate.indicator_models import Score
from ..validate.models import is_figure_name, is_number


class HelperError(Exception):
    """A helper was asked for something the data does not have."""


class NotPrintable(Exception):
    """A template printed something that is not text or a number (a list, a function)."""


class Year(int):
    """A year: a number the helpers take (actual('id', as_of())) that prints as written,
    2027, not as a quantity (2.027). A year and a number of years make a year
    (`target('x', 'by') + 1` → 2023); two years apart make a number (5)."""

    def __add__(self, other: Any) -> Any:
        total = int(self) + other
        return Year(total) if isinstance(other, int) and not isinstance(other, Year | bool) \
            else total

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        difference = int(self) - other
        return Year(difference) if isinstance(other, int) and \
            not isinstance(other, Year | bool) else difference


def formatting_helpers() -> dict[str, Callable[..., Any]]:
    """The helpers any paragraph may use, as functions and as filters."""
    return {"num": num, "pct": pct}


def _number_arguments(name: str, value: Any, decimals: Any) -> None:
    if not is_number(value) or value != value or abs(value) > 1e15:
        raise HelperError(f"{name}() needs a number, not {value!r}")
    if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 6):
        raise HelperError(f"{name}(): the number of decimals is 0 to 6, not {decimals!r}")


def num(value: Any, decimals: int | None = None) -> str:
    """`num(3033)` → "3.033"; `num(17.084, 2)` → "17,08"."""
    _number_arguments("num", value, decimals)
    return format_number(value, decimals)


def pct(value: Any, decimals: int = 2) -> str:
    """`pct(9.67)` → "9,67%"."""
    _number_arguments("pct", value, decimals)
    return format_percent(value, decimals)


def finalize(value: Any) -> Any:
    """What {{ … }} prints: numbers in the Vietnamese way even without num(), a score as
    the table writes it; never Python's own spelling (6150.0, Score(score=…))."""
    if isinstance(value, Year):
        return str(int(value))
    if is_number(value):
        return format_number(round(value, 6))
    if isinstance(value, Score):
        return f"{format_number(value.score)} điểm" + \
            (f", xếp loại {value.grade}" if value.grade else "") + \
            (f", vị trí thứ {value.rank}" if value.rank else "")
    if isinstance(value, str):
        return value
    from jinja2 import Undefined  # loaded already: finalize runs inside a template

    if isinstance(value, Undefined):
        return value  # printing it raises the sandbox's own error, with its reason
    raise NotPrintable(f"{{{{ … }}}} prints text and numbers, not {_kind(value)}")


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return f"{value} (a yes/no or nothing)"
    if isinstance(value, list | tuple):
        return "a list"
    return "a mapping" if isinstance(value, dict) else f"a {type(value).__name__}"


NO_DATA = ("the report has no indicator data: data/report.yaml names its indicator file "
           "under 'indicators:'")


class DataHelpers:
    """The indicator data as a paragraph quotes it."""

    def __init__(self, results: IndicatorResults | None):
        self.results = results

    def names(self) -> dict[str, Callable[..., Any]]:
        return {"actual": self.actual, "figure": self.figure, "rate": self.rate,
                "target": self.target, "assessment": self.assessment,
                "achieved": self.achieved, "counted": self.counted, "needed": self.needed,
                "as_of": self.as_of, "met": self.met}

    def _not_yet(self, year: int) -> None:
        """A year after the one the figures stand at has no figures by design: say so."""
        if self.results is not None and year > self.results.as_of:
            raise HelperError(f"the report's figures stand at {self.results.as_of} (the term "
                              f"runs to {self.results.last_year}): {year} has none yet")

    def _file(self) -> str:
        return self.results.file if self.results is not None else "the indicator file"

    def _data(self) -> IndicatorResults:
        """The indicator data, or the error a report without it gets."""
        if self.results is None:
            raise HelperError(NO_DATA)
        return self.results

    def _result(self, indicator_id: str) -> IndicatorResult:
        by_id = self._data().by_id
        if indicator_id not in by_id:
            import difflib

            guess = difflib.get_close_matches(str(indicator_id), list(by_id), 1)
            raise HelperError(f"no indicator '{indicator_id}'"
                              + (f"; did you mean '{guess[0]}'?" if guess else ""))
        return by_id[indicator_id]

    def actual(self, indicator_id: str, year: int) -> Any:
        result = self._result(indicator_id)
        value: Any = result.value(year)
        if value is None:
            value = result.entered.get(year)
        if value is None:
            self._not_yet(year)
            raise HelperError(f"'{indicator_id}' has no figure for {year} in "
                              f"data/actuals/{year}.yaml")
        if isinstance(value, bool):
            raise HelperError(f"'{indicator_id}' is {str(value).lower()} for {year} in "
                              f"data/actuals/{year}.yaml: a yes/no, not a figure to quote")
        return value

    def figure(self, indicator_id: str, name: str) -> float:
        if not is_figure_name(name):
            raise HelperError(f"'{name}' is not a figure: use growth_<year>, ratio, total, "
                              "total_<year>, average, sum_<from>_<to> or value_<year>")
        value = self._result(indicator_id).figure(name).value
        if value is None:
            for year in re.findall(r"\d{4}", name):
                self._not_yet(int(year))
            raise HelperError(f"'{indicator_id}' has no {name}: its yearly figures in "
                              f"data/actuals/ are missing and {self._file()} pins no official "
                              "figure")
        return value

    def rate(self, indicator_id: str, year: int) -> float:
        """Growth a year in percent, from the index as the table prints it (117,08 → 17,08)."""
        result = self._result(indicator_id)
        base = self._data().base_year
        if isinstance(year, int) and year <= base:
            raise HelperError(f"growth is counted from {base}, the base year: rate("
                              f"'{indicator_id}', {year}) has no years to grow over; ask for "
                              f"a year after {base}")
        if result.value(base) == 0 and result.figure(f"growth_{year}").pinned is None:
            raise HelperError(f"'{indicator_id}' is 0 in {base}, the base year: growth from "
                              "nothing is no rate; quote the figures instead (actual())")
        return round(round(self.figure(indicator_id, f"growth_{year}"), 2) - 100, 2)

    def target(self, indicator_id: str, key: str = "min") -> float:
        """A number of the resolution's target: target('von-xdcb') → 550 (its minimum);
        'max', a deadline's 'by' (a year), a rank's 'best'."""
        target = self._result(indicator_id).indicator.target
        if key not in ("min", "max", "by", "best"):
            raise HelperError(f"target() gives 'min', 'max', 'by' or 'best', not {key!r}")
        value = getattr(target, key, None)
        if key == "by" and value is not None:
            return Year(value)
        if value is None:
            raise HelperError(f"'{indicator_id}' has no target {key} in {self._file()}")
        return value

    def needed(self, indicator_id: str) -> float:
        """While the term runs, what the remaining years need: the yearly growth (%) for a
        growth or multiple target, the yearly mean for an average, what remains of a total
        or a level, the years left to a deadline."""
        result, data = self._result(indicator_id), self._data()
        if data.as_of >= data.last_year:
            raise HelperError(f"the term ends in {data.last_year} and the figures "
                              f"stand there: nothing remains to be needed")
        if result.needed is None:
            raise HelperError(f"'{indicator_id}' has no rate still needed (a target of kind "
                              f"'{result.kind}', or no figures for {data.as_of} and "
                              f"{data.base_year})")
        return result.needed

    def met(self, indicator_id: str) -> int:
        """The year a deadline's target was reached: the first year whose figure is true
        (met('pho-cap-thcs') → 2023); an error while it is not."""
        result = self._result(indicator_id)
        if result.kind != "deadline":
            raise HelperError(f"met() gives the year a deadline was reached: '{indicator_id}' "
                              f"has a target of kind '{result.kind}'")
        reached = sorted(year for year, value in result.entered.items() if value is True)
        if not reached:
            raise HelperError(f"'{indicator_id}' is not reached in any year of the figures "
                              f"(no year says true in data/actuals/)")
        return Year(reached[0])

    def as_of(self) -> int:
        """The year the figures stand at (the term's last year once it is over)."""
        return Year(self._data().as_of)

    def assessment(self, indicator_id: str) -> str:
        result = self._result(indicator_id).assessment
        if result is None:
            raise HelperError(f"'{indicator_id}' has no assessment (no target or no figures)")
        return result

    def achieved(self, appendix: int | None = None) -> int:
        return self._tally(appendix).achieved

    def counted(self, appendix: int | None = None) -> int:
        return self._tally(appendix).counted

    def _tally(self, appendix: int | None) -> Tally:
        data = self._data()
        if appendix is None:
            return data.tally
        appendices = data.appendices
        if not isinstance(appendix, int) or not 1 <= appendix <= len(appendices):
            raise HelperError(f"there is no appendix {appendix}: the report has "
                              f"{len(appendices)}")
        return appendices[appendix - 1].tally
