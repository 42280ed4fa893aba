"""Writers: the document tree (ast.py) out, one module each, computing nothing.

- docx/: the Word draft (and its review copy with comments)
- markdown.py: pandoc Markdown
- terminal.py: the appendix tables for `qtreport indicators`
"""
