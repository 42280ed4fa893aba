"""diff.py on trees made by hand: what is matched with what, what is marked, what the
summary counts; accepting every change gives the new text, rejecting every change the old."""

from __future__ import annotations

from qtreport import ast
from qtreport.diff import compare
from trees import document, heading, note, paragraph

REVISION = ast.Revision("Văn phòng", "2026-11-20T09:00:00Z")


def text_of(inlines: ast.Inlines, keep: str) -> str:
    """The words as Word shows them with every change accepted (keep "new") or rejected."""
    out = []
    for inline in inlines:
        if isinstance(inline, ast.Inserted):
            out.append(text_of(inline.content, keep) if keep == "new" else "")
        elif isinstance(inline, ast.Deleted):
            out.append(text_of(inline.content, keep) if keep == "old" else "")
        elif isinstance(inline, ast.Text):
            out.append(inline.text)
        elif hasattr(inline, "content"):
            out.append(text_of(inline.content, keep))
    return "".join(out)


def body_text(doc: ast.Document, keep: str) -> list[str]:
    out = []
    for block in doc.body:
        if isinstance(block, ast.Paragraph):
            if (block.change == "inserted" and keep == "old") or \
                    (block.change == "deleted" and keep == "new"):
                continue
            out.append(text_of(block.content, keep))
    return out


def marks(doc: ast.Document) -> list[tuple[str, str]]:
    found = []

    def walk(inlines: ast.Inlines) -> None:
        for inline in inlines:
            if isinstance(inline, ast.Inserted | ast.Deleted):
                found.append((type(inline).__name__, text_of(inline.content, "new" if
                              isinstance(inline, ast.Inserted) else "old")))
            elif hasattr(inline, "content"):
                walk(inline.content)

    for block in doc.body:
        if isinstance(block, ast.Paragraph):
            walk(block.content)
    return found


def test_the_same_draft_has_no_change():
    old = document(paragraph("Kinh tế phát triển ổn định.", "p-1"))
    new, summary = compare(old, old, REVISION)
    assert marks(new) == [] and summary.paragraphs == (0, 0, 0) and summary.sections == ()


def test_a_word_changed_is_one_word_out_and_one_in():
    old = document(paragraph("Kinh tế phát triển ổn định và bền vững.", "p-1"))
    new = document(paragraph("Kinh tế phát triển nhanh và bền vững.", "p-1"))
    compared, summary = compare(old, new, REVISION)
    assert marks(compared) == [("Deleted", "ổn định"), ("Inserted", "nhanh")]
    assert body_text(compared, "new") == ["Kinh tế phát triển nhanh và bền vững."]
    assert body_text(compared, "old") == ["Kinh tế phát triển ổn định và bền vững."]
    assert summary.paragraphs == (0, 0, 1)


def test_an_edited_paragraph_is_matched_by_its_words_when_its_anchor_changed():
    old = document(paragraph("Thu ngân sách năm 2025 đạt 450 tỷ đồng, vượt kế hoạch.", "p-a"))
    new = document(paragraph("Thu ngân sách năm 2025 ước đạt 450 tỷ đồng, vượt kế hoạch.", "p-b"))
    compared, summary = compare(old, new, REVISION)
    assert summary.paragraphs == (0, 0, 1)  # edited, not one added and one removed
    assert marks(compared) == [("Inserted", " ước")]


def test_paragraphs_added_and_taken_out_are_marked_whole():
    old = document(paragraph("Đoạn một.", "p-1"), paragraph("Đoạn bỏ đi hoàn toàn.", "p-2"))
    new = document(paragraph("Đoạn một.", "p-1"),
                   paragraph("Một đoạn mới viết thêm về quốc phòng.", "p-3"))
    compared, summary = compare(old, new, REVISION)
    changes = {text_of(b.content, "new" if b.change == "inserted" else "old"): b.change
               for b in compared.body if isinstance(b, ast.Paragraph) and b.change}
    assert changes == {"Đoạn bỏ đi hoàn toàn.": "deleted",
                       "Một đoạn mới viết thêm về quốc phòng.": "inserted"}
    assert summary.paragraphs == (1, 1, 0)
    assert body_text(compared, "new") == ["Đoạn một.", "Một đoạn mới viết thêm về quốc phòng."]
    assert body_text(compared, "old") == ["Đoạn một.", "Đoạn bỏ đi hoàn toàn."]


def test_a_note_added_early_marks_that_note_only():
    first = note(1, "Chú thích có từ trước.", "n-old")
    old = document(paragraph("Đoạn có chú thích.", "p-1", notes=(1,)), notes=(first,))
    added = note(1, "Chú thích mới.", "n-new")
    renumbered = note(2, "Chú thích có từ trước.", "n-old")
    new = document(paragraph("Đoạn mới.", "p-2", notes=(1,)),
                   paragraph("Đoạn có chú thích.", "p-1", notes=(2,)),
                   notes=(added, renumbered))
    _, summary = compare(old, new, REVISION)
    assert summary.notes == (1, 0, 0)  # the renumbered note is not edited


def test_a_renumbered_heading_shows_its_old_number_and_is_not_counted_edited():
    old = document(heading("Kinh tế", "h-1", label="2."))
    new = document(heading("Kinh tế", "h-1", label="1."))
    compared, summary = compare(old, new, REVISION)
    [renumbered] = [b for b in compared.body if isinstance(b, ast.Heading) and b.depth == 2]
    assert (renumbered.label, renumbered.label_was) == ("1.", "2.")
    assert summary.paragraphs == (0, 0, 0)
