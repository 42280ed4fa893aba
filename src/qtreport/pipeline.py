"""The stages wired together, data flowing one way:

    load (readers/yaml.py) → validate (validate/) → compute (compute/) → expand (expand/)
    → lint (lint/) → write: a writer (writers/) and the file on disk (write.py)

`check` runs every stage but the writer; `build` runs them all. Each returns the findings;
a stage whose errors make the next one pointless stops the run there. The other workflows
(the comment round, comparing drafts, importing, a new report) are in workflows/; they
check a report through `check_folder` and write what they make through `write_document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import ast, rules
from .diagnostics import Findings, Severity, SourceRef

if TYPE_CHECKING:
    from .validate.models import FeedbackRegister


@dataclass(kw_only=True)
class Paths:
    root: Path  # the repository: every file is named relative to it
    data: Path
    templates: Path
    out: Path
    feedback: Path  # the registers of the comment rounds

    @classmethod
    def at(cls, root: Path, data: Path | None = None, templates: Path | None = None,
           out: Path | None = None) -> Paths:
        return cls(root=root, data=data or root / "data",
                   templates=templates or root / "templates", out=out or root / "build",
                   feedback=root / "feedback")

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) \
            else str(path)


@dataclass(kw_only=True)
class Result:
    findings: Findings = field(default_factory=Findings)
    document: ast.Document | None = None  # the document tree, when there are no errors
    registers: dict[str, FeedbackRegister] = field(default_factory=dict)  # feedback/
    texts: dict[str, str] = field(default_factory=dict)  # each file of data/, templates/
    output: Path | None = None
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.findings.errors


def check(paths: Paths, text_checks: bool = True, registers: bool = True,
          register_errors: bool = True) -> Result:
    """Everything `build` validates, without writing a document; and, unless `text_checks`
    is off (as for `build`), the warnings about the printed text (spelling, spaces …).
    `registers` off leaves feedback/ unread. The registers' findings are told beside the
    report's, never instead of them: a register in progress does not stop the report
    (`register_errors` off, as for `build`, makes them warnings: the draft is written)."""
    from .compute import compute
    from .expand import expand
    from .lint import check_storable, lint_document, lint_registers
    from .readers.git import head_commit
    from .readers.yaml import load_sources
    from .validate import validate
    from .validate.feedback import validate_registers

    result = Result()
    findings, of_registers = result.findings, Findings()
    sources = load_sources(paths.data, paths.templates, paths.root, findings,
                           paths.feedback if registers else None, of_registers)
    result.registers = validate_registers(sources.feedback, of_registers)
    validated = validate(sources, findings)
    if validated is None:
        _beside(findings, of_registers, register_errors)
        return result
    document = expand(compute(validated, findings), findings, sources.digest(),
                      head_commit(paths.root))
    if text_checks:
        lint_document(document, validated.allow, findings)
        lint_registers(document, result.registers, of_registers)
    else:
        check_storable(document, findings)
    # a finding about some words (a {{ … }}, a note's mark, a misspelt word) goes to the
    # line and column where they are written, not the paragraph's first line
    files = {**sources.data, **{f.name: f for f in (sources.styles, sources.front_matter,
                                                     *sources.layouts.values()) if f}}
    findings.place_words(lambda f: files[f.file].find_words(f.line, f.words)
                         if f.file in files else None)
    if not findings.errors:
        result.document = document
        result.texts = sources.texts()
    _beside(findings, of_registers, register_errors)
    return result


def _beside(findings: Findings, of_registers: Findings, errors: bool) -> None:
    """The registers' findings after the report's; as warnings, unless `errors`."""
    for finding in of_registers.items:
        findings.items.append(finding if errors or finding.severity != Severity.ERROR
                              else replace(finding, severity=Severity.WARNING))


def check_folder(root: Path, data: Path | None = None, templates: Path | None = None) -> Result:
    """The report in another folder (an older draft, a copy being edited), checked for its
    document tree only: no warnings about the wording, no registers."""
    return check(Paths.at(root, data, templates), text_checks=False, registers=False)


def build(paths: Paths, review: bool = False, pdf: bool = False,
          fmt: str = "docx", text_checks: bool = False) -> Result:
    """Check, then write build/<output>.docx (or .md) atomically when there is no error.
    The text warnings are check's business, unless `text_checks` asks for them (watch)."""
    # the register of a comment round is the team's work in progress: its findings are
    # check's business, and never keep the draft from being written
    result = check(paths, text_checks=text_checks, register_errors=False)
    if result.document is None or not result.ok:
        return result
    suffix = "-gop-y" if review and fmt == "docx" else ""  # remarks exist only in Word
    target = paths.out / f"{result.document.meta.output}{suffix}.{fmt}"
    if fmt == "md":
        from .writers.markdown import to_markdown

        blob = to_markdown(result.document).encode("utf-8")
    else:
        from .writers.docx import write_docx

        blob = write_docx(result.document, review=review)
    if not write_document(paths, target, blob, result.findings):
        return result
    result.output = target
    if pdf:
        _pdf(paths, result, target)
    return result


def write_document(paths: Paths, target: Path, blob: bytes, findings: Findings) -> bool:
    """Write `blob` to `target` atomically; a failure is a finding, not a traceback."""
    from .write import write_atomic

    try:
        write_atomic(target, blob)
    except OSError as err:
        findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                        "không ghi được tệp kết quả",
                        f"cannot write the document: {err.strerror or err}")
        return False
    return True


def _pdf(paths: Paths, result: Result, docx: Path) -> None:
    from .write import PdfError, convert_to_pdf

    target = docx.with_suffix(".pdf")
    try:
        convert_to_pdf(docx, target)
    except (PdfError, OSError) as err:
        result.findings.report(rules.PDF_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                               "không tạo được tệp PDF", str(err))
        return
    result.pdf = target
