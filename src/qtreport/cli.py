"""The command line: `qtreport check`, `build`, `watch` and `indicators`, run from the
repository root. The stages run in pipeline.py, the other workflows in workflows/; this
module reads options and prints.

Exit codes: 0 no errors; 1 the input has errors (or warnings with --strict);
2 the command was used wrongly (unknown option, no data/ folder here).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from . import ast
    from .diagnostics import Findings
    from .output import Printer
    from .pipeline import Paths

app = typer.Typer(
    help="Compile the political report in data/ into a Word draft (build), "
         "or check it without building (check).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Format(StrEnum):
    human = "human"
    json = "json"
    github = "github"


class DocFormat(StrEnum):
    docx = "docx"
    md = "md"


DataOpt = Annotated[Path | None, typer.Option(help="The report's YAML folder [default: data/]")]
TemplatesOpt = Annotated[Path | None, typer.Option(help="Templates folder [default: templates/]")]
OutOpt = Annotated[Path | None, typer.Option(help="Output folder [default: build/]")]
ReviewOpt = Annotated[bool, typer.Option(
    help="Add reviewers' remarks as Word comments (writes <name>-gop-y.docx)")]
DocFormatOpt = Annotated[DocFormat, typer.Option(
    "--format", "-f", help="docx (Word) or md (pandoc Markdown)")]


def _paths(data: Path | None, templates: Path | None, out: Path | None = None) -> Paths:
    from .pipeline import Paths

    root = Path.cwd()
    paths = Paths.at(root, _absolute(data), _absolute(templates), _absolute(out))
    if not (paths.data / "report.yaml").is_file():
        _printer(stderr=True).line(
            (f"Không tìm thấy {paths.name(paths.data)}/report.yaml", "red"),
            f" (no report found at {paths.data}/report.yaml).\n"
            "Run qtreport from the root of the report's repository, or pass --data.")
        raise typer.Exit(EXIT_USAGE)
    return paths


def _absolute(path: Path | None) -> Path | None:
    return (Path.cwd() / path).resolve() if path is not None else None


def _shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


def _printer(stderr: bool = False) -> Printer:
    from .output import Printer

    return Printer(stderr=stderr)


def _report(findings: Findings, fmt: Format) -> None:
    from . import output

    if fmt is Format.json:
        print(output.as_json(findings))
    elif fmt is Format.github:
        text = output.as_github(findings)
        if text:
            print(text)
    else:
        output.print_human(findings, _printer())


def _exit_code(findings: Findings, strict: bool) -> int:
    if findings.errors or (strict and findings.warnings):
        return EXIT_FINDINGS
    return EXIT_OK


@app.command()
def check(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    format: Annotated[Format, typer.Option("--format", "-f",
                                           help="human, json or github")] = Format.human,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too")] = False,
    explain: Annotated[str | None, typer.Option(
        help="Explain a finding code (e.g. QT201) and exit", metavar="CODE")] = None,
) -> None:
    """Validate the report without writing a document. Exit 1 on errors."""
    if explain is not None:
        _explain(explain)
    from .pipeline import check as run_check

    result = run_check(_paths(data, templates))
    _report(result.findings, format)
    if format is Format.human and not result.findings.items:
        _printer().line(("Không có lỗi.", "green"), " No problems found.")
    raise typer.Exit(_exit_code(result.findings, strict))


def _explain(code: str) -> None:
    from .rules import RULES, explain

    text = explain(code)
    if text is None:
        _printer(stderr=True).line((f"Không có mã {code}", "red"),
                                   f" (no finding {code}); codes: {', '.join(RULES)}")
        raise typer.Exit(EXIT_USAGE)
    print(text)
    raise typer.Exit(EXIT_OK)


@app.command()
def build(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    review: ReviewOpt = False,
    pdf: Annotated[bool, typer.Option(
        help="Also write a PDF through LibreOffice (it must be installed)")] = False,
    format: DocFormatOpt = DocFormat.docx,
    findings: Annotated[Format, typer.Option(
        help="How to print findings: human, json or github")] = Format.human,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too")] = False,
) -> None:
    """Compile data/ with templates/ into build/<name>.docx."""
    from .output import print_not_written, print_written
    from .pipeline import build as run_build

    printer = _printer()
    with printer.status("Đang biên dịch báo cáo… (compiling)"):
        result = run_build(_paths(data, templates, out), review=review, pdf=pdf,
                           fmt=format.value)
    _report(result.findings, findings)
    if result.output is not None and findings is Format.human:
        print_written(printer, _shown(result.output))
        if result.pdf is not None:
            print_written(printer, _shown(result.pdf))
    elif result.output is None and findings is Format.human:
        print_not_written(printer)
    raise typer.Exit(_exit_code(result.findings, strict) if result.output else EXIT_FINDINGS)


@app.command()
def watch(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    review: ReviewOpt = False,
    format: DocFormatOpt = DocFormat.docx,
) -> None:
    """Build, then rebuild each time a YAML file in data/ or templates/ is saved, with
    check's warnings. Ctrl+C stops."""
    from .watch import run_watch

    run_watch(_paths(data, templates, out), _printer(), review=review, fmt=format.value)
    raise typer.Exit(EXIT_OK)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write the new report",
                                           show_default=False)],
    issuer: Annotated[str, typer.Option(
        prompt="Đảng bộ (issuer, e.g. ĐẢNG BỘ PHƯỜNG ĐÔNG LƯƠNG)",
        help="The Party committee whose report it is")],
    term: Annotated[str, typer.Option(
        prompt="Nhiệm kỳ được đánh giá (the term reported on, e.g. 2025-2030)",
        help="The term whose resolution the report is on, e.g. 2025-2030")],
    as_of: Annotated[int | None, typer.Option(
        help="The year the figures stand at, for a mid-term report [default: the term's "
             "last year]")] = None,
    force: Annotated[bool, typer.Option(help="Write over an existing data/")] = False,
) -> None:
    """Write a new report to start from: report.yaml, two parts with a footnote, an
    indicator file with its appendix, the templates, a README and a CI check."""
    from .workflows.new_report import NewReport, ScaffoldError, parse_term, write_report

    printer = _printer()
    try:
        first, last = parse_term(term)
        report = NewReport(issuer=issuer, base=first, last=last, as_of=as_of or last)
        written = write_report(folder, report, force)
    except ScaffoldError as err:
        _printer(stderr=True).line(("Không tạo được báo cáo mới", "red"), f" ({err})")
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as err:
        _printer(stderr=True).line(("Không ghi được tệp", "red"),
                                   f" (cannot write: {err.strerror or err}: {err.filename})")
        raise typer.Exit(EXIT_FINDINGS) from None
    for path in written:
        printer.line(("Đã ghi", "green"), f" (written) {_shown(path)}")
    kind = f"sơ kết giữa nhiệm kỳ, số liệu đến năm {report.as_of}" if report.mid_term \
        else "báo cáo chính trị cuối nhiệm kỳ"
    printer.line(f"Báo cáo mới ({kind}). Next: cd {folder}; qtreport check; qtreport build")
    raise typer.Exit(EXIT_OK)


