"""Indicator tables read from an office's Word draft (readers/word_draft/appendix.py) as the
report's indicator data (`qtreport import`): the indicator file (groups, indicators with
ids, units, targets with their kinds, parts; the draft's comparison figures pinned as
`official:` and its assessments as `stated:`, so that `check` says where they disagree with
the draft's own figures), a year file for each year column (data/actuals/<year>.yaml), and
an appendix layout with the draft's columns (templates/appendices/phu-luc-N.yaml).
Formats: docs/indicators.md."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .. import ast
from ..folding import folded, slug

SOURCE = "Phụ lục {number} của dự thảo"  # where a pinned figure comes from: the draft


def indicator_files(appendices: list[ast.DraftAppendix], draft: str) -> tuple[str, dict[str, str]]:
    """The indicator file's name (relative to data/) and every file, by path."""
    shown = sorted({year for appendix in appendices for year in appendix.years})
    base, last = shown[0], shown[-1]
    years = list(range(base, last + 1))  # a file for every year of the term, null if none
    name = f"targets_{base}_{last}.yaml"
    ids = _Ids()
    files: dict[str, str] = {}
    lines = [f"# The indicators of the draft {draft}, imported from its appendix tables: what "
             "each row is,", "# its target (its kind read from the target's text), what the "
             "draft states. Yearly figures:", "# data/actuals/<year>.yaml. Formats: "
             "docs/indicators.md of qtreport.",
             f"resolution: {_q(_resolution(appendices))}", f"base_year: {base}",
             f"last_year: {last}", "appendices:"]
    values: dict[int, list[str]] = {year: [] for year in years}
    estimates = {c.year for a in appendices for c in a.columns if c.role == "year" and c.estimate}
    for appendix in appendices:
        layout = f"phu-luc-{appendix.number}"
        files[f"templates/appendices/{layout}.yaml"] = _layout(appendix)
        lines += [f"  - title: {_q(appendix.title)}", f"    layout: {layout}"]
        source = SOURCE.format(number=appendix.number)
        titled = [group for group in appendix.groups if group.title]
        if titled:
            lines.append("    groups:")
            for group in appendix.groups:
                lines.append(f"      - title: {_q(group.title or appendix.title)}")
                lines.append("        indicators:")
                for row in group.rows:
                    lines += _indicator(row, 10, ids, source, values, years)
        else:
            lines.append("    indicators:")
            for group in appendix.groups:
                for row in group.rows:
                    lines += _indicator(row, 6, ids, source, values, years)
    files[f"data/{name}"] = "\n".join(lines) + "\n"
    for year in years:
        files[f"data/actuals/{year}.yaml"] = "\n".join([
            f"# {'Ước' if year in estimates else 'Thực hiện'} {year}: indicator id -> value, "
            f"from the draft {draft} (ids and targets: data/{name}).",
            f"year: {year}", f"estimate: {'true' if year in estimates else 'false'}",
            "values:", *values[year]]) + "\n"
    return name, files


def _indicator(row: ast.DraftIndicator, indent: int, ids: _Ids, source: str,
               values: dict[int, list[str]], years: list[int]) -> list[str]:
    pad = " " * indent
    key = ids.of(row.name)
    lines = [f"{pad}- id: {key}", f"{pad}  name: {_q(row.name)}"]
    if row.unit:
        lines.append(f"{pad}  unit: {_q(row.unit)}")
    if row.decimals:
        lines.append(f"{pad}  decimals: {min(row.decimals, 4)}")
    if row.target is not None:
        lines += _target(row.target, row.stated, pad + "  ")
    if row.stated is not None and (row.target is None or row.target.kind != "qualitative"):
        lines.append(f"{pad}  stated: {_q(row.stated)}")
    kind = row.target.kind if row.target is not None else None
    # the draft's comparison columns print the growth index of every row: pinned as it
    # prints them, check says where they do not follow from the row's own figures
    pinned: list[tuple[str, float, str | None]] = [
        (f"growth_{year}", value, None) for year, value in sorted(row.compared.items())]
    numbered = any(isinstance(v, float) for v in row.years.values())
    heading = bool(row.children) or (row.target is None and row.parts and not any(
        value is not None for value in row.years.values()))
    if not heading:
        for year in years:
            value, official = _year_value(row.years.get(year), kind, year, numbered)
            if official is not None:
                pinned.append(official)
            values[year].append(f"  {key}: {value}")
    if pinned:
        lines.append(f"{pad}  official:")
        for name, figure, text in dict((p[0], p) for p in pinned).values():
            words = f", text: {_q(text)}" if text else ""
            lines.append(f"{pad}    {name}: {{value: {_n(figure)}, source: {_q(source)}{words}}}")
    if row.parts:
        lines.append(f"{pad}  parts:")
        for part in row.parts:
            lines += _indicator(part, indent + 4, ids, source, values, years)
    if row.children:
        lines.append(f"{pad}  indicators:")
        for child in row.children:
            lines += _indicator(child, indent + 4, ids, source, values, years)
    return lines


