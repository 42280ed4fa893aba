"""Indicator data: the targets of the resolution the report is on (the file data/report.yaml
names under `indicators:`), one file of figures per year (data/actuals/<year>.yaml), the
appendix layouts that show them; and the next resolution's targets (`plan:`).

Besides the models' rules: ids are unique, every year of the term has its file, a year
names only known indicators and every indicator that other years have, figures are written
so YAML cannot misread them, and every layout column shows something that exists.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import rules
from ..diagnostics import Findings, SourceRef
from ..readers.yaml import SourceFile
from .indicator_models import (
    DEFAULT_SAYS,
    ActualsFile,
    AppendixLayout,
    Indicator,
    TargetsFile,
    parts_named,
)
from .models import COLUMN_SHOWS, ReportMeta, is_figure_name, is_number
from .report import ALLOW_FILE, REPORT_FILE, resolve_path
from .schema import validate_model
from .templates import validate_layouts

ACTUALS = "actuals"  # the folder of the yearly figures, under data/


@dataclass(kw_only=True)
class IndicatorData:
    targets: TargetsFile
    actuals: dict[int, ActualsFile]  # by year, up to `as_of`
    layouts: dict[str, AppendixLayout]
    as_of: int  # the year the figures stand at: the term's last, or earlier while it runs


def standing_year(targets: TargetsFile, years: Iterable[int]) -> int:
    """The year the report's figures stand at: `as_of:` if the file says, else the last year
    of the term that has a figures file."""
    if targets.as_of is not None:
        return targets.as_of
    within = [year for year in years if targets.base_year < year <= targets.last_year]
    return max(within, default=targets.last_year)


@dataclass
class IndicatorFiles:
    """Which files under data/ hold the indicator data (names as findings show them)."""

    indicators: str | None  # the resolution reported on
    plan: str | None  # the next resolution's targets
    ok: bool = True  # False: report.yaml names a file that is not there (reported)


def indicator_files(files: dict[str, SourceFile], data_prefix: str, meta: ReportMeta | None,
                    meta_file: SourceFile | None, findings: Findings) -> IndicatorFiles:
    """The files report.yaml names under `indicators:` and `plan:`. A report.yaml that names
    no indicator file (written before the key existed) has the one file at the top of
    data/ that looks like one (it has `base_year:`)."""
    prefix = data_prefix.rstrip("/")
    chosen = IndicatorFiles(None, None)
    if meta is None or meta_file is None:
        return chosen
    for key in ("indicators", "plan"):
        rel = getattr(meta, key)
        if rel is not None:
            name = resolve_path(files, prefix, rel, meta_file.ref((key,)), findings)
            setattr(chosen, key, name)
            chosen.ok &= name is not None
    if meta.indicators is None:
        chosen.indicators = _the_one_targets_file(files, prefix, chosen.plan, meta_file,
                                                  findings)
    return chosen


def _the_one_targets_file(files: dict[str, SourceFile], prefix: str, plan: str | None,
                          meta_file: SourceFile, findings: Findings) -> str | None:
    candidates = [name for name, file in sorted(files.items())
                  if name.count("/") == prefix.count("/") + 1 and name != plan
                  and isinstance(file.data, dict) and "base_year" in file.data]
    if len(candidates) > 1:
        shown = ", ".join(name.removeprefix(prefix + "/") for name in candidates)
        findings.report(rules.MISSING_KEY, meta_file.ref(),
                        "chưa chỉ rõ tệp chỉ tiêu của nghị quyết",
                        f"data/report.yaml does not say which indicator file the report is on: "
                        f"{shown} all look like one",
                        f"add 'indicators: {candidates[0].removeprefix(prefix + '/')}' (the "
                        "resolution reported on) and, for the next one's targets, 'plan: …'")
    return candidates[0] if len(candidates) == 1 else None


def validate_indicators(files: dict[str, SourceFile], data_prefix: str, chosen: IndicatorFiles,
                        layout_files: dict[str, SourceFile], findings: Findings
                        ) -> IndicatorData | None:
    """The targets, the yearly figures and the appendix layouts; None if there are none."""
    prefix = data_prefix.rstrip("/")
    name = chosen.indicators
    if name is None:
        return None
    failed_years: set[str] = set()  # year files that are there but did not validate
    targets = validate_model(files[name], TargetsFile, findings)
    actuals: dict[int, ActualsFile] = {}
    sources: dict[int, SourceFile] = {}
    for file_name in sorted(files):
        if file_name.startswith(f"{prefix}/{ACTUALS}/"):
            loaded = validate_model(files[file_name], ActualsFile, findings)
            if loaded is None:
                failed_years.add(file_name.rsplit("/", 1)[-1].split(".")[0])
            if loaded is not None and _check_year(loaded, file_name, files[file_name], actuals,
                                                  findings):
                sources[loaded.year] = files[file_name]
    models = validate_layouts(layout_files, findings)
    if targets is None or failed_years or models is None:
        return None  # their own findings say why; "missing" would be a false second one
    as_of = standing_year(targets, actuals)
    _report_outside_term(targets, as_of, actuals, sources, findings)
    actuals = {year: file for year, file in actuals.items()
               if targets.base_year <= year <= as_of}
    ok = _check_indicator_ids(targets, actuals, sources, files[name], as_of, findings)
    ok &= _check_assessed(targets, as_of, findings)
    ok &= _check_layouts(targets, models, findings)
    return (
        IndicatorData(targets=targets, actuals=actuals, layouts=models, as_of=as_of) if ok else None
    )


def validate_plan(files: dict[str, SourceFile], chosen: IndicatorFiles,
                  findings: Findings) -> TargetsFile | None:
    """The next resolution's targets: an indicator file of its own term, with no figures
    yet."""
    if chosen.plan is None:
        return None
    plan = validate_model(files[chosen.plan], TargetsFile, findings)
    if plan is None:
        return None
    _, ok = _check_ids_unique(plan, findings)
    for appendix in plan.appendices:
        if appendix.id is None:
            continue
        for row in (r for top in appendix.rows for r in _printed(top)):
            if row.says is None and (row.target is None or row.target.text is None):
                findings.report(rules.MISSING_KEY, row.src,
                                f"chỉ tiêu '{row.id}' chưa có câu diễn đạt",
                                f"'{row.id}' is in the list '{appendix.id}', which Part 2 "
                                "prints, but has neither 'says:' nor a target 'text:'",
                                "add says: \"{name}: {target}\" with a target text such as "
                                "\"{min}-{max}%/năm\", or a says: of its own")
                ok = False
    return plan if ok else None


def _printed(row: Indicator) -> Iterator[Indicator]:
    """A plan row and the parts its sentence quotes ({parts[0]} …), theirs in turn."""
    yield row
    for index in parts_named(row.says or DEFAULT_SAYS):
        if index < len(row.parts):
            yield from _printed(row.parts[index])


def report_unused(files: dict[str, SourceFile], data_prefix: str, used: set[str],
                  findings: Findings) -> None:
    """A file under data/ that nothing reads is a mistake the report would hide: a renamed
    indicator file, a section never included."""
    prefix = data_prefix.rstrip("/")
    read_anyway = {f"{prefix}/{REPORT_FILE}", f"{prefix}/{ALLOW_FILE}"}
    for name in sorted(files):
        if name in used or name in read_anyway or name.startswith(
                (f"{prefix}/{ACTUALS}/", f"{prefix}/sections/")):
            continue  # sections not included have their own finding
        findings.report(rules.INCLUDED_NOWHERE, SourceRef(name, 1),
                        "tệp không được dùng trong báo cáo",
                        "nothing in the report reads this file",
                        "name it in data/report.yaml ('indicators:' for the resolution "
                        "reported on, 'plan:' for the next one's targets), or delete it")


def _report_outside_term(targets: TargetsFile, as_of: int, actuals: dict[int, ActualsFile],
                         sources: dict[int, SourceFile], findings: Findings) -> None:
    """A year file before the term's base year or after the year its figures stand at
    feeds nothing (no sum, no growth): said, so that nobody trusts it to."""
    for year in sorted(actuals):
        if targets.base_year <= year <= as_of:
            continue
        why = f"the term runs {targets.base_year}-{targets.last_year}" if not \
            targets.base_year <= year <= targets.last_year else \
            f"the figures stand at {as_of} (as_of)"
        findings.report(rules.YEAR_OUTSIDE_TERM, sources[year].ref(("year",)),
                        f"tệp số liệu năm {year} nằm ngoài nhiệm kỳ",
                        f"{sources[year].name} is for {year}, and {why}: its figures feed "
                        "nothing")


def _check_year(loaded: ActualsFile, name: str, file: SourceFile,
                actuals: dict[int, ActualsFile], findings: Findings) -> bool:
    stem = name.rsplit("/", 1)[-1].split(".")[0]
    if stem != str(loaded.year):
        findings.report(rules.YEAR_FILE_WRONG, file.ref(("year",)), "năm trong tệp khác tên tệp",
                        f"the file is named {stem} but says year: {loaded.year}",
                        f"name the file {loaded.year}.yaml, or correct 'year'")
    elif loaded.year in actuals:
        findings.report(rules.YEAR_FILE_WRONG, file.ref(("year",)), "năm bị lặp",
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
        for indicator in appendix.rows:
            walk(indicator)
    for indicator in targets.figures:
        walk(indicator)
    return out


def carries_figures(indicator: Indicator) -> bool:
    """Every row has figures but a heading: a row with numbered sub-rows, or a row with
    neither target nor figures of its own over its "Trong đó" parts."""
    return not indicator.indicators and (indicator.target is not None or not indicator.parts)


def _check_indicator_ids(targets: TargetsFile, actuals: dict[int, ActualsFile],
                         sources: dict[int, SourceFile], targets_file: SourceFile, as_of: int,
                         findings: Findings) -> bool:
    known, ok = _check_ids_unique(targets, findings)
    missing = [year for year in range(targets.base_year, as_of + 1) if year not in actuals]
    if missing:
        folder = targets_file.name.rsplit("/", 1)[0]
        names = ", ".join(f"{folder}/{ACTUALS}/{year}.yaml" for year in missing)
        findings.report(rules.YEAR_FILE_MISSING, targets_file.ref(("last_year",)),
                        f"thiếu tệp số liệu năm {', '.join(map(str, missing))}",
                        f"there is no {names}",
                        f"add one file per year from {targets.base_year} to {as_of} (with null "
                        "for figures not known); a report written before the term ends needs "
                        "none for later years")
        ok = False
    numbered = {key for file in actuals.values() for key, value in file.values.items()
                if is_number(value)}
    for year, file in sorted(actuals.items()):
        ok &= _check_figures_as_written(file, sources[year], known, numbered, findings)
        ok &= _check_deadlines_reached_or_not(file, sources[year], known, findings)
    carried = {key for file in actuals.values() for key in file.values} | \
        {i.id for i in known.values() if carries_figures(i)}
    for year, file in sorted(actuals.items()):
        for key in file.values:
            if key not in known:
                guess = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
                findings.report(rules.UNKNOWN_INDICATOR, sources[year].ref(("values", key)),
                                f"không có chỉ tiêu '{key}'",
                                f"no indicator in {targets_file.name} has the id '{key}'",
                                f"did you mean '{guess[0]}'?" if guess else
                                f"indicator ids are defined in {targets_file.name}")
                ok = False
        for key in sorted(carried - set(file.values)):
            findings.report(rules.INDICATOR_MISSING_FROM_YEAR, sources[year].ref(("values",)),
                            f"năm {year} thiếu chỉ tiêu '{key}'",
                            f"{year} has no entry for '{key}', which other years have",
                            f"write '{key}: null' if there is no figure for {year}")
            ok = False
    return ok


_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_NUMBER_AS_TEXT = re.compile(r"[-+]?\d[\d.,]*(e[-+]?\d+)?", re.IGNORECASE)


def _check_assessed(targets: TargetsFile, as_of: int, findings: Findings) -> bool:
    """A qualitative target of the resolution reported on is assessed by the report, once
    the term is over."""
    ok = True
    if as_of < targets.last_year:
        return ok
    for indicator in all_indicators(targets):
        target = indicator.target
        if target is not None and target.kind == "qualitative" and target.assessment is None:
            findings.report(rules.MISSING_KEY, indicator.src,
                            f"chỉ tiêu '{indicator.id}' chưa có đánh giá",
                            f"'{indicator.id}' has a qualitative target and no 'assessment'",
                            "add assessment: (Đạt, Vượt, Không đạt or Chưa đạt) and reason: "
                            "under its target")
            ok = False
    return ok


def _check_ids_unique(targets: TargetsFile,
                      findings: Findings) -> tuple[dict[str, Indicator], bool]:
    """Every indicator by id; False when an id is used twice (reported)."""
    ok = True
    known: dict[str, Indicator] = {}
    for indicator in all_indicators(targets):
        if indicator.id in known:
            findings.report(rules.INDICATOR_ID_TWICE, indicator.src,
                            f"mã chỉ tiêu '{indicator.id}' bị lặp",
                            f"indicator id '{indicator.id}' is used twice "
                            f"(first at {known[indicator.id].src})")
            ok = False
        known[indicator.id] = indicator
    return known, ok


def _check_deadlines_reached_or_not(file: ActualsFile, source: SourceFile,
                                   known: dict[str, Indicator], findings: Findings) -> bool:
    """A deadline's figure says whether it was reached that year: true or false, not 1."""
    ok = True
    for key, value in file.values.items():
        indicator = known.get(key)
        target = indicator.target if indicator is not None else None
        if target is None or target.kind != "deadline" or value is None \
                or isinstance(value, bool):
            continue
        findings.report(rules.AMBIGUOUS_FIGURE, source.ref(("values", key)),
                        f"chỉ tiêu có thời hạn '{key}' cần true hoặc false",
                        f"'{key}: {value}': '{key}' has a deadline target, so its figure says "
                        f"whether it was reached in {file.year}",
                        "write true (reached that year) or false (not yet)")
        ok = False
    return ok


