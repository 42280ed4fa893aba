"""Benchmark: qtreport beside pandoc on the same content, qtreport at 1x, 10x, 50x, and the
comment round on 50 returned copies.

    make bench                          # or: .venv/bin/python bench/run.py --runs 5

Every figure is a whole process (start-up included), the median of --runs runs. pandoc gets
the Markdown export of the same compiled report (`qtreport build --format md`) and turns it
into DOCX. Prints tables; passes or fails nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make

from qtreport.watch import QUIET_MS

REPO = Path(__file__).resolve().parent.parent
QTREPORT = str(Path(sys.executable).parent / "qtreport")


# As on an editor's machine: Python keeps compiled bytecode. (Some shells set
# PYTHONDONTWRITEBYTECODE, which would add the compiling of every module to every run.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: warnings with --strict etc.
        raise SystemExit(f"{' '.join(command)} failed in {cwd}")
    return elapsed, usage.ru_maxrss


def measure(command: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    run_once(command, cwd)  # warm the file cache
    results = [run_once(command, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def footnotes_in(cwd: Path) -> int:
    text = (cwd / "build" / "bao-cao-chinh-tri.md").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.startswith("[^") and "]: " in line)


def side_by_side(cwd: Path, runs: int) -> None:
    subprocess.run([QTREPORT, "build", "--format", "md"], cwd=cwd, check=True,
                   capture_output=True)
    rows = [("qtreport --help", [QTREPORT, "--help"]),
            ("qtreport --version", [QTREPORT, "--version"]),
            ("qtreport check", [QTREPORT, "check"]),
            ("qtreport build (docx)", [QTREPORT, "build"]),
            ("qtreport build --format md", [QTREPORT, "build", "--format", "md"])]
    pandoc = shutil.which("pandoc")
    times = {name: measure(command, cwd, runs) for name, command in rows}
    if pandoc:
        out = Path(tempfile.mkdtemp()) / "pandoc.docx"
        times["pandoc md -> docx"] = measure(
            [pandoc, str(cwd / "build" / "bao-cao-chinh-tri.md"), "-o", str(out)], cwd, runs)
    base = times.get("pandoc md -> docx", (None, 0))[0]
    print(f"\nReal report ({footnotes_in(cwd)} footnotes), median of {runs} runs\n")
    print(f"| {'command':<28} | {'seconds':>8} | {'peak MiB':>8} | {'÷ pandoc':>8} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
    for name, (seconds, memory) in times.items():
        ratio = f"{seconds / base:.2f}" if base else "-"
        print(f"| {name:<28} | {seconds:>8.3f} | {memory / 1024:>8.1f} | {ratio:>8} |")


def scale(factors: list[int], runs: int) -> None:
    print(f"\nSynthetic reports, median of {runs} runs\n")
    print(f"| {'size':>4} | {'footnotes':>9} | {'check s':>8} | {'build s':>8} | "
          f"{'ms/footnote':>11} | {'build MiB':>9} | {'× time of 1x':>12} |")
    print(f"|{'-' * 6}|{'-' * 11}|{'-' * 10}|{'-' * 10}|{'-' * 13}|{'-' * 11}|{'-' * 14}|")
    first = None
    for factor in factors:
        with tempfile.TemporaryDirectory() as work:
            root = Path(work)
            make(factor, root)
            subprocess.run([QTREPORT, "build", "--format", "md"], cwd=root, check=True,
                           capture_output=True)
            notes = footnotes_in(root)
            check_s, _ = measure([QTREPORT, "check"], root, runs)
            build_s, memory = measure([QTREPORT, "build"], root, runs)
        first = first or build_s
        print(f"| {factor:>3}x | {notes:>9} | {check_s:>8.2f} | {build_s:>8.2f} | "
              f"{1000 * build_s / notes:>11.2f} | {memory / 1024:>9.1f} | "
              f"{build_s / first:>12.1f} |")


def watch_latency(cwd: Path, runs: int) -> None:
    """`qtreport watch` on the real report: from a saved edit to the rewritten DOCX."""
    import queue
    import threading

    process = subprocess.Popen([QTREPORT, "watch"], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=ENV)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in process.stdout], daemon=True).start()

    def until(text: str) -> str:
        while text not in (line := lines.get(timeout=60)):
            pass
        return line

    section = cwd / "data" / "sections" / "phan-1" / "kinh-te.yaml"
    shipped = section.read_text(encoding="utf-8")
    saved_to_written, rebuilds = [], []
    try:
        until("Đang theo dõi")
        for run in range(runs):
            marker = f"phát triển{' mạnh' * (run % 2 + 1)}"
            start = time.perf_counter()
            section.write_text(shipped.replace("phát triển", marker, 1), encoding="utf-8")
            written = until("Đã ghi")
            saved_to_written.append(time.perf_counter() - start)
            rebuilds.append(float(written.rsplit("·", 1)[1].split()[0].replace(",", ".")))
            until("Đang theo dõi")
    finally:
        process.terminate()
        process.wait()
        section.write_text(shipped, encoding="utf-8")
    print(f"\nqtreport watch, median of {runs} saves\n")
    print(f"| {'from a save to the new DOCX':<28} | {'rebuild alone':>13} |")
    print(f"|{'-' * 30}|{'-' * 15}|")
    print(f"| {statistics.median(saved_to_written):>26.3f} s | "
          f"{statistics.median(rebuilds):>11.2f} s |")
    print(f"\n(the first includes the {QUIET_MS} ms watch waits for a save to settle)")


def returned_copies(cwd: Path, count: int) -> list[Path]:
    """`count` returned copies of the built draft (bench/copies.py), made in a process of
    their own: a child forked from a parent that holds python-docx's documents would report
    the parent's memory as its own peak."""
    subprocess.run([QTREPORT, "build"], cwd=cwd, check=True, capture_output=True)
    folder = cwd / "copies"
    subprocess.run([sys.executable, str(Path(__file__).with_name("copies.py")),
                    str(cwd / "build" / "bao-cao-chinh-tri.docx"), str(folder), str(count)],
                   check=True, env=ENV)
    return sorted(folder.glob("*.docx"))


def feedback_round(cwd: Path, count: int, runs: int) -> None:
    """`qtreport feedback add` on `count` returned copies of the whole report."""
    copies = [str(path) for path in returned_copies(cwd, count)]
    register = cwd / "feedback"
    first, again = [], []
    for _ in range(runs):
        shutil.rmtree(register, ignore_errors=True)
        first.append(run_once([QTREPORT, "feedback", "add", *copies], cwd)[0])
        again.append(run_once([QTREPORT, "feedback", "add", *copies], cwd)[0])
    entries = (register / "vong-1.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    print(f"\nqtreport feedback add, {count} returned copies of the whole report "
          f"({entries} comments and changes), median of {runs} runs\n")
    print(f"| {'into a new register':<22} | {'the same copies again':>22} |")
    print(f"|{'-' * 24}|{'-' * 24}|")
    print(f"| {statistics.median(first):>20.2f} s | {statistics.median(again):>20.2f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scales", default="1,10,50")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True,
                   env=ENV)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        shutil.copytree(REPO / "data", root / "data")
        shutil.copytree(REPO / "templates", root / "templates")
        side_by_side(root, args.runs)
        watch_latency(root, max(args.runs, 5))
        feedback_round(root, 50, min(args.runs, 3))
    scale([int(x) for x in args.scales.split(",")], args.runs)


if __name__ == "__main__":
    main()
