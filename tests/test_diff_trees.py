"""diff/ on trees made by hand: what is matched with what, what is marked, what the
summary counts; accepting every change gives the new text, rejecting every change the old."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qtreport import ast
from qtreport.diff import compare
from qtreport.diff.summary import Counts
from trees import document, heading, note, paragraph

REVISION = ast.Revision("Văn phòng", "2026-11-20T09:00:00Z")


def text_of(inlines: ast.Inlines, keep: str) -> str:
    """The words as Word shows them with every change accepted (keep "new") or rejected."""
    out = []
    for inline in inlines:
        if isinstance(inline, ast.Inserted | ast.MovedTo):
            out.append(text_of(inline.content, keep) if keep == "new" else "")
        elif isinstance(inline, ast.Deleted | ast.MovedFrom):
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
            if (block.change in ("inserted", "moved_to") and keep == "old") or \
                    (block.change in ast.GONE and keep == "new"):
                continue
            out.append(text_of(block.content, keep))
    return out


def counts(counted: Counts) -> tuple[int, int, int, int]:
    """Added, removed, edited, moved."""
    return (counted.added, counted.removed, counted.edited, counted.moved)


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
    assert marks(new) == [] and counts(summary.paragraphs) == (0, 0, 0, 0)
    assert summary.sections == () and not summary.changed


def test_a_word_changed_is_one_word_out_and_one_in():
    old = document(paragraph("Kinh tế phát triển ổn định và bền vững.", "p-1"))
    new = document(paragraph("Kinh tế phát triển nhanh và bền vững.", "p-1"))
    compared, summary = compare(old, new, REVISION)
    assert marks(compared) == [("Deleted", "ổn định"), ("Inserted", "nhanh")]
    assert body_text(compared, "new") == ["Kinh tế phát triển nhanh và bền vững."]
    assert body_text(compared, "old") == ["Kinh tế phát triển ổn định và bền vững."]
    assert counts(summary.paragraphs) == (0, 0, 1, 0)


def test_an_edited_paragraph_is_matched_by_its_words_when_its_anchor_changed():
    old = document(paragraph("Thu ngân sách năm 2025 đạt 450 tỷ đồng, vượt kế hoạch.", "p-a"))
    new = document(paragraph("Thu ngân sách năm 2025 ước đạt 450 tỷ đồng, vượt kế hoạch.", "p-b"))
    compared, summary = compare(old, new, REVISION)
    assert counts(summary.paragraphs) == (0, 0, 1, 0)  # edited, not one added and one removed
    assert marks(compared) == [("Inserted", "ước ")]


def test_paragraphs_added_and_taken_out_are_marked_whole():
    old = document(paragraph("Đoạn một.", "p-1"), paragraph("Đoạn bỏ đi hoàn toàn.", "p-2"))
    new = document(paragraph("Đoạn một.", "p-1"),
                   paragraph("Một đoạn mới viết thêm về quốc phòng.", "p-3"))
    compared, summary = compare(old, new, REVISION)
    changes = {text_of(b.content, "new" if b.change == "inserted" else "old"): b.change
               for b in compared.body if isinstance(b, ast.Paragraph) and b.change}
    assert changes == {"Đoạn bỏ đi hoàn toàn.": "deleted",
                       "Một đoạn mới viết thêm về quốc phòng.": "inserted"}
    assert counts(summary.paragraphs) == (1, 1, 0, 0)
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
    assert counts(summary.notes) == (1, 0, 0, 0)  # the renumbered note is not edited


def test_a_renumbered_heading_shows_its_old_number_and_is_not_counted_edited():
    old = document(heading("Kinh tế", "h-1", label="2."))
    new = document(heading("Kinh tế", "h-1", label="1."))
    compared, summary = compare(old, new, REVISION)
    [renumbered] = [b for b in compared.body if isinstance(b, ast.Heading) and b.depth == 2]
    assert (renumbered.label, renumbered.label_was) == ("1.", "2.")
    assert counts(summary.paragraphs) == (0, 0, 0, 0)


# -- moves ----------------------------------------------------------------------------------

def moved(doc: ast.Document) -> list[tuple[str, str, str]]:
    """Each moved block: its change, its move's name, its words (old at the source, new at
    the destination)."""
    out = []
    for block in doc.body:
        if isinstance(block, ast.Heading | ast.Paragraph) and block.move is not None:
            content = block.title if isinstance(block, ast.Heading) else block.content
            keep = "old" if block.change == "moved_from" else "new"
            out.append((str(block.change), block.move.name, text_of(content, keep)))
    return out


FIRST = "Thương mại, dịch vụ phát triển đúng định hướng, đóng góp vào thu ngân sách."
SECOND = "Công tác hỗ trợ doanh nghiệp tham gia hội chợ, triển lãm được quan tâm."
THIRD = "Phát triển du lịch được quan tâm chỉ đạo thực hiện, hạ tầng từng bước đầu tư."


def test_a_paragraph_moved_with_its_notes_is_one_move_and_its_notes_are_not_new():
    notes = (note(1, "Có 105 doanh nghiệp.", "n-a"), note(2, "Có 2.428 hộ.", "n-b"))
    old = document(paragraph(FIRST, "p-1"), paragraph(SECOND, "p-2"),
                   paragraph(THIRD, "p-3", notes=(1, 2)), notes=notes)
    renumbered = (note(1, "Có 105 doanh nghiệp.", "n-a"), note(2, "Có 2.428 hộ.", "n-b"))
    new = document(paragraph(FIRST, "p-1"), paragraph(THIRD, "p-3", notes=(1, 2)),
                   paragraph(SECOND, "p-2"), notes=renumbered)
    compared, summary = compare(old, new, REVISION)
    [(to, name, there), (source, same, here)] = moved(compared)
    assert (to, source, name) == ("moved_to", "moved_from", same) and there == here == THIRD
    assert counts(summary.paragraphs) == (0, 0, 0, 1) and summary.moves == 1
    assert counts(summary.notes) == (0, 0, 0, 2)  # moved with it, not two in and two out
    assert marks(compared) == []  # nothing inserted or deleted
    assert body_text(compared, "new") == [FIRST, THIRD, SECOND]
    assert body_text(compared, "old") == [FIRST, SECOND, THIRD]
    # the notes: the moved copy (numbered where it is) compared, the source's as it was
    assert [(n.number, n.anchor, n.change) for n in compared.notes] == [
        (1, "n-a", None), (2, "n-b", None), (3, "n-a", "moved_from"), (4, "n-b", "moved_from")]


def test_a_paragraph_moved_and_edited_is_a_move_with_its_edit_tracked_inside():
    edited = THIRD.replace("chỉ đạo thực hiện", "lãnh đạo, chỉ đạo thực hiện")
    old = document(paragraph(FIRST, "p-1"), paragraph(SECOND, "p-2"), paragraph(THIRD, "p-3"))
    new = document(paragraph(edited, "p-3b"), paragraph(FIRST, "p-1"),
                   paragraph(SECOND, "p-2"))
    compared, summary = compare(old, new, REVISION)
    assert [(c, text) for c, _, text in moved(compared)] == [("moved_to", edited),
                                                             ("moved_from", THIRD)]
    assert marks(compared) == [("Inserted", "lãnh đạo, ")]
    assert counts(summary.paragraphs) == (0, 0, 1, 1)
    assert body_text(compared, "new") == [edited, FIRST, SECOND]
    assert body_text(compared, "old") == [FIRST, SECOND, THIRD]


def test_a_short_paragraph_reworded_elsewhere_is_not_taken_for_a_move():
    old = document(paragraph(FIRST, "p-1"), paragraph("Đoạn ngắn.", "p-2"))
    new = document(paragraph("Đoạn ngắn!", "p-3"), paragraph(FIRST, "p-1"))
    _, summary = compare(old, new, REVISION)
    assert counts(summary.paragraphs) == (1, 1, 0, 0)


def test_a_section_moved_is_one_move_from_its_heading_to_its_last_paragraph():
    old = document(heading("Thương mại", "h-a", label="a."), paragraph(FIRST, "p-1"),
                   heading("Công nghiệp", "h-b", label="b."), paragraph(SECOND, "p-2"),
                   paragraph(THIRD, "p-3"))
    new = document(heading("Công nghiệp", "h-b", label="a."), paragraph(SECOND, "p-2"),
                   paragraph(THIRD, "p-3"), heading("Thương mại", "h-a", label="b."),
                   paragraph(FIRST, "p-1"))
    compared, summary = compare(old, new, REVISION)
    blocks = [b for b in compared.body[1:] if isinstance(b, ast.Heading | ast.Paragraph)]
    moves = [(b.change, b.move) for b in blocks if b.move is not None]
    assert summary.moves == 1 and counts(summary.paragraphs) == (0, 0, 0, 2)
    assert len({move.name for _, move in moves}) == 1
    # the shorter section moved (the longer stayed); one range at each end of the move,
    # from the heading to the end of its paragraph
    assert [(c, m.starts, m.ends) for c, m in moves] == [
        ("moved_from", True, False), ("moved_from", False, True),
        ("moved_to", True, False), ("moved_to", False, True)]
    [heading_there] = [b for b in blocks if isinstance(b, ast.Heading) and b.change == "moved_to"]
    assert heading_there.label == "b." and heading_there.label_was is None  # in its move


def test_a_note_moved_to_another_paragraph_is_a_move_of_its_mark():
    notes = (note(1, "Có 105 doanh nghiệp.", "n-a"),)
    old = document(paragraph(FIRST, "p-1", notes=(1,)), paragraph(SECOND, "p-2"), notes=notes)
    new = document(paragraph(FIRST, "p-1"), paragraph(SECOND, "p-2", notes=(1,)), notes=notes)
    compared, summary = compare(old, new, REVISION)
    refs = [(type(i).__name__, i.move) for b in compared.body if isinstance(b, ast.Paragraph)
            for i in b.content if isinstance(i, ast.MovedFrom | ast.MovedTo)]
    assert [kind for kind, _ in refs] == ["MovedFrom", "MovedTo"]
    assert refs[0][1] == refs[1][1] is not None  # one move, named at both ends
    assert counts(summary.notes) == (0, 0, 0, 1)
    assert [n.change for n in compared.notes] == ["moved_from", None]


# -- figures whole ---------------------------------------------------------------------------

def test_a_changed_figure_is_replaced_whole():
    old = document(paragraph("Tổng mức bán lẻ năm 2025 đạt 6.150 tỷ đồng, tăng 17,08%/năm.",
                             "p-1"))
    new = document(paragraph("Tổng mức bán lẻ năm 2025 đạt 6.200 tỷ đồng, tăng 17,27%/năm.",
                             "p-1"))
    compared, summary = compare(old, new, REVISION)
    assert marks(compared) == [("Deleted", "6.150"), ("Inserted", "6.200"),
                               ("Deleted", "17,08%"), ("Inserted", "17,27%")]
    [quote] = summary.quotes
    assert quote.text() == "Tổng mức bán lẻ năm 2025 đạt 6.150 → 6.200 tỷ đồng, tăng " \
        "17,08% → 17,27%/năm."


def test_a_long_sentence_is_quoted_around_its_changed_figure():
    before = ("Hoạt động kinh doanh thương mại - dịch vụ những năm đầu nhiệm kỳ chịu ảnh hưởng "
              "của dịch bệnh. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng giai đoạn "
              "2021 – 2025 ước tăng 17,08%/năm, cao hơn mức bình quân chung của toàn tỉnh trong "
              "cùng giai đoạn và vượt chỉ tiêu Nghị quyết đề ra. Hiện nay có 105 doanh nghiệp.")
    old = document(heading("Thương mại", "h-a", label="a."), paragraph(before, "p-1"))
    new = document(heading("Thương mại", "h-a", label="a."),
                   paragraph(before.replace("17,08", "17,27"), "p-1"))
    _, summary = compare(old, new, REVISION)
    [quote] = summary.quotes
    assert quote.place == "a. Thương mại"
    assert quote.text().startswith("… ") and quote.text().endswith(" …")
    assert "ước tăng 17,08% → 17,27%/năm, cao hơn" in quote.text()
    assert "dịch bệnh" not in quote.text()  # another sentence
    assert "105" not in quote.text()


def test_a_long_summary_in_markdown_is_capped_and_says_how_much_more():
    from qtreport.diff.summary import MOST_LISTED, markdown

    old = document(*(paragraph(f"Chỉ tiêu {i} năm 2025 đạt {i}0 tỷ đồng.", f"p-{i}")
                     for i in range(MOST_LISTED + 20)))
    new = document(*(paragraph(f"Chỉ tiêu {i} năm 2025 đạt {i}5 tỷ đồng.", f"p-{i}")
                     for i in range(MOST_LISTED + 20)))
    _, summary = compare(old, new, REVISION)
    assert len(summary.quotes) == MOST_LISTED + 20
    text = markdown(summary, "main", "HEAD")
    assert text.count("~~") == 2 * MOST_LISTED
    assert "… và 20 dòng nữa (and 20 more" in text


# -- any edit: accepting gives the newer draft, rejecting the older ------------------------------

SENTENCES = [FIRST, SECOND, THIRD,
             "Công nghiệp sản xuất và chế biến nông, lâm sản tiếp tục phát triển ổn định.",
             "Sản xuất nông nghiệp và xây dựng nông thôn mới chuyển biến tích cực qua từng năm.",
             "Thu ngân sách năm 2025 ước đạt 126,0 tỷ đồng, tăng 6,46%/năm.",
             "Quốc phòng, an ninh được giữ vững; trật tự an toàn xã hội được bảo đảm."]


def accepted(doc: ast.Document, keep: str) -> list[str]:
    """The body's paragraphs as Word shows them with every change accepted or rejected."""
    gone = ("inserted", "moved_to") if keep == "old" else ast.GONE
    return [text_of(b.content, keep) for b in doc.body
            if isinstance(b, ast.Paragraph) and b.change not in gone]


