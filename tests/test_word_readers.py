"""The two Word readers, directly: readers/word_draft/ reads what a draft holds (runs and
their formatting, heading levels from styles, notes, comments) and recognises the report in
it; and both readers, fed damaged XML (every attribute of the real draft's parts given odd
values, elements taken out), end in a result or one PackageError, never anything else."""

from __future__ import annotations

import contextlib
import os
import random
import zipfile
from functools import cache
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from qtreport import ast
from qtreport.diagnostics import Findings
from qtreport.readers.returned_copy import read_copy
from qtreport.readers.word_draft import read_word
from qtreport.readers.word_draft.paragraphs import read_draft
from qtreport.word.package import PackageError


def _draft(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph().add_run("ĐẢNG BỘ XÃ A").bold = True
    document.add_paragraph().add_run("BÁO CÁO CHÍNH TRỊ").bold = True
    document.add_paragraph("PHẦN THỨ NHẤT KẾT QUẢ", style="Heading 1")
    document.add_paragraph("I. KINH TẾ", style="Heading 2")
    paragraph = document.add_paragraph("Giá trị sản xuất đạt ")
    paragraph.add_run("3.033").bold = True
    paragraph.add_run(" tỷ đồng, diện tích 12 m")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(" và ")
    paragraph.add_run("nhiều kết quả").italic = True
    paragraph.add_run(".")
    document.add_comment(paragraph.runs[0], text="Kiểm tra số liệu.", author="Chi bộ 1")
    document.save(str(path))
    return path


def test_runs_keep_their_formatting_and_styles_give_heading_levels(tmp_path):
    read = read_draft(_draft(tmp_path / "a.docx"))
    paras = [item for item in read.items if not isinstance(item, ast.Table)]
    assert [p.level for p in paras][:4] == [None, None, 1, 2]
    body = paras[4]
    assert body.text == "Giá trị sản xuất đạt 3.033 tỷ đồng, diện tích 12 m2 và nhiều kết quả."
    styled = [(p.text, p.bold, p.italic, p.superscript) for p in body.pieces]
    assert ("3.033", True, False, False) in styled and ("2", False, False, True) in styled
    assert ("nhiều kết quả", False, True, False) in styled
    assert paras[0].bold and not body.bold
    assert [r.text for r in read.comments.values()] == ["Kiểm tra số liệu."]


def test_the_report_is_recognised_in_what_was_read(tmp_path):
    findings = Findings()
    tree = read_word(_draft(tmp_path / "a.docx"), findings)
    assert tree is not None
    assert (tree.meta.issuer, tree.meta.title) == ("ĐẢNG BỘ XÃ A", "BÁO CÁO CHÍNH TRỊ")
    headings = [(b.depth, ast.plain(b.title)) for b in tree.body if isinstance(b, ast.Heading)]
    assert headings == [(0, "KẾT QUẢ"), (1, "KINH TẾ")]
    [paragraph] = [b for b in tree.body if isinstance(b, ast.Paragraph)]
    assert paragraph.remark is not None and paragraph.remark.text == "Kiểm tra số liệu."
    assert any(isinstance(i, ast.Superscript) for i in paragraph.content)


def test_an_unreadable_draft_is_one_finding(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    findings = Findings()
    assert read_word(bad, findings) is None
    assert [f.code for f in findings.items] == ["QT901"]


# -- damaged XML --------------------------------------------------------------------------------

ODD_VALUES = ["", "x", "-1", "9" * 5000, "ffffffff", "0", "1e9", "\u00a0", "☃", "99999999999"]


@cache
def real_draft() -> dict[str, bytes]:
    """The frozen report's draft, built once, with a comment added."""
    import shutil
    import tempfile

    from conftest import FROZEN
    from qtreport.pipeline import Paths, build
    from returned_copies import comment

    root = Path(tempfile.mkdtemp(prefix="qtreport-draft-"))
    shutil.copytree(FROZEN / "data", root / "data")
    shutil.copytree(FROZEN / "templates", root / "templates")
    result = build(Paths.at(root))
    assert result.output is not None
    copy = root / "copy.docx"
    comment(result.output, copy, "Nền kinh tế", "Góp ý.", "Chi bộ 1")
    with zipfile.ZipFile(copy) as package:
        return {name: package.read(name) for name in package.namelist()}


def _damaged(parts: dict[str, bytes], seed: int, rounds: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    out = dict(parts)
    for name in ("word/document.xml", "word/footnotes.xml", "word/comments.xml",
                 "word/styles.xml", "docProps/custom.xml"):
        if name not in out:
            continue
        root = etree.fromstring(out[name])
        elements = list(root.iter())
        for _ in range(rounds):
            element = rng.choice(elements)
            if element.attrib and rng.random() < 0.7:
                key = rng.choice(list(element.attrib))
                element.set(key, rng.choice(ODD_VALUES))
            elif element.getparent() is not None and rng.random() < 0.5:
                element.getparent().remove(element)
                elements = list(root.iter())
            else:
                element.text = rng.choice(ODD_VALUES)
        out[name] = etree.tostring(root)
    return out


@settings(max_examples=int(os.environ.get("QTREPORT_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.integers(1, 60))
def test_damaged_xml_gives_a_result_or_one_package_error(tmp_path_factory, seed, rounds):
    path = tmp_path_factory.mktemp("damaged") / "copy.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in _damaged(real_draft(), seed, rounds).items():
            package.writestr(name, blob)
    with contextlib.suppress(PackageError):  # one error, said in words, or a result
        read_copy(path)
    findings = Findings()
    read_word(path, findings)  # a tree, or None with its finding
    assert all(f.code.startswith("QT9") for f in findings.items)
