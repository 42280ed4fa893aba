"""The shape of the indicator files, as pydantic models: the resolution's targets (the file
report.yaml names under `indicators:`, and the next one's under `plan:`), the yearly
figures (data/actuals/<year>.yaml), and the appendix layouts (templates/appendices/).
The report's other files are models.py."""

from __future__ import annotations

import re
import string
from functools import cached_property
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..record import Record
from .models import FOOTNOTE_ID, InputModel, Points, Text, is_figure_name

# -- the indicator file (report.yaml's `indicators:`) and data/actuals/<year>.yaml ----------

# At the end of the term; and, while it runs, whether the target is on track so far.
Assessment = Literal["Đạt", "Vượt", "Không đạt", "Chưa đạt", "Vượt tiến độ", "Đúng tiến độ",
                     "Chậm tiến độ", "Chưa đến hạn"]
TargetKind = Literal["growth", "level", "multiple", "average", "cumulative", "deadline", "rank",
                     "qualitative"]
IndicatorId = Annotated[str, Field(pattern=FOOTNOTE_ID)]
Number = Annotated[float, Field(strict=False, allow_inf_nan=False)]


TARGET_NUMBERS = ("min", "max", "by", "best")  # a target's numbers, as wording names them
_PART = re.compile(r"^parts\[(\d+)\]$")


DEFAULT_SAYS = "{name}: {target}"  # a plan row that says nothing of its own wording


