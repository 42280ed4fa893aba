"""Vietnamese number formatting: thousands with '.', decimals with ',' ("2.796", "98,1").

Python's own format mini-language groups and rounds; the Vietnamese marks are the English
ones swapped. Babel's `vi` locale gives the same text (tests/test_numformat.py holds
this module to it on random numbers), but loading Babel and its locale data cost more than
a fifth of a whole `check` of the report, for two characters.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal

_VIETNAMESE_MARKS = str.maketrans(",.", ".,")
_MAX_DECIMALS_SHOWN = 3  # a figure without a chosen precision: at most 3 decimals, as Babel


def format_number(value: Number, decimals: int | None = None) -> str:
    """`2796` → "2.796"; `98.1` → "98,1"; with decimals=2, `116.575` → "116,58"."""
    if decimals is None:
        text = _as_shown(value)
    else:
        # Statistics round half up (0,5 → 1); Python and Babel round half to even.
        rounded = _decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = f"{rounded:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # "-0,00" is zero
    return text.translate(_VIETNAMESE_MARKS)


def format_percent(value: Number, decimals: int = 2) -> str:
    """`9.67` (already a percentage) → "9,67%"."""
    return format_number(value, decimals) + "%"


def _as_shown(value: Number) -> str:
    """Grouped, with the decimals the value has (up to three): 98.1 → "98.1", 5.0 → "5"."""
    if isinstance(value, int):
        return f"{value:,d}"
    text = f"{_decimal(value):,.{_MAX_DECIMALS_SHOWN}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimal(value: Number) -> Decimal:
    """The decimal a reader sees: 0.1 is 0,1, not the float's 0,1000000000000000055…"""
    return value if isinstance(value, Decimal) else Decimal(str(value))
