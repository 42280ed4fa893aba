"""Every finding qtreport can report, defined once: code, name, severity, titles, what it
means and what to do.

Stages report these objects (`findings.report(rules.UNDEFINED_FOOTNOTE, where, …)`), never
a code string. `qtreport check --explain QT201` prints an entry; docs/findings.md is written
from this module (`python -m qtreport.rules > docs/findings.md`), and a test keeps them in
step. tests/test_rules.py holds an example input for every rule and checks that it is
reported with the severity given here.
"""

from __future__ import annotations

from .diagnostics import Rule, Severity

_E, _W = Severity.ERROR, Severity.WARNING

# Families, by the code's first two digits: the headings of docs/findings.md.
FAMILIES = {
    "QT0": "Reading the files",
    "QT1": "The shape of the YAML",
    "QT2": "Footnotes",
    "QT3": "Templates and inline markup",
    "QT4": "Writing the document",
    "QT5": "Indicator data",
    "QT6": "Indicator consistency",
    "QT7": "The wording of the printed text",
    "QT8": "The comment round (feedback/) and revisions",
    "QT9": "Importing a report from Word",
}

# -- reading the files ----------------------------------------------------------------------

FILE_UNREADABLE = Rule(
    code="QT001", name="file-unreadable", severity=_E,
    title_vi="không đọc được tệp", title_en="a file cannot be read",
    explanation=("The file is missing or not readable by the user running qtreport. Check the "
                 "name and the permissions."),
    hint="check that the file exists and is readable")
NOT_UTF8_TEXT = Rule(
    code="QT002", name="not-utf8-text", severity=_E,
    title_vi="tệp không phải văn bản UTF-8", title_en="not UTF-8 text",
    explanation=("Report files are UTF-8 text. A file saved in another encoding, a binary file, "
                 "or a control character copied from a PDF stops the file from loading; the "
                 "finding gives the line of the first bad byte. Save the file as UTF-8 and delete"
                 " invisible characters."),
    hint="save it as a UTF-8 text file")
TAB_INDENTATION = Rule(
    code="QT003", name="tab-indentation", severity=_E,
    title_vi="thụt lề bằng Tab", title_en="tab in indentation",
    explanation=("YAML indents with spaces. A tab at the start of a line is read differently by "
                 "different tools, so it is refused. Indent with two spaces per level."),
    hint="indent with spaces only (2 spaces per level)")
YAML_SYNTAX = Rule(
    code="QT004", name="yaml-syntax", severity=_E,
    title_vi="lỗi cú pháp YAML", title_en="YAML syntax error",
    explanation=("The file is not valid YAML: usually a text containing ': ' written on the key's"
                 " own line, an unclosed quote, or a line indented one space too far. Write long "
                 "text as a block: 'key: >-' followed by the text on indented lines."),
    hint="check the indentation and quotes on this line and the one before")
DUPLICATE_KEY = Rule(
    code="QT005", name="duplicate-key", severity=_E,
    title_vi="khóa bị lặp", title_en="duplicate key",
    explanation=("The same key appears twice in one mapping. YAML would silently keep the second "
                 "one and drop the first; qtreport refuses it. Keep one."),
    hint="keep one of the two; YAML would silently drop the first")
YAML_ALIAS = Rule(
    code="QT006", name="yaml-alias", severity=_E,
    title_vi="neo, bí danh hoặc khóa gộp YAML", title_en="anchors, aliases or merge keys",
    explanation=("'&name', '*name' and '<<' let one YAML node stand in many places: hard to "
                 "review and an easy way to blow a file up to millions of nodes. Write the "
                 "content out."),
    hint="write the content out where it is needed")
YAML_TAG = Rule(
    code="QT007", name="yaml-tag", severity=_E,
    title_vi="thẻ YAML hoặc khóa phức", title_en="YAML tag or complex key",
    explanation=("Tags ('!!python/object', '!custom') and keys that are lists or mappings are not"
                 " part of the report's format. Write plain keys and values."),
    hint="write plain keys and values")
EMPTY_FILE = Rule(
    code="QT008", name="empty-file", severity=_E,
    title_vi="tệp rỗng", title_en="empty file",
    explanation="The file has no content. Write it, or delete it.",
    hint="write the file's content, or delete the file")
