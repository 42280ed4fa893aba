"""Templates: each paragraph's {{ … }} filled in Jinja's immutable sandbox.

Strict undefined: a paragraph can call the documented helpers (helpers.py) and nothing
else; reaching for Python internals (`''.__class__`) is a sandbox error reported at the
paragraph's file:line. No template can hang a build or fill the disk: output, time,
`range()` and the arithmetic that builds huge values are bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import rules
from ..diagnostics import Findings, Rule, SourceRef
from .helpers import HelperError, finalize, formatting_helpers

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT_CHARS = 100_000  # one paragraph; a runaway loop stops here
MAX_SECONDS = 2.0  # one paragraph's template; a loop that prints nothing stops here
MAX_RANGE = 10_000  # range() in a template: the report never needs more


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, and no arithmetic that builds a huge value: 'x' * 10**9, 9**9**9."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 100:
                raise _Runaway(f"power {right} is too large for a report")
            if operator == "*" and any(isinstance(x, str | list | tuple) for x in (left, right)):
                sequence, count = (left, right) if isinstance(right, int) else (right, left)
                if isinstance(count, int) and len(sequence) * count > MAX_OUTPUT_CHARS:
                    raise _Runaway(f"repeating {len(sequence):,} items {count:,} times")
            return super().call_binop(context, operator, left, right)

    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=finalize)
    env.globals.clear()
    env.globals["range"] = _bounded_range
    env.globals.update(formatting_helpers())
    env.filters.update(formatting_helpers())
    return env


def render_template(source: str, src: SourceRef, findings: Findings,
                    context: dict[str, Any] | None = None) -> str | None:
    """The filled text, or None (with a finding) when the template fails."""
    if "{" not in source:  # plain text: most paragraphs; skip Jinja entirely
        return source
    try:
        return _render_bounded(_environment().from_string(source), context or {})
    except Exception as err:  # whatever goes wrong inside a template is the template's
        findings.report(*_template_finding(err, context or {}, src))
        return None


def _template_finding(err: Exception, context: dict[str, Any],
                      src: SourceRef) -> tuple[Rule, SourceRef, str, str, str]:
    """Rule, place, message (vi, en) and hint for a template that failed."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(err, TemplateSyntaxError):
        return (rules.TEMPLATE_SYNTAX, src, "lỗi cú pháp biểu thức {{ … }}",
                f"template syntax error: {err.message}",
                "check the {{ … }} and {% … %} in this paragraph; text braces are not allowed")
    if isinstance(err, UndefinedError):
        names = sorted({*formatting_helpers(), *context})
        return (rules.UNKNOWN_TEMPLATE_NAME, src, "biểu thức dùng tên không tồn tại",
                f"template uses an unknown name: {err.message}",
                "available helpers: " + ", ".join(names))
    if isinstance(err, SecurityError):
        return (rules.TEMPLATE_BLOCKED, src, "biểu thức bị chặn vì không an toàn",
                f"template tried an operation that is not allowed: {err}",
                "templates may only quote data through the documented helpers")
    if isinstance(err, HelperError):
        return (rules.FIGURE_NOT_IN_DATA, src, "số liệu được dẫn không có trong dữ liệu",
                f"template asks for data that is not there: {err}",
                "check the indicator id and year against the indicator file (named in "
                "data/report.yaml) and data/actuals/")
    if isinstance(err, _Runaway):
        return (rules.TEMPLATE_FAILED, src, "biểu thức chạy quá lâu hoặc quá dài",
                f"template stopped: {err}",
                "a paragraph should be a paragraph; check the loops in its template")
    if isinstance(err, TypeError) and "argument" in str(err):
        return (rules.FIGURE_NOT_IN_DATA, src, "hàm được gọi sai tham số",
                f"a helper was called with the wrong arguments: {_plain_signature_error(err)}",
                "e.g. actual('ban-le', 2025), figure('ban-le', 'growth_2025'), num(x, 2); "
                "see docs/indicators.md")
    return (rules.TEMPLATE_FAILED, src, "biểu thức bị lỗi khi tính",
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


def _render_bounded(template: Template, context: dict[str, Any]) -> str:
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

    def expire(_signum: int, _frame: Any) -> None:
        raise _Runaway(f"more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
