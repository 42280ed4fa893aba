"""The stages wired together, data flowing one way:

    load (readers/yaml.py) → validate (validate/) → compute (compute/) → expand (expand/)
    → lint (lint/) → write: a writer (writers/) and the file on disk (write.py)

`check` runs every stage but the writer; `build` runs them all. Each returns the findings;
a stage whose errors make the next one pointless stops the run there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import ast, rules
from .diagnostics import Findings, SourceRef

if TYPE_CHECKING:
    from .feedback.mapping import Entry, Index
    from .validate.models import FeedbackRegister


@dataclass
class Paths:
    root: Path  # the repository: every file is named relative to it
    data: Path
    templates: Path
    out: Path
    feedback: Path  # the registers of the comment rounds

    @classmethod
    def at(cls, root: Path, data: Path | None = None, templates: Path | None = None,
           out: Path | None = None) -> Paths:
        return cls(root, data or root / "data", templates or root / "templates",
                   out or root / "build", root / "feedback")

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) \
            else str(path)


@dataclass
class Result:
    findings: Findings = field(default_factory=Findings)
    document: ast.Document | None = None  # the document tree, when there are no errors
    registers: dict[str, FeedbackRegister] = field(default_factory=dict)  # feedback/
    output: Path | None = None
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.findings.errors


def check(paths: Paths, text_checks: bool = True, registers: bool = True) -> Result:
    """Everything `build` validates, without writing a document; and, unless `text_checks`
    is off (as for `build`), the warnings about the printed text (spelling, spaces …).
    `registers` off leaves feedback/ unread."""
    from .compute import compute
    from .expand import expand
    from .lint import check_storable, lint_document, lint_registers
    from .readers.git import head_commit
    from .readers.yaml import load_sources
    from .validate import validate

    result = Result()
    findings = result.findings
    sources = load_sources(paths.data, paths.templates, paths.root, findings,
                           paths.feedback if registers else None)
    validated = validate(sources, findings)
    if validated is None:
        return result
    document = expand(compute(validated, findings), findings, sources.digest(),
                      head_commit(paths.root))
    if text_checks:
        lint_document(document, validated.allow, findings)
        lint_registers(document, validated.registers, findings)
    else:
        check_storable(document, findings)
    if not findings.errors:
        result.document = document
        result.registers = validated.registers
    return result


def build(paths: Paths, review: bool = False, pdf: bool = False,
          fmt: str = "docx", text_checks: bool = False) -> Result:
    """Check, then write build/<output>.docx (or .md) atomically when there is no error.
    The text warnings are check's business, unless `text_checks` asks for them (watch)."""
    result = check(paths, text_checks=text_checks)
    if result.document is None or not result.ok:
        return result
    from .write import write_atomic

    suffix = "-gop-y" if review and fmt == "docx" else ""  # remarks exist only in Word
    target = paths.out / f"{result.document.meta.output}{suffix}.{fmt}"
    if fmt == "md":
        from .writers.markdown import to_markdown

        blob = to_markdown(result.document).encode("utf-8")
    else:
        from .writers.docx import write_docx

        blob = write_docx(result.document, review=review)
    try:
        write_atomic(target, blob)
    except OSError as err:
        result.findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                               "không ghi được tệp kết quả",
                               f"cannot write the document: {err.strerror or err}")
        return result
    result.output = target
    if pdf:
        _pdf(paths, result, target)
    return result


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


# -- the comment round ------------------------------------------------------------------------

@dataclass
class FeedbackResult:
    findings: Findings
    added: list[Entry] = field(default_factory=list)  # new entries, in the order added
    known: int = 0  # entries the register already had
    register: Path | None = None  # where they were written


