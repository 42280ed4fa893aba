"""The findings catalogue: every code has an entry, docs/findings.md is in step, `--explain`
works, and the test suite triggers every code with the severity the catalogue gives.

Named to run last: the coverage test reads what the other tests triggered."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import REPO, SEEN_FINDINGS
from qtreport.rules import RULES as CATALOGUE
from qtreport.rules import markdown


def codes_in_source() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src").rglob("*.py"))
    return set(re.findall(r'"(QT\d{3})"', text)) - {"QT000"}


def test_every_code_in_the_code_is_catalogued():
    assert codes_in_source() == set(CATALOGUE)


def test_docs_are_written_from_the_catalogue():
    assert (REPO / "docs" / "findings.md").read_text(encoding="utf-8") == markdown()


def test_explain(qtreport, mini):
    outcome = qtreport(mini.root, "check", "--explain", "QT204")
    assert outcome.exit_code == 0 and "footnote referenced twice" in outcome.output
    assert qtreport(mini.root, "check", "--explain", "QT999").exit_code == 2


def findings(qtreport, repo):
    outcome = qtreport(repo.root, "check", "--format", "json")
    return outcome.exit_code, json.loads(outcome.output)["findings"]


def test_unreadable_file(qtreport, mini):
    (mini.root / "data" / "sections" / "thu-muc.yaml").mkdir()  # a folder named like a file
    code, items = findings(qtreport, mini)
    assert code == 1 and any(f["code"] == "QT001" for f in items)


def test_link_outside(qtreport, mini, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "bi-mat.yaml"
    outside.write_text("title: Bí mật\n", encoding="utf-8")
    os.symlink(outside, mini.root / "data" / "sections" / "lien-ket.yaml")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT011")
    assert code == 1 and hit["file"] == "data/sections/lien-ket.yaml"


def test_unknown_style_in_front_matter(qtreport, mini):
    path = mini.root / "templates" / "front-matter.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("style: DocTitle",
                                                            "style: DocTitel"), encoding="utf-8")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT108")
    assert code == 1 and hit["file"] == "templates/front-matter.yaml" and hit["line"] == 8
    assert "did you mean 'DocTitle'?" in hit["hint"]


def test_footnote_in_a_heading(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "title: Thương mại", "title: Thương mại[^x]")
    code, items = findings(qtreport, mini)
    assert code == 1 and next(f for f in items if f["code"] == "QT206")["line"] == 12


def test_unclosed_bold(qtreport, mini):
    mini.edit("data/sections/kinh-te.yaml", "**in đậm**", "**in đậm")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT310")
    assert code == 0 and (hit["line"], hit["severity"]) == (5, "warning")


def test_missing_layout(qtreport, real_repo):
    (real_repo / "templates" / "appendices" / "phu-luc-2.yaml").unlink()
    outcome = qtreport(real_repo, "check", "--format", "json")
    hit = next(f for f in json.loads(outcome.output)["findings"] if f["code"] == "QT506")
    assert outcome.exit_code == 1 and hit["file"] == "data/targets_2020_2025.yaml"


def test_the_suite_triggers_every_code(request):
    ran = {Path(str(item.fspath)).name for item in request.session.items}
    everything = {p.name for p in (REPO / "tests").glob("test_*.py")}
    if ran != everything:
        pytest.skip("only part of the suite ran")
    missing = sorted(set(CATALOGUE) - set(SEEN_FINDINGS))
    assert missing == []
    wrong = {code: seen for code, seen in SEEN_FINDINGS.items()
             if code in CATALOGUE and seen != {CATALOGUE[code].severity}}
    assert wrong == {}


def test_styles_the_document_needs(qtreport, mini):
    path = mini.root / "templates" / "styles.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  Heading3:", "  Heading3x:"),
                    encoding="utf-8")
    code, items = findings(qtreport, mini)
    hit = next(f for f in items if f["code"] == "QT108")
    assert code == 1 and hit["file"] == "templates/styles.yaml" and "Heading3" in hit["message_en"]
