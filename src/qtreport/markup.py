"""The report's inline markup as written in the YAML, and how plain text is written so that
it comes back as it was.

Marks: `**bold**`, `*italic*`, `^superscript^`, `[^id]` (a footnote), `^[text]` (a note in
place), `{{ … }}` / `{% … %}` / `{# … #}` (templates). A backslash makes the next `\\`,
`*`, `^` or `[` a plain character (`\\*`, `\\^`, `\\[^1]`, `\\\\`); any other backslash is
itself. Text that comes from outside (a reviewer's words in `feedback apply`, a Word draft
in `import`) is written through `escape`, so that nothing typed in Word becomes a mark, a
note or a template.
"""

from __future__ import annotations

import re

ESCAPABLE = "\\*^["  # what a backslash makes literal
ESCAPE = re.compile(r"\\[\\*^\[]")
_TEMPLATE_OPEN = re.compile(r"\{([{%#])")
# Line breaks YAML reads as breaks wherever they stand (and Word keeps as characters)
_YAML_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\x85": " "})
# The characters that stand for a note's number inside the pipeline (compute/notes.py)
RESERVED = "\ue000\ue001"


def is_escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd run of backslashes."""
    count = 0
    while at - count - 1 >= 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def escape(text: str) -> str:
    """Plain text as markup that prints it unchanged: every backslash, asterisk and caret
    escaped (a caret escaped undoes `[^` and `^[` too), braces that would open a template
    written as a template that prints them, line separators YAML would break at made
    spaces, and the pipeline's reserved characters dropped."""
    text = text.translate(_YAML_BREAKS)
    for reserved in RESERVED:
        text = text.replace(reserved, "")
    text = re.sub(r"([\\*^])", r"\\\1", text)
    return _TEMPLATE_OPEN.sub(lambda m: "{{ '{" + m.group(1) + "' }}", text)


def unescape(piece: str) -> str:
    """What an escape (`\\*`) prints."""
    return piece[1:] if ESCAPE.fullmatch(piece) else piece
