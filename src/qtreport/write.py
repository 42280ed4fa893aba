"""Stage 5, write: put the document on disk, reproducibly and atomically.

The package is zipped with fixed timestamps and a fixed member order, so the same input
gives the same bytes. The file is written next to its target and renamed over it, so a
failed build never leaves a half-written DOCX in place of the last good one.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


def zip_package(members: dict[str, bytes]) -> bytes:
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
