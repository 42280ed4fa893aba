"""The report's narrative: data/report.yaml, its parts and their `include:`s, the closing,
validated into one tree of sections (`Report`).

The input models keep `include:` entries where the editor wrote them; the tree made here
is new and holds sections only, each with the file:line it was written at. The input is
never changed.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping

from .. import rules
from ..diagnostics import Findings, SourceRef
from ..readers.yaml import SourceFile
from ..record import Record
from .models import (
    Block,
    ClosingFile,
    Footnote,
    Include,
    RemarkValue,
    ReportMeta,
    Section,
    SpellingAllowList,
)
from .schema import validate_model

REPORT_FILE = "report.yaml"
ALLOW_FILE = "spelling-allow.yaml"


class ReportSection(Record, kw_only=True):
    """A section with its includes resolved: the sections under it are sections."""

    title: str
    body: tuple[Block, ...]
    sections: tuple[ReportSection, ...]
    footnotes: Mapping[str, Footnote]
    remark: RemarkValue | None
    src: SourceRef


class Report(Record, kw_only=True):
    """The validated report: metadata, the parts, the closing appeal."""

    meta: ReportMeta
    meta_file: SourceFile  # data/report.yaml, for findings about its keys
    parts: tuple[ReportSection, ...]
    closing: ClosingFile | None
    files: frozenset[str]  # report.yaml, the parts, the sections, the closing


def validate_report(files: dict[str, SourceFile], data_prefix: str,
                    findings: Findings) -> Report | None:
    """Build the report tree; None when it cannot be built at all."""
    return _TreeBuilder(files, data_prefix.rstrip("/"), findings).run()


def validate_allow_list(files: dict[str, SourceFile], data_prefix: str,
                        findings: Findings) -> SpellingAllowList | None:
    """data/spelling-allow.yaml, if the report has one."""
    name = f"{data_prefix.rstrip('/')}/{ALLOW_FILE}"
    if name not in files:
        return None
    return validate_model(files[name], SpellingAllowList, findings)


def resolve_path(files: Mapping[str, SourceFile], prefix: str, rel: str, where: SourceRef,
                 findings: Findings) -> str | None:
    """A path written in the report (relative to data/) as a loaded file's name; None, with
    a finding, when it leaves data/ or names no file."""
    norm = posixpath.normpath(rel)
    if rel.startswith(("/", "\\")) or norm.startswith("..") or ":" in rel:
        findings.report(rules.PATH_OUTSIDE, where,
                        f"đường dẫn '{rel}' nằm ngoài thư mục data/",
                        f"the path '{rel}' points outside data/")
        return None
    name = f"{prefix}/{norm}"
    if name in files:
        return name
    if not _reported(name, findings):
        known = [n.removeprefix(prefix + "/") for n in files]
        guess = difflib.get_close_matches(norm, known, n=1, cutoff=0.6)
        findings.report(rules.INCLUDE_NOT_FOUND, where, f"không tìm thấy tệp '{rel}'",
                        f"the file '{rel}' does not exist under data/",
                        f"did you mean '{guess[0]}'?" if guess else "")
    return None


def _reported(name: str, findings: Findings) -> bool:
    """The file is there but did not load: the loader's finding already says why."""
    return any(finding.file == name for finding in findings.items)


class _TreeBuilder:
    def __init__(self, files: dict[str, SourceFile], data_prefix: str, findings: Findings):
        self.files, self.prefix, self.findings = files, data_prefix, findings
        self.used: set[str] = set()

    def run(self) -> Report | None:
        report_name = f"{self.prefix}/{REPORT_FILE}"
        if report_name not in self.files:
            if not self._reported(report_name):
                self.findings.report(rules.INCLUDE_NOT_FOUND, SourceRef(report_name, 1),
                                     "không tìm thấy tệp report.yaml",
                                     f"{report_name} is missing or could not be loaded",
                                     "the report starts from data/report.yaml: "
                                     "see docs/yaml-format.md")
            return None
        self.used.add(report_name)
        report_file = self.files[report_name]
        meta = validate_model(report_file, ReportMeta, self.findings)
        if meta is None:
            return None
        parts = []
        for i, part_path in enumerate(meta.parts):
            part = self.section_file(part_path, report_file.ref(("parts", i)), ())
            if part is not None:
                parts.append(part)
        closing = None
        if meta.closing:
            name = self.resolve(meta.closing, report_file.ref(("closing",)))
            if name:
                self.used.add(name)
                closing = validate_model(self.files[name], ClosingFile, self.findings)
        self.report_orphans()
        return Report(
            meta=meta,
            meta_file=report_file,
            parts=tuple(parts),
            closing=closing,
            files=frozenset(self.used),
        )

    # -- files and includes ------------------------------------------------------------

    def resolve(self, rel: str, where: SourceRef) -> str | None:
        return resolve_path(self.files, self.prefix, rel, where, self.findings)

    def _reported(self, name: str) -> bool:
        return _reported(name, self.findings)

    def section_file(self, rel: str, where: SourceRef,
                     stack: tuple[str, ...]) -> ReportSection | None:
        name = self.resolve(rel, where)
        if name is None:
            return None
        if not name.startswith(f"{self.prefix}/sections/"):
            self.findings.report(rules.PATH_OUTSIDE, where,
                                 f"'{rel}' không phải tệp của một mục",
                                 f"'{rel}' is not a section file: only files under "
                                 "data/sections/ can be parts or included sections",
                                 "include a file from data/sections/")
            return None
        if name in stack:
            self.findings.report(rules.INCLUDED_TWICE, where,
                                 f"tệp '{rel}' tự bao gồm chính nó",
                                 f"'{rel}' includes itself (through {' → '.join(stack)})",
                                 "remove the include that closes the loop")
            return None
        if name in self.used:
            self.findings.report(rules.INCLUDED_TWICE, where,
                                 f"tệp '{rel}' được đưa vào hai lần",
                                 f"'{rel}' is included a second time")
            return None
        self.used.add(name)
        section = validate_model(self.files[name], Section, self.findings)
        if section is None:
            return None
        return self.resolved(section, self.files[name], (), (*stack, name))

    def resolved(self, section: Section, file: SourceFile, path: tuple,
                 stack: tuple[str, ...]) -> ReportSection:
        """The section as a new tree node, every include replaced by the file's section."""
        children: list[ReportSection] = []
        for i, entry in enumerate(section.sections):
            if isinstance(entry, Include):
                child = self.section_file(entry.include, file.ref((*path, "sections", i)),
                                          stack)
            else:
                child = self.resolved(entry, file, (*path, "sections", i), stack)
            if child is not None:
                children.append(child)
        return ReportSection(
            title=section.title,
            body=tuple(section.body),
            sections=tuple(children),
            footnotes=dict(section.footnotes),
            remark=section.remark,
            src=section.src,
        )

    def report_orphans(self) -> None:
        if self.findings.errors:  # a part or section failed: its includes are unknown
            return
        for name in sorted(self.files):
            if name.startswith(f"{self.prefix}/sections/") and name not in self.used:
                self.findings.report(rules.INCLUDED_NOWHERE, SourceRef(name, 1),
                                     "tệp không được đưa vào báo cáo",
                                     "this file is not included anywhere in the report",
                                     "add '- include: "
                                     f"{name.removeprefix(self.prefix + '/')}' where it "
                                     "belongs, or delete the file")
