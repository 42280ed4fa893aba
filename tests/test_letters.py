"""Letters of comment (văn bản góp ý): a unit's letter quoting passages of the draft, with
numbered points or a table, in plain text, made by pandoc, by python-docx and by
LibreOffice. Each point is registered where the passage it is about stands, its header and
signature left out; proposed changes ("sửa «A» thành «B»", "bỏ «A»", "bổ sung «B» sau
«A»") are applied by `feedback apply`; a general remark is registered, placed nowhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FROZEN
from docx_reading import require
from qtreport.readers.letter import letter_of
from registers import entries, line_of

ECONOMY = "data/sections/phan-1/kinh-te.yaml"
TARGETS = "data/targets_2020_2025.yaml"

LETTER = """\
ĐẢNG BỘ THỊ XÃ QUẢNG TRỊ
ĐẢNG ỦY PHƯỜNG 1
*
Số: 25-CV/ĐU
V/v góp ý dự thảo Báo cáo chính trị
ĐẢNG CỘNG SẢN VIỆT NAM
Phường 1, ngày 20 tháng 11 năm 2026
Kính gửi: Ban Thường vụ Thị ủy Quảng Trị
Thực hiện Công văn số 120-CV/TU, Đảng ủy phường 1 có ý kiến như sau:
I. Ý KIẾN CHUNG
Nhìn chung, dự thảo được chuẩn bị công phu; Đảng ủy phường 1 cơ bản thống nhất với dự thảo.
II. Ý KIẾN CỤ THỂ
1. Tại mục 2.1.1, đoạn “Nền kinh tế của thị xã phục hồi”: đề nghị sửa “phát triển phục sau” \
thành “phát triển sau”.
2. Đề nghị bổ sung “, thương mại điện tử” sau “phân phối hiện đại phát triển về số lượng và \
chất lượng”.
3. Đề nghị bỏ cụm từ “có thời điểm bị ngưng trệ”.
4. Phần phát triển du lịch: đề nghị nêu rõ số lượt khách du lịch hằng năm.
5. Tại Phụ lục 1, chỉ tiêu 1 (Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ): đề nghị rà soát \
số liệu ước thực hiện năm 2025.
6. Mục 2.1.1: đề nghị viết ngắn gọn hơn.
Trên đây là ý kiến góp ý của Đảng ủy phường 1.
Nơi nhận:
- Như trên;
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn A
"""

TABLE_LETTER = """\
**BAN TUYÊN GIÁO THỊ ỦY**

Số: 40-CV/BTGTU

Kính gửi: Ban Thường vụ Thị ủy

Ban Tuyên giáo Thị ủy góp ý như sau:

1. Đề nghị thay «phục hồi, phát triển phục sau» bằng «phục hồi và phát triển».
2. Mục 2.1.1: đề nghị bổ sung đánh giá về chuyển đổi số.

| STT | Vị trí | Nội dung dự thảo | Ý kiến góp ý |
|---|---|---|---|
| 1 | Mục 2.1.1 | “Du khách đến thị xã ngày càng tăng” | Đề nghị nêu số liệu cụ thể. |
| 2 | Phụ lục 1 | Chỉ tiêu 3 | Đề nghị giải thích vì sao không đạt. |

Trên đây là ý kiến của Ban Tuyên giáo Thị ủy.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FROZEN / "data", tmp_path / "data")
    shutil.copytree(FROZEN / "templates", tmp_path / "templates")
    return tmp_path






# -- reading a letter ---------------------------------------------------------------------------

def test_a_letter_is_its_points_without_its_header_and_signature():
    letter = letter_of("phuong-1.txt", [line for line in LETTER.splitlines() if line])
    assert letter.issuer == "ĐẢNG ỦY PHƯỜNG 1"  # under its superior body, above its number
    assert [p.label for p in letter.points] == ["", "1.", "2.", "3.", "4.", "5.", "6."]
    general, first, *_, last = letter.points
    assert general.general and general.text.startswith("Nhìn chung")
    assert not first.general and first.text.startswith("Tại mục 2.1.1")
    assert last.text == "Mục 2.1.1: đề nghị viết ngắn gọn hơn."  # the signature left out
    assert not any("Kính gửi" in p.text or "Nơi nhận" in p.text or "có ý kiến như sau" in
                   p.text for p in letter.points)


def test_a_table_of_comments_is_a_point_per_row():
    rows = [["STT", "Vị trí", "Nội dung dự thảo", "Ý kiến góp ý"],
            ["1", "Mục 2.1.1", "“Du khách đến thị xã ngày càng tăng”", "Nêu số liệu."],
            ["2", "Phụ lục 1", "Chỉ tiêu 3", ""]]  # a row without a comment says nothing
    [point] = letter_of("bang.docx", [rows]).points
    assert (point.label, point.where, point.passage, point.text) == (
        "1", "Mục 2.1.1", "Du khách đến thị xã ngày càng tăng", "Nêu số liệu.")


words = st.text(st.characters(categories=("L", "N", "Zs"), exclude_characters="\n"),
                min_size=3, max_size=60).map(lambda t: " ".join(t.split())).filter(
    lambda t: len(t) >= 3 and not t[0].isdigit())


