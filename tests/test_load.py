"""Loading YAML: positions, and everything PyYAML would silently accept that we refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qtreport.diagnostics import Findings, SourceRef
from qtreport.readers.yaml import load_file


def load_text(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    findings = Findings()
    return load_file(path, "data/f.yaml", findings), findings.items


def test_positions_of_keys_and_items(tmp_path):
    loaded, found = load_text(tmp_path, "title: A\nbody:\n  - one\n  - >-\n    two\n")
    assert not found
    assert loaded.data == {"title": "A", "body": ["one", "two"]}
    assert loaded.line_of(("title",)) == 1
    assert loaded.line_of(("body", 0)) == 3
    assert loaded.line_of(("body", 1)) == 4
    assert loaded.line_of(("body", 1, "missing", "deeper")) == 4  # nearest ancestor


def test_references_carry_the_column_where_the_key_or_item_starts(tmp_path):
    text = "title: A\nbody:\n  - one\n  - text: two\n    remark: ba\n"
    loaded, _ = load_text(tmp_path, text)
    assert loaded.ref(("title",)) == SourceRef("data/f.yaml", 1, 1)
    assert loaded.ref(("body", 0)) == SourceRef("data/f.yaml", 3, 5)
    assert loaded.ref(("body", 1, "remark")) == SourceRef("data/f.yaml", 5, 5)
    assert loaded.ref(("body", 1, "missing")) == SourceRef("data/f.yaml", 4, 5)  # the item


def test_a_syntax_error_is_placed_at_its_column(tmp_path):
    _, found = load_text(tmp_path, "title: A\nbody: [one, two\nnext: 3\n")
    assert [(f.code, f.line, f.column) for f in found] == [("QT004", 3, 5)]


@pytest.mark.parametrize(
    ("text", "code", "line", "words"),
    [
        ("title: A\nbody: []\ntitle: B\n", "QT005", 3, "duplicate key 'title'"),
        ("title: A\nbody:\n\t- x\n", "QT003", 3, "tab"),
        ("a: &x [1]\nb: *x\n", "QT006", 2, "aliases"),
        ("a: {b: 1}\n<<: {c: 2}\n", "QT006", 2, "merge"),
        ("a: !!python/object:os.system x\n", "QT007", 1, "unsupported YAML tag"),
        ("a: !custom x\n", "QT007", 1, "unsupported YAML tag"),
        ("title: A\n  body: x\n", "QT004", 2, "YAML syntax error"),
        ("title: 'unclosed\n", "QT004", 2, "YAML syntax error"),
        ("", "QT008", 1, "empty"),
        ("# only a comment\n", "QT008", 1, "empty"),
        ("? [a, b]\n: c\n", "QT007", 1, "plain word"),
    ],
)
def test_rejected_input(tmp_path, text, code, line, words):
    loaded, found = load_text(tmp_path, text)
    assert loaded is None
    [finding] = found
    assert (finding.code, finding.line, finding.file) == (code, line, "data/f.yaml")
    assert words in finding.message_en
    assert finding.hint or code == "QT004"


def test_not_utf8_names_the_line(tmp_path):
    loaded, found = load_text(tmp_path, "title: A\nbody: x\nnote: Ph\xe1n\n".encode("latin-1"))
    assert loaded is None
    assert (found[0].code, found[0].line) == ("QT002", 3)
    assert "UTF-8" in found[0].hint


def test_binary_file(tmp_path):
    loaded, found = load_text(tmp_path, b"PK\x03\x04\x00\x00binary")
    assert loaded is None and found[0].code == "QT002"


def test_utf8_bom_is_accepted(tmp_path):
    loaded, found = load_text(tmp_path, "\ufefftitle: Phần\n".encode())
    assert not found and loaded.data == {"title": "Phần"}


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    loaded, found = load_text(tmp_path, "\n".join(lines) + "\n")
    assert loaded is None and found[0].code == "QT006"


def test_too_large_file(tmp_path):
    loaded, found = load_text(tmp_path, "a: " + "x" * 2_100_000 + "\n")
    assert loaded is None and found[0].code == "QT012"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_loads_or_gives_a_finding(tmp_path_factory, text):
    tmp_path = tmp_path_factory.mktemp("fuzz")
    loaded, found = load_text(tmp_path, text)
    assert (loaded is None) == bool(found)
    for finding in found:
        assert finding.line >= 1 and finding.code.startswith("QT")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_give_a_finding(tmp_path_factory, data):
    tmp_path = tmp_path_factory.mktemp("fuzzb")
    loaded, found = load_text(tmp_path, data)
    assert (loaded is None) == bool(found)


@pytest.mark.parametrize(("text", "code", "line", "column"), [
    ("title: A\nbody:\n  - x\n  - y\ntitle: B\n", "QT005", 5, 1),  # the second 'title'
    ("body:\n  a: 1\n  a: 2\n", "QT005", 3, 3),
    ("body:\n  - &x one\n  - *x\n", "QT006", 2, 5),  # at the anchor: the same node
    ("body:\n  <<: {a: 1}\n", "QT006", 2, 3),
    ("body:\n  - !!python/name:os.system x\n", "QT007", 2, 5),
    ("title: A\nbody:\n  \t- x\n", "QT003", 3, 3),
    ("title: Đảng\x07\n".encode(), "QT002", 1, 12),
    ("title: A\nbody: x\x07y\n", "QT002", 2, 8),  # was reported as QT004 on line 1
    ("title: Đảng ".encode() + b"\xff\n", "QT002", 1, 13),  # a byte that is not UTF-8
])
def test_refusals_are_placed_at_their_column(tmp_path, text, code, line, column):
    _, found = load_text(tmp_path, text)
    assert [(f.code, f.line, f.column) for f in found] == [(code, line, column)]
