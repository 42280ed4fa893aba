"""Every rule of rules.py, as ruff tests its rules: an example input that breaks it, reported
with the severity the rule states; the catalogue in step with the code, the docs and
`--explain`. Each example runs on its own small report, so the order tests run in does not
matter."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, MiniRepo
from qtreport.rules import RULES, markdown

# -- a small report with indicator data, for the indicator rules -----------------------------

TARGETS = """\
resolution: Nghị quyết mẫu
base_year: 2020
last_year: 2022
appendices:
  - title: CHỈ TIÊU MẪU
    layout: mau
    indicators:
      - id: doanh-thu
        name: Doanh thu
        unit: Tỷ đồng
        target: {kind: growth, text: "10%/năm", min: 10}
        stated: Đạt
        sum_of_parts: true
        parts:
          - id: doanh-thu-dich-vu
            name: "Trong đó: dịch vụ"
          - id: doanh-thu-khac
            name: "Trong đó: khác"
      - id: ty-le
        name: Tỷ lệ che phủ
        unit: "%"
        target: {kind: level, text: "≥ 50%", min: 50}
"""

LAYOUT = """\
heading: "Phụ lục {number}. {title}"
subheading: "{resolution}"
columns:
  - {header: [STT], show: number, width_mm: 12}
  - {header: [Chỉ tiêu], show: name, width_mm: 60, align: left}
  - {header: [ĐVT], show: unit, width_mm: 20}
  - {header: [Mục tiêu], show: target, width_mm: 25}
  - {header: [Thực hiện, "2020"], show: "actual:2020", width_mm: 20}
  - {header: [Thực hiện, "2022"], show: "actual:2022", width_mm: 20}
  - {header: [Tăng bình quân], show: "figure:growth_2022", width_mm: 25}
  - {header: [Đánh giá], show: assessment, width_mm: 20}
"""

FIGURES = {2020: (100, 60, 40, 45), 2021: (115, 70, 45, 48), 2022: (130, 80, 50, 52)}


def with_indicators(repo: MiniRepo) -> MiniRepo:
    repo.write("data/targets_2020_2025.yaml", TARGETS)
    repo.write("templates/appendices/mau.yaml", LAYOUT)
    for old in ("phu-luc-1", "phu-luc-2"):
        (repo.root / "templates" / "appendices" / f"{old}.yaml").unlink()
    for year, (whole, service, other, share) in FIGURES.items():
        repo.write(f"data/actuals/{year}.yaml",
                   f"year: {year}\nvalues:\n  doanh-thu: {whole}\n"
                   f"  doanh-thu-dich-vu: {service}\n  doanh-thu-khac: {other}\n"
                   f"  ty-le: {share}\n")
    return repo


def in_text(words: str) -> Callable[[MiniRepo], None]:
    """An example: `words` in a paragraph of the report (a numbered item), quoted."""
    def edit(repo: MiniRepo) -> None:
        repo.edit("data/sections/kinh-te.yaml", "- Chỉ tiêu một.",
                  "- " + json.dumps(words, ensure_ascii=False))
    return edit


def section_file(text: str, name: str = "data/sections/kinh-te.yaml") -> Callable:
    """An example: a section file of the report written as `text`."""
    def edit(repo: MiniRepo) -> None:
        repo.write(name, text)
        if name != "data/sections/kinh-te.yaml":
            repo.edit("data/sections/phan-1.yaml", "- include: sections/kinh-te.yaml",
                      f"- include: sections/kinh-te.yaml\n      - include: "
                      f"{name.removeprefix('data/')}")
    return edit


def edit(path: str, old: str, new: str) -> Callable[[MiniRepo], None]:
    return lambda repo: repo.edit(path, old, new)


def indicators(path: str = "", old: str = "", new: str = "") -> Callable[[MiniRepo], None]:
    """An example on the report with indicator data, one file edited (if any)."""
    def change(repo: MiniRepo) -> None:
        with_indicators(repo)
        if path:
            repo.edit(path, old, new)
    return change


def typed_figure(repo: MiniRepo, figure: str) -> None:
    """An example: a figure typed where the data's doanh-thu of 2022 is named."""
    with_indicators(repo)
    repo.edit("data/targets_2020_2025.yaml", "name: Doanh thu\n",
              "name: Doanh thu dịch vụ thương mại\n")
    repo.edit("data/sections/kinh-te.yaml", "Thương mại phát triển[^thuong-mai].",
              f"Doanh thu dịch vụ thương mại năm 2022 đạt {figure} tỷ đồng[^thuong-mai].")


