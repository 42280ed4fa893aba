"""`qtreport feedback add | list | apply | table`: the comment round's commands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import (
    EXIT_FINDINGS,
    EXIT_OK,
    DataOpt,
    FindingsOpt,
    OutOpt,
    TemplatesOpt,
    absolute,
    app,
    help_of,
    paths_of,
    printer,
    report,
    shown,
)

if TYPE_CHECKING:
    from .. import ast
    from ..diagnostics import Findings

feedback_app = typer.Typer(
    help=help_of("Vòng lấy ý kiến: bản góp ý gửi về → sổ feedback/<vòng>.yaml → bảng tổng hợp, "
                 "tiếp thu, giải trình.",
                 "The comment round: returned copies → feedback/<round>.yaml → the synthesis "
                 "table."),
    short_help="Vòng lấy ý kiến (the comment round): add, list, apply, table.",
    no_args_is_help=True, rich_markup_mode=None)
app.add_typer(feedback_app, name="feedback")


def _round_name(name: str) -> str:
    """A round is named, not pathed: feedback/<round>.yaml stays in feedback/."""
    if not re.fullmatch(r"\w[\w.-]{0,63}", name) or ".." in name:
        raise typer.BadParameter(f"'{name[:80]}' is not a round's name: letters, digits, '-', "
                                 "'_' and '.', e.g. vong-1 (the register is "
                                 "feedback/<round>.yaml)")
    return name


RoundOpt = Annotated[str, typer.Option(
    "--round", callback=_round_name,
    help="Vòng lấy ý kiến, tức sổ feedback/<vòng>.yaml (the round: feedback/<round>.yaml)")]


@feedback_app.command(
    "add",
    short_help="Đưa bản góp ý vào sổ (returned copies into the register).",
    help=help_of("Đưa ý kiến và thay đổi có theo dõi của các bản góp ý vào sổ "
                 "feedback/<vòng>.yaml, mỗi ý kiến ở nơi đoạn văn của nó hiện đứng. Đưa một bản "
                 "hai lần không thêm gì.",
                 "Add the comments and tracked changes of returned copies to "
                 "feedback/<round>.yaml, each placed where its passage is now. Adding a copy "
                 "twice adds nothing."))
def feedback_add(
    copies: Annotated[list[Path], typer.Argument(
        help="Các bản góp ý, .docx (returned copies)", show_default=False)],
    unit: Annotated[str | None, typer.Option(
        help="Cơ quan, đơn vị gửi [mặc định: người nhận xét, hoặc tên tệp] (the body that sent "
             "them)", show_default=False)] = None,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    findings: FindingsOpt = "human",
) -> None:
    from ..workflows.comment_round import feedback_add as run_add

    paths = paths_of(data, templates)
    out = printer()
    with out.status("Đang đọc bản góp ý… (reading the copies)"):
        result = run_add(paths, [absolute(c) or c for c in copies], unit, round)
    report(result.findings, findings)
    if findings != "human":
        raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)
    new = len(result.added)
    if result.register is not None:
        placed = sum(1 for entry in result.added if not entry.unplaced)
        out.line(("Đã ghi", "green"), f" (written) {shown(result.register)}: {new} ý kiến "
                 f"mới ({placed} đã xác định vị trí), {result.known} đã có")
    else:
        out.line(f"Không có ý kiến mới (nothing new): {result.known} đã có trong sổ")
    raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)


@feedback_app.command(
    "list",
    short_help="Sổ góp ý trong cửa sổ lệnh (the register in the terminal).",
    help=help_of("Sổ góp ý của một vòng trong cửa sổ lệnh, theo từng mục, kèm số lượng.",
                 "The register of a round in the terminal, grouped by section, with its "
                 "counts."))
def feedback_list(
    status: Annotated[str | None, typer.Option(
        callback=lambda value: _status(value),
        help="Chỉ các ý kiến có trạng thái này: tiếp thu, tiếp thu một phần, giải trình, chưa "
             "xử lý (only entries of this status; accents may be left out)",
        show_default=False)] = None,
    unit: Annotated[str | None, typer.Option(
        help="Chỉ các ý kiến của đơn vị có tên chứa chữ này, hoa thường và dấu không kể (only "
             "entries of units whose name holds these words, case and accents aside)",
        show_default=False)] = None,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    findings: FindingsOpt = "human",
) -> None:
    from ..workflows.comment_round import feedback_document
    from ..writers.terminal import indicator_tables

    result, document = feedback_document(paths_of(data, templates), round, status, unit)
    out = printer()
    report(_of_the_round(result.findings), findings)
    if document is None:
        raise typer.Exit(EXIT_FINDINGS)
    if findings != "human":
        raise typer.Exit(EXIT_OK)
    console = out.rich(wide=not out.coloured)
    for table in indicator_tables(document, console.width):
        console.print(table)
    out.line(_summary_of(document))
    raise typer.Exit(EXIT_OK)


@feedback_app.command(
    "apply",
    short_help="Ghi các sửa chữa vào YAML (reviewers' edits into the YAML).",
    help=help_of("Ghi các thay đổi có theo dõi về câu chữ của người góp ý vào tệp YAML mà chúng "
                 "được in ra từ đó; liệt kê những thay đổi về những gì báo cáo tính ra (số liệu, "
                 "số thứ tự, ô phụ lục) kèm nơi cần sửa.",
                 "Write reviewers' tracked changes of plain text into the YAML they came from; "
                 "list those the report computes (figures, numbers, appendix cells) with where "
                 "to change them."))
def feedback_apply(
    copies: Annotated[list[Path] | None, typer.Argument(
        help="Các bản góp ý có thay đổi cần ghi [mặc định: các thay đổi đã tiếp thu trong sổ mà "
             "chưa ghi] (returned copies whose tracked changes to write)",
        show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option(
        show_default=False, help="Chỉ cho xem sẽ đổi gì; không ghi (show what would change; "
                                 "write nothing)")] = False,
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    findings: FindingsOpt = "human",
) -> None:
    from ..output import print_applied
    from ..workflows.comment_round import feedback_apply as run_apply

    result = run_apply(paths_of(data, templates), [absolute(c) or c for c in copies or []],
                       round, dry_run)
    out = printer()
    report(result.findings, findings)
    if findings != "human":
        raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)
    if result.plan is not None:
        print_applied(out, result.plan, [shown(p) for p in result.written], dry_run)
    raise typer.Exit(EXIT_FINDINGS if result.findings.errors else EXIT_OK)


def _status(value: str | None) -> str | None:
    """A status of the register as typed (accents may be left out); else a usage error
    that lists them."""
    from ..folding import folded
    from ..validate.feedback import nearest_status
    from ..validate.models import STATUSES

    if value is None or value in STATUSES:
        return value
    guess = nearest_status(value)
    if guess is not None and folded(guess) == folded(value):
        return guess
    meant = f" — có phải '{guess}'? (did you mean '{guess}'?)" if guess else ""
    raise typer.BadParameter(f"'{value}' không phải là trạng thái của sổ góp ý; chọn một trong "
                             f"(one of): {', '.join(STATUSES)}{meant}")


def _of_the_round(findings: Findings) -> Findings:
    """What the comment round's commands show: errors, and the registers' own warnings
    (the report's other warnings are check's to tell)."""
    from ..diagnostics import Findings as Kept

    kept = Kept()
    kept.items = [f for f in findings.items
                  if f.severity == "error" or f.file.startswith("feedback/")]
    return kept


def _summary_of(document: ast.Document) -> str:
    """The synthesis table's summary line: the last line above the table."""
    texts = [run.text for run in document.front[-1].content if hasattr(run, "text")] \
        if document.front else []
    return "".join(texts)


@feedback_app.command(
    "table",
    short_help="Bảng tổng hợp ý kiến, .docx (the synthesis table).",
    help=help_of("Ghi build/<tên>-tong-hop-gop-y.docx: Bảng tổng hợp, tiếp thu, giải trình ý "
                 "kiến góp ý.",
                 "Write build/<name>-tong-hop-gop-y.docx: the synthesis table of the comments "
                 "and the team's answers."))
def feedback_table(
    round: RoundOpt = "vong-1",
    data: DataOpt = None,
    templates: TemplatesOpt = None,
    out: OutOpt = None,
) -> None:
    from ..output import print_not_written, print_written
    from ..workflows.comment_round import feedback_table as run_table

    result = run_table(paths_of(data, templates, out), round)
    out_printer = printer()
    report(_of_the_round(result.findings), "human")
    if result.output is None:
        print_not_written(out_printer)
        raise typer.Exit(EXIT_FINDINGS)
    print_written(out_printer, shown(result.output))
    raise typer.Exit(EXIT_OK)