def parts_named(says: str) -> list[int]:
    """Which parts a (checked) `says:` quotes: "{parts[0]}; {parts[2]}" → [0, 2]."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(says) if name]
    except ValueError:
        return []
    return [int(found.group(1)) for name in names if (found := _PART.match(name))]


def _check_wording(text: str, key: str, names: tuple[str, ...], target: Target | None,
                   parts: int) -> None:
    """A target's `text` or a row's `says`: `{min}`-style names of what the row has, and
    `{parts[0]}` for its first part's sentence; no other braces, no footnote."""
    if "[^" in text or "^[" in text:
        raise PydanticCustomError(
            "wording", "'{key}' cannot carry a footnote: put the note in the section's text",
            {"key": key})
    try:
        fields = [(literal, name, spec, conversion)
                  for literal, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        raise PydanticCustomError("wording", "'{key}' has an unclosed brace",
                                  {"key": key}) from None
    for literal, name, spec, conversion in fields:
        if "{" in literal or "}" in literal:
            raise PydanticCustomError("wording", "'{key}' has a brace that stands for nothing",
                                      {"key": key})
        if name is None:
            continue
        part = _PART.match(name)
        if spec or conversion or not (name in names or part):
            allowed = ", ".join("{" + n + "}" for n in names)
            raise PydanticCustomError(
                "wording", "'{key}' uses {{name}}; it may use {allowed}{parts}",
                {"key": key, "name": name, "allowed": allowed,
                 "parts": " and {parts[0]} … for the parts" if key == "says" else ""})
        if part and int(part.group(1)) >= parts:
            raise PydanticCustomError(
                "wording", "'{key}' uses {{name}} but the row has {count} part(s)",
                {"key": key, "name": name, "count": parts})
        if name in ("target", *TARGET_NUMBERS):
            value = None if target is None else \
                target.text if name == "target" else getattr(target, name)
            if value is None:
                raise PydanticCustomError(
                    "wording", "'{key}' uses {{name}} but the target has no '{field}'",
                    {"key": key, "name": name, "field": "text" if name == "target" else name})


class Target(InputModel):
    kind: TargetKind
    text: Text | None = None  # as printed in the table; none where the draft prints none
    min: Number | None = None
    max: Number | None = None
    strict: bool = False  # level targets printed ">98%": the minimum itself does not reach
    by: int | None = None  # deadline: the last year that still counts
    best: int | None = None  # rank: the worst rank that still reaches ("tốp 3" → 3)
    assessment: Assessment | None = None  # qualitative: the assessment, stated
    reason: Text | None = None

    @model_validator(mode="after")
    def _keys_for_kind(self) -> Target:
        needed = {"growth": ["min"], "level": ["min"], "multiple": ["min"], "average": ["min"],
                  "cumulative": ["min"], "deadline": ["by"], "rank": ["best"],
                  # a plan's, or a term's still running, is not assessed yet
                  "qualitative": ["reason"] if self.assessment else []}[self.kind]
        missing = [key for key in needed if getattr(self, key) is None]
        if missing:
            raise PydanticCustomError(
                "target_incomplete", "a '{kind}' target needs {keys}",
                {"kind": self.kind, "keys": ", ".join(f"'{k}'" for k in missing)})
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("target_range", "'min' ({low}) is above 'max' ({high})",
                                      {"low": self.min, "high": self.max})
        if self.text is not None:
            _check_wording(self.text, "text", TARGET_NUMBERS, self, 0)
        return self


class Official(InputModel):
    value: Number
    source: Text
    text: Text | None = None  # how the cell prints, where the draft writes it out in words


class Indicator(InputModel):
    id: IndicatorId
    name: Text
    unit: Text | None = None
    decimals: Annotated[int, Field(ge=0, le=4)] | None = None
    target: Target | None = None
    stated: Assessment | None = None
    official: dict[str, Official] = {}
    parts: list[Indicator] = []
    sum_of_parts: bool = False
    indicators: list[Indicator] = []
    counted: bool | None = None
    says: Text | None = None  # how the plan words this target (Part 2): "{name}: {target}"
    remark: Text | None = None
    located_fields: ClassVar[tuple[str, ...]] = ("says",)  # a Part 2 item points at it

    @model_validator(mode="after")
    def _wording(self) -> Indicator:
        if self.says is not None:
            _check_wording(self.says, "says", ("name", "target", *TARGET_NUMBERS), self.target,
                           len(self.parts))
        return self

    @model_validator(mode="after")
    def _one_kind_of_children(self) -> Indicator:
        if self.parts and self.indicators:
            raise PydanticCustomError(
                "children", "'{id}' has both numbered sub-rows ('indicators') and 'parts'",
                {"id": self.id})
        for name in self.official:
            if not is_figure_name(name):
                raise PydanticCustomError(
                    "figure_name", "'{name}' under 'official' is not a figure",
                    {"name": name})
        return self


Indicator.model_rebuild()


class IndicatorGroup(InputModel):
    title: Text
    indicators: Annotated[list[Indicator], Field(min_length=1)]


class AppendixDef(InputModel):
    id: Annotated[str, Field(pattern=FOOTNOTE_ID)] | None = None  # a plan's list: items_from
    title: Text
    layout: Annotated[str, Field(pattern=FOOTNOTE_ID)]
    groups: list[IndicatorGroup] = []
    indicators: list[Indicator] = []

    @property
    def rows(self) -> list[Indicator]:
        """The numbered rows, in order: those of each group, then those without one."""
        return [i for group in self.groups for i in group.indicators] + self.indicators


class TargetsFile(InputModel):
    docs = "docs/indicators.md"
    resolution: Text
    base_year: Annotated[int, Field(ge=1900, le=2200)]
    last_year: Annotated[int, Field(ge=1900, le=2200)]
    # The year the report's figures stand at, for a report written before the term ends
    # (default: the last year with a figures file).
    as_of: Annotated[int, Field(ge=1900, le=2200)] | None = None
    appendices: list[AppendixDef] = []
    figures: list[Indicator] = []

    @model_validator(mode="after")
    def _term(self) -> TargetsFile:
        if not 0 < self.last_year - self.base_year <= 20:
            raise PydanticCustomError(
                "term", "the term {first}-{last} is not a term of office",
                {"first": self.base_year, "last": self.last_year})
        if self.as_of is not None and not self.base_year < self.as_of <= self.last_year:
            raise PydanticCustomError(
                "term", "'as_of: {year}' is outside the term {first}-{last} (after its base "
                "year, up to its last)",
                {"year": self.as_of, "first": self.base_year, "last": self.last_year})
        return self


class Score(InputModel):
    """A yearly score with its grade and rank ("87,27 điểm, xếp loại Tốt, vị trí thứ 1")."""

    score: Number
    grade: Text | None = None
    rank: int | None = None


ActualValue = Annotated[bool, Field(strict=True)] | Number | Score | Text | None


class ActualsFile(InputModel):
    docs = "docs/indicators.md"
    year: int
    estimate: bool = False
    values: dict[IndicatorId, ActualValue]


# -- templates/appendices/<layout>.yaml ------------------------------------------------------

class Show(Record):
    """One thing a column can show: `name`, `actual:2025`, `figure:growth_2025` …"""

    kind: str  # number, name, unit, target, assessment, comparison, needed, actual, figure
    arg: str = ""  # the year of `actual`, the figure's name of `figure`


def parse_show(text: str) -> tuple[Show, ...]:
    """A column's `show:`, its fallbacks split at "|": "figure:a | figure:b" → two."""
    return tuple(Show(kind=kind, arg=arg) for kind, _, arg in
                 (piece.strip().partition(":") for piece in text.split("|")))


class ColumnDef(InputModel):
    header: Annotated[list[Text], Field(min_length=1, max_length=2)]
    show: Text  # what the cell shows: number, name, unit, target, actual:<year>, figure:<name>,
    #             assessment, comparison; "a | b": b where a has nothing
    width_mm: Annotated[float, Field(gt=0, le=300, strict=False)]
    align: Literal["left", "center", "right"] = "center"

    @cached_property
    def shows(self) -> tuple[Show, ...]:
        """`show` read: what the cell shows, and its fallbacks, in order."""
        return parse_show(self.show)


class AppendixLayout(InputModel):
    docs = "docs/templates.md"
    heading: Text  # "Phụ lục {number}. {title}"
    subheading: Text | None = None  # "{resolution}"
    rule: Text | None = "-----"  # the short line under the subheading
    columns: Annotated[list[ColumnDef], Field(min_length=1)]
    font_size: Points = 11
    score_text: Text = "{score} điểm"  # a score cell: {score}, {grade}, {rank}
    text_columns: list[Text] = []  # where a row's written-out figures go when these are empty

    @model_validator(mode="after")
    def _placeholders(self) -> AppendixLayout:
        for key, allowed in (("heading", HEADING_FIELDS), ("subheading", HEADING_FIELDS),
                             ("score_text", SCORE_FIELDS)):
            text = getattr(self, key)
            if text is None:
                continue
            try:
                names = [name for _, name, _, _ in string.Formatter().parse(text)
                         if name is not None]
            except ValueError:
                raise PydanticCustomError("placeholder", "'{key}' has an unclosed brace",
                                          {"key": key}) from None
            unknown = [name for name in names if name not in allowed]
            if unknown:
                raise PydanticCustomError(
                    "placeholder", "'{key}' uses {{name}}; it may use {allowed}",
                    {"key": key, "name": unknown[0],
                     "allowed": ", ".join("{" + a + "}" for a in allowed)})
        return self


HEADING_FIELDS = ("number", "title", "resolution")
SCORE_FIELDS = ("score", "grade", "rank")
