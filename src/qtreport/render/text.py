"""Fill every paragraph's template and split it into runs (text, bold, italic, note refs).

Templates run in Jinja's immutable sandbox with strict undefined: a paragraph can call
the documented helpers (`num`, `pct`) and nothing else; reaching for Python internals
(`''.__class__`) is a sandbox error reported at the paragraph's file:line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..compute.indicators import IndicatorResults
from ..diagnostics import Findings, SourceRef
from ..document import NOTE_CLOSE, NOTE_MARK, NOTE_OPEN, Document, Heading, Note, Paragraph
from ..model import ReportMeta, Score, is_figure_name, is_number
from ..numformat import format_number, format_percent
from .appendix import RenderedTable, render_appendix

MAX_OUTPUT_CHARS = 100_000  # one paragraph; a runaway loop stops here
MAX_SECONDS = 2.0  # one paragraph's template; a loop that prints nothing stops here
MAX_RANGE = 10_000  # range() in a template: the report never needs more


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


@dataclass(frozen=True)
class NoteRef:
    number: int


Inline = Run | NoteRef


@dataclass
class RenderedHeading:
    depth: int
    label: str
    title: str
    src: SourceRef
    remark: str | None


@dataclass
class RenderedParagraph:
    inlines: list[Inline]
    label: str | None
    src: SourceRef
    remark: str | None

    @property
    def plain(self) -> str:
        return "".join(i.text for i in self.inlines if isinstance(i, Run))


@dataclass
class RenderedNote:
    number: int
    paragraphs: list[list[Inline]]
    remark: str | None
    src: SourceRef
    srcs: list[SourceRef] = field(default_factory=list)  # each paragraph's file:line


@dataclass
class RenderedDocument:
    meta: ReportMeta
    blocks: list[RenderedHeading | RenderedParagraph]
    notes: list[RenderedNote]
    tables: list[RenderedTable] = field(default_factory=list)
    summary: str = ""  # "13/18 chỉ tiêu đạt và vượt" for the terminal view
    front: list[tuple[str, str, SourceRef]] = field(default_factory=list)  # page 1 block


class HelperError(Exception):
    """A data helper was asked for something the data does not have."""


def template_helpers() -> dict[str, Callable[..., Any]]:
    """Formatting helpers any paragraph may use. Documented in docs/yaml-format.md."""
    return {"num": _num, "pct": _pct}


def _number_arguments(name: str, value: Any, decimals: Any) -> None:
    if not is_number(value) or value != value or abs(value) > 1e15:
        raise HelperError(f"{name}() needs a number, not {value!r}")
    if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 6):
        raise HelperError(f"{name}(): the number of decimals is 0 to 6, not {decimals!r}")


def _num(value: Any, decimals: int | None = None) -> str:
    _number_arguments("num", value, decimals)
    return format_number(value, decimals)


def _pct(value: Any, decimals: int = 2) -> str:
    _number_arguments("pct", value, decimals)
    return format_percent(value, decimals)


def _finalize(value: Any) -> Any:
    """What {{ … }} prints: numbers in the Vietnamese way even without num(), a score as
    the table writes it; never Python's own spelling (6150.0, Score(score=…))."""
    if is_number(value):
        return format_number(round(value, 6))
    if isinstance(value, Score):
        return f"{format_number(value.score)} điểm" + \
            (f", xếp loại {value.grade}" if value.grade else "") + \
            (f", vị trí thứ {value.rank}" if value.rank else "")
    return value


