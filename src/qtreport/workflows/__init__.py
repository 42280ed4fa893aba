"""The workflows besides check and build (pipeline.py), one module each, named for it:

- comment_round.py: `feedback add`, `list`, `table`, `apply`
- compare_drafts.py: `diff`
- import_report.py: `import`
- new_report.py: `init`

Each checks a report through pipeline.py and writes through write.py; none is a stage.
"""
