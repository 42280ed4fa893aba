"""Every class of user mistake: exit code, file:line and a message in plain words.

Each test breaks the small sample report in one way and runs `qtreport check` on it,
as an editor's pull request would be checked.
"""

from __future__ import annotations

import json

import pytest


def findings(qtreport, repo, *extra):
    outcome = qtreport(repo.root, "check", "--format", "json", *extra)
    return outcome.exit_code, json.loads(outcome.output)["findings"]


def only(items, code):
    hits = [f for f in items if f["code"] == code]
    assert hits, f"no {code} in {items}"
    return hits[0]


def test_sample_report_is_clean(qtreport, mini):
    outcome = qtreport(mini.root, "check")
    assert outcome.exit_code == 0, outcome.output
    assert "No problems found" in outcome.output


def test_unknown_key_suggests_the_right_one(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "sections:\n  - title: Thương mại",
              "sections:\n  - tittle: Thương mại")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT101")
    assert code == 1
    assert (hit["file"], hit["line"]) == ("data/sections/kinh-te.yaml", 12)
    assert "unknown key 'tittle'" in hit["message_en"]
    assert "did you mean 'title'?" in hit["hint"]


def test_missing_title(qtreport, mini):
    mini.write("data/sections/kinh-te.yaml", "body:\n  - Một đoạn.\n")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT102")
    assert code == 1 and hit["file"] == "data/sections/kinh-te.yaml" and hit["line"] == 1
    assert "missing key 'title'" in hit["message_en"]


def test_number_where_text_is_expected(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "      - Chỉ tiêu một.", "      - 2025")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT103")
    assert (code, hit["line"]) == (1, 9)
    assert "expected text, found a number" in hit["message_en"]


def test_bad_item_style(qtreport, mini):
    mini.edit("data/sections/phan-2.yaml", 'style: "(1)."', 'style: "[1]"')
    code, items = findings(qtreport, mini)
    hit = only(items, "QT104")
    assert (code, hit["file"], hit["line"]) == (1, "data/sections/phan-2.yaml", 8)
    assert "'(1)'" in hit["hint"]


def test_include_of_missing_file_suggests_a_name(qtreport, mini):
    mini.edit("data/sections/phan-1.yaml", "sections/kinh-te.yaml", "sections/kinh-tee.yaml")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT110")
    assert (code, hit["file"], hit["line"]) == (1, "data/sections/phan-1.yaml", 10)
    assert "did you mean 'sections/kinh-te.yaml'?" in hit["hint"]
    # the file is now included nowhere, but while the tree has errors that is not reported
    assert not [f for f in items if f["code"] == "QT113"]


@pytest.mark.parametrize("path", ["../secret.yaml", "/etc/passwd", "sections/../../x.yaml"])
def test_include_outside_data_is_refused(qtreport, mini, path):
    mini.edit("data/sections/phan-1.yaml", "sections/kinh-te.yaml", path)
    code, items = findings(qtreport, mini)
    hit = only(items, "QT111")
    assert (code, hit["line"]) == (1, 10)


def test_include_loop(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "sections:\n  - title: Thương mại",
              "sections:\n  - include: sections/phan-1.yaml\n  - title: Thương mại")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT112")
    assert (code, hit["file"], hit["line"]) == (1, "data/sections/kinh-te.yaml", 12)
    assert "includes itself" in hit["message_en"]


def test_undefined_footnote_suggests_the_id(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx]", "tỷ đồng[^gtxs]")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT201")
    line = mini.read("data/sections/kinh-te.yaml").splitlines()[3]
    assert (code, hit["file"], hit["line"], hit["column"]) == \
        (1, "data/sections/kinh-te.yaml", 4, line.index("[^gtxs]") + 1)  # at the mark itself
    assert "did you mean '[^gtsx]'?" in hit["hint"]
    unused = only(items, "QT202")  # and the definition is now unreferenced
    assert (unused["line"], "gtsx" in unused["message_en"]) == (16, True)


def test_footnote_defined_in_another_file(qtreport, mini):
    mini.edit("data/sections/phan-1.yaml", "phần một[^mo-dau]", "phần một[^gtsx][^mo-dau]")
    code, items = findings(qtreport, mini)
    assert code == 1
    hit = only(items, "QT201")
    assert hit["file"] == "data/sections/phan-1.yaml"
    assert "defined in data/sections/kinh-te.yaml" in hit["hint"]


def test_footnote_defined_twice(qtreport, mini):
    mini.edit("data/sections/ket.yaml", "keu-goi: Lời kêu gọi.",
              "keu-goi: Lời kêu gọi.\n  gtsx: Lặp lại.")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT203")
    assert (code, hit["file"], hit["line"]) == (1, "data/sections/ket.yaml", 5)
    assert "first at data/sections/kinh-te.yaml:16" in hit["message_en"]


def test_footnote_referenced_twice(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "      - Chỉ tiêu một.",
              "      - Chỉ tiêu một[^gtsx].")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT204")
    assert (code, hit["line"]) == (1, 9)
    assert "already footnote 2" in hit["message_en"]


