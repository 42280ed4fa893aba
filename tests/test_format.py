"""The presentation standard (Hướng dẫn 36-HD/VPTW): read in the DOCX XML and in the PDF
that LibreOffice makes of it."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import FROZEN
from docx_reading import W, require, xml
from ooxml import audit_errors, require_schema_validator, schema_report
from qtreport.pipeline import Paths, build

TWIPS_PER_MM = 1440 / 25.4
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("format")
    result = build(Paths.at(FROZEN, out=out))
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
    """What LibreOffice shows of what qtreport decides: A4 portrait pages, then landscape
    ones for the appendices; the marker atop page 1; a page number atop every other page,
    running on; each part and each appendix opening its own page. Where the pages break
    is LibreOffice's (it varies with the version and the fonts) and is not asserted."""
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
    lines = [[ln.strip() for ln in page.splitlines() if ln.strip()] for page in pages]
    assert lines[0][0] == "(Tài liệu gửi lấy ý kiến)"
    assert "Phần thứ nhất" in pages[0]  # the first part stays under the first page's block
    assert [int(page[0]) for page in lines[1:]] == list(range(2, len(sizes) + 1))
    assert all(len(page) > 1 for page in lines)  # no page holds its number alone
    assert lines[first_landscape][1].startswith("Phụ lục 1.")
    second_appendix = next(i for i, page in enumerate(lines) if page[1].startswith("Phụ lục 2."))
    assert second_appendix > first_landscape
    part_two = [i for i, page in enumerate(lines) if "Phần thứ hai" in page]
    assert len(part_two) == 1 and lines[part_two[0]][1] == "Phần thứ hai"


def test_page_number_is_a_field_in_the_header(built):
    document = xml(built, "word/document.xml")
    first = next(document.iter(f"{W}sectPr"))
    references = {r.get(f"{W}type"): r.get(R_ID) for r in first.findall(f"{W}headerReference")}
    assert set(references) == {"default", "first"}
    targets = {r.get("Id"): r.get("Target") for r in xml(built, "word/_rels/document.xml.rels")}
    header = xml(built, f"word/{targets[references['default']]}")
    fields = [f.get(f"{W}instr").strip() for f in header.iter(f"{W}fldSimple")]
    assert fields == ["PAGE"]
    assert header.find(f".//{W}pStyle").get(f"{W}val") == "Header"
    first_page = xml(built, f"word/{targets[references['first']]}")
    assert not list(first_page.iter(f"{W}fldSimple"))  # page 1 has no number
    later = list(document.iter(f"{W}sectPr"))[1:]
    assert later and all(s.find(f"{W}headerReference") is None for s in later)  # inherited


def test_each_section_has_the_page_of_the_templates(built):
    import yaml

    sheet = yaml.safe_load((FROZEN / "templates" / "styles.yaml").read_text(encoding="utf-8"))
    sections = list(xml(built, "word/document.xml").iter(f"{W}sectPr"))
    for section, page in zip(sections, [sheet["page"]] + [sheet["appendix_page"]] * 2,
                             strict=True):
        size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
        assert (mm(size.get(f"{W}w")), mm(size.get(f"{W}h"))) == \
            (page["width_mm"], page["height_mm"])
        for side in ("top", "bottom", "left", "right", "header", "footer"):
            assert mm(margins.get(f"{W}{side}")) == pytest.approx(page[f"{side}_mm"], abs=0.1)
        landscape = page["width_mm"] > page["height_mm"]
        assert (size.get(f"{W}orient") == "landscape") == landscape


def test_parts_open_a_page_and_headings_keep_with_their_text(built):
    styles = _styles(built)
    assert styles["Heading1"].find(f".//{W}pageBreakBefore") is not None
    body = xml(built, "word/document.xml").find(f"{W}body")
    parts = [p for p in body.findall(f"{W}p")
             if p.find(f"{W}pPr/{W}pStyle") is not None
             and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"]
    overrides = [p.find(f"{W}pPr/{W}pageBreakBefore") for p in parts]
    # Phần thứ nhất stays on page 1 under the first page's block; the others open a page
    assert overrides[0] is not None and overrides[0].get(f"{W}val") == "0"
    assert all(o is None for o in overrides[1:]) and len(parts) == 2
    for style in ("Heading2", "Heading3", "Heading4", "Heading5", "Heading6", "AppendixTitle"):
        assert styles[style].find(f".//{W}keepNext") is not None, style


def test_word_accepts_the_draft_and_the_review_copy(built, tmp_path):
    review = build(Paths.at(FROZEN, out=tmp_path), review=True)
    assert review.ok and review.output is not None
    for document in (built, review.output):
        assert audit_errors(document) == [], document


def test_the_iso_schemas_accept_the_draft_and_the_review_copy(built, tmp_path):
    require_schema_validator()
    review = build(Paths.at(FROZEN, out=tmp_path), review=True)
    assert review.output is not None
    assert schema_report(built, review.output) is None
