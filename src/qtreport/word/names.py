"""The names of Word's XML, and the contract between a draft qtreport builds and the copies
that come back: what the writer puts in, the readers look for.

A draft carries, as hidden bookmarks, the anchor of every heading, paragraph, item, note
and table row (a leading "_": Word keeps such a bookmark out of its list), and which
sources it was built from, as custom document properties (Word and LibreOffice keep them
when a reviewer saves the copy; they show under File › Properties › Custom).
"""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
DC = "{http://purl.org/dc/elements/1.1/}"
CORE_PROPERTIES = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
CUSTOM = "{" + CUSTOM_NS + "}"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
USER_PROPERTIES_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # Office's user properties

# -- the draft/copy contract -------------------------------------------------------------------

VERSION_PROPERTY = "qtreport-sources"  # the digest of the sources the draft was built from
COMMIT_PROPERTY = "qtreport-commit"  # the git commit they were at
BOOKMARK_PREFIX = "_qt_"


def bookmark_name(anchor: str) -> str:
    """How a node's anchor is named as a Word bookmark (letters, digits and "_" only)."""
    return BOOKMARK_PREFIX + anchor.replace("-", "_")


def anchor_of_bookmark(name: str) -> str | None:
    """The anchor a bookmark of a built document stands for; None for anyone else's. A
    word processor that copies a bookmark renames the copy (LibreOffice, editing a note:
    "<name>_Copy_1"): the copy stands for the same anchor (the words say whether it is
    the same passage: feedback/mapping.py)."""
    if not name.startswith(BOOKMARK_PREFIX):
        return None
    return _COPIED.sub("", name[len(BOOKMARK_PREFIX):]).replace("_", "-")


_COPIED = re.compile(r"(?:_Copy_?\d*)+$", re.IGNORECASE)
