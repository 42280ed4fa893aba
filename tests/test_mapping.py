"""feedback/mapping.py on trees and copies made by hand: a comment is placed by the anchor
its copy carries where the copy's words agree with that passage, through the older draft
for an older copy, by its words where the mark is gone or lies, and kept with the reason
where it can be placed nowhere."""

from __future__ import annotations

from qtreport.feedback.mapping import Index, agrees, place_items
from qtreport.readers.returned_copy import CopyItem, Place, ReturnedCopy
from trees import document, paragraph

GROWTH = "Tổng giá trị sản xuất trên địa bàn năm 2025 đạt 3.033 tỷ đồng, tăng 9,67%."
BUDGET = "Thu ngân sách nhà nước trên địa bàn năm 2025 ước đạt 450 tỷ đồng."
NOW = document(paragraph(GROWTH, "p-growth", line=4), paragraph(BUDGET, "p-budget", line=9))


def placed(anchors: tuple[str, ...], text: str, older=None, lost: str = "") -> dict:
    item = CopyItem(kind="comment", author="Chi bộ 1", date="2026-11-20", text="Góp ý.",
                    old="", passage=text, place=Place(anchors=anchors, text=text), lost=lost)
    copy = ReturnedCopy(name="chi-bo-1.docx", version=None, commit=None, bookmarks=1,
                        items=(item,))
    [entry] = place_items(copy, None, Index(NOW), older)
    return {"line": entry.line, "carried": entry.carried, "unplaced": entry.unplaced,
            "unit": entry.unit}


def test_a_mark_whose_words_agree_places_the_comment():
    assert placed(("p-growth",), GROWTH) == {"line": 4, "carried": None, "unplaced": None,
                                             "unit": "Chi bộ 1"}


def test_a_mark_that_names_another_passage_is_not_trusted():
    found = placed(("p-growth",), BUDGET)  # the copy's words are the budget paragraph's
    assert found["line"] == 9 and "names another passage" in found["carried"]


def test_a_passage_without_marks_is_placed_by_its_words():
    found = placed((), GROWTH)  # another word processor dropped the marks: the words stay
    assert found["line"] == 4 and "carries no mark of the draft here" in found["carried"]
    added = placed((), "Đề nghị bổ sung một đoạn về chuyển đổi số trong các cơ quan.")
    assert added["unplaced"].startswith("the passage carries no mark of the draft, and no")
    edited = "Tổng giá trị sản xuất trên địa bàn năm 2025 đạt 3.100 tỷ đồng, tăng 9,67%."
    found = placed(("p-gone",), edited)
    assert found["line"] == 4 and "found by its words" in found["carried"]


def test_an_older_copy_is_carried_through_its_draft():
    then = document(paragraph("Giá trị sản xuất năm 2025 đạt 3.033 tỷ đồng, tăng 9,67%, "
                              "trên địa bàn thị xã.", "p-old", line=4))
    found = placed(("p-old",), "Giá trị sản xuất năm 2025 đạt 3.033 tỷ đồng, tăng 9,67%, "
                   "trên địa bàn thị xã.", older=Index(then))
    assert found["line"] == 4 and found["carried"].startswith("carried from the older draft")


def test_a_comment_lost_in_the_copy_is_kept_with_why():
    found = placed((), "", lost="the comment marks no passage in the copy")
    assert found["line"] is None and found["unplaced"] == "the comment marks no passage in the copy"


def test_agreeing_words():
    assert agrees("", GROWTH)  # nothing to contradict the mark
    assert agrees("3.033 tỷ đồng", GROWTH)  # a cell, or part of the passage
    assert not agrees(BUDGET, GROWTH)


def test_similar_finds_the_closest_passage_of_the_kind_asked():
    from qtreport import ast

    index = Index(NOW)
    found = index.similar("Thu ngân sách nhà nước năm 2025 ước đạt 451 tỷ đồng.", ast.Paragraph)
    assert found is not None and found[0].node.anchor == "p-budget" and found[1] > 0.8
    assert index.similar("Một câu không liên quan gì cả.") is None


def test_an_older_copy_without_marks_is_found_in_its_draft_then_carried():
    then = document(paragraph("Giá trị sản xuất năm 2025 đạt 3.033 tỷ đồng, tăng 9,67%, "
                              "trên địa bàn thị xã.", "p-old", line=4))
    found = placed((), "Giá trị sản xuất năm 2025 đạt 3.033 tỷ đồng, tăng 9,67%, trên địa bàn "
                   "thị xã.", older=Index(then))  # the marks lost, the stamp kept
    assert found["line"] == 4 and found["carried"].startswith("carried from the older draft")