NESTED_TOO_DEEP = Rule(
    code="QT009", name="nested-too-deep", severity=_E,
    title_vi="cấu trúc lồng quá sâu", title_en="nested too deep",
    explanation=("A report file nests a dozen levels at most; one nested dozens deep is a mistake"
                 " (usually indentation) and is refused before it can exhaust the stack."),
    hint="a report file nests a dozen levels at most: check the indentation")
LINK_OUTSIDE = Rule(
    code="QT011", name="link-outside", severity=_E,
    title_vi="liên kết ra ngoài", title_en="link outside the data folder",
    explanation=("A symbolic link under data/ (or templates/) points outside it. Copy the file in"
                 " instead."),
    hint="copy the file into data/ instead of linking to it")
FILE_TOO_LARGE = Rule(
    code="QT012", name="file-too-large", severity=_E,
    title_vi="tệp quá lớn", title_en="file too large",
    explanation=("A report file is a few kilobytes; one of several megabytes is almost certainly "
                 "not what was meant. Split it, or check that it is a YAML text file."),
    hint="split it, or check that it is really a YAML text file")

# -- the shape of the YAML ------------------------------------------------------------------

UNKNOWN_KEY = Rule(
    code="QT101", name="unknown-key", severity=_E,
    title_vi="khóa không hợp lệ", title_en="unknown key",
    explanation=("The key is not one the format knows at this place. The hint suggests the "
                 "nearest known key and lists the keys allowed here (docs/yaml-format.md)."),
    hint="see docs/yaml-format.md for the keys allowed here")
MISSING_KEY = Rule(
    code="QT102", name="missing-key", severity=_E,
    title_vi="thiếu khóa", title_en="missing key",
    explanation="A key the format requires is absent, e.g. a section without 'title'.",
    hint="add the key (see docs/yaml-format.md)")
WRONG_TYPE = Rule(
    code="QT103", name="wrong-type", severity=_E,
    title_vi="sai kiểu giá trị", title_en="wrong type of value",
    explanation=("A value is of the wrong kind: a number where text is expected, text where a "
                 "list is expected. Numbers meant as text are written as a '>-' block or in "
                 "quotes."),
    hint="see docs/yaml-format.md for the shape of this entry")
INVALID_VALUE = Rule(
    code="QT104", name="invalid-value", severity=_E,
    title_vi="giá trị không hợp lệ", title_en="invalid value",
    explanation=("A value is outside what is allowed: an empty text, a footnote id with capitals "
                 "or accents, an item style other than '(1)', '(1).' or '1.', an incomplete "
                 "target, page margins wider than the page."),
    hint="see docs/yaml-format.md and docs/indicators.md for the values allowed here")
UNKNOWN_STYLE = Rule(
    code="QT108", name="unknown-style", severity=_E,
    title_vi="kiểu trình bày không có", title_en="unknown or missing style",
    explanation=("templates/front-matter.yaml names a style, or a style is based on one, that "
                 "templates/styles.yaml does not define; or templates/styles.yaml lacks a style "
                 "the document needs (the headings, footnotes, page header, tables)."),
    hint="define the style in templates/styles.yaml")
INCLUDE_NOT_FOUND = Rule(
    code="QT110", name="include-not-found", severity=_E,
    title_vi="không tìm thấy tệp được dẫn", title_en="included file not found",
    explanation=("An 'include:', a part or the closing names a file that does not exist under "
                 "data/. Paths are relative to data/."),
    hint="check the file name; paths are relative to data/")
PATH_OUTSIDE = Rule(
    code="QT111", name="path-outside", severity=_E,
    title_vi="đường dẫn ra ngoài data/", title_en="path outside data/",
    explanation="Included paths stay inside data/: no '..', no absolute paths.",
    hint="write paths relative to data/, e.g. sections/phan-1.yaml")
INCLUDED_TWICE = Rule(
    code="QT112", name="included-twice", severity=_E,
    title_vi="tệp được dẫn lặp hoặc vòng", title_en="file included twice or in a loop",
    explanation=("A section file belongs at one place in the report; a file that includes itself "
                 "(directly or through others) would never end."),
    hint="each section file belongs at one place in the report")
INCLUDED_NOWHERE = Rule(
    code="QT113", name="included-nowhere", severity=_W,
    title_vi="tệp không được dẫn", title_en="file included nowhere",
    explanation=("A file under data/sections/ is not part of the report: include it where it "
                 "belongs or delete it."),
    hint="include it where it belongs, or delete the file")
