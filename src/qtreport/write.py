"""The last stage, write: put the document on disk atomically, and turn it into a PDF.

The file is written next to its target and renamed over it, so a failed build never leaves
a half-written DOCX in place of the last good one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, content: bytes) -> None:
    """Write `content` to `target` so that readers see the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a document is not
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
