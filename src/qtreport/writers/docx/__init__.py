"""The Word writer: the document tree -> a .docx (python-docx's package, our elements).

- writer.py: walks the tree; headings, paragraphs, items, notes, sections, tables
- xml.py: the one way elements are made (every value escaped by lxml)
- styles.py, pages.py: styles.xml from the style sheet; page setup and page numbers
- notes.py: the footnotes part python-docx lacks
- tables.py: appendix tables; comments.py: remarks as Word comments
- package.py: the template cleaned, document properties, the deterministic zip
"""

from .writer import write_docx

__all__ = ["write_docx"]
