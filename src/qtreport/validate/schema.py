"""Running a pydantic model of models.py on a loaded file, and its errors in plain words.

Pydantic reports where in the data a value went wrong; the loader knows the line and column
of every key and item. `validate_model` joins the two: each error becomes a finding at the
place the editor wrote the value, with what is wrong and what would be right.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError

from .. import rules
from ..diagnostics import Findings
from ..readers.yaml import SourceFile
from .models import InputModel, Paragraphs

M = TypeVar("M", bound=BaseModel)


def validate_model(file: SourceFile, cls: type[M], findings: Findings) -> M | None:
    """The file's data as model `cls`, every model in it knowing its file:line; None (with
    a finding for each error) when the data does not fit."""
    try:
        value = cls.model_validate(file.data)
    except ValidationError as err:
        docs = getattr(cls, "docs", "docs/yaml-format.md")
        for error in _merge_alternatives(file.data, err.errors()):
            _report_error(file, error, findings, docs)
        return None
    attach_sources(value, file, ())
    return value


def _report_error(file: SourceFile, error: Any, findings: Findings, docs: str) -> None:
    data_path = _data_path(file.data, error["loc"])
    message, message_en, hint = describe(error, data_path, docs)
    message = message.replace("the file", "tệp")  # the Vietnamese line stays Vietnamese
    key = error.get("ctx", {}).get("key")
    line_path = (*data_path, key) if key is not None else data_path
    findings.report(_RULES.get(error["type"], rules.WRONG_TYPE), file.ref(line_path),
                    message, message_en, hint)




_TYPE_ERRORS = {"string_type", "text_expected", "list_type", "dict_type", "model_type",
                "model_attributes_type", "bool_type", "float_type", "float_parsing",
                "int_type", "int_from_float", "finite_number", "none_required"}
_ALTERNATIVE_NAMES = {"string_type": "text", "text_expected": "text", "list_type": "a list",
                      "dict_type": "a mapping", "model_type": "a mapping of keys",
                      "model_attributes_type": "a mapping of keys", "bool_type": "true/false",
                      "float_type": "a number", "float_parsing": "a number",
                      "int_type": "a whole number", "int_from_float": "a whole number",
                      "finite_number": "a finite number", "none_required": "null"}


def _merge_alternatives(data: Any, errors: list[Any]) -> list[Any]:
    """A value that fits none of several alternatives (text or a list of texts; a number, a
    score or text) gets one error naming them all, not one error per alternative."""
    groups: dict[tuple, list[Any]] = {}
    for error in errors:
        groups.setdefault(_data_path(data, error["loc"]), []).append(error)
    merged = []
    for group in groups.values():
        kinds = [e["type"] for e in group]
        if len(group) > 1 and all(k in _TYPE_ERRORS for k in kinds):
            names = list(dict.fromkeys(_ALTERNATIVE_NAMES[k] for k in kinds))
            merged.append({**group[0], "type": "alternatives",
                           "ctx": {"expected": " or ".join(names)}})
        else:
            merged.extend(group)
    return merged


def _data_path(data: Any, loc: tuple) -> tuple:
    """Pydantic's error location, reduced to the keys and indexes that exist in the data."""
    path: list[Any] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
    return tuple(path)


def attach_sources(model: BaseModel, file: SourceFile, path: tuple) -> None:
    """Give every model in the tree its file:line, walking the fields as the data was."""
    if isinstance(model, RootModel):
        _attach_value(model.root, file, path)
        return
    if isinstance(model, InputModel):
        model._src = file.ref(path)
        if model.located_fields:
            model._field_srcs = {name: file.ref((*path, name)) for name in model.located_fields
                                 if (*path, name) in file.lines}
    if isinstance(model, Paragraphs) and isinstance(model.text, list):
        base = (*path, "text") if (*path, "text") in file.lines else path
        model._paragraph_srcs = [file.ref((*base, i)) for i in range(len(model.text))]
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        _attach_value(getattr(model, name), file, (*path, key))


