"""The comment round, end to end: the draft carries its anchors and version; returned
copies (comments, replies, tracked changes, a copy of an older draft) go into the register
placed at the right YAML file and line; adding twice adds nothing; bad files are findings;
`check` reads the register; the synthesis table is a document Word accepts."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import FROZEN
from docx_reading import pandoc_json, require
from ooxml import assert_valid_docx
from qtreport.readers.returned_copy import read_copy
from registers import entries as register
from registers import line_of
from returned_copies import comment, comment_in_note, copy_of, reply, track_change

ECONOMY = "data/sections/phan-1/kinh-te.yaml"
SENTENCE = "Nền kinh tế của thị xã phục hồi"  # the first paragraph of kinh-te.yaml
NOTE_WORDS = "Kết quả cụ thể thể hiện"  # footnote 1


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env={"GIT_AUTHOR_NAME": "Văn phòng",
                                           "GIT_AUTHOR_EMAIL": "vp@example.org",
                                           "GIT_COMMITTER_NAME": "Văn phòng",
                                           "GIT_COMMITTER_EMAIL": "vp@example.org",
                                           "PATH": "/usr/bin:/bin"})
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The frozen report in a git repository, committed."""
    shutil.copytree(FROZEN / "data", tmp_path / "data")
    shutil.copytree(FROZEN / "templates", tmp_path / "templates")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data", "templates")
    git(tmp_path, "commit", "-q", "-m", "Dự thảo lần 1")
    return tmp_path


def build(qtreport, root: Path) -> Path:
    outcome = qtreport(root, "build")
    assert outcome.exit_code == 0, outcome.output
    return root / "build" / "bao-cao-chinh-tri.docx"






def test_the_draft_carries_its_version_and_anchors(qtreport, repo):
    draft = read_copy(build(qtreport, repo))
    assert draft.commit == git(repo, "rev-parse", "HEAD")
    assert draft.version and len(draft.version) == 16
    assert draft.bookmarks > 500 and draft.items == ()
    with zipfile.ZipFile(repo / "build" / "bao-cao-chinh-tri.docx") as package:
        document = package.read("word/document.xml").decode()
    assert 'w:name="_qt_h_' in document and 'w:name="_qt_r_' in document


def test_returned_copies_go_into_the_register_at_their_yaml_lines(qtreport, repo, tmp_path):
    draft = build(qtreport, repo)
    copies = tmp_path / "copies"
    copies.mkdir()
    first = copies / "chi-bo-1.docx"
    comment(draft, first, SENTENCE, "Nên nêu rõ giá so sánh.", "Nguyễn Văn An")
    comment_in_note(first, first, NOTE_WORDS, "Chú thích này nên bỏ.", "Nguyễn Văn An")
    second = copies / "mat-tran.docx"
    track_change(draft, second, "phục hồi, phát triển", "phục hồi và phát triển", "Lê Thị Bình")
    outcome = qtreport(repo, "feedback", "add", str(first), str(second), "--unit",
                       "Chi bộ khu phố 1")
    assert outcome.exit_code == 0, outcome.output
    entries = register(repo)
    assert [(e["kind"], e["unit"], e["author"]) for e in entries] == [
        ("comment", "Chi bộ khu phố 1", "Nguyễn Văn An"),
        ("comment", "Chi bộ khu phố 1", "Nguyễn Văn An"),
        ("replacement", "Chi bộ khu phố 1", "Lê Thị Bình")]
    body, note, change = entries
    assert (body["file"], body["line"]) == (ECONOMY, line_of(repo, ECONOMY, "Nền kinh tế"))
    assert body["section"].startswith("Phần thứ nhất, ") and "Phát triển kinh tế" in \
        body["section"]
    assert note["comment"] == "Chú thích này nên bỏ." and note["passage"].startswith(NOTE_WORDS)
    assert note["line"] == line_of(repo, note["file"], NOTE_WORDS)
    assert (change["old"], change["new"]) == ("phục hồi, phát triển", "phục hồi và phát triển")
    assert change["file"] == ECONOMY
    assert all(e["status"] == "chưa xử lý" and e["copy"] for e in entries)
    before = (repo / "feedback" / "vong-1.yaml").read_bytes()
    again = qtreport(repo, "feedback", "add", str(first), str(second))  # without --unit too
    assert again.exit_code == 0 and "3 đã có" in again.output
    assert (repo / "feedback" / "vong-1.yaml").read_bytes() == before
    assert qtreport(repo, "check").exit_code == 0


