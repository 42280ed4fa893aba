"""An office's appendix table (Phụ lục 1-style) read as indicator data, for `qtreport import`.

A table is an indicator table when its header names the indicator (CHỈ TIÊU), the
resolution's target or an assessment, and at least one year ("Thực hiện 2020", "Ước 2025",
or a column per year). Its rows are then read as the report's indicators: group rows (I,
II, III), numbered rows (1, 2 …; 10.1 under 10), and sub-rows ("Trong đó: …", "+ …") as
parts of the row above. Each target's text is read for its kind ("17-19%/năm" a growth,
">98%" a level, "1,4 - 1,5 lần" a multiple, "Trước năm 2023" a deadline, "Giai đoạn 2021 -
2025: 550-600 tỷ" a total, "10-15 DN/năm" a yearly average; any other text is qualitative,
kept as written). The draft's comparison columns ("So sánh giai đoạn 2021-2024") and its
assessments are kept as what the draft states, so that `check` can say where the draft's
arithmetic and assessments disagree with its own figures.

Figures come in mixed conventions even in one table ("2,796" beside "98,1" beside
"126.0"): each cell is read in the convention that fits it, its row and its column; where
that cannot be decided, the reading chosen is a finding at the table's paragraph.
"""

from __future__ import annotations

import re

from ... import ast, rules
from ...diagnostics import Findings, SourceRef
from ...folding import folded

ASSESSMENTS = {"dat": "Đạt", "vuot": "Vượt", "khong dat": "Không đạt", "chua dat": "Chưa đạt",
               "vuot tien do": "Vượt tiến độ", "dung tien do": "Đúng tiến độ"}


def read_appendix(table: ast.Table, ordinal: int, findings: Findings,
                  name: str) -> ast.DraftAppendix | None:
    """The table as indicator data; None for a table that is no indicator table."""
    rows = [row for row in table.rows if any(cell.text.strip() for cell in row.cells)]
    header_count = _header_rows(rows)
    if header_count == 0:
        return None
    columns = _columns(rows[:header_count], table.widths_mm)
    roles = {c.role for c in columns}
    if "name" not in roles or "year" not in roles or not roles & {"target", "assessment"}:
        return None
    number, title = _title(table.heading, ordinal)
    reader = _Rows(columns, findings, name, table.source.line)
    groups = reader.read([_cells(row, len(columns)) for row in rows[header_count:]],
                         header_count)
    if not any(group.rows for group in groups):
        return None
    return ast.DraftAppendix(number=number, title=title, subtitle=table.subheading, columns=columns,
                    groups=groups, anchor=table.anchor)


# -- the header -------------------------------------------------------------------------------

def _header_rows(rows: list[ast.Row]) -> int:
    """How many rows the header has: those before the first row numbered I or 1."""
    for index, row in enumerate(rows[:4]):
        first = row.cells[0].text.strip() if row.cells else ""
        if re.fullmatch(r"[IVX]+|\d+(\.\d+)*", first) and index > 0:
            return index
    return 0


def _cells(row: ast.Row, count: int) -> list[str]:
    """A row's cells by column, a merged cell's text in the first column it covers."""
    out: list[str] = []
    for cell in row.cells:
        out.append(cell.text.strip())
        out.extend([""] * (cell.colspan - 1))
    return (out + [""] * count)[:count]


def _columns(header: list[ast.Row], widths: tuple[float, ...]) -> list[ast.DraftColumn]:
    count = max(sum(c.colspan for c in row.cells) for row in header)
    lines: list[list[str]] = [[] for _ in range(count)]
    for row in header:
        at = 0
        for cell in row.cells:
            for column in range(at, min(at + cell.colspan, count)):
                if cell.text.strip() and cell.text.strip() not in lines[column]:
                    lines[column].append(" ".join(cell.text.split()))
            at += cell.colspan
    out = []
    for index, header_lines in enumerate(lines):
        width = widths[index] if index < len(widths) and widths[index] >= 5 else 20.0
        out.append(_column(header_lines, width))
    return out


def _column(lines: list[str], width: float) -> ast.DraftColumn:
    text = folded(" ".join(lines))
    years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)]
    if re.search(r"\bstt\b|^tt$", text):
        return ast.DraftColumn("number", lines, width)
    if "dvt" in text or "don vi" in text:
        return ast.DraftColumn("unit", lines, width)
    if "danh gia" in text or "ket qua" in text:
        return ast.DraftColumn("assessment", lines, width)
    if "so sanh" in text and not years:  # "So sánh với chỉ tiêu NQ": no figure of ours
        return ast.DraftColumn("other", lines, width)
    if re.search(r"chi tieu (dai hoi|nghi quyet|nq)|muc tieu|ke hoach|nghi quyet", text):
        return ast.DraftColumn("target", lines, width)
    if "chi tieu" in text or "noi dung" in text:
        return ast.DraftColumn("name", lines, width)
    if years and ("so sanh" in text or "giai doan" in text or "binh quan" in text or
                  len(years) > 1):
        return ast.DraftColumn("compared", lines, width, year=years[-1])
    if years:
        return ast.DraftColumn("year", lines, width, year=years[-1], estimate="uoc" in text)
    return ast.DraftColumn("other", lines, width)


