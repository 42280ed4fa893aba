"""The command line as an office uses it: help in Vietnamese first, with the English beside
it, for every command, without lines broken where a docstring would break them; a version;
`indicators` whose figures are never cut, at 80 and 200 columns, piped, as CSV and as
Markdown; builds that print what was written and one line of counts; `init` that asks only
at a terminal; wrong values that name what was meant."""

from __future__ import annotations

import csv
import io
import itertools
import re
import subprocess
import sys

import pytest

from conftest import FROZEN
from qtreport import __version__
from qtreport.cli import app

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            for sub, subcommand in command.commands.items():
                yield f"{name} {sub}", subcommand
            yield name, command
        else:
            yield name, command


COMMANDS = [name for name, _ in _commands()]


def test_every_command_is_helped_in_vietnamese_first():
    for name, command in _commands():
        vi, _, en = (command.help or "").partition("\n\n")
        assert VIETNAMESE.search(vi), name  # Vietnamese first …
        assert en and not VIETNAMESE.search(en.split("(")[0]), name  # … the English beside it
        assert VIETNAMESE.search(command.short_help or ""), name
        for param in command.params:
            if param.name not in ("help",) and getattr(param, "help", None) is not None:
                assert VIETNAMESE.search(param.help), (name, param.name)


def test_help_has_no_line_broken_as_a_docstring_is():
    """Every paragraph of every help is one line of the source: the terminal wraps it,
    at its own width, never where a docstring's line ended."""
    for name, command in _commands():
        for paragraph in (command.help or "").split("\n\n"):
            assert "\n" not in paragraph, (name, paragraph[:60])
        for param in command.params:
            assert "\n" not in (getattr(param, "help", None) or ""), (name, param.name)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_prints_in_vietnamese(qtreport, tmp_path, name):
    outcome = qtreport(tmp_path, *name.split(), "--help")
    assert outcome.exit_code == 0
    assert VIETNAMESE.search(outcome.output) and "<bool>" not in outcome.output


def test_version(qtreport, tmp_path):
    outcome = qtreport(tmp_path, "--version")
    assert (outcome.exit_code, outcome.output.strip()) == (0, f"qtreport {__version__}")


def test_help_and_version_load_nothing_heavy():
    for flag in ("--help", "--version"):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "qtreport", flag],
                              capture_output=True, text=True, check=True)
        loaded = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
                  if "|" in line}
        assert not loaded & {"rich", "pydantic", "docx", "jinja2", "lxml", "yaml", "babel"}, \
            (flag, loaded & {"rich", "pydantic", "docx", "jinja2", "lxml", "yaml", "babel"})


# -- indicators -------------------------------------------------------------------------------

FIGURES = ["116,80", "117,08", "2.796", "6.150", "3.484", "112,60", "87,27", "95,87"]


def _indicators(columns: int, terminal: bool, *args: str) -> str:
    env = {"COLUMNS": str(columns), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    if terminal:
        env["TTY_COMPATIBLE"] = "1"
    done = subprocess.run([sys.executable, "-m", "qtreport", "indicators", *args], cwd=FROZEN,
                          capture_output=True, text=True, env=env, check=True)
    return re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)


@pytest.mark.parametrize(("columns", "terminal"), [(80, True), (200, True), (80, False)])
def test_indicators_never_cut_a_figure(columns, terminal):
    out = _indicators(columns, terminal)
    words = set(re.findall(r"[\d.,]+", out))
    for figure in FIGURES:
        assert figure in words, (figure, columns, terminal)
    if terminal:
        assert max(len(line) for line in out.splitlines()) <= columns
    assert "13/18 chỉ tiêu đạt và vượt" in out
    assert not _cut_words(out)  # a name wraps at a word's end, never inside a word


def _cut_words(out: str) -> list[str]:
    """Words broken over two lines: the end of one line's cell and the start of the same
    cell on the next line make a word of the report's names."""
    names = {w for w in re.findall(r"[^\W\d_]+", FROZEN.joinpath(
        "data/targets_2020_2025.yaml").read_text("utf-8")) if len(w) > 1}
    rows = [[cell.strip() for cell in re.split(r"[│┃]", line)] for line in out.splitlines()]
    cut = []
    for above, below in itertools.pairwise(rows):
        for left, right in zip(above, below, strict=False):
            tail, head = re.findall(r"[^\W\d_]+$", left), re.findall(r"^[^\W\d_]+", right)
            if tail and head and tail[0] + head[0] in names and tail[0] not in names:
                cut.append(tail[0] + "|" + head[0])
    return cut