@given(st.lists(words, min_size=1, max_size=8))
def test_numbered_points_are_read_back_in_order(texts):
    blocks = ["Kính gửi: Ban Thường vụ Thị ủy", *(f"{i}. {t}" for i, t in enumerate(texts, 1))]
    letter = letter_of("thu.txt", blocks)
    assert [(p.label, p.text) for p in letter.points] == [
        (f"{i}.", t) for i, t in enumerate(texts, 1)]


# -- placing and applying --------------------------------------------------------------------

def placed_right(root: Path, found: list[dict]) -> dict[str, tuple[str, int]]:
    """What each point of LETTER is about, where it is written."""
    return {
        "1.": (ECONOMY, line_of(root, ECONOMY, "Nền kinh tế của thị xã phục hồi")),
        "2.": (ECONOMY, line_of(root, ECONOMY, "Hoạt động kinh doanh thương mại - dịch vụ")),
        "3.": (ECONOMY, line_of(root, ECONOMY, "Hoạt động kinh doanh thương mại - dịch vụ")),
        "4.": (ECONOMY, line_of(root, ECONOMY, "Phát triển du lịch được quan tâm")),
        "5.": (TARGETS, line_of(root, TARGETS, "- id: ban-le")),
        "6.": (ECONOMY, line_of(root, ECONOMY, "title: Phát triển kinh tế")),
    }


def test_a_plain_text_letter_is_registered_and_its_changes_applied(qtreport, repo):
    letter = repo.parent / "dang-uy-phuong-1.txt"
    letter.write_text(LETTER, encoding="utf-8")
    outcome = qtreport(repo, "feedback", "add", str(letter))
    assert outcome.exit_code == 0, outcome.output
    assert "QT813" not in outcome.output  # the general remark is unplaced by design
    found = entries(repo)
    assert {e["unit"] for e in found} == {"ĐẢNG ỦY PHƯỜNG 1"}
    general, *points = found
    assert general["kind"] == "comment" and "general remark" in general["unplaced"]
    right = placed_right(repo, points)
    hits = [(e["file"], e["line"]) == right[label]
            for e, label in zip(points, right, strict=True)]
    assert sum(hits) / len(hits) >= 0.8, [(e.get("file"), e.get("line")) for e in points]
    assert all(hits), [(e.get("file"), e.get("line")) for e in points]
    assert [(e["kind"], e.get("old"), e.get("new")) for e in points[:3]] == [
        ("replacement", "phát triển phục sau", "phát triển sau"),
        ("insertion", None, ", thương mại điện tử"),
        ("deletion", ", có thời điểm bị ngưng trệ", None)]
    assert [e["carried"].split(", placed by ")[1] for e in points] == [
        "the words it quotes", "the words it quotes", "the words it quotes",
        "the passage it names", "the indicator it names", "the section it names"]
    listed = qtreport(repo, "feedback", "list").output
    assert listed.index("Ý kiến chung về dự thảo") < listed.index("2.1.1. Phát triển kinh tế")
    path = repo / "feedback" / "vong-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: chưa xử lý",
                                                             "status: tiếp thu"),
                    encoding="utf-8")
    applied = qtreport(repo, "feedback", "apply")
    assert applied.exit_code == 0, applied.output
    text = " ".join((repo / ECONOMY).read_text(encoding="utf-8").split())
    assert "phục hồi, phát triển sau đại dịch" in text
    assert "số lượng và chất lượng, thương mại điện tử, gia tăng" in text
    assert "bệnh Covid -19. Thị ủy" in text
    assert qtreport(repo, "check").exit_code == 0
    again = qtreport(repo, "feedback", "add", str(letter))  # the same letter adds nothing
    assert "0 ý kiến mới" in again.output or "đã có" in again.output


def _docx_letter(kind: str, folder: Path) -> Path:
    """TABLE_LETTER as a Word file made by pandoc (its numbered list is Word's own
    numbering), or LETTER saved as Word by LibreOffice."""
    if kind == "pandoc":
        require("pandoc")
        source = folder / "ban-tuyen-giao.md"
        source.write_text(TABLE_LETTER, encoding="utf-8")
        target = folder / "ban-tuyen-giao.docx"
        subprocess.run(["pandoc", str(source), "-o", str(target)], check=True, timeout=120)
        return target
    soffice = require("soffice")
    source = folder / "phuong-1.txt"
    source.write_text(LETTER, encoding="utf-8")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "lo"),
                    str(source)], capture_output=True, check=True, timeout=300)
    return folder / "lo" / "phuong-1.docx"


def test_a_word_letter_made_by_pandoc_with_a_table_of_comments(qtreport, repo, tmp_path):
    letter = _docx_letter("pandoc", tmp_path)
    outcome = qtreport(repo, "feedback", "add", str(letter))
    assert outcome.exit_code == 0, outcome.output
    found = entries(repo)
    assert {e["unit"] for e in found} == {"BAN TUYÊN GIÁO THỊ ỦY"}
    assert [(e["kind"], e.get("file")) for e in found] == [
        ("replacement", ECONOMY), ("comment", ECONOMY), ("comment", ECONOMY),
        ("comment", TARGETS)]
    tourists, indicator = found[2:]
    assert tourists["line"] == line_of(repo, ECONOMY, "Phát triển du lịch được quan tâm")
    # "Phụ lục 1" / "Chỉ tiêu 3": the row numbered 3 of Phụ lục 1
    assert indicator["line"] == line_of(repo, TARGETS, "- id: gtsx-nong-lam-thuy-san")