HEADINGS_TOO_DEEP = Rule(
    code="QT120", name="headings-too-deep", severity=_E,
    title_vi="mục lồng quá sâu", title_en="headings nested too deep",
    explanation=("Headings go I. → 1. → 1.1. → 1.1.1. → a.; a sixth level has no number form. "
                 "Move the section up, or make it a numbered list."),
    hint="move this section up a level, or make it a numbered list")

# -- footnotes ------------------------------------------------------------------------------

UNDEFINED_FOOTNOTE = Rule(
    code="QT201", name="undefined-footnote", severity=_E,
    title_vi="chú thích chưa định nghĩa", title_en="undefined footnote",
    explanation=("'[^id]' refers to a footnote that is not defined under 'footnotes:' in the same"
                 " file. The hint suggests a near id, or the file where the id is defined."),
    hint="define the footnote under 'footnotes:' in this file")
UNUSED_FOOTNOTE = Rule(
    code="QT202", name="unused-footnote", severity=_E,
    title_vi="chú thích không được dẫn", title_en="footnote never referenced",
    explanation=("A footnote is defined but no '[^id]' refers to it, so it would be lost. Put the"
                 " reference in the text, or delete the definition."),
    hint="put [^id] in the text where the note belongs, or delete the definition")
FOOTNOTE_DEFINED_TWICE = Rule(
    code="QT203", name="footnote-defined-twice", severity=_E,
    title_vi="chú thích định nghĩa hai lần", title_en="footnote defined twice",
    explanation="Footnote ids are unique in the whole report. Rename one.",
    hint="footnote ids are unique in the whole report: rename one of them")
FOOTNOTE_REFERENCED_TWICE = Rule(
    code="QT204", name="footnote-referenced-twice", severity=_E,
    title_vi="chú thích được dẫn hai lần", title_en="footnote referenced twice",
    explanation=("Each footnote is referenced once; a Word footnote has one reference mark. For "
                 "the same note at two places, write a second footnote."),
    hint="a footnote is referenced once; for the same note twice, write a second footnote")
MALFORMED_MARKER = Rule(
    code="QT205", name="malformed-marker", severity=_E,
    title_vi="dấu chú thích viết sai", title_en="malformed footnote marker",
    explanation="A '[^' or '^[' is never closed, or the id has characters ids may not have.",
    hint="write a footnote as [^id] or ^[text of the note]")
MISPLACED_FOOTNOTE = Rule(
    code="QT206", name="misplaced-footnote", severity=_E,
    title_vi="chú thích đặt sai chỗ", title_en="footnote in a footnote or a heading",
    explanation=("Footnotes cannot carry footnotes, and headings carry none: put the note in the "
                 "first paragraph under the heading."),
    hint="a footnote cannot have footnotes: write the text into it instead")
MARKER_IN_TEMPLATE_BLOCK = Rule(
    code="QT207", name="marker-in-template-block", severity=_E,
    title_vi="dấu chú thích trong biểu thức điều kiện", title_en="marker inside {% if %}",
    explanation=("A '[^id]' inside '{% if %}' or '{% for %}' would appear zero or many times. "
                 "Keep markers outside template blocks."),
    hint="keep [^id] markers outside {% … %} blocks")

# -- templates and inline markup ------------------------------------------------------------

TEMPLATE_SYNTAX = Rule(
    code="QT301", name="template-syntax", severity=_E,
    title_vi="lỗi cú pháp biểu thức", title_en="template syntax error",
    explanation=("A '{{ … }}' or '{% … %}' in a paragraph is malformed. Braces are for templates "
                 "only."),
    hint="check the {{ … }} and {% … %} in this paragraph; text braces are not allowed")
UNKNOWN_TEMPLATE_NAME = Rule(
    code="QT302", name="unknown-template-name", severity=_E,
    title_vi="tên không tồn tại trong biểu thức", title_en="unknown name in a template",
    explanation=("A template uses a name that is not one of the helpers (num, pct, actual, "
                 "figure, rate, target, assessment, achieved, counted)."),
    hint="see docs/yaml-format.md and docs/indicators.md for the helpers")
TEMPLATE_BLOCKED = Rule(
    code="QT303", name="template-blocked", severity=_E,
    title_vi="biểu thức bị chặn", title_en="template blocked by the sandbox",
    explanation=("Templates run in a sandbox: reaching Python internals ('__class__', "
                 "'__globals__') is refused."),
    hint="templates may only quote data through the documented helpers")
