"""The report's numbering, as words: the labels of parts, headings and items, and the
number a label stands for. Heading and item numbers come from position only; the YAML
carries none.

Inside a part: I. (depth 1) → 1. (2) → 1.1. (3) → 1.1.1. (4) → a. (5).
Items run (1), (2)… and restart with every list unless it says `continue: true`.

One vocabulary for both directions: compute/outline.py gives each heading and item its
label; the Word draft reader (`import`) reads a label back into its number.
"""

from __future__ import annotations

PART_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
MAX_DEPTH = 5
LETTERS = "abcdefghiklmnopqrstuvxy"  # the Vietnamese alphabet's letters a list runs by
ITEM_STYLES = ("(1)", "(1).", "1.", "1)", "a)")  # how a numbered item's label is written
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def part_label(index: int) -> str:
    """'Phần thứ nhất' for index 0; past ten parts, digits."""
    ordinal = PART_ORDINALS[index] if index < len(PART_ORDINALS) else str(index + 1)
    return f"Phần thứ {ordinal}"


def roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """a, b, c … for 1, 2, 3 …; aa, ab … past the alphabet."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, len(LETTERS))
        out = LETTERS[rest] + out
    return out


def heading_label(path: tuple[int, ...]) -> str:
    """Label of a heading from its position: path[0] is the I./II. index (1-based)."""
    depth = len(path)
    if depth == 1:
        return f"{roman(path[0])}."
    if depth == MAX_DEPTH:
        return f"{letter(path[-1])}."
    return ".".join(str(n) for n in path[1:]) + "."


def item_label(style: str, number: int) -> str:
    return {"(1)": f"({number})", "(1).": f"({number}).", "1.": f"{number}.",
            "1)": f"{number})", "a)": f"{letter(number)})"}[style]


def item_style(label: str) -> str:
    """The style an item label is written in: '(3).' → '(1).', 'c)' → 'a)'."""
    if label.startswith("("):
        return "(1)." if label.endswith(".") else "(1)"
    if label[:1].isalpha():
        return "a)"
    return "1)" if label.endswith(")") else "1."


def item_number(label: str) -> int | None:
    """The number an item's label stands for: '(3).' → 3, 'c)' → 3."""
    digits = "".join(c for c in label if c.isdigit())
    if digits:
        return int(digits)
    return letter_value(label.strip("().").lower())


def roman_value(text: str) -> int:
    """'XIV' → 14 (letters other than I V X L C D M are not asked for)."""
    total = 0
    for i, numeral in enumerate(text):
        value = _ROMAN[numeral]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total


def letter_value(text: str) -> int | None:
    """'c' → 3; None for a letter lists do not run by."""
    return LETTERS.find(text) + 1 if len(text) == 1 and text in LETTERS else None


def ordinal_value(word: str) -> int | None:
    """'hai' (of 'Phần thứ hai') → 2."""
    return PART_ORDINALS.index(word) + 1 if word in PART_ORDINALS else None
