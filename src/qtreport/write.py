"""The last stage, write: put the document on disk atomically, and turn it into a PDF.

The file is written next to its target and renamed over it, so a failed build never leaves
a half-written DOCX in place of the last good one. Several files that belong together (the
YAML edits of `feedback apply`) are all written first and renamed last, and only if none
of them changed since it was read.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

STALE_SECONDS = 600  # a temporary file this old is a killed build's: no write takes that long


def write_atomic(target: Path, content: bytes) -> None:
    """Write `content` to `target` so that readers see the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(target)
    tmp = _temporary(target, content)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(target: Path, content: bytes) -> Path:
    """`content` in a new file beside `target` (same folder: the rename is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a document is not
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _clean_stale(target: Path) -> None:
    """Remove what a killed write of `target` left (.<name>.*.tmp), once it is old enough
    not to be another run's write in progress."""
    limit = time.time() - STALE_SECONDS
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        try:
            if leftover.is_file() and not leftover.is_symlink() and \
                    leftover.stat().st_mtime < limit:
                leftover.unlink()
        except OSError:
            pass  # someone else's file, or already gone: not ours to insist on


@dataclass(frozen=True)
class Replacement:
    """One file of a set written together: its new content, and its text as read."""

    target: Path
    content: bytes
    read: str | None  # what it held when read (None: it did not exist)


class ChangedSinceRead(Exception):
    """A file changed on disk after it was read; nothing was written."""

    def __init__(self, path: Path):
        super().__init__(str(path))
        self.path = path


def write_together(replacements: list[Replacement]) -> None:
    """Write every file or none: all are written beside their targets first, then each
    target is read again (ChangedSinceRead if it is not what was read: an editor saved
    it, and their save wins), then all are renamed; should a rename fail, those renamed
    before it are put back. OSError if one cannot be written."""
    pending: list[tuple[Path, Path]] = []
    try:
        for replacement in replacements:
            replacement.target.parent.mkdir(parents=True, exist_ok=True)
            pending.append((_temporary(replacement.target, replacement.content),
                            replacement.target))
        before: dict[Path, bytes | None] = {}
        for replacement in replacements:
            if _current(replacement.target) != replacement.read:
                raise ChangedSinceRead(replacement.target)
            before[replacement.target] = _bytes(replacement.target)
        done: list[Path] = []
        try:
            for tmp, target in pending:
                os.replace(tmp, target)
                done.append(target)
        except OSError:
            _put_back(done, before)
            raise
    finally:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _put_back(done: list[Path], before: dict[Path, bytes | None]) -> None:
    for target in done:
        old = before[target]
        try:
            if old is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, old)
        except OSError:
            pass  # the error that stopped the writing is the one to report


def _current(path: Path) -> str | None:
    try:  # as the planner read it: text, universal newlines
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class PdfError(Exception):
    """The PDF could not be made; the message says why and what to do."""


INSTALL_LIBREOFFICE = ("install LibreOffice: on Debian or Ubuntu, "
                       "'apt-get install libreoffice-writer-nogui'; elsewhere see "
                       "libreoffice.org; then run qtreport build --pdf again")


def convert_to_pdf(docx: Path, target: Path, timeout: int = 300) -> None:
    """docx -> target (PDF) through LibreOffice, written atomically like the DOCX."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfError("LibreOffice (soffice) is not installed: " + INSTALL_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="qtreport-pdf-") as work:
        command = [soffice, "--headless", "--norestore",
                   f"-env:UserInstallation=file://{work}/profile",
                   "--convert-to", "pdf", "--outdir", work, str(docx)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice did not finish within {timeout} s") from None
        made = Path(work) / (docx.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            detail = done.stderr.decode("utf-8", "replace").strip()[-300:]
            raise PdfError(f"LibreOffice could not convert the document ({detail or 'no PDF'})")
        write_atomic(target, made.read_bytes())
