"""writers/yaml_text.py, the YAML text editor of `feedback apply`: one scalar's words change,
and nothing else of the file; what it writes reads back as the value meant."""

from __future__ import annotations

import difflib

import yaml
from hypothesis import given
from hypothesis import strategies as st

from qtreport.writers.yaml_text import Edited, Refused, YamlText, line_added

FILE = """\
# Phần thứ nhất, 2.1.1: kinh tế.
title: Phát triển kinh tế  # the heading
body:
  - >-
    Nền kinh tế của thị xã phục hồi, phát triển sau đại dịch Covid - 19; hầu hết các ngành
    kinh tế đều tăng trưởng ở mức độ khá so với mức tăng chung của toàn tỉnh; tốc độ tăng
    tổng giá trị sản xuất năm 2025 ước đạt 9,67%. Tổng giá trị sản xuất trên địa bàn năm
    2025 đạt {{ num(actual('gtsx', 2025)) }} tỷ đồng[^kt-gtsx].
  - text: 'Một đoạn có góp ý, viết trong dấu nháy đơn.'
    remark: Kiểm tra lại.
  - "Một đoạn trong dấu nháy kép: có dấu hai chấm."
  - |-
    Dòng thứ nhất.
    Dòng thứ hai.
footnotes:
  kt-gtsx: Dịch vụ 1.957 tỷ đồng.
"""


def edit(line: int, column: int, old: str, new: str, key: str = "text") -> str:
    text = YamlText(FILE)
    value = text.value_at(line, column, key)
    assert value is not None and old in value
    start = value.index(old)
    result = text.replaced(line, column, key, start, start + len(old), new)
    assert isinstance(result, Edited), result
    return result.text


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line.startswith(("- ", "+ "))]


def test_a_word_in_a_folded_block_changes_only_its_lines():
    after = edit(4, 5, "phục hồi", "hồi phục")
    body = yaml.safe_load(after)["body"][0]
    assert body.startswith("Nền kinh tế của thị xã hồi phục, phát triển")
    assert len(changed_lines(FILE, after)) <= 4  # the line, and one it spills into at most
    assert after.splitlines()[0] == FILE.splitlines()[0]  # comments stay
    assert "{{ num(actual('gtsx', 2025)) }}" in after


def test_a_longer_edit_rewraps_until_the_lines_are_back_in_step():
    after = edit(4, 5, "phục hồi", "phục hồi nhanh chóng, mạnh mẽ và vững chắc")
    value = yaml.safe_load(after)["body"][0]
    assert "phục hồi nhanh chóng, mạnh mẽ và vững chắc, phát triển" in value
    assert max(len(line) for line in after.splitlines()) <= 100
    assert after.endswith(FILE[FILE.index("  - text:"):])  # the rest of the file as it was


def test_quoted_scalars_keep_their_quotes():
    single = edit(9, 5, "góp ý", "góp ý 'mới'")
    assert "'Một đoạn có góp ý ''mới'', viết" in single
    assert yaml.safe_load(single)["body"][1]["text"].startswith("Một đoạn có góp ý 'mới'")
    double = edit(11, 5, "dấu nháy kép", 'dấu "nháy" kép')
    assert yaml.safe_load(double)["body"][2] == 'Một đoạn trong dấu "nháy" kép: có dấu hai chấm.'


def test_a_literal_block_keeps_its_lines():
    after = edit(12, 5, "thứ hai", "thứ ba")
    assert yaml.safe_load(after)["body"][3] == "Dòng thứ nhất.\nDòng thứ ba."
    assert changed_lines(FILE, after) == ["-     Dòng thứ hai.", "+     Dòng thứ ba."]


def test_a_plain_scalar_is_quoted_only_when_yaml_would_misread_it():
    plain = edit(16, 3, "1.957", "2.000")
    assert "  kt-gtsx: Dịch vụ 2.000 tỷ đồng.\n" in plain
    quoted = edit(16, 3, "Dịch vụ", "Dịch vụ: ngành")
    assert yaml.safe_load(quoted)["footnotes"]["kt-gtsx"] == "Dịch vụ: ngành 1.957 tỷ đồng."


def test_a_title_is_edited_under_its_key():
    after = edit(2, 1, "kinh tế", "kinh tế - xã hội", key="title")
    assert "title: Phát triển kinh tế - xã hội  # the heading\n" in after


def test_what_is_not_there_is_refused_with_why():
    text = YamlText(FILE)
    assert text.value_at(3, 1) is None  # `body:` holds a list, not text
    refused = text.replaced(40, 1, "text", 0, 1, "x")
    assert isinstance(refused, Refused) and "not found" in refused.reason
    out_of_range = text.replaced(16, 3, "text", 5, 500, "x")
    assert isinstance(out_of_range, Refused)


def test_a_line_is_added_under_a_key_at_its_indent():
    after = line_added(FILE, 10, 5, "applied: true")
    assert after.splitlines()[10] == "    applied: true"
    assert yaml.safe_load(after)["body"][1]["applied"] is True


_WORD = st.text(st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxy:#'\"-,.%"), min_size=1,
                max_size=12)


@given(st.integers(0, 40), _WORD)
def test_any_word_of_a_folded_block_can_be_replaced(which, new):
    """Whatever replaces a word (quotes, colons, '#', '-'), the file reads back with exactly
    that word changed, and the lines before it untouched."""
    text = YamlText(FILE)
    value = text.value_at(4, 5)
    assert value is not None
    words = value.split(" ")
    which %= len(words)
    start = sum(len(w) + 1 for w in words[:which])
    result = text.replaced(4, 5, "text", start, start + len(words[which]), new)
    assert isinstance(result, Edited)
    expected = " ".join([*words[:which], new, *words[which + 1:]])
    assert yaml.safe_load(result.text)["body"][0] == expected
    folded, ends, offset = FILE.splitlines()[4:8], [], 0
    for line in folded:
        offset += len(line.strip()) + 1
        ends.append(offset)
    first = 4 + next(i for i, end in enumerate(ends) if start < end)  # the word's line
    assert result.text.splitlines()[:first] == FILE.splitlines()[:first]


def test_a_value_no_block_can_hold_is_written_quoted():
    """Two spaces where two lines of a folded block meet cannot be written in it: the
    scalar is then written in double quotes, and still reads back as the value."""
    text = YamlText(FILE)
    value = text.value_at(4, 5)
    at = value.index("các ngành") + len("các ngành")  # the end of the block's first line
    result = text.replaced(4, 5, "text", at, at, "  ")
    assert isinstance(result, Edited)
    loaded = yaml.safe_load(result.text)
    assert loaded["body"][0] == value[:at] + "  " + value[at:]
    assert loaded["body"][1]["text"].startswith("Một đoạn có góp ý")
