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
    "QT001", "file-unreadable", _E, "không đọc được tệp", "a file cannot be read",
    "The file is missing or not readable by the user running qtreport. Check the name and "
    "the permissions.", "check that the file exists and is readable")
NOT_UTF8_TEXT = Rule(
    "QT002", "not-utf8-text", _E, "tệp không phải văn bản UTF-8", "not UTF-8 text",
    "Report files are UTF-8 text. A file saved in another encoding, a binary file, or a "
    "control character copied from a PDF stops the file from loading; the finding gives the "
    "line of the first bad byte. Save the file as UTF-8 and delete invisible characters.",
    "save it as a UTF-8 text file")
TAB_INDENTATION = Rule(
    "QT003", "tab-indentation", _E, "thụt lề bằng Tab", "tab in indentation",
    "YAML indents with spaces. A tab at the start of a line is read differently by different "
    "tools, so it is refused. Indent with two spaces per level.",
    "indent with spaces only (2 spaces per level)")
YAML_SYNTAX = Rule(
    "QT004", "yaml-syntax", _E, "lỗi cú pháp YAML", "YAML syntax error",
    "The file is not valid YAML: usually a text containing ': ' written on the key's own "
    "line, an unclosed quote, or a line indented one space too far. Write long text as a "
    "block: 'key: >-' followed by the text on indented lines.",
    "check the indentation and quotes on this line and the one before")
DUPLICATE_KEY = Rule(
    "QT005", "duplicate-key", _E, "khóa bị lặp", "duplicate key",
    "The same key appears twice in one mapping. YAML would silently keep the second one and "
    "drop the first; qtreport refuses it. Keep one.",
    "keep one of the two; YAML would silently drop the first")
YAML_ALIAS = Rule(
    "QT006", "yaml-alias", _E, "neo, bí danh hoặc khóa gộp YAML",
    "anchors, aliases or merge keys",
    "'&name', '*name' and '<<' let one YAML node stand in many places: hard to review and an "
    "easy way to blow a file up to millions of nodes. Write the content out.",
    "write the content out where it is needed")
YAML_TAG = Rule(
    "QT007", "yaml-tag", _E, "thẻ YAML hoặc khóa phức", "YAML tag or complex key",
    "Tags ('!!python/object', '!custom') and keys that are lists or mappings are not part of "
    "the report's format. Write plain keys and values.",
    "write plain keys and values")
EMPTY_FILE = Rule(
    "QT008", "empty-file", _E, "tệp rỗng", "empty file",
    "The file has no content. Write it, or delete it.",
    "write the file's content, or delete the file")
NESTED_TOO_DEEP = Rule(
    "QT009", "nested-too-deep", _E, "cấu trúc lồng quá sâu", "nested too deep",
    "A report file nests a dozen levels at most; one nested dozens deep is a mistake "
    "(usually indentation) and is refused before it can exhaust the stack.",
    "a report file nests a dozen levels at most: check the indentation")
LINK_OUTSIDE = Rule(
    "QT011", "link-outside", _E, "liên kết ra ngoài", "link outside the data folder",
    "A symbolic link under data/ (or templates/) points outside it. Copy the file in instead.",
    "copy the file into data/ instead of linking to it")
FILE_TOO_LARGE = Rule(
    "QT012", "file-too-large", _E, "tệp quá lớn", "file too large",
    "A report file is a few kilobytes; one of several megabytes is almost certainly not what "
    "was meant. Split it, or check that it is a YAML text file.",
    "split it, or check that it is really a YAML text file")

# -- the shape of the YAML ------------------------------------------------------------------

UNKNOWN_KEY = Rule(
    "QT101", "unknown-key", _E, "khóa không hợp lệ", "unknown key",
    "The key is not one the format knows at this place. The hint suggests the nearest known "
    "key and lists the keys allowed here (docs/yaml-format.md).",
    "see docs/yaml-format.md for the keys allowed here")
MISSING_KEY = Rule(
    "QT102", "missing-key", _E, "thiếu khóa", "missing key",
    "A key the format requires is absent, e.g. a section without 'title'.",
    "add the key (see docs/yaml-format.md)")
