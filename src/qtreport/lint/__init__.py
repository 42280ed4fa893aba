"""Text lints (warnings) over what the report will print: copy-from-PDF damage, Vietnamese
spelling, doubled spaces and words, unbalanced quotes and brackets, number conventions."""

from .text import check_storable, lint_document

__all__ = ["check_storable", "lint_document"]
