"""The pull request's workflow (.github/workflows/check.yml, and the one `qtreport init`
writes) run as GitHub would run it on a pull request: its steps' commands, in a git
repository with the pull request's base and head commits. What the reviewers of the pull
request see is checked: the job summary says what changed in the printed report, and the
artifact's files include the draft with the changes tracked."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FROZEN, REPO

ENV = {"GIT_AUTHOR_NAME": "Văn phòng", "GIT_AUTHOR_EMAIL": "vp@example.org",
       "GIT_COMMITTER_NAME": "Văn phòng", "GIT_COMMITTER_EMAIL": "vp@example.org",
       "GIT_COMMITTER_DATE": "2026-11-20T09:00:00+07:00"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, **ENV}).stdout.strip()


class PullRequest:
    """A workflow's run on a pull request: the contexts GitHub gives its expressions, and
    the environment its steps run in."""

    def __init__(self, root: Path, base: str, summary: Path):
        self.root, self.summary = root, summary
        self.contexts = {"github.event_name": "pull_request",
                         "github.event.pull_request.base.sha": base}

    def value(self, text: str) -> str:
        """`text` with its ${{ … }} expressions as GitHub would give them."""
        def expression(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.contexts:
                pytest.fail(f"the workflow uses ${{{{ {name} }}}}, which this test does not "
                            "know: add it to PullRequest.contexts")
            return self.contexts[name]
        return EXPRESSION.sub(expression, text)

    def condition(self, text: str) -> bool:
        """An `if:` as GitHub reads the ones our workflows write."""
        found = re.fullmatch(r"\s*(github\.[\w.]+)\s*==\s*'([^']*)'\s*", text)
        if found is None:
            pytest.fail(f"the workflow's condition {text!r} is not one this test reads")
        return self.contexts.get(found.group(1)) == found.group(2)

    def run(self, workflow: Path) -> list[str]:
        """Every step's command but the install (the tests run the installed qtreport);
        the names of the steps run. The checkout and the upload are checked, not run."""
        spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        events = spec.get("on", spec.get(True))  # YAML 1.1 reads the key `on` as true
        assert "pull_request" in events
        env = {k: self.value(str(v)) for k, v in spec.get("env", {}).items()}
        ran = []
        for job in spec["jobs"].values():
            for step in job["steps"]:
                uses = step.get("uses", "")
                if uses.startswith("actions/checkout"):
                    assert step.get("with", {}).get("fetch-depth") == 0  # the base is there
                if uses.startswith("actions/upload-artifact"):
                    self.uploaded = sorted(glob.glob(str(self.root / step["with"]["path"])))
                if "run" not in step or step.get("name", "").startswith("Install"):
                    continue
                if "if" in step and not self.condition(step["if"]):
                    continue
                ran.append(step["name"])
                self._step(step, env)
        return ran

    def _step(self, step: dict, env: dict[str, str]) -> None:
        variables = {**os.environ, **env, **ENV,
                     **{k: self.value(str(v)) for k, v in step.get("env", {}).items()},
                     "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                     "GITHUB_STEP_SUMMARY": str(self.summary), "CI": "true",
                     "GITHUB_EVENT_NAME": "pull_request"}
        done = subprocess.run(["bash", "-e", "-c", self.value(step["run"])], cwd=self.root,
                              env=variables, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (step["name"], done.stdout, done.stderr)


def pull_request(root: Path, change) -> str:
    """The report committed on main (the base), then a branch with `change` committed on
    it, checked out; the base's commit."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Dự thảo lần 1")
    base = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-q", "-b", "sua-so-lieu")
    change(root)
    git(root, "commit", "-q", "-am", "Sửa dự thảo")
    return base


def test_a_pull_request_shows_its_changes_as_the_printed_report(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FROZEN / "data", repo / "data")
    shutil.copytree(FROZEN / "templates", repo / "templates")

    def change(root: Path) -> None:
        path = root / "data/actuals/2025.yaml"
        text = path.read_text(encoding="utf-8")
        assert "  ban-le: 6150" in text
        path.write_text(text.replace("  ban-le: 6150", "  ban-le: 6200"), encoding="utf-8")

    base = pull_request(repo, change)
    summary = tmp_path / "step-summary.md"
    run = PullRequest(repo, base, summary)
    steps = run.run(REPO / ".github/workflows/check.yml")
    assert "Compare with the pull request's base" in steps
    shown = summary.read_text(encoding="utf-8")
    assert shown.startswith("### So sánh hai bản dự thảo (compared): ")
    assert "ước tăng ~~17,08%~~ → **17,27%**/năm" in shown
    assert "| Thực hiện Ước 2025 | 6.150 | 6.200 |" in shown
    assert [Path(p).name for p in run.uploaded] == [
        "bao-cao-chinh-tri-so-sanh.docx", "bao-cao-chinh-tri.docx"]


def test_the_workflow_init_writes_shows_a_pull_requests_changes_too(tmp_path, qtreport):
    outcome = qtreport(tmp_path, "init", "bao-cao", "--issuer", "Đảng bộ phường An Hòa",
                       "--term", "2020-2025")
    assert outcome.exit_code == 0, outcome.output
    repo = tmp_path / "bao-cao"
    workflow = repo / ".github/workflows/check.yml"
    assert "${{ github.event.pull_request.base.sha }}" in workflow.read_text(encoding="utf-8")

    def change(root: Path) -> None:
        path = root / "data/sections/phan-1.yaml"
        text = path.read_text(encoding="utf-8")
        assert "Thu ngân sách trên địa bàn" in text
        path.write_text(text.replace("Thu ngân sách trên địa bàn", "Tổng thu ngân sách trên "
                                     "địa bàn"), encoding="utf-8")

    base = pull_request(repo, change)
    summary = tmp_path / "step-summary.md"
    run = PullRequest(repo, base, summary)
    assert "Compare with the pull request's base" in run.run(workflow)
    shown = summary.read_text(encoding="utf-8")
    assert "| Đoạn văn (paragraphs) | 0 | 0 | 1 | 0 |" in shown
    assert any(p.endswith("-so-sanh.docx") for p in run.uploaded)