def _title(heading: str, ordinal: int) -> tuple[int, str]:
    found = re.match(r"\s*phụ\s+lục\s+(\d+)\s*[.:\-–]?\s*", heading, re.IGNORECASE)
    if found:
        return int(found.group(1)), heading[found.end():].strip() or heading
    return ordinal, heading.strip() or f"Phụ lục {ordinal}"


# -- the rows ---------------------------------------------------------------------------------

class _Rows:
    """The body rows of an indicator table, by the roles of its columns."""

    def __init__(self, columns: list[ast.DraftColumn], findings: Findings, name: str, line: int):
        self.columns, self.findings, self.name, self.line = columns, findings, name, line
        self.index = {c.role: i for i, c in reversed(list(enumerate(columns)))}

    def cell(self, cells: list[str], role: str) -> str:
        at = self.index.get(role)
        return cells[at] if at is not None else ""

    def read(self, rows: list[list[str]], offset: int) -> list[ast.DraftGroup]:
        groups = [ast.DraftGroup(title="")]
        numbered: dict[str, ast.DraftIndicator] = {}
        last: ast.DraftIndicator | None = None
        for number, cells in enumerate(rows, start=offset + 1):
            label, name = self.cell(cells, "number").strip(), self.cell(cells, "name").strip()
            if not name:
                continue
            if re.fullmatch(r"[IVX]+\.?", label) or (not label and name.isupper() and
                                                     not self._figures(cells)):
                groups.append(ast.DraftGroup(title=name))
                last = None
                continue
            row = self._row(cells, label, name, number)
            parent = label.rsplit(".", 1)[0] if "." in label.strip(".") else None
            if parent and parent in numbered:
                numbered[parent].children.append(row)
            elif re.fullmatch(r"\d+(\.\d+)*\.?", label):
                groups[-1].rows.append(row)
            elif last is not None:  # "Trong đó: …", "+ …": a part of the row above; a
                # "+ …" under a "Trong đó: …" part is that part's own
                under = last.parts[-1] if name.startswith(("+", "-")) and last.parts and \
                    folded(last.parts[-1].name).startswith("trong do") else last
                under.parts.append(row)
                continue
            else:
                groups[-1].rows.append(row)
            if label:
                numbered[label.strip(".")] = row
            last = row
        return [group for group in groups if group.rows or group.title]

    def _figures(self, cells: list[str]) -> bool:
        return any(cells[i].strip() for i, c in enumerate(self.columns)
                   if c.role in ("year", "compared", "target") and i < len(cells))

    def _row(self, cells: list[str], label: str, name: str, number: int) -> ast.DraftIndicator:
        target_text = self.cell(cells, "target").strip()
        stated = ASSESSMENTS.get(folded(self.cell(cells, "assessment")).strip(" ."))
        years: dict[int, ast.AppendixValue] = {}
        compared: dict[int, float] = {}
        year_cells = [(c, cells[i]) for i, c in enumerate(self.columns) if i < len(cells)]
        figures = [text for column, text in year_cells if column.role in ("year", "compared")]
        for column, text in year_cells:
            if column.role == "year" and column.year is not None:
                years[column.year] = self._value(text, figures, name, column)
            elif column.role == "compared" and column.year is not None:
                value = self._value(text, figures, name, column)
                if isinstance(value, float):
                    compared[column.year] = value
        # the table's decimals, where the row writes every figure with as many ("98,1";
        # "536" beside "679,4" is each figure as it is)
        typed = {_decimals(text) for column, text in year_cells
                 if column.role == "year" and read_number(text, [])[0] is not None}
        decimals = typed.pop() if len(typed) == 1 else 0
        return ast.DraftIndicator(label=label.strip("."), name=name,
                                  unit=self.cell(cells, "unit").strip(),
                                  target=read_target(target_text) if target_text else None,
                                  years=years, compared=compared, stated=stated, line=number,
                                  decimals=decimals)

    def _value(self, text: str, row: list[str], name: str,
               column: ast.DraftColumn) -> ast.AppendixValue:
        text = " ".join(text.split())
        if not text or text in ("-", "–", "x", "X"):
            return None
        value, doubt = read_number(text, row)
        if value is None:
            return text  # the draft's words ("Ước giai đoạn 2021 - 2025: 467 tỷ")
        if doubt:
            self.findings.report(
                rules.IMPORT_NOT_PLACED, self._where(),
                "số liệu có thể đọc hai cách",
                f"'{text}' in the row '{name[:40]}', column '{' '.join(column.header)}', "
                f"could be read two ways: it is read as {value:g} ({doubt})",
                "check the figure in data/actuals/, written with a dot for decimals")
        return value

    def _where(self) -> SourceRef:
        return SourceRef(self.name, self.line)


# -- numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[<>≥≤~]?\s*(-?\d{1,3}(?:[.,]\d+)*)\s*%?$")


