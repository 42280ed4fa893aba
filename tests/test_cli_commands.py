"""The other commands: build --pdf, indicators, --help; on the shipped report."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import FROZEN, REPO


def test_pdf_without_libreoffice_says_how_to_install(qtreport, frozen_repo, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda _name: None)
    outcome = qtreport(frozen_repo, "build", "--pdf")
    assert outcome.exit_code == 1
    assert "QT402" in outcome.output
    assert "apt-get install libreoffice-writer-nogui" in outcome.output
    assert (frozen_repo / "build" / "bao-cao-chinh-tri.docx").exists()  # the DOCX is there


def test_pdf_with_libreoffice(qtreport, frozen_repo):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (CI installs it: see .ci/run)")
    outcome = qtreport(frozen_repo, "build", "--pdf")
    assert outcome.exit_code == 0, outcome.output
    pdf = frozen_repo / "build" / "bao-cao-chinh-tri.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True).stdout.decode()
    assert "Phần thứ nhất" in text and "Phụ lục 2." in text


def test_indicators_view(qtreport, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")
    outcome = qtreport(FROZEN, "indicators")
    assert outcome.exit_code == 0
    assert "Phụ lục 1. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in outcome.output
    assert "116,80" in outcome.output and "Không đạt" in outcome.output
    assert "Phụ lục 1: 13/18 chỉ tiêu đạt và vượt" in outcome.output
    assert not (FROZEN / "build").exists()


def test_help_is_quick_and_lists_the_commands():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "qtreport", "--help"],
                          capture_output=True, text=True, check=True, cwd=REPO)
    for command in ("build", "check", "indicators", "watch"):
        assert command in done.stdout
    heavy = [line for line in done.stderr.splitlines()
             if any(f" {m}" in line.split("|")[-1]
                    for m in ("docx", "jinja2", "babel", "lxml", "watchfiles"))]
    assert heavy == []  # python-docx, Jinja, Babel and the watcher only when needed


def test_markdown_export_reads_back_in_pandoc(qtreport, frozen_repo):
    from docx_reading import pandoc_headers, pandoc_notes, require

    outcome = qtreport(frozen_repo, "build", "--format", "md")
    assert outcome.exit_code == 0
    markdown = (frozen_repo / "build" / "bao-cao-chinh-tri.md").read_text(encoding="utf-8")
    assert markdown.startswith("---\ntitle: \"BÁO CÁO CHÍNH TRỊ\"")
    assert "| STT | CHỈ TIÊU | ĐVT |" in markdown
    require("pandoc")
    done = subprocess.run(["pandoc", "-f", "markdown", "-t", "json"], input=markdown.encode(),
                          capture_output=True, check=True)
    import json

    document = json.loads(done.stdout)
    notes = pandoc_notes(document)
    assert len(notes) == 125 and notes[1].startswith("Dịch vụ: 1.957 tỷ đồng")
    headers = pandoc_headers(document)
    assert headers[1] == (2, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    # items stay text, not lists: "(1). Tốc độ tăng …" is a paragraph
    paragraphs = [b for b in document["blocks"] if b["t"] == "Para"]
    assert not [b for b in document["blocks"] if b["t"] in ("OrderedList", "BulletList")]
    assert paragraphs


def _run_check(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "qtreport", "check"],
                          capture_output=True, text=True, cwd=FROZEN, env={**env, **env_extra})


def test_findings_piped_are_plain_text_and_rich_is_not_loaded():
    done = _run_check({})
    assert done.returncode == 0
    assert "\x1b[" not in done.stdout  # no colour codes in a CI log or a file
    assert "  data/targets_2020_2025.yaml:27:15 QT601 số liệu ghi (116,80)" in done.stdout
    assert "      → check the yearly figures" in done.stdout
    assert "0 lỗi (errors), 19 cảnh báo (warnings)" in done.stdout
    loaded = [line.split("|")[-1].strip() for line in done.stderr.splitlines()]
    assert "rich" not in loaded and "rich.console" not in loaded


def test_findings_in_a_terminal_are_coloured_by_rich():
    done = _run_check({"FORCE_COLOR": "1"})
    assert "\x1b[33mdata/targets_2020_2025.yaml:27:15\x1b[0m \x1b[33mQT601\x1b[0m" in done.stdout
    assert "\x1b[32m→ check the yearly figures" in done.stdout


def test_text_in_brackets_is_printed_as_written(tmp_path, capsys, monkeypatch):
    """A finding quotes the editor's text, which may hold [red] or [^id]: never markup."""
    from qtreport import rules
    from qtreport.diagnostics import Findings, SourceRef
    from qtreport.output import Printer, print_human

    findings = Findings()
    findings.report(rules.DOUBLE_SPACE, SourceRef("data/x.yaml", 3), "văn bản [red] và [^kt-1]",
                     "two spaces in '[bold]a  b[/bold]'", "keep one space [/]")
    for forced in ("", "1"):
        monkeypatch.setenv("FORCE_COLOR", forced)
        print_human(findings, Printer())
        shown = capsys.readouterr().out
        assert "văn bản [red] và [^kt-1]" in shown
        assert "'[bold]a  b[/bold]'" in shown and "keep one space [/]" in shown


@pytest.mark.parametrize(("args", "code", "said"), [
    (["check", "--strict"], 1, "19 cảnh báo (warnings)"),  # warnings fail with --strict
    (["check", "--explain", "QT999"], 2, "no finding QT999"),
    (["check", "--explain", "QT201"], 0, "QT201"),
    (["no-such-command"], 2, "No such command"),
])
def test_the_process_ends_with_its_exit_code_and_all_its_output(args, code, said):
    """The process leaves without interpreter teardown: the code and the streams must
    still arrive whole."""
    done = subprocess.run([sys.executable, "-m", "qtreport", *args], capture_output=True,
                          text=True, cwd=FROZEN)
    assert done.returncode == code
    assert said in done.stdout + done.stderr


def test_a_reader_that_goes_away_is_not_an_internal_error():
    """`qtreport check | head -1` on a long list: the pipe closes while findings print.
    (typer answers a closed pipe with exit 1; the quick exit must not turn it into more.)"""
    script = ("import sys\n"
              "class Gone:\n"
              "    def write(self, text): raise BrokenPipeError(32, 'Broken pipe')\n"
              "    def flush(self): raise BrokenPipeError(32, 'Broken pipe')\n"
              "    def isatty(self): return False\n"
              "sys.stdout = Gone()\n"
              "sys.argv = ['qtreport', 'check']\n"
              "from qtreport.cli import main\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=FROZEN)
    assert done.returncode == 1
    assert done.stderr == ""  # no "internal error", no traceback
