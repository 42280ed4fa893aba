"""Text lints of `check`: each code triggered on the sample report, at the paragraph's line."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtreport.lint.syllables import ONSETS, RHYMES, is_syllable


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("Phát triển kinh tế ĐƢỢC quan tâm.", "QT701", "PDF font"),
        ("Công tác g n với thực tiễn.", "QT702", "'g' has no vowel"),
        ("Phát triển sự nghiêp văn hóa.", "QT703", "sắc or nặng"),
        ("Phát triển xyzq văn hóa.", "QT703", "not a well-formed"),
        ("Phát triển\u200b văn hóa.", "QT704", "U+200B"),
        ("Phát triển  văn hóa.", "QT705", "two spaces"),
        ("Phát triển của của văn hóa.", "QT706", "'của' is written twice"),
        ("Phát triển (văn hóa.", "QT707", "'(' and ')'"),
        ("Đề án “Nâng cao chất lượng.", "QT707", "'“' and '”'"),
        ('Đề án "Nâng cao chất lượng.', "QT707", "straight quotes"),
        ("Thu ngân sách đạt 126.0 tỷ đồng.", "QT708", "'126.0'"),
        ("Thu ngân sách đạt 1,234.5 tỷ đồng.", "QT708", "'1,234.5'"),
    ],
)
def test_each_lint(qtreport, mini, text, code, words):
    mini.edit("data/sections/kinh-te.yaml", "      - Thương mại phát triển[^thuong-mai].",
              f"      - {text}[^thuong-mai]")
    outcome = qtreport(mini.root, "check", "--format", "json")
    hits = [f for f in json.loads(outcome.output)["findings"] if f["code"] == code]
    assert outcome.exit_code == 0  # warnings do not fail …
    assert hits, f"{code} not found"
    assert (hits[0]["severity"], hits[0]["file"], hits[0]["line"]) == \
        ("warning", "data/sections/kinh-te.yaml", 14)
    assert words in hits[0]["message_en"]
    assert qtreport(mini.root, "check", "--strict").exit_code == 1  # … unless --strict


def test_allow_list_silences_a_word(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "      - Thương mại phát triển[^thuong-mai].",
              "      - Đại dịch Covid[^thuong-mai].")
    assert "QT703" in qtreport(mini.root, "check").output
    mini.write("data/spelling-allow.yaml", "words: [Covid]\n")
    outcome = qtreport(mini.root, "check")
    assert outcome.exit_code == 0 and "QT703" not in outcome.output


def test_real_words():
    for word in ["Đảng", "nghiệp", "quyết", "giếng", "gì", "khuyến", "Nguyễn", "hoà", "hòa",
                 "thuở", "ngoằn", "khuỷu", "quyền", "Trị", "chuyển", "người", "ương", "yêu"]:
        assert is_syllable(word), word
    for word in ["nghiêp", "kinhtế", "ca", "ce", "ghe", "ngi", "kà", "tích", "tíc"]:
        assert is_syllable(word) == (word in ("ca", "ghe", "tích")), word


STOP_TONES = ["\u0301", "\u0323"]
ALL_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@given(st.sampled_from(sorted(RHYMES)), st.sampled_from(ALL_TONES))
def test_every_rhyme_with_a_fitting_tone_is_a_syllable(rhyme, tone):
    stop = rhyme.endswith(("p", "t", "c", "ch"))
    onset = "t" if not rhyme.startswith(("u", "o")) else "h"
    word = unicodedata.normalize("NFC", onset + rhyme + tone)
    assert is_syllable(word) == (not stop or tone in STOP_TONES)


@given(st.sampled_from(ONSETS))
def test_onsets_alone_are_not_syllables(onset):
    assert not is_syllable(onset) or onset == "gi"
