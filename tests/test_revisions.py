"""Revisions: `qtreport diff` writes the newer draft with its changes tracked (accepting
them gives the newer text, rejecting them the older, a note added early marks that note
only); `qtreport feedback apply` writes reviewers' tracked edits of plain text into the YAML
and refuses, with where to change instead, those of computed text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import FROZEN
from docx_reading import require
from ooxml import assert_valid_docx
from returned_copies import track_change

ECONOMY = "data/sections/phan-1/kinh-te.yaml"
PART_ONE = "data/sections/phan-1.yaml"
ENV = {"GIT_AUTHOR_NAME": "Văn phòng", "GIT_AUTHOR_EMAIL": "vp@example.org",
       "GIT_COMMITTER_NAME": "Văn phòng", "GIT_COMMITTER_EMAIL": "vp@example.org",
       "GIT_COMMITTER_DATE": "2026-11-20T09:00:00+07:00", "PATH": "/usr/bin:/bin"}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env=ENV).stdout.strip()


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The frozen report committed, then a second draft committed: words changed, a note
    added in the first paragraph (every later note renumbered), a figure changed."""
    shutil.copytree(FROZEN / "data", tmp_path / "data")
    shutil.copytree(FROZEN / "templates", tmp_path / "templates")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data", "templates")
    git(tmp_path, "commit", "-q", "-m", "Dự thảo lần 1")
    edit(tmp_path, ECONOMY, "phục hồi, phát triển phục sau", "phục hồi nhanh, phát triển sau")
    edit(tmp_path, PART_ONE, "thứ VII đạt nhiều kết quả quan trọng.",
         "thứ VII đạt nhiều kết quả quan trọng[^mo-dau-moi].")
    path = tmp_path / PART_ONE
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") +
                    "\n  mo-dau-moi: Chú thích mới thêm ở đầu báo cáo.\n"
                    if "\nfootnotes:" in path.read_text(encoding="utf-8") else
                    path.read_text(encoding="utf-8") +
                    "footnotes:\n  mo-dau-moi: Chú thích mới thêm ở đầu báo cáo.\n",
                    encoding="utf-8")
    edit(tmp_path, "data/actuals/2025.yaml", "  ban-le: 6150", "  ban-le: 6200")
    git(tmp_path, "commit", "-q", "-am", "Dự thảo lần 2")
    return tmp_path


def pandoc_text(docx: Path, changes: str | None = None) -> str:
    require("pandoc")
    args = ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(docx)]
    if changes:
        args.insert(1, f"--track-changes={changes}")
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def build_at(qtreport, repo: Path, revision: str, out: Path) -> Path:
    folder = out / revision.replace("~", "-")
    subprocess.run(f"git -C {repo} archive {revision} data templates | tar -x -C {folder}",
                   shell=True, check=True, env=ENV) if folder.mkdir(parents=True) is None \
        else None
    outcome = qtreport(folder, "build")
    assert outcome.exit_code == 0, outcome.output
    return folder / "build" / "bao-cao-chinh-tri.docx"


def test_diff_tracks_every_change_and_only_those(qtreport, repo, tmp_path):
    outcome = qtreport(repo, "diff", "HEAD~1", "HEAD")
    assert outcome.exit_code == 0, outcome.output
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    old = build_at(qtreport, repo, "HEAD~1", tmp_path / "builds")
    new = build_at(qtreport, repo, "HEAD", tmp_path / "builds")
    assert pandoc_text(compared, "accept") == pandoc_text(new)
    assert pandoc_text(compared, "reject") == pandoc_text(old)
    with zipfile.ZipFile(compared) as package:
        document = package.read("word/document.xml").decode()
        notes = package.read("word/footnotes.xml").decode()
    inserted = re.findall(r"<w:ins [^>]*>(.*?)</w:ins>", document, re.S)
    assert sum("footnoteReference" in chunk for chunk in inserted) == 1  # the new note only
    deleted = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", document)
    assert " phục" in deleted  # word by word: "phục hồi, phát triển phục sau" lost a word
    assert 'w:author="qtreport"' in document and 'w:date="2026-11-20T02:00:00Z"' in document
    assert notes.count("<w:ins ") == 1  # the new note's words, nothing in the others
    assert_valid_docx(compared)
    assert "6.150" in outcome.output and "6.200" in outcome.output  # the figure, old → new
    assert "Chú thích (notes): 1 thêm, 0 bỏ, 0 sửa, 0 chuyển chỗ" in outcome.output
    before = compared.read_bytes()
    assert qtreport(repo, "diff", "HEAD~1", "HEAD").exit_code == 0
    assert compared.read_bytes() == before  # the same drafts, the same bytes


