"""qtreport import on the layouts ward and commune reports use: headings I. → 1. → a., b.
in bold paragraphs (pandoc-made) and in Heading styles (python-docx), a level skipped;
siblings stay siblings, and what the report's levels make of the draft's is said."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest

from docx_reading import pandoc_headers, pandoc_json, require

HEAD = """\
**ĐẢNG BỘ PHƯỜNG AN ĐÔNG**

**BÁO CÁO CHÍNH TRỊ**

**PHẦN THỨ NHẤT**

**KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT**

"""
SIBLINGS = HEAD + """\
**I. KINH TẾ**

**1. Thương mại, dịch vụ**

**a. Bán lẻ**

Doanh thu bán lẻ tăng khá.

**b. Du lịch**

Du lịch phục hồi.

**2. Nông nghiệp**

**a. Trồng trọt**

Sản lượng lúa ổn định.

**b. Chăn nuôi**

Đàn gia súc tăng.

**II. VĂN HÓA - XÃ HỘI**

**a. Giáo dục**

Chất lượng giáo dục được nâng lên.

**b. Y tế**

Mạng lưới y tế được củng cố.
"""


def imported(qtreport, tmp_path: Path, draft: Path) -> tuple[list[str], list[dict]]:
    """The headings of the report imported from `draft` and built, as pandoc reads them;
    the import's findings."""
    outcome = qtreport(tmp_path, "import", str(draft), "--into", "bao-cao", "--findings",
                       "json")
    assert outcome.exit_code == 0, outcome.output
    report = tmp_path / "bao-cao"
    assert qtreport(report, "build").exit_code == 0
    headers = [text for _, text in pandoc_headers(pandoc_json(report / "build" /
                                                              "bao-cao.docx"))]
    return headers, json.loads(outcome.output)["findings"]


def pandoc_draft(tmp_path: Path, markdown: str) -> Path:
    require("pandoc")
    source = tmp_path / "du-thao.md"
    source.write_text(markdown, encoding="utf-8")
    made = tmp_path / "du-thao.docx"
    subprocess.run(["pandoc", str(source), "-o", str(made)], check=True, timeout=120)
    return made


def saved_by_libreoffice(draft: Path, folder: Path) -> Path:
    """The draft opened and saved again as Word by LibreOffice."""
    soffice = require("soffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "lo"),
                    str(draft)], capture_output=True, check=True, timeout=300)
    return folder / "lo" / draft.name


@pytest.mark.parametrize("maker", ["pandoc", "libreoffice"])
def test_siblings_in_bold_paragraphs_stay_siblings(qtreport, tmp_path, maker):
    draft = pandoc_draft(tmp_path, SIBLINGS)
    if maker == "libreoffice":
        draft = saved_by_libreoffice(draft, tmp_path)
    headers, findings = imported(qtreport, tmp_path, draft)
    assert headers[1:] == [
        "I. KINH TẾ", "1. Thương mại, dịch vụ", "1.1. Bán lẻ", "1.2. Du lịch",
        "2. Nông nghiệp", "2.1. Trồng trọt", "2.2. Chăn nuôi",
        "II. VĂN HÓA - XÃ HỘI", "1. Giáo dục", "2. Y tế"]
    said = [f["message_en"] for f in findings if f["code"] == "QT902"]
    # what went where, once for each kind: 'a.' under '1.' at level 3, under 'II.' at 2
    assert any("'a.'" in m and "level 3" in m and "'1.1.'" in m for m in said), said
    assert any("'a.'" in m and "level 2" in m and "'1.'" in m for m in said), said
    assert len(said) == 2


@pytest.mark.parametrize("levels", [(2, 3, 4), (2, 3, 5)], ids=["heading-3-4", "heading-5"])
def test_siblings_in_heading_styles_stay_siblings(qtreport, tmp_path, levels):
    """Headings by Word's styles without numbers in their text: Heading 2 … one level each,
    a level the draft leaves out (Heading 3 → Heading 5) closing up."""
    top, middle, low = levels
    document = docx.Document()
    document.add_paragraph("ĐẢNG BỘ PHƯỜNG AN ĐÔNG")
    document.add_paragraph("BÁO CÁO CHÍNH TRỊ")
    document.add_heading("PHẦN THỨ NHẤT KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT", level=1)
    document.add_heading("KINH TẾ", level=top)
    for group, parts in (("Thương mại", ("Bán lẻ", "Du lịch")),
                         ("Nông nghiệp", ("Trồng trọt", "Chăn nuôi"))):
        document.add_heading(group, level=middle)
        for part in parts:
            document.add_heading(part, level=low)
            document.add_paragraph(f"{part} phát triển khá.")
    draft = tmp_path / "kieu-heading.docx"
    document.save(draft)
    headers, _ = imported(qtreport, tmp_path, draft)
    assert headers[1:] == ["I. KINH TẾ", "1. Thương mại", "1.1. Bán lẻ", "1.2. Du lịch",
                           "2. Nông nghiệp", "2.1. Trồng trọt", "2.2. Chăn nuôi"]


