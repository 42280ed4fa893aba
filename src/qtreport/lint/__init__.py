"""Text lints (warnings) over what the report will print: copy-from-PDF damage, Vietnamese
spelling, doubled spaces and words, unbalanced quotes and brackets, number conventions."""

from .text import lint_document

__all__ = ["lint_document"]
