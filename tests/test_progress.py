"""A term in progress (compute/progress.py): what the remaining years need is exactly what
reaches the target, and the assessment so far follows the pace."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtreport.compute.progress import Term, progress
from qtreport.validate.indicator_models import Indicator, Score

TERM = Term(2025, 2027, 2030)
values = st.floats(min_value=1, max_value=1e6, allow_nan=False)
targets = st.floats(min_value=0.5, max_value=40, allow_nan=False)
terms = st.tuples(st.integers(2000, 2100), st.integers(1, 9), st.integers(1, 9)).map(
    lambda t: Term(t[0], t[0] + t[1], t[0] + t[1] + t[2]))


def _row(kind: str, **target: object) -> Indicator:
    return Indicator.model_validate({"id": "chi-tieu", "name": "Chỉ tiêu",
                                     "target": {"kind": kind, **target}})


def _figures(**named: float):
    return lambda name: named.get(name)


@given(base=values, now=values, low=targets, term=terms)
def test_growth_at_the_rate_needed_reaches_the_target(base, now, low, term):
    row = _row("growth", min=low)
    _, needed = progress(row, {}, _figures(**{f"value_{term.base}": base,
                                              f"value_{term.as_of}": now}), term)
    final = now * (1 + needed / 100) ** term.left
    assert (final / base) ** (1 / term.length) == pytest.approx(1 + low / 100, rel=1e-9)


@given(base=values, now=values, low=st.floats(1.1, 5), term=terms)
def test_a_multiple_at_the_rate_needed_reaches_the_target(base, now, low, term):
    _, needed = progress(_row("multiple", min=low),
                         {}, _figures(**{f"value_{term.base}": base,
                                         f"value_{term.as_of}": now}), term)
    assert now * (1 + needed / 100) ** term.left / base == pytest.approx(low, rel=1e-9)


@given(total=st.floats(0, 1e5), low=targets, term=terms)
def test_an_average_at_the_mean_needed_reaches_the_target(total, low, term):
    _, needed = progress(_row("average", min=low), {},
                         _figures(**{f"total_{term.as_of}": total}), term)
    assert (total + needed * term.left) / term.length == pytest.approx(low, rel=1e-9, abs=1e-9)


@given(total=st.floats(0, 1e5), low=st.floats(1, 1e5))
def test_what_remains_of_a_total_or_a_level(total, low):
    for kind, name in (("cumulative", "total_2027"), ("level", "value_2027")):
        _, needed = progress(_row(kind, min=low), {}, _figures(**{name: total}), TERM)
        assert needed == pytest.approx(max(0.0, low - total))


@pytest.mark.parametrize(("index", "expected"), [
    (108.0, "Đúng tiến độ"), (107.99, "Chậm tiến độ"), (109.01, "Vượt tiến độ"),
    (109.0, "Đúng tiến độ")])
def test_growth_so_far_is_judged_against_the_range(index, expected):
    row = _row("growth", min=8, max=9)
    state, _ = progress(row, {}, _figures(growth_2027=index), TERM)
    assert state == expected


@pytest.mark.parametrize(("now", "expected"), [
    (95.5, "Đạt"), (92, "Đúng tiến độ"), (91.9, "Chậm tiến độ")])
def test_a_level_is_judged_on_the_line_from_the_base_year_to_the_target(now, expected):
    """From 90 in 2025 to 95 in 2030: 92 is on the line in 2027."""
    state, needed = progress(_row("level", min=95), {},
                             _figures(value_2025=90, value_2027=now), TERM)
    assert state == expected and needed == pytest.approx(max(0.0, 95 - now))


@pytest.mark.parametrize(("reached", "by", "expected", "needed"), [
    ({2026: True}, 2028, "Đạt", None), ({2026: False, 2027: False}, 2028, "Chưa đến hạn", 1.0),
    ({2027: False}, 2027, "Không đạt", None), ({2027: True}, 2026, "Không đạt", None)])
def test_a_deadline_is_not_due_before_its_year(reached, by, expected, needed):
    assert progress(_row("deadline", by=by), reached, _figures(), TERM) == (expected, needed)


def test_a_rank_missed_in_any_year_so_far_is_missed():
    ranked = {2026: Score(score=80, rank=2), 2027: Score(score=81, rank=4)}
    assert progress(_row("rank", best=3), ranked, _figures(), TERM) == ("Không đạt", None)
    ranked[2027] = Score(score=81, rank=3)
    assert progress(_row("rank", best=3), ranked, _figures(), TERM) == ("Đúng tiến độ", None)
