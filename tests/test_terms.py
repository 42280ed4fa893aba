"""Terms: the indicator file is whatever data/report.yaml names; the next resolution's targets
as data; a term in progress; a new report from scratch."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

INDICATORS_LINE = "indicators: targets_2020_2025.yaml\n"


def _findings(outcome) -> list[dict]:
    return json.loads(outcome.output)["findings"]


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in ("word/document.xml",
                                                       "word/footnotes.xml")}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_renaming_the_indicator_file_changes_nothing_in_the_build(frozen_repo, qtreport):
    assert qtreport(frozen_repo, "build").exit_code == 0
    before = _parts(frozen_repo / "build" / "bao-cao-chinh-tri.docx")
    data = frozen_repo / "data"
    (data / "nghi-quyet").mkdir()
    (data / "targets_2020_2025.yaml").rename(data / "nghi-quyet" / "khoa-vii.yaml")
    _edit(data / "report.yaml", INDICATORS_LINE, "indicators: nghi-quyet/khoa-vii.yaml\n")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    assert outcome.exit_code == 0
    assert {f["file"] for f in _findings(outcome)} == {"data/nghi-quyet/khoa-vii.yaml"}
    assert qtreport(frozen_repo, "build").exit_code == 0
    assert _parts(frozen_repo / "build" / "bao-cao-chinh-tri.docx") == before


def test_a_report_yaml_without_the_key_finds_its_one_indicator_file(frozen_repo, qtreport):
    """Reports written before `indicators:` existed keep working."""
    _edit(frozen_repo / "data" / "report.yaml", INDICATORS_LINE, "")
    (frozen_repo / "data" / "targets_2020_2025.yaml").rename(
        frozen_repo / "data" / "chi-tieu.yaml")
    outcome = qtreport(frozen_repo, "indicators")
    assert outcome.exit_code == 0 and "13/18" in outcome.output


def test_two_indicator_files_and_no_key_is_an_error_naming_both(frozen_repo, qtreport):
    data = frozen_repo / "data"
    _edit(data / "report.yaml", INDICATORS_LINE, "")
    (data / "chi-tieu-khoa-viii.yaml").write_text(
        "resolution: Nghị quyết khóa VIII\nbase_year: 2025\nlast_year: 2030\n", encoding="utf-8")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT102"]
    assert outcome.exit_code == 1 and hit["file"] == "data/report.yaml"
    assert "chi-tieu-khoa-viii.yaml, targets_2020_2025.yaml all" in hit["message_en"]
    assert "indicators: chi-tieu-khoa-viii.yaml" in hit["hint"]


def test_a_named_file_that_is_not_there_is_an_error_at_its_line(frozen_repo, qtreport):
    _edit(frozen_repo / "data" / "report.yaml", INDICATORS_LINE,
          "indicators: targets_2020-2025.yaml\n")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT110"]
    lines = (frozen_repo / "data" / "report.yaml").read_text(encoding="utf-8").splitlines()
    assert outcome.exit_code == 1
    assert hit["line"] == lines.index("indicators: targets_2020-2025.yaml") + 1
    assert "did you mean 'targets_2020_2025.yaml'?" in hit["hint"]


@pytest.mark.parametrize("name", ["chi-tieu-cu.yaml", "ghi-chu/so-lieu.yaml"])
def test_a_data_file_nothing_reads_is_a_warning(frozen_repo, qtreport, name):
    """A renamed copy of the indicator file, or any stray file, is not silently ignored."""
    path = frozen_repo / "data" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text((frozen_repo / "data" / "targets_2020_2025.yaml").read_text("utf-8"),
                    encoding="utf-8")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT113"]
    assert outcome.exit_code == 0 and hit["file"] == f"data/{name}"
    assert "'indicators:'" in hit["hint"]


# -- the next resolution's targets as data ------------------------------------------------------

PLAN = "data/targets_2025_2030.yaml"


def _markdown(repo: Path, qtreport) -> str:
    outcome = qtreport(repo, "build", "--format", "md")
    assert outcome.exit_code == 0, outcome.output
    text = (repo / "build" / "bao-cao-chinh-tri.md").read_text(encoding="utf-8")
    return re.sub(r"\\([()\[\]*])", r"\1", text)  # Markdown's escapes: "\(1\)." is "(1)."


def test_part_two_states_the_plans_targets_as_the_draft_does(frozen_repo, qtreport):
    text = _markdown(frozen_repo, qtreport)
    for item in [
        "(1). Tốc độ tăng tổng giá trị sản phẩm: 9,7%/năm",
        "(2). Cơ cấu tổng giá trị sản phẩm đến năm 2030: dịch vụ 67-68%; công nghiệp xây dựng "
        "29-30%; nông nghiệp 3-4%",
        "(3). Tổng mức bán lẻ hàng hóa và doanh thu ngành dịch vụ tiêu dùng, du lịch tăng bình "
        "quân 15-16%/năm. Trong đó: Doanh thu bán lẻ hàng hóa tăng 14-15%/năm",
        "(6). Thu nhập bình quân đầu người đến năm 2030: 120 -125 triệu đồng.",
        "(9). Bình quân hàng năm giảm ít nhất 6 hộ nghèo và 12 hộ cận nghèo.",
        "(15). Chỉ số cải cách hành chính (PAR INDEX) được xếp loại tốt.",
        "(16). Hàng năm có trên 90% cán bộ, đảng viên tham gia học tập",  # the list continues
        "(19). Kiểm tra, giám sát chuyên đề tối thiểu 15% trên tổng số tổ chức cơ sở đảng; tỷ lệ "
        "đảng viên được kiểm tra, giám sát chuyên đề 10% trên tổng số đảng viên toàn đảng bộ; "
        "kiểm tra 100% tổ chức, đảng viên khi có dấu hiệu vi phạm.",
    ]:
        assert item in " ".join(text.split()), item


def test_a_changed_target_changes_the_sentence(frozen_repo, qtreport):
    plan = frozen_repo / PLAN
    _edit(plan, "target: {kind: growth, min: 9.7, text:", "target: {kind: growth, min: 10.5, text:")
    _edit(plan, "target: {kind: average, min: 6, text:", "target: {kind: average, min: 8, text:")
    text = " ".join(_markdown(frozen_repo, qtreport).split())
    assert "Tốc độ tăng tổng giá trị sản phẩm: 10,5%/năm" in text and "9,7%/năm" not in text
    assert "Bình quân hàng năm giảm ít nhất 8 hộ nghèo và 12 hộ cận nghèo." in text


def test_a_new_target_in_the_plan_is_a_new_item(frozen_repo, qtreport):
    _edit(frozen_repo / PLAN, "      # (16)\n", "      - id: dang-vien-moi\n"
          "        name: Số đảng viên kết nạp mới trong nhiệm kỳ\n"
          "        target: {kind: cumulative, min: 250, text: \"ít nhất {min} đảng viên\"}\n"
          "      # (16)\n")
    text = " ".join(_markdown(frozen_repo, qtreport).split())
    assert "(17). Hàng năm có trên 90% cán bộ" in text
    assert "(16). Số đảng viên kết nạp mới trong nhiệm kỳ: ít nhất 250 đảng viên" in text
    assert "(20). Kiểm tra, giám sát chuyên đề" in text


@pytest.mark.parametrize(("old", "new", "says"), [
    ('says: "{name} tăng bình quân {target}. Trong đó: {parts[0]}"',
     'says: "{name} tăng bình quân {target}. Trong đó: {parts[1]}"',
     "uses {parts[1]} but the row has 1 part(s)"),
    ('target: {kind: growth, min: 2, max: 3, text: "{min}-{max}%/năm"}',
     'target: {kind: growth, min: 2, text: "{min}-{max}%/năm"}',
     "uses {max} but the target has no 'max'"),
    ('says: "{name} tăng khoảng {target}, trong đó {parts[0]}."',
     'says: "{name} tăng khoảng {muc_tieu}, trong đó {parts[0]}."',
     "'says' uses {muc_tieu}; it may use {name}, {target}, {min}, {max}, {by}, {best}"),
    ('says: "{name}: {target}."', 'says: "{name}: {target}[^nguon]."',
     "'says' cannot carry a footnote"),
])
def test_wording_that_cannot_be_filled_in_is_refused_at_its_line(frozen_repo, qtreport, old,
                                                                 new, says):
    plan = frozen_repo / PLAN
    _edit(plan, old, new)
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT104"]
    lines = plan.read_text(encoding="utf-8").splitlines()
    assert outcome.exit_code == 1 and hit["file"] == PLAN
    assert lines[hit["line"] - 1].strip().startswith(new.split(":")[0])
    assert says in hit["message_en"]


def test_items_from_a_list_the_plan_does_not_have(frozen_repo, qtreport):
    section = frozen_repo / "data/sections/phan-2/muc-tieu-chi-tieu.yaml"
    _edit(section, "items_from: xay-dung-dang", "items_from: xay-dung-dang-chinh-quyen")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT509"]
    assert outcome.exit_code == 1
    assert hit["file"] == "data/sections/phan-2/muc-tieu-chi-tieu.yaml"
    assert "kinh-te-van-hoa-xa-hoi-moi-truong, xay-dung-dang" in hit["hint"]
    _edit(frozen_repo / "data/report.yaml", "plan: targets_2025_2030.yaml\n", "")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    assert {f["code"] for f in _findings(outcome)} >= {"QT509", "QT113"}  # and the file unread


def test_a_plan_row_with_no_wording_is_refused(frozen_repo, qtreport):
    _edit(frozen_repo / PLAN, 'target: {kind: cumulative, min: 450, max: 470, text: "{min} - '
          '{max} tỷ đồng"}', "target: {kind: cumulative, min: 450, max: 470}")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT102"]
    assert outcome.exit_code == 1 and hit["file"] == PLAN
    assert "'von-dau-tu-nsnn'" in hit["message_en"] and "says" in hit["hint"]


def test_a_reviewers_edit_of_a_plan_target_says_where_to_change_it(frozen_repo, qtreport):
    from returned_copies import track_change

    assert qtreport(frozen_repo, "build").exit_code == 0
    track_change(frozen_repo / "build" / "bao-cao-chinh-tri.docx", frozen_repo / "ban-kt.docx",
                 "dịch vụ 67-68%", "dịch vụ 68-70%", "Ban Kinh tế")
    outcome = qtreport(frozen_repo, "feedback", "apply", "ban-kt.docx")
    plan = (frozen_repo / PLAN).read_text(encoding="utf-8").splitlines()
    row = plan.index("      - id: co-cau-gtsp") + 1
    assert "nothing to write" in outcome.output
    said = " ".join(outcome.output.split())
    assert f"worded from the row 'co-cau-gtsp' in {PLAN}:{row}" in said
    says = next(i for i, line in enumerate(plan, 1) if i > row and "says:" in line)
    assert f"(its says: at line {says})" in said  # where a typo in its words is
    assert "min: 67, max: 68" in (frozen_repo / PLAN).read_text(encoding="utf-8")


# -- a term in progress, and a new report from scratch ------------------------------------------

def _init(tmp_path: Path, qtreport, *args: str) -> Path:
    outcome = qtreport(tmp_path, "init", "ward", "--issuer", "Đảng bộ phường Đông Lương", *args)
    assert outcome.exit_code == 0, outcome.output
    return tmp_path / "ward"


def _figures(report: Path, indicator: str) -> dict[int, float]:
    import yaml

    return {int(path.stem): yaml.safe_load(path.read_text(encoding="utf-8"))["values"][indicator]
            for path in (report / "data" / "actuals").glob("*.yaml")}


def test_a_mid_term_report_states_growth_so_far_and_the_rate_still_needed(tmp_path, qtreport):
    report = _init(tmp_path, qtreport, "--term", "2025-2030", "--as-of", "2027")
    assert sorted(p.stem for p in (report / "data" / "actuals").glob("*.yaml")) == \
        ["2025", "2026", "2027"]  # no files of nulls for the years to come
    outcome = qtreport(report, "check", "--format", "json")
    assert outcome.exit_code == 0 and _findings(outcome) == []
    values = _figures(report, "gia-tri-san-xuat")
    so_far = ((values[2027] / values[2025]) ** (1 / 2) - 1) * 100
    needed = ((1.08 ** 5 * values[2025] / values[2027]) ** (1 / 3) - 1) * 100
    text = " ".join(_markdown_of(report, qtreport).split())
    assert "Giá trị sản xuất năm 2027 ước đạt" in text
    assert f"tăng bình quân {so_far:.2f}%/năm".replace(".", ",") in text
    assert f"những năm còn lại cần tăng bình quân {needed:.2f}%/năm".replace(".", ",") in text
    assert "| Giá trị sản xuất (giá so sánh) | Tỷ đồng | 8-9%/năm |" in text
    assert "Thực hiện Ước 2027" in text  # estimate: true says so in the header
    assert "| Đúng tiến độ |" in text and "| Chậm tiến độ |" in text
    tally = " ".join(qtreport(report, "indicators").output.split())
    assert "3/4 chỉ tiêu đạt và vượt tiến độ (số liệu đến năm 2027; nhiệm kỳ chưa kết thúc)" \
        in tally


def _markdown_of(report: Path, qtreport) -> str:
    outcome = qtreport(report, "build", "--format", "md")
    assert outcome.exit_code == 0, outcome.output
    text = (report / "build" / "bao-cao.md").read_text(encoding="utf-8")
    return re.sub(r"\\([()\[\]*])", r"\1", text)


def test_init_writes_a_report_that_checks_clean_and_builds_a_valid_docx(tmp_path, qtreport):
    from ooxml import assert_valid_docx

    report = _init(tmp_path, qtreport, "--term", "2020-2025")
    for name in ("README.md", ".github/workflows/check.yml", "data/report.yaml",
                 "data/targets_2020_2025.yaml", "templates/appendices/phu-luc-1.yaml"):
        assert (report / name).is_file(), name
    outcome = qtreport(report, "check", "--format", "json")
    assert outcome.exit_code == 0 and _findings(outcome) == []
    assert qtreport(report, "build").exit_code == 0
    docx = report / "build" / "bao-cao.docx"
    assert_valid_docx(docx)
    text = " ".join(_markdown_of(report, qtreport).split())
    assert "Phần thứ hai PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ 2025 - 2030" in text
    assert "Có 3/4 chỉ tiêu chủ yếu đạt và vượt." in text and "[^1]: Số liệu" in text


def test_init_asks_for_what_it_needs_and_refuses_to_write_over_a_report(tmp_path, qtreport):
    outcome = qtreport(tmp_path, "init", "ward", "--issuer", "Đảng bộ xã A", "--term", "2025")
    assert outcome.exit_code == 2 and "write it as 2025-2030" in outcome.output
    outcome = qtreport(tmp_path, "init", "ward", "--issuer", "Đảng bộ xã A", "--term",
                       "2025-2030", "--as-of", "2025")
    assert outcome.exit_code == 2 and "after 2025 and up to 2030" in outcome.output
    _init(tmp_path, qtreport, "--term", "2020-2025")
    outcome = qtreport(tmp_path, "init", "ward", "--issuer", "Đảng bộ xã A", "--term",
                       "2020-2025")
    assert outcome.exit_code == 2 and "already exist" in outcome.output and "--force" in \
        outcome.output


def test_the_report_before_its_terms_last_figures_is_a_report_in_progress(frozen_repo, qtreport):
    """Without the 2024 and 2025 files the figures stand at 2023: no file is demanded; the
    sentences that quote 2024 and 2025 say why they cannot; the layout's columns of 2024 and
    2025 are said to be empty. (The count to date: the mid-term report above.)"""
    for year in (2024, 2025):
        (frozen_repo / "data" / "actuals" / f"{year}.yaml").unlink()
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    found = _findings(outcome)
    errors = [f for f in found if f["severity"] == "error"]
    assert {f["code"] for f in errors} == {"QT305"}  # the text quotes 2024 and 2025 figures
    assert all("the report's figures stand at 2023 (the term runs to 2025)" in f["message_en"]
               for f in errors)
    empty = [f for f in found if f["code"] == "QT510"]
    assert {f["file"] for f in empty} == {"templates/appendices/phu-luc-1.yaml",
                                          "templates/appendices/phu-luc-2.yaml"}
    assert any("the figures stand at 2023; 2025 has none yet" in f["message_en"] for f in empty)


def test_an_estimated_year_says_so_in_its_column_header(frozen_repo, qtreport):
    layout = frozen_repo / "templates" / "appendices" / "phu-luc-1.yaml"
    _edit(layout, "[Thực hiện, Ước 2025]", '[Thực hiện, "2025"]')
    assert "| Thực hiện Ước 2025 |" in _markdown(frozen_repo, qtreport)
    _edit(frozen_repo / "data" / "actuals" / "2025.yaml", "estimate: true", "estimate: false")
    text = _markdown(frozen_repo, qtreport)
    assert "| Thực hiện 2025 |" in text and "Ước 2025 |" not in text


# -- what a new user hit ----------------------------------------------------------------------

def test_a_deadline_figure_is_true_or_false_not_one(frozen_repo, qtreport):
    year_file = frozen_repo / "data" / "actuals" / "2023.yaml"
    _edit(year_file, "  pho-cap-thcs: false", "  pho-cap-thcs: 1")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT508"]
    lines = year_file.read_text(encoding="utf-8").splitlines()
    assert outcome.exit_code == 1 and hit["line"] == lines.index("  pho-cap-thcs: 1") + 1
    assert "write true (reached that year) or false" in hit["hint"]


@pytest.mark.parametrize(("old", "new", "says"), [
    ("rate('ban-le', 2025)", "rate('ban-le', 2020)",
     "growth is counted from 2020, the base year: rate('ban-le', 2020) has no years"),
    ("  ban-le: 3033", "  ban-le: 0", "'ban-le' is 0 in 2020, the base year: growth from "
     "nothing is no rate"),
])
def test_a_rate_that_cannot_be_has_its_own_message(frozen_repo, qtreport, old, new, says):
    if old.startswith("rate"):
        _edit(frozen_repo / "data/sections/phan-1/kinh-te.yaml", old, new)
    else:
        year_file = frozen_repo / "data" / "actuals" / "2020.yaml"
        old = next(line for line in year_file.read_text(encoding="utf-8").splitlines()
                   if line.startswith("  ban-le:"))
        _edit(year_file, old, new)
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    messages = [f["message_en"] for f in _findings(outcome) if f["code"] == "QT305"]
    assert outcome.exit_code == 1 and any(says in m for m in messages), messages
    assert not any("are missing" in m for m in messages)


def test_target_gives_a_deadlines_year_and_a_ranks_best(frozen_repo, qtreport):
    _edit(frozen_repo / "data/sections/phan-1/kinh-te.yaml", "{{ num(rate('ban-le', 2025), 2) }}",
          "{{ target('pho-cap-thcs', 'by') }} {{ target('par-index', 'best') }}")
    text = _markdown(frozen_repo, qtreport)
    targets = (frozen_repo / "data/targets_2020_2025.yaml").read_text(encoding="utf-8")
    by = re.search(r"id: pho-cap-thcs\n(?:.*\n)*?\s+by: (\d{4})", targets).group(1)
    assert f"{by} 3%/năm" in text  # a year prints as a year, not as 2.022


def test_a_missing_key_in_a_year_file_points_to_the_indicator_docs(frozen_repo, qtreport):
    _edit(frozen_repo / "data" / "actuals" / "2022.yaml", "year: 2022\n", "")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT102"]
    assert hit["file"] == "data/actuals/2022.yaml" and "docs/indicators.md" in hit["hint"]


def test_a_colon_in_plain_text_says_to_quote_it(frozen_repo, qtreport):
    section = frozen_repo / "data/sections/phan-2/muc-tieu-chi-tieu.yaml"
    _edit(section, "  - title: MỤC TIÊU\n    body:\n",
          "  - title: MỤC TIÊU\n    body:\n      - Mục tiêu: Tiếp tục xây dựng Đảng bộ.\n")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT101"]
    lines = section.read_text(encoding="utf-8").splitlines()
    assert hit["line"] == next(i for i, line in enumerate(lines, 1) if "Mục tiêu: Tiếp" in line)
    assert "read as a key 'Mục tiêu', because of the colon" in hit["message_en"]
    assert ">- block" in hit["hint"]


def test_a_wording_finding_points_at_the_word_itself(frozen_repo, qtreport):
    section = frozen_repo / "data/sections/phan-2/muc-tieu-chi-tieu.yaml"
    _edit(section, "chuyển đổi số, xây dựng đô thị", "chuyển đổi số, xây dựg  đô thị")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    lines = section.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "xây dựg  đô" in line)
    found = {f["code"]: f for f in _findings(outcome) if f["file"].endswith("chi-tieu.yaml")}
    assert (found["QT703"]["line"], found["QT703"]["column"]) == \
        (row, lines[row - 1].index("dựg") + 1)
    assert (found["QT705"]["line"], found["QT705"]["column"]) == \
        (row, lines[row - 1].index("dựg  ") + 1)


def test_markdown_keeps_the_congress_line(frozen_repo, qtreport):
    text = _markdown(frozen_repo, qtreport)
    assert "**ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ THỊ XÃ QUẢNG TRỊ LẦN THỨ VIII, NHIỆM KỲ 2025 - 2030**" \
        in text