WRONG_TYPE = Rule(
    "QT103", "wrong-type", _E, "sai kiểu giá trị", "wrong type of value",
    "A value is of the wrong kind: a number where text is expected, text where a list is "
    "expected. Numbers meant as text are written as a '>-' block or in quotes.",
    "see docs/yaml-format.md for the shape of this entry")
INVALID_VALUE = Rule(
    "QT104", "invalid-value", _E, "giá trị không hợp lệ", "invalid value",
    "A value is outside what is allowed: an empty text, a footnote id with capitals or "
    "accents, an item style other than '(1)', '(1).' or '1.', an incomplete target, page "
    "margins wider than the page.",
    "see docs/yaml-format.md and docs/indicators.md for the values allowed here")
UNKNOWN_STYLE = Rule(
    "QT108", "unknown-style", _E, "kiểu trình bày không có", "unknown or missing style",
    "templates/front-matter.yaml names a style, or a style is based on one, that "
    "templates/styles.yaml does not define; or templates/styles.yaml lacks a style the "
    "document needs (the headings, footnotes, page header, tables).",
    "define the style in templates/styles.yaml")
INCLUDE_NOT_FOUND = Rule(
    "QT110", "include-not-found", _E, "không tìm thấy tệp được dẫn", "included file not found",
    "An 'include:', a part or the closing names a file that does not exist under data/. "
    "Paths are relative to data/.",
    "check the file name; paths are relative to data/")
PATH_OUTSIDE = Rule(
    "QT111", "path-outside", _E, "đường dẫn ra ngoài data/", "path outside data/",
    "Included paths stay inside data/: no '..', no absolute paths.",
    "write paths relative to data/, e.g. sections/phan-1.yaml")
INCLUDED_TWICE = Rule(
    "QT112", "included-twice", _E, "tệp được dẫn lặp hoặc vòng",
    "file included twice or in a loop",
    "A section file belongs at one place in the report; a file that includes itself "
    "(directly or through others) would never end.",
    "each section file belongs at one place in the report")
INCLUDED_NOWHERE = Rule(
    "QT113", "included-nowhere", _W, "tệp không được dẫn", "file included nowhere",
    "A file under data/sections/ is not part of the report: include it where it belongs or "
    "delete it.",
    "include it where it belongs, or delete the file")
HEADINGS_TOO_DEEP = Rule(
    "QT120", "headings-too-deep", _E, "mục lồng quá sâu", "headings nested too deep",
    "Headings go I. → 1. → 1.1. → 1.1.1. → a.; a sixth level has no number form. Move the "
    "section up, or make it a numbered list.",
    "move this section up a level, or make it a numbered list")

# -- footnotes ------------------------------------------------------------------------------

UNDEFINED_FOOTNOTE = Rule(
    "QT201", "undefined-footnote", _E, "chú thích chưa định nghĩa", "undefined footnote",
    "'[^id]' refers to a footnote that is not defined under 'footnotes:' in the same file. "
    "The hint suggests a near id, or the file where the id is defined.",
    "define the footnote under 'footnotes:' in this file")
UNUSED_FOOTNOTE = Rule(
    "QT202", "unused-footnote", _E, "chú thích không được dẫn", "footnote never referenced",
    "A footnote is defined but no '[^id]' refers to it, so it would be lost. Put the "
    "reference in the text, or delete the definition.",
    "put [^id] in the text where the note belongs, or delete the definition")
FOOTNOTE_DEFINED_TWICE = Rule(
    "QT203", "footnote-defined-twice", _E, "chú thích định nghĩa hai lần",
    "footnote defined twice",
    "Footnote ids are unique in the whole report. Rename one.",
    "footnote ids are unique in the whole report: rename one of them")
FOOTNOTE_REFERENCED_TWICE = Rule(
    "QT204", "footnote-referenced-twice", _E, "chú thích được dẫn hai lần",
    "footnote referenced twice",
    "Each footnote is referenced once; a Word footnote has one reference mark. For the same "
    "note at two places, write a second footnote.",
    "a footnote is referenced once; for the same note twice, write a second footnote")
MALFORMED_MARKER = Rule(
    "QT205", "malformed-marker", _E, "dấu chú thích viết sai", "malformed footnote marker",
    "A '[^' or '^[' is never closed, or the id has characters ids may not have.",
    "write a footnote as [^id] or ^[text of the note]")