def test_diff_of_folders_and_of_the_working_tree(qtreport, repo, tmp_path):
    older = tmp_path / "ban-cu"
    shutil.copytree(FROZEN, older)
    edit(repo, ECONOMY, "Covid - 19", "Covid-19")  # not committed
    outcome = qtreport(repo, "diff", str(older), "--author", "Văn phòng", "--date",
                       "2026-12-01T00:00:00Z")
    assert outcome.exit_code == 0, outcome.output
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    text = pandoc_text(compared, "accept")
    assert "Covid-19; hầu hết" in text and "phục hồi nhanh" in text
    with zipfile.ZipFile(compared) as package:
        assert 'w:author="Văn phòng"' in package.read("word/document.xml").decode()


def test_diff_of_a_draft_that_is_not_there(qtreport, repo):
    outcome = qtreport(repo, "diff", "khong-co-ban-nay")
    assert outcome.exit_code == 1 and "QT820" in outcome.output


def test_apply_writes_plain_edits_and_refuses_computed_ones(qtreport, repo, tmp_path):
    assert qtreport(repo, "build").exit_code == 0
    draft = repo / "build" / "bao-cao-chinh-tri.docx"
    copy = tmp_path / "mat-tran.docx"
    track_change(draft, copy, "phục hồi nhanh, phát triển", "phục hồi mạnh mẽ, phát triển",
                 "Lê Thị Bình")
    track_change(copy, copy, "3.033", "3.100", "Lê Thị Bình")
    before = (repo / ECONOMY).read_text(encoding="utf-8")
    dry = qtreport(repo, "feedback", "apply", str(copy), "--dry-run")
    assert dry.exit_code == 0 and "+    Nền kinh tế của thị xã phục hồi mạnh mẽ" in dry.output
    assert (repo / ECONOMY).read_text(encoding="utf-8") == before  # a dry run writes nothing
    outcome = qtreport(repo, "feedback", "apply", str(copy))
    assert outcome.exit_code == 0, outcome.output
    refused = outcome.output.split("Không ghi (not written)")[1]
    assert "«3.033» thành «3.100»" in refused  # a figure: where to change it instead
    assert "it comes from data/actuals/2025.yaml: gtsx" in refused
    after = (repo / ECONOMY).read_text(encoding="utf-8")
    changed = [line for line in difflib_lines(before, after)]
    assert changed and all(line.startswith("    ") for line in changed)  # only text lines
    assert after.count("\n") == before.count("\n")
    assert "{{ num(actual('gtsx', 2025)) }}" in after  # the template is untouched
    assert qtreport(repo, "check").exit_code == 0
    assert qtreport(repo, "build").exit_code == 0
    assert "phục hồi mạnh mẽ, phát triển" in pandoc_text(draft)


def difflib_lines(before: str, after: str) -> list[str]:
    import difflib

    return [line[1:] for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line.startswith(("+ ", "- "))]


