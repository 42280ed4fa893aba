"""Indicators: computations checked against values worked out by hand from the draft's own
figures, the appendix tables read back from the DOCX, and a change that flows everywhere."""

from __future__ import annotations

import json

import docx
import pytest
import yaml

from conftest import FROZEN
from qtreport.pipeline import Paths, build, check


@pytest.fixture(scope="module")
def results():
    """The compute stage's indicator results for the report."""
    from qtreport.compute import compute
    from qtreport.diagnostics import Findings
    from qtreport.readers.yaml import load_sources
    from qtreport.validate import validate

    findings = Findings()
    validated = validate(load_sources(FROZEN / "data", FROZEN / "templates", FROZEN, findings),
                         findings)
    assert validated is not None
    computed = compute(validated, findings)
    assert not findings.errors and computed.indicators is not None
    return computed.indicators


def test_growth_indexes_by_hand(results):
    # (5.164 / 2.796)^(1/4) = 116,58 — the draft prints 116,80 (pinned: a QT601 warning)
    ban_le = results.by_id["ban-le"]
    assert ban_le.figure("growth_2024").computed == pytest.approx(116.58, abs=0.005)
    assert ban_le.figure("growth_2024").value == 116.80
    assert ban_le.figure("growth_2025").computed == pytest.approx(117.08, abs=0.005)
    # over 5 and 4 years: (3.484 / 1.677)^(1/5) = 115,75 and (2.696 / 1.677)^(1/4) = 112,60
    retail = results.by_id["ban-le-hang-hoa"]
    assert retail.figure("growth_2025").value == pytest.approx(115.75, abs=0.005)
    assert retail.figure("growth_2024").value == pytest.approx(112.60, abs=0.005)


def test_other_kinds_by_hand(results):
    income = results.by_id["thu-nhap-binh-quan"]
    assert income.figure("ratio").value == pytest.approx(85 / 60)
    assert income.assessment == "Đạt"  # 1,42 lần ≥ 1,4
    assert results.by_id["ket-nap-dang-vien"].figure("sum_2020_2024").value == 224
    assert results.by_id["ket-nap-dang-vien"].assessment == "Vượt"  # 35+30+30+67+66 > 200
    assert results.by_id["dau-noi-nuoc-thai"].figure("total").computed == 569  # 419 + 150
    assert results.by_id["pho-cap-thcs"].assessment == "Chưa đạt"  # deadline never reached
    assert results.by_id["par-index"].assessment == "Không đạt"  # 4th, 7th, 8th: not top 3
    assert results.by_id["mau-giao"].assessment == "Đạt"  # 99 > 98 (strict)
    assert results.by_id["gtsx-cn-xd"].assessment == "Không đạt"  # 6,29%/năm < 10


def test_summary_count_is_13_of_18(results):
    rows = [row.result for row in results.appendices[0].rows if row.result]
    counted = [r for r in rows if r.counted]
    assert results.appendices[0].tally.counted == 18
    assert results.appendices[0].tally.achieved == 13
    assert len(counted) == 18
    assert sum(r.assessment in ("Đạt", "Vượt") for r in counted) == 13
    assert sorted(r.id for r in counted if r.assessment not in ("Đạt", "Vượt")) == \
        ["gtsx-cn-xd", "gtsx-nong-lam-thuy-san", "pho-cap-thcs", "thu-ngan-sach", "von-xdcb"]


def test_check_lists_the_drafts_disagreements_as_warnings():
    result = check(Paths.at(FROZEN))
    found = {(f.code, f.line) for f in result.findings.items}
    assert all(f.severity == "warning" for f in result.findings.items)
    assert all(f.file == "data/targets_2020_2025.yaml" for f in result.findings.items)
    assert ("QT601", 27) in found  # ban-le growth 2021-2024: 116,80 printed, 116,58 computed
    assert ("QT603", 34) in found  # Công nghiệp + Xây dựng 2024: 881,2, not 881
    assert ("QT601", 363) in found  # hộ đấu nối: 600 printed, 419 + 150 = 569
    codes = sorted(f.code for f in result.findings.items)
    assert codes.count("QT601") == 16 and codes.count("QT603") == 3


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("appendix")
    result = build(Paths.at(FROZEN, out=out))
    assert result.ok
    return docx.Document(result.output)


