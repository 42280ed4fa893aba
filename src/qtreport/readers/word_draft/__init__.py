"""A Word draft to import (`qtreport import`): paragraphs.py reads what the package holds,
structure.py recognises the report in it (headings, items, notes, the first page) and makes
the document tree."""

from .structure import read_word

__all__ = ["read_word"]
