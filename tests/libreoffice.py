"""LibreOffice as a reviewer, for the tests: a soffice listening on a socket (one per test
worker, with a profile of its own), and `review()`, which makes a returned copy through it
(tests/lo_reviewer.py, run by the Python that has LibreOffice's UNO bridge)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

UNO_PYTHON = "/usr/bin/python3"  # Debian's, with python3-uno
REVIEWER = Path(__file__).with_name("lo_reviewer.py")


def _has_uno() -> bool:
    if not Path(UNO_PYTHON).exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The port of a running soffice; skipped where LibreOffice or its UNO bridge is not
    installed (CI installs both: see .ci/run)."""
    soffice = shutil.which("soffice")
    if soffice is None or not _has_uno():
        pytest.skip("LibreOffice with its Python bridge (python3-uno) is not installed")
    port = _free_port()
    profile = tmp_path_factory.mktemp("lo-profile")
    process = subprocess.Popen(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
         f"--accept=socket,host=127.0.0.1,port={port};urp;",
         f"-env:UserInstallation={profile.as_uri()}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def review(port: int, draft: Path, copy: Path, author: str,
           replace: list[tuple[str, str]] = (), comment: list[tuple[str, str]] = ()) -> Path:
    """`draft` reviewed in LibreOffice by `author` and saved as Word into `copy`: tracked
    replacements, then comments (each on the first passage that has the words)."""
    actions = copy.with_suffix(".json")
    actions.write_text(json.dumps({"author": author, "replace": list(replace),
                                   "comment": list(comment)}, ensure_ascii=False),
                       encoding="utf-8")
    done = subprocess.run([UNO_PYTHON, str(REVIEWER), str(port), str(draft), str(copy),
                           str(actions)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return copy