MISPLACED_FOOTNOTE = Rule(
    "QT206", "misplaced-footnote", _E, "chú thích đặt sai chỗ",
    "footnote in a footnote or a heading",
    "Footnotes cannot carry footnotes, and headings carry none: put the note in the first "
    "paragraph under the heading.",
    "a footnote cannot have footnotes: write the text into it instead")
MARKER_IN_TEMPLATE_BLOCK = Rule(
    "QT207", "marker-in-template-block", _E, "dấu chú thích trong biểu thức điều kiện",
    "marker inside {% if %}",
    "A '[^id]' inside '{% if %}' or '{% for %}' would appear zero or many times. Keep "
    "markers outside template blocks.",
    "keep [^id] markers outside {% … %} blocks")

# -- templates and inline markup ------------------------------------------------------------

TEMPLATE_SYNTAX = Rule(
    "QT301", "template-syntax", _E, "lỗi cú pháp biểu thức", "template syntax error",
    "A '{{ … }}' or '{% … %}' in a paragraph is malformed. Braces are for templates only.",
    "check the {{ … }} and {% … %} in this paragraph; text braces are not allowed")
UNKNOWN_TEMPLATE_NAME = Rule(
    "QT302", "unknown-template-name", _E, "tên không tồn tại trong biểu thức",
    "unknown name in a template",
    "A template uses a name that is not one of the helpers (num, pct, actual, figure, rate, "
    "target, assessment, achieved, counted).",
    "see docs/yaml-format.md and docs/indicators.md for the helpers")
TEMPLATE_BLOCKED = Rule(
    "QT303", "template-blocked", _E, "biểu thức bị chặn", "template blocked by the sandbox",
    "Templates run in a sandbox: reaching Python internals ('__class__', '__globals__') is "
    "refused.",
    "templates may only quote data through the documented helpers")
TEMPLATE_FAILED = Rule(
    "QT304", "template-failed", _E, "biểu thức lỗi khi tính", "template failed or ran away",
    "The template raised an error while running (a division by zero, a wrong argument), "
    "produced an absurd amount of text, or ran too long.",
    "check the values passed to the helpers in this paragraph")
FIGURE_NOT_IN_DATA = Rule(
    "QT305", "figure-not-in-data", _E, "số liệu không có trong dữ liệu",
    "quoted figure not in the data",
    "A paragraph quotes an indicator or a year that data/ does not have. The hint names the "
    "nearest id.",
    "check the indicator id and year against the indicator file and data/actuals/")
UNCLOSED_MARKUP = Rule(
    "QT310", "unclosed-markup", _W, "dấu định dạng chưa đóng", "unclosed markup",
    "A '**', '*' or '^' opens bold, italic or superscript and never closes it.",
    "close it, or write \\* for a literal asterisk")

# -- writing the document -------------------------------------------------------------------

DOCUMENT_NOT_WRITTEN = Rule(
    "QT401", "document-not-written", _E, "không ghi được tài liệu",
    "document cannot be written",
    "build/ is not writable, the disk is full, or the file is open elsewhere. The previous "
    "document is left as it was.",
    "check that the build/ folder is writable and the file is not open in Word")
PDF_NOT_WRITTEN = Rule(
    "QT402", "pdf-not-written", _E, "không tạo được PDF", "PDF cannot be made",
    "build --pdf needs LibreOffice; the finding says how to install it, or what LibreOffice "
    "reported. The DOCX is written regardless.",
    "the DOCX was written; only the PDF is missing")

# -- indicator data -------------------------------------------------------------------------

INDICATOR_ID_TWICE = Rule(
    "QT501", "indicator-id-twice", _E, "mã chỉ tiêu bị lặp", "indicator id used twice",
    "Each row of the appendices has its own id in the indicator file.",
    "give each row its own id")
YEAR_FILE_WRONG = Rule(
    "QT502", "year-file-wrong", _E, "tệp năm sai", "year file named wrongly or twice",
    "data/actuals/<year>.yaml must say 'year: <year>', once per year.",
    "keep one file per year, named for its year")
YEAR_FILE_MISSING = Rule(
    "QT503", "year-file-missing", _E, "thiếu tệp số liệu năm", "year file missing",
    "Every year of the term has a file in data/actuals/, even if its figures are null.",
    "add one file per year of the term (with null for figures not known)")
