"""Hostile values in templates/ and data/report.yaml: every value a user can type reaches
the Word XML through one layer that escapes it, or is refused with a finding at its
file:line. Never a broken document, never an internal error (exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MiniRepo
from ooxml import assert_valid_docx

H3 = "    name: heading 3\n"
NASTY = '<Ti"êu> & \'đề\' ]]> --> <![CDATA[x]]>'

# (file, text written, what replaces it) -> the rule that refuses it, or None: a valid DOCX
CASES = [
    ("templates/styles.yaml", "name: heading 3", f"name: '{NASTY.replace(chr(39), '')}'",
     None),
    ("templates/styles.yaml", "name: heading 3", 'name: "heading \\x01 3"', "QT709"),
    ("templates/styles.yaml", "name: heading 3", 'name: "heading \\u200b 3"', None),
    ("templates/styles.yaml", H3, H3 + "    based_on: 'Nor\"mal'\n", "QT108"),
    ("templates/styles.yaml", H3, H3 + "    based_on: Heading3\n", "QT104"),
    ("templates/styles.yaml", H3, H3 + "    based_on: FootnoteReference\n", "QT104"),
    ("templates/styles.yaml", H3, H3 + '    based_on: "]]>&<"\n', "QT108"),
    ("templates/styles.yaml", "  Heading3:", '  "He\\"ading3":', "QT104"),
    ("templates/styles.yaml", "font: Times New Roman", "font: 'Times\" New <Roman>'", "QT104"),
    ("templates/styles.yaml", "font: Times New Roman", 'font: "Times\\x01"', "QT709"),
    ("templates/styles.yaml", "language: vi-VN", "language: 'vi\"><VN'", "QT104"),
    ("templates/styles.yaml", "language: vi-VN", 'language: "vi-VN\\x00"', "QT709"),
    ("templates/styles.yaml", "  width_mm: 210", "  width_mm: 40", "QT104"),
    ("templates/front-matter.yaml", "style: DocTitle", "style: 'Doc\"Title'", "QT104"),
    ("templates/front-matter.yaml", '"{{ title }}"', '"{{ title }} \\u2028 <&>"', None),
    ("templates/front-matter.yaml", '"{{ title }}"', "\"{{ '\\\\x01' }}\"", "QT709"),
    ("data/report.yaml", "title: BÁO CÁO CHÍNH TRỊ", f"title: '{NASTY.replace(chr(39), '')}'",
     None),
    ("data/report.yaml", "title: BÁO CÁO CHÍNH TRỊ", 'title: "BÁO CÁO\\x0bCHÍNH TRỊ"', "QT709"),
    ("data/report.yaml", "marker: (Tài liệu gửi lấy ý kiến)", 'marker: "]]> & <w:p/>"', None),
    ("data/report.yaml", "marker: (Tài liệu gửi lấy ý kiến)", 'marker: "{{ 1 / 0 }}"', None),
    ("data/report.yaml", "marker: (Tài liệu gửi lấy ý kiến)", 'marker: "(\\x1f)"', "QT709"),
    ("data/report.yaml", "output: mau", "output: ../../mau", "QT104"),
    ("data/report.yaml", "issuer: ĐẢNG BỘ THỊ XÃ MẪU", 'issuer: "Đảng bộ \\t <&> \\n mẫu"',
     None),
    ("data/sections/kinh-te.yaml", "title: Thương mại", "title: 'Thương <mại> & \"x\" ]]>'",
     None),
    ("data/sections/kinh-te.yaml", "remark: Cần kiểm tra lại số liệu.",
     "remark: '<w:comment/> & ]]>'", None),
]


def _ids() -> list[str]:
    return [f"{Path(path).stem}-{i}" for i, (path, *_rest) in enumerate(CASES)]


@pytest.mark.parametrize(("path", "old", "new", "refused_by"), CASES, ids=_ids())
def test_hostile_value(qtreport, mini: MiniRepo, path, old, new, refused_by):
    mini.edit(path, old, new)
    outcome = qtreport(mini.root, "build", "--review", "--findings", "json")
    assert outcome.exit_code in (0, 1), outcome.output  # 3 would be an internal error
    findings = json.loads(outcome.output)["findings"]
    if refused_by is None:
        assert outcome.exit_code == 0, findings
        assert_valid_docx(mini.root / "build" / "mau-gop-y.docx")
        return
    hits = [f for f in findings if f["code"] == refused_by]
    assert outcome.exit_code == 1 and hits, findings
    assert (hits[0]["file"], hits[0]["line"] >= 1) == (path, True), hits
    assert not (mini.root / "build").exists()  # nothing half-written


def test_hostile_appendix_layout(qtreport, frozen_repo):
    """The appendix's title lines and headers come from templates/appendices/."""
    layout = frozen_repo / "templates" / "appendices" / "phu-luc-1.yaml"
    text = layout.read_text(encoding="utf-8")
    text = text.replace('heading: "Phụ lục {number}. {title}"',
                        'heading: "Phụ lục {number} <&> ]]> \\"{title}\\""')
    text = text.replace("header: [STT]", "header: ['<S&T>]]>']")
    layout.write_text(text, encoding="utf-8")
    outcome = qtreport(frozen_repo, "build")
    assert outcome.exit_code == 0, outcome.output
    assert_valid_docx(frozen_repo / "build" / "bao-cao-chinh-tri.docx")
