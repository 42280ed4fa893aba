"""The comment round with copies made by a real word processor: LibreOffice, driven through
UNO (tests/libreoffice.py), comments and tracked replacements in the text, in an appendix
cell and in a note, saved as Word. Then the same copy as other word processors leave it:
the hidden marks stripped, and the version stamp too. Every item is placed where the
passage is written, and every change of plain text is applied."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FROZEN
from libreoffice import libreoffice, review  # noqa: F401 - the fixture, used by name
from registers import entries, line_of

ECONOMY = "data/sections/phan-1/kinh-te.yaml"
QTREPORT = str(Path(sys.executable).parent / "qtreport")
REPLACED = [("phục hồi, phát triển phục sau", "phục hồi nhanh, phát triển sau"),
            ("6.150", "6.200"),  # Phụ lục 1, bán lẻ, 2025
            ("Tham gia từ 10-15 hội chợ", "Tham gia từ 12-15 hội chợ")]  # a note
COMMENTED = [("hầu hết các ngành kinh tế", "Cần nêu rõ ngành nào tăng trưởng."),
             ("Phát triển du lịch được quan tâm", "Bổ sung số liệu khách du lịch."),
             ("5.164", "Số liệu năm 2024 cần đối chiếu Cục Thống kê.")]  # a cell


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True,
                   env={"GIT_AUTHOR_NAME": "Văn phòng", "GIT_AUTHOR_EMAIL": "vp@example.org",
                        "GIT_COMMITTER_NAME": "Văn phòng",
                        "GIT_COMMITTER_EMAIL": "vp@example.org", "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def reviewed(libreoffice, tmp_path_factory) -> tuple[Path, Path]:  # noqa: F811
    """The frozen report committed and built; the draft reviewed in LibreOffice."""
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(FROZEN / "data", root / "data")
    shutil.copytree(FROZEN / "templates", root / "templates")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data", "templates")
    git(root, "commit", "-q", "-m", "Dự thảo lần 1")
    subprocess.run([QTREPORT, "build"], cwd=root, capture_output=True, check=True)
    copy = review(libreoffice, root / "build" / "bao-cao-chinh-tri.docx",
                  root.parent / "chi-bo-3.docx", "Chi bộ Khu phố 3", REPLACED, COMMENTED)
    return root, copy


@pytest.fixture
def repo(reviewed, tmp_path) -> Path:
    shutil.copytree(reviewed[0], tmp_path / "report")
    return tmp_path / "report"


def stripped(copy: Path, target: Path, stamp: bool) -> Path:
    """The copy without the draft's hidden marks (and its version stamp), as a word
    processor that drops bookmarks, or a unit pasting the draft into its letterhead,
    leaves it."""
    with zipfile.ZipFile(copy) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in ("word/document.xml", "word/footnotes.xml"):
                data = re.sub(rb'<w:bookmarkStart [^>]*w:name="_qt_[^"]*"[^>]*/>', b"", data)
                data = re.sub(rb"<w:bookmarkEnd [^>]*/>", b"", data)
            if stamp and info.filename == "docProps/custom.xml":
                data = re.sub(rb'<property [^>]*name="qtreport-[^"]*".*?</property>', b"",
                              data, flags=re.S)
            out.writestr(info, data)
    return target






def where(entry: dict) -> tuple[str, str, int]:
    return entry["kind"], entry.get("file"), entry.get("line")


def expected(root: Path) -> list[tuple[str, str, int]]:
    """Where each item belongs: comments first (the copy's order), then the changes."""
    note = line_of(root, ECONOMY, "Tham gia từ 10-15 hội chợ")
    targets = "data/targets_2020_2025.yaml"
    return [("comment", ECONOMY, line_of(root, ECONOMY, "Nền kinh tế của thị xã")),
            ("comment", ECONOMY, line_of(root, ECONOMY, "Phát triển du lịch được quan tâm")),
            ("comment", targets, line_of(root, targets, "- id: ban-le")),
            ("replacement", ECONOMY, line_of(root, ECONOMY, "Nền kinh tế của thị xã")),
            ("replacement", targets, line_of(root, targets, "- id: ban-le")),
            ("replacement", ECONOMY, note)]


def test_a_libreoffice_copy_is_placed_item_by_item(qtreport, repo, reviewed):
    outcome = qtreport(repo, "feedback", "add", str(reviewed[1]), "--unit", "Chi bộ Khu phố 3")
    assert outcome.exit_code == 0, outcome.output
    assert "QT813" not in outcome.output  # every item placed
    found = entries(repo)
    assert [where(e) for e in found] == expected(repo)
    assert {e["author"] for e in found} == {"Chi bộ Khu phố 3"}  # LibreOffice's user name
    cell = found[4]
    assert (cell["old"], cell["new"]) == ("6.150", "6.200")
    assert cell["passage"] == "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ, Thực hiện Ước " \
        "2025: 6.150"  # the cell named by its row and column


def test_a_libreoffice_copy_is_applied_and_a_cell_says_where_its_figure_comes_from(
        qtreport, repo, reviewed):
    outcome = qtreport(repo, "feedback", "apply", str(reviewed[1]))
    assert outcome.exit_code == 0, outcome.output
    text = (repo / ECONOMY).read_text(encoding="utf-8")
    assert "phục hồi nhanh, phát triển sau" in text  # the body's words
    assert "Tham gia từ 12-15 hội chợ" in text  # the note's, its marks renamed or lost
    assert "6.150 comes from data/actuals/2025.yaml: ban-le" in outcome.output
    assert "ban-le: 6150" in (repo / "data/actuals/2025.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("stamp", [False, True], ids=["marks-stripped", "marks-and-stamp"])
def test_a_copy_that_lost_its_marks_is_placed_by_its_words(qtreport, repo, reviewed, stamp,
                                                            tmp_path):
    copy = stripped(reviewed[1], tmp_path / "ban-dan-lai.docx", stamp)
    outcome = qtreport(repo, "feedback", "add", str(copy))
    assert outcome.exit_code == 0, outcome.output
    assert "QT811" not in outcome.output  # still known as a copy, by its text
    found = entries(repo)
    assert [where(e) for e in found] == expected(repo)
    assert all("found by its words" in e["carried"] for e in found)


def test_a_copy_saved_again_without_review_has_nothing_to_register(
        qtreport, repo, libreoffice, tmp_path):  # noqa: F811
    copy = review(libreoffice, repo / "build" / "bao-cao-chinh-tri.docx",
                  tmp_path / "luu-lai.docx", "Ban Tuyên giáo")
    outcome = qtreport(repo, "feedback", "add", str(copy))
    assert "QT812" in outcome.output and "QT811" not in outcome.output
