"""Independent readers of a built DOCX for the tests: the raw XML, pandoc, LibreOffice."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def xml(docx: Path, member: str) -> ET.Element:
    with zipfile.ZipFile(docx) as z:
        return ET.fromstring(z.read(member))


def footnote_texts(docx: Path) -> dict[int, str]:
    """Regular footnotes by id, their paragraphs joined by newlines."""
    notes = {}
    for note in xml(docx, "word/footnotes.xml").findall(f"{W}footnote"):
        if note.get(f"{W}type"):
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t"))
                      for p in note.findall(f"{W}p")]
        notes[int(note.get(f"{W}id"))] = "\n".join(paragraphs).strip()
    return notes


def reference_order(docx: Path) -> list[int]:
    body = xml(docx, "word/document.xml")
    return [int(r.get(f"{W}id")) for r in body.iter(f"{W}footnoteReference")]


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (CI installs it: see .ci/run)")
    return path


def pandoc_json(docx: Path) -> dict:
    require("pandoc")
    out = subprocess.run(["pandoc", "-f", "docx", "-t", "json", str(docx)],
                         capture_output=True, check=True, timeout=120)
    return json.loads(out.stdout)


def pandoc_inline_text(inlines: list) -> str:
    """Plain text of a pandoc inline list, notes left out."""
    out = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps"):
            out.append(pandoc_inline_text(content))
        elif kind == "Span" or kind == "Quoted":
            out.append(pandoc_inline_text(content[1]))
    return "".join(out)


def pandoc_notes(node) -> list[str]:
    """Every Note in document order, as plain text."""
    notes: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("t") == "Note":
                blocks = value["c"]
                notes.append("\n".join(pandoc_inline_text(b["c"]) for b in blocks
                                       if b["t"] in ("Para", "Plain")))
                return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(node["blocks"])
    return notes


def pandoc_headers(node) -> list[tuple[int, str]]:
    return [(b["c"][0], pandoc_inline_text(b["c"][2])) for b in node["blocks"]
            if b["t"] == "Header"]


def pdf_pages(docx: Path, workdir: Path) -> list[str]:
    """Convert with LibreOffice; return the text of each page (pdftotext)."""
    soffice = require("soffice")
    require("pdftotext")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{workdir}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(docx)],
                   capture_output=True, check=True, timeout=300)
    pdf = workdir / (docx.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True, timeout=120).stdout.decode("utf-8")
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def squash(text: str) -> str:
    """Whitespace-free text: pdftotext spaces letters oddly in justified lines."""
    return re.sub(r"\s+", "", text)
