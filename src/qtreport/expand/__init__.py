"""Stage 4, expand: the computed report -> the document tree (ast.py) every writer reads.

- document.py: walks the computed report and builds the tree
- sandbox.py: fills each paragraph's {{ … }} in Jinja's sandbox, bounded
- helpers.py: what a template may call: num, pct and the indicator data
- inlines.py: **bold**, *italic*, ^superscript^ and note marks -> inlines
- tables.py: the appendix tables' cells from the computed indicators
"""

from .document import expand

__all__ = ["expand"]