@app.command("import")
def import_(
    draft: Annotated[Path, typer.Argument(help="The report in Word (.docx)",
                                          show_default=False)],
    into: Annotated[Path, typer.Option(help="The new report's folder", show_default=False)],
    force: Annotated[bool, typer.Option(help="Write over an existing data/")] = False,
    findings: Annotated[Format, typer.Option(
        help="How to print findings: human, json or github")] = Format.human,
) -> None:
    """Read a report written in Word into a new report folder: headings (by style or by
    their numbers), footnotes, numbered items, comments as remarks; tables kept as rows."""
    from .workflows.import_report import import_report
    from .workflows.new_report import ScaffoldError

    printer = _printer()
    try:
        result = import_report(draft, into, force)
    except ScaffoldError as err:
        _printer(stderr=True).line(("Thư mục đã có báo cáo", "red"), f" ({err})")
        raise typer.Exit(EXIT_USAGE) from None
    _report(result.findings, findings)
    if not result.written:
        raise typer.Exit(EXIT_FINDINGS)
    if findings is Format.human:
        counts = result.counts
        printer.line(("Đã nhập", "green"), f" (imported) {draft.name}: {counts['parts']} phần "
                     f"(parts), {counts['sections']} mục (sections), {counts['paragraphs']} "
                     f"đoạn (paragraphs), {counts['items']} mục liệt kê (items), "
                     f"{counts['notes']} chú thích (notes), {counts['tables']} bảng (tables)")
        for path in sorted(result.written):
            printer.line(f"  {_shown(path)}")
        if counts["tables"]:
            printer.line(f"Bảng biểu (tables) are in {_shown(into / 'imported-tables')}: "
                         "to model as indicators (docs/indicators.md).")
        printer.line(f"Next: cd {into}; qtreport check; qtreport build")
    raise typer.Exit(EXIT_OK)


