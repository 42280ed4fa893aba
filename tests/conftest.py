"""Shared fixtures: a small report written into a temporary repository, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from qtreport.cli import app

# Property and fuzz tests are derandomized in `make test` (the same examples on every run,
# so a landing never depends on luck) and keep no example database (a failure saved by an
# earlier run cannot fail a later one on good data). QTREPORT_FUZZ_RANDOM=1 explores new
# examples, with a database in .hypothesis/ to replay what it finds; a failure it finds
# becomes a fixed regression test.
settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
settings.register_profile("random", print_blob=True)
settings.load_profile("random" if os.environ.get("QTREPORT_FUZZ_RANDOM") else "fixed")

REPO = Path(__file__).resolve().parent.parent
# The report as it stood when the detailed tests were written (tests/fixtures/report/README.md):
# they assert on it, so that editors' changes to the live data/ never fail them.
FROZEN = REPO / "tests" / "fixtures" / "report"

REPORT_YAML = """\
issuer: ĐẢNG BỘ THỊ XÃ MẪU
title: BÁO CÁO CHÍNH TRỊ
marker: (Tài liệu gửi lấy ý kiến)
output: mau
parts:
  - sections/phan-1.yaml
  - sections/phan-2.yaml
closing: sections/ket.yaml
"""

PART_1 = """\
title: |-
  TÌNH HÌNH THỰC HIỆN
  NGHỊ QUYẾT
body:
  - >-
    Mở đầu phần một[^mo-dau].
sections:
  - title: KẾT QUẢ ĐẠT ĐƯỢC
    sections:
      - include: sections/kinh-te.yaml
footnotes:
  mo-dau: Chú thích mở đầu.
"""

ECONOMY = """\
title: Phát triển kinh tế
body:
  - >-
    Tổng giá trị sản xuất đạt {{ num(3033) }} tỷ đồng[^gtsx].
  - text: >-
      Đoạn có góp ý^[Chú thích viết tại chỗ.] và **in đậm**.
    remark: Cần kiểm tra lại số liệu.
  - items:
      - Chỉ tiêu một.
      - Chỉ tiêu hai[^chi-tieu-hai].
sections:
  - title: Thương mại
    body:
      - Thương mại phát triển[^thuong-mai].
footnotes:
  gtsx: "Dịch vụ: 1.957 tỷ đồng; CN – XD: 944 tỷ đồng."
  chi-tieu-hai: Chú thích của chỉ tiêu hai.
  thuong-mai:
    - "Kết quả:"
    - "- Siêu thị: 3."
    - "- Chợ: 5."
"""

PART_2 = """\
title: PHƯƠNG HƯỚNG NHIỆM KỲ 2025 - 2030
sections:
  - title: CÁC CHỈ TIÊU CHỦ YẾU
    sections:
      - title: Chỉ tiêu kinh tế
        body:
          - items: [Một., Hai.]
            style: "(1)."
      - title: Chỉ tiêu xây dựng Đảng
        body:
          - items: [Ba., Bốn.]
            style: "(1)."
            continue: true
"""

CLOSING = """\
body:
  - Đại hội kêu gọi toàn thể cán bộ, đảng viên và Nhân dân[^keu-goi].
footnotes:
  keu-goi: Lời kêu gọi.
"""


@dataclass
class MiniRepo:
    root: Path

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def write_bytes(self, rel: str, data: bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))


@pytest.fixture
def mini(tmp_path: Path) -> MiniRepo:
    repo = MiniRepo(tmp_path)
    repo.write("data/report.yaml", REPORT_YAML)
    repo.write("data/sections/phan-1.yaml", PART_1)
    repo.write("data/sections/kinh-te.yaml", ECONOMY)
    repo.write("data/sections/phan-2.yaml", PART_2)
    repo.write("data/sections/ket.yaml", CLOSING)
    shutil.copytree(FROZEN / "templates", tmp_path / "templates")
    return repo


@pytest.fixture
def frozen_repo(tmp_path: Path) -> Path:
    """A copy of the frozen report (data/ and templates/) to change in a test."""
    shutil.copytree(FROZEN / "data", tmp_path / "data")
    shutil.copytree(FROZEN / "templates", tmp_path / "templates")
    return tmp_path


@dataclass
class Outcome:
    exit_code: int
    output: str  # the standard output and error, as a terminal shows them
    stdout: str = ""  # the standard output alone


@pytest.fixture
def qtreport(monkeypatch):
    """Run the CLI in a folder, as a user would: `qtreport(repo.root, "check")`."""

    def run(cwd: Path, *args: str) -> Outcome:
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception  # a traceback is a bug: let pytest show it
        assert "Traceback" not in result.output
        return Outcome(result.exit_code, result.output, result.stdout)

    return run