def feedback_add(paths: Paths, copies: list[Path], unit: str | None,
                 round_name: str) -> FeedbackResult:
    """Read each returned copy and add its comments and changes to feedback/<round>.yaml,
    placed where their passages are now. A file that cannot be read is a finding; the
    others are still read."""
    from .feedback.mapping import Index, place_items
    from .feedback.register import append_entries
    from .readers.docx import CopyError, read_copy

    current = check(paths, text_checks=False, registers=False)
    if current.document is None:  # the report's errors: nothing can be placed in it
        return FeedbackResult(current.findings)
    result = FeedbackResult(Findings())  # the report's own warnings are check's to tell
    target = paths.feedback / f"{round_name}.yaml"
    known = _register_ids(paths, target, result.findings)
    if known is None:
        return result
    index, older = Index(current.document), _Older(paths, result.findings)
    for path in copies:
        where = SourceRef(paths.name(path), 1)
        try:
            copy = read_copy(path)
        except CopyError as err:
            result.findings.report(rules.COPY_UNREADABLE, where, err.message, err.message_en,
                                   err.hint)
            continue
        if not copy.bookmarks and copy.version is None:
            result.findings.report(rules.COPY_OF_ANOTHER_DOCUMENT, where,
                                   "tệp không phải bản của dự thảo này",
                                   "the file has no mark of a draft qtreport built: it is not a "
                                   "copy of this report")
            continue
        if not copy.items:
            result.findings.report(rules.COPY_WITHOUT_FEEDBACK, where,
                                   "bản góp ý không có ý kiến nào",
                                   "the copy has no Word comment and no tracked change")
            continue
        then = older.index(copy.commit) \
            if copy.version not in (None, current.document.meta.version) else None
        for entry in place_items(copy, unit, index, then):
            if entry.id in known:
                result.known += 1
                continue
            known.add(entry.id)
            result.added.append(entry)
            if entry.unplaced:
                result.findings.report(rules.FEEDBACK_UNPLACED, where,
                                       f"không xác định được vị trí: “{entry.passage[:60]}”",
                                       f"{entry.kind} by {entry.author or entry.unit}: "
                                       f"{entry.unplaced}")
    if result.added:
        append_entries(target, round_name, result.added)
        result.register = target
    return result


def _register_ids(paths: Paths, target: Path, findings: Findings) -> set[str] | None:
    """The ids the register already has; None (with a finding) when it cannot be added to."""
    from .readers.yaml import load_file
    from .validate.models import FeedbackRegister
    from .validate.schema import validate_model

    if not target.exists():
        return set()
    name = paths.name(target)
    loaded = load_file(target, name, findings, inside=paths.feedback)
    register = validate_model(loaded, FeedbackRegister, findings) if loaded else None
    if loaded is None or register is None or list(loaded.data)[-1] != "entries":
        findings.report(rules.REGISTER_UNWRITABLE, SourceRef(name, 1),
                        "không ghi thêm được vào sổ góp ý",
                        f"{name} cannot be added to: it must load, with 'entries:' its last key")
        return None
    return {entry.id for entry in register.entries}


class _Older:
    """Older drafts, built again from git by commit, to place the comments of their copies."""

    def __init__(self, paths: Paths, findings: Findings):
        self.paths, self.findings = paths, findings
        self.built: dict[str, Index | None] = {}

    def index(self, commit: str | None) -> Index | None:
        if commit is None:
            return None
        if commit not in self.built:
            self.built[commit] = self._build(commit)
        return self.built[commit]

    def _build(self, commit: str) -> Index | None:
        import tempfile

        from .feedback.mapping import Index
        from .readers.git import GitError, export_tree

        folders = [self.paths.name(folder) for folder in (self.paths.data, self.paths.templates)]
        with tempfile.TemporaryDirectory(prefix="qtreport-old-") as work:
            root = Path(work)
            try:
                export_tree(self.paths.root, commit, folders, root)
            except GitError:
                return None  # placed by the copy's own words instead
            old = check(Paths.at(root, root / folders[0], root / folders[1]), text_checks=False,
                        registers=False)
        return Index(old.document) if old.document is not None else None


def feedback_document(paths: Paths, round_name: str, status: str | None = None,
                      unit: str | None = None) -> tuple[Result, ast.Document | None]:
    """The synthesis table of a round as a document tree, its entries kept to a status or
    a unit if asked (`feedback list`); the check's result beside it."""
    from .feedback.synthesis import synthesis_document

    result = check(paths, text_checks=False)
    if result.document is None:
        return result, None
    name = paths.name(paths.feedback / f"{round_name}.yaml")
    register = result.registers.get(name)
    if register is None:
        result.findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1),
                               "không có sổ góp ý của vòng này",
                               f"there is no {name}", "run qtreport feedback add first, or "
                               "name the round with --round")
        return result, None
    entries = [entry for entry in register.entries
               if (status is None or entry.status == status)
               and (unit is None or entry.unit == unit)]
    return result, synthesis_document(result.document, entries, SourceRef(name, 1),
                                      register.round)


def feedback_table(paths: Paths, round_name: str) -> Result:
    """feedback/<round>.yaml as build/<output>-tong-hop-gop-y.docx."""
    from .write import write_atomic
    from .writers.docx import write_docx

    result, document = feedback_document(paths, round_name)
    if document is None:
        return result
    target = paths.out / f"{document.meta.output}.docx"
    try:
        write_atomic(target, write_docx(document))
    except OSError as err:
        result.findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                               "không ghi được tệp kết quả",
                               f"cannot write the document: {err.strerror or err}")
        return result
    result.output = target
    return result
