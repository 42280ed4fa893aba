"""qtreport import: a report in Word into the YAML sources (readers/word_draft/ →
writers/sources.py)."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FROZEN
from docx_reading import (
    footnote_texts,
    pandoc_headers,
    pandoc_inline_text,
    pandoc_json,
    pandoc_notes,
    reference_order,
    require,
)
from qtreport import ast
from qtreport.compute.notes import find_markers
from qtreport.diagnostics import Findings, SourceRef
from qtreport.expand.inlines import parse_inlines
from qtreport.expand.sandbox import render_template
from qtreport.markup import escape
from qtreport.writers.sources import _item_scalar, _key


def _findings(outcome) -> list[dict]:
    return json.loads(outcome.output)["findings"]


def _words_without_appendices(document: Path) -> str:
    """The draft as pandoc reads it (notes inline, formatting kept), up to the appendices:
    their title lines and tables."""
    blocks = []
    for block in pandoc_json(document)["blocks"]:
        if block["t"] == "Para" and pandoc_inline_text(block["c"]).startswith("Phụ lục"):
            break
        blocks.append(block)
    return json.dumps(blocks, ensure_ascii=False)


@pytest.fixture
def built_frozen(frozen_repo, qtreport) -> Path:
    assert qtreport(frozen_repo, "build").exit_code == 0
    return frozen_repo / "build" / "bao-cao-chinh-tri.docx"


def test_the_reports_own_build_imports_and_builds_the_same_report(built_frozen, qtreport,
                                                                   tmp_path):
    outcome = qtreport(tmp_path, "import", str(built_frozen), "--into", "lai")
    assert outcome.exit_code == 0, outcome.output
    assert "2 phần (parts)" in outcome.output and "125 chú thích (notes)" in outcome.output
    # the two appendices are indicator tables: data, not rows
    assert "0 bảng (tables), 43 chỉ tiêu (indicators)" in outcome.output
    imported = tmp_path / "lai"
    checked = qtreport(imported, "check", "--format", "json")
    assert checked.exit_code == 0
    assert not [f for f in _findings(checked) if f["severity"] == "error"]
    assert qtreport(imported, "build").exit_code == 0
    rebuilt = imported / "build" / "bao-cao.docx"
    assert _words_without_appendices(rebuilt) == _words_without_appendices(built_frozen)
    original, again = pandoc_json(built_frozen), pandoc_json(rebuilt)
    assert [h for h in pandoc_headers(again) if not h[1].startswith("Phụ lục")] == \
        [h for h in pandoc_headers(original) if not h[1].startswith("Phụ lục")]
    assert pandoc_notes(again) == pandoc_notes(original) and len(pandoc_notes(again)) == 125
    assert list(footnote_texts(rebuilt).values()) == list(footnote_texts(built_frozen).values())
    assert reference_order(rebuilt) == list(range(1, 126))
    # the draft's own figures held to its arithmetic: its row 1 prints 116,80 for 2021-2024
    # where its 2020 and 2024 figures give 116,58
    pinned = [f["message_en"] for f in _findings(checked) if f["code"] == "QT601"]
    assert any("116,80 differs from 116,58" in m for m in pinned), pinned
    # and the prose's typed figures held to the imported data: bindings offered (QT605)
    # where they agree, the data's figure quoted where they do not (QT604)
    codes = {f["code"] for f in _findings(checked)}
    assert {"QT604", "QT605"} <= codes, codes
    targets = yaml.safe_load((imported / "data/targets_2020_2025.yaml").read_text("utf-8"))
    assert targets["resolution"] == "Nghị quyết Đại hội Đảng bộ thị xã lần thứ VII, nhiệm kỳ " \
        "2020 – 2025"  # the rule under it left out
    assert targets["appendices"][0]["title"].startswith(
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    # the appendix's layout as the draft has it: the same columns, headers and widths
    for name in ("phu-luc-1", "phu-luc-2"):
        made = yaml.safe_load((imported / f"templates/appendices/{name}.yaml").read_text("utf-8"))
        if name == "phu-luc-1":
            ours = yaml.safe_load((FROZEN / f"templates/appendices/{name}.yaml").read_text(
                "utf-8"))
            assert made["columns"] == ours["columns"]
        assert all(column["width_mm"] > 5 for column in made["columns"])
    shown = qtreport(imported, "indicators", "--format", "csv")
    assert shown.exit_code == 0 and "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ" in shown.output


MARKDOWN = """\
**(Dự thảo)**

**ĐẢNG BỘ PHƯỜNG AN ĐÔNG**

**BÁO CÁO CHÍNH TRỊ**

**PHẦN THỨ NHẤT**

**KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025**

Nhiệm kỳ qua, Đảng bộ đã lãnh đạo thực hiện *thắng lợi* nhiều mục tiêu[^1].

**I. KINH TẾ**

**1. Thương mại, dịch vụ**

