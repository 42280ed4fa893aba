"""The shape of the input files, as pydantic models.

These models say what an editor may write; `validate/` runs them and turns their errors
into findings with file:line. Every model forbids unknown keys and suggests the key the
editor probably meant.
"""

from __future__ import annotations

import datetime
import difflib
import re
import string
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    RootModel,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..diagnostics import SourceRef
from ..record import Record

FOOTNOTE_ID = r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$"  # a letter somewhere: not a number
STYLE_ID = r"^[A-Za-z][A-Za-z0-9]*$"
# Figures an indicator has: growth_2025, ratio, ratio_2025, total, total_2024, average,
# value_2025, sum_2020_2024. Pinned figures, table columns and templates name them so.
FIGURE_NAME = re.compile(r"^(growth|ratio|total|value)_(\d{4})$|^(ratio|total|average)$"
                         r"|^sum_(\d{4})_(\d{4})$")
COLUMN_SHOWS = ("number", "name", "unit", "target", "assessment", "comparison", "needed")


def is_number(value: object) -> bool:
    """A figure: an int or a float, not True/False (which Python counts as numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_figure_name(name: str) -> bool:
    match = FIGURE_NAME.match(name)
    return match is not None and (match.group(4) is None or match.group(4) <= match.group(5))
Text = Annotated[str, Field(min_length=1, strict=True)]


class InputModel(BaseModel):
    """Base of every input model: strict types, no unknown keys, a source reference."""

    model_config = ConfigDict(strict=True, frozen=False, populate_by_name=True,
                              regex_engine="python-re")
    _src: SourceRef | None = PrivateAttr(default=None)
    # Paragraphs, items and footnotes may be written as bare text (or a list of paragraphs).
    text_shorthand: ClassVar[bool] = False
    # Where a file of this model is explained: the hints of its findings point there.
    docs: ClassVar[str] = "docs/yaml-format.md"

    @property
    def src(self) -> SourceRef:
        # Read where pydantic keeps private attributes: `self._src` goes through its
        # __getattr__, and every stage asks for sources thousands of times.
        private = self.__pydantic_private__ or {}
        return private.get("_src") or SourceRef("?", 0)

    @model_validator(mode="before")
    @classmethod
    def _reject_unknown_keys(cls, data: Any) -> Any:
        if cls.text_shorthand and isinstance(data, str | list):
            return {"text": data}
        if cls.text_shorthand and not isinstance(data, dict):
            raise PydanticCustomError("text_expected", "expected text")
        if not isinstance(data, dict):
            return data
        allowed = [f.alias or name for name, f in cls.model_fields.items()]
        for key in data:
            if key not in allowed and cls.text_shorthand and len(data) == 1 and \
                    isinstance(key, str) and " " in key.strip():
                raise PydanticCustomError(  # "- Mục tiêu: tăng 9,7%": YAML read a key
                    "text_with_colon",
                    "the text '{key}: …' was read as a key '{key}', because of the colon",
                    {"key": key})
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                raise PydanticCustomError(
                    "unknown_key",
                    "unknown key '{key}'",
                    {"key": str(key), "guess": guess[0] if guess else "",
                     "allowed": ", ".join(allowed)},
                )
        return data


class RemarkNote(InputModel):
    """A remark with who made it: `remark: {text: Cần kiểm tra lại số liệu., by: Ban Kinh tế}`
    (the comment's author in a review build; a bare text is by "Góp ý")."""

    text: Text
    by: Text | None = None


RemarkValue = Text | RemarkNote


class Paragraph(InputModel):
    text_shorthand = True
    text: Text
    remark: RemarkValue | None = None


class Paragraphs(InputModel):
    """One paragraph or several, with an optional remark: a numbered item, a footnote."""

    text_shorthand = True
    text: Text | Annotated[list[Text], Field(min_length=1)]
    remark: RemarkValue | None = None

    _paragraph_srcs: list[SourceRef] = PrivateAttr(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [self.text] if isinstance(self.text, str) else list(self.text)

    @property
    def paragraph_srcs(self) -> list[SourceRef]:
        """file:line of each paragraph (validate sets them; else the entry's own line)."""
        return self._paragraph_srcs or [self.src] * len(self.paragraphs)


class Item(Paragraphs):
    """A numbered item: its first paragraph carries the number."""


ItemStyle = Literal["(1)", "(1).", "1."]


class ItemList(InputModel):
    items: Annotated[list[Item], Field(min_length=1)]
    style: ItemStyle = "(1)"
    continue_: bool = Field(default=False, alias="continue")
    remark: RemarkValue | None = None


class PlanItemList(InputModel):
    """Numbered items whose sentences are the next resolution's targets: one item per row of
    a list in the plan file (report.yaml's `plan:`), worded by the row's `says:`."""

    items_from: Annotated[str, Field(pattern=FOOTNOTE_ID)]  # the list's id in the plan
    style: ItemStyle = "(1)"
    continue_: bool = Field(default=False, alias="continue")
    remark: RemarkValue | None = None


def _block_kind(value: Any) -> str:
    # Tags in <> never collide with keys when error locations are mapped back to lines.
    if isinstance(value, dict) and "items_from" in value:
        return "<items_from>"
    return "<items>" if isinstance(value, dict) and "items" in value else "<paragraph>"


Block = Annotated[
    Annotated[Paragraph, Tag("<paragraph>")] | Annotated[ItemList, Tag("<items>")]
    | Annotated[PlanItemList, Tag("<items_from>")],
    Discriminator(_block_kind),
]


class Footnote(Paragraphs):
    """A footnote: its paragraphs go to the foot of the page, the first after the number."""


FootnoteId = Annotated[str, Field(pattern=FOOTNOTE_ID)]


class Include(InputModel):
    include: Text


def _section_kind(value: Any) -> str:
    return "<include>" if isinstance(value, dict) and "include" in value else "<section>"


class Section(InputModel):
    title: Text
    body: list[Block] = []
    sections: list[SectionEntry] = []
    footnotes: dict[FootnoteId, Footnote] = {}
    remark: RemarkValue | None = None


SectionEntry = Annotated[
    Annotated[Section, Tag("<section>")] | Annotated[Include, Tag("<include>")],
    Discriminator(_section_kind),
]
Section.model_rebuild()


class ClosingFile(InputModel):
    """The closing appeal: paragraphs with no heading."""

    body: Annotated[list[Block], Field(min_length=1)]
    footnotes: dict[FootnoteId, Footnote] = {}


class ReportMeta(InputModel):
    """data/report.yaml"""

    issuer: Text
    congress: Text | None = None
    title: Text
    subtitle: Text | None = None
    marker: Text | None = None
    place: Text | None = None
    date: Text | None = None
    output: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] = "bao-cao"
    keywords: Text | None = None  # document properties
    parts: Annotated[list[Text], Field(min_length=1)]
    closing: Text | None = None
    # Under data/: the resolution this report is on (its targets, the appendices) and, where
    # the report proposes the next one, that resolution's targets (Part 2 prints them).
    indicators: Text | None = None
    plan: Text | None = None


# -- templates/styles.yaml ---------------------------------------------------------------

Points = Annotated[float, Field(ge=0, le=200, strict=False)]
Millimetres = Annotated[float, Field(ge=0, le=1000, strict=False)]


class StyleDef(InputModel):
    name: Text
    type: Literal["paragraph", "character"] = "paragraph"
    based_on: Text | None = None
    size: Points | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    superscript: bool | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    first_line_mm: Millimetres | None = None
    space_before: Points | None = None
    space_after: Points | None = None
    line: Annotated[float, Field(gt=0, le=5, strict=False)] | None = None
    keep_with_next: bool | None = None
    page_break_before: bool | None = None
    outline: Annotated[int, Field(ge=0, le=8)] | None = None


class PageSetup(InputModel):
    width_mm: Millimetres = 210
    height_mm: Millimetres = 297
    top_mm: Millimetres = 20
    bottom_mm: Millimetres = 20
    left_mm: Millimetres = 30
    right_mm: Millimetres = 15
    header_mm: Millimetres = 10
    footer_mm: Millimetres = 10


class StyleSheet(InputModel):
    docs = "docs/templates.md"
    page: PageSetup = PageSetup()
    appendix_page: PageSetup = PageSetup(width_mm=297, height_mm=210, top_mm=20, bottom_mm=15,
                                         left_mm=20, right_mm=15)
    font: Annotated[str, Field(pattern=r"^[A-Za-z0-9 .-]+$")] = "Times New Roman"
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "vi-VN"
    styles: dict[Annotated[str, Field(pattern=STYLE_ID)], StyleDef]


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


class FrontMatterLine(InputModel):
    """templates/front-matter.yaml: one paragraph of the first page's block."""

    style: Annotated[str, Field(pattern=STYLE_ID)]
    text: Text


class FrontMatter(RootModel[list[FrontMatterLine]]):
    """templates/front-matter.yaml: the paragraphs above Phần thứ nhất."""

    docs: ClassVar[str] = "docs/templates.md"


class SpellingAllowList(InputModel):
    """data/spelling-allow.yaml: what the text lints accept although it looks wrong."""

    words: list[Text] = []  # foreign names and words: Covid, Internet, Lênin …
    doubled: list[Text] = []  # words that are rightly written twice ("thể" in "cụ thể thể hiện")
    numbers: list[Text] = []  # numbers in another convention on purpose ("4.0")


# -- feedback/<round>.yaml: the register of the comment round --------------------------------

# An entry's status, as the synthesis table names them
PENDING, TAKEN_IN, TAKEN_IN_PART, EXPLAINED = ("chưa xử lý", "tiếp thu", "tiếp thu một phần",
                                               "giải trình")
STATUSES = (PENDING, TAKEN_IN, TAKEN_IN_PART, EXPLAINED)
STATUSES_NEEDING_RESPONSE = (TAKEN_IN_PART, EXPLAINED)  # the team says why
FeedbackKind = Literal["comment", "insertion", "deletion", "replacement"]
Day = Text | datetime.date  # YAML reads an unquoted 2026-11-20 as a date


class FeedbackReply(InputModel):
    author: Text | None = None
    date: Day | None = None
    text: Text


class FeedbackEntry(InputModel):
    """One comment or tracked change of a returned copy, and the team's answer."""

    id: Text
    unit: Text  # the body that sent the copy
    author: Text | None = None
    date: Day | None = None
    kind: FeedbackKind
    section: Text | None = None  # "Phần thứ nhất, 1.1. Thương mại …"
    passage: Text | None = None  # the words commented on, or around the change
    comment: Text | None = None  # the comment; the change in words
    old: Text | None = None  # a change's deleted words
    new: Text | None = None  # a change's inserted words
    before: Text | None = None  # a change: the words just before it, to find its place
    replies: list[FeedbackReply] = []
    file: Text | None = None  # where the passage is written now
    line: int | None = None
    anchor: Text | None = None
    source_copy: Text | None = Field(default=None, alias="copy")  # the returned file
    carried: Text | None = None  # how it was carried to where the passage is now
    unplaced: Text | None = None  # why it could not be placed
    status: Text  # one of STATUSES; checked with a suggestion (validate/feedback.py)
    response: Annotated[str, Field(strict=True)] | None = None  # "" until the team answers
    applied: bool = False  # a tracked change written into the YAML (feedback apply)


class FeedbackRegister(InputModel):
    docs = "README.md (The comment round)"
    """feedback/<round>.yaml"""

    round: Text
    entries: list[FeedbackEntry] = []
