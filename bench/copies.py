"""Returned copies of a built draft, as reviewers send them back: eight comments each, on
paragraphs spread over the report, and a tracked deletion. For the bench of the comment round.

    python bench/copies.py DRAFT.docx FOLDER COUNT
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn


def make_copies(draft: Path, folder: Path, count: int) -> None:
    folder.mkdir(exist_ok=True)
    for n in range(count):
        document = docx.Document(str(draft))
        paragraphs = [p for p in document.paragraphs if len(p.runs) > 1]
        for k in range(8):
            target = paragraphs[(n * 13 + k * 37) % len(paragraphs)]
            document.add_comment(target.runs, text=f"Góp ý {k + 1} của đơn vị {n + 1}.",
                                 author=f"Đơn vị {n + 1}")
        run = paragraphs[(n * 7) % len(paragraphs)].runs[0]._r
        deleted = run.makeelement(qn("w:del"), {qn("w:id"): "90001",
                                                qn("w:author"): f"Đơn vị {n + 1}"})
        run.addprevious(deleted)
        deleted.append(run)
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
        document.save(str(folder / f"don-vi-{n + 1:02}.docx"))


if __name__ == "__main__":
    make_copies(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
