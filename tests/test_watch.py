"""`qtreport watch`: a build at start, a rebuild per saved change, Ctrl+C to stop.

Run as a user runs it: a process in a copy of the shipped report, its output read line by
line as it comes, files edited as an editor saves them.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FROZEN

DOCX = Path("build") / "bao-cao-chinh-tri.docx"
SECTION = Path("data") / "sections" / "phan-1" / "kinh-te.yaml"
SENTENCE = "Thương mại, dịch vụ, du lịch tiếp tục phát triển"


class Watcher:
    """A `qtreport watch` process and the lines it has printed."""

    def __init__(self, root: Path, command: list[str] | None = None):
        self.root = root
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "qtreport", "watch"], cwd=root, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, text: str, timeout: float = 30) -> list[str]:
        """The lines printed up to and including the first that contains `text`."""
        seen, deadline = [], time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} within {timeout} s; got {seen}") from None
            seen.append(line)
            if text in line:
                return seen

    def stop(self) -> tuple[int, list[str]]:
        self.process.send_signal(signal.SIGINT)  # Ctrl+C
        code = self.process.wait(timeout=30)
        time.sleep(0.1)  # let the reader take the last lines
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return code, rest


@pytest.fixture
def watcher(frozen_repo):
    started = Watcher(frozen_repo)
    yield started
    if started.process.poll() is None:
        started.process.kill()


def _edit(root: Path, old: str, new: str) -> None:
    path = root / SECTION
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _docx_text(root: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(root / DOCX)).paragraphs)


def test_builds_at_start_then_after_each_save_then_stops_on_ctrl_c(watcher, frozen_repo):
    first = watcher.until("Đang theo dõi")
    assert any("Đã ghi (written) build/bao-cao-chinh-tri.docx" in line for line in first)
    # check's findings, as check counts them, in one line (--verbose prints each)
    assert [line for line in first if "cảnh báo" in line] == [
        "19 cảnh báo (warnings) — qtreport check để xem chi tiết (qtreport check shows them; "
        "--verbose prints them)"]
    assert len(first) == 3  # the count, what was written, and that it watches

    _edit(frozen_repo, SENTENCE, SENTENCE + " mạnh mẽ")
    rebuilt = watcher.until("Đang theo dõi")
    assert any(f"đã sửa (changed): {SECTION.as_posix()}" in line for line in rebuilt)
    assert any("Đã ghi (written)" in line for line in rebuilt)
    assert SENTENCE + " mạnh mẽ" in _docx_text(frozen_repo)

    code, last = watcher.stop()
    assert code == 0
    assert any("Đã dừng theo dõi" in line for line in last)
    assert not any("Traceback" in line for line in last)


def test_a_mistake_is_reported_the_last_document_kept_and_the_fix_rebuilds(watcher,
                                                                           frozen_repo):
    watcher.until("Đang theo dõi")
    good = (frozen_repo / DOCX).read_bytes()

    _edit(frozen_repo, SENTENCE, SENTENCE + " nghiêp")  # a text warning, still written
    warned = watcher.until("Đang theo dõi")
    assert any("QT703 'nghiêp' sai chính tả" in line for line in warned)

    (frozen_repo / SECTION).write_text("title: [unclosed\n", encoding="utf-8")
    broken = watcher.until("Đang theo dõi")
    assert any(f"{SECTION.as_posix()}:" in line and "QT004" in line for line in broken)
    assert any("Không ghi tài liệu" in line for line in broken)
    assert (frozen_repo / DOCX).read_bytes() != good  # the warned build, still in place

    (frozen_repo / SECTION).write_text((FROZEN / SECTION).read_text(encoding="utf-8"),
                                       encoding="utf-8")
    fixed = watcher.until("Đang theo dõi")
    assert any("Đã ghi (written)" in line for line in fixed)
    assert (frozen_repo / DOCX).read_bytes() == good  # same input, same bytes
    assert watcher.stop()[0] == 0


def test_editor_scratch_files_do_not_rebuild(watcher, frozen_repo):
    watcher.until("Đang theo dõi")
    (frozen_repo / "data" / ".kinh-te.yaml.swp").write_bytes(b"\0swap")
    (frozen_repo / "data" / ".#kinh-te.yaml").write_text("lock", encoding="utf-8")  # Emacs
    (frozen_repo / "data" / "notes.txt").write_text("ghi chú", encoding="utf-8")
    time.sleep(1.0)
    assert watcher.lines.empty()  # nothing printed: no rebuild
    _edit(frozen_repo, SENTENCE, SENTENCE + " mạnh mẽ")  # while a real save does rebuild
    assert any("Đã ghi (written)" in line for line in watcher.until("Đang theo dõi"))
    assert watcher.stop()[0] == 0


def test_a_save_made_while_the_first_build_runs_is_rebuilt(frozen_repo):
    """The watcher is in place before the first build: a save that lands after the build
    has read the files (here, made by the build itself as it returns) is not missed."""
    script = (
        "import sys, pathlib\n"
        "import qtreport.watch as watch\n"
        "real_build, section = watch.build, pathlib.Path(sys.argv[1])\n"
        "def build_then_save(*args, **kwargs):\n"
        "    result = real_build(*args, **kwargs)\n"
        "    if watch.build is build_then_save:\n"
        "        watch.build = real_build\n"
        "        text = section.read_text(encoding='utf-8')\n"
        f"        section.write_text(text.replace({SENTENCE!r}, {SENTENCE + ' mạnh mẽ'!r}, 1),"
        " encoding='utf-8')\n"
        "    return result\n"
        "watch.build = build_then_save\n"
        "sys.argv = ['qtreport', 'watch']\n"
        "from qtreport.cli import main\n"
        "main()\n")
    started = Watcher(frozen_repo, [sys.executable, "-c", script, str(frozen_repo / SECTION)])
    try:
        assert "Đã ghi (written)" in "".join(started.until("Đang theo dõi"))  # the first
        rebuilt = started.until("Đang theo dõi")  # and the one the save asked for
        assert any(f"đã sửa (changed): {SECTION.as_posix()}" in line for line in rebuilt)
        assert SENTENCE + " mạnh mẽ" in _docx_text(frozen_repo)
        assert started.stop()[0] == 0
    finally:
        started.process.kill()


def _resident_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(x for x in status.splitlines() if x.startswith("VmRSS:")).split()[1]) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_memory_stays_flat_over_many_rebuilds(watcher, frozen_repo):
    watcher.until("Đang theo dõi")
    sizes = []
    for save in range(16):
        _edit(frozen_repo, SENTENCE, SENTENCE + " ")
        watcher.until("Đang theo dõi")
        if save in (5, 15):
            sizes.append(_resident_mib(watcher.process.pid))
    assert sizes[1] - sizes[0] < 12, sizes  # each build's garbage is freed (~4 MB each)
    assert watcher.stop()[0] == 0
