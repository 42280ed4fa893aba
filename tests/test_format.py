"""The presentation standard (Hướng dẫn 36-HD/VPTW): read in the DOCX XML and in the PDF
that LibreOffice makes of it."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import REPO
from docx_reading import W, require, xml
from qtreport.pipeline import Paths, build

TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("format")
    result = build(Paths.at(REPO, out=out))
    assert result.ok
    return result.output


def mm(twips: str) -> float:
    """Millimetres, to a tenth: Word stores whole twips, so 15 mm is 14,99 mm."""
    return round(int(twips) / TWIPS_PER_MM, 1)


def test_a4_portrait_with_party_margins(built):
    sections = list(xml(built, "word/document.xml").iter(f"{W}sectPr"))
    first = sections[0]
    size, margins = first.find(f"{W}pgSz"), first.find(f"{W}pgMar")
    assert (round(mm(size.get(f"{W}w"))), round(mm(size.get(f"{W}h")))) == (210, 297)
    assert 20 <= mm(margins.get(f"{W}top")) <= 25 and 20 <= mm(margins.get(f"{W}bottom")) <= 25
    assert 30 <= mm(margins.get(f"{W}left")) <= 35 and 15 <= mm(margins.get(f"{W}right")) <= 20
    landscape = [s for s in sections if s.find(f"{W}pgSz").get(f"{W}orient") == "landscape"]
    assert len(landscape) == 2  # one per appendix
    assert first.find(f"{W}titlePg") is not None  # no page number on page 1


def _styles(built):
    return {s.get(f"{W}styleId"): s for s in xml(built, "word/styles.xml").iter(f"{W}style")}


def test_fonts_sizes_and_language(built):
    styles = _styles(built)
    defaults = xml(built, "word/styles.xml").find(f"{W}docDefaults")
    fonts = defaults.find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "Times New Roman"
    assert defaults.find(f".//{W}lang").get(f"{W}val") == "vi-VN"
    normal = styles["Normal"]
    assert normal.find(f".//{W}sz").get(f"{W}val") == "28"  # 14 pt
    assert normal.find(f".//{W}jc").get(f"{W}val") == "both"  # justified
    assert int(normal.find(f".//{W}ind").get(f"{W}firstLine")) > 0
    assert int(styles["FootnoteText"].find(f".//{W}sz").get(f"{W}val")) < 28
    ours = [s for s in styles.values() if s.find(f".//{W}rFonts") is not None
            and s.find(f".//{W}rFonts").get(f"{W}ascii") == "Times New Roman"]
    assert len(ours) >= 15
    assert all(s.find(f".//{W}lang").get(f"{W}val") == "vi-VN" for s in ours)


@pytest.mark.parametrize(
    ("style", "level", "bold", "italic", "caps"),
    [("Heading1", 0, True, False, False), ("Heading2", 1, True, False, True),
     ("Heading3", 2, True, False, True), ("Heading4", 3, True, False, False),
     ("Heading5", 4, True, True, False), ("Heading6", 5, False, True, False)],
)
def test_heading_styles(built, style, level, bold, italic, caps):
    element = _styles(built)[style]
    assert element.find(f".//{W}outlineLvl").get(f"{W}val") == str(level)
    assert element.find(f".//{W}keepNext") is not None

    def flag(tag):
        found = element.find(f".//{W}rPr/{W}{tag}")
        return found is not None and found.get(f"{W}val") not in ("0", "false")

    assert (flag("b"), flag("i"), flag("caps")) == (bold, italic, caps)


def test_table_header_rows_repeat(built):
    tables = list(xml(built, "word/document.xml").iter(f"{W}tbl"))
    assert len(tables) == 2
    for table in tables:
        rows = table.findall(f"{W}tr")
        header = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
        assert rows[:len(header)] == header and 1 <= len(header) <= 2


def test_document_properties(built):
    core = xml(built, "docProps/core.xml")
    text = {el.tag.split("}")[1]: el.text for el in core}
    assert text["title"].startswith("BÁO CÁO CHÍNH TRỊ")
    assert text["creator"] == "ĐẢNG BỘ THỊ XÃ QUẢNG TRỊ"
    assert text["language"] == "vi-VN"
    assert text["keywords"].startswith("báo cáo chính trị")
    assert "ĐẠI HỘI" in text["subject"]


def pdf_of(docx, workdir):
    soffice = require("soffice")
    require("pdfinfo")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{workdir}/p",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(docx)],
                   capture_output=True, check=True, timeout=300)
    return workdir / (docx.stem + ".pdf")


def test_rendered_pages(built, tmp_path):
    pdf = pdf_of(built, tmp_path)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [tuple(round(float(x)) for x in m) for m in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    portrait, landscape = (595, 842), (842, 595)
    assert set(sizes) == {portrait, landscape}
    first_landscape = sizes.index(landscape)
    assert all(s == portrait for s in sizes[:first_landscape])
    assert all(s == landscape for s in sizes[first_landscape:])
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           check=True).stdout.decode().split("\f")[:len(sizes)]
    first_lines = [next((ln.strip() for ln in p.splitlines() if ln.strip()), "") for p in pages]
    assert first_lines[0] == "(Tài liệu gửi lấy ý kiến)"
    assert first_lines[1] == "2"
    assert [int(x) for x in first_lines[1:]] == list(range(2, len(sizes) + 1))  # runs on
    assert all(len(p.strip()) > 200 for p in pages)  # no blank page
    assert "Phụ lục 1." in pages[first_landscape]
    part_two = next(i for i, page in enumerate(pages) if "Phần thứ hai" in page)
    lines = [ln.strip() for ln in pages[part_two].splitlines() if ln.strip()]
    assert lines[1] == "Phần thứ hai"  # a part starts a page: page number, then the part
    assert "Phần thứ nhất" in pages[0]  # the first part stays under the first page's block