TEMPLATE_FAILED = Rule(
    code="QT304", name="template-failed", severity=_E,
    title_vi="biểu thức lỗi khi tính", title_en="template failed or ran away",
    explanation=("The template raised an error while running (a division by zero, a wrong "
                 "argument), produced an absurd amount of text, or ran too long."),
    hint="check the values passed to the helpers in this paragraph")
FIGURE_NOT_IN_DATA = Rule(
    code="QT305", name="figure-not-in-data", severity=_E,
    title_vi="số liệu không có trong dữ liệu", title_en="quoted figure not in the data",
    explanation=("A paragraph quotes an indicator or a year that data/ does not have. The hint "
                 "names the nearest id."),
    hint="check the indicator id and year against the indicator file and data/actuals/")
UNCLOSED_MARKUP = Rule(
    code="QT310", name="unclosed-markup", severity=_W,
    title_vi="dấu định dạng chưa đóng", title_en="unclosed markup",
    explanation="A '**', '*' or '^' opens bold, italic or superscript and never closes it.",
    hint="close it, or write \\* for a literal asterisk")

# -- writing the document -------------------------------------------------------------------

DOCUMENT_NOT_WRITTEN = Rule(
    code="QT401", name="document-not-written", severity=_E,
    title_vi="không ghi được tài liệu", title_en="document cannot be written",
    explanation=("build/ is not writable, the disk is full, or the file is open elsewhere. The "
                 "previous document is left as it was."),
    hint="check that the build/ folder is writable and the file is not open in Word")
PDF_NOT_WRITTEN = Rule(
    code="QT402", name="pdf-not-written", severity=_E,
    title_vi="không tạo được PDF", title_en="PDF cannot be made",
    explanation=("build --pdf needs LibreOffice; the finding says how to install it, or what "
                 "LibreOffice reported. The DOCX is written regardless."),
    hint="the DOCX was written; only the PDF is missing")

# -- indicator data -------------------------------------------------------------------------

INDICATOR_ID_TWICE = Rule(
    code="QT501", name="indicator-id-twice", severity=_E,
    title_vi="mã chỉ tiêu bị lặp", title_en="indicator id used twice",
    explanation="Each row of the appendices has its own id in the indicator file.",
    hint="give each row its own id")
YEAR_FILE_WRONG = Rule(
    code="QT502", name="year-file-wrong", severity=_E,
    title_vi="tệp năm sai", title_en="year file named wrongly or twice",
    explanation="data/actuals/<year>.yaml must say 'year: <year>', once per year.",
    hint="keep one file per year, named for its year")
YEAR_FILE_MISSING = Rule(
    code="QT503", name="year-file-missing", severity=_E,
    title_vi="thiếu tệp số liệu năm", title_en="year file missing",
    explanation="Every year of the term has a file in data/actuals/, even if its figures are null.",
    hint="add one file per year of the term (with null for figures not known)")
INDICATOR_MISSING_FROM_YEAR = Rule(
    code="QT504", name="indicator-missing-from-year", severity=_E,
    title_vi="năm thiếu chỉ tiêu", title_en="indicator missing from a year",
    explanation=("An indicator that has figures in some year must appear in every year's file: "
                 "'id: null' when there is no figure, so a missing figure is always a decision."),
    hint="write 'id: null' if there is no figure for the year")
UNKNOWN_INDICATOR = Rule(
    code="QT505", name="unknown-indicator", severity=_E,
    title_vi="không có chỉ tiêu", title_en="unknown indicator id",
    explanation="A year's file names an id that the indicator file does not define.",
    hint="indicator ids are defined in the indicator file")
UNKNOWN_LAYOUT = Rule(
    code="QT506", name="unknown-layout", severity=_E,
    title_vi="không có mẫu bảng", title_en="no such table layout",
    explanation="An appendix names a layout with no templates/appendices/<layout>.yaml.",
    hint="name a layout of templates/appendices/")
INVALID_COLUMN = Rule(
    code="QT507", name="invalid-column", severity=_E,
    title_vi="cột không hợp lệ", title_en="invalid table column",
    explanation=("A column's 'show' is not one of number, name, unit, target, assessment, "
                 "comparison, actual:<year>, figure:<name>."),
    hint="see the comment at the top of templates/appendices/phu-luc-1.yaml")
