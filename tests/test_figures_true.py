"""Every figure true: a year file holds figures and nothing else passes for one; year files
belong to the term. No input changes an assessment or a tally without a finding unless it is
a valid figure."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

YEAR = "data/actuals/2025.yaml"


def findings(qtreport, root: Path) -> tuple[int, list[dict]]:
    outcome = qtreport(root, "check", "--format", "json")
    return outcome.exit_code, json.loads(outcome.output)["findings"]


def set_value(root: Path, key: str, written: str) -> int:
    """Write `key: written` in the 2025 file; the line it is on."""
    path = root / YEAR
    lines = path.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.strip().startswith(f"{key}:"))
    lines[line] = f"  {key}: {written}"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return line + 1


@pytest.mark.parametrize(("key", "written", "says", "write"), [
    ("bhyt", "100 %", "the unit, %, is the indicator's", "write bhyt: 100"),
    ("bhyt", "100%", "number alone", "write bhyt: 100"),
    ("ban-le", "6150 tỷ", "the unit, Tỷ đồng, is the indicator's", "write ban-le: 6150"),
    ("ban-le", "6.150 tỷ đồng", "number alone", "write ban-le: 6150"),
    ("thu-ngan-sach", "126,0 tỷ", "number alone", "write thu-ngan-sach: 126.0"),
    ("bhyt", "đạt", "text where a figure is needed", "bhyt: null"),
    ("bhyt", "'không có'", "text where a figure is needed", "bhyt: null"),
])
def test_a_year_file_holds_figures(qtreport, frozen_repo, key, written, says, write):
    line = set_value(frozen_repo, key, written)
    code, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT508"]
    assert code == 1
    assert (found["file"], found["line"], found["column"]) == (YEAR, line, 3)
    assert says in found["message_en"] and write in found["hint"]


def test_no_input_changes_the_tally_without_a_finding(qtreport, frozen_repo):
    """Every figure of the 2025 file given a value that is no figure: either an error, or
    the 13/18 tally stands."""
    from qtreport.pipeline import Paths, check

    keys = [m.group(1) for m in re.finditer(r"^  ([a-z0-9-]+): -?\d", (frozen_repo / YEAR)
                                           .read_text("utf-8"), re.M)]
    original = (frozen_repo / YEAR).read_text("utf-8")
    for key in keys:
        for junk in ("100 %", "abc", "'12'", "12 hộ", "1.2.3", "'12,5'", "1e999"):
            (frozen_repo / YEAR).write_text(original, "utf-8")
            set_value(frozen_repo, key, junk)
            result = check(Paths.at(frozen_repo))
            if result.document is None:
                continue  # refused, with its errors
            tally = next(t.tally for t in result.document.tables if t.number == 1)
            assert (tally.achieved, tally.counted) == (13, 18), (key, junk)


@pytest.mark.parametrize(("year", "why"), [(2019, "the term runs 2020-2025"),
                                           (2026, "the term runs 2020-2025")])
def test_a_year_file_outside_the_term_feeds_nothing(qtreport, frozen_repo, year, why):
    text = (frozen_repo / YEAR).read_text("utf-8").replace("year: 2025", f"year: {year}")
    (frozen_repo / f"data/actuals/{year}.yaml").write_text(text, "utf-8")
    code, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT511"]
    assert code == 0 and found["file"] == f"data/actuals/{year}.yaml" and why in \
        found["message_en"]
    assert not [f for f in items if f["code"] == "QT603" and str(year) in f["message_en"]]


def test_a_year_past_as_of_feeds_nothing(qtreport, frozen_repo):
    targets = frozen_repo / "data/targets_2020_2025.yaml"
    targets.write_text(targets.read_text("utf-8").replace("last_year: 2025",
                                                          "last_year: 2025\nas_of: 2024"), "utf-8")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT511"]
    assert found["file"] == YEAR and "the figures stand at 2024" in found["message_en"]


def test_a_dash_or_null_says_there_is_no_figure(qtreport, frozen_repo):
    """The draft prints "-" where a year had none: a dash (or null, an empty cell) is the
    way to say so, and is no error."""
    set_value(frozen_repo, "bhyt", "'-'")
    code, items = findings(qtreport, frozen_repo)
    assert code == 0 and not [f for f in items if f["code"] == "QT508"]


# -- findings at their own place ------------------------------------------------------------

ECONOMY = "data/sections/phan-1/kinh-te.yaml"


def edited(root: Path, old: str, new: str) -> list[str]:
    path = root / ECONOMY
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path.read_text("utf-8").splitlines()


def place_of(lines: list[str], words: str) -> tuple[int, int]:
    number = next(i for i, line in enumerate(lines) if words in line)
    return number + 1, lines[number].index(words) + 1


def test_a_template_mistake_is_found_at_its_expression(qtreport, frozen_repo):
    lines = edited(frozen_repo, "actual('thu-nhap-binh-quan', 2025)",
                   "actual('thu-nhap-binh-qan', 2025)")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT305"]
    line, column = place_of(lines, "{{ num(actual('thu-nhap-binh-qan'")
    assert (found["line"], found["column"]) == (line, column)


def test_a_note_mark_is_found_where_it_is_written(qtreport, frozen_repo):
    lines = edited(frozen_repo, "tăng[^kt-luong-khach-du-lich]", "tăng[^kt-luong-khach]")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT201"]
    assert (found["line"], found["column"]) == place_of(lines, "[^kt-luong-khach]")


def test_an_unclosed_mark_is_found_where_it_opens(qtreport, frozen_repo):
    lines = edited(frozen_repo, "du lịch mới[^kt-san", "du lịch **mới[^kt-san")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT310"]
    assert (found["line"], found["column"]) == place_of(lines, "**mới")


def test_a_key_without_its_colon_is_found_on_its_own_line(qtreport, frozen_repo):
    edited(frozen_repo, "title: Phát triển kinh tế", "title Phát triển kinh tế")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT004"]
    assert (found["line"], found["column"]) == (2, 6)
    assert "'title: Phát triển kinh tế'" in found["hint"]


def test_a_line_one_space_off_is_found_on_its_own_line(qtreport, frozen_repo):
    lines = edited(frozen_repo, "\n  - title: >-\n      Thương mại",
                   "\n - title: >-\n      Thương mại")
    _, items = findings(qtreport, frozen_repo)
    [found] = [f for f in items if f["code"] == "QT004"]
    assert found["line"] == lines.index(" - title: >-") + 1 and "indented 1 space" in found["hint"]


def test_a_note_defined_in_two_files_is_one_finding(qtreport, frozen_repo):
    closing = frozen_repo / "data/sections/loi-keu-goi.yaml"
    text = closing.read_text("utf-8")
    closing.write_text(text + ("" if "footnotes:" in text else "footnotes:\n") +
                       "  kt-luong-khach-du-lich: Một định nghĩa thứ hai.\n", "utf-8")
    _, items = findings(qtreport, frozen_repo)
    codes = [f["code"] for f in items if f["code"].startswith("QT2")]
    assert codes == ["QT203"]


# -- years are years --------------------------------------------------------------------------

def test_a_year_stays_a_year_and_met_gives_the_year_reached(qtreport, frozen_repo):
    from qtreport import ast
    from qtreport.pipeline import Paths, check

    edited(frozen_repo, "Nền kinh tế của thị xã", "Trước năm {{ target('pho-cap-thcs', 'by') "
           "+ 1 }}, đạt năm {{ met('pho-cap-thcs') }}, còn {{ target('pho-cap-thcs', 'by') - "
           "2020 }} năm. Nền kinh tế của thị xã")
    year = frozen_repo / "data/actuals/2023.yaml"
    year.write_text(year.read_text("utf-8").replace("pho-cap-thcs: false", "pho-cap-thcs: true"),
                    "utf-8")
    result = check(Paths.at(frozen_repo))
    assert result.document is not None, [f.as_dict() for f in result.findings.errors]
    text = next(ast.plain(b.content) for b in result.document.body
                if isinstance(b, ast.Paragraph) and "Trước năm" in ast.plain(b.content))
    targets = (frozen_repo / "data/targets_2020_2025.yaml").read_text("utf-8")
    by = int(re.search(r"id: pho-cap-thcs[\s\S]*?by: (\d{4})", targets).group(1))
    assert text.startswith(f"Trước năm {by + 1}, đạt năm 2023,")
    assert f"còn {by - 2020} năm" in text


# -- the prose's figures held to the data --------------------------------------------------------

def prose(qtreport, root: Path, old: str, new: str, file: str = ECONOMY) -> list[dict]:
    path = root / file
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    _, items = findings(qtreport, root)
    return [f for f in items if f["code"] in ("QT604", "QT605")]


def test_the_shipped_report_holds_its_figures_quietly(qtreport, frozen_repo):
    _, items = findings(qtreport, frozen_repo)
    assert not [f for f in items if f["code"] in ("QT604", "QT605")]


def test_a_typed_total_that_contradicts_the_appendix(qtreport, frozen_repo):
    """Footnote 35 of the draft: 479 households where the appendix says 419."""
    [found] = prose(qtreport, frozen_repo,
                    "{{ num(figure('dau-noi-nuoc-thai', 'total_2024')) }} hộ", "479 hộ")
    assert found["code"] == "QT604"
    assert "the data says 419" in found["message_en"] and "official total_2024" in \
        found["message_en"]
    lines = (frozen_repo / ECONOMY).read_text("utf-8").splitlines()
    assert (found["line"], found["column"]) == place_of(lines, "479 hộ")


def test_a_typed_year_figure_is_offered_its_binding(qtreport, frozen_repo):
    [found] = prose(qtreport, frozen_repo, "{{ num(actual('thu-nhap-binh-quan', 2025)) }} triệu",
                    "85 triệu")
    assert found["code"] == "QT605"
    assert "{{ num(actual('thu-nhap-binh-quan', 2025)) }}" in found["message_en"]


def test_a_typed_ratio_and_a_typed_growth_rate(qtreport, frozen_repo):
    [ratio] = prose(qtreport, frozen_repo,
                    "{{ num(figure('thu-nhap-binh-quan', 'ratio'), 1) }} lần", "1,5 lần")
    assert ratio["code"] == "QT604" and "the data says 1,4" in ratio["message_en"]
    retail = prose(qtreport, frozen_repo, "{{ num(rate('ban-le', 2025), 2) }}%/năm",
                   "17,50%/năm")
    assert [f["code"] for f in retail] == ["QT604", "QT604"]  # the ratio still, and the rate
    assert "the data says 17,08" in retail[1]["message_en"]


def test_a_paragraph_can_say_why_its_figures_are_typed(qtreport, frozen_repo):
    path = frozen_repo / ECONOMY
    text = path.read_text("utf-8").replace(
        "{{ num(figure('thu-nhap-binh-quan', 'ratio'), 1) }} lần", "1,5 lần", 1)
    marker = "    {{ num(figure('thu-nhap-binh-quan', 'ratio'), 1) }}"
    assert "1,5 lần so với năm 2020." in text
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  - >-"))
    end = next(i for i in range(first + 1, len(lines)) if not lines[i].startswith("    "))
    lines[first:end] = ["  - typed_figures: Số liệu theo báo cáo của Chi cục Thống kê",
                        "    text: >-", *("  " + line for line in lines[first + 1:end])]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    code, items = findings(qtreport, frozen_repo)
    assert code == 0, [f for f in items if f["severity"] == "error"]
    assert not [f for f in items if f["code"] in ("QT604", "QT605")], marker
