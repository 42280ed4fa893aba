"""The DOCX of the sample report, read back by python-docx, its XML, pandoc and LibreOffice."""

from __future__ import annotations

import zipfile

import docx
import pytest

from docx_reading import (
    W,
    footnote_texts,
    pandoc_headers,
    pandoc_json,
    pandoc_notes,
    pdf_pages,
    reference_order,
    squash,
    xml,
)

EXPECTED_NOTES = [
    "Chú thích mở đầu.",
    "Dịch vụ: 1.957 tỷ đồng; CN – XD: 944 tỷ đồng.",
    "Chú thích viết tại chỗ.",
    "Chú thích của chỉ tiêu hai.",
    "Kết quả:\n- Siêu thị: 3.\n- Chợ: 5.",
    "Lời kêu gọi.",
]


@pytest.fixture
def built(qtreport, mini):
    outcome = qtreport(mini.root, "build")
    assert outcome.exit_code == 0, outcome.output
    return mini.root / "build" / "mau.docx"


def test_headings_use_word_heading_styles(built):
    paragraphs = [(p.style.name, p.text) for p in docx.Document(built).paragraphs]
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Phần thứ nhất\nTÌNH HÌNH THỰC HIỆN\nNGHỊ QUYẾT"),
        ("Heading 2", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("Heading 3", "1. Phát triển kinh tế"),
        ("Heading 4", "1.1. Thương mại"),
        ("Heading 1", "Phần thứ hai\nPHƯƠNG HƯỚNG NHIỆM KỲ 2025 - 2030"),
        ("Heading 2", "I. CÁC CHỈ TIÊU CHỦ YẾU"),
        ("Heading 3", "1. Chỉ tiêu kinh tế"),
        ("Heading 3", "2. Chỉ tiêu xây dựng Đảng"),
    ]


def test_body_text_items_and_markup(built):
    document = docx.Document(built)
    texts = [p.text for p in document.paragraphs]
    assert "Tổng giá trị sản xuất đạt 3.033 tỷ đồng." in texts  # {{ num(3033) }}
    assert "(1) Chỉ tiêu một." in texts and "(2) Chỉ tiêu hai." in texts
    assert [t for t in texts if t.startswith("(") and t.endswith(".") and "). " in t] == \
        ["(1). Một.", "(2). Hai.", "(3). Ba.", "(4). Bốn."]
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert bold == ["in đậm"]
    assert texts[0] == "(Tài liệu gửi lấy ý kiến)"


def test_footnotes_are_real_word_footnotes(built):
    assert reference_order(built) == [1, 2, 3, 4, 5, 6]
    assert list(footnote_texts(built).values()) == EXPECTED_NOTES
    root = xml(built, "word/footnotes.xml")
    special = {n.get(f"{W}id"): n.get(f"{W}type") for n in root.findall(f"{W}footnote")
               if n.get(f"{W}type")}
    assert special == {"-1": "separator", "0": "continuationSeparator"}
    with zipfile.ZipFile(built) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
    styles = xml(built, "word/styles.xml")
    ids = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val")
           for s in styles.findall(f"{W}style")}
    assert ids["FootnoteText"] == "footnote text"
    assert ids["FootnoteReference"] == "footnote reference"
    settings = xml(built, "word/settings.xml")
    assert settings.find(f"{W}footnotePr") is not None


def test_pandoc_reads_footnotes_and_headings(built):
    document = pandoc_json(built)
    assert [n.replace("\n", " ") for n in pandoc_notes(document)] == \
        [n.replace("\n", " ") for n in EXPECTED_NOTES]
    levels = [level for level, _ in pandoc_headers(document)]
    assert levels == [1, 2, 3, 4, 1, 2, 3, 3]
    assert pandoc_headers(document)[1][1] == "I. KẾT QUẢ ĐẠT ĐƯỢC"


def test_libreoffice_prints_the_notes_after_their_text(built, tmp_path):
    text = squash("".join(pdf_pages(built, tmp_path)))
    for note in EXPECTED_NOTES:
        assert text.count(squash(note)) == 1, note
    # at the foot of the page: after the paragraph that refers to it, whatever the page
    assert text.index(squash("Tổng giá trị sản xuất")) < text.index(squash(EXPECTED_NOTES[1]))