AMBIGUOUS_FIGURE = Rule(
    code="QT508", name="ambiguous-figure", severity=_E,
    title_vi="số liệu viết dễ hiểu sai", title_en="figure written ambiguously",
    explanation=("In data files YAML reads 6.150 as six point one five, and 132,2 as text. Write "
                 "thousands without a separator (6150) and decimals with a dot (132.2); the "
                 "report prints them the Vietnamese way."),
    hint="write figures as numbers with a dot for decimals: 132.2, 2796")
YEAR_OUTSIDE_TERM = Rule(
    code="QT511", name="year-outside-term", severity=_W,
    title_vi="tệp số liệu ngoài nhiệm kỳ", title_en="a year file outside the term",
    explanation=("data/actuals/ holds a file for a year before the term's base year, or after the"
                 " year the figures stand at (`as_of`). Its figures are not read: no sum, growth "
                 "or assessment comes from them. A file of the next term belongs in that term's "
                 "report."),
    hint="move it out of data/actuals/, or correct its year")
UNKNOWN_PLAN_LIST = Rule(
    code="QT509", name="unknown-plan-list", severity=_E,
    title_vi="không có danh sách chỉ tiêu này", title_en="items_from names no list of the plan",
    explanation=("`items_from: <id>` prints the targets of one list of the next resolution: an "
                 "appendix with that `id:` in the plan file that data/report.yaml names under "
                 "`plan:`."),
    hint="check the list's id in the plan file, and that data/report.yaml names the plan")
EMPTY_COLUMN = Rule(
    code="QT510", name="empty-column", severity=_W,
    title_vi="cột bảng không có số liệu", title_en="a table column nobody fills",
    explanation=("Every row of the appendix leaves this column of its layout empty: a year "
                 "outside the term, a year after the one the figures stand at, a figure no "
                 "indicator has (a copied layout prints an empty column for each)."),
    hint="show a year the report has figures for, or take the column out of the layout")

# -- indicator consistency ------------------------------------------------------------------

PINNED_FIGURE_DIFFERS = Rule(
    code="QT601", name="pinned-figure-differs", severity=_W,
    title_vi="số liệu ghi khác số tính được", title_en="pinned figure differs from the data",
    explanation=("An official figure pinned in the indicator file differs, by more than rounding,"
                 " from what the yearly figures give. The table shows the pinned figure; the "
                 "finding shows both, so the office can settle which is right."),
    hint="check the yearly figures or the official figure")
STATED_ASSESSMENT_CONTRADICTED = Rule(
    code="QT602", name="stated-assessment-contradicted", severity=_W,
    title_vi="đánh giá trái với số liệu", title_en="stated assessment contradicted",
    explanation=("The assessment the draft states (Đạt/Vượt vs Không đạt/Chưa đạt) is on the "
                 "other side from the one its figures give."),
    hint="check the figures, or the stated assessment")
PARTS_DO_NOT_ADD_UP = Rule(
    code="QT603", name="parts-do-not-add-up", severity=_W,
    title_vi="các phần không cộng bằng tổng", title_en="parts do not add up",
    explanation=("A row marked 'sum_of_parts' differs from the sum of its 'Trong đó' rows in a "
                 "year."),
    hint="correct the figure of the row or of one of its parts")
PROSE_FIGURE_DIFFERS = Rule(
    code="QT604", name="prose-figure-differs", severity=_W,
    title_vi="số liệu trong bài khác dữ liệu",
    title_en="a figure of the text differs from the data",
    explanation=("A number typed in the text stands where an indicator's figure is named: most of"
                 " the indicator's name before it in the same clause, its unit after it, and the "
                 "year (or the period, for a total, an average or a growth) in that clause. The "
                 "data has another figure there. The draft's own worst failure: a footnote's 479 "
                 "households where the appendix says 419. Correct the text or the data; better, "
                 "quote the data with the {{ … }} the finding gives. A paragraph whose typed "
                 "figures are right as typed says so, and why, with `typed_figures: <why>`."),
    hint="correct the text or the data, or quote the data with {{ … }}")
PROSE_FIGURE_UNBOUND = Rule(
    code="QT605", name="prose-figure-unbound", severity=_W,
    title_vi="số liệu gõ tay có thể lấy từ dữ liệu", title_en="a typed figure the data has",
    explanation=("A number typed in the text is an indicator's figure of the year or period the "
                 "sentence names. Typed, it will not follow when the data changes: write the {{ …"
                 " }} the finding gives instead. A paragraph whose typed figures are meant to "
                 "stay as typed says so, and why, with `typed_figures: <why>`."),
    hint="write the {{ … }} the finding gives in its place")

