"""Every finding `check` can report: its code, severity, a title, and what to do about it.

`qtreport check --explain QT201` prints an entry; docs/findings.md is written from this
table (`python -m qtreport.catalogue > docs/findings.md`), and a test keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    severity: str  # "error" or "warning"
    title_vi: str
    title_en: str
    explanation: str


_E, _W = "error", "warning"

ENTRIES = [
    Entry("QT001", _E, "không đọc được tệp", "a file cannot be read",
          "The file is missing or not readable by the user running qtreport. Check the name "
          "and the permissions."),
    Entry("QT002", _E, "tệp không phải văn bản UTF-8", "not UTF-8 text",
          "Report files are UTF-8 text. A file saved in another encoding, a binary file, or a "
          "control character copied from a PDF stops the file from loading; the finding gives "
          "the line of the first bad byte. Save the file as UTF-8 and delete invisible "
          "characters."),
    Entry("QT003", _E, "thụt lề bằng Tab", "tab in indentation",
          "YAML indents with spaces. A tab at the start of a line is read differently by "
          "different tools, so it is refused. Indent with two spaces per level."),
    Entry("QT004", _E, "lỗi cú pháp YAML", "YAML syntax error",
          "The file is not valid YAML: usually a text containing ': ' written on the key's own "
          "line, an unclosed quote, or a line indented one space too far. Write long text as a "
          "block: 'key: >-' followed by the text on indented lines."),
    Entry("QT005", _E, "khóa bị lặp", "duplicate key",
          "The same key appears twice in one mapping. YAML would silently keep the second one "
          "and drop the first; qtreport refuses it. Keep one."),
    Entry("QT006", _E, "neo, bí danh hoặc khóa gộp YAML", "anchors, aliases or merge keys",
          "'&name', '*name' and '<<' let one YAML node stand in many places: hard to review and "
          "an easy way to blow a file up to millions of nodes. Write the content out."),
    Entry("QT007", _E, "thẻ YAML hoặc khóa phức", "YAML tag or complex key",
          "Tags ('!!python/object', '!custom') and keys that are lists or mappings are not "
          "part of the report's format. Write plain keys and values."),
    Entry("QT008", _E, "tệp rỗng", "empty file",
          "The file has no content. Write it, or delete it."),
    Entry("QT009", _E, "cấu trúc lồng quá sâu", "nested too deep",
          "A report file nests a dozen levels at most; one nested dozens deep is a mistake "
          "(usually indentation) and is refused before it can exhaust the stack."),
    Entry("QT011", _E, "liên kết ra ngoài", "link outside the data folder",
          "A symbolic link under data/ points outside it. Copy the file in instead."),
    Entry("QT012", _E, "tệp quá lớn", "file too large",
          "A report file is a few kilobytes; one of several megabytes is almost certainly "
          "not what was meant. Split it, or check that it is a YAML text file."),
    Entry("QT101", _E, "khóa không hợp lệ", "unknown key",
          "The key is not one the format knows at this place. The hint suggests the nearest "
          "known key and lists the keys allowed here (docs/yaml-format.md)."),
    Entry("QT102", _E, "thiếu khóa", "missing key",
          "A key the format requires is absent, e.g. a section without 'title'."),
    Entry("QT103", _E, "sai kiểu giá trị", "wrong type of value",
          "A value is of the wrong kind: a number where text is expected, text where a list is "
          "expected. Numbers meant as text are written as a '>-' block or in quotes."),
    Entry("QT104", _E, "giá trị không hợp lệ", "invalid value",
          "A value is outside what is allowed: an empty text, a footnote id with capitals or "
          "accents, an item style other than '(1)', '(1).' or '1.', an incomplete target."),
    Entry("QT108", _E, "kiểu trình bày không có", "unknown or missing style",
          "templates/front-matter.yaml names a style that templates/styles.yaml does not "
          "define, or templates/styles.yaml lacks a style the document needs (the headings, "
          "footnotes, page header, tables)."),
    Entry("QT110", _E, "không tìm thấy tệp được dẫn", "included file not found",
          "An 'include:', a part or the closing names a file that does not exist under data/. "
          "Paths are relative to data/."),
    Entry("QT111", _E, "đường dẫn ra ngoài data/", "path outside data/",
          "Included paths stay inside data/: no '..', no absolute paths."),
    Entry("QT112", _E, "tệp được dẫn lặp hoặc vòng", "file included twice or in a loop",
          "A section file belongs at one place in the report; a file that includes itself "
          "(directly or through others) would never end."),
    Entry("QT113", _W, "tệp không được dẫn", "file included nowhere",
          "A file under data/sections/ is not part of the report: include it where it belongs "
          "or delete it."),
    Entry("QT120", _E, "mục lồng quá sâu", "headings nested too deep",
          "Headings go I. → 1. → 1.1. → 1.1.1. → a.; a sixth level has no number form. Move "
          "the section up, or make it a numbered list."),
    Entry("QT201", _E, "chú thích chưa định nghĩa", "undefined footnote",
          "'[^id]' refers to a footnote that is not defined under 'footnotes:' in the same "
          "file. The hint suggests a near id, or the file where the id is defined."),
    Entry("QT202", _E, "chú thích không được dẫn", "footnote never referenced",
          "A footnote is defined but no '[^id]' refers to it, so it would be lost. Put the "
          "reference in the text, or delete the definition."),
    Entry("QT203", _E, "chú thích định nghĩa hai lần", "footnote defined twice",
          "Footnote ids are unique in the whole report. Rename one."),
    Entry("QT204", _E, "chú thích được dẫn hai lần", "footnote referenced twice",
          "Each footnote is referenced once; a Word footnote has one reference mark. For the "
          "same note at two places, write a second footnote."),
    Entry("QT205", _E, "dấu chú thích viết sai", "malformed footnote marker",
          "A '[^' or '^[' is never closed, or the id has characters ids may not have."),
    Entry("QT206", _E, "chú thích đặt sai chỗ", "footnote in a footnote or a heading",
          "Footnotes cannot carry footnotes, and headings carry none: put the note in the "
          "first paragraph under the heading."),
    Entry("QT207", _E, "dấu chú thích trong biểu thức điều kiện", "marker inside {% if %}",
          "A '[^id]' inside '{% if %}' or '{% for %}' would appear zero or many times. Keep "
          "markers outside template blocks."),
    Entry("QT301", _E, "lỗi cú pháp biểu thức", "template syntax error",
          "A '{{ … }}' or '{% … %}' in a paragraph is malformed. Braces are for templates only."),
    Entry("QT302", _E, "tên không tồn tại trong biểu thức", "unknown name in a template",
          "A template uses a name that is not one of the helpers (num, pct, actual, figure, "
          "rate, target, assessment, achieved, counted)."),
    Entry("QT303", _E, "biểu thức bị chặn", "template blocked by the sandbox",
          "Templates run in a sandbox: reaching Python internals ('__class__', '__globals__') "
          "is refused."),
    Entry("QT304", _E, "biểu thức lỗi khi tính", "template failed or ran away",
          "The template raised an error while running (a division by zero, a wrong argument), "
          "produced an absurd amount of text, or ran too long."),
    Entry("QT305", _E, "số liệu không có trong dữ liệu", "quoted figure not in the data",
          "A paragraph quotes an indicator or a year that data/ does not have. The hint names "
          "the nearest id."),
    Entry("QT310", _W, "dấu định dạng chưa đóng", "unclosed markup",
          "A '**', '*' or '^' opens bold, italic or superscript and never closes it."),
    Entry("QT401", _E, "không ghi được tài liệu", "document cannot be written",
          "build/ is not writable, the disk is full, or the file is open elsewhere. The previous "
          "document is left as it was."),
    Entry("QT402", _E, "không tạo được PDF", "PDF cannot be made",
          "build --pdf needs LibreOffice; the finding says how to install it, or what "
          "LibreOffice reported. The DOCX is written regardless."),
    Entry("QT501", _E, "mã chỉ tiêu bị lặp", "indicator id used twice",
          "Each row of the appendices has its own id in data/targets_2020_2025.yaml."),
    Entry("QT502", _E, "tệp năm sai", "year file named wrongly or twice",
          "data/actuals/<year>.yaml must say 'year: <year>', once per year."),
    Entry("QT503", _E, "thiếu tệp số liệu năm", "year file missing",
          "Every year of the term has a file in data/actuals/, even if its figures are null."),
    Entry("QT504", _E, "năm thiếu chỉ tiêu", "indicator missing from a year",
          "An indicator that has figures in some year must appear in every year's file: "
          "'id: null' when there is no figure, so a missing figure is always a decision."),
    Entry("QT505", _E, "không có chỉ tiêu", "unknown indicator id",
          "A year's file names an id that data/targets_2020_2025.yaml does not define."),
    Entry("QT506", _E, "không có mẫu bảng", "no such table layout",
          "An appendix names a layout with no templates/appendices/<layout>.yaml."),
    Entry("QT507", _E, "cột không hợp lệ", "invalid table column",
          "A column's 'show' is not one of number, name, unit, target, assessment, comparison, "
          "actual:<year>, figure:<name>."),
    Entry("QT508", _E, "số liệu viết dễ hiểu sai", "figure written ambiguously",
          "In data files YAML reads 6.150 as six point one five, and 132,2 as text. Write "
          "thousands without a separator (6150) and decimals with a dot (132.2); the report "
          "prints them the Vietnamese way."),
    Entry("QT601", _W, "số liệu ghi khác số tính được", "pinned figure differs from the data",
          "An official figure pinned in data/targets_2020_2025.yaml differs, by more than "
          "rounding, from what the yearly figures give. The table shows the pinned figure; "
          "the finding shows both, so the office can settle which is right."),
    Entry("QT602", _W, "đánh giá trái với số liệu", "stated assessment contradicted",
          "The assessment the draft states (Đạt/Vượt vs Không đạt/Chưa đạt) is on the other "
          "side from the one its figures give."),
    Entry("QT603", _W, "các phần không cộng bằng tổng", "parts do not add up",
          "A row marked 'sum_of_parts' differs from the sum of its 'Trong đó' rows in a year."),
    Entry("QT701", _W, "chữ Ƣ của phông PDF", "PDF font's Ư",
          "'Ƣ'/'ƣ' is how some PDF fonts encode Ư; it looks alike and is a different letter."),
    Entry("QT702", _W, "mảnh chữ không có nguyên âm", "vowelless fragment",
          "Copying from a PDF can drop accented vowels, leaving 't ch' for 'tích'. Restore the "
          "word; true abbreviations go in data/spelling-allow.yaml."),
    Entry("QT703", _W, "sai chính tả tiếng Việt", "not a Vietnamese syllable",
          "Each word is checked against Vietnamese spelling: onset, rhyme and tone (a syllable "
          "ending in -p, -t, -c, -ch takes only the sắc or nặng tone). Foreign names go in "
          "data/spelling-allow.yaml."),
    Entry("QT704", _W, "ký tự ẩn", "invisible character",
          "Zero-width spaces, soft hyphens, control characters: invisible in Word, trouble in "
          "search and comparison."),
    Entry("QT705", _W, "hai dấu cách", "double space", "Two spaces in a row."),
    Entry("QT706", _W, "từ lặp", "doubled word",
          "The same word twice in a row ('của của'). Pairs that are right ('cụ thể thể hiện') "
          "go in data/spelling-allow.yaml under 'doubled:'."),
    Entry("QT707", _W, "ngoặc không cân", "unpaired quotes or brackets",
          "“ without ”, ( without ), or an odd number of straight quotes in a paragraph."),
    Entry("QT709", _E, "ký tự Word không lưu được", "character Word cannot store",
          "A control character (written as an escape such as \\x01) cannot be stored in a "
          "Word document at all: the build would fail. Delete it."),
    Entry("QT708", _W, "số viết sai quy ước", "number in the wrong convention",
          "Vietnamese writes 2.796 and 98,1; '126.0' or '1,234.5' is the English convention. "
          "Quote data through {{ num(...) }} to get it right."),
]

CATALOGUE = {entry.code: entry for entry in ENTRIES}


def explain(code: str) -> str | None:
    entry = CATALOGUE.get(code.upper())
    if entry is None:
        return None
    return (f"{entry.code} ({entry.severity}): {entry.title_vi} — {entry.title_en}\n\n"
            f"{entry.explanation}")


def markdown() -> str:
    lines = ["# Findings of `qtreport check`", "",
             "Written from `src/qtreport/catalogue.py` (`python -m qtreport.catalogue`). "
             "`qtreport check --explain CODE` prints one entry.", "",
             "Errors fail `check` (exit 1); warnings fail it only with `--strict`.", "",
             "| code | severity | title | what it means, what to do |",
             "| --- | --- | --- | --- |"]
    for e in ENTRIES:
        lines.append(f"| {e.code} | {e.severity} | {e.title_vi} ({e.title_en}) | "
                     f"{e.explanation} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
