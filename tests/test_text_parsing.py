"""Parsers of the text: footnote markers, inline markup, heading and item numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtreport import ast
from qtreport.ast import NoteRef, Run
from qtreport.compute.notes import MarkerError, find_markers, note_mark
from qtreport.diagnostics import Findings, SourceRef
from qtreport.expand.inlines import parse_inlines as parse_tree
from qtreport.numbering import heading_label, item_label, letter, part_label, roman


def parse_inlines(text, src, findings):
    """The inline tree as the runs a writer writes."""
    return ast.runs(parse_tree(text, src, findings))


HERE = SourceRef("data/x.yaml", 1)
plain_text = st.text(alphabet=st.characters(blacklist_characters="*^[]\\\ue000\ue001",
                                            blacklist_categories=("Cs",)))


def test_markers_in_order():
    text = "a[^mot] b^[ghi chú [có ngoặc]] c[^hai-2]."
    markers = find_markers(text)
    assert [(m.id, m.inline_text) for m in markers] == \
        [("mot", ""), (None, "ghi chú [có ngoặc]"), ("hai-2", "")]
    assert text[markers[1].start:markers[1].end] == "^[ghi chú [có ngoặc]]"


@pytest.mark.parametrize("text", ["a[^mot", "b^[không đóng", "c^[[lồng]"])
def test_unclosed_markers(text):
    with pytest.raises(MarkerError):
        find_markers(text)


@given(plain_text)
def test_text_without_markup_has_no_markers_and_one_run(text):
    assert find_markers(text) == []
    findings = Findings()
    inlines = parse_inlines(text, HERE, findings)
    assert "".join(i.text for i in inlines) == text
    assert all(isinstance(i, Run) and not (i.bold or i.italic) for i in inlines)
    assert not findings.items


@given(st.lists(st.tuples(plain_text, st.integers(1, 999)), max_size=5), plain_text)
def test_note_marks_survive_inline_parsing(pieces, tail):
    text = "".join(chunk + note_mark(n) for chunk, n in pieces) + tail
    inlines = parse_inlines(text, HERE, Findings())
    assert [i.number for i in inlines if isinstance(i, NoteRef)] == [n for _, n in pieces]
    assert "".join(i.text for i in inlines if isinstance(i, Run)) == \
        "".join(chunk for chunk, _ in pieces) + tail


def test_markup_is_a_tree():
    content = parse_tree("a **đậm *cả hai*** m^2^", HERE, Findings())
    assert content == (ast.Text("a "),
                       ast.Strong((ast.Text("đậm "), ast.Emph((ast.Text("cả hai"),)))),
                       ast.Text(" m"), ast.Superscript((ast.Text("2"),)))


def test_line_breaks_and_tabs_are_nodes():
    content = parse_tree("một\nhai\tba", HERE, Findings())
    assert content == (ast.Text("một"), ast.LineBreak(), ast.Text("hai"), ast.Tab(),
                       ast.Text("ba"))
    assert ast.plain(content) == "một\nhai\tba"


def test_markup():
    findings = Findings()
    inlines = parse_inlines("a **đậm** *nghiêng* 34.908 m^2^ \\*", HERE, findings)
    assert inlines == [Run("a "), Run("đậm", bold=True), Run(" "), Run("nghiêng", italic=True),
                       Run(" 34.908 m"), Run("2", superscript=True), Run(" *")]
    assert not findings.items


def test_unclosed_markup_is_a_warning():
    findings = Findings()
    parse_inlines("a **đậm", HERE, findings)
    assert [f.code for f in findings.items] == ["QT310"]


def test_heading_labels():
    assert part_label(0) == "Phần thứ nhất" and part_label(1) == "Phần thứ hai"
    assert [heading_label(p) for p in [(1,), (2,), (2, 1), (2, 1, 3), (2, 1, 3, 4),
                                       (2, 1, 3, 4, 1), (2, 1, 3, 4, 8)]] == \
        ["I.", "II.", "1.", "1.3.", "1.3.4.", "a.", "h."]
    assert [roman(n) for n in (1, 4, 9, 14, 40, 1999)] == \
        ["I", "IV", "IX", "XIV", "XL", "MCMXCIX"]
    assert item_label("(1)", 3) == "(3)" and item_label("(1).", 16) == "(16)."
    assert item_label("1.", 5) == "5."


@given(st.integers(1, 2000))
def test_letters_are_distinct_and_never_empty(n):
    assert letter(n) and letter(n) != letter(n + 1)
