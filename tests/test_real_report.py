"""The real report, frozen in tests/fixtures/report: it checks clean, builds, and carries the
seed draft. (The live data/ is held only to what every good revision keeps:
test_live_report.py.)"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path

import docx
import pytest

from conftest import FROZEN, REPO
from docx_reading import (
    footnote_texts,
    pandoc_json,
    pandoc_notes,
    pdf_pages,
    reference_order,
    squash,
)
from qtreport.pipeline import Paths, build, check

SEED_TOOL = REPO.parent / "shared" / "tools" / "seed_fidelity.py"
VOWELS = set("aăâeêioôơuưy")


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real")
    result = build(Paths.at(FROZEN, out=out))
    assert result.ok, [f.as_dict() for f in result.findings.errors]
    return result.output


def test_shipped_report_checks_clean():
    """No errors; the only warnings are the draft's own figures disagreeing with its data."""
    result = check(Paths.at(FROZEN))
    assert result.findings.errors == []
    assert {(f.code, f.file) for f in result.findings.warnings} == \
        {("QT601", "data/targets_2020_2025.yaml"), ("QT603", "data/targets_2020_2025.yaml")}


def test_every_footnote_is_numbered_in_reading_order(real_build):
    assert reference_order(real_build) == list(range(1, 126))
    notes = footnote_texts(real_build)
    assert notes[1] == "Kết quả cụ thể thể hiện trong từng tiểu mục của báo cáo."
    assert notes[2] == "Dịch vụ: 1.957 tỷ đồng; CN – XD: 944 tỷ đồng; Nông nghiệp: 132 tỷ đồng."
    assert notes[76].count("\n- ") == 2  # two dash items, as in the draft
    assert "Ghi chú này nên bỏ" not in notes[16]  # a reviewer's remark, not note text


def test_heading_numbers_follow_the_draft(real_build):
    headings = [p.text.split(" ")[0] for p in docx.Document(real_build).paragraphs
                if p.style.name.startswith("Heading") and p.style.name != "Heading 1"]
    assert headings[:8] == ["I.", "1.", "2.", "2.1.", "2.1.1.", "a.", "b.", "c."]
    part_two = headings[headings.index("III.") + 1:]
    # Phần thứ hai II.1.1: 1.1.1 … 1.1.8 with no skip
    run = [h for h in part_two if re.fullmatch(r"1\.1\.\d\.", h)]
    assert run == [f"1.1.{n}." for n in range(1, 9)]


def test_indicators_numbered_across_two_lists(real_build):
    texts = [p.text for p in docx.Document(real_build).paragraphs]
    labels = [t.split(" ")[0] for t in texts if re.match(r"\(\d+\)\. ", t)]
    assert labels == [f"({n})." for n in range(1, 20)]


def test_seed_fidelity(real_build):
    if not SEED_TOOL.exists():
        pytest.skip("shared/tools/seed_fidelity.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("seed_fidelity", SEED_TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    seed_body, seed_notes = tool.parse_seed(tool.DEFAULT_SEED)
    body, notes = tool.read_docx(real_build)
    seed_shingles = tool.shingles(tool.skeleton(seed_body))
    recall = len(seed_shingles & tool.shingles(tool.skeleton(body))) / len(seed_shingles)
    # The dump's garbled footnotes 119-124 have no number lines, so the tool counts their
    # text as body; the DOCX has them as footnotes. With the notes counted, nearly all is there.
    assert recall >= 0.975
    with_notes = tool.shingles(tool.skeleton(body + "\n".join(notes)))
    assert len(seed_shingles & with_notes) / len(seed_shingles) >= 0.985
    misplaced = [n for n, text in seed_notes.items()
                 if n - 1 >= len(notes) or _overlap(tool, text, notes[n - 1]) < 0.9]
    assert misplaced == [35]  # 479 hộ in the draft; the data (Phụ lục 1) says 419: a remark


def _overlap(tool, seed_text: str, built_text: str) -> float:
    ref = tool.shingles(tool.skeleton(seed_text))
    return len(ref & tool.shingles(tool.skeleton(built_text))) / len(ref) if ref else 1.0


def test_pandoc_reads_all_125_notes(real_build):
    notes = pandoc_notes(pandoc_json(real_build))
    assert len(notes) == 125
    assert notes[0].startswith("Kết quả cụ thể")
    assert notes[124].startswith("Cấp phép xây dựng")


def test_libreoffice_prints_every_note_once_in_order(real_build, tmp_path):
    """Which page a note lands on is LibreOffice's to decide (it varies with the version and
    the fonts); that each note is printed, once, and in its order is the document's."""
    text = squash("".join(pdf_pages(real_build, tmp_path)))
    notes = footnote_texts(real_build)
    positions = []
    for number, note in notes.items():
        start = _unique_start(squash(note), text)
        assert text.count(start) == 1, f"footnote {number} printed {text.count(start)} times"
        positions.append(text.index(start))
    assert positions == sorted(positions)


def _unique_start(note: str, text: str) -> str:
    """The shortest opening of the note (at least 30 characters) that the text has once."""
    for length in range(min(30, len(note)), len(note) + 1, 10):
        if text.count(note[:length]) <= 1:
            return note[:length]
    return note


def _text_values(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("include", "id", "layout"):
                yield from _text_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _text_values(value)


# Lower-case words with no vowel that the report really uses.
VOWELLESS_ALLOWED = {"v", "đ", "c", "m", "p", "tr", "km"}  # v.v., đ/c, m^2^, p.trách


def test_no_pdf_damage_left_in_data():
    import yaml

    damaged = []
    for path in sorted((FROZEN / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in _text_values(data):
            if "Ƣ" in text or "ƣ" in text:
                damaged.append((path.name, "Ƣ", text[:60]))
            text = re.sub(r"\[\^[^\]]*\]|\{\{.*?\}\}|\{%.*?%\}", "", text)  # ids, templates
            for word in re.findall(r"[^\W\d_]+²?", text):
                base = unicodedata.normalize("NFD", word.lower())
                letters = {c for c in base if c.isalpha()}
                if word.islower() and not letters & VOWELS and word not in VOWELLESS_ALLOWED:
                    damaged.append((path.name, word, text[:60]))
    assert damaged == []