# -- the wording of the printed text --------------------------------------------------------

PDF_FONT_LETTER = Rule(
    code="QT701", name="pdf-font-letter", severity=_W,
    title_vi="chữ Ƣ của phông PDF", title_en="PDF font's Ư",
    explanation="'Ƣ'/'ƣ' is how some PDF fonts encode Ư; it looks alike and is a different letter.",
    hint="replace it with 'Ư'/'ư'")
VOWELLESS_FRAGMENT = Rule(
    code="QT702", name="vowelless-fragment", severity=_W,
    title_vi="mảnh chữ không có nguyên âm", title_en="vowelless fragment",
    explanation=("Copying from a PDF can drop accented vowels, leaving 't ch' for 'tích'. Restore"
                 " the word; true abbreviations go in data/spelling-allow.yaml."),
    hint="restore the word, or add it to data/spelling-allow.yaml if it is right")
MISSPELT_SYLLABLE = Rule(
    code="QT703", name="misspelt-syllable", severity=_W,
    title_vi="sai chính tả tiếng Việt", title_en="not a Vietnamese syllable",
    explanation=("Each word is checked against Vietnamese spelling: onset, rhyme and tone (a "
                 "syllable ending in -p, -t, -c, -ch takes only the sắc or nặng tone). Foreign "
                 "names go in data/spelling-allow.yaml."),
    hint="correct the spelling; foreign names and words go in data/spelling-allow.yaml")
INVISIBLE_CHARACTER = Rule(
    code="QT704", name="invisible-character", severity=_W,
    title_vi="ký tự ẩn", title_en="invisible character",
    explanation=("Zero-width spaces, soft hyphens, control characters: invisible in Word, trouble"
                 " in search and comparison."),
    hint="delete it (it often comes from copying out of a PDF or a web page)")
DOUBLE_SPACE = Rule(
    code="QT705", name="double-space", severity=_W,
    title_vi="hai dấu cách", title_en="double space",
    explanation="Two spaces in a row.",
    hint="keep one space")
DOUBLED_WORD = Rule(
    code="QT706", name="doubled-word", severity=_W,
    title_vi="từ lặp", title_en="doubled word",
    explanation=("The same word twice in a row ('của của'). Pairs that are right ('cụ thể thể "
                 "hiện') go in data/spelling-allow.yaml under 'doubled:'."),
    hint="delete one, or add the pair to data/spelling-allow.yaml (doubled:) if it is right")
UNPAIRED_MARKS = Rule(
    code="QT707", name="unpaired-marks", severity=_W,
    title_vi="ngoặc không cân", title_en="unpaired quotes or brackets",
    explanation="“ without ”, ( without ), or an odd number of straight quotes in a paragraph.",
    hint="add the missing mark")
NUMBER_CONVENTION = Rule(
    code="QT708", name="number-convention", severity=_W,
    title_vi="số viết sai quy ước", title_en="number in the wrong convention",
    explanation=("Vietnamese writes 2.796 and 98,1; '126.0' or '1,234.5' is the English "
                 "convention. Quote data through {{ num(...) }} to get it right."),
    hint="write it the Vietnamese way, or quote data through {{ num(...) }}")
UNSTORABLE_CHARACTER = Rule(
    code="QT709", name="unstorable-character", severity=_E,
    title_vi="ký tự Word không lưu được", title_en="character Word cannot store",
    explanation=("A control character (written as an escape such as \\x01) cannot be stored in a "
                 "Word document at all: the build would fail. Delete it."),
    hint="delete it (it was probably written as an escape, \\x..)")


# -- the comment round ----------------------------------------------------------------------

FEEDBACK_STATUS = Rule(
    code="QT801", name="feedback-status", severity=_E,
    title_vi="trạng thái không hợp lệ", title_en="unknown status",
    explanation=("An entry of the register in feedback/ has a status the synthesis table does not"
                 " know. A status is one of: chưa xử lý, tiếp thu, tiếp thu một phần, giải trình."),
    hint="write one of: chưa xử lý, tiếp thu, tiếp thu một phần, giải trình")
