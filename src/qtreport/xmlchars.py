"""Characters an XML document, and so a Word document, cannot hold: most C0 control
characters, lone surrogates, U+FFFE and U+FFFF. The loader refuses them where an escape
spells them out; the last check before writing looks for them in the whole document tree."""

from __future__ import annotations

import re

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
