"""Returned copies made as reviewers make them, for the tests of the comment round: Word
comments (python-docx's API in the body; the XML Word writes in a footnote) and tracked
changes (w:ins / w:del in the XML, as Word writes them with Track Changes on)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def comment(source: Path, target: Path, contains: str, text: str, author: str) -> None:
    """A Word comment on the first body paragraph that contains `contains`."""
    document = docx.Document(str(source))
    paragraph = next(p for p in document.paragraphs if contains in p.text)
    document.add_comment(paragraph.runs, text=text, author=author, initials=author[:2])
    document.save(str(target))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _save(parts: dict[str, bytes], target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def track_change(source: Path, target: Path, old: str, new: str, author: str,
                 part: str = "word/document.xml") -> None:
    """Replace the words `old` (within one run) by `new` as a tracked change; `new` "" is
    a deletion and `old` "" (with `new` after the words `at`) an insertion."""
    parts = _parts(source)
    root = etree.fromstring(parts[part])
    for run in root.iter(f"{W}r"):
        texts = run.findall(f"{W}t")
        if len(texts) != 1 or old not in (texts[0].text or ""):
            continue
        whole = texts[0].text or ""
        at = whole.index(old)
        _split(run, whole[:at], old, new, whole[at + len(old):], author)
        break
    else:
        raise AssertionError(f"no run holds {old!r}")
    parts[part] = _xml(root)
    _save(parts, target)


def _split(run, before: str, old: str, new: str, after: str, author: str) -> None:
    stamp = {f"{W}author": author, f"{W}date": "2026-11-20T09:00:00Z"}

    def clone(text: str, tag: str = f"{W}t"):
        copy = etree.fromstring(etree.tostring(run))
        for t in copy.findall(f"{W}t"):
            copy.remove(t)
        element = etree.SubElement(copy, tag)
        element.text = text
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return copy

    pieces = []
    if before:
        pieces.append(clone(before))
    if old:
        deleted = etree.Element(f"{W}del", {f"{W}id": "9001", **stamp})
        deleted.append(clone(old, f"{W}delText"))
        pieces.append(deleted)
    if new:
        inserted = etree.Element(f"{W}ins", {f"{W}id": "9002", **stamp})
        inserted.append(clone(new))
        pieces.append(inserted)
    if after:
        pieces.append(clone(after))
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)


def comment_in_note(source: Path, target: Path, contains: str, text: str, author: str) -> None:
    """A Word comment in a footnote, written in the XML as Word writes it. The copy must
    already have comments (a body comment made with `comment`)."""
    parts = _parts(source)
    notes = etree.fromstring(parts["word/footnotes.xml"])
    comments = etree.fromstring(parts["word/comments.xml"])
    number = str(max(int(c.get(f"{W}id")) for c in comments.findall(f"{W}comment")) + 1)
    run = next(r for r in notes.iter(f"{W}r")
               if contains in "".join(t.text or "" for t in r.iter(f"{W}t")))
    run.addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": number}))
    run.addnext(etree.Element(f"{W}commentRangeEnd", {f"{W}id": number}))
    reference = etree.Element(f"{W}r")
    etree.SubElement(reference, f"{W}commentReference", {f"{W}id": number})
    run.getnext().addnext(reference)
    added = etree.SubElement(comments, f"{W}comment", {f"{W}id": number, f"{W}author": author,
                                                         f"{W}date": "2026-11-20T09:00:00Z"})
    etree.SubElement(etree.SubElement(etree.SubElement(added, f"{W}p"), f"{W}r"),
                     f"{W}t").text = text
    parts["word/footnotes.xml"], parts["word/comments.xml"] = _xml(notes), _xml(comments)
    _save(parts, target)


def copy_of(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_EXTENDED = "word/commentsExtended.xml"
_EXTENDED_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "commentsExtended+xml")
_EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def reply(source: Path, target: Path, to: str, text: str, author: str) -> None:
    """A reply, as Word 2013 and later write one, to the comment whose text is `to`: a
    comment of its own on the same words, tied to its parent in commentsExtended.xml."""
    parts = _parts(source)
    comments = etree.fromstring(parts["word/comments.xml"])
    parent = next(c for c in comments.findall(f"{W}comment")
                  if "".join(t.text or "" for t in c.iter(f"{W}t")) == to)
    parent_paragraph = parent.find(f"{W}p")
    parent_paragraph.set(f"{W14}paraId", parent_paragraph.get(f"{W14}paraId") or "1A2B3C4D")
    number = str(max(int(c.get(f"{W}id")) for c in comments.findall(f"{W}comment")) + 1)
    added = etree.SubElement(comments, f"{W}comment", {f"{W}id": number, f"{W}author": author,
                                                         f"{W}date": "2026-11-21T09:00:00Z"})
    paragraph = etree.SubElement(added, f"{W}p", {f"{W14}paraId": "5E6F7A8B"})
    etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}t").text = text
    extended = etree.Element(f"{W15}commentsEx", nsmap={"w15": W15[1:-1]})
    etree.SubElement(extended, f"{W15}commentEx",
                     {f"{W15}paraId": parent_paragraph.get(f"{W14}paraId"), f"{W15}done": "0"})
    etree.SubElement(extended, f"{W15}commentEx",
                     {f"{W15}paraId": "5E6F7A8B", f"{W15}paraIdParent":
                      parent_paragraph.get(f"{W14}paraId"), f"{W15}done": "0"})
    parts["word/comments.xml"], parts[_EXTENDED] = _xml(comments), _xml(extended)
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/{_EXTENDED}" ContentType="{_EXTENDED_TYPE}"/>'
        "</Types>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdReply" Type="{_EXTENDED_REL}" '
        'Target="commentsExtended.xml"/></Relationships>').encode()
    _save(parts, target)
