"""Word files made to hurt a reader, for the tests of untrusted input: zip and entity
bombs, damaged streams, odd ids, forged stamps, comments whose marks disagree. Each is
made from a real draft (or from nothing) by rewriting its zip, as an attacker would."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WNS = W[1:-1]
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def save(parts: dict[str, bytes], target: Path,
         streams: dict[str, Callable[[], bytes]] | None = None, repeat: int = 0) -> Path:
    """Write a .docx; `streams` are parts written `repeat` times over from a chunk
    (a huge part made without holding it in memory)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
        for name, chunk in (streams or {}).items():
            with package.open(name, "w", force_zip64=True) as member:
                piece = chunk()
                for _ in range(repeat):
                    member.write(piece)
    return target


def xml(blob: bytes):
    return etree.fromstring(blob)


def serial(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def with_part(source: Path, target: Path, name: str, blob: bytes) -> Path:
    parts = parts_of(source)
    parts[name] = blob
    return save(parts, target)


def with_property(source: Path, target: Path, name: str, value: str) -> Path:
    """The copy with a custom document property set, as File › Properties does."""
    parts = parts_of(source)
    custom = parts["docProps/custom.xml"].decode()
    from xml.sax.saxutils import escape, quoteattr

    written = f"<vt:lpwstr>{escape(value)}</vt:lpwstr>"
    custom, found = re.subn(rf'(name="{name}">)<vt:lpwstr(?:/>|>[^<]*</vt:lpwstr>)',
                            lambda m: m.group(1) + written, custom)
    if not found:  # a draft built outside git has no commit: the property is added
        custom = custom.replace("</Properties>", '<property fmtid="{D5CDD505-2E9C-101B-'
                                f'9397-08002B2CF9AE}}" pid="9" name={quoteattr(name)}>'
                                f"{written}</property></Properties>")
    parts["docProps/custom.xml"] = custom.encode()
    return save(parts, target)


def damaged_deflate(source: Path, target: Path, part: str = "word/document.xml") -> Path:
    """The copy with bytes in the middle of one part's compressed stream overwritten."""
    blob = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as package:
        info = package.getinfo(part)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    blob[middle:middle + 64] = bytes(range(64))
    target.write_bytes(bytes(blob))
    return target


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(b'<!ENTITY %s "%s">' % (chr(98 + i).encode(),
                                                     (b"&%s;" % chr(97 + i).encode()) * 10)
                             for i in range(9))
                  + b']><w:document xmlns:w="' + WNS.encode() + b'"><w:body><w:p><w:r><w:t>'
                  b"&j;</w:t></w:r></w:p></w:body></w:document>")


def note_ids(source: Path, target: Path, value: str) -> Path:
    """The copy with its first footnote's id (and its reference) replaced by `value`."""
    parts = parts_of(source)
    notes, body = xml(parts["word/footnotes.xml"]), xml(parts["word/document.xml"])
    note = next(n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None)
    old = note.get(f"{W}id")
    note.set(f"{W}id", value)
    for reference in body.iter(f"{W}footnoteReference"):
        if reference.get(f"{W}id") == old:
            reference.set(f"{W}id", value)
    parts["word/footnotes.xml"], parts["word/document.xml"] = serial(notes), serial(body)
    return save(parts, target)


def without_body(source: Path, target: Path) -> Path:
    parts = parts_of(source)
    root = xml(parts["word/document.xml"])
    root.remove(root.find(f"{W}body"))
    parts["word/document.xml"] = serial(root)
    return save(parts, target)


def many_entries(target: Path, count: int) -> Path:
    with zipfile.ZipFile(target, "w") as package:
        package.writestr("word/document.xml", b"<w:document xmlns:w='%s'/>" % WNS.encode())
        for number in range(count):
            package.writestr(f"word/media/{number}.bin", b"")
    return target


# -- comments as other hands write them ---------------------------------------------------------

