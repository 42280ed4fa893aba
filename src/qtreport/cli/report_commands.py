"""The commands on the report itself: check, build, watch, indicators, diff; and the two
that make a report: init and import. Each reads its options, runs its workflow
(pipeline.py, workflows/) and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    SUMMARY_FORMATS,
    DataOpt,
    DocFormatOpt,
    FindingsOpt,
    OutOpt,
    ReviewOpt,
    StrictOpt,
    TemplatesOpt,
    VerboseOpt,
    app,
    exit_code,
    findings_option,
    help_of,
    one_of,
    paths_of,
    printer,
    report,
    shown,
)


@app.command(
    short_help="Kiểm tra báo cáo, không ghi tệp nào (validate, write nothing).",
    help=help_of("Kiểm tra báo cáo: đọc, đối chiếu, đánh số và dựng văn bản; in mọi lỗi và "
                 "cảnh báo tại tệp:dòng; không ghi tài liệu nào. Có lỗi thì thoát với mã 1.",
                 "Validate the report: load, check, number and render the text; print every "
                 "error and warning at file:line; write no document. Exit 1 on errors."))
def check(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    format: Annotated[str, findings_option("--format", "-f")] = "human",
    strict: StrictOpt = False,
    explain: Annotated[str | None, typer.Option(
        metavar="CODE", help="Giải thích một mã, ví dụ QT201, rồi thoát (explain a finding "
                             "code and exit)")] = None,
) -> None:
    if explain is not None:
        _explain(explain)
    from ..pipeline import check as run_check

    result = run_check(paths_of(data, templates))
    report(result.findings, format)
    if format == "human" and not result.findings.items:
        printer().line(("Không có lỗi.", "green"), " No problems found.")
    raise typer.Exit(exit_code(result.findings, strict))


def _explain(code: str) -> None:
    from ..rules import RULES, explain

    text = explain(code)
    if text is None:
        printer(stderr=True).line((f"Không có mã {code}", "red"),
                                  f" (no finding {code}); codes: {', '.join(RULES)}")
        raise typer.Exit(EXIT_USAGE)
    print(text)
    raise typer.Exit(EXIT_OK)


@app.command(
    short_help="Biên dịch thành dự thảo Word (compile into build/<name>.docx).",
    help=help_of("Biên dịch data/ với templates/ thành build/<tên>.docx. In tệp đã ghi và số "
                 "cảnh báo (--verbose: từng cảnh báo; qtreport check cho biết chi tiết); lỗi thì "
                 "in đầy đủ và không ghi gì.",
                 "Compile data/ with templates/ into build/<name>.docx. Prints what was "
                 "written and a count of the warnings (--verbose: each of them); errors are "
                 "printed in full, and nothing is written."))
def build(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    review: ReviewOpt = False,
    pdf: Annotated[bool, typer.Option(
        show_default=False, help="Ghi thêm tệp PDF qua LibreOffice, phải được cài sẵn (also "
                                 "write a PDF, through LibreOffice)")] = False,
    format: DocFormatOpt = "docx",
    findings: FindingsOpt = "human",
    strict: StrictOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    from ..output import print_not_written, print_written
    from ..pipeline import build as run_build

    out_printer = printer()
    with out_printer.status("Đang biên dịch báo cáo… (compiling)"):
        result = run_build(paths_of(data, templates, out), review=review, pdf=pdf, fmt=format)
    report(result.findings, findings, verbose)
    if result.output is not None and findings == "human":
        print_written(out_printer, shown(result.output))
        if result.pdf is not None:
            print_written(out_printer, shown(result.pdf))
    elif result.output is None and findings == "human":
        print_not_written(out_printer)
    raise typer.Exit(exit_code(result.findings, strict) if result.output else EXIT_FINDINGS)


@app.command(
    short_help="Biên dịch lại mỗi khi lưu tệp (rebuild on every save).",
    help=help_of("Biên dịch, rồi biên dịch lại mỗi khi một tệp YAML trong data/ hoặc "
                 "templates/ được lưu, kèm các cảnh báo về câu chữ; Ctrl+C để dừng.",
                 "Build, then rebuild each time a YAML file in data/ or templates/ is saved, "
                 "with check's warnings about the wording. Ctrl+C stops."))
def watch(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    review: ReviewOpt = False,
    format: DocFormatOpt = "docx",
    verbose: VerboseOpt = False,
) -> None:
    from ..watch import run_watch

    run_watch(paths_of(data, templates, out), printer(), review=review, fmt=format,
              verbose=verbose)
    raise typer.Exit(EXIT_OK)


@app.command(
    short_help="Tạo một báo cáo mới (a new report to start from).",
    help=help_of("Tạo một báo cáo mới để bắt đầu: report.yaml, hai phần có chú thích, tệp chỉ "
                 "tiêu với phụ lục, các mẫu trình bày, README và kiểm tra CI. Không ghi đè tệp "
                 "đã có, trừ khi có --force.",
                 "Write a new report to start from: report.yaml, two parts with a footnote, an "
                 "indicator file with its appendix, the templates, a README and a CI check. "
                 "Writes over no existing file without --force."))
def init(
    folder: Annotated[Path, typer.Argument(
        help="Thư mục của báo cáo mới (where to write the new report)", show_default=False)],
    issuer: Annotated[str | None, typer.Option(
        help="Đảng bộ có báo cáo, ví dụ \"Đảng bộ phường Đông Lương\" (the Party committee "
             "whose report it is)", show_default=False)] = None,
    term: Annotated[str | None, typer.Option(
        help="Nhiệm kỳ được đánh giá, ví dụ 2025-2030 (the term reported on)",
        show_default=False)] = None,
    as_of: Annotated[int | None, typer.Option(
        help="Năm số liệu đến, cho báo cáo sơ kết giữa nhiệm kỳ [mặc định: năm cuối nhiệm kỳ] "
             "(the year the figures stand at, for a mid-term report)",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        show_default=False, help="Ghi đè lên các tệp đã có (write over existing files)")] = False,
) -> None:
    from ..workflows.new_report import NewReport, ScaffoldError, parse_term, write_report

    issuer = _asked(issuer, "--issuer", "Đảng bộ (issuer), ví dụ Đảng bộ phường Đông Lương")
    term = _asked(term, "--term", "Nhiệm kỳ được đánh giá (the term reported on), ví dụ "
                                  "2025-2030")
    out_printer = printer()
    try:
        first, last = parse_term(term)
        new = NewReport(issuer=issuer, base=first, last=last, as_of=as_of or last)
        written = write_report(folder, new, force)
    except ScaffoldError as err:
        printer(stderr=True).line(("Không tạo được báo cáo mới", "red"), f" ({err})")
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as err:
        printer(stderr=True).line(("Không ghi được tệp", "red"),
                                  f" (cannot write: {err.strerror or err}: {err.filename})")
        raise typer.Exit(EXIT_FINDINGS) from None
    for path in written:
        out_printer.line(("Đã ghi", "green"), f" (written) {shown(path)}")
    kind = f"sơ kết giữa nhiệm kỳ, số liệu đến năm {new.as_of}" if new.mid_term \
        else "báo cáo chính trị cuối nhiệm kỳ"
    out_printer.line(f"Báo cáo mới ({kind}). Tiếp theo (next): cd {folder}; qtreport check; "
                     "qtreport build")
    raise typer.Exit(EXIT_OK)


def _asked(value: str | None, option: str, question: str) -> str:
    """An option the command needs: as given; asked for at a terminal; else exit 2 naming
    the option (a script or CI has no one to answer a prompt)."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        answer: str = typer.prompt(question)
        return answer
    printer(stderr=True).line((f"Thiếu {option}", "red"),
                              f" ({option} is needed: qtreport init DIR --issuer \"Đảng bộ …\" "
                              "--term 2025-2030)")
    raise typer.Exit(EXIT_USAGE)