FEEDBACK_RESPONSE_MISSING = Rule(
    code="QT802", name="feedback-response-missing", severity=_W,
    title_vi="thiếu nội dung giải trình", title_en="response missing",
    explanation=("An entry taken in only in part (tiếp thu một phần) or explained (giải trình) "
                 "needs the team's words in 'response:': the synthesis table prints them beside "
                 "the comment. While the team answers it is a warning (check and build go on, "
                 "the draft is written); `feedback table` refuses to write a table with an "
                 "answer missing, and `check --strict` fails on it."),
    hint="write the team's answer under 'response:'")
FEEDBACK_PASSAGE_GONE = Rule(
    code="QT803", name="feedback-passage-gone", severity=_W,
    title_vi="đoạn được góp ý không còn trong báo cáo", title_en="passage no longer in the report",
    explanation=("The passage an entry is about is no longer in the report: edited away, often in"
                 " answer to that very comment. The entry stays in the register and in the "
                 "synthesis table; check that its status says what became of it."),
    hint="check the entry's status and response")
COPY_UNREADABLE = Rule(
    code="QT810", name="copy-unreadable", severity=_E,
    title_vi="không đọc được bản góp ý", title_en="returned copy unreadable",
    explanation=("A file given to `qtreport feedback add` is not a Word document (.docx), is "
                 "damaged, or is protected by a password. The other files are still read."),
    hint="save it again from Word as a .docx document without a password")
COPY_OF_ANOTHER_DOCUMENT = Rule(
    code="QT811", name="copy-of-another-document", severity=_E,
    title_vi="không phải bản của dự thảo này", title_en="not a copy of this draft",
    explanation=("The file has neither the version stamp nor the hidden marks of a draft qtreport"
                 " built, and fewer than three in ten of its paragraphs (of a sentence or more)"
                 " are word for word the report's: it is another document. A copy that lost the"
                 " marks (another word processor, the draft pasted into a unit's letterhead) is"
                 " known by its text and placed by its words."),
    hint="add the copy of the draft that was sent out, with the reviewer's comments in it")
COPY_WITHOUT_FEEDBACK = Rule(
    code="QT812", name="copy-without-feedback", severity=_W,
    title_vi="bản góp ý không có ý kiến", title_en="copy without comments or changes",
    explanation=("The copy has no Word comment and no tracked change: nothing to register. A "
                 "reviewer who typed over the text without Track Changes left no trace qtreport "
                 "can read."),
    hint="ask for the copy with comments, or with Track Changes on")
FEEDBACK_UNPLACED = Rule(
    code="QT813", name="feedback-unplaced", severity=_W,
    title_vi="không xác định được vị trí góp ý", title_en="comment that cannot be placed",
    explanation=("A comment or change of a returned copy is about a passage that is no longer in "
                 "the report and was not found near where it was. It is kept in the register with"
                 " the reason, to be answered like the others."),
    hint="answer it in the register; its passage and section say what it was about")
REGISTER_UNWRITABLE = Rule(
    code="QT814", name="register-unwritable", severity=_E,
    title_vi="không ghi được sổ góp ý", title_en="register cannot be written",
    explanation=("`qtreport feedback add` adds entries at the end of feedback/<round>.yaml and "
                 "never rewrites what is there; the file must load, and 'entries:' must be its "
                 "last key."),
    hint="correct the register (qtreport check shows its errors), keep 'entries:' last")
COPY_STAMP_UNKNOWN = Rule(
    code="QT815", name="copy-stamp-unknown", severity=_W,
    title_vi="dấu phiên bản của bản góp ý không hợp lệ",
    title_en="the copy's version stamp names no commit here",
    explanation=("A draft carries the git commit it was built at (the document property "
                 "'qtreport-commit'), so that a copy of an older draft is placed through that "
                 "draft. The copy's stamp is not a full commit id that this repository has: typed"
                 " by hand, from another repository, or made to mislead. It is not used; the copy"
                 " is placed by its marks and its words in the report as it is now."),
    hint="nothing to do if the comments are placed; else ask which draft the copy was made from")
REGISTER_FULL = Rule(
    code="QT816", name="register-full", severity=_E,
    title_vi="sổ góp ý sẽ quá lớn", title_en="register would be too large",
    explanation=("A register is a file `qtreport check` reads, and it reads no file over "
                 "2.000.000 bytes. The copy's comments would make feedback/<round>.yaml larger "
                 "than that, so they are not added (the copies before it are). A copy with "
                 "thousands of comments is rarely a reviewer's."),
    hint="check the copy; or add it to a round of its own with --round")