def test_a_reply_goes_with_its_comment(qtreport, repo, tmp_path):
    copy = tmp_path / "tra-loi.docx"
    comment(build(qtreport, repo), copy, SENTENCE, "Số liệu này lấy ở đâu?", "Chi bộ 3")
    reply(copy, copy, "Số liệu này lấy ở đâu?", "Theo Chi cục Thống kê.", "Văn phòng")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    [entry] = register(repo)
    assert entry["comment"] == "Số liệu này lấy ở đâu?"
    assert entry["replies"] == [{"author": "Văn phòng", "date": "2026-11-21",
                                 "text": "Theo Chi cục Thống kê."}]
    assert qtreport(repo, "feedback", "table").exit_code == 0
    import docx

    table = docx.Document(str(repo / "build" / "bao-cao-chinh-tri-tong-hop-gop-y.docx"))
    assert "— Văn phòng: Theo Chi cục Thống kê." in table.tables[0].rows[2].cells[2].text


def test_a_copy_of_an_older_draft_is_carried_to_where_its_passage_is_now(
        qtreport, repo, tmp_path):
    old_draft = build(qtreport, repo)
    copy = tmp_path / "cuu-chien-binh.docx"
    comment(old_draft, copy, SENTENCE, "Cần bổ sung số liệu năm 2025.", "Hội Cựu chiến binh")
    # the office edits that very paragraph and puts a new one before it, then commits
    path = repo / ECONOMY
    text = path.read_text(encoding="utf-8")
    text = text.replace("Nền kinh tế của thị xã phục hồi, phát triển",
                        "Nền kinh tế của thị xã phục hồi mạnh, phát triển", 1)
    text = text.replace("body:\n  - >-\n    Nền kinh tế",
                        "body:\n  - >-\n    Đoạn mở đầu mới của phần kinh tế.\n  - >-\n"
                        "    Nền kinh tế", 1)
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "Dự thảo lần 2")
    outcome = qtreport(repo, "feedback", "add", str(copy))
    assert outcome.exit_code == 0, outcome.output
    [entry] = register(repo)
    assert entry["unit"] == "Hội Cựu chiến binh"  # the comment's author, without --unit
    assert (entry["file"], entry["line"]) == (ECONOMY, line_of(repo, ECONOMY, "Nền kinh tế"))
    assert "carried" in entry and "unplaced" not in entry


def test_a_passage_edited_away_is_kept_unplaced_with_the_reason(qtreport, repo, tmp_path):
    old_draft = build(qtreport, repo)
    copy = tmp_path / "phu-nu.docx"
    comment(old_draft, copy, SENTENCE, "Đoạn này dài quá.", "Hội Phụ nữ")
    path = repo / ECONOMY
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - >-\n    Nền kinh tế"), text.index("\nsections:")
    path.write_text(text[:start] + "  - Kinh tế có nhiều chuyển biến[^kt-gtsx-2025-co-cau]."
                    + text[end:], encoding="utf-8")
    git(repo, "commit", "-qam", "Viết lại đoạn mở đầu")
    outcome = qtreport(repo, "feedback", "add", str(copy))
    assert outcome.exit_code == 0 and "QT813" in outcome.output
    [entry] = register(repo)
    assert "edited away" in entry["unplaced"] and "file" not in entry
    assert entry["passage"].startswith(SENTENCE)


def test_a_copy_saved_by_libreoffice_still_maps(qtreport, repo, tmp_path):
    """A reviewer who works in LibreOffice: the copy it saves keeps the version and the
    anchors, and renumbers the notes (a note is also known by its reference mark)."""
    soffice = require("soffice")
    draft = build(qtreport, repo)
    commented = tmp_path / "commented.docx"
    comment(draft, commented, SENTENCE, "Góp ý thân bài.", "Ban Tuyên giáo")
    track_change(commented, commented, "từng tiểu mục", "các mục", "Ban Tuyên giáo",
                 part="word/footnotes.xml")
    out = tmp_path / "lo"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(commented)], capture_output=True, check=True, timeout=300)
    outcome = qtreport(repo, "feedback", "add", str(out / "commented.docx"))
    assert outcome.exit_code == 0, outcome.output
    body, note = register(repo)
    assert (body["file"], body["line"]) == (ECONOMY, line_of(repo, ECONOMY, "Nền kinh tế"))
    assert (note["kind"], note["old"], note["new"]) == ("replacement", "từng tiểu mục", "các mục")
    assert note["line"] == line_of(repo, note["file"], NOTE_WORDS)