def test_document_is_readable_like_any_file(built):
    import os

    mask = os.umask(0)
    os.umask(mask)
    assert built.stat().st_mode & 0o777 == 0o666 & ~mask


def test_same_input_same_bytes(qtreport, mini, built):
    first = built.read_bytes()
    assert qtreport(mini.root, "build").exit_code == 0
    assert built.read_bytes() == first
    with zipfile.ZipFile(built) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "created" not in core and "modified" not in core


def test_failed_build_keeps_the_previous_document(qtreport, mini, built):
    before = built.read_bytes()
    mini.edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx]", "tỷ đồng[^gtxs]")
    outcome = qtreport(mini.root, "build")
    assert outcome.exit_code == 1
    assert "no document written" in outcome.output
    assert built.read_bytes() == before


def test_interrupted_write_keeps_the_previous_document(qtreport, mini, built, monkeypatch):
    before = built.read_bytes()
    mini.edit("data/sections/kinh-te.yaml", "3033", "3034")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qtreport.write.os.replace", fail)
    outcome = qtreport(mini.root, "build")
    assert outcome.exit_code == 1
    assert "QT401" in outcome.output and "No space left" in outcome.output
    assert built.read_bytes() == before
    assert [p.name for p in built.parent.iterdir()] == ["mau.docx"]  # no temp file left


def test_review_build_turns_remarks_into_comments(qtreport, mini, built):
    assert qtreport(mini.root, "build", "--review").exit_code == 0
    review = built.parent / "mau-gop-y.docx"
    comments = docx.Document(review).comments
    assert [c.text for c in comments] == ["Cần kiểm tra lại số liệu."]
    with zipfile.ZipFile(built) as z:
        assert "word/comments.xml" not in z.namelist()  # the draft has none


def test_a_remark_names_who_made_it(qtreport, mini, built):
    mini.edit("data/sections/kinh-te.yaml", "    remark: Cần kiểm tra lại số liệu.",
              "    remark: {text: Cần kiểm tra lại số liệu., by: Ban Kinh tế}")
    mini.edit("data/sections/phan-1.yaml", "  - title: KẾT QUẢ ĐẠT ĐƯỢC",
              "  - title: KẾT QUẢ ĐẠT ĐƯỢC\n    remark: Đề nghị đổi tên mục.")
    assert qtreport(mini.root, "build", "--review").exit_code == 0
    comments = docx.Document(built.parent / "mau-gop-y.docx").comments
    assert [(c.text, c.author, c.initials) for c in comments] == [
        ("Đề nghị đổi tên mục.", "Góp ý", "GY"),
        ("Cần kiểm tra lại số liệu.", "Ban Kinh tế", "BKT")]


def test_output_folder_that_cannot_be_made(qtreport, mini):
    (mini.root / "occupied").write_text("a file where the output folder should be")
    outcome = qtreport(mini.root, "build", "--out", "occupied/build")
    assert outcome.exit_code == 1
    assert "QT401" in outcome.output and "no document written" in outcome.output


def test_line_breaks_and_tabs_in_front_matter_stay_word_breaks(qtreport, mini, tmp_path):
    """A title written on two lines (|-) is two lines in Word, not one run of raw text."""
    mini.edit("data/report.yaml", "title: BÁO CÁO CHÍNH TRỊ",
              'title: "BÁO CÁO\\nCHÍNH\\tTRỊ"')
    assert qtreport(mini.root, "build").exit_code == 0
    built = mini.root / "build" / "mau.docx"
    title = next(p for p in docx.Document(built).paragraphs if p.style.style_id == "DocTitle")
    run = title.runs[0]._r
    assert [child.tag.split("}")[1] for child in run if not child.tag.endswith("rPr")] == \
        ["t", "br", "t", "tab", "t"]
    assert title.text == "BÁO CÁO\nCHÍNH\tTRỊ"
    first_page = pdf_pages(built, tmp_path)[0]
    lines = [" ".join(line.split()) for line in first_page.splitlines()]
    assert "BÁO CÁO" in lines and "CHÍNH TRỊ" in lines  # two lines, a tab's space between