def outside_link(repo: MiniRepo) -> None:
    outside = repo.root.parent / f"{repo.root.name}-ngoai.yaml"
    outside.write_text("title: Bí mật\n", encoding="utf-8")
    os.symlink(outside, repo.root / "data" / "sections" / "lien-ket.yaml")


def unwritable_output(repo: MiniRepo) -> None:
    (repo.root / "build").write_text("a file where the output folder should be")


REGISTER = """\
round: vong-1
entries:
  - id: gy-0000000001
    unit: Chi bộ 1
    kind: comment
    passage: Một đoạn đã xóa khỏi dự thảo
    comment: Góp ý.
    anchor: {anchor}
    status: {status}
"""


def register(status: str, anchor: str = "p-0000000000") -> Callable[[MiniRepo], None]:
    """An example: a register of the comment round with one entry."""
    return lambda repo: repo.write("feedback/vong-1.yaml",
                                   REGISTER.format(status=status, anchor=anchor))


def built_draft(repo: MiniRepo) -> Path:
    from qtreport.pipeline import Paths, build

    result = build(Paths.at(repo.root))
    assert result.output is not None
    return result.output


def returned(kind: str) -> Callable[[MiniRepo], None]:
    """An example: a file given to `feedback add` as returned.docx."""
    def make(repo: MiniRepo) -> None:
        import docx

        target = repo.root / "returned.docx"
        if kind == "not-a-docx":
            target.write_text("không phải Word", encoding="utf-8")
        elif kind == "another-document":
            other = docx.Document()
            paragraph = other.add_paragraph("Một văn bản khác.")
            other.add_comment(paragraph.runs, text="?", author="Ai đó")
            other.save(str(target))
        elif kind in ("no-comments", "edited-meanwhile"):
            shutil.copyfile(built_draft(repo), target)
        elif kind in ("stamp", "register-full"):
            from returned_copies import comment

            comment(built_draft(repo), target, "Thương mại phát triển", "Góp ý.", "Chi bộ 1")
        else:  # a comment on a paragraph, which is then rewritten wholly
            from returned_copies import comment

            comment(built_draft(repo), target, "Thương mại phát triển", "Góp ý.", "Chi bộ 1")
            repo.edit("data/sections/kinh-te.yaml", "Thương mại phát triển",
                      "Hoạt động buôn bán có nhiều khởi sắc")
            if kind == "register-not-last":
                repo.write("feedback/vong-1.yaml", "entries: []\nround: vong-1\n")
        if kind == "stamp":  # a copy of an "older" draft whose commit is no commit
            from hostile_copies import with_property

            with_property(target, target, "qtreport-sources", "0123456789abcdef")
            with_property(target, target, "qtreport-commit", "--output=data/report.yaml")
        elif kind == "register-full":
            text = REGISTER.format(status="chưa xử lý", anchor="p-0000000000")
            repo.write("feedback/vong-1.yaml",  # just under what check reads
                       text + "# " + "x" * (1_999_990 - len(text.encode())) + "\n")
        elif kind == "edited-meanwhile":
            from returned_copies import track_change

            track_change(built_draft(repo), target, "Thương mại phát triển",
                         "Thương mại phát triển mạnh", "Chi bộ 1")
    return make


def saved_meanwhile(monkeypatch, repo: MiniRepo) -> None:
    """An editor saves kinh-te.yaml while `feedback apply` checks its edits."""
    import qtreport.workflows.comment_round as pipeline

    checked = pipeline._still_checks

    def save(*args, **kwargs):
        ok = checked(*args, **kwargs)
        repo.edit("data/sections/kinh-te.yaml", "title: Thương mại", "title: Thương mại (sửa)")
        return ok

    monkeypatch.setattr(pipeline, "_still_checks", save)


ADD = ("feedback", "add", "returned.docx", "--findings", "json")
IMPORT = ("import", "word.docx", "--into", "moi", "--findings", "json")