@app.command()
def indicators(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Show the appendix tables in the terminal, assessments coloured, without building."""
    from .pipeline import check as run_check
    from .writers.terminal import indicator_tables, tally_line

    result = run_check(_paths(data, templates))
    printer = _printer()
    if result.document is None or not result.document.tables:
        _report(result.findings, Format.human)
        printer.line(("Không có bảng chỉ tiêu để hiển thị", "red"), " (no indicator tables: "
                     "fix the errors above, or name an indicator file in "
                     "data/report.yaml: 'indicators: …')")
        raise typer.Exit(EXIT_FINDINGS)
    for table in indicator_tables(result.document):
        printer.rich().print(table)
    tally = tally_line(result.document)
    if tally:
        printer.line(tally)
    warnings = len(result.findings.warnings)
    if warnings:
        printer.line((f"{warnings} cảnh báo (warnings)", "yellow"), ": run qtreport check")
    raise typer.Exit(EXIT_OK)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The older draft: a git revision or a report folder",
                                       show_default=False)],
    new: Annotated[str | None, typer.Argument(
        help="The newer draft [default: the working tree]", show_default=False)] = None,
    author: Annotated[str, typer.Option(help="Who the tracked changes are by")] = "qtreport",
    date: Annotated[str | None, typer.Option(
        help="Their date, e.g. 2026-11-20T09:00:00Z [default: the newer draft's commit date]")
    ] = None,
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    findings: Annotated[Format, typer.Option(
        help="How to print findings: human, json or github")] = Format.human,
) -> None:
    """Write build/<name>-so-sanh.docx: the newer draft with its changes from the older one
    as Word tracked changes; and say what changed."""
    from .output import print_not_written, print_written
    from .workflows.compare_drafts import compare_drafts

    printer = _printer()
    with printer.status("Đang so sánh hai bản dự thảo… (comparing)"):
        result = compare_drafts(_paths(data, templates, out), old, new, author, date)
    _report(result.findings, findings)
    if findings is not Format.human:
        raise typer.Exit(EXIT_FINDINGS if result.output is None else EXIT_OK)
    if result.output is None:
        print_not_written(printer)
        raise typer.Exit(EXIT_FINDINGS)
    from .output import print_summary

    print_summary(printer, result.summary, result.old_name, result.new_name)
    print_written(printer, _shown(result.output))
    raise typer.Exit(EXIT_OK)


feedback_app = typer.Typer(
    help="The comment round: returned copies → feedback/<round>.yaml → the synthesis table.",
    no_args_is_help=True)
app.add_typer(feedback_app, name="feedback")
def _round_name(name: str) -> str:
    """A round is named, not pathed: feedback/<round>.yaml stays in feedback/."""
    import re

    if not re.fullmatch(r"\w[\w.-]{0,63}", name) or ".." in name:
        raise typer.BadParameter(f"'{name[:80]}' is not a round's name: letters, digits, '-', "
                                 "'_' and '.', e.g. vong-1 (the register is "
                                 "feedback/<round>.yaml)")
    return name


RoundOpt = Annotated[str, typer.Option("--round", help="The round: feedback/<round>.yaml",
                                       callback=_round_name)]


@feedback_app.command("add")
def feedback_add(
    copies: Annotated[list[Path], typer.Argument(help="Returned copies (.docx)",
                                                  show_default=False)],
    unit: Annotated[str | None, typer.Option(
        help="The body that sent them [default: the comment's author, else the file name]")
    ] = None,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    findings: Annotated[Format, typer.Option(
        help="How to print findings: human, json or github")] = Format.human,
) -> None:
    """Add the comments and tracked changes of returned copies to feedback/<round>.yaml,
    each placed where its passage is now. Adding a copy twice adds nothing."""
    from .workflows.comment_round import feedback_add as run_add

    paths = _paths(data, templates)
    printer = _printer()
    with printer.status("Đang đọc bản góp ý… (reading the copies)"):
        result = run_add(paths, [_absolute(c) or c for c in copies], unit, round)
    _report(result.findings, findings)
    if findings is not Format.human:
        raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)
    new = len(result.added)
    if result.register is not None:
        placed = sum(1 for entry in result.added if not entry.unplaced)
        printer.line(("Đã ghi", "green"), f" (written) {_shown(result.register)}: {new} ý kiến "
                     f"mới ({placed} đã xác định vị trí), {result.known} đã có")
    else:
        printer.line(f"Không có ý kiến mới (nothing new): {result.known} đã có trong sổ")
    raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)


@feedback_app.command("list")
def feedback_list(
    status: Annotated[str | None, typer.Option(help="Only entries of this status")] = None,
    unit: Annotated[str | None, typer.Option(help="Only entries of this unit")] = None,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """The register of a round in the terminal, grouped by section, with its counts."""
    from .workflows.comment_round import feedback_document
    from .writers.terminal import indicator_tables

    result, document = feedback_document(_paths(data, templates), round, status, unit)
    printer = _printer()
    _report(_of_the_round(result.findings), Format.human)
    if document is None:
        raise typer.Exit(EXIT_FINDINGS)
    for table in indicator_tables(document):
        printer.rich().print(table)
    printer.line(_summary_of(document))
    raise typer.Exit(EXIT_OK)


@feedback_app.command("apply")
def feedback_apply(
    copies: Annotated[list[Path] | None, typer.Argument(
        help="Returned copies whose tracked changes to write [default: the register's "
             "changes taken in (tiếp thu) and not yet applied]", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option(help="Show what would change; write nothing")] = False,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    findings: Annotated[Format, typer.Option(
        help="How to print findings: human, json or github")] = Format.human,
) -> None:
    """Write reviewers' tracked changes of plain text into the YAML they came from; list
    those the report computes (figures, numbers, appendix cells) with where to change them."""
    from .output import print_applied
    from .workflows.comment_round import feedback_apply as run_apply

    result = run_apply(_paths(data, templates), [_absolute(c) or c for c in copies or []],
                       round, dry_run)
    printer = _printer()
    _report(result.findings, findings)
    if findings is not Format.human:
        raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)
    if result.plan is not None:
        print_applied(printer, result.plan, [_shown(p) for p in result.written], dry_run)
    raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)


def _of_the_round(findings: Findings) -> Findings:
    """What the comment round's commands show: errors, and the registers' own warnings
    (the report's other warnings are check's to tell)."""
    from .diagnostics import Findings as Kept

    kept = Kept()
    kept.items = [f for f in findings.items
                  if f.severity == "error" or f.file.startswith("feedback/")]
    return kept


def _summary_of(document: ast.Document) -> str:
    """The synthesis table's summary line: the last line above the table."""
    texts = [run.text for run in document.front[-1].content if hasattr(run, "text")] \
        if document.front else []
    return "".join(texts)


@feedback_app.command("table")
def feedback_table(
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
) -> None:
    """Write build/<name>-tong-hop-gop-y.docx: the Bảng tổng hợp, tiếp thu, giải trình."""
    from .output import print_not_written, print_written
    from .workflows.comment_round import feedback_table as run_table

    result = run_table(_paths(data, templates, out), round)
    printer = _printer()
    _report(_of_the_round(result.findings), Format.human)
    if result.output is None:
        print_not_written(printer)
        raise typer.Exit(EXIT_FINDINGS)
    print_written(printer, _shown(result.output))
    raise typer.Exit(EXIT_OK)


def main() -> None:
    """The console script: no input may end in a traceback. A crash is a bug in qtreport,
    reported as one (with the traceback only when QTREPORT_DEBUG is set)."""
    import gc
    import os

    # A build is short and its objects live until the end: the cyclic collector's default
    # pace (a pass per 700 new objects, about 120 passes while pydantic, Jinja and
    # python-docx set up) cost 7% of a build and freed nothing worth having. (`watch`,
    # which builds again and again, collects after each build itself.)
    gc.set_threshold(100_000, 50, 50)
    try:
        app()
    except SystemExit as done:  # typer turns a reader gone (`check | head`) into exit 1
        _leave(done.code)
    except Exception as err:  # anything the stages did not turn into a finding
        if os.environ.get("QTREPORT_DEBUG"):
            raise
        _printer(stderr=True).line(
            ("Lỗi nội bộ của qtreport", "red"),
            f" (internal error: {type(err).__name__}: {err}).\n"
            "This is a bug in qtreport, not in the report: please report it with the command "
            "you ran; QTREPORT_DEBUG=1 shows the details.")
        _leave(3)


def _leave(code: int | str | None) -> None:
    """End the process without tearing the interpreter down. Freeing every object of a
    finished build one by one (the cyclic collector's last passes over pydantic's and
    lxml's objects) took longer than writing the document. Files are already closed and
    the DOCX synced by then; only the standard streams need flushing. (mypy ends the same
    way.)"""
    import os
    import sys

    if isinstance(code, str):  # sys.exit("message"): print it, as Python would
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `qtreport check | head`: the reader has gone
        code = code or 1
    os._exit(code or 0)
