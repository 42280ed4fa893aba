"""qtreport import of an office's appendix: a Phụ lục 1-style table becomes indicator data
(an indicator file, year files, a layout), its targets' kinds read from their text, its
figures read in the convention each cell is written in, its comparison figures and
assessments kept as the draft states them; `qtreport indicators` shows it assessed and
`check` names the figures that do not follow from the draft's own."""

from __future__ import annotations

import json
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from docx_reading import require
from qtreport.numformat import format_number
from qtreport.readers.word_draft.appendix import read_number, read_target

OFFICE = """\
**ĐẢNG BỘ PHƯỜNG AN ĐÔNG**

**BÁO CÁO CHÍNH TRỊ**

**PHẦN THỨ NHẤT**

**KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT**

**I. KINH TẾ**

Tổng mức bán lẻ tăng khá.

**Phụ lục 1. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI**

| STT | Chỉ tiêu | ĐVT | Chỉ tiêu Đại hội | Thực hiện 2020 | Thực hiện 2024 | Ước 2025 \
| So sánh giai đoạn 2021-2024 | Đánh giá |
|---|---|---|---|---|---|---|---|---|
| I | KINH TẾ | | | | | | | |
| 1 | Tổng mức bán lẻ hàng hóa | Tỷ đồng | 17-19%/năm | 2.796 | 5.164 | 6.150 | 116,80 | Đạt |
| | Trong đó: Doanh thu bán lẻ | Tỷ đồng | | 1,677 | 2,696.5 | 3,484 | | |
| 2 | Tổng thu ngân sách | Tỷ đồng | 8-9%/năm | 98,1 | 87,3 | 126.0 | 97,20 | Không đạt |
| 3 | Vốn đầu tư XDCB | Tỷ đồng | Giai đoạn 2021 - 2025: 550-600 tỷ \
| Ước giai đoạn 2021 - 2025: 467 tỷ | | | | Không đạt |
| II | VĂN HÓA - XÃ HỘI | | | | | | | |
| 4 | Tỷ lệ người dân tham gia bảo hiểm y tế | % | >98% | 95 | 97,5 | 98,6 | | Đạt |
| 5 | Hoàn thành phổ cập giáo dục | | Trước năm 2023 | | Đạt | Đạt | | Đạt |
| 6 | Thu nhập bình quân đầu người | Triệu đồng | 1,4 - 1,5 lần | 60 | 77 | 85 | | Đạt |
| 7 | Số doanh nghiệp thành lập mới | Doanh nghiệp | 10-15 DN/năm | | 14 | 16 | | Đạt |

**Bảng 2. DANH SÁCH CÁC CÔNG TRÌNH**

| STT | Công trình | Địa điểm |
|---|---|---|
| 1 | Chợ An Đông | Khu phố 1 |
"""


@pytest.fixture(params=["pandoc", "libreoffice"])
def office(tmp_path, qtreport, request) -> Path:
    """The office's draft made by pandoc, or that draft saved again by LibreOffice."""
    require("pandoc")
    source = tmp_path / "du-thao.md"
    source.write_text(OFFICE, encoding="utf-8")
    draft = tmp_path / "du-thao.docx"
    subprocess.run(["pandoc", str(source), "-o", str(draft)], check=True, timeout=120)
    if request.param == "libreoffice":
        soffice = require("soffice")
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                        str(tmp_path / "lo-out"), str(draft)], capture_output=True,
                       check=True, timeout=300)
        draft = tmp_path / "lo-out" / "du-thao.docx"
    outcome = qtreport(tmp_path, "import", str(draft), "--into", "bao-cao")
    assert outcome.exit_code == 0, outcome.output
    assert "8 chỉ tiêu (indicators)" in outcome.output, outcome.output
    return tmp_path / "bao-cao"


def test_a_phu_luc_table_becomes_indicator_data(office):
    targets = yaml.safe_load((office / "data/targets_2020_2025.yaml").read_text("utf-8"))
    assert (targets["base_year"], targets["last_year"]) == (2020, 2025)
    [appendix] = targets["appendices"]
    economy, society = appendix["groups"]
    assert [g["title"] for g in appendix["groups"]] == ["KINH TẾ", "VĂN HÓA - XÃ HỘI"]
    retail, budget, capital = economy["indicators"]
    assert retail["target"] == {"kind": "growth", "text": "17-19%/năm", "min": 17, "max": 19}
    assert retail["stated"] == "Đạt"
    assert retail["official"]["growth_2024"]["value"] == 116.8  # as the draft states it
    assert retail["parts"][0]["name"] == "Trong đó: Doanh thu bán lẻ"
    assert capital["target"]["kind"] == "cumulative" and capital["target"]["min"] == 550
    assert capital["official"]["total"] == {"value": 467, "source": "Phụ lục 1 của dự thảo",
                                             "text": "Ước giai đoạn 2021 - 2025: 467 tỷ"}
    kinds = [(i["target"]["kind"], i["target"].get("min"), i["target"].get("strict"),
              i["target"].get("by")) for i in society["indicators"]]
    assert kinds == [("level", 98, True, None), ("deadline", None, None, 2022),
                     ("multiple", 1.4, None, None), ("average", 10, None, None)]
    year_2024 = yaml.safe_load((office / "data/actuals/2024.yaml").read_text("utf-8"))
    assert yaml.safe_load((office / "data/actuals/2025.yaml").read_text("utf-8"))["estimate"]
    values = year_2024["values"]
    # one table, three conventions: Vietnamese thousands, a decimal comma, an English row
    assert values[retail["id"]] == 5164 and values[budget["id"]] == 87.3
    assert values[retail["parts"][0]["id"]] == 2696.5
    assert yaml.safe_load((office / "data/actuals/2025.yaml").read_text("utf-8"))[
        "values"][budget["id"]] == 126.0
    deadline = society["indicators"][1]["id"]
    assert values[deadline] is True
    # the other table stays rows
    [rows] = list((office / "imported-tables").glob("*.yaml"))
    assert yaml.safe_load(rows.read_text("utf-8"))["rows"][1] == ["1", "Chợ An Đông",
                                                                  "Khu phố 1"]
    assert "Phụ lục 1: 8 indicators" in (office / "README.md").read_text("utf-8")


def test_the_imported_report_is_assessed_and_its_own_arithmetic_checked(office, qtreport):
    shown = qtreport(office, "indicators", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    assert "Tổng mức bán lẻ hàng hóa" in shown.output and "Không đạt" in shown.output
    checked = qtreport(office, "check", "--format", "json")
    findings = json.loads(checked.output)["findings"]
    assert not [f for f in findings if f["severity"] == "error"], findings
    pinned = [f["message_en"] for f in findings if f["code"] == "QT601"]
    assert any("116,80 differs from 116,58" in m for m in pinned), pinned
    assert qtreport(office, "build").exit_code == 0


@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False,
                   allow_infinity=False), st.integers(min_value=0, max_value=2))
def test_a_vietnamese_figure_reads_back_as_its_value(value, decimals):
    printed = format_number(value, decimals)
    read, _ = read_number(printed, [printed, "98,1"])  # a row that writes decimal commas
    shown = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)  # as printed
    assert read == pytest.approx(float(shown))


def test_targets_are_read_for_their_kind():
    assert read_target("Giảm 12-15 hộ/năm").kind == "average"
    assert (read_target("70-75").kind, read_target("70-75").max) == ("level", 75)
    assert read_target("Tốp 3").best == 3
    assert read_target("Xây dựng nông thôn mới kiểu mẫu").kind == "qualitative"
