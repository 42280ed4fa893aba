"""Vietnamese words as a user types them when looking for something, and as a file name or
an id is made of them: without case and accents ("Chi bộ  Khu phố 3" → "chi bo khu pho 3",
"Phát triển kinh tế" → "phat-trien-kinh-te")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=16_384)  # a letter's points look through the same passages again
def folded(text: str) -> str:
    """Lower case, accents off, one space between words."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def slug(text: str, words: int) -> str:
    """ASCII lower-case words joined by hyphens, the first `words` of them."""
    return "-".join(re.findall(r"[a-z0-9]+", folded(text))[:words])