def test_a_word_letter_saved_by_libreoffice(qtreport, repo, tmp_path):
    letter = _docx_letter("libreoffice", tmp_path)
    outcome = qtreport(repo, "feedback", "add", str(letter), "--unit", "Đảng ủy phường 1")
    assert outcome.exit_code == 0, outcome.output
    found = entries(repo)
    assert {e["unit"] for e in found} == {"Đảng ủy phường 1"}  # --unit before the header's
    points = found[1:]
    right = placed_right(repo, points)
    hits = [(e.get("file"), e.get("line")) == right[label]
            for e, label in zip(points, right, strict=True)]
    assert sum(hits) / len(hits) >= 0.8, [(e.get("file"), e.get("line")) for e in points]


def test_a_word_letter_with_its_header_in_two_columns_and_word_numbering(qtreport, repo,
                                                                         tmp_path):
    """As offices type them in Word: the header a table of two columns (the issuing body
    under its superior, the Party's name and the date), the points numbered by Word."""
    import docx

    letter = docx.Document()
    header = letter.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "HỘI CỰU CHIẾN BINH THỊ XÃ\nBAN CHẤP HÀNH\nSố: 12-CV/CCB"
    header.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Trị, ngày 21 tháng 11 năm 2026"
    letter.add_paragraph("Kính gửi: Ban Thường vụ Thị ủy")
    letter.add_paragraph("Ban Chấp hành Hội Cựu chiến binh thị xã góp ý như sau:")
    for point in ("Đề nghị sửa «hầu hết các ngành kinh tế» thành «phần lớn các ngành kinh tế».",
                  "Tại mục 2.1.1, đề nghị bổ sung vai trò của hội viên cựu chiến binh.",
                  "Đề nghị bỏ «giữ vai trò chủ đạo trong cơ cấu kinh tế địa phương»."):
        letter.add_paragraph(point, style="List Number")
    letter.add_paragraph("T/M BAN CHẤP HÀNH")
    path = tmp_path / "hoi-ccb.docx"
    letter.save(path)
    outcome = qtreport(repo, "feedback", "add", str(path))
    assert outcome.exit_code == 0, outcome.output
    found = entries(repo)
    assert {e["unit"] for e in found} == {"BAN CHẤP HÀNH HỘI CỰU CHIẾN BINH THỊ XÃ"}
    assert [(e["kind"], e.get("file")) for e in found] == [
        ("replacement", ECONOMY), ("comment", ECONOMY), ("deletion", ECONOMY)]
    heading = line_of(repo, ECONOMY, "Thương mại, dịch vụ, du lịch tiếp tục phát triển")
    assert found[2]["line"] == heading  # a heading's words: the deletion is at its title


def test_a_letter_is_untrusted_input(qtreport, repo, tmp_path):
    """A letter is read within bounds, as text: too large, not UTF-8, or saying nothing is
    one finding for that file, and the other files are still read."""
    large = tmp_path / "qua-lon.txt"
    large.write_bytes(b"1. " + b"a" * 2_100_000)
    latin = tmp_path / "ma-khac.txt"
    latin.write_bytes("1. Đề nghị bỏ «có thời điểm bị ngưng trệ».".encode("cp1258", "replace"))
    empty = tmp_path / "trong.txt"
    empty.write_text("Kính gửi: Ban Thường vụ Thị ủy\nT/M ĐẢNG ỦY\n", encoding="utf-8")
    marks = tmp_path / "dau.txt"  # markup typed in a letter stays words
    marks.write_text("1. Đề nghị sửa «có thời điểm bị ngưng trệ» thành «có lúc {{ 1/0 }} "
                     "**ngưng** [^x]».\n", encoding="utf-8")
    outcome = qtreport(repo, "feedback", "add", *map(str, (large, latin, empty, marks)))
    lines = outcome.output.splitlines()
    for name, code in (("qua-lon.txt", "QT810"), ("ma-khac.txt", "QT810"),
                       ("trong.txt", "QT812")):
        assert any(name in line and code in line for line in lines), (name, outcome.output)
    [entry] = entries(repo)
    assert entry["new"] == "có lúc {{ 1/0 }} **ngưng** [^x]"
    path = repo / "feedback" / "vong-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: chưa xử lý",
                                                             "status: tiếp thu"),
                    encoding="utf-8")
    assert qtreport(repo, "feedback", "apply").exit_code == 0
    assert qtreport(repo, "build", "--format", "md").exit_code == 0
    printed = (repo / "build" / "bao-cao-chinh-tri.md").read_text(encoding="utf-8")
    assert "có lúc \\{\\{ 1/0 \\}\\} \\*\\*ngưng\\*\\* \\[\\^x\\]" in printed  # as typed
