"""Lints of the printed text, read from the document tree paragraph by paragraph, each a
warning at the paragraph's line: the rules QT701–QT708 of rules.py (PDF damage, spelling,
invisible characters, spaces, doubled words, unpaired marks, number convention). And the one
error a writer needs checked first: a character no Word document can store (QT709).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .. import ast, rules
from ..diagnostics import Findings, Rule, SourceRef
from ..validate.models import SpellingAllowList
from ..xmlchars import XML_ILLEGAL
from .figures import lint_figures
from .syllables import STOP_CODAS, STOP_TONES, is_syllable, split_tone

WORD = re.compile(r"[^\W\d_]+")
VOWELS = set("aăâeêioôơuưy")
# Control characters (but tab and newline), format characters (zero-width spaces, joiners,
# direction marks, soft hyphen, BOM), the replacement character, private use.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
                       "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                       "\ufff9-\ufffd\ue000-\uf8ff]")
DOUBLED = re.compile(r"(?<!\w)(\w+) \1(?!\w)", re.IGNORECASE)
DOT_DECIMAL = re.compile(r"(?<![\d.,/])\d+\.\d{1,2}(?!\d|[.,/]\d)")
MIXED = re.compile(r"\d{1,3}(,\d{3})+\.\d+|\d{1,3}(\.\d{3})+,\d{3}(?!\d)")
# What both need: one quick scan spares the two slow ones in most paragraphs.
DIGIT_MARK_DIGIT = re.compile(r"\d[.,]\d")
PAIRS = [("(", ")"), ("“", "”"), ("[", "]")]


def lint_document(document: ast.Document, allow: SpellingAllowList | None,
                  findings: Findings) -> None:
    """Every text check: what `check` runs."""
    speller = _Speller({w.lower() for w in allow.words} if allow else set())
    allowed_numbers = set(allow.numbers) if allow else set()
    allowed_doubles = {d.lower() for d in allow.doubled} if allow else set()
    check_storable(document, findings)
    for text, src in _texts(document):
        _lint(text, src, findings, speller, allowed_numbers, allowed_doubles)
    lint_figures(document, findings)


class _Speller:
    """Which words are misspelt, each word judged once for the whole report: a report
    repeats its vocabulary, so after the first pages nearly every word is already known
    and a paragraph costs two set operations."""

    def __init__(self, allowed: set[str]):
        self.allowed = allowed
        self.known: set[str] = set()
        self.misspelt: set[str] = set()

    def suspects(self, words: set[str]) -> set[str]:
        for word in words - self.known:
            self.known.add(word)
            if not (word.lower() in self.allowed or _is_abbreviation(word)
                    or is_syllable(word)):
                self.misspelt.add(word)
        return words & self.misspelt


def check_storable(document: ast.Document, findings: Findings) -> None:
    """What would stop the document being written: what `build` needs of the lints. The
    loader refuses such characters where the YAML spells them out, so only what templates
    printed can still hold one: each printed text is read once."""
    texts = list(_texts(document))
    if not XML_ILLEGAL.search("".join(text for text, _ in texts)):
        return
    for text, src in texts:
        for char in sorted(set(XML_ILLEGAL.findall(text))):
            findings.report(rules.UNSTORABLE_CHARACTER, src,
                            "ký tự điều khiển Word không lưu được",
                            f"control character U+{ord(char):04X} cannot be stored in a "
                            "Word document")


def _texts(document: ast.Document) -> Iterator[tuple[str, SourceRef]]:
    """Each printed text, with where it was written."""
    for paragraph in document.front:
        yield ast.plain(paragraph.content), paragraph.source
    for block in document.body:
        if isinstance(block, ast.Heading):
            yield ast.plain(block.title), block.source
        elif isinstance(block, ast.Paragraph):
            yield ast.plain(block.content), block.source
        elif isinstance(block, ast.ListItem):
            for paragraph in block.paragraphs:
                yield ast.plain(paragraph.content), paragraph.source
        elif isinstance(block, ast.Table):
            yield from _table_texts(block)
    for note in document.notes:
        for paragraph in note.paragraphs:
            yield ast.plain(paragraph.content), paragraph.source


def _table_texts(table: ast.Table) -> Iterator[tuple[str, SourceRef]]:
    """The title lines; names, units, targets: what an editor typed, each text once, at
    the first row it stands in."""
    for line in (table.heading, table.subheading, table.rule):
        if line:
            yield line, table.source
    seen: set[str] = set()
    for row in (*table.header, *table.rows):
        for cell in row.cells:
            if cell.text not in seen:
                seen.add(cell.text)
                if WORD.search(cell.text):
                    yield cell.text, row.source


def _lint(text: str, src: SourceRef, findings: Findings, speller: _Speller,
          numbers: set[str], doubles: set[str]) -> None:
    if "Ƣ" in text or "ƣ" in text:
        findings.report(rules.PDF_FONT_LETTER, src, "có chữ 'Ƣ' của phông PDF",
                        "'Ƣ'/'ƣ' is the PDF font's Ư: damage from copying out of a PDF",
                        words=_word_around(text, re.search("[Ƣƣ]", text)))
    for char in sorted(set(INVISIBLE.findall(text)) - set(XML_ILLEGAL.findall(text))):
        findings.report(rules.INVISIBLE_CHARACTER, src, "có ký tự ẩn hoặc ký tự điều khiển",
                        f"invisible or control character U+{ord(char):04X} "
                        f"({unicodedata.name(char, 'control')})",
                        words=char)
    if "  " in text:
        at = text.index("  ")
        findings.report(
            rules.DOUBLE_SPACE,
            src,
            "hai dấu cách liền nhau",
            f"two spaces in a row: '…{text[max(0, at - 20) : at + 20]}…'",
            words=text[text.rfind(" ", 0, at) + 1 : at + 2],
        )
    _words(text, src, findings, speller, doubles)
    _pairs(text, src, findings)
    _numbers(text, src, findings, numbers)


def _words(text: str, src: SourceRef, findings: Findings, speller: _Speller,
           doubles: set[str]) -> None:
    for match in DOUBLED.finditer(text):
        word = match.group(1)
        if word.lower() not in doubles and not word.isdigit():
            findings.report(rules.DOUBLED_WORD, src, f"từ lặp: '{word} {word}'",
                            f"the word '{word}' is written twice in a row", words=match.group(0))
    words = WORD.findall(text)
    suspects = speller.suspects(set(words))
    if not suspects:
        return
    reported = {m.group(1) for m in ROMAN_ITEM.finditer(text)}  # (ii), (iv): numbering
    for word in dict.fromkeys(w for w in words if w in suspects):  # each once, in order
        if word.lower() not in reported:
            reported.add(word.lower())
            rule, message, message_en, hint = _spelling_finding(word)
            findings.report(rule, src, message, message_en, hint, words=word)


def _word_around(text: str, found: re.Match | None) -> str:
    """The word a character found in `text` stands in."""
    if found is None:
        return ""
    start = text.rfind(" ", 0, found.start()) + 1
    end = text.find(" ", found.end())
    return text[start:end if end >= 0 else len(text)]


def _is_abbreviation(word: str) -> bool:
    return word.isupper()  # HĐND, CNH, OCOP, PAR INDEX; initials and Roman numerals (X)


ROMAN_ITEM = re.compile(r"\(([ivx]+)\)")  # (i), (ii), (iv): the draft's inline enumerations


def _spelling_finding(word: str) -> tuple[Rule, str, str, str]:
    base, tone, _ = split_tone(word)
    if not set(unicodedata.normalize("NFD", base)) & VOWELS:
        return (rules.VOWELLESS_FRAGMENT, f"mảnh chữ '{word}' không có nguyên âm",
                f"'{word}' has no vowel: letters lost when copying from a PDF "
                "('t ch' for 'tích')?",
                "")
    if base.endswith(STOP_CODAS) and tone not in STOP_TONES:
        return (rules.MISSPELT_SYLLABLE,
                f"'{word}' sai chính tả: vần -p, -t, -c, -ch chỉ mang dấu sắc hoặc nặng",
                f"'{word}' is misspelt: a syllable ending in -p, -t, -c or -ch takes only the "
                "sắc or nặng tone", "e.g. 'nghiêp' → 'nghiệp'")
    return (rules.MISSPELT_SYLLABLE, f"'{word}' không phải âm tiết tiếng Việt hợp lệ",
            f"'{word}' is not a well-formed Vietnamese syllable",
            "")


def _pairs(text: str, src: SourceRef, findings: Findings) -> None:
    for opening, closing in PAIRS:
        opened, closed = text.count(opening), text.count(closing)
        if opened == closed and (not opened or text.index(opening) < text.index(closing)):
            continue
        findings.report(rules.UNPAIRED_MARKS, src, f"dấu '{opening}{closing}' không cân",
                        f"'{opening}' and '{closing}' do not pair up in this paragraph",
                        f"add the missing '{closing if opened > closed else opening}'")
    if text.count('"') % 2:
        findings.report(rules.UNPAIRED_MARKS, src, "dấu ngoặc kép không cân",
                        'an odd number of straight quotes (") in this paragraph',
                        "close the quotation; the report uses “…”")


def _numbers(text: str, src: SourceRef, findings: Findings, allowed: set[str]) -> None:
    if not DIGIT_MARK_DIGIT.search(text):
        return
    for match in [*DOT_DECIMAL.finditer(text), *MIXED.finditer(text)]:
        number = match.group()
        if number in allowed or _is_version_or_clause_number(text, match):
            continue
        findings.report(rules.NUMBER_CONVENTION, src, f"số '{number}' viết sai quy ước",
                        f"'{number}' uses the English convention: Vietnamese writes "
                        "decimals with ',' and thousands with '.' (98,1 · 2.796)",
                        words=number)


def _is_version_or_clause_number(text: str, match: re.Match) -> bool:
    """"công nghiệp 4.0", "phiên bản 2.1", "mục 3.2", "điều 5.1": a dot that is no decimal."""
    before = text[max(0, match.start() - 12):match.start()].lower()
    return before.rstrip().endswith(("công nghiệp", "phiên bản", "mục", "điều", "khoản"))
