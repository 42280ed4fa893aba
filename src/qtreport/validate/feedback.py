"""feedback/<round>.yaml, the register of a comment round: what `check` says of it. Each
entry's status is one the synthesis table knows, and a status that needs the team's words
has them. (Whether each entry's passage is still in the report is read from the document
tree: lint/feedback.py.)"""

from __future__ import annotations

import difflib

from .. import rules
from ..diagnostics import Findings
from ..folding import folded
from ..readers.yaml import SourceFile
from .models import STATUSES, STATUSES_NEEDING_RESPONSE, FeedbackRegister
from .schema import validate_model


def validate_registers(files: dict[str, SourceFile],
                       findings: Findings) -> dict[str, FeedbackRegister]:
    """Every register that loads, by file name; each entry's status and response checked."""
    registers = {}
    for name, file in sorted(files.items()):
        register = validate_model(file, FeedbackRegister, findings)
        if register is None:
            continue
        registers[name] = register
        for index, entry in enumerate(register.entries):
            if entry.status not in STATUSES:
                guess = nearest_status(entry.status)
                findings.report(rules.FEEDBACK_STATUS, file.ref(("entries", index, "status")),
                                f"trạng thái '{entry.status}' không hợp lệ",
                                f"'{entry.status}' is not a status of the register",
                                (f"did you mean '{guess}'? " if guess else "") +
                                "write one of: " + ", ".join(STATUSES))
            elif entry.status in STATUSES_NEEDING_RESPONSE and not (entry.response or "").strip():
                findings.report(rules.FEEDBACK_RESPONSE_MISSING,
                                file.ref(("entries", index, "status")),
                                f"'{entry.status}' cần nội dung giải trình",
                                f"the status '{entry.status}' needs the team's answer in "
                                "'response:'")
    return registers


def nearest_status(written: str) -> str | None:
    """The status meant, accents and case aside ("tiep thu" → "tiếp thu")."""
    plain = {folded(status): status for status in STATUSES}
    if folded(written) in plain:
        return plain[folded(written)]
    guess = difflib.get_close_matches(folded(written), list(plain), n=1, cutoff=0.6)
    return plain[guess[0]] if guess else None
