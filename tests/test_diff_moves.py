"""Moves as Word writes them, on trees made by hand and written by the Word writer: a moved
item with two paragraphs, a moved section, a note's mark moved on its own and a moved
paragraph edited inside its move, in one document. Both OOXML validators accept it, every
move range is named at both ends and closed, and pandoc's accept and reject give the newer
and the older text."""

from __future__ import annotations

import random
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

from conftest import FROZEN
from docx_reading import require
from ooxml import assert_valid_docx, audit_errors, schema_report
from qtreport import ast
from qtreport.diff import compare
from qtreport.pipeline import check_folder
from qtreport.writers.docx import write_docx
from trees import document, heading, note, paragraph, where

REVISION = ast.Revision("Văn phòng", "2026-11-20T09:00:00Z")
TRADE = "Thương mại, dịch vụ phát triển đúng định hướng, đóng góp vào thu ngân sách."
FAIRS = "Công tác hỗ trợ doanh nghiệp tham gia hội chợ, triển lãm được quan tâm."
TOURISM = "Phát triển du lịch được quan tâm chỉ đạo thực hiện, hạ tầng từng bước đầu tư."
INDUSTRY = "Công nghiệp sản xuất và chế biến nông, lâm sản tiếp tục phát triển ổn định."
FARMING = "Sản xuất nông nghiệp và xây dựng nông thôn mới chuyển biến tích cực qua từng năm."


def item(label: str, anchor: str, *words: str) -> ast.ListItem:
    return ast.ListItem(label=label, source=where(1), anchor=anchor, paragraphs=tuple(
        paragraph(text, f"{anchor}-{i}") for i, text in enumerate(words)))


def drafts() -> tuple[ast.Document, ast.Document]:
    notes = (note(1, "Có 105 doanh nghiệp.", "n-a"),)
    old = document(
        heading("Thương mại", "h-a", label="a."), paragraph(TRADE, "p-1", notes=(1,)),
        paragraph(FAIRS, "p-2"), paragraph(TOURISM, "p-3"),
        heading("Công nghiệp", "h-b", label="b."), paragraph(INDUSTRY, "p-4"),
        heading("Nông nghiệp", "h-c", label="c."),
        item("(1)", "i-1", FARMING, "Đoạn thứ hai của nhiệm vụ một, về thủy lợi và đê điều."),
        item("(2)", "i-2", "Nhiệm vụ hai: phát triển lâm nghiệp bền vững, trồng rừng gỗ lớn."),
        notes=notes)
    new = document(
        heading("Công nghiệp", "h-b", label="a."), paragraph(INDUSTRY, "p-4"),
        heading("Thương mại", "h-a", label="b."),
        paragraph(TOURISM.replace("chỉ đạo", "lãnh đạo, chỉ đạo"), "p-3b"),
        paragraph(TRADE, "p-1"), paragraph(FAIRS, "p-2", notes=(1,)),
        heading("Nông nghiệp", "h-c", label="c."),
        item("(1)", "i-2", "Nhiệm vụ hai: phát triển lâm nghiệp bền vững, trồng rừng gỗ lớn."),
        item("(2)", "i-1", FARMING, "Đoạn thứ hai của nhiệm vụ một, về thủy lợi và đê điều."),
        notes=notes)
    return old, new


def pandoc_text(docx: Path, changes: str | None = None) -> str:
    require("pandoc")
    args = ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(docx)]
    if changes:
        args.insert(1, f"--track-changes={changes}")
    return " ".join(subprocess.run(args, capture_output=True, text=True,
                                   check=True).stdout.split())


