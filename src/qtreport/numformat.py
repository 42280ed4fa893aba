"""Vietnamese number formatting: thousands with '.', decimals with ',' ("2.796", "98,1").

Babel's `vi` locale does exactly what the report needs; it is imported on first use so
that `qtreport --help` does not pay for it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

Number = int | float | Decimal


@cache
def _babel():
    from babel import numbers

    return numbers


def format_number(value: Number, decimals: int | None = None) -> str:
    """`2796` → "2.796"; `98.1` → "98,1"; with decimals=2, `116.575` → "116,58"."""
    if decimals is None:
        return _babel().format_decimal(value, locale="vi", group_separator=True)
    # Statistics round half up (0,5 → 1); Babel would round half to even.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _babel().format_decimal(rounded, format=pattern, locale="vi")


def format_percent(value: Number, decimals: int = 2) -> str:
    """`9.67` (already a percentage) → "9,67%"."""
    return format_number(value, decimals) + "%"