def test_a_level_skipped_makes_the_heading_the_child_of_its_real_parent(qtreport, tmp_path):
    draft = pandoc_draft(tmp_path, HEAD + "**I. KINH TẾ**\n\n**a. Bán lẻ**\n\nTăng khá.\n\n"
                         "**b. Du lịch**\n\nPhục hồi.\n\n**II. XÃ HỘI**\n\nỔn định.\n")
    headers, _ = imported(qtreport, tmp_path, draft)
    assert headers[1:] == ["I. KINH TẾ", "1. Bán lẻ", "2. Du lịch", "II. XÃ HỘI"]


LISTS = HEAD + """\
**I. KINH TẾ**

Các ngành đều tăng trưởng:

- thương mại tăng 9,5%/năm;
- du lịch phục hồi.

Nhiệm vụ trọng tâm:

(1) Phát triển thương mại.

(2) Phát triển du lịch.

Giải pháp:

a) Cải cách hành chính.
b) Chuyển đổi số.

Kết quả khác:

1. Giáo dục.
2. Y tế.
"""


def plain_text(docx_path: Path) -> list[str]:
    done = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
                           str(docx_path)], capture_output=True, text=True, check=True)
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("maker", ["pandoc", "libreoffice"])
def test_word_lists_keep_their_labels_and_bullets_become_dash_paragraphs(qtreport, tmp_path,
                                                                        maker):
    draft = pandoc_draft(tmp_path, LISTS)  # Word's own numbering, from numbering.xml
    if maker == "libreoffice":
        draft = saved_by_libreoffice(draft, tmp_path)
    outcome = qtreport(tmp_path, "import", str(draft), "--into", "bao-cao")
    assert outcome.exit_code == 0, outcome.output
    report = tmp_path / "bao-cao"
    assert qtreport(report, "build").exit_code == 0
    lines = plain_text(report / "build" / "bao-cao.docx")
    start = lines.index("Các ngành đều tăng trưởng:")
    assert lines[start:start + 12] == [
        "Các ngành đều tăng trưởng:",
        "- thương mại tăng 9,5%/năm;", "- du lịch phục hồi.",
        "Nhiệm vụ trọng tâm:", "(1) Phát triển thương mại.", "(2) Phát triển du lịch.",
        "Giải pháp:", "a) Cải cách hành chính.", "b) Chuyển đổi số.",
        "Kết quả khác:", "1. Giáo dục.", "2. Y tế."]


def test_text_that_looks_like_markup_comes_back_as_word_held_it(qtreport, tmp_path):
    """Words typed in Word that read as qtreport's marks: a literal [^1], a^2^, **x**,
    {{ x }}, a lone ^ or [^, a backslash; imported, built, and read back, the same."""
    typed = ["Xem chú thích [^1] ở cuối trang.", "Diện tích a^2^ và b^3.",
             "Từ **in đậm** giữ nguyên, *x* cũng vậy.", "Mẫu {{ x }} và {% if %} là chữ.",
             "Dấu \\ và \\* và \\\\ giữ nguyên; ^ và [^ đứng một mình."]
    document = docx.Document()
    document.add_paragraph("ĐẢNG BỘ PHƯỜNG AN ĐÔNG")
    document.add_paragraph("BÁO CÁO CHÍNH TRỊ")
    document.add_heading("PHẦN THỨ NHẤT KẾT QUẢ", level=1)
    document.add_heading("KINH TẾ", level=2)
    for text in typed:
        document.add_paragraph(text)
    draft = tmp_path / "ky-tu.docx"
    document.save(draft)
    outcome = qtreport(tmp_path, "import", str(draft), "--into", "bao-cao")
    assert outcome.exit_code == 0, outcome.output
    report = tmp_path / "bao-cao"
    checked = qtreport(report, "check", "--format", "json")
    assert not [f for f in json.loads(checked.output)["findings"] if f["severity"] == "error"]
    assert qtreport(report, "build").exit_code == 0
    require("pandoc")
    lines = plain_text(report / "build" / "bao-cao.docx")
    for text in typed:
        assert text in lines, (text, lines)


def test_the_same_numbering_in_bold_italic_is_a_level_below_its_bold(qtreport, tmp_path):
    draft = pandoc_draft(tmp_path, HEAD + "**I. KINH TẾ**\n\n**a. Thương mại**\n\n"
                         "***a. Bán lẻ***\n\nTăng khá.\n\n***b. Du lịch***\n\nPhục hồi.\n\n"
                         "**b. Nông nghiệp**\n\nỔn định.\n")
    headers, _ = imported(qtreport, tmp_path, draft)
    assert headers[1:] == ["I. KINH TẾ", "1. Thương mại", "1.1. Bán lẻ", "1.2. Du lịch",
                           "2. Nông nghiệp"]
