"""The live report in data/, which the editors change every day: only what every good
revision of it keeps. No errors; it builds into documents Word accepts; every note is
referenced once and numbered 1…N in reading order; headings are numbered without a skip;
each appendix's tally agrees with its own assessment column. A new paragraph, a new
footnote or a changed figure leaves these green. (Detailed assertions run on the frozen
copy in tests/fixtures/report.)"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from conftest import REPO
from docx_reading import footnote_texts, reference_order
from ooxml import assert_valid_docx
from qtreport import ast
from qtreport.compute.indicators import ACHIEVED
from qtreport.pipeline import Paths, build, check


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> tuple[Path, Path, ast.Document]:
    out = tmp_path_factory.mktemp("live")
    draft = build(Paths.at(REPO, out=out))
    assert draft.ok, [f.as_dict() for f in draft.findings.errors]
    review = build(Paths.at(REPO, out=out), review=True)
    assert review.output is not None and draft.output is not None
    assert draft.document is not None
    return draft.output, review.output, draft.document


def test_the_live_report_has_no_errors():
    result = check(Paths.at(REPO))
    assert [f.as_dict() for f in result.findings.errors] == []


def test_word_accepts_what_it_builds(live):
    draft, review, _ = live
    assert_valid_docx(draft, review)


def test_every_note_referenced_once_in_reading_order(live):
    draft, _, document = live
    notes = footnote_texts(draft)
    assert reference_order(draft) == list(range(1, len(notes) + 1))
    assert sorted(notes) == list(range(1, len(notes) + 1))
    assert all(text.strip() for text in notes.values())
    assert [note.number for note in document.notes] == list(range(1, len(notes) + 1))


def test_headings_are_numbered_without_a_skip(live):
    _, _, document = live
    headings = [block for block in document.body if isinstance(block, ast.Heading)]
    counters = [0] * 6
    for heading in headings:
        counters[heading.depth] += 1
        counters[heading.depth + 1:] = [0] * (5 - heading.depth)
        if heading.depth >= 2:  # 1., 1.1., 1.1.1.: the numbers under I.
            expected = ".".join(str(n) for n in counters[2:heading.depth + 1]) + "."
            assert heading.label == expected or heading.depth == 5, heading
    labels = [h.label for h in headings if h.depth == 0]
    assert labels == ["Phần thứ nhất", "Phần thứ hai", "Phần thứ ba"][:len(labels)]


def test_headings_in_word_are_the_tree_s(live):
    draft, _, document = live
    built = [p.text.split("\n")[0].split(" ")[0] for p in docx.Document(draft).paragraphs
             if p.style.name.startswith("Heading") and p.style.name != "Heading 1"]
    tree = [h.label for h in document.body if isinstance(h, ast.Heading) and h.depth > 0]
    assert built == tree


def test_each_appendix_tally_agrees_with_its_assessments(live):
    _, _, document = live
    for table in document.tables:
        headers = ast.column_headers(table)
        column = next((i for i, h in enumerate(headers) if re.search(r"Đánh giá", h)), None)
        if column is None or table.tally is None or not table.tally.counted:
            continue
        assessed = [text for row in table.rows if (text := _at_column(row, column))]
        achieved = sum(text in ACHIEVED for text in assessed)
        assert table.tally.achieved <= achieved and table.tally.counted <= len(assessed)
        assert table.tally.counted - table.tally.achieved <= len(assessed) - achieved


def test_counts_the_text_quotes_are_the_tallies(live):
    """"13/18 chỉ tiêu …" in the text is an appendix's tally, whoever wrote it."""
    _, _, document = live
    tallies = {(t.tally.achieved, t.tally.counted) for t in document.tables if t.tally}
    texts = [ast.plain(block.content) for block in document.body
             if isinstance(block, ast.Paragraph)]
    quoted = {(int(a), int(b)) for text in texts
              for a, b in re.findall(r"\b(\d+)/(\d+) chỉ tiêu", text)}
    assert quoted <= tallies


def _at_column(row: ast.Row, column: int) -> str:
    start = 0
    for cell in row.cells:
        if start <= column < start + cell.colspan:
            return cell.text if cell.colspan == 1 else ""
        start += cell.colspan
    return ""
