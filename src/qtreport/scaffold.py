"""`qtreport init DIR`: a new report to start from, for another committee and a term of the
user's choice; a political report at the end of the term, or a mid-term report ("sơ kết
giữa nhiệm kỳ") when its figures stand at an earlier year.

The files are the package's starter/ folder, their `$names` filled in (string.Template:
the YAML keeps its own `{…}` and `{{ … }}`). What it writes checks clean and builds.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

TERM_YEARS = 5  # a Party committee's term of office


class ScaffoldError(Exception):
    """The new report cannot be written where asked (said in plain words)."""


@dataclass(frozen=True)
class NewReport:
    issuer: str  # as the user writes it: "Đảng bộ phường Đông Lương"
    base: int  # the term reported on: from its base year …
    last: int  # … to its last
    as_of: int  # the year the figures stand at: `last`, or earlier for a mid-term report

    @property
    def mid_term(self) -> bool:
        return self.as_of < self.last

    @property
    def indicator_file(self) -> str:
        return f"targets_{self.base}_{self.last}.yaml"


def parse_term(text: str) -> tuple[int, int]:
    """'2025-2030' (or '2025 - 2030', '2025–2030') → (2025, 2030)."""
    pieces = [p.strip() for p in text.replace("–", "-").split("-")]
    if len(pieces) != 2 or not all(p.isdigit() and len(p) == 4 for p in pieces):
        raise ScaffoldError(f"'{text}' is not a term: write it as 2025-2030")
    first, last = int(pieces[0]), int(pieces[1])
    if not 0 < last - first <= 20:
        raise ScaffoldError(f"'{text}' is not a term of office: the last year comes 1 to 20 "
                            "years after the first")
    return first, last


def write_report(folder: Path, report: NewReport, force: bool = False) -> list[Path]:
    """Write the new report's files under `folder`; the files written, in order."""
    if not report.base < report.as_of <= report.last:
        raise ScaffoldError(f"the figures must stand at a year after {report.base} and up to "
                            f"{report.last}, not {report.as_of}")
    if (folder / "data").exists() and not force:
        raise ScaffoldError(f"{folder / 'data'} already exists: choose a new folder, or add "
                            "--force to write over it")
    fields = _fields(report)
    def filled(source: str, target: str) -> Path:
        return _write(folder / target, string.Template(_starter(source)).substitute(fields))

    written = [filled(source, target) for source, target in _files(report)]
    written += write_templates(folder)
    written.append(filled("templates/appendices/phu-luc-1.yaml",
                          "templates/appendices/phu-luc-1.yaml"))
    actuals = string.Template(_starter("data/actuals.yaml"))
    written += [_write(folder / "data" / "actuals" / f"{year}.yaml",
                       actuals.substitute({**fields, **_figures(report, year)}))
                for year in range(report.base, report.as_of + 1)]
    return written


def write_templates(folder: Path) -> list[Path]:
    """The starter's style sheet and first-page block under `folder`/templates (a new
    report's, or one imported from Word)."""
    return [_write(folder / "templates" / name, _starter(f"templates/{name}"))
            for name in ("styles.yaml", "front-matter.yaml")]


def _starter(name: str) -> str:
    """A file of the package's starter/ folder."""
    return (resources.files("qtreport") / "starter" / name).read_text(encoding="utf-8")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _files(report: NewReport) -> list[tuple[str, str]]:
    """The starter's files of the report's own (under starter/), and where each goes."""
    return [("README.md", "README.md"), ("github/check.yml", ".github/workflows/check.yml"),
            ("data/report.yaml", "data/report.yaml"),
            ("data/sections/phan-1.yaml", "data/sections/phan-1.yaml"),
            ("data/sections/phan-2.yaml", "data/sections/phan-2.yaml"),
            ("data/targets.yaml", f"data/{report.indicator_file}")]


def _fields(report: NewReport) -> dict[str, object]:
    """What the starter files' `$names` stand for."""
    term = f"{report.base} - {report.last}"
    next_term = f"{report.last} - {report.last + TERM_YEARS}"
    words = " ".join(report.issuer.split())
    issuer = words.upper()  # the first page and the titles are in capitals
    mid = report.mid_term
    return {
        "issuer": issuer, "issuer_words": words, "term": term, "base": report.base,
        "last": report.last, "as_of": report.as_of, "first": report.base + 1,
        "indicator_file": report.indicator_file, "indicator_path": f"data/{report.indicator_file}",
        "title": "BÁO CÁO SƠ KẾT GIỮA NHIỆM KỲ" if mid else "BÁO CÁO CHÍNH TRỊ",
        "subtitle": f"TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI {issuer} NHIỆM KỲ {term}" if mid
        else f"CỦA BAN CHẤP HÀNH {issuer} TẠI ĐẠI HỘI ĐẠI BIỂU {issuer}, NHIỆM KỲ {next_term}",
        "congress_line": "" if mid else f"congress: ĐẠI HỘI ĐẠI BIỂU {issuer}, NHIỆM KỲ "
                                        f"{next_term}",
        "keywords": f"báo cáo sơ kết giữa nhiệm kỳ; nhiệm kỳ {term}" if mid
        else f"báo cáo chính trị; đại hội đảng bộ; nhiệm kỳ {next_term}",
        "part_1_title": f"KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ {term} TỪ ĐẦU NHIỆM KỲ "
                        f"ĐẾN NĂM {report.as_of}" if mid
        else f"ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ {term}",
        "part_1_opening": "Từ đầu nhiệm kỳ, Đảng bộ đã lãnh đạo thực hiện Nghị quyết Đại hội "
                          "và đạt được những kết quả quan trọng." if mid
        else "Trong nhiệm kỳ qua, Đảng bộ đã lãnh đạo thực hiện thắng lợi nhiều mục tiêu, "
             "nhiệm vụ mà Nghị quyết Đại hội đề ra.",
        "part_2_title": f"NHIỆM VỤ, GIẢI PHÁP NHỮNG NĂM CÒN LẠI CỦA NHIỆM KỲ {term}" if mid
        else f"PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ {next_term}",
        "estimated_word": "ước đạt",
        "needed_clause": "; để đạt mục tiêu, những năm còn lại cần tăng bình quân "
                         "{{ num(needed('gia-tri-san-xuat'), 2) }}%/năm" if mid else "",
        "tally_sentence": "Đến năm {{ as_of() }}, {{ achieved() }}/{{ counted() }} chỉ tiêu chủ "
                          "yếu đạt và vượt tiến độ." if mid
        else "Có {{ achieved() }}/{{ counted() }} chỉ tiêu chủ yếu đạt và vượt.",
        "as_of_line": f"as_of: {report.as_of}  # the figures stand here; the term runs to "
                      f"{report.last}" if mid else "",
        "needed_column": "  - {header: [Cần đạt những năm còn lại], show: needed, width_mm: 26}\n"
        if mid else "",
    }


def _figures(report: NewReport, year: int) -> dict[str, object]:
    """Example figures for `year`: a steady growth, a lagging one, a rising share, a count
    each year. Editors replace them with the real ones."""
    step = year - report.base
    return {"year": year, "estimate": str(year == report.as_of).lower(),
            "gia_tri_san_xuat": round(1000 * 1.085 ** step, 1),
            "thu_ngan_sach": round(100 * 1.069 ** step, 1),
            "bhyt": round(min(99.0, 90 + 1.5 * step), 1),
            "doanh_nghiep_moi": 9 + step % 3}
