"""The registers of the comment rounds read against the report as it is now: an entry
whose passage is no longer in it (edited away, often in answer to that very comment) is a
warning, never an error."""

from __future__ import annotations

from .. import ast, rules
from ..diagnostics import Findings
from ..validate.models import FeedbackRegister


def lint_registers(document: ast.Document, registers: dict[str, FeedbackRegister],
                   findings: Findings) -> None:
    if not registers:
        return
    nodes = ast.located(document)
    anchors = {place.node.anchor for place in nodes}
    texts = "\n".join(place.text for place in nodes)
    for register in registers.values():
        for entry in register.entries:
            if entry.unplaced or entry.applied or entry.anchor in anchors:
                continue  # an applied change edited its own passage
            if entry.passage and entry.passage.strip(" …") in texts:
                continue  # moved, unchanged
            findings.report(rules.FEEDBACK_PASSAGE_GONE, entry.src,
                            "đoạn được góp ý không còn trong báo cáo",
                            f"entry '{entry.id}': its passage is no longer in the report "
                            f"(it was in {entry.file or 'the draft'})")