def word_file(kind: str) -> Callable[[MiniRepo], None]:
    """An example: a file given to `import` as word.docx."""
    def make(repo: MiniRepo) -> None:
        import docx

        target = repo.root / "word.docx"
        if kind == "not-a-docx":
            target.write_text("không phải Word", encoding="utf-8")
            return
        document = docx.Document()
        for text in ("ĐẢNG BỘ XÃ MẪU", "BÁO CÁO CHÍNH TRỊ", "PHẦN THỨ NHẤT KẾT QUẢ",
                     "I. KINH TẾ", "Kinh tế phát triển.",
                     "III. XÃ HỘI" if kind == "skip" else "II. XÃ HỘI", "Xã hội ổn định."):
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = text.isupper() or text[:2] in ("I.", "II")
        if kind == "empty-heading":
            document.add_paragraph("", style="Heading 2").add_run("   ")
            document.add_paragraph().add_run("III.").bold = True
        document.save(str(target))
    return make

DEEP = "title: Thương mại\n    sections:\n      - title: Sâu\n        sections:\n" \
       "          - title: Sâu hơn\n            sections:\n              - title: Quá sâu"

CHECK = ("check", "--format", "json")
BUILD = ("build", "--findings", "json")

# code -> (how to break the rule, the command that reports it)
EXAMPLES: dict[str, tuple[Callable[[MiniRepo], None], tuple[str, ...]]] = {
    "QT001": (lambda repo: (repo.root / "data/sections/thu-muc.yaml").mkdir(), CHECK),
    "QT002": (lambda repo: repo.write_bytes("data/sections/x.yaml", b"title: \xff\n"), CHECK),
    "QT003": (section_file("title: A\nbody:\n\t- x\n"), CHECK),
    "QT004": (section_file("title: [unclosed\n"), CHECK),
    "QT005": (section_file("title: A\ntitle: B\n"), CHECK),
    "QT006": (section_file("title: &t A\nbody:\n  - *t\n"), CHECK),
    "QT007": (section_file("title: !custom A\n"), CHECK),
    "QT008": (section_file("# nothing but a comment\n"), CHECK),
    "QT009": (section_file("title: A\nbody: " + "[" * 45 + "]" * 45 + "\n"), CHECK),
    "QT011": (outside_link, CHECK),
    "QT012": (section_file("# " + "x" * 2_100_000 + "\n"), CHECK),
    "QT101": (edit("data/sections/kinh-te.yaml", "sections:", "sectons:"), CHECK),
    "QT102": (edit("data/sections/kinh-te.yaml", "title: Phát triển kinh tế\n", ""), CHECK),
    "QT103": (edit("data/sections/kinh-te.yaml", "title: Phát triển kinh tế",
                   "title: [Phát triển, kinh tế]"), CHECK),
    "QT104": (edit("data/sections/phan-2.yaml", 'style: "(1)."', 'style: "(a)"'), CHECK),
    "QT108": (edit("templates/styles.yaml", "  Heading3:", "  Heading3x:"), CHECK),
    "QT110": (edit("data/report.yaml", "sections/phan-2.yaml", "sections/phan-hai.yaml"),
              CHECK),
    "QT111": (edit("data/sections/phan-1.yaml", "sections/kinh-te.yaml", "../kinh-te.yaml"),
              CHECK),
    "QT112": (edit("data/sections/phan-1.yaml", "- include: sections/kinh-te.yaml",
                   "- include: sections/kinh-te.yaml\n      - include: sections/kinh-te.yaml"),
              CHECK),
    "QT113": (lambda repo: repo.write("data/sections/mo-coi.yaml", "title: Mồ côi\n"), CHECK),
    "QT120": (edit("data/sections/kinh-te.yaml", "title: Thương mại", DEEP), CHECK),
    "QT201": (in_text("Chỉ tiêu một[^khong-co]."), CHECK),
    "QT202": (edit("data/sections/kinh-te.yaml", "footnotes:\n",
                   "footnotes:\n  thua: Chú thích thừa.\n"), CHECK),
    "QT203": (edit("data/sections/ket.yaml", "footnotes:\n", "footnotes:\n  gtsx: Lặp.\n"),
              CHECK),
    "QT204": (in_text("Chỉ tiêu một[^gtsx]."), CHECK),
    "QT205": (in_text("Chỉ tiêu một[^Sai Ma]."), CHECK),
    "QT206": (edit("data/sections/kinh-te.yaml", "title: Thương mại", "title: Thương mại[^x]"),
              CHECK),
    "QT207": (edit("data/sections/kinh-te.yaml", "tỷ đồng[^gtsx].",
                   "tỷ đồng{% if false %}[^gtsx]{% endif %}."), CHECK),
    "QT301": (in_text("{{ num( }}"), CHECK),
    "QT302": (in_text("{{ khong_co }}"), CHECK),
    "QT303": (in_text("{{ ''.__class__ }}"), CHECK),
    "QT304": (in_text("{{ 1 / 0 }}"), CHECK),
    "QT305": (in_text("{{ achieved() }}"), CHECK),
    "QT310": (in_text("Chỉ tiêu **một."), CHECK),
    "QT401": (unwritable_output, BUILD),
    "QT402": (lambda repo: None, ("build", "--pdf", "--findings", "json")),
    "QT501": (indicators("data/targets_2020_2025.yaml", "id: ty-le", "id: doanh-thu"), CHECK),
    "QT502": (indicators("data/actuals/2021.yaml", "year: 2021", "year: 2023"), CHECK),
    "QT503": (lambda repo: (with_indicators(repo).root / "data/actuals/2021.yaml").unlink(),
              CHECK),
    "QT504": (indicators("data/actuals/2021.yaml", "  ty-le: 48\n", ""), CHECK),
    "QT505": (indicators("data/actuals/2021.yaml", "ty-le:", "ty-lee:"), CHECK),
    "QT506": (indicators("data/targets_2020_2025.yaml", "layout: mau", "layout: khong-co"),
              CHECK),
    "QT507": (indicators("templates/appendices/mau.yaml", "show: unit", "show: units"), CHECK),
    "QT508": (indicators("data/actuals/2022.yaml", "doanh-thu: 130", "doanh-thu: 1.300"),
              CHECK),
    "QT509": (edit("data/sections/phan-2.yaml", "- items: [Một., Hai.]",
                   "- items_from: chi-tieu-kinh-te"), CHECK),
    "QT510": (indicators("templates/appendices/mau.yaml", 'show: "actual:2020"',
                         'show: "actual:2019"'), CHECK),
    "QT901": (word_file("not-a-docx"), IMPORT),
    "QT902": (word_file("skip"), IMPORT),
    "QT903": (word_file("empty-heading"), IMPORT),
    "QT511": (lambda repo: with_indicators(repo).write(
        "data/actuals/2019.yaml", "year: 2019\nvalues:\n  doanh-thu: 90\n"), CHECK),
    "QT604": (lambda repo: typed_figure(repo, "999"), CHECK),
    "QT605": (lambda repo: typed_figure(repo, "130"), CHECK),
    "QT601": (indicators("data/targets_2020_2025.yaml", "        stated: Đạt",
                         "        stated: Đạt\n        official:\n"
                         "          growth_2022: {value: 120.5, source: Cục Thống kê}"),
              CHECK),
    "QT602": (indicators("data/targets_2020_2025.yaml", "min: 50}", "min: 60}\n"
                         "        stated: Đạt"), CHECK),
    "QT603": (indicators("data/actuals/2022.yaml", "doanh-thu-khac: 50", "doanh-thu-khac: 55"),
              CHECK),
    "QT701": (in_text("Chỉ tiêu ĐƢỢC."), CHECK),
    "QT702": (in_text("Chỉ tiêu t ch cực."), CHECK),
    "QT703": (in_text("Sự nghiêp."), CHECK),
    "QT704": (in_text("Chỉ\u200b tiêu."), CHECK),
    "QT705": (in_text("Chỉ  tiêu."), CHECK),
    "QT706": (in_text("Chỉ tiêu của của nó."), CHECK),
    "QT707": (in_text("Chỉ tiêu (một."), CHECK),
    "QT708": (in_text("Chỉ tiêu đạt 126.5 tỷ."), CHECK),
    "QT709": (edit("data/sections/kinh-te.yaml", "- Chỉ tiêu một.",
                   '- "Chỉ tiêu \\x01 một."'), CHECK),
    "QT801": (register("xong rồi"), CHECK),
    "QT802": (register("giải trình"), CHECK),
    "QT803": (register("tiếp thu"), CHECK),
    "QT810": (returned("not-a-docx"), ADD),
    "QT811": (returned("another-document"), ADD),
    "QT812": (returned("no-comments"), ADD),
    "QT813": (returned("unplaced"), ADD),
    "QT814": (returned("register-not-last"), ADD),
    "QT815": (returned("stamp"), ADD),
    "QT816": (returned("register-full"), ADD),
    "QT817": (returned("edited-meanwhile"), ("feedback", "apply", "returned.docx",
                                             "--findings", "json")),
    "QT818": (register("chưa xử lý"), ("feedback", "list", "--unit", "phường 9",
                                       "--findings", "json")),
    "QT820": (lambda repo: None, ("diff", "ban-khong-co", "--findings", "json")),
}