def test_appendix_tables_in_the_docx(built):
    assert len(built.tables) == 2
    first, second = built.tables
    header = [c.text for c in first.rows[0].cells]
    assert header[:4] == ["STT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu Đại hội VII"]
    assert header[4:7] == ["Thực hiện"] * 3  # one merged cell over three columns
    assert [c.text for c in first.rows[1].cells][4:9] == \
        ["2020", "2024", "Ước 2025", "Giai đoạn 2021-2024", "Giai đoạn 2021-2025"]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in first.rows[2:]}
    assert rows["KINH TẾ"][0] == "I"
    assert rows["Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"] == \
        ["1", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "Tỷ đồng", "17-19%/năm",
         "2.796", "5.164", "6.150", "116,80", "117,08", "Đạt"]
    xdcb = rows["Trong đó: Vốn đầu tư XDCB nguồn ngân sách phân cấp thị xã quản lý"]
    assert xdcb[4:7] == ["Ước giai đoạn 2021 - 2025: 467 tỷ"] * 3  # merged written-out cell
    assert xdcb[-1] == "Không đạt"
    assert rows["Tỷ lệ huy động vào Mẫu giáo"][3] == ">98%"
    assert rows["Tỷ lệ huy động vào Mẫu giáo"][6] == "99,0"
    par = [c.text for c in second.rows[1].cells]
    assert par[4] == "Đạt 84,45 điểm, xếp loại Tốt, nằm vị trí thứ 3 huyện, thành phố, thị xã"


def test_header_rows_repeat_and_pages_turn(built):
    for table in built.tables:
        header = table.rows[0]._tr
        assert header.find(".//{*}tblHeader") is not None
    landscape = [s for s in built.sections if s.page_width > s.page_height]
    assert len(landscape) == 2


def _set_actual(root, year, key, value):
    path = root / "data" / "actuals" / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [f"  {key}: {value}" if line.strip().startswith(f"{key}:") else line
             for line in text.splitlines()]
    assert lines != text.splitlines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_one_changed_figure_flows_everywhere(frozen_repo):
    root = frozen_repo
    _set_actual(root, 2025, "ban-le", 4000)  # retail 2025 falls: 7,42%/năm, below 17-19%
    _set_actual(root, 2025, "gtsx-dich-vu", 2000)  # footnote 2 quotes this
    result = build(Paths.at(root))
    assert result.ok
    document = docx.Document(result.output)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "đã có 12/18 chỉ tiêu đạt và vượt" in text  # summary count, twice
    assert "12/18 chỉ tiêu chủ yếu của nhiệm kỳ hoàn thành" in text
    assert "ước tăng 7,42%/năm" in text  # narrative sentence quoting the growth (107,42)
    row = next(r for r in document.tables[0].rows
               if r.cells[1].text == "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ")
    assert [c.text for c in row.cells][6:] == ["4.000", "116,80", "107,42", "Không đạt"]
    from docx_reading import footnote_texts

    assert "Dịch vụ: 2.000 tỷ đồng" in footnote_texts(result.output)[2]
    codes = [(f.code, f.message_en) for f in result.findings.items]
    assert any(c == "QT603" and "'gtsx' 2025" in m for c, m in codes)  # parts ≠ 3.033 now
    assert any(c == "QT602" and "'ban-le'" in m for c, m in codes)  # stated Đạt, now not


