"""A term in progress: whether each target is on track in the year the figures stand at
(`as_of`), and what the remaining years need to reach it.

A target is judged by the same figure as at the end of the term (docs/indicators.md,
"Target kinds"), taken so far:

| kind | on track when | what the remaining years need (`needed`) |
| --- | --- | --- |
| growth | the yearly growth so far ≥ min | the yearly growth (%) that reaches min over the term |
| multiple | the ratio so far ≥ min ^ (years gone / term) | the same, as yearly growth (%) |
| average | the yearly mean so far ≥ min | the yearly mean the remaining years need |
| cumulative | the total so far ≥ min × years gone / term | what remains of min |
| level | the value ≥ the straight line from the base year's value to min | what remains to min |
| deadline | reached by `by`; not due while as_of < by | the years left to `by` |
| rank | every year's rank so far ≤ best | — |

A target already reached (a level or a total at min) is "Đạt" (above max: "Vượt"); one on
track "Đúng tiến độ" (ahead of max's pace: "Vượt tiến độ"); one behind "Chậm tiến độ"; a
deadline passed unreached "Không đạt", one not yet due "Chưa đến hạn".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..record import Record
from ..validate.indicator_models import ActualValue, Indicator, Score, Target

ON_TRACK = ("Đúng tiến độ", "Vượt tiến độ")
EPSILON = 1e-9


class Term(Record):
    base: int  # the base year: the last term's last, the figures are counted from
    as_of: int  # the year the figures stand at
    last: int  # the term's last year

    @property
    def gone(self) -> int:
        return self.as_of - self.base

    @property
    def left(self) -> int:
        return self.last - self.as_of

    @property
    def length(self) -> int:
        return self.last - self.base


Figure = Callable[[str], float | None]  # a figure of the row by name (pinned, else computed)


def progress(indicator: Indicator, entered: Mapping[int, ActualValue], figure: Figure,
             term: Term) -> tuple[str | None, float | None]:
    """The assessment so far and what the remaining years need (None where nothing can be
    said: no target, no figures)."""
    target = indicator.target
    if target is None:
        return None, None
    if target.kind == "qualitative":
        return target.assessment, None
    if target.kind == "deadline":
        return _deadline(target, entered, term)
    if target.kind == "rank":
        return _rank(target, entered, term), None
    if target.min is None:
        return None, None
    judge = {"growth": _growth, "multiple": _multiple, "average": _average,
             "cumulative": _cumulative, "level": _level}[target.kind]
    return judge(target, figure, term)


def _pace(value: float, low: float, high: float | None) -> str:
    if value < low - EPSILON:
        return "Chậm tiến độ"
    return "Vượt tiến độ" if high is not None and value > high + EPSILON else "Đúng tiến độ"


def _reached(value: float, target: Target) -> str | None:
    """Đạt or Vượt for a target already reached, else None."""
    assert target.min is not None
    if value < target.min - EPSILON:
        return None
    return "Vượt" if target.max is not None and value > target.max + EPSILON else "Đạt"


def _growth(target: Target, figure: Figure, term: Term) -> tuple[str | None, float | None]:
    index, now, base = figure(f"growth_{term.as_of}"), figure(f"value_{term.as_of}"), \
        figure(f"value_{term.base}")
    assert target.min is not None
    state = _pace(round(index, 2) - 100, target.min, target.max) if index is not None else None
    return state, _yearly_growth((1 + target.min / 100) ** term.length, now, base, term)


def _multiple(target: Target, figure: Figure, term: Term) -> tuple[str | None, float | None]:
    ratio, now, base = figure(f"ratio_{term.as_of}"), figure(f"value_{term.as_of}"), \
        figure(f"value_{term.base}")
    assert target.min is not None
    share = term.gone / term.length  # the compound path from 1 to min
    high = target.max ** share if target.max is not None else None
    state = _pace(ratio, target.min ** share, high) if ratio is not None else None
    return state, _yearly_growth(target.min, now, base, term)


def _yearly_growth(multiple: float, now: float | None, base: float | None,
                   term: Term) -> float | None:
    """The yearly growth (%) from `now` that brings the base year's value to `multiple`
    times itself in the term's last year."""
    if now is None or base is None or now <= 0 or base <= 0:
        return None
    return ((multiple * base / now) ** (1 / term.left) - 1) * 100


def _average(target: Target, figure: Figure, term: Term) -> tuple[str | None, float | None]:
    total = figure(f"total_{term.as_of}")
    if total is None:
        return None, None
    assert target.min is not None
    state = _pace(total / term.gone, target.min, target.max)
    return state, (target.min * term.length - total) / term.left


def _cumulative(target: Target, figure: Figure, term: Term) -> tuple[str | None, float | None]:
    total = figure(f"total_{term.as_of}")
    if total is None:
        return None, None
    assert target.min is not None
    share = term.gone / term.length
    state = _reached(total, target) or \
        _pace(total, target.min * share, target.max * share if target.max else None)
    return state, max(0.0, target.min - total)


def _level(target: Target, figure: Figure, term: Term) -> tuple[str | None, float | None]:
    now, base = figure(f"value_{term.as_of}"), figure(f"value_{term.base}")
    if now is None:
        return None, None
    assert target.min is not None
    remaining = max(0.0, target.min - now)
    reached = _reached(now, target)
    if reached is not None:
        return reached, remaining
    if base is None:
        return None, remaining
    on_the_line = base + (target.min - base) * term.gone / term.length
    return ("Chậm tiến độ" if now < on_the_line - EPSILON else "Đúng tiến độ"), remaining


def _deadline(target: Target, entered: Mapping[int, ActualValue],
              term: Term) -> tuple[str | None, float | None]:
    assert target.by is not None
    reached = [year for year in sorted(entered) if entered[year] is True]
    if reached:
        return ("Đạt" if reached[0] <= target.by else "Không đạt"), None
    if term.as_of >= target.by:
        return "Không đạt", None
    return "Chưa đến hạn", float(target.by - term.as_of)


def _rank(target: Target, entered: Mapping[int, ActualValue], term: Term) -> str | None:
    ranks = [value.rank for year, value in entered.items()
             if term.base < year <= term.as_of and isinstance(value, Score) and value.rank]
    if not ranks or target.best is None:
        return None
    return "Đúng tiến độ" if max(ranks) <= target.best else "Không đạt"
