"""Templates: each paragraph's {{ … }} filled in Jinja's immutable sandbox.

Strict undefined: a paragraph can call the documented helpers (helpers.py), a short list
of filters and text methods, and nothing else; reaching for Python internals
(`''.__class__`) is a sandbox error reported at the paragraph's file:line. No template can
hang a build or fill the memory: output, time, `range()`, and every operation that could
build a value larger than its input (repetition, joining, `~`, replacing, powers) are
bounded before the value is built; what is printed is text or a number, never a Python
repr. Nothing random: the same sources give the same document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import rules
from ..diagnostics import Findings, Rule, SourceRef
from .helpers import HelperError, NotPrintable, finalize, formatting_helpers

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT_CHARS = 100_000  # one paragraph; any text a template makes, printed or not
MAX_SECONDS = 2.0  # one paragraph's template; a loop that prints nothing stops here
MAX_RANGE = 10_000  # range() in a template: the report never needs more
MAX_INTEGER_BITS = 4_096  # about 1.200 digits: no figure of a report comes near

# What a paragraph may do besides the helpers. Everything here is bounded by the size of
# what it is given; what could build a value far larger than its input (padding, centring,
# string formatting, batches padded to a size) is not here, and join, replace, +, * and ~
# are checked before they build anything.
SAFE_FILTERS = ("abs", "capitalize", "count", "default", "d", "first", "float", "int",
                "last", "length", "list", "lower", "map", "max", "min", "reject", "reverse",
                "round", "select", "sort", "sum", "title", "trim", "unique", "upper",
                "wordcount")
SAFE_STR_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalpha", "isdigit",
    "islower", "isnumeric", "isspace", "isupper", "lower", "lstrip", "partition",
    "removeprefix", "removesuffix", "rfind", "rpartition", "rsplit", "rstrip", "split",
    "splitlines", "startswith", "strip", "swapcase", "title", "upper"})
SAFE_CONTAINER_METHODS = frozenset({"count", "get", "index", "items", "keys", "values"})
# Statements that capture output out of reach of the output cap, or reach other templates
BLOCKED_STATEMENTS = ("AssignBlock", "Macro", "CallBlock", "FilterBlock", "Block",
                      "Extends", "Include", "Import", "FromImport", "ExprStmt")


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, and nothing that builds a huge value: 'x' * 10**9, 9**9**9,
        s ~ s doubled thirty times, '%500000000s' % 1."""

        intercepted_binops = frozenset({"*", "**", "+", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def wrap_str_format(self, value: Any) -> Any:
            return None  # str.format is no text method of ours: "{:>500000000}".format(1)

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if not super().is_safe_attribute(obj, attr, value):
                return False
            if isinstance(obj, str):
                return attr in SAFE_STR_METHODS
            if isinstance(obj, int | float | complex | bytes):
                return False  # (1).to_bytes(10**9): nothing a report needs
            if isinstance(obj, list | tuple | dict | set | frozenset):
                return attr in SAFE_CONTAINER_METHODS
            return not callable(value)  # a helper's result: its fields (a score's grade)

    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, finalize=finalize)
    env.globals.clear()
    env.globals["range"] = _bounded_range
    env.globals[_CONCAT] = _bounded_concat
    env.globals[_BOUND] = _marked
    env.globals.update(formatting_helpers())
    kept = {name: env.filters[name] for name in SAFE_FILTERS}
    env.filters.clear()
    env.filters.update(kept)
    env.filters.update({"join": _bounded_join, "replace": _bounded_replace,
                        "string": _text_of, "truncate": _truncate})
    env.filters.update(formatting_helpers())
    return env


BOUND_OPEN, BOUND_CLOSE = "\ue002", "\ue003"  # around what a {{ … }} printed (mark_bound)


def render_template(source: str, src: SourceRef, findings: Findings,
                    context: dict[str, Any] | None = None, mark_bound: bool = False
                    ) -> str | None:
    """The filled text, or None (with a finding) when the template fails. `mark_bound`:
    what each {{ … }} printed stands between BOUND_OPEN and BOUND_CLOSE, for the inline
    parser to tell the printed figures from the typed ones."""
    if "{" not in source:  # plain text: most paragraphs; skip Jinja entirely
        return source
    env = _environment()
    try:
        tree = _bounded_tree(env, source, mark_bound)
        return _render_bounded(env.from_string(tree), context or {})
    except Exception as err:  # whatever goes wrong inside a template is the template's
        findings.report(*_template_finding(err, context or {}, src),
                        words=_failing_expression(env, source, context or {}))
        return None


_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def _failing_expression(env: Any, source: str, context: dict[str, Any]) -> str:
    """The {{ … }} of a paragraph that fails on its own, to point at it where it is
    written in a long paragraph ("" when none fails alone: the paragraph as a whole)."""
    for found in _EXPRESSION.finditer(source):
        try:
            _render_bounded(env.from_string(_bounded_tree(env, found.group())), context)
        except Exception:  # this one is the template's mistake
            return " ".join(found.group().split())
    return ""


_CONCAT = "_qt_concat"  # what every `~` is rewritten into


def _bounded_tree(env: Any, source: str, mark_bound: bool = False) -> Any:
    """The template's syntax tree, refused if it holds a statement the sandbox cannot
    bound, with every `a ~ b` made a call of _bounded_concat (Jinja joins `~` itself,
    where no operator hook reaches)."""
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    tree = env.parse(source)
    for node in tree.find_all(nodes.Stmt):
        if type(node).__name__ in BLOCKED_STATEMENTS:
            raise _Blocked(_STATEMENT_WORDS.get(type(node).__name__, "this statement") +
                           " is not allowed in a paragraph")

    class Concats(NodeTransformer):
        def visit_Concat(self, node: Any) -> Any:
            items = [self.visit(child) for child in node.nodes]
            call = nodes.Call(nodes.Name(_CONCAT, "load"), [nodes.List(items)], [], None,
                              None)
            return call.set_lineno(node.lineno).set_environment(env)

        def visit_Output(self, node: Any) -> Any:
            node = self.generic_visit(node)
            if mark_bound:
                node.nodes = [child if isinstance(child, nodes.TemplateData) else
                              nodes.Call(nodes.Name(_BOUND, "load"), [child], [], None, None)
                              .set_lineno(child.lineno).set_environment(env)
                              for child in node.nodes]
            return node

    return Concats().visit(tree)


_BOUND = "_qt_bound"


def _marked(value: Any) -> str:
    """What a {{ … }} prints, marked as printed by it."""
    printed = finalize(value)
    if not isinstance(printed, str):  # an undefined name: printing it raises its own error
        printed = str(printed)
    return BOUND_OPEN + printed + BOUND_CLOSE


_STATEMENT_WORDS = {"AssignBlock": "{% set … %}…{% endset %}", "Macro": "{% macro %}",
                    "CallBlock": "{% call %}", "FilterBlock": "{% filter %}",
                    "Block": "{% block %}", "Extends": "{% extends %}",
                    "Include": "{% include %}", "Import": "{% import %}",
                    "FromImport": "{% from … import %}", "ExprStmt": "{% do %}"}


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would be larger than any report needs, before it
    is computed (a C-level operation cannot be stopped by the timer)."""
    if operator == "%" and isinstance(left, str):
        raise _Blocked("formatting text with % is not allowed: use num() or pct()")
    if operator == "**" and isinstance(right, int):
        base = abs(left).bit_length() if isinstance(left, int) else 1
        if abs(right) > 100 or (right > 0 and max(base, 1) * right > MAX_INTEGER_BITS):
            raise _Runaway(f"power {right} is too large for a report")
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int) and \
                abs(left).bit_length() + abs(right).bit_length() > MAX_INTEGER_BITS:
            raise _Runaway("a number of more than a thousand digits")
        if any(isinstance(x, str | list | tuple) for x in (left, right)):
            sequence, count = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(count, int) and len(sequence) * count > MAX_OUTPUT_CHARS:
                raise _Runaway(f"repeating {len(sequence):,} items {count:,} times")
    if operator == "+" and isinstance(left, str | list | tuple) and \
            isinstance(right, str | list | tuple) and len(left) + len(right) > MAX_OUTPUT_CHARS:
        raise _Runaway(f"joining {len(left):,} and {len(right):,} items")


def _bounded_concat(items: list[Any]) -> str:
    """`a ~ b ~ c`: text and numbers, at most MAX_OUTPUT_CHARS of them."""
    texts = [_text_of(item) for item in items]
    _check_size(texts, "~")
    return "".join(texts)


def _bounded_join(items: Any, separator: str = "", attribute: Any = None) -> str:
    if attribute is not None:
        raise _Blocked("join(attribute=…) is not allowed in a paragraph")
    texts = [_text_of(item) for item in _bounded_items(items)]
    separator = _text_of(separator)
    _check_size([*texts, separator * max(len(texts) - 1, 0)], "join")
    return separator.join(texts)


def _bounded_replace(value: Any, old: Any, new: Any, count: Any = None) -> str:
    text, old, new = _text_of(value), _text_of(old), _text_of(new)
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * (len(new) - len(old)) > MAX_OUTPUT_CHARS:
        raise _Runaway(f"replace() would make more than {MAX_OUTPUT_CHARS:,} characters")
    return text.replace(old, new, count if isinstance(count, int) else -1)


def _truncate(value: Any, length: int = 255, killwords: bool = False, end: str = "...",
              leeway: int | None = None) -> str:
    text, end = _text_of(value), _text_of(end)
    if not isinstance(length, int) or length < 0 or len(end) > MAX_OUTPUT_CHARS:
        raise _Blocked("truncate() takes a length of characters to keep")
    if len(text) <= length:
        return text
    cut = text[:max(length - len(end), 0)]
    return (cut if killwords else cut.rsplit(" ", 1)[0]) + end


def _bounded_items(items: Any) -> list[Any]:
    if isinstance(items, str):
        return list(items)
    out = []
    for item in items:
        out.append(item)
        if len(out) > MAX_RANGE:
            raise _Runaway(f"more than {MAX_RANGE:,} items")
    return out


def _check_size(texts: list[str], what: str) -> None:
    if sum(len(text) for text in texts) > MAX_OUTPUT_CHARS:
        raise _Runaway(f"{what} would make more than {MAX_OUTPUT_CHARS:,} characters")


def _text_of(value: Any) -> str:
    """A value as the paragraph prints it: text, or a number in the Vietnamese way."""
    printed = finalize(value)
    if not isinstance(printed, str):
        raise NotPrintable(f"{{{{ … }}}} prints text and numbers, not {type(value).__name__}")
    return printed


def _template_finding(err: Exception, context: dict[str, Any],
                      src: SourceRef) -> tuple[Rule, SourceRef, str, str, str]:
    """Rule, place, message (vi, en) and hint for a template that failed."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(err, TemplateSyntaxError):
        return (rules.TEMPLATE_SYNTAX, src, "lỗi cú pháp biểu thức {{ … }}",
                f"template syntax error: {err.message}",
                "")
    if isinstance(err, UndefinedError):
        names = sorted({*formatting_helpers(), *context})
        return (rules.UNKNOWN_TEMPLATE_NAME, src, "biểu thức dùng tên không tồn tại",
                f"template uses an unknown name: {err.message}",
                "available helpers: " + ", ".join(names))
    if isinstance(err, SecurityError | _Blocked):  # Jinja's sandbox, or our own bounds
        return (rules.TEMPLATE_BLOCKED, src, "biểu thức bị chặn vì không an toàn",
                f"template tried an operation that is not allowed: {err}",
                "")
    if isinstance(err, HelperError):
        return (rules.FIGURE_NOT_IN_DATA, src, "số liệu được dẫn không có trong dữ liệu",
                f"template asks for data that is not there: {err}",
                "check the indicator id and year against the indicator file (named in "
                "data/report.yaml) and data/actuals/")
    if isinstance(err, _Runaway):
        return (rules.TEMPLATE_FAILED, src, "biểu thức chạy quá lâu hoặc quá dài",
                f"template stopped: {err}",
                "a paragraph should be a paragraph; check the loops in its template")
    if isinstance(err, NotPrintable):
        return (rules.TEMPLATE_FAILED, src, "biểu thức in ra một giá trị không phải văn bản",
                f"template failed: {err}",
                "print a helper's result, a text or a number: num(actual('ban-le', 2025))")
    if isinstance(err, TypeError) and "argument" in str(err):
        return (rules.FIGURE_NOT_IN_DATA, src, "hàm được gọi sai tham số",
                f"a helper was called with the wrong arguments: {_plain_signature_error(err)}",
                "e.g. actual('ban-le', 2025), figure('ban-le', 'growth_2025'), num(x, 2); "
                "see docs/indicators.md")
    return (rules.TEMPLATE_FAILED, src, "biểu thức bị lỗi khi tính",
            f"template failed: {type(err).__name__}: {err}",
            "")


def _plain_signature_error(err: TypeError) -> str:
    """'DataHelpers.actual() missing 1 required…' → 'actual() missing 1 required…'."""
    return re.sub(r"^\w+\.", "", str(err))


class _Runaway(Exception):
    """An operation would take more time or memory than any report needs."""


class _Blocked(Exception):
    """An operation the sandbox does not allow a paragraph."""


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
