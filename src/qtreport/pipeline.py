"""The stages wired together: load → validate → compute → render → write.

`check` runs every stage but the document writer; `build` runs them all. Each returns
the findings; a stage that cannot go on (its errors make the next one pointless) stops
the run there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Findings
from .document import Document
from .load import is_report_file, load_file, load_tree
from .model import StyleSheet
from .render.text import RenderedDocument


@dataclass
class Paths:
    root: Path  # the repository: every file is named relative to it
    data: Path
    templates: Path
    out: Path

    @classmethod
    def at(cls, root: Path, data: Path | None = None, templates: Path | None = None,
           out: Path | None = None) -> Paths:
        return cls(root, data or root / "data", templates or root / "templates",
                   out or root / "build")

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) \
            else str(path)


@dataclass
class Result:
    findings: Findings = field(default_factory=Findings)
    rendered: RenderedDocument | None = None
    document: Document | None = None  # computed: numbering, footnotes, indicators
    stylesheet: StyleSheet | None = None
    output: Path | None = None
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.findings.errors


def check(paths: Paths, text_checks: bool = True) -> Result:
    """Everything `build` validates, without writing a document; and, unless `text_checks`
    is off (as for `build`), the warnings about the printed text (spelling, spaces …)."""
    from .compute import compute
    from .lint import check_storable, lint_document
    from .render.text import render_text
    from .validate import (
        validate,
        validate_allow_list,
        validate_front_matter,
        validate_indicators,
        validate_stylesheet,
    )

    result = Result()
    findings = result.findings
    data_name = paths.name(paths.data)
    # load: every file, reporting every unreadable one
    files = load_tree(paths.data, paths.root, findings)
    sheet_file = _load_template(paths, "styles.yaml", findings)
    front_file = _load_template(paths, "front-matter.yaml", findings)
    layouts = _load_layouts(paths, findings)
    # validate: the models of every file, then the one report tree
    result.stylesheet = validate_stylesheet(sheet_file, findings) if sheet_file else None
    front = validate_front_matter(front_file, result.stylesheet, findings) if front_file \
        else None
    report = validate(files, data_name, findings)
    indicators = validate_indicators(files, data_name, layouts, findings)
    allow = validate_allow_list(files, data_name, findings)
    if report is None or findings.errors:
        return result
    # compute, render the text, and read it as it will be printed
    result.document = compute(report, indicators, front, findings)
    rendered = render_text(result.document, findings)
    if text_checks:
        lint_document(rendered, allow, findings)
    else:
        check_storable(rendered, findings)
    if not findings.errors:
        result.rendered = rendered
    return result


def _load_template(paths: Paths, name: str, findings: Findings):
    path = paths.templates / name
    return load_file(path, paths.name(path), findings, inside=paths.templates)


def _load_layouts(paths: Paths, findings: Findings) -> dict:
    """templates/appendices/<layout>.yaml, by layout name."""
    layouts = {}
    for path in sorted((paths.templates / "appendices").glob("*.yaml")):
        if not is_report_file(path, paths.templates):
            continue
        loaded = load_file(path, paths.name(path), findings, inside=paths.templates)
        if loaded is not None:
            layouts[path.stem] = loaded
    return layouts


def build(paths: Paths, review: bool = False, pdf: bool = False,
          fmt: str = "docx", text_checks: bool = False) -> Result:
    """Check, then write build/<output>.docx (or .md) atomically when there is no error.
    The text warnings are check's business, unless `text_checks` asks for them (watch)."""
    result = check(paths, text_checks=text_checks)
    if result.rendered is None or result.stylesheet is None or not result.ok:
        return result
    from .write import write_atomic, zip_package

    suffix = "-gop-y" if review and fmt == "docx" else ""  # remarks exist only in Word
    target = paths.out / f"{result.rendered.meta.output}{suffix}.{fmt}"
    if fmt == "md":
        from .render.markdown import to_markdown

        blob = to_markdown(result.rendered).encode("utf-8")
    else:
        from .render.docx import write_docx

        blob = zip_package(write_docx(result.rendered, result.stylesheet, review=review))
    try:
        write_atomic(target, blob)
    except OSError as err:
        from .diagnostics import SourceRef

        result.findings.error(SourceRef(paths.name(target), 1), "QT401",
                              "không ghi được tệp kết quả",
                              f"cannot write the document: {err.strerror or err}",
                              "check that the build/ folder is writable and the file is not "
                              "open in Word")
        return result
    result.output = target
    if pdf:
        _pdf(paths, result, target)
    return result


def _pdf(paths: Paths, result: Result, docx: Path) -> None:
    from .diagnostics import SourceRef
    from .write import PdfError, convert_to_pdf

    target = docx.with_suffix(".pdf")
    try:
        convert_to_pdf(docx, target)
    except (PdfError, OSError) as err:
        result.findings.error(SourceRef(paths.name(target), 1), "QT402",
                              "không tạo được tệp PDF", str(err),
                              "the DOCX was written; only the PDF is missing")
        return
    result.pdf = target