def read_number(text: str, row: list[str]) -> tuple[float | None, str]:
    """A cell's figure, and, where nothing in it or its row decides, the reading chosen
    ("" when it was decided): "98,1" and "126.0" are decimals, "2.796" and "1.234.567"
    thousands; "6.150" thousands unless the row writes decimals with a dot, "2,796" a
    decimal unless the row writes decimals with a dot (then thousands)."""
    found = _NUMBER.match(text.strip())
    if found is None:
        return None, ""
    digits = found.group(1)
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:  # both: the last one is the decimal mark
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(digits.replace(thousands, "").replace(decimal, ".")), ""
    if not dots and not commas:
        return float(digits), ""
    mark = "." if dots else ","
    groups = digits.split(mark)
    if len(groups) > 2:  # 1.234.567: thousands
        return float("".join(groups)), ""
    if len(groups[1]) != 3:  # 98,1 / 126.0: a decimal
        return float(digits.replace(",", ".")), ""
    convention = _row_convention(row)  # the row's other cells say how it writes decimals
    if mark == ".":  # 6.150: thousands, unless the row writes decimals with a dot
        if convention == "dot":
            return float(digits), ""
        return float("".join(groups)), "" if convention == "comma" else \
            "thousands, as the Vietnamese convention writes them"
    if convention == "dot":  # 2,796 in a row that writes 126.0: a comma groups thousands
        return float("".join(groups)), ""
    return float(digits.replace(",", ".")), "" if convention == "comma" else \
        "a decimal comma, as the Vietnamese convention writes it"


def _decimals(text: str) -> int:
    """The digits after a figure's decimal mark, as typed ("126,0": 1; "6.150": 0)."""
    found = _NUMBER.match(text.strip())
    if found is None:
        return 0
    digits = found.group(1)
    mark = max(digits.rfind("."), digits.rfind(","))
    after = digits[mark + 1:] if mark >= 0 else ""
    return len(after) if after and len(after) != 3 else 0


def _row_convention(cells: list[str]) -> str | None:
    """"dot" when the row writes a decimal with a dot (126.0, 2,696.5), "comma" with a
    comma (98,1; 2.696,5); None when none of its cells tells."""
    for cell in cells:
        found = _NUMBER.match(cell.strip())
        if found is None:
            continue
        digits = found.group(1)
        if "." in digits and "," in digits:  # both: the last one is the decimal mark
            return "dot" if digits.rfind(".") > digits.rfind(",") else "comma"
        for mark in (".", ","):
            parts = digits.split(mark)
            if len(parts) == 2 and len(parts[1]) != 3:
                return "dot" if mark == "." else "comma"
    return None


# -- targets ------------------------------------------------------------------------------------

_RANGE = r"(\d+(?:[.,]\d+)?)(?:\s*[-–÷]\s*(\d+(?:[.,]\d+)?))?"


def read_target(text: str) -> ast.DraftTarget:
    """The kind of a target and its numbers, from how the draft writes it."""
    plain = folded(text)

    def numbers(found: re.Match[str]) -> tuple[float, float | None]:
        low = float(found.group(1).replace(",", "."))
        high = float(found.group(2).replace(",", ".")) if found.group(2) else None
        return low, high

    deadline = re.search(r"(truoc|den|trong)\s+nam\s+(\d{4})", plain)
    if deadline:
        year = int(deadline.group(2))
        return ast.DraftTarget("deadline", text, by=year - 1 if deadline.group(1) == "truoc"
                          else year)
    rank = re.search(r"\b(top|nhom)\s+(\d+)", plain)  # "tốp 3", "nhóm 5"
    if rank:
        return ast.DraftTarget("rank", text, best=int(rank.group(2)))
    multiple = re.search(_RANGE + r"\s*lan\b", plain)
    if multiple:
        low, high = numbers(multiple)
        return ast.DraftTarget("multiple", text, low, high)
    if "giai doan" in plain:
        total = re.search(r":\s*" + _RANGE, plain) or re.search(_RANGE + r"\s*(ty|trieu|ho)",
                                                               plain)
        if total:
            low, high = numbers(total)
            return ast.DraftTarget("cumulative", text, low, high)
    growth = re.search(_RANGE + r"\s*%\s*/\s*nam", plain)
    if growth and not plain.startswith("giam"):
        low, high = numbers(growth)
        return ast.DraftTarget("growth", text, low, high)
    average = re.search(_RANGE + r"\s*[^\d\s%]*\s*/\s*nam", plain)
    if average:
        low, high = numbers(average)
        return ast.DraftTarget("average", text, low, high)
    level = re.fullmatch(r"\s*([>≥]?)\s*" + _RANGE + r"\s*%?\s*", plain)
    if level:
        low = float(level.group(2).replace(",", "."))
        high = float(level.group(3).replace(",", ".")) if level.group(3) else None
        return ast.DraftTarget("level", text, low, high, strict=level.group(1) == ">")
    return ast.DraftTarget("qualitative", text)