class DataHelpers:
    """`actual`, `figure`, `assessment`, `achieved`, `counted`: the indicator data in text.

    Documented in docs/indicators.md. Asking for an unknown id or a missing figure is an
    error at the paragraph that asks, never an empty spot in the report.
    """

    def __init__(self, results: IndicatorResults | None):
        self.results = results

    def names(self) -> dict[str, Callable[..., Any]]:
        return {"actual": self.actual, "figure": self.figure, "rate": self.rate,
                "target": self.target, "assessment": self.assessment,
                "achieved": self.achieved, "counted": self.counted}

    def _result(self, indicator_id: str):
        if self.results is None:
            raise HelperError("the report has no indicator data (data/targets_2020_2025.yaml)")
        if indicator_id not in self.results.by_id:
            import difflib

            guess = difflib.get_close_matches(str(indicator_id), list(self.results.by_id), 1)
            raise HelperError(f"no indicator '{indicator_id}'"
                              + (f"; did you mean '{guess[0]}'?" if guess else ""))
        return self.results.by_id[indicator_id]

    def actual(self, indicator_id: str, year: int) -> Any:
        value = self._result(indicator_id).figure(f"value_{year}").value
        if value is None:
            value = self._result(indicator_id).values.get(year)
        if value is None:
            raise HelperError(f"'{indicator_id}' has no figure for {year} in "
                              f"data/actuals/{year}.yaml")
        if isinstance(value, bool):
            raise HelperError(f"'{indicator_id}' is {str(value).lower()} for {year} in "
                              f"data/actuals/{year}.yaml: a yes/no, not a figure to quote")
        return value

    def figure(self, indicator_id: str, name: str) -> float:
        if not is_figure_name(name):
            raise HelperError(f"'{name}' is not a figure: use growth_<year>, ratio, total, "
                              "total_<year>, average, sum_<from>_<to> or value_<year>")
        value = self._result(indicator_id).figure(name).value
        if value is None:
            raise HelperError(f"'{indicator_id}' has no {name}: its yearly figures in "
                              "data/actuals/ are missing and data/targets_2020_2025.yaml pins "
                              "no official figure")
        return value

    def rate(self, indicator_id: str, year: int) -> float:
        """Growth a year in percent, from the index as the table prints it (117,08 → 17,08)."""
        return round(round(self.figure(indicator_id, f"growth_{year}"), 2) - 100, 2)

    def target(self, indicator_id: str, key: str = "min") -> float:
        """A number of the resolution's target: target('von-xdcb') → 550 (its minimum)."""
        target = self._result(indicator_id).indicator.target
        if key not in ("min", "max") or target is None or getattr(target, key) is None:
            raise HelperError(f"'{indicator_id}' has no target {key} in "
                              "data/targets_2020_2025.yaml")
        return getattr(target, key)

    def assessment(self, indicator_id: str) -> str:
        result = self._result(indicator_id).assessment
        if result is None:
            raise HelperError(f"'{indicator_id}' has no assessment (no target or no figures)")
        return result

    def achieved(self, appendix: int | None = None) -> int:
        return self._count(appendix, achieved=True)

    def counted(self, appendix: int | None = None) -> int:
        return self._count(appendix, achieved=False)

    def _count(self, appendix: int | None, achieved: bool) -> int:
        from ..compute.indicators import ACHIEVED

        if self.results is None:
            raise HelperError("the report has no indicator data (data/targets_2020_2025.yaml)")
        if appendix is not None and not 1 <= appendix <= len(self.results.appendices):
            raise HelperError(f"there is no appendix {appendix}: the report has "
                              f"{len(self.results.appendices)}")
        rows = self.results.rows_of(appendix)
        return sum(r.counted and (not achieved or r.assessment in ACHIEVED) for r in rows)


@cache
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, and no arithmetic that builds a huge value: 'x' * 10**9, 9**9**9."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and abs(right) > 100:
                raise _Runaway(f"power {right} is too large for a report")
            if operator == "*" and any(isinstance(x, str | list | tuple) for x in (left, right)):
                sequence, count = (left, right) if isinstance(right, int) else (right, left)
                if isinstance(count, int) and len(sequence) * count > MAX_OUTPUT_CHARS:
                    raise _Runaway(f"repeating {len(sequence):,} items {count:,} times")
            return super().call_binop(context, operator, left, right)

    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=_finalize)
    env.globals.clear()
    env.globals["range"] = _bounded_range
    env.globals.update(template_helpers())
    env.filters.update(template_helpers())
    return env