def test_unclosed_inline_note(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "tại chỗ.]", "tại chỗ.")
    code, items = findings(qtreport, mini)
    assert (code, only(items, "QT205")["line"]) == (1, 5)


def test_bad_footnote_id_in_definitions(qtreport, mini):
    mini.edit("data/sections/ket.yaml", "  keu-goi: Lời", "  Kêu Gọi: Lời")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT104")
    assert (code, hit["line"]) == (1, 4)
    assert "footnote id 'Kêu Gọi' is not valid" in hit["message_en"]


@pytest.mark.parametrize(
    ("expression", "code"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "QT303"),
        ("{{ num.__globals__ }}", "QT303"),
        ("{{ cycler.__init__.__globals__.os }}", "QT303"),
        ("{{ so_lieu }}", "QT302"),
        ("{{ num(3033 }}", "QT301"),
        ("{% for i in range(10) %}", "QT301"),
        ("{{ 1 / 0 }}", "QT304"),
        ("{{ 'x' * 1000000 }}", "QT304"),
        ("{{ 'x' * 10**9 }}", "QT304"),
        ("{% for i in range(10**6) %}x{% endfor %}", "QT304"),
        ("{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}"
         "{% endfor %}{% endfor %}{% endfor %}", "QT304"),
    ],
)
def test_template_errors_cite_the_expression(qtreport, mini, expression, code):
    """At the {{ … }} that fails, where it is written; a statement that fails only with the
    rest of the paragraph ({% for %} without its end), at the paragraph."""
    mini.edit("data/sections/kinh-te.yaml", "{{ num(3033) }}", expression)
    exit_code, items = findings(qtreport, mini)
    hit = only(items, code)
    line = mini.read("data/sections/kinh-te.yaml").splitlines()[3]
    where = (4, line.index(expression) + 1) if expression.startswith("{{") else (3, 5)
    assert (exit_code, hit["file"]) == (1, "data/sections/kinh-te.yaml")
    assert (hit["line"], hit["column"]) == where
    assert "class" not in hit["message"]  # nothing leaked into the message


def test_marker_inside_a_condition(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx].",
              "tỷ đồng{% if false %}[^gtsx]{% endif %}.")
    code, items = findings(qtreport, mini)
    assert (code, only(items, "QT207")["line"]) == (1, 3)


def test_heading_nested_too_deep(qtreport, mini):
    deep = "title: Thương mại\n    sections:\n      - title: Sâu\n        sections:\n" \
           "          - title: Sâu hơn\n            sections:\n              - title: Quá sâu"
    mini.edit("data/sections/kinh-te.yaml", "title: Thương mại", deep)
    code, items = findings(qtreport, mini)
    assert (code, only(items, "QT120")["line"]) == (1, 18)


def test_unreadable_and_broken_files_name_themselves(qtreport, mini):
    mini.write_bytes("data/sections/kinh-te.yaml", b"title: Ph\xe1t\n")
    code, items = findings(qtreport, mini)
    hit = only(items, "QT002")
    assert (code, hit["file"], hit["line"]) == (1, "data/sections/kinh-te.yaml", 1)
    assert not [f for f in items if f["code"] == "QT110"]  # not reported again as missing


def test_warnings_fail_only_with_strict(qtreport, mini):
    mini.write("data/sections/thua.yaml", "title: Thừa\n")
    code, items = findings(qtreport, mini)
    assert code == 0 and only(items, "QT113")["severity"] == "warning"
    code, _ = findings(qtreport, mini, "--strict")
    assert code == 1


def test_github_format(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx]", "tỷ đồng[^gtxs]")
    outcome = qtreport(mini.root, "check", "--format", "github")
    assert outcome.exit_code == 1
    line = next(x for x in outcome.output.splitlines() if "QT201" in x)
    assert line.startswith("::error file=data/sections/kinh-te.yaml,line=4,col=54,title=QT201::")


def test_human_format_groups_by_file(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx]", "tỷ đồng[^gtxs]")
    outcome = qtreport(mini.root, "check")
    assert outcome.exit_code == 1
    assert "data/sections/kinh-te.yaml\n" in outcome.output
    assert "data/sections/kinh-te.yaml:4:54 QT201" in outcome.output  # line:column of the mark
    assert "2 lỗi (errors), 0 cảnh báo (warnings)" in outcome.output


def test_usage_problems_exit_2(qtreport, mini, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert qtreport(empty, "check").exit_code == 2
    assert qtreport(mini.root, "check", "--format", "xml").exit_code == 2
    assert qtreport(mini.root, "check", "--no-such-option").exit_code == 2


def test_hidden_files_are_not_part_of_the_report(qtreport, mini):
    """An editor's lock file (.#x.yaml) or a hidden backup folder is not read, so it can
    neither break the check nor be reported as an orphan section."""
    mini.write("data/.#kinh-te.yaml", "title: [half written\n")
    mini.write("data/.backup/phan-1.yaml", "title: [old copy\n")
    mini.write("templates/appendices/.phu-luc-1.yaml", "columns: [broken\n")
    outcome = qtreport(mini.root, "check")
    assert outcome.exit_code == 0, outcome.output
    assert ".#kinh-te" not in outcome.output and ".backup" not in outcome.output