def _check_figures_as_written(file: ActualsFile, source: SourceFile,
                              known: dict[str, Indicator], numbered: set[str],
                              findings: Findings) -> bool:
    """A year file holds figures, and nothing passes for one that is not: YAML reads 6.150 as
    six point one five and 132,2 as text; "100 %", "6150 tỷ" are text too, and a text where
    the indicator's other years have figures would drop its assessment from the tally
    without a word. `numbered`: the indicators some year gives a figure."""
    ok = True
    for key, value in file.values.items():
        written = source.number_text.get(("values", key))
        where = source.ref(("values", key))
        if written and _THOUSANDS.fullmatch(written):
            whole = written.replace(".", "")
            findings.report(rules.AMBIGUOUS_FIGURE, where, f"'{written}' có thể bị hiểu sai",
                            f"'{key}: {written}' is read as {value:g}, not {whole}",
                            f"write {whole} for thousands; decimals take a dot in data files "
                            "(98.1)")
            ok = False
        elif isinstance(value, str) and _NUMBER_AS_TEXT.fullmatch(value.strip()):
            findings.report(rules.AMBIGUOUS_FIGURE, where,
                            f"số liệu '{value}' được ghi như văn bản",
                            f"'{key}: {value}' is text, so no figure is computed from it")
            ok = False
        elif isinstance(value, str) and (number := _leading_figure(value)) is not None:
            unit = known[key].unit if key in known else None
            findings.report(rules.AMBIGUOUS_FIGURE, where,
                            f"số liệu '{value}' có kèm đơn vị hoặc chữ",
                            f"'{key}: {value}' is text, not a figure: a year file holds the "
                            "number alone" + (f" (the unit, {unit}, is the indicator's)" if unit
                                              else ""),
                            f"write {key}: {number}")
            ok = False
        elif isinstance(value, str) and value.strip() not in NO_FIGURE and \
                (key in numbered or _judged_on_figures(known.get(key))):
            findings.report(rules.AMBIGUOUS_FIGURE, where,
                            f"'{value}' là chữ, các năm khác có số liệu",
                            f"'{key}: {value}' is text where a figure is needed (its target is "
                            "judged on the figures, or its other years have them): it would "
                            "leave the row without an assessment",
                            f"write the figure, or {key}: null if there is none for {file.year}")
            ok = False
    return ok