def test_bad_copies_are_findings_and_the_good_ones_still_count(qtreport, repo, tmp_path):
    draft = build(qtreport, repo)
    good = tmp_path / "good.docx"
    comment(draft, good, SENTENCE, "Một góp ý.", "Đoàn Thanh niên")
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải Word", encoding="utf-8")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(good.read_bytes()[:2000])
    protected = tmp_path / "mat-khau.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    other = tmp_path / "khac.docx"
    import docx

    foreign = docx.Document()
    paragraph = foreign.add_paragraph("Một văn bản khác hẳn.")
    foreign.add_comment(paragraph.runs, text="?", author="Ai đó")
    foreign.save(str(other))
    silent = copy_of(draft, tmp_path / "khong-gop-y.docx")
    outcome = qtreport(repo, "feedback", "add", *map(str, (text, broken, protected, other,
                                                            silent, good)))
    assert outcome.exit_code == 1
    for name, code in (("ghi-chu.docx", "QT810"), ("hong.docx", "QT810"),
                       ("mat-khau.docx", "QT810"), ("khac.docx", "QT811"),
                       ("khong-gop-y.docx", "QT812")):
        assert any(name in line and code in line for line in outcome.output.splitlines()), \
            (name, code, outcome.output)
    assert "mật khẩu" in outcome.output
    assert [e["author"] for e in register(repo)] == ["Đoàn Thanh niên"]


def test_check_reads_the_register(qtreport, repo, tmp_path):
    draft = build(qtreport, repo)
    copy = tmp_path / "a.docx"
    comment(draft, copy, SENTENCE, "Góp ý một.", "Chi bộ 2")
    comment(copy, copy, "Thương mại, dịch vụ", "Góp ý hai.", "Chi bộ 2")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    path = repo / "feedback" / "vong-1.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("status: chưa xử lý", "status: tiep thu", 1)
    text = text.replace("status: chưa xử lý", "status: giải trình", 1)
    path.write_text(text, encoding="utf-8")
    outcome = qtreport(repo, "check", "--format", "json")
    found = {f["code"]: f for f in json.loads(outcome.output)["findings"]
             if f["file"] == "feedback/vong-1.yaml"}
    lines = text.splitlines()
    assert outcome.exit_code == 1
    assert found["QT801"]["line"] == lines.index("    status: tiep thu") + 1
    assert "did you mean 'tiếp thu'?" in found["QT801"]["hint"]
    assert found["QT802"]["line"] == lines.index("    status: giải trình") + 1
    # answered: the passage is then edited away, in answer to the comment: a warning
    text = text.replace("status: tiep thu", "status: tiếp thu").replace(
        "status: giải trình\n    response: ''", "status: giải trình\n    response: Giữ nguyên.")
    path.write_text(text, encoding="utf-8")
    economy = repo / ECONOMY
    economy.write_text(economy.read_text(encoding="utf-8").replace(
        "Nền kinh tế của thị xã phục hồi", "Kinh tế thị xã hồi phục"), encoding="utf-8")
    outcome = qtreport(repo, "check", "--format", "json")
    codes = [f["code"] for f in json.loads(outcome.output)["findings"]
             if f["file"] == "feedback/vong-1.yaml"]
    assert outcome.exit_code == 0 and codes == ["QT803"]


def test_the_synthesis_table(qtreport, repo, tmp_path):
    draft = build(qtreport, repo)
    copy = tmp_path / "ubmttq.docx"
    comment(draft, copy, SENTENCE, "Bổ sung số liệu.", "UBMTTQ")
    comment(copy, copy, "Thương mại, dịch vụ", "Viết gọn lại.", "UBMTTQ")
    track_change(copy, copy, "phục hồi, phát triển", "phục hồi và phát triển", "UBMTTQ")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    path = repo / "feedback" / "vong-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: chưa xử lý\n    response: ''", "status: tiếp thu\n    response: Đã sửa.", 1),
        encoding="utf-8")
    listed = qtreport(repo, "feedback", "list")
    assert listed.exit_code == 0
    assert "3 ý kiến của 1 cơ quan, đơn vị; tiếp thu 1" in listed.output
    assert "chưa xử lý 2" in listed.output
    outcome = qtreport(repo, "feedback", "table")
    assert outcome.exit_code == 0, outcome.output
    table = repo / "build" / "bao-cao-chinh-tri-tong-hop-gop-y.docx"
    assert_valid_docx(table)
    document = pandoc_json(table)
    [grid] = [block for block in document["blocks"] if block["t"] == "Table"]
    body_rows = grid["c"][4][0][3]  # (attr, caption, colspecs, head, [body], foot)
    head_rows = grid["c"][3][1]
    # the three entries under their two sections: the first paragraph of 2.1.1 (a comment
    # and a change), and the first of the section after it
    assert len(head_rows) == 1 and len(body_rows) == 3 + 2
    import docx

    word = docx.Document(str(table))
    assert word.sections[0].orientation == 1  # landscape
    first = word.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["STT", "Nội dung dự thảo", "Ý kiến góp ý",
                                                     "Cơ quan, đơn vị", "Tiếp thu, giải trình"]
    assert first.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    answers = [row.cells[4].text for row in first.rows[2:]]
    assert "Tiếp thu.\nĐã sửa." in answers


