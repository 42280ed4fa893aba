"""The shape of the input files, as pydantic models.

These models say what an editor may write; `validate/` runs them and turns their errors
into findings with file:line. Every model forbids unknown keys and suggests the key the
editor probably meant.
"""

from __future__ import annotations

import datetime
import difflib
import re
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
    # The fields whose own line a later stage points at (attach_sources keeps them).
    located_fields: ClassVar[tuple[str, ...]] = ()
    _field_srcs: dict[str, SourceRef] | None = PrivateAttr(default=None)
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

    def src_of(self, field: str) -> SourceRef:
        """Where a field of `located_fields` was written; else where the model was."""
        private = self.__pydantic_private__ or {}
        return (private.get("_field_srcs") or {}).get(field) or self.src

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
    typed_figures: Text | None = None  # why its typed figures are right as typed (QT604/605)


class Paragraphs(InputModel):
    """One paragraph or several, with an optional remark: a numbered item, a footnote."""

    text_shorthand = True
    text: Text | Annotated[list[Text], Field(min_length=1)]
    remark: RemarkValue | None = None
    typed_figures: Text | None = None  # why its typed figures are right as typed (QT604/605)

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


ItemStyle = Literal["(1)", "(1).", "1.", "1)", "a)"]


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