def _year_value(value: float | str | None, kind: str | None, year: int,
                numbered: bool) -> tuple[str, tuple[str, float, str | None] | None]:
    """A year's cell as its year file writes it, and, for the draft's words where the row
    is judged on figures ("Ước giai đoạn 2021 - 2025: 467 tỷ"), the figure they state,
    pinned with them as the cell's text."""
    if not isinstance(value, str):
        return _value(value), None
    plain = folded(value)
    if kind == "deadline":  # reached or not, in words
        reached = True if re.match(r"(dat|hoan thanh|da |co )", plain) else \
            False if re.match(r"(chua|khong)", plain) else None
        return ("null" if reached is None else "true" if reached else "false"), None
    if kind == "rank":
        score = re.search(r"(\d+(?:,\d+)?)\s*diem", plain)
        rank = re.search(r"(?:vi tri|thu|hang)\s*(?:thu\s*)?(\d+)", plain)
        grade = re.search(r"xep loai\s+([^,.;]+)", value, re.IGNORECASE)
        if score and rank:
            fields = [f"score: {_n(float(score.group(1).replace(',', '.')))}"]
            if grade:
                fields.append(f"grade: {_q(grade.group(1).strip())}")
            fields.append(f"rank: {int(rank.group(1))}")
            return "{" + ", ".join(fields) + "}", None
        return "null", None
    if kind == "qualitative" or (kind is None and not numbered):
        return _q(value), None
    figure = _stated_figure(value)
    if figure is None:
        return "null", None
    name = {"cumulative": "total", "average": "average"}.get(kind or "") or \
        ("average" if "/nam" in plain else "total" if "giai doan" in plain else
         f"value_{year}")
    return "null", (name, figure, value)


def _stated_figure(text: str) -> float | None:
    """The figure a cell's words state: the one after its colon, else its first that is
    no year ("Ước giai đoạn 2021 - 2025: 467 tỷ" → 467; "Từ 85% trở lên" → 85)."""
    tail = text.rsplit(":", 1)[-1]
    for found in re.finditer(r"\d+(?:[.,]\d+)?", tail):
        if re.fullmatch(r"(19|20)\d\d", found.group()):
            continue
        return float(found.group().replace(".", "").replace(",", ".")) \
            if re.fullmatch(r"\d{1,3}\.\d{3}", found.group()) else \
            float(found.group().replace(",", "."))
    return None


def _target(target: ast.DraftTarget, stated: str | None, pad: str) -> list[str]:
    fields = [f"kind: {target.kind}", f"text: {_q(target.text)}"]
    if target.kind == "qualitative" and stated is not None:
        fields += [f"assessment: {_q(stated)}", f"reason: {_q('as the draft states it')}"]
    for name in ("min", "max", "by", "best"):
        value = getattr(target, name)
        if value is not None:
            fields.append(f"{name}: {_n(value)}")
    if target.strict:
        fields.append("strict: true")
    return [f"{pad}target:", *(f"{pad}  {field}" for field in fields)]


def _layout(appendix: ast.DraftAppendix) -> str:
    lines = [f"# Phụ lục {appendix.number} as the draft lays it out: its columns, their "
             "headers and widths.", "# Keys: docs/indicators.md of qtreport.",
             'heading: "Phụ lục {number}. {title}"']
    if appendix.subtitle:
        lines.append('subheading: "{resolution}"')
    texts = [f"actual:{c.year}" for c in appendix.columns if c.role == "year"]
    lines += ["font_size: 11", f"text_columns: {json.dumps(texts)}", "columns:"]
    for column in appendix.columns:
        show = _show(column)
        if show is None:
            continue
        header = [*column.header[:1], " ".join(column.header[1:])] if len(column.header) > 2 \
            else column.header
        fields = [f"header: {json.dumps(header or [''], ensure_ascii=False)}",
                  f"show: {_q(show)}", f"width_mm: {round(column.width_mm)}"]
        if show == "name":
            fields.append("align: left")
        lines.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


def _show(column: ast.DraftColumn) -> str | None:
    if column.role in ("number", "name", "unit", "target", "assessment"):
        return column.role
    if column.role == "year":
        return f"actual:{column.year}"
    if column.role == "compared":
        return f"figure:growth_{column.year}"
    return None  # a column the report cannot fill (notes, sources): said in the README


def _resolution(appendices: list[ast.DraftAppendix]) -> str:
    """The resolution the appendices assess, from a subtitle under their title; the short
    rule the draft draws under it ("-----") is the layout's, not the resolution's words."""
    for appendix in appendices:
        words = [line for line in (appendix.subtitle or "").split("\n")
                 if any(c.isalnum() for c in line)]
        if words:
            return " ".join(" ".join(words).strip("()").split())
    return "Nghị quyết Đại hội"


def _value(value: float | str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return _q(value)
    return _n(value)


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class _Ids:
    """An id for each indicator from its name, unique in the report."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def of(self, name: str) -> str:
        name = re.sub(r"^(trong do|trong đó)\s*:\s*", "", name, flags=re.IGNORECASE)
        base = slug(name, 5) or "chi-tieu"
        if base[0].isdigit():
            base = "ct-" + base
        key, count = base, 1
        while key in self.taken:
            count += 1
            key = f"{base}-{count}"
        self.taken.add(key)
        return key


def summary(appendices: list[ast.DraftAppendix]) -> Iterator[str]:
    """What import recognised in each appendix, for people (the folder's README)."""
    for appendix in appendices:
        rows = list(appendix.indicators())
        kinds: dict[str, int] = {}
        for row in rows:
            if row.target is not None:
                kinds[row.target.kind] = kinds.get(row.target.kind, 0) + 1
        skipped = [" ".join(c.header) for c in appendix.columns if _show(c) is None]
        yield (f"Phụ lục {appendix.number}: {len(rows)} indicators "
               f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items())) or 'no target'}),"
               f" years {', '.join(map(str, appendix.years))}; "
               f"{sum(len(r.compared) for r in rows)} comparison figures and "
               f"{sum(r.stated is not None for r in rows)} assessments kept as the draft "
               "states them" + (f"; columns left out: {', '.join(skipped)}" if skipped else ""))