@st.composite
def drafts(draw):
    """An older draft of paragraphs and a newer one made from it: some moved, some taken
    out, some added, some with a word changed."""
    count = draw(st.integers(min_value=1, max_value=6))
    old = [(SENTENCES[i % len(SENTENCES)] + f" ({i})", f"p-{i}") for i in range(count)]
    new = draw(st.permutations(old))
    new = [p for p in new if draw(st.booleans()) or len(new) == 1]
    edited = []
    for text, anchor in new:
        if draw(st.integers(0, 3)) == 0:
            text, anchor = text.replace("được", "đã được", 1), anchor + "e"
        edited.append((text, anchor))
    added = draw(st.lists(st.sampled_from(SENTENCES), max_size=2))
    for k, text in enumerate(added):
        edited.insert(draw(st.integers(0, len(edited))), (text + " (mới)", f"p-new-{k}"))
    return old, edited


@given(drafts())
def test_accepting_gives_the_newer_draft_and_rejecting_the_older(pair):
    old, new = pair
    before = document(*(paragraph(text, anchor) for text, anchor in old))
    after = document(*(paragraph(text, anchor) for text, anchor in new))
    compared, _ = compare(before, after, REVISION)
    assert accepted(compared, "new") == [text for text, _ in new]
    assert accepted(compared, "old") == [text for text, _ in old]
    sources = [b.move.name for b in compared.body
               if isinstance(b, ast.Paragraph) and b.change == "moved_from" and b.move]
    targets = [b.move.name for b in compared.body
               if isinstance(b, ast.Paragraph) and b.change == "moved_to" and b.move]
    assert sorted(sources) == sorted(targets)  # every move named at both ends