def _attach_value(value: Any, file: SourceFile, path: tuple) -> None:
    if isinstance(value, BaseModel):
        attach_sources(value, file, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _attach_value(item, file, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            _attach_value(item, file, (*path, key))


# The rule of each kind of pydantic error; any other is a value of the wrong type (QT103).
_RULES = {
    "unknown_key": rules.UNKNOWN_KEY,
    "text_with_colon": rules.UNKNOWN_KEY,
    "missing": rules.MISSING_KEY,
    **{kind: rules.INVALID_VALUE for kind in (
        "string_pattern_mismatch", "literal_error", "string_too_short", "too_short",
        "target_incomplete", "target_range", "children", "figure_name", "term", "placeholder",
        "wording",
        "greater_than_equal", "less_than_equal", "greater_than", "finite_number",
        "page_margins")},
}

_KINDS = {
    str: "văn bản / text",
    int: "số / a number",
    float: "số / a number",
    bool: "true/false",
    list: "danh sách / a list",
    dict: "bảng khóa / a mapping of keys",
    type(None): "rỗng / nothing",
}

_EXPECTED = {
    "string_type": ("văn bản", "text"),
    "text_expected": ("văn bản", "text"),
    "list_type": ("một danh sách (mỗi mục bắt đầu bằng '- ')",
                  "a list (each entry starting with '- ')"),
    "dict_type": ("các khóa 'tên: giá trị'", "a mapping of 'key: value' lines"),
    "model_type": ("các khóa 'tên: giá trị' hoặc văn bản", "a mapping of keys, or text"),
    "model_attributes_type": ("các khóa 'tên: giá trị'", "a mapping of 'key: value' lines"),
    "bool_type": ("true hoặc false", "true or false"),
    "union_tag_invalid": ("một mục hợp lệ", "a valid entry"),
}


def describe(error: Any, path: tuple,
             docs: str = "docs/yaml-format.md") -> tuple[str, str, str]:
    """A plain-words message (Vietnamese, English) and a hint for one pydantic error;
    `docs`: where the file's keys are explained."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "text_with_colon":
        return (f"đoạn văn có dấu hai chấm bị hiểu thành khóa '{ctx['key']}'",
                error["msg"], "write the text as a >- block (or in quotes), so that its "
                f"colon stays text: '- >-' on its own line, then '{ctx['key']}: …' indented "
                "under it")
    where = _field_name(path)
    got = _KINDS.get(type(error.get("input")), "giá trị khác / something else")
    if kind == "unknown_key":
        hint = (f"did you mean '{ctx['guess']}'? " if ctx["guess"] else "") + \
            f"Keys allowed here: {ctx['allowed']}."
        return (f"khóa không hợp lệ '{ctx['key']}'", f"unknown key '{ctx['key']}'", hint)
    if kind == "missing":
        name = error["loc"][-1]
        return (f"thiếu khóa '{name}'", f"missing key '{name}'",
                f"add '{name}: …' here (see {docs})")
    if kind == "alternatives":
        return (f"{where}: giá trị không đúng kiểu ({got.split(' / ')[0]})",
                f"{where}: expected {ctx['expected']}, found {got.split(' / ')[-1]}",
                f"see {docs} for what goes here")
    if kind in _EXPECTED:
        vi, en = _EXPECTED[kind]
        text_wanted = kind in ("string_type", "text_expected")
        return (f"{where}: cần {vi}, nhưng gặp {got.split(' / ')[0]}",
                f"{where}: expected {en}, found {got.split(' / ')[-1]}",
                "numbers and dates meant as text are written as a >- block or in quotes"
                if text_wanted else f"see {docs} for the shape of this entry")
    if kind == "string_pattern_mismatch" and "[key]" in error["loc"]:
        bad = error["input"]
        what = {"footnotes": ("mã chú thích", "footnote id"),
                "values": ("mã chỉ tiêu", "indicator id"),
                "styles": ("mã kiểu", "style id")}.get(_parent_key(path[:-1]), ("mã", "id"))
        return (f"{what[0]} '{bad}' không hợp lệ", f"{what[1]} '{bad}' is not valid",
                "style ids are a letter then letters and digits (TableText)"
                if what[1] == "style id" else
                "use lower-case letters without accents, digits and hyphens, with at least "
                "one letter, e.g. 'thu-ngan-sach-2021'")
    if kind == "string_pattern_mismatch":
        return (f"{where}: giá trị không hợp lệ", f"{where}: '{error['input']}' is not valid",
                "use letters, digits, '.', '-' and '_' only")
    if kind == "literal_error":
        return (f"{where}: giá trị không hợp lệ", f"{where}: '{error['input']}' is not allowed",
                f"write one of: {ctx.get('expected', '')}")
    if kind in ("string_too_short", "too_short"):
        return (f"{where}: không được để trống", f"{where}: must not be empty",
                "write the content (an optional key may be left out altogether)")
    return (f"{where}: giá trị không hợp lệ", f"{where}: {error['msg']}", "")


def _parent_key(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


def _field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"'{names[-1]}'" if names else "the file"


