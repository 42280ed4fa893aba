"""diff/tokens.py: the words of a paragraph as a reader compares them. Every character is in
one token (joined, the tokens give the text back), and a figure as the report prints it
(thousands, decimal comma, sign, percent, ratio, date) is one token, replaced whole."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from qtreport.diff.tokens import is_figure, split
from qtreport.numformat import format_number, format_percent

figures = st.decimals(min_value=Decimal(-10**9), max_value=Decimal(10**9), places=3,
                      allow_nan=False, allow_infinity=False)


@given(st.text())
def test_tokens_join_back_into_the_text(text):
    assert "".join(split(text)) == text


@given(figures, st.integers(min_value=0, max_value=3))
def test_a_printed_figure_is_one_token(value, decimals):
    printed = format_number(value, decimals)
    assert split(f"đạt {printed} tỷ đồng") == ["đạt", " ", printed, " ", "tỷ", " ", "đồng"]
    assert is_figure(printed)


@given(figures)
def test_a_percent_is_one_token_with_its_sign(value):
    printed = format_percent(value)
    assert split(f"({printed}/năm)") == ["(", printed, "/", "năm", ")"]


def test_ratios_dates_and_labels_are_whole_and_words_are_words():
    assert split("13/18 chỉ tiêu") == ["13/18", " ", "chỉ", " ", "tiêu"]
    assert split("ngày 04/4/2017,") == ["ngày", " ", "04/4/2017", ","]
    assert split("(1) Kinh tế") == ["(1)", " ", "Kinh", " ", "tế"]
    assert split("Covid-19") == ["Covid", "-", "19"]  # a name's number is the name's
    assert not is_figure("năm")