INDICATOR_MISSING_FROM_YEAR = Rule(
    "QT504", "indicator-missing-from-year", _E, "năm thiếu chỉ tiêu",
    "indicator missing from a year",
    "An indicator that has figures in some year must appear in every year's file: 'id: null' "
    "when there is no figure, so a missing figure is always a decision.",
    "write 'id: null' if there is no figure for the year")
UNKNOWN_INDICATOR = Rule(
    "QT505", "unknown-indicator", _E, "không có chỉ tiêu", "unknown indicator id",
    "A year's file names an id that the indicator file does not define.",
    "indicator ids are defined in the indicator file")
UNKNOWN_LAYOUT = Rule(
    "QT506", "unknown-layout", _E, "không có mẫu bảng", "no such table layout",
    "An appendix names a layout with no templates/appendices/<layout>.yaml.",
    "name a layout of templates/appendices/")
INVALID_COLUMN = Rule(
    "QT507", "invalid-column", _E, "cột không hợp lệ", "invalid table column",
    "A column's 'show' is not one of number, name, unit, target, assessment, comparison, "
    "actual:<year>, figure:<name>.",
    "see the comment at the top of templates/appendices/phu-luc-1.yaml")
AMBIGUOUS_FIGURE = Rule(
    "QT508", "ambiguous-figure", _E, "số liệu viết dễ hiểu sai", "figure written ambiguously",
    "In data files YAML reads 6.150 as six point one five, and 132,2 as text. Write "
    "thousands without a separator (6150) and decimals with a dot (132.2); the report prints "
    "them the Vietnamese way.",
    "write figures as numbers with a dot for decimals: 132.2, 2796")
UNKNOWN_PLAN_LIST = Rule(
    "QT509", "unknown-plan-list", _E, "không có danh sách chỉ tiêu này",
    "items_from names no list of the plan",
    "`items_from: <id>` prints the targets of one list of the next resolution: an appendix "
    "with that `id:` in the plan file that data/report.yaml names under `plan:`.",
    "check the list's id in the plan file, and that data/report.yaml names the plan")
EMPTY_COLUMN = Rule(
    "QT510", "empty-column", _W, "cột bảng không có số liệu", "a table column nobody fills",
    "Every row of the appendix leaves this column of its layout empty: a year outside the "
    "term, a year after the one the figures stand at, a figure no indicator has (a copied "
    "layout prints an empty column for each).",
    "show a year the report has figures for, or take the column out of the layout")

# -- indicator consistency ------------------------------------------------------------------

PINNED_FIGURE_DIFFERS = Rule(
    "QT601", "pinned-figure-differs", _W, "số liệu ghi khác số tính được",
    "pinned figure differs from the data",
    "An official figure pinned in the indicator file differs, by more than rounding, from "
    "what the yearly figures give. The table shows the pinned figure; the finding shows "
    "both, so the office can settle which is right.",
    "check the yearly figures or the official figure")
STATED_ASSESSMENT_CONTRADICTED = Rule(
    "QT602", "stated-assessment-contradicted", _W, "đánh giá trái với số liệu",
    "stated assessment contradicted",
    "The assessment the draft states (Đạt/Vượt vs Không đạt/Chưa đạt) is on the other side "
    "from the one its figures give.",
    "check the figures, or the stated assessment")
PARTS_DO_NOT_ADD_UP = Rule(
    "QT603", "parts-do-not-add-up", _W, "các phần không cộng bằng tổng", "parts do not add up",
    "A row marked 'sum_of_parts' differs from the sum of its 'Trong đó' rows in a year.",
    "correct the figure of the row or of one of its parts")

# -- the wording of the printed text --------------------------------------------------------

PDF_FONT_LETTER = Rule(
    "QT701", "pdf-font-letter", _W, "chữ Ƣ của phông PDF", "PDF font's Ư",
    "'Ƣ'/'ƣ' is how some PDF fonts encode Ư; it looks alike and is a different letter.",
    "replace it with 'Ư'/'ư'")
VOWELLESS_FRAGMENT = Rule(
    "QT702", "vowelless-fragment", _W, "mảnh chữ không có nguyên âm", "vowelless fragment",
    "Copying from a PDF can drop accented vowels, leaving 't ch' for 'tích'. Restore the "
    "word; true abbreviations go in data/spelling-allow.yaml.",
    "restore the word, or add it to data/spelling-allow.yaml if it is right")