@app.command(
    "import",
    short_help="Nhập một báo cáo soạn bằng Word (a report in Word into a new folder).",
    help=help_of("Nhập một báo cáo soạn bằng Word vào một thư mục báo cáo mới: đề mục (theo "
                 "kiểu đề mục hoặc theo số của chúng), chú thích, danh sách, nhận xét; bảng phụ "
                 "lục chỉ tiêu thành dữ liệu chỉ tiêu, các bảng khác giữ nguyên từng dòng.",
                 "Read a report written in Word into a new report folder: headings (by style "
                 "or by their numbers), footnotes, lists, comments as remarks; appendix tables "
                 "of indicators as indicator data, other tables kept as rows."))
def import_(
    draft: Annotated[Path, typer.Argument(
        help="Báo cáo bằng Word, .docx (the report in Word)", show_default=False)],
    into: Annotated[Path, typer.Option(
        help="Thư mục của báo cáo mới (the new report's folder)", show_default=False)],
    force: Annotated[bool, typer.Option(
        show_default=False, help="Ghi đè lên lần nhập trước (write over an earlier import)")
    ] = False,
    findings: FindingsOpt = "human",
) -> None:
    from ..workflows.import_report import import_report
    from ..workflows.new_report import ScaffoldError

    out_printer = printer()
    try:
        result = import_report(draft, into, force)
    except ScaffoldError as err:
        printer(stderr=True).line(("Thư mục đã có báo cáo", "red"), f" ({err})")
        raise typer.Exit(EXIT_USAGE) from None
    report(result.findings, findings)
    if not result.written:
        raise typer.Exit(EXIT_FINDINGS)
    if findings == "human":
        counts = result.counts
        out_printer.line(("Đã nhập", "green"), f" (imported) {draft.name}: {counts['parts']} phần "
                         f"(parts), {counts['sections']} mục (sections), {counts['paragraphs']} "
                         f"đoạn (paragraphs), {counts['items']} mục liệt kê (items), "
                         f"{counts['notes']} chú thích (notes), {counts['tables']} bảng (tables)"
                         + (f", {counts['indicators']} chỉ tiêu (indicators) in the appendices' "
                            "data" if counts.get("indicators") else ""))
        for path in sorted(result.written):
            out_printer.line(f"  {shown(path)}")
        if counts["tables"]:
            out_printer.line(f"Bảng biểu (tables) are in {shown(into / 'imported-tables')}: "
                             "to model as indicators (docs/indicators.md).")
        out_printer.line(f"Tiếp theo (next): cd {into}; qtreport check; qtreport build")
    raise typer.Exit(EXIT_OK)


