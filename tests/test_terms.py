"""Terms: the indicator file is whatever data/report.yaml names; the next resolution's targets
as data; a term in progress; a new report from scratch."""

from __future__ import annotations

import json
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
    (data / "targets_2025_2030.yaml").write_text(
        "resolution: Nghị quyết khóa VIII\nbase_year: 2025\nlast_year: 2030\n", encoding="utf-8")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    hit, = [f for f in _findings(outcome) if f["code"] == "QT102"]
    assert outcome.exit_code == 1 and hit["file"] == "data/report.yaml"
    assert "targets_2020_2025.yaml, targets_2025_2030.yaml" in hit["message_en"]
    assert "indicators: targets_2020_2025.yaml" in hit["hint"]


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