def render_template(source: str, src: SourceRef, findings: Findings,
                    context: dict[str, Any] | None = None) -> str | None:
    """The filled text, or None (with a finding) when the template fails."""
    if "{" not in source:  # plain text: most paragraphs; skip Jinja entirely
        return source
    try:
        return _render_bounded(_environment().from_string(source), context or {})
    except Exception as err:  # whatever goes wrong inside a template is the template's
        findings.error(src, *_template_finding(err, context or {}))
        return None


def _template_finding(err: Exception, context: dict[str, Any]) -> tuple[str, str, str, str]:
    """Code, message (vi, en) and hint for a template that failed."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(err, TemplateSyntaxError):
        return ("QT301", "lỗi cú pháp biểu thức {{ … }}",
                f"template syntax error: {err.message}",
                "check the {{ … }} and {% … %} in this paragraph; text braces are not allowed")
    if isinstance(err, UndefinedError):
        names = sorted({*template_helpers(), *context})
        return ("QT302", "biểu thức dùng tên không tồn tại",
                f"template uses an unknown name: {err.message}",
                "available helpers: " + ", ".join(names))
    if isinstance(err, SecurityError):
        return ("QT303", "biểu thức bị chặn vì không an toàn",
                f"template tried an operation that is not allowed: {err}",
                "templates may only quote data through the documented helpers")
    if isinstance(err, HelperError):
        return ("QT305", "số liệu được dẫn không có trong dữ liệu",
                f"template asks for data that is not there: {err}",
                "check the indicator id and year against data/targets_2020_2025.yaml "
                "and data/actuals/")
    if isinstance(err, _Runaway):
        return ("QT304", "biểu thức chạy quá lâu hoặc quá dài", f"template stopped: {err}",
                "a paragraph should be a paragraph; check the loops in its template")
    if isinstance(err, TypeError) and "argument" in str(err):
        return ("QT305", "hàm được gọi sai tham số",
                f"a helper was called with the wrong arguments: {_plain_signature_error(err)}",
                "e.g. actual('ban-le', 2025), figure('ban-le', 'growth_2025'), num(x, 2); "
                "see docs/indicators.md")
    return ("QT304", "biểu thức bị lỗi khi tính",
            f"template failed: {type(err).__name__}: {err}",
            "check the values passed to the helpers in this paragraph")


def _plain_signature_error(err: TypeError) -> str:
    """'DataHelpers.actual() missing 1 required…' → 'actual() missing 1 required…'."""
    return re.sub(r"^\w+\.", "", str(err))


class _Runaway(Exception):
    pass


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _Runaway(f"range() of {len(numbers):,} numbers (at most {MAX_RANGE:,})")
    return numbers


def _render_bounded(template, context: dict[str, Any]) -> str:
    """Render with a cap on the output and on the time: a template cannot hang a build."""
    with _time_limit(MAX_SECONDS):
        pieces: list[str] = []
        size = 0
        for piece in template.generate(**context):
            pieces.append(piece)
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise _Runaway(f"more than {MAX_OUTPUT_CHARS:,} characters of output")
        return "".join(pieces)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """A timer signal interrupts a template that loops without printing. Signals reach only
    the main thread; elsewhere (a library caller's worker thread) the output cap stands."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame):
        raise _Runaway(f"more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_TOKEN = re.compile(r"(\\\*|\*\*|\*|\^|" + NOTE_OPEN + r"\d+" + NOTE_CLOSE + ")")


def parse_inlines(text: str, src: SourceRef, findings: Findings) -> list[Inline]:
    """`**bold**`, `*italic*`, `^superscript^` (m^2^) and footnote marks -> runs.

    `\\*` is a literal asterisk. Inline notes `^[…]` were taken out by compute already.
    """
    inlines: list[Inline] = []
    bold = italic = sup = False
    for piece in _TOKEN.split(text):
        if not piece:
            continue
        if piece == "\\*":
            inlines.append(Run("*", bold, italic, sup))
        elif piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece == "^":
            sup = not sup
        elif (mark := NOTE_MARK.fullmatch(piece)) is not None:
            inlines.append(NoteRef(int(mark.group(1))))
        else:
            inlines.append(Run(piece, bold, italic, sup))
    if bold or italic or sup:
        findings.warning(src, "QT310", "dấu định dạng chưa đóng",
                         "a **bold**, *italic* or ^superscript^ mark is opened and never closed",
                         "close it, or write \\* for a literal asterisk")
    return _merge(inlines)


def _merge(inlines: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for inline in inlines:
        last = merged[-1] if merged else None
        if (isinstance(inline, Run) and isinstance(last, Run)
                and (last.bold, last.italic, last.superscript)
                == (inline.bold, inline.italic, inline.superscript)):
            merged[-1] = Run(last.text + inline.text, last.bold, last.italic, last.superscript)
        else:
            merged.append(inline)
    return merged


def render_text(document: Document, findings: Findings) -> RenderedDocument:
    context = DataHelpers(document.indicators).names()
    blocks: list[RenderedHeading | RenderedParagraph] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            blocks.append(RenderedHeading(block.depth, block.label, block.title,
                                          block.src, block.remark))
        else:
            blocks.append(_paragraph(block, findings, context))
    notes = [_note(note, findings, context) for note in document.notes]
    return RenderedDocument(document.meta, blocks, notes, _tables(document),
                            _summary(document), _front(document, findings))


def _front(document: Document, findings: Findings) -> list[tuple[str, str, SourceRef]]:
    if document.front_matter is None:
        return []
    fields = {name: value or "" for name, value in document.meta.model_dump().items()
              if isinstance(value, str | None)}
    lines = []
    for line in document.front_matter.root:
        text = render_template(line.text, line.src, findings, fields)
        if text and text.strip():
            lines.append((line.style, text.strip(), line.src))
    return lines


def _summary(document: Document) -> str:
    if document.indicators is None:
        return ""
    helpers = DataHelpers(document.indicators)
    parts = [f"Phụ lục {n}: {helpers.achieved(n)}/{helpers.counted(n)} chỉ tiêu đạt và vượt"
             for n in range(1, len(document.indicators.appendices) + 1) if helpers.counted(n)]
    return "; ".join(parts)


def _tables(document: Document) -> list[RenderedTable]:
    if document.indicators is None:
        return []
    return [render_appendix(appendix, document.layouts[appendix.layout], document.indicators)
            for appendix in document.indicators.appendices]


def _paragraph(block: Paragraph, findings: Findings, context: dict) -> RenderedParagraph:
    text = render_template(block.template, block.src, findings, context)
    if text is None:
        return RenderedParagraph([], block.label, block.src, block.remark)
    found = [int(m) for m in NOTE_MARK.findall(text)]
    if found != block.notes:
        findings.error(block.src, "QT207", "dấu chú thích nằm trong biểu thức điều kiện",
                       "a footnote marker is inside {% if %} or {% for %}: "
                       "its footnote would appear a different number of times",
                       "keep [^id] markers outside {% … %} blocks")
    return RenderedParagraph(parse_inlines(text, block.src, findings), block.label,
                             block.src, block.remark)


def _note(note: Note, findings: Findings, context: dict) -> RenderedNote:
    paragraphs = []
    for source, src in note.paragraphs:
        text = render_template(source, src, findings, context)
        paragraphs.append(parse_inlines(text, src, findings) if text is not None else [])
    return RenderedNote(note.number, paragraphs, note.remark, note.src,
                        [src for _, src in note.paragraphs])