@app.command(
    short_help="Các bảng phụ lục trong cửa sổ lệnh (the appendix tables, no build).",
    help=help_of("Hiển thị các bảng phụ lục trong cửa sổ lệnh, có tô màu đánh giá, không biên "
                 "dịch; số liệu không bao giờ bị cắt. --format csv hoặc md để dán vào văn bản "
                 "hay bảng tính.",
                 "Show the appendix tables in the terminal, assessments coloured, without "
                 "building; figures are never cut. --format csv or md for pasting into a letter "
                 "or a spreadsheet."))
def indicators(
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", metavar="table|csv|md", callback=one_of("--format",
                                                                 ("table", "csv", "md")),
        help="table (bảng trong cửa sổ lệnh), csv hoặc md (Markdown) [mặc định/default: table]",
        show_default=False)] = "table",
) -> None:
    from ..pipeline import check as run_check
    from ..writers.terminal import as_csv, as_markdown, indicator_tables, tally_line

    result = run_check(paths_of(data, templates))
    out_printer = printer()
    if result.document is None or not result.document.tables:
        report(result.findings, "human")
        out_printer.line(("Không có bảng chỉ tiêu để hiển thị", "red"), " (no indicator "
                         "tables: fix the errors above, or name an indicator file in "
                         "data/report.yaml: 'indicators: …')")
        raise typer.Exit(EXIT_FINDINGS)
    if format == "csv":
        sys.stdout.write(as_csv(result.document))
        raise typer.Exit(EXIT_OK)
    if format == "md":
        sys.stdout.write(as_markdown(result.document))
        raise typer.Exit(EXIT_OK)
    console = out_printer.rich(wide=not out_printer.coloured)
    for table in indicator_tables(result.document, console.width):
        console.print(table, soft_wrap=False)  # a block's long line wraps at a word's end
    tally = tally_line(result.document)
    if tally:
        out_printer.line(tally)
    warnings = len(result.findings.warnings)
    if warnings:
        out_printer.line((f"{warnings} cảnh báo (warnings)", "yellow"),
                         " — qtreport check để xem chi tiết")
    raise typer.Exit(EXIT_OK)


@app.command(
    short_help="So sánh hai bản dự thảo (compare two drafts, changes tracked).",
    help=help_of("So sánh hai bản dự thảo: ghi build/<tên>-so-sanh.docx, bản mới với những "
                 "thay đổi so với bản cũ dưới dạng theo dõi thay đổi của Word, và tóm tắt những "
                 "gì đã đổi.",
                 "Write build/<name>-so-sanh.docx: the newer draft with its changes from the "
                 "older one as Word tracked changes; and say what changed."))
def diff(
    old: Annotated[str, typer.Argument(
        help="Bản cũ: một phiên bản git hoặc một thư mục báo cáo (the older draft: a git "
             "revision or a report folder)", show_default=False)],
    new: Annotated[str | None, typer.Argument(
        help="Bản mới [mặc định: thư mục đang làm việc] (the newer draft [default: the "
             "working tree])", show_default=False)] = None,
    author: Annotated[str, typer.Option(
        help="Người thực hiện các thay đổi (who the tracked changes are by)")] = "qtreport",
    date: Annotated[str | None, typer.Option(
        help="Thời điểm của các thay đổi, ví dụ 2026-11-20T09:00:00Z [mặc định: ngày commit "
             "của bản mới] (their date)", show_default=False)] = None,
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
    findings: FindingsOpt = "human",
    summary: Annotated[str, typer.Option(
        "--format", "-f", metavar="human|md", callback=one_of("--format", SUMMARY_FORMATS),
        help="Tóm tắt cho người đọc (human) hoặc Markdown (md: trên đầu ra chuẩn, cho trang "
             "tóm tắt của một pull request; còn lại ra stderr) (the summary for people, or as "
             "Markdown on standard output: a pull request's job summary)")] = "human",
) -> None:
    from ..diff.summary import markdown
    from ..output import print_not_written, print_summary, print_written
    from ..workflows.compare_drafts import compare_drafts

    as_markdown = summary == "md"
    out_printer = printer(stderr=as_markdown)  # stdout carries the Markdown alone
    with out_printer.status("Đang so sánh hai bản dự thảo… (comparing)"):
        result = compare_drafts(paths_of(data, templates, out), old, new, author, date)
    report(result.findings, findings, stderr=as_markdown)
    if result.output is None:
        if findings == "human":
            print_not_written(out_printer)
        raise typer.Exit(EXIT_FINDINGS)
    assert result.summary is not None  # written: compared
    if as_markdown:
        print(markdown(result.summary, result.old_name, result.new_name))
    elif findings == "human":
        print_summary(out_printer, result.summary, result.old_name, result.new_name)
    if findings == "human":
        print_written(out_printer, shown(result.output))
    raise typer.Exit(EXIT_OK)