def test_indicators_as_csv_and_markdown():
    table = list(csv.reader(io.StringIO(_indicators(80, False, "--format", "csv"))))
    header = table[1]
    assert header[:3] == ["STT", "CHỈ TIÊU", "ĐVT"]
    row = next(r for r in table if len(r) > 1 and r[1].startswith("Tổng mức bán lẻ"))
    assert row[3:] == ["17-19%/năm", "2.796", "5.164", "6.150", "116,80", "117,08", "Đạt"]
    markdown = _indicators(80, False, "--format", "md")
    assert "| 1 | Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ | Tỷ đồng | 17-19%/năm | " \
           "2.796 | 5.164 | 6.150 | 116,80 | 117,08 | Đạt |" in markdown


# -- builds, init, wrong values ---------------------------------------------------------------

def test_a_build_says_what_it_wrote_and_counts_the_warnings(qtreport, frozen_repo):
    outcome = qtreport(frozen_repo, "build")
    assert outcome.exit_code == 0
    assert outcome.output.splitlines() == [
        "19 cảnh báo (warnings) — qtreport check để xem chi tiết (qtreport check shows them; "
        "--verbose prints them)",
        "Đã ghi (written) build/bao-cao-chinh-tri.docx"]
    verbose = qtreport(frozen_repo, "build", "--verbose")
    assert verbose.output.count("QT601") > 10 and "0 lỗi (errors), 19 cảnh báo" in verbose.output


def test_a_build_with_an_error_prints_it_in_full(qtreport, frozen_repo):
    section = frozen_repo / "data/sections/loi-keu-goi.yaml"
    section.write_text(section.read_text("utf-8") + "khong-co-khoa: 1\n", "utf-8")
    outcome = qtreport(frozen_repo, "build")
    assert outcome.exit_code == 1
    assert "QT101" in outcome.output and "Không ghi tài liệu" in outcome.output
    assert outcome.output.splitlines()[-2:] == [
        "1 lỗi (errors)",
        "Không ghi tài liệu (no document written: fix the errors above; the previous build is "
        "left as it was)"]


@pytest.mark.parametrize("args", [["--issuer", ""], ["--issuer", "   "], []])
def test_init_without_an_issuer_is_refused_naming_it(qtreport, tmp_path, args):
    outcome = qtreport(tmp_path, "init", "moi", *args, "--term", "2025-2030")
    assert outcome.exit_code == 2 and "--issuer" in outcome.output
    assert not (tmp_path / "moi").exists()


def test_init_writes_an_office_report_in_vietnamese(qtreport, tmp_path):
    assert qtreport(tmp_path, "init", "moi", "--issuer", "Đảng bộ phường Đông Lương",
                    "--term", "2025-2030").exit_code == 0
    root = tmp_path / "moi"
    readme = (root / "README.md").read_text("utf-8")
    assert readme.startswith("# BÁO CÁO CHÍNH TRỊ — ĐẢNG BỘ PHƯỜNG ĐÔNG LƯƠNG")
    assert "Báo cáo được lưu dưới dạng các tệp YAML" in readme
    for path in root.rglob("*.yaml"):
        comments = [line for line in path.read_text("utf-8").splitlines()
                    if line.lstrip().startswith("#")]
        for comment in comments[:2]:
            assert VIETNAMESE.search(comment), (path, comment)
    targets = (root / "data/targets_2025_2030.yaml").read_text("utf-8")
    assert "Nghị quyết Đại hội Đảng bộ phường Đông Lương" in targets  # a name in running text


@pytest.mark.parametrize(("args", "meant"), [
    (["build", "--format", "pdf"], "--pdf"),
    (["build", "--format", "DOCX"], None),
    (["check", "--format", "jsn"], "'json'"),
    (["indicators", "--format", "xlsx"], "table, csv, md"),
    (["build", "--findings", "github-actions"], "'github'"),
])
def test_a_wrong_value_names_what_was_meant(qtreport, frozen_repo, args, meant):
    outcome = qtreport(frozen_repo, *args)
    if meant is None:  # the right value, written in capitals, is taken
        assert outcome.exit_code == 0
        return
    assert outcome.exit_code == 2 and meant in outcome.output, outcome.output