APPLY_FILE_CHANGED = Rule(
    code="QT817", name="apply-file-changed", severity=_E,
    title_vi="tệp đã được sửa trong lúc ghi", title_en="a file changed while the edits were made",
    explanation=("`qtreport feedback apply` reads the YAML, checks the edited report, then writes"
                 " every file at once. A file that changed on disk in between (an editor saved "
                 "it) is not written over: nothing is written, and the editor's save is kept."),
    hint="run qtreport feedback apply again")
FEEDBACK_UNIT_UNKNOWN = Rule(
    code="QT818", name="feedback-unit-unknown", severity=_W,
    title_vi="không có ý kiến của đơn vị này", title_en="no entry of that unit",
    explanation=("`qtreport feedback list --unit U` keeps the entries whose unit holds U, case "
                 "and accents aside (\"khu pho 3\" finds \"Chi bộ Khu phố 3\"). None does: the "
                 "finding lists the units the register has."),
    hint="name one of the register's units, or part of its name")
DRAFT_NOT_FOUND = Rule(
    code="QT820", name="draft-not-found", severity=_E,
    title_vi="không tìm thấy bản dự thảo", title_en="draft not found",
    explanation=("`qtreport diff OLD NEW` compares two drafts, each a git revision of the "
                 "repository (a commit, a branch, a tag) or a folder that holds a report. The one"
                 " named is neither."),
    hint="name a commit, a branch or a tag (git log shows them), or a report folder")


# -- importing a report from Word -------------------------------------------------------------

IMPORT_UNREADABLE = Rule(
    code="QT901", name="import-unreadable", severity=_E,
    title_vi="không đọc được tài liệu Word", title_en="the Word document cannot be read",
    explanation=("`qtreport import` reads a .docx: not an old .doc, not a file with a password, "
                 "not a damaged one. Nothing is written."),
    hint="open it in Word and save it as a .docx document")
IMPORT_NUMBERING_CHANGED = Rule(
    code="QT902", name="import-numbering-changed", severity=_W,
    title_vi="số thứ tự sẽ khác bản gốc", title_en="the numbering will differ from the document's",
    explanation=("The report numbers its headings by position. Where the document's own numbers "
                 "skip (I., II., IV.) or a heading sits two levels under its parent (a. right "
                 "under 1.), the built report numbers it otherwise; the finding says where."),
    hint="check whether a heading is missing or at the wrong level")
IMPORT_NOT_PLACED = Rule(
    code="QT903", name="import-not-placed", severity=_W,
    title_vi="nội dung không đưa vào được",
    title_en="something of the document has no place in the report",
    explanation=("A picture, a text box, an empty heading, a note referenced twice or never, a "
                 "line of the first page no field holds: each is listed with the paragraph it was"
                 " near (the paragraph's number in the document), to be put in by hand if the "
                 "report needs it."),
    hint="see the paragraph the finding names")


RULES: dict[str, Rule] = {rule.code: rule for rule in sorted(
    (value for value in list(globals().values()) if isinstance(value, Rule)),
    key=lambda rule: rule.code)}


def all_rules() -> list[Rule]:
    """Every rule, by code."""
    return list(RULES.values())


def by_code(code: str) -> Rule | None:
    return RULES.get(code.upper())


def explain(code: str) -> str | None:
    rule = by_code(code)
    if rule is None:
        return None
    return (f"{rule.code} {rule.name} ({rule.severity}): {rule.title_vi} — {rule.title_en}"
            f"\n\n{rule.explanation}")


def markdown() -> str:
    """docs/findings.md."""
    lines = ["# Findings of `qtreport check`", "",
             "Written from `src/qtreport/rules.py` (`python -m qtreport.rules`). "
             "`qtreport check --explain CODE` prints one entry.", "",
             "Errors fail `check` (exit 1); warnings fail it only with `--strict`."]
    family = None
    for rule in all_rules():
        if rule.code[:3] != family:
            family = rule.code[:3]
            lines += ["", f"## {FAMILIES[family]}", "",
                      "| code | name | severity | title | what it means, what to do |",
                      "| --- | --- | --- | --- | --- |"]
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.title_vi} "
                     f"({rule.title_en}) | {rule.explanation} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
