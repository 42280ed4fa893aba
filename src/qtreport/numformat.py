"""Vietnamese number formatting: thousands with '.', decimals with ',' ("2.796", "98,1").

Babel's `vi` locale does exactly what the report needs; it is imported on first use so
that `qtreport --help` does not pay for it.
"""

from __future__ import annotations

from decimal import Decimal
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
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _babel().format_decimal(value, format=pattern, locale="vi",
                                   decimal_quantization=True)


def format_percent(value: Number, decimals: int = 2) -> str:
    """`9.67` (already a percentage) → "9,67%"."""
    return format_number(value, decimals) + "%"