Thương mại, dịch vụ phát triển khá; **doanh thu tăng** 9,5%/năm[^2].

**2. Nông nghiệp**

Nông nghiệp ổn định, giá trị sản xuất tăng bình quân 3,5%/năm.

**II. VĂN HÓA - XÃ HỘI**

Công tác văn hóa, xã hội có nhiều chuyển biến.

**IV. QUỐC PHÒNG - AN NINH**

Quốc phòng, an ninh được giữ vững[^3].

**PHẦN THỨ HAI**

**PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2025 - 2030**

**I. MỤC TIÊU**

\\(1\\) Xây dựng Đảng bộ trong sạch, vững mạnh.

\\(2\\) Phát triển kinh tế nhanh, bền vững.

[^1]: Số liệu của Văn phòng Đảng ủy.

[^2]: Gồm chợ An Đông và chợ Tây Lộc.

    Đoạn thứ hai của chú thích.

[^3]: Theo báo cáo của Công an phường.
"""


@pytest.fixture
def word_report(tmp_path) -> Path:
    """A report as another tool writes it: headings as bold Normal paragraphs with their
    numbers in the text, notes as Word footnotes (pandoc from Markdown), and a comment."""
    require("pandoc")
    source = tmp_path / "bao-cao.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    made = tmp_path / "bao-cao-phuong.docx"
    subprocess.run(["pandoc", str(source), "-o", str(made)], check=True, timeout=120)
    document = docx.Document(str(made))
    target = next(p for p in document.paragraphs if p.text.startswith("Công tác văn hóa"))
    document.add_comment(target.runs, text="Bổ sung số liệu.", author="Ban Tuyên giáo")
    document.save(str(made))
    return made


def test_a_word_report_of_bold_paragraphs_imports_into_a_report_that_builds(word_report,
                                                                           qtreport, tmp_path):
    outcome = qtreport(tmp_path, "import", str(word_report), "--into", "phuong",
                       "--findings", "json")
    assert outcome.exit_code == 0
    skipped, = [f for f in _findings(outcome) if f["code"] == "QT902"]
    assert "'IV.' stands where number 3 of its level is" in skipped["message_en"]
    assert skipped["file"] == "bao-cao-phuong.docx"
    report = tmp_path / "phuong"
    meta = yaml.safe_load((report / "data" / "report.yaml").read_text(encoding="utf-8"))
    assert (meta["issuer"], meta["title"], meta["marker"]) == \
        ("ĐẢNG BỘ PHƯỜNG AN ĐÔNG", "BÁO CÁO CHÍNH TRỊ", "(Dự thảo)")
    economy = yaml.safe_load((report / "data" / "sections" / "phan-1" / "kinh-te.yaml")
                             .read_text("utf-8"))
    trade = economy["sections"][0]
    assert trade["title"] == "Thương mại, dịch vụ"  # a small section stays in its parent's file
    assert trade["body"] == ["Thương mại, dịch vụ phát triển khá; **doanh thu tăng** 9,5%/năm"
                             "[^gom-cho-an-dong]."]
    assert economy["footnotes"]["gom-cho-an-dong"] == [  # a note of two paragraphs: a list
        "Gồm chợ An Đông và chợ Tây Lộc.", "Đoạn thứ hai của chú thích."]
    culture = yaml.safe_load((report / "data/sections/phan-1/van-hoa-xa-hoi.yaml")
                             .read_text(encoding="utf-8"))
    assert culture["body"][0]["remark"] == {"text": "Bổ sung số liệu.", "by": "Ban Tuyên giáo"}
    checked = qtreport(report, "check", "--format", "json")
    assert checked.exit_code == 0
    assert not [f for f in _findings(checked) if f["severity"] == "error"]
    assert qtreport(report, "build").exit_code == 0
    built = pandoc_json(report / "build" / "bao-cao.docx")
    assert [h[1] for h in pandoc_headers(built)] == [
        "Phần thứ nhất KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ 2020 - 2025",
        "I. KINH TẾ", "1. Thương mại, dịch vụ", "2. Nông nghiệp", "II. VĂN HÓA - XÃ HỘI",
        "III. QUỐC PHÒNG - AN NINH",
        "Phần thứ hai PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2025 - 2030", "I. MỤC TIÊU"]
    assert pandoc_notes(built) == ["Số liệu của Văn phòng Đảng ủy.",
                                   "Gồm chợ An Đông và chợ Tây Lộc.\nĐoạn thứ hai của chú thích.",
                                   "Theo báo cáo của Công an phường."]


def test_what_has_no_place_is_listed_with_its_paragraph(word_report, qtreport, tmp_path):
    document = docx.Document(str(word_report))
    picture = tmp_path / "dot.png"
    picture.write_bytes(_one_pixel_png())
    index = next(i for i, p in enumerate(document.paragraphs)
                 if p.text.startswith("Nhiệm kỳ qua"))
    document.paragraphs[index].add_run().add_picture(str(picture))
    _text_box(document.paragraphs[index + 1], "Hộp chữ bên lề")
    reference = next(r for r in document.paragraphs[index]._p.iter(qn("w:r"))
                     if r.find(qn("w:footnoteReference")) is not None)
    twice = next(p for p in document.paragraphs if p.text.startswith("Nông nghiệp ổn định"))
    twice._p.append(copy.deepcopy(reference))  # note 1 referenced a second time
    with_picture = tmp_path / "co-hinh.docx"
    document.save(str(with_picture))
    outcome = qtreport(tmp_path, "import", str(with_picture), "--into", "co-hinh",
                       "--findings", "json")
    placed = [f for f in _findings(outcome) if f["code"] == "QT903"]

    def about(start: str) -> dict:
        return next(f for f in placed if f["message_en"].startswith(start))

    assert about("1 picture(s) near 'Nhiệm kỳ qua")["line"] == index + 1  # its number
    assert about("a text box is left out: 'Hộp chữ bên lề'")["line"] == index + 2
    assert about("a footnote is referenced a second time")["line"] == \
        next(i for i, p in enumerate(document.paragraphs, 1) if p._p is twice._p)
    economy = yaml.safe_load((tmp_path / "co-hinh/data/sections/phan-1/kinh-te.yaml")
                             .read_text(encoding="utf-8"))
    assert list(economy["footnotes"].values())[-1] == "Số liệu của Văn phòng Đảng ủy."


def _text_box(paragraph, words: str) -> None:
    """A VML text box holding `words`, in a run of `paragraph` (as older Word writes one)."""
    from lxml import etree

    vml = "urn:schemas-microsoft-com:vml"
    run = etree.SubElement(paragraph._p, qn("w:r"))
    shape = etree.SubElement(etree.SubElement(run, qn("w:pict")), f"{{{vml}}}shape")
    content = etree.SubElement(etree.SubElement(shape, f"{{{vml}}}textbox"),
                               qn("w:txbxContent"))
    text = etree.SubElement(etree.SubElement(etree.SubElement(content, qn("w:p")), qn("w:r")),
                            qn("w:t"))
    text.text = words


def _one_pixel_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + \
        chunk(b"IEND", b"")


def test_import_refuses_what_it_cannot_read_and_a_report_it_would_overwrite(
        word_report, qtreport, tmp_path):
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải tài liệu Word", encoding="utf-8")
    outcome = qtreport(tmp_path, "import", str(text), "--into", "x", "--findings", "json")
    assert outcome.exit_code == 1 and [f["code"] for f in _findings(outcome)] == ["QT901"]
    assert not (tmp_path / "x").exists()
    assert qtreport(tmp_path, "import", str(word_report), "--into", "y").exit_code == 0
    again = qtreport(tmp_path, "import", str(word_report), "--into", "y")
    assert again.exit_code == 2 and "--force" in again.output
    assert qtreport(tmp_path, "import", str(word_report), "--into", "y", "--force").exit_code == 0


words = st.text(st.sampled_from("aăâbcđeêio ôơuưy*{}%#:-[]()\"'.,;!?0123456789^\\\u2028"),
                min_size=1, max_size=120).map(lambda t: " ".join(t.split())).filter(bool)


@settings(max_examples=200, deadline=None)
@given(words)
def test_written_text_reads_back_as_itself(text):
    """What the writer writes, YAML and then qtreport's templates and markup read back as
    the same words."""
    escaped = escape(text)
    assert find_markers(escaped) == []  # no note, inline or referenced
    loaded = yaml.safe_load("\n".join(_item_scalar("", escaped, 0)))
    assert loaded == [escaped]
    assert yaml.safe_load("\n".join(_key("", "title", escaped, 0)))["title"] == escaped
    findings = Findings()
    where = SourceRef("t.yaml", 1)
    printed = render_template(escaped, where, findings)
    assert printed is not None, findings.items
    assert ast.plain(parse_inlines(printed, where, findings)) == text


def test_an_item_label_after_leading_spaces_is_taken_off_whole(qtreport, tmp_path):
    document = docx.Document()
    for text, bold in (("ĐẢNG BỘ XÃ A", True), ("BÁO CÁO CHÍNH TRỊ", True),
                       ("PHẦN THỨ NHẤT KẾT QUẢ", True), ("   (1) Một.", False),
                       ("\t(2) Hai.", False)):
        document.add_paragraph().add_run(text).bold = bold
    document.save(str(tmp_path / "a.docx"))
    assert qtreport(tmp_path, "import", "a.docx", "--into", "a").exit_code == 0
    part = yaml.safe_load((tmp_path / "a/data/sections/phan-1.yaml").read_text("utf-8"))
    assert part["body"] == [{"items": ["Một.", "Hai."], "style": "(1)"}]