def test_apply_from_the_register_once(qtreport, repo, tmp_path):
    assert qtreport(repo, "build").exit_code == 0
    copy = tmp_path / "doan-thanh-nien.docx"
    track_change(repo / "build" / "bao-cao-chinh-tri.docx", copy, "phục hồi nhanh",
                 "hồi phục nhanh", "Đoàn Thanh niên")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    register = repo / "feedback" / "vong-1.yaml"
    nothing = qtreport(repo, "feedback", "apply")
    assert "nothing to write" in nothing.output  # not taken in yet
    register.write_text(register.read_text(encoding="utf-8").replace(
        "status: chưa xử lý", "status: tiếp thu"), encoding="utf-8")
    outcome = qtreport(repo, "feedback", "apply")
    assert outcome.exit_code == 0, outcome.output
    assert "hồi phục nhanh, phát triển" in (repo / ECONOMY).read_text(encoding="utf-8")
    [entry] = yaml.safe_load(register.read_text(encoding="utf-8"))["entries"]
    assert entry["applied"] is True and entry["status"] == "tiếp thu"
    again = qtreport(repo, "feedback", "apply")
    assert "nothing to write" in again.output
    assert qtreport(repo, "check").exit_code == 0


def test_diff_of_whole_sections_and_paragraphs_added_and_taken_out(qtreport, repo, tmp_path):
    """A section with its paragraph and note put in, a paragraph with its five notes taken
    out, the headings after them renumbered: all tracked, the renumbering as numbers."""
    edit(repo, ECONOMY, "sections:\n  - title: >-\n      Thương mại",
         "sections:\n  - title: Mục mới chèn vào\n    body:\n      - Đoạn văn của mục mới"
         "[^moi-nua].\n    footnotes:\n      moi-nua: Chú thích của mục mới.\n"
         "  - title: >-\n      Thương mại")
    culture = repo / "data/sections/phan-1/van-hoa-xa-hoi.yaml"
    text = culture.read_text(encoding="utf-8")
    start = text.index("    body:\n      - >-\n") + len("    body:\n")
    end = text.index("\n      - ", start + 5) + 1
    for note in re.findall(r"\[\^([a-z0-9-]+)\]", text[start:end]):
        found = re.search(r"\n  " + re.escape(note) + r":.*?(?=\n  [a-z0-9-]+:|\Z)", text, re.S)
        assert found
        text = text[:found.start()] + text[found.end():]
    culture.write_text(text[:start] + text[end:], encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Dự thảo lần 3")
    outcome = qtreport(repo, "diff", "HEAD~1", "HEAD")
    assert outcome.exit_code == 0, outcome.output
    assert "Chú thích (notes): 1 thêm, 5 bỏ, 0 sửa, 0 chuyển chỗ" in outcome.output
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    old = build_at(qtreport, repo, "HEAD~1", tmp_path / "builds")
    new = build_at(qtreport, repo, "HEAD", tmp_path / "builds")

    def words(text: str) -> str:
        # pandoc 2.17, taking a whole paragraph back, keeps a space before the text of the
        # first note after it; Word does not. The words are compared.
        return " ".join(text.split())

    assert words(pandoc_text(compared, "accept")) == words(pandoc_text(new))
    assert words(pandoc_text(compared, "reject")) == words(pandoc_text(old))
    with zipfile.ZipFile(compared) as package:
        document = package.read("word/document.xml").decode()
    assert document.count("<w:rPr><w:ins ") >= 2 and document.count("<w:rPr><w:del ") >= 1
    assert_valid_docx(compared)


# -- moves, figures, the summary ----------------------------------------------------------------

def swap(root: Path, name: str, first: str, second: str, end: str) -> None:
    """The YAML from `first` up to `second` and from `second` up to `end` swapped."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    a, b, c = text.index(first), text.index(second), text.index(end)
    path.write_text(text[:a] + text[b:c] + text[a:b] + text[c:], encoding="utf-8")


def move_ranges(document: str) -> dict[str, list[tuple[str, str]]]:
    """Each move's name → the kinds of range with that name and their ids."""
    ranges: dict[str, list[tuple[str, str]]] = {}
    for kind, number, name in re.findall(
            r'<w:(moveFrom|moveTo)RangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"', document):
        ranges.setdefault(name, []).append((kind, number))
        assert f'<w:{kind}RangeEnd w:id="{number}"/>' in document  # every range closed
    return ranges


def words(text: str) -> str:
    # pandoc 2.17, taking a whole paragraph back, keeps a space before the text of the
    # first note after it; Word does not. The words are compared.
    return " ".join(text.split())


def test_a_paragraph_moved_with_its_six_notes_is_a_tracked_move(qtreport, repo, tmp_path):
    swap(repo, ECONOMY, "      - >-\n        Công tác hỗ trợ các doanh nghiệp",
         "      - >-\n        Phát triển du lịch được quan tâm",
         "  - title: Sản xuất công nghiệp")
    git(repo, "commit", "-q", "-am", "Dự thảo lần 3: đoạn du lịch lên trước")
    outcome = qtreport(repo, "diff", "HEAD~1", "HEAD")
    assert outcome.exit_code == 0, outcome.output
    assert "Đoạn văn (paragraphs): 0 thêm, 0 bỏ, 0 sửa, 1 chuyển chỗ" in outcome.output
    assert "Chú thích (notes): 0 thêm, 0 bỏ, 0 sửa, 6 chuyển chỗ" in outcome.output
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    with zipfile.ZipFile(compared) as package:
        document = package.read("word/document.xml").decode()
    assert "<w:ins " not in document and "<w:del " not in document  # a move, nothing else
    [ends] = move_ranges(document).values()
    assert sorted(kind for kind, _ in ends) == ["moveFrom", "moveTo"]
    moved_to = re.findall(r"<w:moveTo [^>]*>(.*?)</w:moveTo>", document, re.S)
    assert sum(chunk.count("footnoteReference") for chunk in moved_to) == 6
    assert_valid_docx(compared)
    old = build_at(qtreport, repo, "HEAD~1", tmp_path / "builds")
    new = build_at(qtreport, repo, "HEAD", tmp_path / "builds")
    assert words(pandoc_text(compared, "accept")) == words(pandoc_text(new))
    assert words(pandoc_text(compared, "reject")) == words(pandoc_text(old))


def test_a_section_moved_is_one_move_and_the_summary_shows_tallies_and_figures(
        qtreport, repo, tmp_path):
    """The industry section moved before the trade one, with a target changed so that one
    more target is reached: the move is one range at each end, the tally is the first line
    of the summary, and the sentences that print it are quoted with the figure."""
    swap(repo, ECONOMY, "  - title: >-\n      Thương mại", "  - title: Sản xuất công nghiệp",
         "  - title: Sản xuất nông nghiệp")
    edit(repo, "data/targets_2020_2025.yaml",
         '              text: "10-11%/năm"\n              min: 10\n              max: 11\n'
         '            stated: "Không đạt"',
         '              text: "6-7%/năm"\n              min: 6\n              max: 7\n'
         '            stated: "Đạt"')
    git(repo, "commit", "-q", "-am", "Dự thảo lần 3: mục công nghiệp lên trước")
    outcome = qtreport(repo, "diff", "HEAD~1", "HEAD")
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    assert lines[1].strip() == "Phụ lục 1: 13/18 → 14/18 chỉ tiêu đạt và vượt"
    assert "Chuyển chỗ (moved): 1 đoạn liền (passages)" in outcome.output
    assert "đã có 13/18 → 14/18 chỉ tiêu đạt và vượt kế hoạch" in outcome.output
    assert "Đánh giá: Không đạt → Đạt" in outcome.output
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    with zipfile.ZipFile(compared) as package:
        document = package.read("word/document.xml").decode()
    ranges = move_ranges(document)
    assert len(ranges) == 1 and sorted(k for k, _ in next(iter(ranges.values()))) == [
        "moveFrom", "moveTo"]
    # the tally's figure replaced whole
    assert re.search(r"<w:delText[^>]*>13/18</w:delText>", document)
    assert_valid_docx(compared)
    old = build_at(qtreport, repo, "HEAD~1", tmp_path / "builds")
    new = build_at(qtreport, repo, "HEAD", tmp_path / "builds")
    assert words(pandoc_text(compared, "accept")) == words(pandoc_text(new))
    assert words(pandoc_text(compared, "reject")) == words(pandoc_text(old))


def test_a_changed_figure_is_one_deletion_and_one_insertion(qtreport, repo):
    assert qtreport(repo, "diff", "HEAD~1", "HEAD").exit_code == 0
    compared = repo / "build" / "bao-cao-chinh-tri-so-sanh.docx"
    with zipfile.ZipFile(compared) as package:
        document = package.read("word/document.xml").decode()
    deleted = re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", document)
    inserted = [re.sub(r"<[^>]+>", "", chunk)
                for chunk in re.findall(r"<w:ins [^>]*>(.*?)</w:ins>", document, re.S)]
    assert "6.150" in deleted and "6.200" in inserted  # the cell: the whole figure
    assert "17,08%" in deleted and "17,27%" in inserted  # the prose's growth rate
    assert not any(re.fullmatch(r"\d{1,3}", piece) for piece in deleted + inserted)


def test_diff_as_markdown_is_a_job_summary(qtreport, repo):
    require("pandoc")
    outcome = qtreport(repo, "diff", "HEAD~1", "HEAD", "--format", "md")
    assert outcome.exit_code == 0, outcome.output
    markdown = outcome.stdout
    assert markdown.startswith("### So sánh hai bản dự thảo")
    assert "Đã ghi" not in markdown  # what was written goes to the standard error
    tree = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json"], input=markdown,
                                     capture_output=True, text=True, check=True).stdout)
    kinds = [block["t"] for block in tree["blocks"]]
    assert kinds.count("Table") == 2 and "BulletList" in kinds  # counts, figures; quotes
    # the sentence around its figure, the older struck out, the newer in bold
    assert "ước tăng ~~17,08%~~ → **17,27%**/năm" in markdown
    assert "| Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ | Thực hiện Ước 2025 | 6.150 | " \
        "6.200 |" in markdown
    strikeouts = [json.dumps(block) for block in tree["blocks"] if block["t"] == "BulletList"]
    assert any('"Strikeout"' in chunk and '"Strong"' in chunk for chunk in strikeouts)