def test_a_register_in_progress_never_blocks_the_draft(qtreport, repo, tmp_path):
    """An entry explained (giải trình) but not yet answered: build still writes the draft
    (a warning), check shows it beside the report's own findings, even the report's errors,
    and only the synthesis table, which prints every answer, refuses."""
    draft = build(qtreport, repo)
    copy = tmp_path / "a.docx"
    comment(draft, copy, SENTENCE, "Góp ý một.", "Chi bộ 2")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    path = repo / "feedback" / "vong-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: chưa xử lý", "status: giải trình", 1), encoding="utf-8")
    draft.unlink()
    outcome = qtreport(repo, "build")
    assert outcome.exit_code == 0 and draft.is_file(), outcome.output
    verbose = qtreport(repo, "build", "--verbose")
    assert verbose.exit_code == 0 and "QT802" in verbose.output  # a warning, told
    checked = qtreport(repo, "check", "--format", "json")
    assert checked.exit_code == 0
    assert [f["severity"] for f in json.loads(checked.output)["findings"]
            if f["code"] == "QT802"] == ["warning"]
    assert qtreport(repo, "check", "--strict").exit_code == 1
    table = qtreport(repo, "feedback", "table")
    assert table.exit_code == 1 and "1 lỗi" in table.output and "QT802" in table.output
    assert "write it under 'response:', then make the table" in table.output
    assert not (repo / "build" / "bao-cao-chinh-tri-tong-hop-gop-y.docx").exists()
    # the report broken as well: both are told, the register's beside the report's
    economy = repo / ECONOMY
    economy.write_text(economy.read_text(encoding="utf-8").replace(
        "Nền kinh tế của thị xã phục hồi", "Nền kinh tế[^khong-co] của thị xã phục hồi"),
        encoding="utf-8")
    codes = {f["code"] for f in json.loads(qtreport(repo, "check", "--format", "json").output)[
        "findings"]}
    assert "QT802" in codes and "QT201" in codes, codes


def test_the_register_and_the_table_read_as_the_office_writes(qtreport, repo, tmp_path):
    draft = build(qtreport, repo)
    copy = tmp_path / "a.docx"
    comment(draft, copy, "Công tác hỗ trợ các doanh nghiệp", "Nêu số doanh nghiệp.",
            "Chi bộ Khu phố 3")
    track_change(copy, copy, "Tham gia từ 10-15 hội chợ", "Tham gia từ 12-15 hội chợ",
                 "Chi bộ Khu phố 3", part="word/footnotes.xml")
    assert qtreport(repo, "feedback", "add", str(copy)).exit_code == 0
    on_text, on_note = register(repo)
    # the section with the numbers of its parents ("a." alone is one of several)
    assert on_text["section"] == "Phần thứ nhất, 2.1.1. Phát triển kinh tế, a. Thương mại, " \
        "dịch vụ, du lịch tiếp tục phát triển, giữ vai trò chủ đạo trong cơ cấu kinh tế địa " \
        "phương"
    assert on_note["section"].startswith(on_text["section"] + ", chú thích ")
    listed = qtreport(repo, "feedback", "list", "--unit", "KHU PHO 3")  # part, no accents
    assert listed.exit_code == 0 and "Vòng 1. 2 ý kiến của 1 cơ quan, đơn vị" in listed.output
    assert "vong-1" not in listed.output
    assert "Vòng 1. 0 ý kiến" in qtreport(repo, "feedback", "list", "--unit", "Phường").output
    pending = qtreport(repo, "feedback", "list", "--status", "chua xu ly")
    assert pending.exit_code == 0 and "2 ý kiến" in pending.output
    wrong = qtreport(repo, "feedback", "list", "--status", "xong")
    assert wrong.exit_code == 2
    assert "chưa xử lý, tiếp thu, tiếp thu một phần, giải trình" in wrong.output
