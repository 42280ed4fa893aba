"""qtreport: compile a Party congress political report from YAML into a Word draft.

The pipeline, one module (or package) per stage, data flowing one way:

    load      (load.py)          YAML files -> plain data + source positions
    validate  (validate.py)      plain data -> pydantic models (model.py) -> report tree
    compute   (compute/)         numbering of headings and items, footnote order
    render    (render/)          Jinja text, inline markup, python-docx document
    write     (write.py)         deterministic, atomic DOCX on disk
"""

__version__ = "0.1.0"
