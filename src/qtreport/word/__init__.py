"""Word's file format as qtreport speaks it, shared by the Word writer (writers/docx/) and
both Word readers (readers/returned_copy.py, readers/word_draft/):

- names.py: the XML namespaces, and the contract between a draft and its returned copies
  (the hidden bookmarks that carry anchors, the custom properties that carry the version)
- package.py: opening a .docx that comes from outside, within bounds
- text.py: what a paragraph of a document says (its runs, tracked changes opened or not)
"""
