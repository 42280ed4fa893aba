"""Anything that comes from outside cannot hurt: returned copies and drafts (zip and entity
bombs, damaged zips, odd ids, forged stamps), comments in every shape other hands write
them, editors' templates that try to exhaust memory, reviewers who type markup, and the
places qtreport writes. Each case ends in a finding or a correct result, under 1 GB and
30 s, without exit 3 or a traceback, with nothing written outside its place and no
editor's file lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import hostile_copies as hostile
from conftest import FROZEN
from returned_copies import comment, track_change
from test_feedback import ECONOMY, SENTENCE, git

MEMORY_MB, SECONDS = 1024, 30  # what any one hostile input may cost


# -- a report in git with its draft, made once and copied for each test -----------------------

@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(FROZEN / "data", root / "data")
    shutil.copytree(FROZEN / "templates", root / "templates")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "data", "templates")
    git(root, "commit", "-q", "-m", "Dự thảo lần 1")
    done = run(root, "build")
    assert done.code == 0, done.out
    return root


@pytest.fixture
def repo(pristine, tmp_path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(pristine, target, symlinks=True)
    return target


def draft(repo: Path) -> Path:
    return repo / "build" / "bao-cao-chinh-tri.docx"


class Ran:
    def __init__(self, code: int, out: str, err: str, seconds: float, megabytes: float):
        self.code, self.out, self.err = code, out, err
        self.seconds, self.megabytes = seconds, megabytes

    def findings(self) -> list[dict]:
        return json.loads(self.out)["findings"]


_MEASURE = ("import resource, subprocess, sys, time\n"
            "start = time.monotonic()\n"
            "done = subprocess.run(sys.argv[1:])\n"
            "took = time.monotonic() - start\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
            "print(f'{took} {peak}', file=open(sys.argv[0] + '.measure', 'w'))\n"
            "sys.exit(done.returncode)\n")


def run(cwd: Path, *args: str, stdin: str | None = None) -> Ran:
    """qtreport in its own process, as a user runs it: exit code, output, and what the
    process cost (its own peak memory, not the test's)."""
    script = cwd.parent / f".measure-{os.getpid()}.py"
    script.write_text(_MEASURE, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, str(script), sys.executable, "-c",
                           "from qtreport.cli import main; main()", *args], cwd=cwd,
                          capture_output=True, text=True, input=stdin, timeout=300, env=env)
    seconds, megabytes = map(float, Path(str(script) + ".measure").read_text().split())
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
    assert done.returncode != 3, done.stdout[-3000:] + done.stderr[-3000:]
    return Ran(done.returncode, done.stdout, done.stderr, seconds, megabytes)


def within_bounds(ran: Ran) -> None:
    assert ran.megabytes < MEMORY_MB and ran.seconds < SECONDS, (ran.megabytes, ran.seconds)