def test_every_kind_of_move_is_valid_word_and_reads_back(tmp_path):
    report = check_folder(FROZEN).document  # its styles: the footnote's among them
    assert report is not None
    old, new = (replace(tree, presentation=report.presentation) for tree in drafts())
    compared, summary = compare(old, new, REVISION)
    assert summary.moves >= 3 and summary.notes.moved == 1
    paths = {}
    for name, tree in (("old", old), ("new", new), ("compared", compared)):
        paths[name] = tmp_path / f"{name}.docx"
        paths[name].write_bytes(write_docx(tree))
    with zipfile.ZipFile(paths["compared"]) as package:
        xml = package.read("word/document.xml").decode()
    starts = re.findall(r'<w:(moveFrom|moveTo)RangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"',
                        xml)
    names: dict[str, list[str]] = {}
    for kind, number, name in starts:
        names.setdefault(name, []).append(kind)
        assert xml.count(f'<w:{kind}RangeEnd w:id="{number}"/>') == 1
    assert all(sorted(kinds) == ["moveFrom", "moveTo"] for kinds in names.values()), names
    assert len(names) == summary.moves + summary.notes.moved
    ids = re.findall(r'w:id="(\d+)"', re.sub(r"<w:(footnoteReference|bookmarkEnd|"
                                              r"move(From|To)RangeEnd)[^>]*>", "", xml))
    assert len(ids) == len(set(ids))  # every revision, range and bookmark its own id
    assert_valid_docx(paths["compared"])
    assert pandoc_text(paths["compared"], "accept") == pandoc_text(paths["new"])
    assert pandoc_text(paths["compared"], "reject") == pandoc_text(paths["old"])


def shuffled_drafts(seed: int) -> tuple[ast.Document, ast.Document]:
    """An older draft of headed paragraphs with notes and a newer one made from it by
    chance: paragraphs moved, taken out, added, edited; notes moving with them or not."""
    rng = random.Random(seed)
    texts = [TRADE, FAIRS, TOURISM, INDUSTRY, FARMING]
    old = [(f"{texts[i % 5]} ({i})", f"p-{i}") for i in range(rng.randint(3, 7))]
    new = [p for p in rng.sample(old, len(old)) if rng.random() < 0.8]
    new = [(t.replace("phát triển", "phát triển mạnh", 1), a + "e") if rng.random() < 0.3
           else (t, a) for t, a in new]
    new.insert(rng.randint(0, len(new)), ("Một đoạn mới về chuyển đổi số trong cơ quan.", "p-n"))
    holder = {f"n-{i}": rng.choice(old)[1] for i in range(rng.randint(0, 4))}
    moved = {n: (rng.choice(new)[1] if rng.random() < 0.3 else a.replace("e", ""))
             for n, a in holder.items()}

    def made(paragraphs: list[tuple[str, str]], where: dict[str, str]) -> ast.Document:
        notes, body = [], [heading("Kinh tế", "h-a", label="1.")]
        for text, anchor in paragraphs:
            mine = [n for n, a in where.items() if a in (anchor, anchor.rstrip("e"))]
            numbers = tuple(range(len(notes) + 1, len(notes) + 1 + len(mine)))
            notes += [note(k, f"Chú thích {n}.", n) for k, n in zip(numbers, mine, strict=True)]
            body.append(paragraph(text, anchor, notes=numbers))
        return document(*body, notes=tuple(notes))

    return made(old, holder), made(new, moved)


def test_any_revision_is_valid_word_and_reads_back(tmp_path):
    """Twelve revisions made by chance (a fixed seed each): every one valid for both
    validators, every move range named at both ends, accept and reject as the drafts."""
    report = check_folder(FROZEN).document
    assert report is not None
    paths = []
    for seed in range(12):
        old, new = (replace(tree, presentation=report.presentation)
                    for tree in shuffled_drafts(seed))
        compared, _ = compare(old, new, REVISION)
        for name, tree in (("old", old), ("new", new), ("compared", compared)):
            (tmp_path / f"{seed}-{name}.docx").write_bytes(write_docx(tree))
        path = tmp_path / f"{seed}-compared.docx"
        assert audit_errors(path) == [], seed
        with zipfile.ZipFile(path) as package:
            xml = package.read("word/document.xml").decode()
        names: dict[str, list[str]] = {}
        for kind, number, name in re.findall(
                r'<w:(moveFrom|moveTo)RangeStart w:id="(\d+)"[^>]*w:name="([^"]+)"', xml):
            names.setdefault(name, []).append(kind)
            assert xml.count(f'<w:{kind}RangeEnd w:id="{number}"/>') == 1
        assert all(sorted(k) == ["moveFrom", "moveTo"] for k in names.values()), (seed, names)
        assert pandoc_text(path, "accept") == pandoc_text(tmp_path / f"{seed}-new.docx"), seed
        assert pandoc_text(path, "reject") == pandoc_text(tmp_path / f"{seed}-old.docx"), seed
        paths.append(path)
    assert schema_report(*paths) is None
