"""How targets are worded: a target's `text` with its numbers filled in ("{min}-{max}%/năm"
→ "15-16%/năm"), and the sentences of the plan's lists, which Part 2 prints as numbered
items (`items_from:`).

The wording was checked when the files were validated (models._check_wording): it names
only numbers the target has and parts the row has, so filling it in cannot fail.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import SourceRef
from ..numformat import format_number
from ..record import Record
from ..validate.indicator_models import (
    DEFAULT_SAYS,
    TARGET_NUMBERS,
    Indicator,
    Target,
    TargetsFile,
    parts_named,
)


class PlanSentence(Record):
    """One target of the next resolution, as Part 2 states it."""

    indicator_id: str
    text: str
    src: SourceRef  # the row
    says: SourceRef | None = None  # its wording, where it has its own (a typo is there)


def target_text(target: Target | None) -> str | None:
    """The target as printed: its text, numbers filled in the Vietnamese way."""
    if target is None or target.text is None:
        return None
    return target.text.format_map(_numbers(target))


def _numbers(target: Target | None) -> dict[str, str]:
    if target is None:
        return {}
    numbers = {name: getattr(target, name) for name in TARGET_NUMBERS}
    return {name: format_number(value) for name, value in numbers.items() if value is not None}


def sentence(indicator: Indicator) -> str:
    """The row's target as a sentence: its `says:` filled with its name, its target and
    its numbers, and the sentences of the parts it quotes as {parts[0]} …"""
    says = indicator.says or DEFAULT_SAYS
    quoted = set(parts_named(says))
    fields: dict[str, object] = {"name": indicator.name, **_numbers(indicator.target),
                                 "parts": [sentence(part) if i in quoted else ""
                                           for i, part in enumerate(indicator.parts)]}
    text = target_text(indicator.target)
    if text is not None:
        fields["target"] = text
    return says.format_map(fields)


def plan_lists(plan: TargetsFile | None) -> Mapping[str, tuple[PlanSentence, ...]]:
    """Each list of the plan (an appendix with an id) as its rows' sentences, in order."""
    if plan is None:
        return {}
    lists = {}
    for appendix in plan.appendices:
        if appendix.id is None:
            continue
        lists[appendix.id] = tuple(PlanSentence(row.id, sentence(row), row.src,
                                                row.src_of("says") if row.says else None)
                                   for row in appendix.rows)
    return lists