MISSPELT_SYLLABLE = Rule(
    "QT703", "misspelt-syllable", _W, "sai chính tả tiếng Việt", "not a Vietnamese syllable",
    "Each word is checked against Vietnamese spelling: onset, rhyme and tone (a syllable "
    "ending in -p, -t, -c, -ch takes only the sắc or nặng tone). Foreign names go in "
    "data/spelling-allow.yaml.",
    "correct the spelling; foreign names and words go in data/spelling-allow.yaml")
INVISIBLE_CHARACTER = Rule(
    "QT704", "invisible-character", _W, "ký tự ẩn", "invisible character",
    "Zero-width spaces, soft hyphens, control characters: invisible in Word, trouble in "
    "search and comparison.",
    "delete it (it often comes from copying out of a PDF or a web page)")
DOUBLE_SPACE = Rule(
    "QT705", "double-space", _W, "hai dấu cách", "double space", "Two spaces in a row.",
    "keep one space")
DOUBLED_WORD = Rule(
    "QT706", "doubled-word", _W, "từ lặp", "doubled word",
    "The same word twice in a row ('của của'). Pairs that are right ('cụ thể thể hiện') go in "
    "data/spelling-allow.yaml under 'doubled:'.",
    "delete one, or add the pair to data/spelling-allow.yaml (doubled:) if it is right")
UNPAIRED_MARKS = Rule(
    "QT707", "unpaired-marks", _W, "ngoặc không cân", "unpaired quotes or brackets",
    "“ without ”, ( without ), or an odd number of straight quotes in a paragraph.",
    "add the missing mark")
NUMBER_CONVENTION = Rule(
    "QT708", "number-convention", _W, "số viết sai quy ước", "number in the wrong convention",
    "Vietnamese writes 2.796 and 98,1; '126.0' or '1,234.5' is the English convention. Quote "
    "data through {{ num(...) }} to get it right.",
    "write it the Vietnamese way, or quote data through {{ num(...) }}")
UNSTORABLE_CHARACTER = Rule(
    "QT709", "unstorable-character", _E, "ký tự Word không lưu được",
    "character Word cannot store",
    "A control character (written as an escape such as \\x01) cannot be stored in a Word "
    "document at all: the build would fail. Delete it.",
    "delete it (it was probably written as an escape, \\x..)")


# -- the comment round ----------------------------------------------------------------------

FEEDBACK_STATUS = Rule(
    "QT801", "feedback-status", _E, "trạng thái không hợp lệ", "unknown status",
    "An entry of the register in feedback/ has a status the synthesis table does not know. "
    "A status is one of: chưa xử lý, tiếp thu, tiếp thu một phần, giải trình.",
    "write one of: chưa xử lý, tiếp thu, tiếp thu một phần, giải trình")
FEEDBACK_RESPONSE_MISSING = Rule(
    "QT802", "feedback-response-missing", _E, "thiếu nội dung giải trình",
    "response missing",
    "An entry taken in only in part (tiếp thu một phần) or explained (giải trình) needs the "
    "team's words in 'response:': the synthesis table prints them beside the comment.",
    "write the team's answer under 'response:'")
FEEDBACK_PASSAGE_GONE = Rule(
    "QT803", "feedback-passage-gone", _W, "đoạn được góp ý không còn trong báo cáo",
    "passage no longer in the report",
    "The passage an entry is about is no longer in the report: edited away, often in answer "
    "to that very comment. The entry stays in the register and in the synthesis table; "
    "check that its status says what became of it.",
    "check the entry's status and response")
COPY_UNREADABLE = Rule(
    "QT810", "copy-unreadable", _E, "không đọc được bản góp ý", "returned copy unreadable",
    "A file given to `qtreport feedback add` is not a Word document (.docx), is damaged, or "
    "is protected by a password. The other files are still read.",
    "save it again from Word as a .docx document without a password")
COPY_OF_ANOTHER_DOCUMENT = Rule(
    "QT811", "copy-of-another-document", _E, "không phải bản của dự thảo này",
    "not a copy of this draft",
    "The file has neither the version stamp nor the hidden marks of a draft qtreport built, "
    "and none of its paragraphs is the report's: it is another document.",
    "add the copy of the draft that was sent out, with the reviewer's comments in it")
