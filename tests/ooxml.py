"""The Office Open XML oracles every DOCX qtreport writes is held to in the tests. Word is
stricter than LibreOffice: a document LibreOffice opens may be one Word repairs or refuses.

- openxml-audit (PyPI, a test dependency): the Open XML SDK's schema data and semantic
  rules, as Microsoft 365 reads a document. Always run.
- ../shared/tools/ooxml/validate.py: the ISO/IEC 29500 transitional schemas, the strict
  order of run properties, and cross-part consistency (ids, relationships, styles). Run
  where the checkout has it beside the project; a test that needs it skips with the reason.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCHEMA_VALIDATOR = REPO.parent / "shared" / "tools" / "ooxml" / "validate.py"


def audit_errors(path: Path) -> list[str]:
    """What openxml-audit says Word would find wrong (empty: Word opens it cleanly).

    A new validator for each document: openxml-audit 0.8's cross-part rules (a footnote
    reference's id must be a footnote's) cache what they read under id(package), and keep
    the cache for the validator's life. Once a document's package is freed, the next one
    may get the same id and be checked against the earlier document's footnotes: a
    document with 125 notes after one with 124 got "footnoteReference id '125' was not
    found", and passed when audited again. A validator costs 0,05 s more than reusing one."""
    from openxml_audit import FileFormat, OpenXmlValidator

    validator = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=20)
    return [str(error) for error in validator.validate(str(path)).errors]


def schema_report(*paths: Path) -> str | None:
    """The ISO validator's report when a part is invalid; None when every part is valid or
    the validator is not in this checkout."""
    if not SCHEMA_VALIDATOR.is_file():
        return None
    done = subprocess.run([sys.executable, str(SCHEMA_VALIDATOR), *map(str, paths)],
                          capture_output=True, text=True, timeout=300, check=False)
    return None if done.returncode == 0 else done.stdout[-4000:] + done.stderr[-2000:]


def require_schema_validator() -> None:
    if not SCHEMA_VALIDATOR.is_file():
        pytest.skip(f"the ISO 29500 validator is not in this checkout ({SCHEMA_VALIDATOR})")


def assert_valid_docx(*paths: Path) -> None:
    """Both oracles accept every document (the ISO one where it is present)."""
    for path in paths:
        assert audit_errors(path) == [], path
    report = schema_report(*paths)
    assert report is None, report
