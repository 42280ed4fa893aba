"""Lints (warnings) over what the report will print: copy-from-PDF damage, Vietnamese
spelling, doubled spaces and words, unbalanced quotes and brackets, number conventions; and
the comment registers read against the report as it is now."""

from .feedback import lint_registers
from .text import check_storable, lint_document

__all__ = ["check_storable", "lint_document", "lint_registers"]