COPY_WITHOUT_FEEDBACK = Rule(
    "QT812", "copy-without-feedback", _W, "bản góp ý không có ý kiến",
    "copy without comments or changes",
    "The copy has no Word comment and no tracked change: nothing to register. A reviewer "
    "who typed over the text without Track Changes left no trace qtreport can read.",
    "ask for the copy with comments, or with Track Changes on")
FEEDBACK_UNPLACED = Rule(
    "QT813", "feedback-unplaced", _W, "không xác định được vị trí góp ý",
    "comment that cannot be placed",
    "A comment or change of a returned copy is about a passage that is no longer in the "
    "report and was not found near where it was. It is kept in the register with the "
    "reason, to be answered like the others.",
    "answer it in the register; its passage and section say what it was about")
REGISTER_UNWRITABLE = Rule(
    "QT814", "register-unwritable", _E, "không ghi được sổ góp ý", "register cannot be written",
    "`qtreport feedback add` adds entries at the end of feedback/<round>.yaml and never "
    "rewrites what is there; the file must load, and 'entries:' must be its last key.",
    "correct the register (qtreport check shows its errors), keep 'entries:' last")
COPY_STAMP_UNKNOWN = Rule(
    "QT815", "copy-stamp-unknown", _W, "dấu phiên bản của bản góp ý không hợp lệ",
    "the copy's version stamp names no commit here",
    "A draft carries the git commit it was built at (the document property "
    "'qtreport-commit'), so that a copy of an older draft is placed through that draft. The "
    "copy's stamp is not a full commit id that this repository has: typed by hand, from "
    "another repository, or made to mislead. It is not used; the copy is placed by its "
    "marks and its words in the report as it is now.",
    "nothing to do if the comments are placed; else ask which draft the copy was made from")
REGISTER_FULL = Rule(
    "QT816", "register-full", _E, "sổ góp ý sẽ quá lớn", "register would be too large",
    "A register is a file `qtreport check` reads, and it reads no file over 2.000.000 bytes. "
    "The copy's comments would make feedback/<round>.yaml larger than that, so they are not "
    "added (the copies before it are). A copy with thousands of comments is rarely a "
    "reviewer's.",
    "check the copy; or add it to a round of its own with --round")
APPLY_FILE_CHANGED = Rule(
    "QT817", "apply-file-changed", _E, "tệp đã được sửa trong lúc ghi",
    "a file changed while the edits were made",
    "`qtreport feedback apply` reads the YAML, checks the edited report, then writes every "
    "file at once. A file that changed on disk in between (an editor saved it) is not "
    "written over: nothing is written, and the editor's save is kept.",
    "run qtreport feedback apply again")
DRAFT_NOT_FOUND = Rule(
    "QT820", "draft-not-found", _E, "không tìm thấy bản dự thảo", "draft not found",
    "`qtreport diff OLD NEW` compares two drafts, each a git revision of the repository (a "
    "commit, a branch, a tag) or a folder that holds a report. The one named is neither.",
    "name a commit, a branch or a tag (git log shows them), or a report folder")


# -- importing a report from Word -------------------------------------------------------------

IMPORT_UNREADABLE = Rule(
    "QT901", "import-unreadable", _E, "không đọc được tài liệu Word",
    "the Word document cannot be read",
    "`qtreport import` reads a .docx: not an old .doc, not a file with a password, not a "
    "damaged one. Nothing is written.",
    "open it in Word and save it as a .docx document")
IMPORT_NUMBERING_CHANGED = Rule(
    "QT902", "import-numbering-changed", _W, "số thứ tự sẽ khác bản gốc",
    "the numbering will differ from the document's",
    "The report numbers its headings by position. Where the document's own numbers skip "
    "(I., II., IV.) or a heading sits two levels under its parent (a. right under 1.), the "
    "built report numbers it otherwise; the finding says where.",
    "check whether a heading is missing or at the wrong level")
IMPORT_NOT_PLACED = Rule(
    "QT903", "import-not-placed", _W, "nội dung không đưa vào được",
    "something of the document has no place in the report",
    "A picture, a text box, an empty heading, a note referenced twice or never, a line of "
    "the first page no field holds: each is listed with the paragraph it was near (the "
    "paragraph's number in the document), to be put in by hand if the report needs it.",
    "see the paragraph the finding names")


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