@pytest.mark.parametrize(
    ("change", "code", "file", "words"),
    [
        (("2024", "ban-le:", "ban-lee:"), "QT505", "data/actuals/2024.yaml", "did you mean"),
        (("2024", "ban-le: ", "# ban-le: "), "QT504", "data/actuals/2024.yaml", "'ban-le'"),
        (("2024", "year: 2024", "year: 2023"), "QT502", "data/actuals/2024.yaml", "named 2024"),
    ],
)
def test_actuals_errors(frozen_repo, qtreport, change, code, file, words):
    root = frozen_repo
    year, old, new = change
    path = root / "data" / "actuals" / f"{year}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    outcome = qtreport(root, "check", "--format", "json")
    hits = [f for f in json.loads(outcome.output)["findings"] if f["code"] == code]
    assert outcome.exit_code == 1 and hits and hits[0]["file"] == file
    assert words in hits[0]["message_en"] + hits[0]["hint"]
    assert hits[0]["line"] > 1 or code == "QT504"


def test_missing_year_file_and_bad_layout(frozen_repo, qtreport):
    root = frozen_repo
    (root / "data" / "actuals" / "2022.yaml").unlink()
    layout = root / "templates" / "appendices" / "phu-luc-2.yaml"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        'show: "actual:2021"', 'show: "actuel:2021"'), encoding="utf-8")
    outcome = qtreport(root, "check", "--format", "json")
    codes = {f["code"]: f for f in json.loads(outcome.output)["findings"]}
    assert outcome.exit_code == 1
    assert "data/actuals/2022.yaml" in codes["QT503"]["message_en"]
    assert codes["QT507"]["file"] == "templates/appendices/phu-luc-2.yaml"


def test_duplicate_id(frozen_repo, qtreport):
    targets = frozen_repo / "data" / "targets_2020_2025.yaml"
    text = targets.read_text(encoding="utf-8").replace("- id: ban-le-hang-hoa", "- id: ban-le", 1)
    targets.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)  # still YAML
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hits = [f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT501"]
    assert outcome.exit_code == 1 and hits[0]["file"] == "data/targets_2020_2025.yaml"
    assert hits[0]["line"] == text.splitlines().index("              - id: ban-le") + 1


@pytest.mark.parametrize(("kind", "keys", "needs"), [
    ("growth", "{kind: growth, text: '17-19%/năm'}", "'min'"),
    ("deadline", "{kind: deadline, text: 'Trước năm 2023'}", "'by'"),
    ("rank", "{kind: rank}", "'best'"),
    ("qualitative", "{kind: qualitative, assessment: Đạt}", "'reason'"),
])
def test_incomplete_target(frozen_repo, qtreport, kind, keys, needs):
    """A target lacking what its kind is judged by is refused at the target's line."""
    targets = frozen_repo / "data" / "targets_2020_2025.yaml"
    text = targets.read_text(encoding="utf-8")
    start = text.index("            target:\n              kind: growth")
    end = text.index("max: 19\n", start) + len("max: 19\n")
    text = text[:start] + f"            target: {keys}\n" + text[end:]
    targets.write_text(text, encoding="utf-8")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hits = [f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT104"]
    assert outcome.exit_code == 1 and len(hits) == 1
    assert hits[0]["file"] == "data/targets_2020_2025.yaml"
    assert hits[0]["line"] == text[:start].count("\n") + 1
    assert f"a '{kind}' target needs {needs}" in hits[0]["message_en"]


def test_helper_errors_cite_the_paragraph(frozen_repo, qtreport):
    root = frozen_repo
    path = root / "data" / "sections" / "phan-1" / "kinh-te.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "actual('gtsx', 2025)", "actual('gtxs', 2025)"), encoding="utf-8")
    outcome = qtreport(root, "check", "--format", "json")
    hit = next(f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT305")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if "actual('gtxs', 2025)" in text)
    assert (hit["file"], hit["line"], hit["column"]) == (
        "data/sections/phan-1/kinh-te.yaml", line + 1,
        lines[line].index("{{ num(actual('gtxs'") + 1)  # at the {{ … }} itself
    assert "did you mean 'gtsx'?" in hit["message_en"]
