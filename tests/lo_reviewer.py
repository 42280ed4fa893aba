"""A reviewer working in LibreOffice Writer, for the tests: open a DOCX through LibreOffice's
UNO bridge, comment on passages, make tracked replacements, save as Word.

Run by the system Python that has the bridge (Debian's python3-uno), against a soffice
listening on a socket (tests/libreoffice.py starts one):

    /usr/bin/python3 tests/lo_reviewer.py PORT IN.docx OUT.docx ACTIONS.json

ACTIONS.json: {"author": "Chi bộ 3", "replace": [["old", "new"], …],
               "comment": [["words", "the comment"], …]}
Every passage is searched in the body's paragraphs, then in table cells, then in the
notes; the first paragraph whose text holds it is used. Nothing found: exit 1, nothing
saved. No replacement and no comment: the copy is the document opened and saved again.

The document is loaded without a view (a model made from the TextDocument service): a
headless Writer without its UI files cannot show a comment's window.
"""

from __future__ import annotations

import json
import sys
import time

import uno  # type: ignore[import-not-found]  # Debian's python3-uno
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

WORD = "MS Word 2007 XML"


def property_value(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def connected(port: int):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    for _ in range(600):  # soffice takes a few seconds to listen (a first start, longer)
        try:
            return resolver.resolve(url)
        except Exception:  # NoConnectException is UNO's, not a Python class to name
            time.sleep(0.2)
    raise SystemExit(f"no LibreOffice listening on port {port}")


def set_author(context, author: str) -> None:
    """LibreOffice records a change's and a comment's author as its user's name."""
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (property_value("nodepath", "/org.openoffice.UserProfile/Data"),))
    access.setPropertyValue("givenname", author)
    access.setPropertyValue("sn", "")
    access.commitChanges()


def paragraphs_of(text):
    """The paragraphs of a text, the cells of its tables' paragraphs after them."""
    tables = []
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            tables.append(element)
        elif element.supportsService("com.sun.star.text.Paragraph"):
            yield element
    for table in tables:
        for name in table.getCellNames():
            yield from paragraphs_of(table.getCellByName(name).getText())


def every_paragraph(document):
    yield from paragraphs_of(document.getText())
    notes = document.getFootnotes()
    for index in range(notes.getCount()):
        yield from paragraphs_of(notes.getByIndex(index))


def selection(document, words: str):
    """A cursor over the first occurrence of `words`."""
    for paragraph in every_paragraph(document):
        at = paragraph.getString().find(words)
        if at < 0:
            continue
        cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
        cursor.goRight(at, False)
        cursor.goRight(len(words), True)
        return cursor
    raise LookupError(words)


def main() -> int:
    port, source, target, actions_file = sys.argv[1:5]
    with open(actions_file, encoding="utf-8") as handle:
        actions = json.load(handle)
    context = connected(int(port))
    set_author(context, actions.get("author", "Người góp ý"))
    document = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.text.TextDocument", context)
    document.load((property_value("URL", uno.systemPathToFileUrl(source)),
                   property_value("FilterName", WORD)))
    try:
        document.RecordChanges = True
        for old, new in actions.get("replace", []):
            selection(document, old).setString(new)
        for words, said in actions.get("comment", []):
            cursor = selection(document, words)
            comment = document.createInstance("com.sun.star.text.textfield.Annotation")
            comment.Author = actions.get("author", "Người góp ý")
            comment.Content = said
            cursor.getText().insertTextContent(cursor, comment, True)
        document.storeToURL(uno.systemPathToFileUrl(target),
                            (property_value("FilterName", WORD),))
    except LookupError as missing:
        print(f"not found: {missing}", file=sys.stderr)
        return 1
    finally:
        document.close(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
