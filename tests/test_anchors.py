"""Every node of the document tree has a stable anchor: unique, the same in every build of
the same YAML, and unchanged by edits elsewhere (a paragraph inserted before it, a changed
figure, a renumbered footnote)."""

from __future__ import annotations

from collections.abc import Iterator

from conftest import MiniRepo
from qtreport import ast
from qtreport.pipeline import Paths, check


def nodes(document: ast.Document) -> Iterator[tuple[str, object]]:
    """(anchor, node) for every anchored node, in reading order."""
    for paragraph in document.front:
        yield paragraph.anchor, paragraph
    for block in document.body:
        if isinstance(block, ast.SectionBreak):
            continue
        yield block.anchor, block
        if isinstance(block, ast.ListItem):
            for paragraph in block.paragraphs:
                yield paragraph.anchor, paragraph
        if isinstance(block, ast.Table):
            for row in (*block.header, *block.rows):
                yield row.anchor, row
    for note in document.notes:
        yield note.anchor, note
        for paragraph in note.paragraphs:
            yield paragraph.anchor, paragraph


def tree(root) -> ast.Document:
    result = check(Paths.at(root))
    assert result.document is not None, result.findings.items
    return result.document


def anchors(root) -> dict[str, object]:
    found = list(nodes(tree(root)))
    assert len({anchor for anchor, _ in found}) == len(found)  # unique
    return dict(found)


def test_every_node_has_a_unique_anchor_and_a_source(frozen_repo):
    found = list(nodes(tree(frozen_repo)))
    assert len(found) > 500
    assert len({anchor for anchor, _ in found}) == len(found)
    for _, node in found:
        source = node.source  # type: ignore[attr-defined]
        assert source.file.startswith(("data/", "templates/")) and source.line >= 1


def test_the_same_yaml_gives_the_same_anchors(mini: MiniRepo):
    assert anchors(mini.root) == anchors(mini.root)


def test_edits_elsewhere_leave_anchors_alone(mini: MiniRepo):
    before = anchors(mini.root)
    # a paragraph with a new footnote before everything: every note after it is renumbered
    mini.edit("data/sections/phan-1.yaml", "  - >-\n    Mở đầu phần một[^mo-dau].",
              "  - Đoạn mới chen vào[^moi].\n  - >-\n    Mở đầu phần một[^mo-dau].")
    mini.edit("data/sections/phan-1.yaml", "footnotes:\n", "footnotes:\n  moi: Chú thích mới.\n")
    after = anchors(mini.root)
    assert len(after) == len(before) + 3  # the paragraph, its note and the note's paragraph
    assert set(before) <= set(after)
    notes = [n for n in after.values() if isinstance(n, ast.Note)]
    assert [n.id for n in notes][:2] == ["moi", "mo-dau"]  # renumbered, anchors kept


def test_an_edited_paragraph_gets_a_new_anchor_and_only_it(mini: MiniRepo):
    before = anchors(mini.root)
    mini.edit("data/sections/kinh-te.yaml", "Thương mại phát triển", "Thương mại phát triển mạnh")
    after = anchors(mini.root)
    assert len(set(before) - set(after)) == 1 and len(set(after) - set(before)) == 1


def test_the_same_text_twice_is_told_apart_in_reading_order(mini: MiniRepo):
    mini.edit("data/sections/phan-2.yaml", "items: [Một., Hai.]", "items: [Một., Một.]")
    items = [n for n in anchors(mini.root).values() if isinstance(n, ast.ListItem)]
    first, second = [i.anchor for i in items if ast.plain(i.paragraphs[0].content) == "Một."]
    assert second == f"{first}-2"


def test_a_changed_figure_changes_the_text_not_the_anchors(frozen_repo):
    before = anchors(frozen_repo)
    path = frozen_repo / "data" / "actuals" / "2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  ban-le: 6150", "  ban-le: 6250"),
                    encoding="utf-8")
    after = anchors(frozen_repo)
    assert set(after) == set(before)
    assert after != before  # the same anchors, on text that quotes the new figure
