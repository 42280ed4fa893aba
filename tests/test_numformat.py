"""Vietnamese number formatting: thousands '.', decimals ','."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtreport.numformat import format_number, format_percent


def parse_vi(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".").replace("\u2212", "-"))


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(2796, None, "2.796"), (98.1, None, "98,1"), (116.575, 2, "116,58"), (0, None, "0"),
     (126.0, 1, "126,0"), (3033, None, "3.033"), (-1234.5, None, "-1.234,5"),
     (1_000_000, None, "1.000.000"), (0.5, 0, "1")],
)
def test_examples(value, decimals, shown):
    assert format_number(value, decimals) == shown


def test_percent():
    assert format_percent(9.67) == "9,67%"


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_round_trip(n):
    text = format_number(n)
    assert parse_vi(text) == n
    assert "," not in text  # no decimal mark on a whole number


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_two_decimals_round_trip(value):
    text = format_number(value, 2)
    assert parse_vi(text) == value
    assert text.split(",")[1].isdigit() and len(text.split(",")[1]) == 2
    grouped = text.lstrip("-").split(",")[0].split(".")
    assert all(len(g) == 3 for g in grouped[1:]) and 1 <= len(grouped[0]) <= 3


# Babel's `vi` locale is the reference: the module must print what it prints.
@given(st.one_of(st.integers(min_value=-10**15, max_value=10**15),
                 st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
                 st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False)))
def test_shown_as_babel_shows_it(value):
    from babel.numbers import format_decimal

    expected = format_decimal(value, locale="vi", group_separator=True)
    if expected == "-0":  # as above: zero has no sign
        expected = "0"
    assert format_number(value) == expected


@given(st.decimals(min_value=-10**9, max_value=10**9, places=5, allow_nan=False),
       st.integers(min_value=0, max_value=4))
def test_rounded_as_babel_prints_it(value, decimals):
    from decimal import ROUND_HALF_UP

    from babel.numbers import format_decimal

    rounded = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(rounded, format=pattern, locale="vi")
    if rounded.is_zero():  # Babel prints "-0,00"; a report prints zero without a sign
        expected = expected.removeprefix("-")
    assert format_number(value, decimals) == expected


def test_negative_zero_is_zero():
    assert format_number(-0.0004, 2) == "0,00"
    assert format_number(-0.0) == "0"


@pytest.mark.parametrize("missing", [None, "", "abc", True])
def test_num_in_a_template_refuses_what_is_not_a_number(missing):
    from qtreport.expand.helpers import HelperError, num

    with pytest.raises(HelperError):
        num(missing)