def _paragraphs_with(body, words: list[str]) -> list:
    found = []
    for wanted in words:
        found.append(next(p for p in body.iter(f"{W}p")
                          if wanted in "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return found


def _comments_part(parts: dict[str, bytes]):
    if "word/comments.xml" in parts:
        return xml(parts["word/comments.xml"])
    root = etree.Element(f"{W}comments", nsmap={"w": WNS, "w14": W14[1:-1]})
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/comments.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdHostileComments" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/comments" '
        b'Target="comments.xml"/></Relationships>')
    return root


def _add_comment(comments, comment_id: str, text: str, author: str, para_id: str) -> None:
    comment = etree.SubElement(comments, f"{W}comment",
                               {f"{W}id": comment_id, f"{W}author": author,
                                f"{W}date": "2026-11-20T09:00:00Z"})
    paragraph = etree.SubElement(comment, f"{W}p", {f"{W14}paraId": para_id})
    etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}t").text = text


def _mark(paragraph, comment_id: str, ranged: bool = True) -> None:
    runs = paragraph.findall(f"{W}r")
    if ranged:
        runs[0].addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": comment_id}))
        runs[-1].addnext(etree.Element(f"{W}commentRangeEnd", {f"{W}id": comment_id}))
    reference = etree.SubElement(paragraph, f"{W}r")
    etree.SubElement(reference, f"{W}commentReference", {f"{W}id": comment_id})


def comments_on(source: Path, target: Path, on: list[tuple[str, str, str]],
                ranged: bool = True, ids: list[str] | None = None,
                unmarked: list[tuple[str, str]] = ()) -> Path:
    """Comments (words of the paragraph, comment text, author) written as Word writes them,
    with the ids given (duplicated or not numbers, if so asked), with or without ranges;
    and `unmarked` comments that are in comments.xml and nowhere in the document."""
    parts = parts_of(source)
    body = xml(parts["word/document.xml"])
    comments = _comments_part(parts)
    ids = ids or [str(100 + i) for i in range(len(on))]
    paragraphs = _paragraphs_with(body, [w for w, _, _ in on])
    order = {id(p): i for i, p in enumerate(body.iter(f"{W}p"))}
    # comments.xml in the order of the document, as Word writes it
    placed = sorted(zip(on, paragraphs, strict=True), key=lambda pair: order[id(pair[1])])
    for ((_words, text, author), paragraph), comment_id, number in zip(
            placed, ids, range(len(on)), strict=True):
        _mark(paragraph, comment_id, ranged)
        _add_comment(comments, comment_id, text, author, f"1{number:07X}")
    for number, (text, author) in enumerate(unmarked):
        _add_comment(comments, str(900 + number), text, author, f"2{number:07X}")
    parts["word/document.xml"], parts["word/comments.xml"] = serial(body), serial(comments)
    return save(parts, target)


def replies_in_a_ring(source: Path, target: Path, words: str) -> Path:
    """Two comments on one paragraph, each written as the reply of the other."""
    path = comments_on(source, target, [(words, "Câu hỏi.", "A"), (words, "Trả lời.", "B")])
    parts = parts_of(path)
    extended = etree.Element(f"{W15}commentsEx", nsmap={"w15": W15[1:-1]})
    for own, parent in (("10000000", "10000001"), ("10000001", "10000000")):
        etree.SubElement(extended, f"{W15}commentEx", {f"{W15}paraId": own,
                                                        f"{W15}paraIdParent": parent})
    parts["word/commentsExtended.xml"] = serial(extended)
    return save(parts, target)


def one_bookmark_name_everywhere(source: Path, target: Path) -> Path:
    """Every hidden mark of the draft renamed to the first one's name, as a careless
    macro or a broken word processor might."""
    parts = parts_of(source)
    body = xml(parts["word/document.xml"])
    marks = [b for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name", "").startswith("_qt_p")]
    for mark in marks:
        mark.set(f"{W}name", marks[0].get(f"{W}name"))
    parts["word/document.xml"] = serial(body)
    return save(parts, target)
