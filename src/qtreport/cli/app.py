"""The application and what every command shares: the options, in Vietnamese first with the
English beside them, as the findings speak; the folders of a report; printing findings;
exit codes; options with a fixed set of values, which say what was meant when given
another.

Help is Click's plain layout (no rich at all for `--help` and `--version`: they answer in a
tenth of a second), one paragraph per line of the help strings here, so that no line
breaks where a docstring's would.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__

if TYPE_CHECKING:
    from ..diagnostics import Findings
    from ..output import Printer
    from ..pipeline import Paths

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def help_of(vi: str, en: str) -> str:
    """A command's help: the Vietnamese paragraph, then the English one."""
    return f"{vi}\n\n{en}"


app = typer.Typer(
    help=help_of("Biên dịch báo cáo chính trị trong data/ thành dự thảo Word (build), hoặc "
                 "kiểm tra mà không biên dịch (check).",
                 "Compile the political report in data/ into a Word draft (build), or check "
                 "it without building (check)."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        print(f"qtreport {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="In phiên bản rồi thoát (print the version and exit)")] = False,
) -> None:
    """(the options every command shares are its own)"""


# -- options with a fixed set of values ---------------------------------------------------------

def one_of(option: str, allowed: tuple[str, ...],
           meant: dict[str, str] | None = None) -> Callable[[str | None], str | None]:
    """A callback that accepts only `allowed`, and otherwise says what was meant: the
    closest value, or where another option does it (`--format pdf` → `--pdf`)."""
    def check(value: str | None) -> str | None:
        if value is None or value in allowed:
            return value
        lowered = value.strip().lower()
        if lowered in allowed:
            return lowered
        hint = (meant or {}).get(lowered)
        close = difflib.get_close_matches(lowered, allowed, 1)
        said = f" — {hint}" if hint else f" — có phải '{close[0]}'? (did you mean " \
            f"'{close[0]}'?)" if close else ""
        raise typer.BadParameter(f"'{value}' không phải là giá trị của {option}; chọn một trong "
                                 f"(one of): {', '.join(allowed)}{said}")
    return check


FORMATS = ("human", "json", "github")
DOC_FORMATS = ("docx", "md")
SUMMARY_FORMATS = ("human", "md")
_PDF = {"pdf": "để có tệp PDF, thêm --pdf (for a PDF, add --pdf)"}


def findings_option(name: str, *short: str) -> typer.models.OptionInfo:
    return typer.Option(name, *short, metavar="human|json|github",
                        callback=one_of(name, FORMATS),
                        help="Cách in lỗi và cảnh báo: human (cho người đọc), json hoặc github "
                             "(how to print findings)")


DataOpt = Annotated[Path | None, typer.Option(
    help="Thư mục YAML của báo cáo (the report's YAML folder) [mặc định/default: data/]")]
TemplatesOpt = Annotated[Path | None, typer.Option(
    help="Thư mục mẫu trình bày (the templates folder) [mặc định/default: templates/]")]
OutOpt = Annotated[Path | None, typer.Option(
    help="Thư mục ghi kết quả (the output folder) [mặc định/default: build/]")]
ReviewOpt = Annotated[bool, typer.Option(
    show_default=False, help="Đưa nhận xét (remark:) vào thành chú thích Word, ghi "
                             "<tên>-gop-y.docx (reviewers' remarks as Word comments)")]
DocFormatOpt = Annotated[str, typer.Option(
    "--format", "-f", metavar="docx|md", callback=one_of("--format", DOC_FORMATS, _PDF),
    help="docx (Word) hoặc md (Markdown của pandoc) (the kind of document) "
         "[mặc định/default: docx]", show_default=False)]
FindingsOpt = Annotated[str, findings_option("--findings")]
StrictOpt = Annotated[bool, typer.Option(
    show_default=False, help="Cảnh báo cũng làm lệnh thất bại (fail on warnings too)")]
VerboseOpt = Annotated[bool, typer.Option(
    "--verbose", "-v", show_default=False,
    help="In mọi cảnh báo, không chỉ số lượng (print every warning, not their count)")]


# -- the report's folders, printing ------------------------------------------------------------

def paths_of(data: Path | None, templates: Path | None, out: Path | None = None) -> Paths:
    """The folders of the report in the current folder; exit 2, saying why, if none is."""
    from ..pipeline import Paths

    root = Path.cwd()
    paths = Paths.at(root, absolute(data), absolute(templates), absolute(out))
    if not (paths.data / "report.yaml").is_file():
        printer(stderr=True).line(
            (f"Không tìm thấy {paths.name(paths.data)}/report.yaml", "red"),
            f" (no report found at {paths.data}/report.yaml).\n"
            "Chạy qtreport ở thư mục gốc của kho báo cáo, hoặc dùng --data (run qtreport from "
            "the root of the report's repository, or pass --data).")
        raise typer.Exit(EXIT_USAGE)
    return paths


def absolute(path: Path | None) -> Path | None:
    return (Path.cwd() / path).resolve() if path is not None else None


def shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


def printer(stderr: bool = False) -> Printer:
    from ..output import Printer

    return Printer(stderr=stderr)


def report(findings: Findings, fmt: str, verbose: bool = True, stderr: bool = False) -> None:
    """Findings as asked: for people (every warning, or their count), JSON or GitHub;
    `stderr`: there, when the standard output carries something else (a summary)."""
    from .. import output

    stream = sys.stderr if stderr else sys.stdout
    if fmt == "json":
        print(output.as_json(findings), file=stream)
    elif fmt == "github":
        text = output.as_github(findings)
        if text:
            print(text, file=stream)
    elif verbose:
        output.print_human(findings, printer(stderr))
    else:
        output.print_short(findings, printer(stderr))


def exit_code(findings: Findings, strict: bool) -> int:
    if findings.errors or (strict and findings.warnings):
        return EXIT_FINDINGS
    return EXIT_OK
