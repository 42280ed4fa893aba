"""Findings: what `check` and `build` tell the user about their input.

Every finding names a file and line, says what is wrong and what would be right. Stages
collect findings instead of raising, so one run reports every mistake it can. What a
finding *is* (its code, severity, title and documentation) is a `Rule`, defined once in
rules.py; a stage reports a rule at a place, with the words of that case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One kind of finding, as ruff has rules: its code, name and severity, and the words
    `--explain` and docs/findings.md show. Instances live in rules.py."""

    code: str  # QT201
    name: str  # "undefined-footnote"
    severity: Severity
    title_vi: str
    title_en: str
    explanation: str  # what it means and what to do, for --explain and the docs
    hint: str = ""  # the usual fix, where a finding brings none of its own

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class SourceRef:
    """Where a piece of the report was written: a file under the repo, a 1-based line, and
    the 1-based column where the key or item starts (0 when a whole file is meant)."""

    file: str
    line: int
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, order=True, kw_only=True)
class Finding:
    """One problem in the input, located at file:line."""

    file: str
    line: int
    code: str
    severity: Severity
    message: str  # what is wrong, in Vietnamese (the office's language)
    message_en: str = ""  # the same in English, for bilingual output
    hint: str = ""  # what would be right
    column: int = 0
    words: str = ""  # the printed words it is about, to find them in the YAML (wording)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "hint": self.hint,
        }


@dataclass
class Findings:
    """A collector shared by the stages of one run."""

    items: list[Finding] = field(default_factory=list)
    _seen: set[Finding] = field(default_factory=set, repr=False)

    def report(self, rule: Rule, where: SourceRef, message: str, message_en: str = "",
               hint: str = "", words: str = "") -> None:
        """A finding of `rule` at `where`; its severity is the rule's. `words`: the printed
        words it is about (placed later at their own line and column)."""
        finding = Finding(
            file=where.file,
            line=where.line,
            code=rule.code,
            severity=rule.severity,
            message=message,
            message_en=message_en,
            hint=hint or rule.hint,
            column=where.column,
            words=words,
        )
        if finding not in self._seen:  # the same mistake met twice is reported once
            self._seen.add(finding)
            self.items.append(finding)

    def place_words(self, locate: Callable[[Finding], SourceRef | None]) -> None:
        """Move each finding about some words to where `locate` finds them written."""
        for i, finding in enumerate(self.items):
            where = locate(finding) if finding.words else None
            if where is not None:
                self.items[i] = replace(finding, line=where.line, column=where.column)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(self.items)
