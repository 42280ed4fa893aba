"""The one door for Word files from outside: returned copies (`feedback add`, `apply`) and
drafts to import (`import`) are opened here, within bounds no real report comes near.

A .docx is a zip of XML parts, and anyone can make one. Before anything is read the file
must be a regular file (not a pipe or a device) of at most MAX_FILE_BYTES; its zip
directory is looked at first (at most MAX_ENTRIES entries, no ZIP64); only the parts a
reader asks for are inflated, each to at most MAX_PART_BYTES and all of them together to
at most MAX_TOTAL_BYTES, however large their headers say they are; a part is parsed only
if it holds at most MAX_TAGS tags, without a DTD, entities or the network. Every way a
file can fail (not a zip, a damaged deflate stream, a wrong checksum, broken XML, a bound
passed) is a PackageError in plain words, which the caller reports for that file alone.

The report's own draft is 0,5 MB unpacked (document.xml 0,3 MB, 8.500 elements): the
bounds are sixty times that and more.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from lxml import etree

MAX_FILE_BYTES = 100_000_000  # the .docx as stored, pictures and all
MAX_ENTRIES = 10_000  # files in the zip; Word writes a few dozen
MAX_PART_BYTES = 24_000_000  # one XML part, unpacked
MAX_TOTAL_BYTES = 64_000_000  # every part read from one file, unpacked
MAX_TAGS = 1_000_000  # '<' in one part: an upper bound of its elements

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted DOCX, or an old .doc
_ZIP_MAGIC = b"PK\x03\x04"
_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_RESAVE = "open it in Word, save it again as a .docx document, and give that copy"


class PackageError(Exception):
    """The file cannot be read as a Word document; the message says why, in plain words."""

    def __init__(self, message: str, message_en: str, hint: str = _RESAVE):
        super().__init__(message_en)
        self.message, self.message_en, self.hint = message, message_en, hint


def _parser() -> Any:
    # No DTD is loaded, no entity expanded, nothing fetched; huge_tree stays off (libxml2's
    # own limits on depth and text size stand).
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                           huge_tree=False, remove_comments=True, remove_pis=True)


class Package:
    """The XML parts of one Word document, read on demand and parsed once."""

    def __init__(self, name: str, parts: dict[str, bytes]):
        self.name, self._parts = name, parts
        self._parsed: dict[str, Any] = {}

    def has(self, part: str) -> bool:
        return part in self._parts

    def xml(self, part: str) -> Any:
        """The root element of `part`; None if the document has no such part."""
        if part not in self._parts:
            return None
        if part not in self._parsed:
            self._parsed[part] = parse_part(part, self._parts[part])
        return self._parsed[part]


def parse_part(part: str, blob: bytes) -> Any:
    """One part's XML, parsed safely; PackageError when it is damaged or not allowed."""
    if blob.count(b"<") > MAX_TAGS:
        raise PackageError("tài liệu Word quá lớn để đọc",
                           f"{part} has more than {MAX_TAGS:,} XML tags: no report is that "
                           "large", "check that this is the right file")
    if b"<!DOCTYPE" in blob or b"<!ENTITY" in blob:
        raise PackageError("tài liệu Word có khai báo DTD không được phép",
                           f"{part} declares a DTD or entities (<!DOCTYPE>), which Word never "
                           "writes: the file was made to attack the reader, or is damaged")
    try:
        root = etree.fromstring(blob, _parser())
    except (etree.XMLSyntaxError, ValueError) as err:
        raise PackageError("tài liệu Word bị hỏng",
                           f"the XML of {part} is damaged ({err})") from None
    if root is None:
        raise PackageError("tài liệu Word bị hỏng", f"{part} is empty")
    return root


def open_package(path: Path, wanted: tuple[str, ...]) -> Package:
    """The parts named in `wanted` of the Word document at `path` (those it has; it must
    have word/document.xml); PackageError, in plain words, when it is no readable .docx
    or passes a bound."""
    size = _regular_file_size(path)
    with _open(path) as handle:
        head = handle.read(8)
        if head == _OLE_MAGIC:
            raise PackageError("tệp được đặt mật khẩu hoặc là tệp .doc cũ",
                               "the file is protected by a password, or is an old .doc",
                               "open it in Word and save a copy as .docx without a password")
        if not head.startswith(_ZIP_MAGIC):
            raise _not_word("it does not begin as a .docx (zip) file does")
        _check_directory(handle, size)
        handle.seek(0)
        return Package(path.name, _read_parts(handle, wanted))