def by_file(findings: list[dict]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for finding in findings:
        out.setdefault(finding["file"], set()).add(finding["code"])
    return out


def register_of(repo: Path) -> list[dict]:
    return yaml.safe_load((repo / "feedback" / "vong-1.yaml").read_text("utf-8"))["entries"]


# -- Word files: one door, bounded ------------------------------------------------------------

def test_a_batch_of_hostile_copies_gives_one_finding_each_and_keeps_the_good_one(repo,
                                                                                 tmp_path):
    source = draft(repo)
    good = tmp_path / "good.docx"
    comment(source, good, SENTENCE, "Một góp ý thật.", "Chi bộ 1")
    copies = {
        # a 300 MB part nobody reads, beside the real ones: read, and the comment kept
        "unused-bomb.docx": hostile.save(hostile.parts_of(good), tmp_path / "unused-bomb.docx",
                                         {"word/media/image1.png": lambda: bytes(1 << 20)},
                                         300),
        # 100 MB of empty paragraphs in 0,1 MB
        "paragraph-bomb.docx": hostile.save(
            {k: v for k, v in hostile.parts_of(good).items() if k != "word/document.xml"},
            tmp_path / "paragraph-bomb.docx",
            {"word/document.xml": lambda: b"<w:p/>" * 174_763}, 100),
        "entities.docx": hostile.with_part(good, tmp_path / "entities.docx",
                                           "word/document.xml", hostile.BILLION_LAUGHS),
        "tags.docx": hostile.with_part(
            good, tmp_path / "tags.docx", "word/document.xml",
            b'<w:document xmlns:w="' + hostile.WNS.encode() + b'"><w:body>' +
            b"<w:p/>" * 1_200_000 + b"</w:body></w:document>"),
        "deflate.docx": hostile.damaged_deflate(good, tmp_path / "deflate.docx"),
        "note-id-word.docx": hostile.note_ids(good, tmp_path / "note-id-word.docx", "abc"),
        "note-id-long.docx": hostile.note_ids(good, tmp_path / "note-id-long.docx", "9" * 5000),
        "no-body.docx": hostile.without_body(good, tmp_path / "no-body.docx"),
        "entries.docx": hostile.many_entries(tmp_path / "entries.docx", 20_000),
        "cut.docx": tmp_path / "cut.docx",
        "ole.docx": tmp_path / "ole.docx",
    }
    copies["cut.docx"].write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    copies["ole.docx"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    names = [str(path) for path in copies.values()] + ["/dev/zero", str(tmp_path), str(good)]
    ran = run(repo, "feedback", "add", *names, "--findings", "json")
    within_bounds(ran)
    found = by_file(ran.findings())
    for name in [n for n in copies if n != "unused-bomb.docx"] + ["/dev/zero", str(tmp_path)]:
        match = [codes for file, codes in found.items() if file.endswith(name)]
        assert match == [{"QT810"}], (name, found)
    assert ran.code == 1  # the unreadable copies are errors ...
    entries = register_of(repo)  # ... and the good copies are registered all the same
    assert [e["comment"] for e in entries] == ["Một góp ý thật."]
    assert entries[0]["file"] == ECONOMY
    messages = " ".join(f["message_en"] for f in ran.findings())
    for words in ("unpacks to", "DTD", "tags", "damaged", "is not a number", "no body",
                  "parts (at most", "not a regular file", "password"):
        assert words in messages, words


def test_import_of_a_bomb_is_one_finding(repo, tmp_path):
    bomb = hostile.save({}, tmp_path / "bomb.docx",
                        {"word/document.xml": lambda: b"<w:p/>" * 174_763}, 100)
    ran = run(tmp_path, "import", str(bomb), "--into", "moi", "--findings", "json")
    within_bounds(ran)
    assert ran.code == 1 and [f["code"] for f in ran.findings()] == ["QT901"]
    assert not (tmp_path / "moi").exists()


# -- the version stamp ------------------------------------------------------------------------

@pytest.mark.parametrize("stamp", ["--output=data/report.yaml", "-o data/report.yaml",
                                   "HEAD~1", "0" * 40, "main", "a" * 5000])
def test_a_forged_stamp_never_reaches_git_as_an_option(repo, tmp_path, stamp):
    copy = tmp_path / "copy.docx"
    comment(draft(repo), copy, SENTENCE, "Góp ý.", "Chi bộ 2")
    hostile.with_property(copy, copy, "qtreport-sources", "0123456789abcdef")  # "older"
    hostile.with_property(copy, copy, "qtreport-commit", stamp)
    before = {p: p.read_bytes() for p in (repo / "data").rglob("*") if p.is_file()}
    ran = run(repo, "feedback", "add", str(copy), "--findings", "json")
    assert ran.code == 0, ran.out
    assert [f["code"] for f in ran.findings()] == ["QT815"]
    assert {p: p.read_bytes() for p in (repo / "data").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in repo.iterdir()) == [".git", "build", "data", "feedback",
                                                     "templates"]
    [entry] = register_of(repo)
    assert entry["file"] == ECONOMY  # placed by its marks in the report as it is now
    assert git(repo, "status", "--porcelain", "data") == ""


def test_a_real_older_commit_is_still_used(repo, tmp_path):
    """The stamp of a real earlier draft still takes the comment through that draft."""
    copy = tmp_path / "old.docx"
    comment(draft(repo), copy, SENTENCE, "Góp ý.", "Chi bộ 2")
    economy = repo / ECONOMY
    economy.write_text(economy.read_text("utf-8").replace(
        "Nền kinh tế của thị xã phục hồi", "Kinh tế của thị xã đã phục hồi"), "utf-8")
    git(repo, "commit", "-qam", "Sửa câu mở đầu")
    ran = run(repo, "feedback", "add", str(copy), "--findings", "json")
    assert ran.code == 0 and ran.findings() == []
    [entry] = register_of(repo)
    assert entry["file"] == ECONOMY and entry["carried"].startswith("carried from the older")


# -- comments in every shape ------------------------------------------------------------------

WORDS = ["Nền kinh tế của thị xã phục hồi", "Tập trung lãnh đạo chỉ đạo và triển khai",
         "Tổ chức tốt các sự kiện chính trị"]  # three paragraphs, three files


def _add(repo: Path, copy: Path) -> list[dict]:
    ran = run(repo, "feedback", "add", str(copy), "--findings", "json")
    assert ran.code == 0, ran.out
    return register_of(repo)


def _words_present(repo: Path) -> list[str]:
    import docx

    texts = [p.text for p in docx.Document(str(draft(repo))).paragraphs]
    return [w for w in WORDS if any(w in t for t in texts)]


def test_duplicated_and_non_numeric_comment_ids_keep_every_comment(repo, tmp_path):
    words = _words_present(repo)
    assert len(words) == 3
    on = [(w, f"Góp ý {i}.", "Chi bộ 4") for i, w in enumerate(words)]
    for ids in (["7"] * len(on), [f"x{i}" for i in range(len(on))]):
        copy = hostile.comments_on(draft(repo), tmp_path / "ids.docx", on, ids=ids)
        shutil.rmtree(repo / "feedback", ignore_errors=True)
        entries = _add(repo, copy)
        assert sorted(e["comment"] for e in entries) == sorted(c for _, c, _ in on)
        for entry in entries:
            number = int(entry["comment"].split()[-1].rstrip("."))
            assert words[number][:20] in entry["passage"], entry


def test_a_comment_on_a_point_without_a_range_is_placed_at_its_paragraph(repo, tmp_path):
    copy = hostile.comments_on(draft(repo), tmp_path / "point.docx",
                               [(SENTENCE, "Góp ý tại một điểm.", "Chi bộ 5")], ranged=False)
    [entry] = _add(repo, copy)
    assert entry["file"] == ECONOMY and SENTENCE in entry["passage"]


def test_replies_in_a_ring_lose_neither_comment(repo, tmp_path):
    copy = hostile.replies_in_a_ring(draft(repo), tmp_path / "ring.docx", SENTENCE)
    [entry] = _add(repo, copy)
    assert entry["comment"] == "Câu hỏi."
    assert [r["text"] for r in entry["replies"]] == ["Trả lời."]


def test_a_comment_that_marks_nothing_is_registered_with_why(repo, tmp_path):
    copy = hostile.comments_on(draft(repo), tmp_path / "lost.docx",
                               [(SENTENCE, "Có vị trí.", "A")],
                               unmarked=[("Không còn vị trí.", "B")])
    ran = run(repo, "feedback", "add", str(copy), "--findings", "json")
    assert ran.code == 0
    assert [f["code"] for f in ran.findings()] == ["QT813"]
    entries = {e["comment"]: e for e in register_of(repo)}
    assert entries["Có vị trí."]["file"] == ECONOMY
    assert "marks no passage" in entries["Không còn vị trí."]["unplaced"]


def test_marks_that_all_share_one_name_are_checked_against_the_words(repo, tmp_path):
    words = _words_present(repo)
    renamed = hostile.one_bookmark_name_everywhere(draft(repo), tmp_path / "same.docx")
    on = [(w, f"Góp ý {i}.", "Chi bộ 6") for i, w in enumerate(words)]
    copy = hostile.comments_on(renamed, tmp_path / "same-commented.docx", on)
    entries = _add(repo, copy)
    assert len(entries) == len(on)
    lines = {(e["file"], e["line"]) for e in entries}
    assert len(lines) == len(on), entries  # each at its own paragraph, not all at one
    for entry in entries:
        number = int(entry["comment"].split()[-1].rstrip("."))
        text = (repo / entry["file"]).read_text("utf-8").splitlines()
        block = " ".join(text[entry["line"] - 1:entry["line"] + 3])
        assert words[number].split()[0] in block, (entry, block)


def test_a_copy_that_would_overfill_the_register_is_refused(repo, tmp_path):
    on = [(SENTENCE, f"Góp ý số {i} " + "rất dài " * 60, "Chi bộ 7") for i in range(5000)]
    copy = hostile.comments_on(draft(repo), tmp_path / "many.docx", on)
    ran = run(repo, "feedback", "add", str(copy), "--findings", "json")
    within_bounds(ran)
    assert ran.code == 1 and [f["code"] for f in ran.findings()] == ["QT816"]
    assert not (repo / "feedback" / "vong-1.yaml").exists()
    assert run(repo, "check").code == 0  # the report still checks and builds


# -- templates that try to exhaust the machine ------------------------------------------------

HUGE_TEMPLATES = [
    "{{ 'x'|center(500000000) }}",
    "{{ '%500000000s'|format(1) }}",
    "{{ '%500000000s' % 1 }}",
    "{{ '{:>500000000}'.format(1) }}",
    "{{ 'x'.ljust(500000000) }}",
    "{{ (1).to_bytes(500000000, 'big') }}",
    "{% set s = 'x' * 99999 %}{{ ([s] * 10000)|join }}",
    "{% set s = 'x' * 99999 %}{{ s|replace('x', s) }}",
    "{% set s %}{% for i in range(10000) %}{{ 'x' * 99999 }}{% endfor %}{% endset %}{{ 1 }}",
    "{% set a = 'x' * 60000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c|length }}",
    "{% set a = [0] * 60000 %}{% set b = a + a %}{{ b|length }}",
    "{% set n = 10 ** 100 %}{% set m = n * n * n * n * n * n * n * n * n * n * n * n * n %}"
    "{{ (m * m * m * m * m * m * m * m)|length }}",
    "{{ (10 ** 100) ** 100 }}",
    "{% macro m() %}{{ 'x' * 99999 }}{% endmacro %}{{ m() }}",
    "{% filter upper %}{{ 'x' * 99999 }}{% endfilter %}",
    "{{ range(10)|random }}",
    "{{ self }}",
    "{{ range }}",
    "{{ [1, 2] }}",
    "{{ none }}",
    "{{ 1" + "0" * 5000 + " }}",
    "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
]


def test_no_template_exceeds_the_bounds(repo):
    section = repo / "data/sections/loi-keu-goi.yaml"
    text = section.read_text("utf-8")
    paragraphs = "".join(f"  - {json.dumps(t, ensure_ascii=False)}\n" for t in HUGE_TEMPLATES)
    section.write_text(text.replace("body:\n", "body:\n" + paragraphs, 1), "utf-8")
    ran = run(repo, "check", "--format", "json")
    within_bounds(ran)
    assert ran.code == 1
    lines = {f["line"] for f in ran.findings() if f["file"].endswith("loi-keu-goi.yaml")
             and f["code"] in ("QT301", "QT302", "QT303", "QT304")}
    first = text.splitlines().index("body:") + 2
    assert lines == set(range(first, first + len(HUGE_TEMPLATES))), ran.out[:3000]


def test_the_report_prints_the_same_under_the_bounded_sandbox(repo):
    """What the real report's templates print is unchanged: the sandbox only refuses."""
    ran = run(repo, "check", "--format", "json")
    assert ran.code == 0 and not [f for f in ran.findings() if f["code"].startswith("QT3")]


# -- reviewers who type markup ----------------------------------------------------------------

TYPED = "^[chú thích mới] **đậm** *nghiêng* {{ 7 * 7 }} {% if true %}x{% endif %} [^gtsx] a\\b m^2^"


def test_a_reviewers_words_are_written_as_text(repo, tmp_path):
    from docx_reading import pandoc_json, pandoc_notes, require

    require("pandoc")
    copy = tmp_path / "markup.docx"
    track_change(draft(repo), copy, "phục hồi, phát triển",
                 "phục hồi, phát triển " + TYPED + "\u2028 ok", "Người gõ")
    notes_before = len(pandoc_notes(pandoc_json(draft(repo))))
    ran = run(repo, "feedback", "apply", str(copy))
    assert ran.code == 0, ran.out + ran.err
    assert "\u2028" not in (repo / ECONOMY).read_text("utf-8")
    built = run(repo, "build")
    assert built.code == 0, built.out
    tree = pandoc_json(draft(repo))
    text = json.dumps(tree, ensure_ascii=False)
    assert len(pandoc_notes(tree)) == notes_before  # no note was made of ^[…] or [^gtsx]
    assert '"Strong"' not in _economy_inlines(tree) and '"Emph"' not in _economy_inlines(tree)
    plain = _economy_plain(tree)
    assert TYPED in plain, plain[:500]
    assert "Người gõ" not in text


def _economy_paragraph(tree: dict) -> list:
    from docx_reading import pandoc_inline_text

    for block in tree["blocks"]:
        if block["t"] == "Para" and "phục hồi, phát triển" in pandoc_inline_text(block["c"]):
            return block["c"]
    raise AssertionError("paragraph not found")


def _economy_plain(tree: dict) -> str:
    from docx_reading import pandoc_inline_text

    return " ".join(pandoc_inline_text(_economy_paragraph(tree)).split())


def _economy_inlines(tree: dict) -> str:
    return json.dumps(_economy_paragraph(tree))


# -- writes: all or nothing, never over someone's file ----------------------------------------

def _a_plain_edit(repo: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "edit.docx"
    track_change(draft(repo), copy, "phục hồi, phát triển", "hồi phục, phát triển", "Chi bộ 8")
    return copy


def test_an_editors_save_during_apply_wins(qtreport, repo, tmp_path, monkeypatch):
    import qtreport.workflows.comment_round as pipeline

    copy = _a_plain_edit(repo, tmp_path)
    checked = pipeline._still_checks

    def save_meanwhile(*args, **kwargs):
        ok = checked(*args, **kwargs)
        economy = repo / ECONOMY
        economy.write_text(economy.read_text("utf-8") + "# biên tập viên vừa lưu\n", "utf-8")
        return ok

    monkeypatch.setattr(pipeline, "_still_checks", save_meanwhile)
    outcome = qtreport(repo, "feedback", "apply", str(copy))
    assert outcome.exit_code == 1 and "QT817" in outcome.output
    text = (repo / ECONOMY).read_text("utf-8")
    assert text.endswith("# biên tập viên vừa lưu\n") and "hồi phục, phát triển" not in text
    assert not list((repo / "data").rglob("*.tmp"))


def test_a_full_disk_leaves_every_file_as_it_was(qtreport, repo, tmp_path, monkeypatch):
    import errno
    import tempfile

    copy = _a_plain_edit(repo, tmp_path)
    track_change(copy, copy, "Tập trung lãnh đạo", "Tập trung lãnh đạo và", "Chi bộ 8")
    before = {p: p.read_bytes() for p in (repo / "data").rglob("*.yaml")}
    made = tempfile.mkstemp
    calls = []

    def full(*args, **kwargs):
        if kwargs.get("suffix") == ".tmp":
            calls.append(1)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return made(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full)
    outcome = qtreport(repo, "feedback", "apply", str(copy))
    assert outcome.exit_code == 1 and "QT401" in outcome.output, outcome.output
    assert {p: p.read_bytes() for p in (repo / "data").rglob("*.yaml")} == before
    assert not list((repo / "data").rglob("*.tmp"))


def test_apply_copies_no_link(repo, tmp_path):
    (repo / "data/sections/zero.yaml").symlink_to("/dev/zero")
    copy = _a_plain_edit(repo, tmp_path)
    ran = run(repo, "feedback", "apply", str(copy), "--dry-run")
    within_bounds(ran)
    assert ran.code == 1 and "QT011" in ran.out


INIT = ["init", "moi", "--issuer", "Đảng bộ xã A", "--term", "2025-2030"]
IMPORT = ["import", "word.docx", "--into", "moi"]


@pytest.mark.parametrize(("command", "existing", "writes"), [
    (INIT, "README.md", True), (INIT, ".github/workflows/check.yml", True),
    (INIT, "templates/styles.yaml", True), (IMPORT, "templates/styles.yaml", True),
    (IMPORT, "README.md", True), (IMPORT, ".github/workflows/check.yml", False)])
def test_init_and_import_write_over_nothing(qtreport, tmp_path, command, existing, writes):
    import docx

    mine = tmp_path / "moi" / existing
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("của tôi\n", "utf-8")
    word = docx.Document()
    for text in ("ĐẢNG BỘ XÃ A", "BÁO CÁO CHÍNH TRỊ", "PHẦN THỨ NHẤT KẾT QUẢ",
                 "I. KINH TẾ", "Kinh tế phát triển."):
        word.add_paragraph().add_run(text).bold = text.isupper() or text.startswith("I.")
    word.save(str(tmp_path / "word.docx"))
    outcome = qtreport(tmp_path, *command)
    if writes:  # a file it would write is there: refused, the file kept
        assert outcome.exit_code == 2 and "--force" in outcome.output, outcome.output
        assert mine.read_text("utf-8") == "của tôi\n"
        assert qtreport(tmp_path, *command, "--force").exit_code == 0
        assert mine.read_text("utf-8") != "của tôi\n"
    else:  # a file it does not write is left as it is
        assert outcome.exit_code == 0 and mine.read_text("utf-8") == "của tôi\n"


def test_import_force_leaves_nothing_of_the_earlier_import(qtreport, tmp_path):
    import docx

    def word(sections: list[str]) -> Path:
        document = docx.Document()
        for text in ("ĐẢNG BỘ XÃ A", "BÁO CÁO CHÍNH TRỊ", "PHẦN THỨ NHẤT KẾT QUẢ"):
            document.add_paragraph().add_run(text).bold = True
        for number, title in enumerate(sections, start=1):
            document.add_paragraph().add_run(f"{'I' * number}. {title}").bold = True
            document.add_paragraph(f"Nội dung {title.lower()}.")
        path = tmp_path / "word.docx"
        document.save(str(path))
        return path

    assert qtreport(tmp_path, "import", str(word(["KINH TẾ", "XÃ HỘI", "QUỐC PHÒNG"])),
                    "--into", "moi").exit_code == 0
    first = sorted(p.name for p in (tmp_path / "moi/data").rglob("*.yaml"))
    assert qtreport(tmp_path, "import", str(word(["KINH TẾ"])), "--into", "moi",
                    "--force").exit_code == 0
    second = sorted(p.name for p in (tmp_path / "moi/data").rglob("*.yaml"))
    assert len(second) < len(first)
    assert qtreport(tmp_path / "moi", "check").exit_code == 0


def test_a_round_is_a_name_not_a_path(qtreport, repo, tmp_path):
    copy = tmp_path / "c.docx"
    comment(draft(repo), copy, SENTENCE, "Góp ý.", "A")
    for name in ("../../x", "/tmp/x", "a/b", "..", ".hidden"):
        outcome = qtreport(repo, "feedback", "add", str(copy), "--round", name)
        assert outcome.exit_code == 2, name
    assert not (tmp_path / "x.yaml").exists() and not (repo / "feedback").exists()
    assert qtreport(repo, "feedback", "add", str(copy), "--round", "vòng-2").exit_code == 0
    assert (repo / "feedback" / "vòng-2.yaml").is_file()


ISSUERS = ['Đảng bộ "Đông Lương"', "Đảng bộ\nxã A", "Đảng bộ: xã A", "# Đảng bộ", "- Đảng bộ",
           "{{ 7*7 }} xã", "*Đảng bộ* xã", "Đảng bộ [^a] xã", "Đảng bộ xã A\\B", "'Đảng bộ'",
           "&a *b xã", "%YAML xã", "@xã", "Đảng bộ xã A, {min}"]


@pytest.mark.parametrize("issuer", ISSUERS)
def test_any_issuer_makes_a_report_that_checks(qtreport, tmp_path, issuer):
    outcome = qtreport(tmp_path, "init", "moi", "--issuer", issuer, "--term", "2025-2030")
    assert outcome.exit_code == 0, outcome.output
    checked = qtreport(tmp_path / "moi", "check", "--format", "json")
    assert checked.exit_code == 0, checked.output
    report = yaml.safe_load((tmp_path / "moi/data/report.yaml").read_text("utf-8"))
    assert report["issuer"] == " ".join(issuer.split()).upper()


@pytest.mark.parametrize("issuer", ["", "   ", "Đảng\x1b[31m bộ", "Đảng bộ\x00", "x" * 500])
def test_an_issuer_that_is_no_name_is_refused(qtreport, tmp_path, issuer):
    outcome = qtreport(tmp_path, "init", "moi", "--issuer", issuer, "--term", "2025-2030")
    assert outcome.exit_code == 2 and "issuer" in outcome.output
    assert not (tmp_path / "moi").exists()


def test_a_file_name_cannot_break_the_yaml_it_is_written_in(qtreport, tmp_path):
    import docx

    document = docx.Document()
    for text in ("ĐẢNG BỘ XÃ A", "BÁO CÁO CHÍNH TRỊ", "PHẦN THỨ NHẤT KẾT QUẢ", "I. KINH TẾ",
                 "Nội dung."):
        document.add_paragraph().add_run(text).bold = text != "Nội dung."
    name = "báo cáo\nissuer: ĐẢNG BỘ GIẢ\r.docx"
    document.save(str(tmp_path / name))
    assert qtreport(tmp_path, "import", name, "--into", "moi").exit_code == 0
    report = yaml.safe_load((tmp_path / "moi/data/report.yaml").read_text("utf-8"))
    assert report["issuer"] == "ĐẢNG BỘ XÃ A"


def test_a_killed_build_is_cleaned_up_by_the_next(repo):
    out = repo / "build"
    stale = out / ".bao-cao-chinh-tri.docx.x1y2z3.tmp"
    stale.write_bytes(b"half a document")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / ".bao-cao-chinh-tri.docx.a1b2c3.tmp"  # another build, still writing
    fresh.write_bytes(b"in progress")
    assert run(repo, "build").code == 0
    assert not stale.exists() and fresh.exists()


# -- files in data/ that are not files -------------------------------------------------------

def test_a_pipe_a_link_loop_and_huge_numbers_are_findings(repo):
    sections = repo / "data/sections"
    os.mkfifo(sections / "ong.yaml")
    (sections / "vong-1.yaml").symlink_to("vong-2.yaml")
    (sections / "vong-2.yaml").symlink_to("vong-1.yaml")
    year = repo / "data/actuals/2025.yaml"
    text = year.read_text("utf-8")
    year.write_text(text.replace("  ban-le: 6150", "  ban-le: 1" + "0" * 5000), "utf-8")
    closing = repo / "data/sections/loi-keu-goi.yaml"
    closing.write_text(closing.read_text("utf-8").replace(
        "body:\n", "body:\n  - 1" + "0" * 5000 + "\n", 1), "utf-8")
    report = repo / "data/report.yaml"
    report.write_text(report.read_text("utf-8") + "date: 2025-13-45\n", "utf-8")
    ran = run(repo, "check", "--format", "json")
    within_bounds(ran)
    found = by_file(ran.findings())
    assert found["data/sections/ong.yaml"] == {"QT001"}
    assert "QT001" in found["data/sections/vong-1.yaml"]
    assert found["data/actuals/2025.yaml"] == {"QT104"}
    assert "QT104" in found["data/sections/loi-keu-goi.yaml"]
    assert "QT104" in found["data/report.yaml"]


# -- output nobody can forge ------------------------------------------------------------------

def test_annotations_and_terminal_lines_cannot_be_forged(repo):
    name = "data/sections/a,b:c%d\x1b[31mđỏ\n::error file=gia.yaml,line=1::giả.yaml"
    (repo / name).write_text("title: [mở\n", "utf-8")
    ran = run(repo, "check", "--format", "github")
    [line] = [line for line in ran.out.splitlines() if "QT004" in line]
    assert line.startswith("::error file=data/sections/a%2Cb%3Ac%25d\\x1b[31mđỏ\\x0a%3A%3Aerror "
                           "file=gia.yaml%2Cline=1%3A%3Agiả.yaml,line=2,"), line
    assert not [line for line in ran.out.splitlines() if line.startswith("::error file=gia")]
    human = run(repo, "check")
    assert "\x1b" not in human.out and "a,b:c%d\\x1b[31mđỏ\\x0a::error" in human.out


def test_a_plan_part_without_its_wording_is_a_finding(qtreport, frozen_repo):
    """Found by the long fuzz: a part that Part 2 quotes, with neither a target text nor a
    `says:`, ended in a KeyError (exit 3)."""
    plan = frozen_repo / "data/targets_2025_2030.yaml"
    text = plan.read_text("utf-8")
    cut = '            target: {kind: level, min: 67, max: 68, text: "{min}-{max}%"}\n' \
          '            says: "{name} {target}"\n'
    assert cut in text
    plan.write_text(text.replace(cut, "", 1), "utf-8")
    outcome = qtreport(frozen_repo, "check", "--format", "json")
    [finding] = [f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT102"]
    assert outcome.exit_code == 1 and "'co-cau-dich-vu'" in finding["message_en"]

_REVIEWER_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                         max_size=80)


@given(_REVIEWER_TEXT, _REVIEWER_TEXT, _REVIEWER_TEXT)
def test_a_register_entry_reads_back_as_the_reviewer_wrote_it(author, text, passage):
    """Whatever a copy holds (quotes, colons, line separators, '#', '- '), the register
    qtreport writes loads back with the same words, its lines as line breaks."""
    from qtreport.feedback.mapping import Entry
    from qtreport.feedback.register import HEADER, entry_yaml
    from qtreport.xmlchars import XML_ILLEGAL

    author, text, passage = (XML_ILLEGAL.sub("", t) for t in (author, text, passage))
    entry = Entry(id="gy-0000000001", unit="Chi bộ", author=author, date="", kind="comment",
                  section="", passage=passage, comment=text, old="", new="", replies=(),
                  before="", file=None, line=None, anchor=None, copy="c.docx", carried=None,
                  unplaced=None, position=0)
    loaded = yaml.safe_load(HEADER.format(round="vong-1") + entry_yaml(entry))
    [written] = loaded["entries"]

    def lines(value: str) -> str:
        return value.translate(str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n",
                                              "\r": ""}))

    assert written.get("author", "") == lines(author)
    assert written.get("comment", "") == lines(text)
    assert written.get("passage", "") == lines(passage)
