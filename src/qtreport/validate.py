"""Stage 2, validate: loaded files -> pydantic models -> one report tree.

Runs the models of `model.py` on each file, turns their errors into findings at the
right line, resolves `include:` entries into one tree of sections, and attaches a
source reference (file:line) to every model so later stages can cite it.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError

from .diagnostics import Findings, SourceRef
from .load import SourceFile
from .model import (
    COLUMN_SHOWS,
    ActualsFile,
    AppendixLayout,
    ClosingFile,
    FrontMatter,
    Include,
    Indicator,
    InputModel,
    Paragraphs,
    ReportMeta,
    Section,
    SpellingAllowList,
    StyleSheet,
    TargetsFile,
    is_figure_name,
)

REPORT_FILE = "report.yaml"
M = TypeVar("M", bound=InputModel)


@dataclass
class Report:
    """The validated report: metadata, the parts (sections with includes resolved), closing."""

    meta: ReportMeta
    parts: list[Section]
    closing: ClosingFile | None


def validate(files: dict[str, SourceFile], data_prefix: str, findings: Findings) -> Report | None:
    """Build the report tree; None when the tree cannot be built at all."""
    return _Validator(files, data_prefix.rstrip("/"), findings).run()


class _Validator:
    def __init__(self, files: dict[str, SourceFile], data_prefix: str, findings: Findings):
        self.files, self.prefix, self.findings = files, data_prefix, findings
        self.used: set[str] = set()

    def run(self) -> Report | None:
        report_name = f"{self.prefix}/{REPORT_FILE}"
        if report_name not in self.files:
            if not self._reported(report_name):
                self.findings.error(SourceRef(report_name, 1), "QT110",
                                    "không tìm thấy tệp report.yaml",
                                    f"{report_name} is missing or could not be loaded",
                                    "the report starts from data/report.yaml: "
                                    "see docs/yaml-format.md")
            return None
        self.used.add(report_name)
        meta = self.model(self.files[report_name], (), ReportMeta)
        if meta is None:
            return None
        parts = []
        for i, part_path in enumerate(meta.parts):
            part = self.section_file(part_path, self.files[report_name].ref(("parts", i)), ())
            if part is not None:
                parts.append(part)
        closing = None
        if meta.closing:
            name = self.resolve(meta.closing, self.files[report_name].ref(("closing",)))
            if name:
                self.used.add(name)
                closing = self.model(self.files[name], (), ClosingFile)
        self.report_orphans()
        return Report(meta, parts, closing)

    # -- files and includes ------------------------------------------------------------

    def resolve(self, rel: str, where: SourceRef) -> str | None:
        """Map an include path (relative to data/) to a loaded file name."""
        norm = posixpath.normpath(rel)
        if rel.startswith(("/", "\\")) or norm.startswith("..") or ":" in rel:
            self.findings.error(where, "QT111", f"đường dẫn '{rel}' nằm ngoài thư mục data/",
                                f"the path '{rel}' points outside data/",
                                "write paths relative to data/, e.g. sections/phan-1.yaml")
            return None
        name = f"{self.prefix}/{norm}"
        if name in self.files:
            return name
        if not self._reported(name):
            known = [n.removeprefix(self.prefix + "/") for n in self.files]
            guess = difflib.get_close_matches(norm, known, n=1, cutoff=0.6)
            self.findings.error(where, "QT110", f"không tìm thấy tệp '{rel}'",
                                f"the file '{rel}' does not exist under data/",
                                f"did you mean '{guess[0]}'?" if guess
                                else "check the file name; paths are relative to data/")
        return None

    def _reported(self, name: str) -> bool:
        """The file is there but did not load: the loader's finding already says why."""
        return any(finding.file == name for finding in self.findings.items)

    def section_file(self, rel: str, where: SourceRef, stack: tuple[str, ...]) -> Section | None:
        name = self.resolve(rel, where)
        if name is None:
            return None
        if not name.startswith(f"{self.prefix}/sections/"):
            self.findings.error(where, "QT111", f"'{rel}' không phải tệp của một mục",
                                f"'{rel}' is not a section file: only files under "
                                "data/sections/ can be parts or included sections",
                                "include a file from data/sections/")
            return None
        if name in stack:
            self.findings.error(where, "QT112", f"tệp '{rel}' tự bao gồm chính nó",
                                f"'{rel}' includes itself (through {' → '.join(stack)})",
                                "remove the include that closes the loop")
            return None
        if name in self.used:
            self.findings.error(where, "QT112", f"tệp '{rel}' được đưa vào hai lần",
                                f"'{rel}' is included a second time",
                                "each section file belongs at one place in the report")
            return None
        self.used.add(name)
        section = self.model(self.files[name], (), Section)
        if section is not None:
            self.expand_includes(section, self.files[name], (), (*stack, name))
        return section

    def expand_includes(self, section: Section, file: SourceFile, path: tuple,
                        stack: tuple[str, ...]) -> None:
        expanded: list[Section | Include] = []
        for i, entry in enumerate(section.sections):
            if isinstance(entry, Include):
                child = self.section_file(entry.include, file.ref((*path, "sections", i)), stack)
                if child is not None:
                    expanded.append(child)
            else:
                self.expand_includes(entry, file, (*path, "sections", i), stack)
                expanded.append(entry)
        section.sections = expanded

    def report_orphans(self) -> None:
        if self.findings.errors:  # a part or section failed: its includes are unknown
            return
        for name in sorted(self.files):
            if name.startswith(f"{self.prefix}/sections/") and name not in self.used:
                self.findings.warning(SourceRef(name, 1), "QT113",
                                      "tệp không được đưa vào báo cáo",
                                      "this file is not included anywhere in the report",
                                      "add '- include: "
                                      f"{name.removeprefix(self.prefix + '/')}' where it belongs, "
                                      "or delete the file")

    # -- models --------------------------------------------------------------------------

    def model(self, file: SourceFile, path: tuple, cls: type[M]) -> M | None:
        try:
            value = cls.model_validate(file.data)
        except ValidationError as err:
            for error in _merge_alternatives(file.data, err.errors()):
                self.report_error(file, error)
            return None
        attach_sources(value, file, path)
        return value

    def report_error(self, file: SourceFile, error: Any) -> None:
        data_path = _data_path(file.data, error["loc"])
        message, message_en, hint = describe(error, data_path)
        message = message.replace("the file", "tệp")  # the Vietnamese line stays Vietnamese
        key = error.get("ctx", {}).get("key")
        line_path = (*data_path, key) if key is not None else data_path
        self.findings.error(file.ref(line_path), _CODES.get(error["type"], "QT103"),
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


_CODES = {
    "unknown_key": "QT101",
    "missing": "QT102",
    "string_pattern_mismatch": "QT104",
    "literal_error": "QT104",
    "string_too_short": "QT104",
    "too_short": "QT104",
    "target_incomplete": "QT104",
    "target_range": "QT104",
    "children": "QT104",
    "figure_name": "QT104",
    "term": "QT104",
    "placeholder": "QT104",
    "greater_than_equal": "QT104",
    "less_than_equal": "QT104",
    "finite_number": "QT104",
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


def describe(error: Any, path: tuple) -> tuple[str, str, str]:
    """A plain-words message (Vietnamese, English) and a hint for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx", {})
    where = _field_name(path)
    got = _KINDS.get(type(error.get("input")), "giá trị khác / something else")
    if kind == "unknown_key":
        hint = (f"did you mean '{ctx['guess']}'? " if ctx["guess"] else "") + \
            f"Keys allowed here: {ctx['allowed']}."
        return (f"khóa không hợp lệ '{ctx['key']}'", f"unknown key '{ctx['key']}'", hint)
    if kind == "missing":
        name = error["loc"][-1]
        return (f"thiếu khóa '{name}'", f"missing key '{name}'",
                f"add '{name}: …' here (see docs/yaml-format.md)")
    if kind == "alternatives":
        return (f"{where}: giá trị không đúng kiểu ({got.split(' / ')[0]})",
                f"{where}: expected {ctx['expected']}, found {got.split(' / ')[-1]}",
                "see docs/yaml-format.md and docs/indicators.md for what goes here")
    if kind in _EXPECTED:
        vi, en = _EXPECTED[kind]
        text_wanted = kind in ("string_type", "text_expected")
        return (f"{where}: cần {vi}, nhưng gặp {got.split(' / ')[0]}",
                f"{where}: expected {en}, found {got.split(' / ')[-1]}",
                "numbers and dates meant as text are written as a >- block or in quotes"
                if text_wanted else "see docs/yaml-format.md for the shape of this entry")
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


# The styles the writer uses by id: without them Word would fall back to its own look.
REQUIRED_STYLES = ("Normal", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
                   "Heading6", "FootnoteText", "FootnoteReference", "Header", "TableText",
                   "AppendixTitle", "AppendixSubtitle")


def validate_stylesheet(file: SourceFile, findings: Findings) -> StyleSheet | None:
    """templates/styles.yaml, validated like the report's own files."""
    sheet = _Validator({file.name: file}, "", findings).model(file, (), StyleSheet)
    if sheet is not None:
        missing = [style for style in REQUIRED_STYLES if style not in sheet.styles]
        if missing:
            findings.error(file.ref(("styles",)), "QT108",
                           f"thiếu kiểu trình bày: {', '.join(missing)}",
                           f"templates/styles.yaml does not define {', '.join(missing)}",
                           "every style the document uses is defined here; copy the "
                           "definition from the shipped templates/styles.yaml")
            return None
    return sheet


def validate_front_matter(file: SourceFile, sheet: StyleSheet | None,
                          findings: Findings) -> FrontMatter | None:
    """templates/front-matter.yaml; every style it names must be in templates/styles.yaml."""
    front = _Validator({file.name: file}, "", findings).model(file, (), FrontMatter)
    if front is None or sheet is None:
        return front
    for line in front.root:
        if line.style not in sheet.styles:
            guess = difflib.get_close_matches(line.style, list(sheet.styles), n=1)
            findings.error(line.src, "QT108", f"không có kiểu '{line.style}'",
                           f"there is no style '{line.style}' in templates/styles.yaml",
                           f"did you mean '{guess[0]}'?" if guess else
                           "add it to templates/styles.yaml")
    return front


# -- indicators ----------------------------------------------------------------------------

TARGETS_FILE = "targets_2020_2025.yaml"


@dataclass
class IndicatorData:
    targets: TargetsFile
    actuals: dict[int, ActualsFile]  # by year
    layouts: dict[str, AppendixLayout]


def validate_indicators(files: dict[str, SourceFile], data_prefix: str,
                        layouts: dict[str, SourceFile], findings: Findings
                        ) -> IndicatorData | None:
    """The targets, the yearly figures and the appendix layouts; None if there are none."""
    prefix = data_prefix.rstrip("/")
    checker = _Validator(files, prefix, findings)
    name = f"{prefix}/{TARGETS_FILE}"
    if name not in files:
        return None
    failed_years: set[str] = set()  # year files that are there but did not validate
    targets = checker.model(files[name], (), TargetsFile)
    actuals: dict[int, ActualsFile] = {}
    sources: dict[int, SourceFile] = {}
    for file_name in sorted(files):
        if file_name.startswith(f"{prefix}/actuals/"):
            loaded = checker.model(files[file_name], (), ActualsFile)
            if loaded is None:
                failed_years.add(file_name.rsplit("/", 1)[-1].split(".")[0])
            if loaded is not None and _check_year(loaded, file_name, files[file_name], actuals,
                                                  findings):
                sources[loaded.year] = files[file_name]
    models = {}
    for layout_name, file in layouts.items():
        model = checker.model(file, (), AppendixLayout)
        if model is not None:
            models[layout_name] = model
    if targets is None or failed_years or len(models) < len(layouts):
        return None  # their own findings say why; "missing" would be a false second one
    ok = _check_indicator_ids(targets, actuals, sources, files[name], findings)
    ok &= _check_layouts(targets, models, findings)
    return IndicatorData(targets, actuals, models) if ok else None


def _check_year(loaded: ActualsFile, name: str, file: SourceFile,
                actuals: dict[int, ActualsFile], findings: Findings) -> bool:
    stem = name.rsplit("/", 1)[-1].split(".")[0]
    if stem != str(loaded.year):
        findings.error(file.ref(("year",)), "QT502", "năm trong tệp khác tên tệp",
                       f"the file is named {stem} but says year: {loaded.year}",
                       f"name the file {loaded.year}.yaml, or correct 'year'")
    elif loaded.year in actuals:
        findings.error(file.ref(("year",)), "QT502", "năm bị lặp",
                       f"a second file for {loaded.year}", "keep one file per year")
    else:
        actuals[loaded.year] = loaded
        return True
    return False


def all_indicators(targets: TargetsFile) -> list[Indicator]:
    """Every indicator of every appendix and of `figures`, parents before children."""
    out: list[Indicator] = []

    def walk(indicator: Indicator) -> None:
        out.append(indicator)
        for child in (*indicator.indicators, *indicator.parts):
            walk(child)

    for appendix in targets.appendices:
        for group in appendix.groups:
            for indicator in group.indicators:
                walk(indicator)
        for indicator in appendix.indicators:
            walk(indicator)
    for indicator in targets.figures:
        walk(indicator)
    return out


def carries_figures(indicator: Indicator) -> bool:
    """Every row has figures but a heading: a row with numbered sub-rows, or a row with
    neither target nor figures of its own over its "Trong đó" parts."""
    return not indicator.indicators and (indicator.target is not None or not indicator.parts)


def _check_indicator_ids(targets: TargetsFile, actuals: dict[int, ActualsFile],
                         sources: dict[int, SourceFile], targets_file: SourceFile,
                         findings: Findings) -> bool:
    ok = True
    known: dict[str, Indicator] = {}
    for indicator in all_indicators(targets):
        if indicator.id in known:
            findings.error(indicator.src, "QT501", f"mã chỉ tiêu '{indicator.id}' bị lặp",
                           f"indicator id '{indicator.id}' is used twice "
                           f"(first at {known[indicator.id].src})", "give each row its own id")
            ok = False
        known[indicator.id] = indicator
    missing = [year for year in range(targets.base_year, targets.last_year + 1)
               if year not in actuals]
    if missing:
        names = ", ".join(f"data/actuals/{year}.yaml" for year in missing)
        findings.error(targets_file.ref(("last_year",)), "QT503",
                       f"thiếu tệp số liệu năm {', '.join(map(str, missing))}",
                       f"there is no {names}",
                       "add one file per year of the term (with null for figures not known)")
        ok = False
    for year, file in sorted(actuals.items()):
        ok &= _check_figures_as_written(file, sources[year], findings)
    carried = {key for file in actuals.values() for key in file.values} | \
        {i.id for i in known.values() if carries_figures(i)}
    for year, file in sorted(actuals.items()):
        for key in file.values:
            if key not in known:
                guess = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
                findings.error(sources[year].ref(("values", key)), "QT505",
                               f"không có chỉ tiêu '{key}'",
                               f"no indicator in {targets_file.name} has the id '{key}'",
                               f"did you mean '{guess[0]}'?" if guess else
                               f"indicator ids are defined in {targets_file.name}")
                ok = False
        for key in sorted(carried - set(file.values)):
            findings.error(sources[year].ref(("values",)), "QT504",
                           f"năm {year} thiếu chỉ tiêu '{key}'",
                           f"{year} has no entry for '{key}', which other years have",
                           f"write '{key}: null' if there is no figure for {year}")
            ok = False
    return ok


_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_NUMBER_AS_TEXT = re.compile(r"[-+]?\d[\d.,]*(e[-+]?\d+)?", re.IGNORECASE)


def _check_figures_as_written(file: ActualsFile, source: SourceFile,
                              findings: Findings) -> bool:
    """YAML reads 6.150 as six point one five, and 132,2 as text: both are refused, since
    the office writes thousands with '.' and decimals with ','."""
    ok = True
    for key, value in file.values.items():
        written = source.number_text.get(("values", key))
        if written and _THOUSANDS.fullmatch(written):
            whole = written.replace(".", "")
            findings.error(source.ref(("values", key)), "QT508",
                           f"'{written}' có thể bị hiểu sai",
                           f"'{key}: {written}' is read as {value:g}, not {whole}",
                           f"write {whole} for thousands; decimals take a dot in data files "
                           "(98.1)")
            ok = False
        elif isinstance(value, str) and _NUMBER_AS_TEXT.fullmatch(value.strip()):
            findings.error(source.ref(("values", key)), "QT508",
                           f"số liệu '{value}' được ghi như văn bản",
                           f"'{key}: {value}' is text, so no figure is computed from it",
                           "write figures as numbers with a dot for decimals: 132.2, 2796")
            ok = False
    return ok


def _check_layouts(targets: TargetsFile, layouts: dict[str, AppendixLayout],
                   findings: Findings) -> bool:
    ok = True
    for appendix in targets.appendices:
        layout = layouts.get(appendix.layout)
        if layout is None:
            findings.error(appendix.src, "QT506", f"không có mẫu bảng '{appendix.layout}'",
                           f"there is no templates/appendices/{appendix.layout}.yaml",
                           f"available: {', '.join(sorted(layouts)) or 'none'}")
            ok = False
            continue
        for column in layout.columns:
            for show in column.show.split("|"):
                kind, _, arg = show.strip().partition(":")
                valid = (kind in COLUMN_SHOWS and not arg) or \
                    (kind == "actual" and arg.isdigit()) or \
                    (kind == "figure" and is_figure_name(arg))
                if not valid:
                    findings.error(column.src, "QT507", f"cột không hợp lệ '{column.show}'",
                                   f"a column cannot show '{show.strip()}'",
                                   f"write one of {', '.join(COLUMN_SHOWS)}, actual:<year>, "
                                   "figure:growth_<year> (or ratio, total, average, "
                                   "sum_<from>_<to>), separated by | for fallbacks")
                    ok = False
    return ok



ALLOW_FILE = "spelling-allow.yaml"


def validate_allow_list(files: dict[str, SourceFile], data_prefix: str,
                        findings: Findings) -> SpellingAllowList | None:
    """data/spelling-allow.yaml, if the report has one."""
    name = f"{data_prefix.rstrip('/')}/{ALLOW_FILE}"
    if name not in files:
        return None
    return _Validator(files, data_prefix, findings).model(files[name], (), SpellingAllowList)
