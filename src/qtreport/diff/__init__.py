"""Two drafts compared (`qtreport diff`): compare.py makes the newer draft with every change
from the older tracked in it; align.py says which block of the one is which of the other
(and which moved), tokens.py cuts words as a reader compares them (a figure whole), and
summary.py says what changed, for people and as Markdown."""

from .compare import compare

__all__ = ["compare"]
