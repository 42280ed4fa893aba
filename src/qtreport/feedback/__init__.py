"""The comment round: returned copies of the draft → a register in feedback/ → the
synthesis table.

- mapping.py: each comment and tracked change placed where its passage is now
- register.py: feedback/<round>.yaml, added to and never rewritten
- synthesis.py: the Bảng tổng hợp, tiếp thu, giải trình as a document tree

Reading a copy is readers/returned_copy.py; the workflows (add, list, table) are in pipeline.py.
"""