def test_every_rule_has_an_example():
    assert sorted(EXAMPLES) == sorted(RULES)


def test_the_indicator_example_is_clean(qtreport, mini):
    outcome = qtreport(with_indicators(mini).root, *CHECK)
    assert (outcome.exit_code, json.loads(outcome.output)["findings"]) == (0, [])


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_rule_is_reported_with_its_severity(code, qtreport, mini, monkeypatch):
    if code == "QT402":  # as on a machine without LibreOffice
        monkeypatch.setattr("shutil.which", lambda _name: None)
    if code == "QT817":
        saved_meanwhile(monkeypatch, mini)
    breaks, command = EXAMPLES[code]
    breaks(mini)
    outcome = qtreport(mini.root, *command)
    found = [f for f in json.loads(outcome.output)["findings"] if f["code"] == code]
    assert found, outcome.output[:2000]
    rule = RULES[code]
    assert {f["severity"] for f in found} == {rule.severity.value}
    assert all(f["file"] and f["line"] >= 1 and f["message"] and f["message_en"]
               for f in found)
    assert outcome.exit_code == (1 if rule.severity == "error" else 0)


# -- the catalogue --------------------------------------------------------------------------

def test_no_code_is_written_outside_the_catalogue():
    """Call sites report rule objects; a code string anywhere else would be a second
    definition that can drift."""
    for path in (REPO / "src" / "qtreport").rglob("*.py"):
        if path.name != "rules.py":
            assert not re.search(r"[\"']QT\d{3}[\"']", path.read_text(encoding="utf-8")), path