def test_a_refused_figure_names_the_helper_that_printed_it(qtreport, repo, tmp_path):
    """"13/18": the 13 is achieved(1), the 18 counted(1), though counted(1) comes first in
    the paragraph."""
    assert qtreport(repo, "build").exit_code == 0
    copy = tmp_path / "chi-bo.docx"
    track_change(repo / "build" / "bao-cao-chinh-tri.docx", copy, "đã có 13/18",
                 "đã có 14/18", "Chi bộ 1")
    track_change(copy, copy, "trong tổng số 18", "trong tổng số 19", "Chi bộ 1")
    outcome = qtreport(repo, "feedback", "apply", str(copy), "--dry-run")
    refused = outcome.output.split("Không ghi (not written)")[1:]
    assert len(refused) == 2, outcome.output
    by_words = {("13" if "«đã có 13/18»" in r else "18"): r for r in refused}
    assert "{{ achieved(1) }}" in by_words["13"] and "counted" not in by_words["13"]
    assert "{{ counted(1) }}" in by_words["18"]


def test_a_word_style_edit_of_some_digits_of_a_cell_names_the_figure_it_changes():
    """Word tracks "6.150" → "6.200" as "15" out and "20" in: the refusal still names the
    whole figure and the year file it comes from."""
    from qtreport.compute.anchors import ROW, digest
    from qtreport.feedback.apply import Change, plan_changes
    from qtreport.pipeline import check_folder

    document = check_folder(FROZEN).document
    assert document is not None
    row = f"{ROW}-{digest('#ban-le')}"
    plan = plan_changes(document, lambda name: (FROZEN / name).read_text(encoding="utf-8"),
                        [Change(anchor=row, before="6.", old="15", new="20", label="Chi bộ")])
    [refusal] = plan.refused
    assert refusal.reason == "6.150 comes from data/actuals/2025.yaml: ban-le: change it there"
