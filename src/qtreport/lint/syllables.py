"""Vietnamese spelling: is a word a well-formed Vietnamese syllable?

A syllable is an onset, a rhyme and one tone. The tone is one of five marks or none; the
rhyme is one of a closed list; a rhyme ending in -p, -t, -c or -ch takes only the sắc or
nặng tone ("sự nghiêp" is flagged: -êp without a tone). Spelling rules of the onsets: k, gh,
ngh only before i, e, ê (y for k); c, g, ng never before them.
"""

from __future__ import annotations

import unicodedata
from functools import cache

TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"}
STOP_TONES = frozenset({"sắc", "nặng"})  # the only tones a syllable ending in -p, -t, -c, -ch takes

ONSETS = sorted(["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
                 "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"],
                key=len, reverse=True)

_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oen oeo oet oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc ui um un ung up ut uê uêch uênh uơ uy uya uych uyên uyêt uynh uyt
uyu uôc uôi uôm uôn uông uôt uêt uên uâc
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
"""
RHYMES = frozenset(_RHYMES.split())
STOP_CODAS = ("p", "t", "c", "ch")
FRONT = ("i", "e", "ê", "y")


def split_tone(word: str) -> tuple[str, str | None, int]:
    """Lower-case base letters (marks of the vowels kept), the tone, and how many tones."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [TONES[c] for c in decomposed if c in TONES]
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    return base, (tones[0] if tones else None), len(tones)


@cache
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable, whatever its capitals."""
    base, tone, count = split_tone(word)
    if count > 1 or not base:
        return False
    for onset in [*ONSETS, ""]:
        if not base.startswith(onset):
            continue
        rest = base[len(onset):]
        rhymes = [rest]
        if onset == "gi":  # "gì", "giếng": the i of gi may be the rhyme's own
            rhymes.append("i" + rest)
        for rhyme in rhymes:
            if rhyme in RHYMES and _onset_fits(onset, rhyme) and _tone_fits(rhyme, tone):
                return True
    return False


def _onset_fits(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng"):
        return not front
    if onset == "g":
        return not rhyme.startswith(("e", "ê"))  # "gi" is its own onset
    if onset == "qu":
        return not rhyme.startswith(("u", "o"))
    return True


def _tone_fits(rhyme: str, tone: str | None) -> bool:
    return not rhyme.endswith(STOP_CODAS) or tone in STOP_TONES
