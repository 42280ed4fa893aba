"""Inputs that once crashed or misled qtreport: each now ends in a clear finding."""

from __future__ import annotations

import json

import pytest


def findings(qtreport, root, *args):
    outcome = qtreport(root, "check", "--format", "json", *args)
    return outcome.exit_code, json.loads(outcome.output)["findings"]


def hit(items, code):
    found = [f for f in items if f["code"] == code]
    assert found, f"no {code} in {[(f['code'], f['message_en']) for f in items]}"
    return found[0]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_deep_nesting(qtreport, mini):
    mini.write("data/sections/sau.yaml", "title: Sâu\nbody: " + "[" * 300 + "]" * 300 + "\n")
    code, items = findings(qtreport, mini.root)
    assert (code, hit(items, "QT009")["file"]) == (1, "data/sections/sau.yaml")


def test_scalar_alias(qtreport, mini):
    mini.write("data/sections/bi-danh.yaml", "title: &t Tiêu đề\nbody:\n  - *t\n")
    code, items = findings(qtreport, mini.root)
    # in a list the alias shares its node with the anchor, so the anchor's line is named
    assert (code, hit(items, "QT006")["line"]) == (1, 1)


def test_control_character_word_cannot_store(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "      - Thương mại phát triển[^thuong-mai].",
              '      - "Thương mại \\x01 phát triển[^thuong-mai]."')
    code, items = findings(qtreport, mini.root)
    assert (code, hit(items, "QT709")["line"]) == (1, 14)
    assert qtreport(mini.root, "build").exit_code == 1  # refused, not crashed


@pytest.mark.parametrize(("written", "words"), [("6.150", "read as 6.15"),
                                                 ("'132,2'", "is text")])
def test_figures_yaml_would_misread(qtreport, frozen_repo, written, words):
    edit(frozen_repo / "data/actuals/2025.yaml", "  ban-le: 6150", f"  ban-le: {written}")
    code, items = findings(qtreport, frozen_repo)
    found = hit(items, "QT508")
    assert (code, found["file"]) == (1, "data/actuals/2025.yaml")
    assert words in found["message_en"]


def test_reference_right_after_superscript(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "Thương mại phát triển[^thuong-mai].",
              "Diện tích 34.908 m^2^[^thuong-mai].")
    code, items = findings(qtreport, mini.root)
    assert code == 0 and not [f for f in items if f["code"] in ("QT202", "QT310")]


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [("min: 17\n", "min: 20\n", "'min' (20.0) is above 'max'"),
     ("last_year: 2025", "last_year: 200000", "less than or equal"),
     ("growth_2024: {value: 116.80", "grwoth_2024: {value: 116.80", "is not a figure"),
     ("min: 17\n", "min: .inf\n", "finite")],
)
def test_targets_that_cannot_be(qtreport, frozen_repo, old, new, words):
    edit(frozen_repo / "data/targets_2020_2025.yaml", old, new)
    code, items = findings(qtreport, frozen_repo)
    found = hit(items, "QT104")
    assert (code, found["file"]) == (1, "data/targets_2020_2025.yaml")
    assert words in found["message_en"]


def test_layout_placeholders_are_checked(qtreport, frozen_repo):
    edit(frozen_repo / "templates/appendices/phu-luc-1.yaml", "Phụ lục {number}", "Phụ lục {n}")
    code, items = findings(qtreport, frozen_repo)
    found = hit(items, "QT104")
    assert (code, found["file"]) == (1, "templates/appendices/phu-luc-1.yaml")
    assert "{n}" in found["message_en"] and "{number}" in found["message_en"]


def test_style_ids_are_plain_words(qtreport, frozen_repo):
    edit(frozen_repo / "templates/styles.yaml", "  TableText:", "  'Table<Text>':")
    code, items = findings(qtreport, frozen_repo)
    assert (code, hit(items, "QT104")["file"]) == (1, "templates/styles.yaml")


def test_only_section_files_are_included(qtreport, frozen_repo):
    edit(frozen_repo / "data/sections/phan-1.yaml", "include: sections/phan-1/dan-van.yaml",
         "include: targets_2020_2025.yaml")
    code, items = findings(qtreport, frozen_repo)
    found = hit(items, "QT111")
    assert (code, found["file"]) == (1, "data/sections/phan-1.yaml")


def test_helpers_called_wrongly(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "{{ num(3033) }}", "{{ num(3033, 'hai') }}")
    code, items = findings(qtreport, mini.root)
    assert code == 1 and "decimals" in hit(items, "QT305")["message_en"]


def test_numbers_print_the_vietnamese_way_without_num(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "{{ num(3033) }}", "{{ 3033.5 }}")
    assert qtreport(mini.root, "build").exit_code == 0
    import docx

    texts = [p.text for p in docx.Document(mini.root / "build" / "mau.docx").paragraphs]
    assert "Tổng giá trị sản xuất đạt 3.033,5 tỷ đồng." in texts


def test_error_in_a_later_footnote_paragraph_has_its_line(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", '    - "- Chợ: 5."', '    - "- Chợ: {{ so }}."')
    code, items = findings(qtreport, mini.root)
    assert (code, hit(items, "QT302")["line"]) == (1, 21)


def test_too_deep_headings_reported_once(qtreport, mini):
    deep = "title: Thương mại\n    sections:\n      - title: A\n        sections:\n" \
           "          - title: B\n            sections:\n              - title: C\n" \
           "                sections:\n                  - title: D"
    mini.edit("data/sections/kinh-te.yaml", "title: Thương mại", deep)
    code, items = findings(qtreport, mini.root)
    assert code == 1 and [f["code"] for f in items].count("QT120") == 1


def test_one_error_for_a_value_that_fits_no_alternative(qtreport, frozen_repo):
    edit(frozen_repo / "data/actuals/2025.yaml", "  ban-le: 6150", "  ban-le: [1, 2]")
    code, items = findings(qtreport, frozen_repo)
    errors = [f for f in items if f["file"] == "data/actuals/2025.yaml"]
    assert code == 1 and len(errors) == 1
    assert "expected true/false or a number or a mapping of keys or text, found a list" in \
        errors[0]["message_en"]
    lines = (frozen_repo / "data/actuals/2025.yaml").read_text(encoding="utf-8").splitlines()
    assert errors[0]["line"] == lines.index("  ban-le: [1, 2]") + 1  # at the value itself
