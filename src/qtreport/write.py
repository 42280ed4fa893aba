"""Stage 5, write: put the document on disk, reproducibly and atomically.

The zip is rewritten with fixed timestamps and a fixed member order, so the same input
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


def normalize_zip(blob: bytes) -> bytes:
    """Same members, same content; fixed order, timestamps and permissions."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
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
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