def refs(inlines: ast.Inlines, keep: str) -> list[int]:
    """The note numbers the words refer to, as Word shows them with every change accepted
    (keep "new") or rejected."""
    out: list[int] = []
    for inline in inlines:
        if isinstance(inline, ast.NoteRef):
            out.append(inline.number)
        elif isinstance(inline, ast.Inserted | ast.MovedTo):
            out += refs(inline.content, keep) if keep == "new" else []
        elif isinstance(inline, ast.Deleted | ast.MovedFrom):
            out += refs(inline.content, keep) if keep == "old" else []
        elif hasattr(inline, "content"):
            out += refs(inline.content, keep)
    return out


def note_texts(doc: ast.Document, keep: str) -> list[str]:
    gone = ("inserted", "moved_to") if keep == "old" else ast.GONE
    numbers = [n for b in doc.body if isinstance(b, ast.Paragraph) and b.change not in gone
               for n in refs(b.content, keep)]
    return [text_of(doc.notes[n - 1].paragraphs[0].content, keep) for n in numbers]


@given(drafts(), st.data())
def test_notes_read_back_as_each_draft_has_them(pair, data):
    """Notes on the paragraphs, some moving with their paragraph, some to another one."""
    old, new = pair
    anchors = [anchor for _, anchor in old]
    holder = {anchor: data.draw(st.sampled_from(anchors)) for anchor in anchors}
    moved_to = {anchor: data.draw(st.sampled_from([a for _, a in new] or [None]))
                for anchor in anchors}

    def build(paragraphs, where):
        notes, body = [], []
        for text, anchor in paragraphs:
            mine = [n for n in anchors if where(n) == anchor]
            numbers = tuple(range(len(notes) + 1, len(notes) + 1 + len(mine)))
            notes += [note(k, f"Chú thích {n}.", f"n-{n}") for k, n in zip(numbers, mine,
                                                                         strict=True)]
            body.append(paragraph(text, anchor, notes=numbers))
        return document(*body, notes=tuple(notes)), [n.paragraphs[0] for n in notes]

    now = {n: moved_to[n] if data.draw(st.booleans()) else holder[n] for n in anchors}
    before, _ = build(old, lambda n: holder[n])
    after, _ = build(new, lambda n: now[n])
    compared, _ = compare(before, after, REVISION)
    assert note_texts(compared, "new") == [ast.plain(n.paragraphs[0].content)
                                           for n in after.notes]
    assert note_texts(compared, "old") == [ast.plain(n.paragraphs[0].content)
                                           for n in before.notes]
