"""Benchmark: comparing two drafts (diff/), in process, on the report made 10 times larger
(bench/synth.py): the same draft, every other paragraph moved one place down, every
paragraph edited (each paired by its words), and every paragraph rewritten (nothing pairs,
so every one is tried as a move of every other). The median of --runs runs; the writing of
the DOCX is left out (the build benchmark has it).

    .venv/bin/python bench/compare.py --scale 10 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make

from qtreport import ast
from qtreport.diff import compare
from qtreport.pipeline import check_folder

REVISION = ast.Revision("bench", "2026-01-01T00:00:00Z")


def moved(doc: ast.Document) -> ast.Document:
    body = list(doc.body)
    for i in range(0, len(body) - 1, 2):
        if isinstance(body[i], ast.Paragraph) and isinstance(body[i + 1], ast.Paragraph):
            body[i], body[i + 1] = body[i + 1], body[i]
    return replace(doc, body=tuple(body))


def edited(doc: ast.Document) -> ast.Document:
    return replace(doc, body=tuple(
        replace(b, content=(ast.Text("Nhìn chung, "), *b.content), anchor=b.anchor + "-e")
        if isinstance(b, ast.Paragraph) else b for b in doc.body))


def rewritten(doc: ast.Document) -> ast.Document:
    def words(b: ast.Paragraph) -> ast.Inlines:
        return (ast.Text(" ".join(reversed(ast.plain(b.content).split()))),)
    return replace(doc, body=tuple(
        replace(b, content=words(b), anchor=b.anchor + "-r")
        if isinstance(b, ast.Paragraph) else b for b in doc.body))


def timed(old: ast.Document, new: ast.Document, runs: int) -> tuple[float, object]:
    seconds, summary = [], None
    for _ in range(runs):
        start = time.perf_counter()
        _, summary = compare(old, new, REVISION)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        make(args.scale, Path(work))
        document = check_folder(Path(work)).document
    assert document is not None
    paragraphs = sum(isinstance(b, ast.Paragraph) for b in document.body)
    print(f"\nqtreport diff's comparison, the report {args.scale}x ({paragraphs} paragraphs, "
          f"{len(document.notes)} notes), median of {args.runs} runs\n")
    print(f"| {'the newer draft':<34} | {'seconds':>7} | {'moved':>5} | {'edited':>6} | "
          f"{'added':>5} |")
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 7}|{'-' * 8}|{'-' * 7}|")
    cases: list[tuple[str, Callable[[ast.Document], ast.Document]]] = [
        ("the same", lambda d: d), ("every other paragraph moved", moved),
        ("every paragraph edited", edited), ("every paragraph rewritten", rewritten)]
    for name, change in cases:
        seconds, summary = timed(document, change(document), args.runs)
        counts = summary.paragraphs  # type: ignore[attr-defined]
        print(f"| {name:<34} | {seconds:>7.2f} | {counts.moved:>5} | {counts.edited:>6} | "
              f"{counts.added:>5} |")


if __name__ == "__main__":
    main()
