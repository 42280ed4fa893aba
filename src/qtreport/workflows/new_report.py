"""`qtreport init DIR`: a new report to start from, for another committee and a term of the
user's choice; a political report at the end of the term, or a mid-term report ("sơ kết
giữa nhiệm kỳ") when its figures stand at an earlier year.

The files are the package's starter/ folder, their `$names` filled in (string.Template:
the YAML keeps its own `{…}` and `{{ … }}`). What it writes checks clean and builds.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

TERM_YEARS = 5  # a Party committee's term of office


class ScaffoldError(Exception):
    """The new report cannot be written where asked (said in plain words)."""


@dataclass(frozen=True, kw_only=True)
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


MAX_ISSUER_CHARS = 200


def check_issuer(issuer: str) -> str:
    """The issuer as the report writes it, on one line; ScaffoldError when there is none or
    it cannot be a committee's name."""
    words = " ".join(issuer.split())
    if not words:
        raise ScaffoldError("the issuer is empty: give the committee's name, e.g. --issuer "
                            "\"Đảng bộ phường Đông Lương\"")
    if any(not character.isprintable() for character in words):
        raise ScaffoldError("the issuer holds a control character or a line break: write "
                            "the committee's name on one line")
    if len(words) > MAX_ISSUER_CHARS:
        raise ScaffoldError(f"the issuer is {len(words)} characters long: a committee's name "
                            f"is well under {MAX_ISSUER_CHARS}")
    return words


def write_report(folder: Path, report: NewReport, force: bool = False) -> list[Path]:
    """Write the new report's files under `folder`; the files written, in order. Nothing
    is written over an existing file unless `force`."""
    if not report.base < report.as_of <= report.last:
        raise ScaffoldError(f"the figures must stand at a year after {report.base} and up to "
                            f"{report.last}, not {report.as_of}")
    check_issuer(report.issuer)
    fields = _fields(report)
    files = {folder / target: string.Template(_starter(source)).substitute(fields)
             for source, target in _files(report)}
    files.update(starter_templates(folder))
    files[folder / "templates/appendices/phu-luc-1.yaml"] = string.Template(
        _starter("templates/appendices/phu-luc-1.yaml")).substitute(fields)
    actuals = string.Template(_starter("data/actuals.yaml"))
    for year in range(report.base, report.as_of + 1):
        files[folder / "data" / "actuals" / f"{year}.yaml"] = \
            actuals.substitute({**fields, **_figures(report, year)})
    if not force:
        refuse_existing(list(files))
    return [_write(path, text) for path, text in files.items()]


def refuse_existing(paths: list[Path]) -> None:
    """ScaffoldError naming the files of `paths` that exist already (or whose place is
    taken by a folder or a link): a new report never writes over someone's file."""
    taken = [path for path in paths if path.exists() or path.is_symlink()]
    if taken:
        shown = ", ".join(str(path) for path in taken[:3]) + \
            (f" and {len(taken) - 3} more" if len(taken) > 3 else "")
        raise ScaffoldError(f"{shown} already exist{'s' if len(taken) == 1 else ''}: choose a "
                            "new folder, or add --force to write over them")


def starter_templates(folder: Path) -> dict[Path, str]:
    """The starter's style sheet and first-page block under `folder`/templates (a new
    report's, or one imported from Word)."""
    return {folder / "templates" / name: _starter(f"templates/{name}")
            for name in ("styles.yaml", "front-matter.yaml")}


def _starter(name: str) -> str:
    """A file of the package's starter/ folder."""
    return (resources.files("qtreport") / "starter" / name).read_text(encoding="utf-8")


def _write(path: Path, text: str) -> Path:
    from ..write import write_atomic

    write_atomic(path, text.encode("utf-8"))
    return path


def quoted(text: str) -> str:
    """`text` as a YAML scalar that reads back as exactly that text, whatever it holds
    (a JSON string is a YAML double-quoted scalar)."""
    return json.dumps(text, ensure_ascii=False)


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
    words = check_issuer(report.issuer)
    issuer = words.upper()  # the first page and the titles are in capitals
    mid = report.mid_term
    texts = _texts(report, issuer, term, next_term)
    return {
        **{name: quoted(text) for name, text in texts.items()},  # whole YAML values
        "issuer_text": issuer, "title_text": texts["title"],  # the README's first line
        "resolution": quoted(f"Nghị quyết Đại hội {words}, nhiệm kỳ {term}"),
        "term": term, "base": report.base,
        "last": report.last, "as_of": report.as_of, "first": report.base + 1,
        "indicator_file": report.indicator_file, "indicator_path": f"data/{report.indicator_file}",
        "congress_line": "" if mid else "congress: " + quoted(
            f"ĐẠI HỘI ĐẠI BIỂU {issuer}, NHIỆM KỲ {next_term}"),
        "part_1_opening": "Từ đầu nhiệm kỳ, Đảng bộ đã lãnh đạo thực hiện Nghị quyết Đại hội "
                          "và đạt được những kết quả quan trọng." if mid
        else "Trong nhiệm kỳ qua, Đảng bộ đã lãnh đạo thực hiện thắng lợi nhiều mục tiêu, "
             "nhiệm vụ mà Nghị quyết Đại hội đề ra.",
        "estimated_word": "ước đạt",
        "needed_clause": "; để đạt mục tiêu, những năm còn lại cần tăng bình quân "
                         "{{ num(needed('gia-tri-san-xuat'), 2) }}%/năm" if mid else "",
        "tally_sentence": "Đến năm {{ as_of() }}, {{ achieved() }}/{{ counted() }} chỉ tiêu chủ "
                          "yếu đạt và vượt tiến độ." if mid
        else "Có {{ achieved() }}/{{ counted() }} chỉ tiêu chủ yếu đạt và vượt.",
        "as_of_line": f"as_of: {report.as_of}  # số liệu đến năm này; nhiệm kỳ đến năm "
                      f"{report.last}" if mid else "",
        "needed_column": "  - {header: [Cần đạt những năm còn lại], show: needed, width_mm: 26}\n"
        if mid else "",
    }


def _texts(report: NewReport, issuer: str, term: str, next_term: str) -> dict[str, str]:
    """The starter's YAML values that are the issuer's or the term's words."""
    mid = report.mid_term
    return {
        "issuer": issuer,
        "title": "BÁO CÁO SƠ KẾT GIỮA NHIỆM KỲ" if mid else "BÁO CÁO CHÍNH TRỊ",
        "subtitle": f"TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI {issuer} NHIỆM KỲ {term}" if mid
        else f"CỦA BAN CHẤP HÀNH {issuer} TẠI ĐẠI HỘI ĐẠI BIỂU {issuer}, NHIỆM KỲ {next_term}",
        "keywords": f"báo cáo sơ kết giữa nhiệm kỳ; nhiệm kỳ {term}" if mid
        else f"báo cáo chính trị; đại hội đảng bộ; nhiệm kỳ {next_term}",
        "part_1_title": f"KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ {term} TỪ ĐẦU NHIỆM KỲ "
                        f"ĐẾN NĂM {report.as_of}" if mid
        else f"ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI NHIỆM KỲ {term}",
        "part_2_title": f"NHIỆM VỤ, GIẢI PHÁP NHỮNG NĂM CÒN LẠI CỦA NHIỆM KỲ {term}" if mid
        else f"PHƯƠNG HƯỚNG, MỤC TIÊU, NHIỆM VỤ NHIỆM KỲ {next_term}",
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
