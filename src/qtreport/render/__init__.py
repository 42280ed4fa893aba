"""Stage 4, render: templates to text, then text to a Word document.

- text.py: Jinja (sandboxed) fills each paragraph; inline markup becomes runs
- docx.py: the document with python-docx (imported only when building)
- footnotes.py: the footnote layer python-docx lacks
"""