def test_codes_and_names_are_unique_and_well_formed():
    rules = list(RULES.values())
    assert len({r.name for r in rules}) == len(rules)
    assert all(re.fullmatch(r"QT\d{3}", r.code) and re.fullmatch(r"[a-z0-9-]+", r.name)
               and r.explanation and r.hint for r in rules)


def test_docs_are_written_from_the_catalogue():
    assert (REPO / "docs" / "findings.md").read_text(encoding="utf-8") == markdown()


def test_explain(qtreport, mini):
    outcome = qtreport(mini.root, "check", "--explain", "QT204")
    assert outcome.exit_code == 0 and "footnote referenced twice" in outcome.output
    assert "footnote-referenced-twice" in outcome.output
    assert qtreport(mini.root, "check", "--explain", "qt204").exit_code == 0
    assert qtreport(mini.root, "check", "--explain", "QT999").exit_code == 2


# -- where some rules point ------------------------------------------------------------------

def findings(qtreport, repo: MiniRepo) -> tuple[int, list[dict]]:
    outcome = qtreport(repo.root, *CHECK)
    return outcome.exit_code, json.loads(outcome.output)["findings"]


def test_link_outside_names_the_link(qtreport, mini):
    outside_link(mini)
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT011")
    assert code == 1 and hit["file"] == "data/sections/lien-ket.yaml"


def test_unknown_style_in_front_matter(qtreport, mini):
    mini.edit("templates/front-matter.yaml", "style: DocTitle", "style: DocTitel")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT108")
    assert code == 1 and hit["file"] == "templates/front-matter.yaml" and hit["line"] == 8
    assert "did you mean 'DocTitle'?" in hit["hint"]


def test_styles_the_document_needs(qtreport, mini):
    mini.edit("templates/styles.yaml", "  Heading3:", "  Heading3x:")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT108")
    assert code == 1 and hit["file"] == "templates/styles.yaml" and "Heading3" in hit["message_en"]


def test_footnote_in_a_heading_points_at_the_heading(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "title: Thương mại", "title: Thương mại[^x]")
    code, items = findings(qtreport, mini)
    assert code == 1 and next(f for f in items if f["code"] == "QT206")["line"] == 12


def test_unclosed_bold_is_a_warning_at_its_mark(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "**in đậm**", "**in đậm")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT310")
    line = mini.read("data/sections/kinh-te.yaml").splitlines()[5]
    assert code == 0 and (hit["line"], hit["column"], hit["severity"]) == \
        (6, line.index("**in") + 1, "warning")


def test_missing_layout_points_at_the_appendix(qtreport, frozen_repo):
    (frozen_repo / "templates" / "appendices" / "phu-luc-2.yaml").unlink()
    outcome = qtreport(frozen_repo, *CHECK)
    hit = next(f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT506")
    assert outcome.exit_code == 1 and hit["file"] == "data/targets_2020_2025.yaml"