def _regular_file_size(path: Path) -> int:
    try:
        info = path.stat()
    except OSError as err:
        raise PackageError("không đọc được tệp",
                           f"the file cannot be read: {err.strerror or err}",
                           "check the file name") from None
    if not stat.S_ISREG(info.st_mode):
        raise PackageError("không phải là tệp văn bản thông thường",
                           "it is not a regular file (a folder, a pipe or a device)",
                           "give the .docx file itself")
    if info.st_size > MAX_FILE_BYTES:
        raise PackageError(f"tệp quá lớn ({info.st_size:,} byte)",
                           f"the file is too large ({info.st_size:,} bytes; at most "
                           f"{MAX_FILE_BYTES:,})",
                           "save it without its pictures, or check that it is the right file")
    return info.st_size


def _open(path: Path) -> Any:
    try:
        # O_NONBLOCK: a pipe put in the file's place after the check above cannot hang us
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        return os.fdopen(fd, "rb")
    except OSError as err:
        raise PackageError("không đọc được tệp",
                           f"the file cannot be read: {err.strerror or err}",
                           "check the file name") from None


def _check_directory(handle: Any, size: int) -> None:
    """The zip's end record: how many entries its directory holds, before zipfile reads
    them all (a directory of millions of names would fill the memory)."""
    tail_size = min(size, 65_535 + 22)  # the end record, with its longest comment
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        raise _not_word("its zip directory is missing (the file is cut short?)")
    entries, directory_size = struct.unpack("<HI", tail[at + 10:at + 16])
    if _ZIP64_LOCATOR in tail[max(0, at - 20):at] or entries == 0xFFFF:
        raise _not_word("it is a ZIP64 archive, which no Word document needs")
    if entries > MAX_ENTRIES or directory_size > MAX_ENTRIES * 1_024:
        raise PackageError("tệp có quá nhiều thành phần",
                           f"the file holds {entries:,} parts (at most {MAX_ENTRIES:,}): it "
                           "is not a report", "check that this is the right file")


def _read_parts(handle: Any, wanted: tuple[str, ...]) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(handle) as package:
            for name in wanted:
                try:
                    info = package.getinfo(name)
                except KeyError:
                    continue
                if info.file_size > MAX_PART_BYTES or total + info.file_size > MAX_TOTAL_BYTES:
                    raise _too_large(name, info.file_size)
                with package.open(info) as member:
                    blob = member.read(MAX_PART_BYTES + 1)
                if len(blob) > MAX_PART_BYTES:
                    raise _too_large(name, len(blob))
                total += len(blob)
                parts[name] = blob
    except PackageError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            RuntimeError, NotImplementedError, ValueError, struct.error) as err:
        # RuntimeError: an entry with a password; NotImplementedError: a compression
        # method zipfile lacks; zlib.error: a damaged deflate stream
        raise _not_word(f"its zip is damaged ({err or type(err).__name__})") from None
    if "word/document.xml" not in parts:
        raise _not_word("it has no word/document.xml")
    return parts


def _not_word(why: str) -> PackageError:
    return PackageError("tệp không phải tài liệu Word (.docx) hoặc bị hỏng",
                        f"the file is not a Word document (.docx) or is damaged: {why}",
                        "save it again from Word as a .docx document")


def _too_large(part: str, size: int) -> PackageError:
    return PackageError("tài liệu Word quá lớn để đọc",
                        f"{part} unpacks to {size:,} bytes or more (at most "
                        f"{MAX_PART_BYTES:,} a part, {MAX_TOTAL_BYTES:,} in all): no report "
                        "is that large", "check that this is the right file")


def decimal_id(value: str | None, most: int = 9) -> int | None:
    """An id Word writes as a decimal number (a note's, a comment's): the number, or None
    when it is missing, not a number or absurdly long."""
    if value is None:
        return None
    text = value.strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > most:
        return None
    return int(text)