def _judged_on_figures(indicator: Indicator | None) -> bool:
    """A target assessed from the yearly figures (not a deadline's yes/no, not words)."""
    target = indicator.target if indicator is not None else None
    return target is not None and target.kind not in ("qualitative", "deadline")


NO_FIGURE = ("-", "–", "—")  # "no figure that year", printed as a dash (null: an empty cell)
_LEADING_FIGURE = re.compile(r"^\s*([-+]?\d[\d.,]*)\s*\S")


def _leading_figure(text: str) -> str | None:
    """The figure a text begins with, as a year file writes it ("6.150 tỷ" → 6150, "98,1 %"
    → 98.1); None if it begins with none."""
    found = _LEADING_FIGURE.match(text)
    if found is None:
        return None
    number = found.group(1).rstrip(".,")
    if "," in number:  # the Vietnamese way: '.' thousands, ',' decimals
        return number.replace(".", "").replace(",", ".")
    if _THOUSANDS.fullmatch(number):
        return number.replace(".", "")
    return number


def _check_layouts(targets: TargetsFile, layouts: dict[str, AppendixLayout],
                   findings: Findings) -> bool:
    ok = True
    for appendix in targets.appendices:
        layout = layouts.get(appendix.layout)
        if layout is None:
            findings.report(rules.UNKNOWN_LAYOUT, appendix.src,
                            f"không có mẫu bảng '{appendix.layout}'",
                            f"there is no templates/appendices/{appendix.layout}.yaml",
                            f"available: {', '.join(sorted(layouts)) or 'none'}")
            ok = False
            continue
        for column in layout.columns:
            for show, written in zip(column.shows, column.show.split("|"), strict=True):
                kind, arg = show.kind, show.arg
                valid = (kind in COLUMN_SHOWS and not arg) or \
                    (kind == "actual" and arg.isdigit()) or \
                    (kind == "figure" and is_figure_name(arg))
                if not valid:
                    findings.report(rules.INVALID_COLUMN, column.src,
                                    f"cột không hợp lệ '{column.show}'",
                                    f"a column cannot show '{written.strip()}'",
                                    f"write one of {', '.join(COLUMN_SHOWS)}, actual:<year>, "
                                    "figure:growth_<year> (or ratio, total, average, "
                                    "sum_<from>_<to>), separated by | for fallbacks")
                    ok = False
    return ok
