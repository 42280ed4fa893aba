"""qtreport: compile a Party congress political report from YAML into a Word draft.

The pipeline, one module (or package) per stage, data flowing one way (docs/architecture.md):

    load      (readers/yaml.py)  YAML files -> plain data + source positions
    validate  (validate/)        plain data -> pydantic models -> one typed report
    compute   (compute/)         numbering, footnote order, every indicator figure: final
    expand    (expand/)          Jinja and inline markup -> the document tree (ast.py)
    lint      (lint/)            warnings about the printed text, read from the tree
    writers   (writers/)         the tree -> Word, Markdown, the terminal
    write     (write.py)         atomic file on disk, PDF
"""

__version__ = "0.1.0"
