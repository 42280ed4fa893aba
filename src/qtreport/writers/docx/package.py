"""The Word package: python-docx's template made ours, the document properties, and the
zip of every part, deterministic (no timestamps, fixed order)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any, cast

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from ... import ast
from ...word.names import (
    COMMIT_PROPERTY,
    CONTENT_TYPES_NS,
    CUSTOM_NS,
    USER_PROPERTIES_FMTID,
    VERSION_PROPERTY,
    VT_NS,
)
from .xml import tag

TABLE_STYLES_KEPT = {"TableNormal", "TableGrid"}  # Word's default, and the appendices' grid
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


def new_document() -> DocxDocument:
    """python-docx's template, without what the report does not use: its sample
    paragraphs, its thumbnail, and 140 table styles ("Light Shading - Accent 1" …) with a
    Word 2010 copy of them (stylesWithEffects.xml), which together were two thirds of the
    package's XML."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag in (tag("w:p"), tag("w:tbl")):
            body.remove(child)
    styles = document.styles.element
    for style in styles.findall(tag("w:style")):
        if style.get(tag("w:type")) == "table" and \
                style.get(tag("w:styleId")) not in TABLE_STYLES_KEPT:
            styles.remove(style)
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                rels.pop(rel_id)
    _zoom_with_percent(document.settings.element)
    return document


def _zoom_with_percent(settings: Any) -> None:
    """The template's <w:zoom> lacks the percentage the schema requires of it."""
    zoom = settings.find(tag("w:zoom"))
    if zoom is not None and zoom.get(tag("w:percent")) is None:
        zoom.set(tag("w:percent"), "100")


def set_properties(document: DocxDocument, meta: ast.Meta, language: str) -> None:
    """Title, subject, author, keywords, language; no dates (the same input must give the
    same bytes)."""
    props = document.core_properties
    props.title = meta.title + (f" {meta.subtitle}" if meta.subtitle else "")
    props.subject = meta.congress or ""
    props.author = meta.issuer
    props.last_modified_by = meta.issuer
    props.comments = ""
    props.keywords = meta.keywords or ""
    props.language = language
    props.revision = 1
    core: Any = document.part.package.part_related_by(RT.CORE_PROPERTIES)
    for child in list(core.element):
        if etree.QName(child).localname in ("created", "modified"):
            core.element.remove(child)


# The version stamp: custom document properties, which Word and LibreOffice keep when a
# reviewer saves the copy (they show them under File › Properties › Custom).


def set_version(document: DocxDocument, meta: ast.Meta) -> None:
    """Which sources the document was built from (their digest, and the git commit)."""
    stamp = {VERSION_PROPERTY: meta.version, COMMIT_PROPERTY: meta.commit or ""}
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties",
                         nsmap={None: CUSTOM_NS, "vt": VT_NS})  # type: ignore[dict-item]
    for pid, (name, value) in enumerate(((n, v) for n, v in stamp.items() if v), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                {"fmtid": USER_PROPERTIES_FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    if not len(root):
        return
    package = document.part.package
    part = XmlPart(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                   cast(Any, root), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def package_bytes(document: DocxDocument) -> bytes:
    """The .docx: every part of the package, zipped."""
    return zip_members(package_members(document))


def package_members(document: DocxDocument) -> dict[str, bytes]:
    """Every member of the package by its name in the zip: the content types, the
    relationships, the parts. What python-docx's save() writes, without the zip."""
    package = document.part.package
    parts = list(package.iter_parts())
    members = {"[Content_Types].xml": _content_types(parts),
               "_rels/.rels": package.rels.xml}
    for part in parts:
        part.before_marshal()
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    return members


def _content_types(parts: Iterable[Part]) -> bytes:
    """[Content_Types].xml: the two defaults and one override per part."""
    types = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types",
                          nsmap={None: CONTENT_TYPES_NS})  # type: ignore[dict-item]
    for extension, content_type in (
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("xml", "application/xml")):
        etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Default",
                         {"Extension": extension, "ContentType": content_type})
    for part in sorted(parts, key=lambda part: part.partname):
        etree.SubElement(types, f"{{{CONTENT_TYPES_NS}}}Override",
                         {"PartName": part.partname, "ContentType": part.content_type})
    return etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_members(members: dict[str, bytes]) -> bytes:
    """The members as one zip: [Content_Types].xml first (as Office writes it), the rest
    by name; fixed timestamps and permissions."""
    names = sorted(members, key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
