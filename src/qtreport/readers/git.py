"""The git repository the report lives in: which commit is checked out, and the report's
files as they were at another commit (to map a returned copy of an older draft).

The commit is read from .git's own files (no process started for a build); the files of
an older commit are asked of `git` itself.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_SHA = re.compile(r"^[0-9a-f]{40}$")
_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1, or SHA-256 repositories


def head_commit(root: Path) -> str | None:
    """The commit checked out in the repository at `root`; None outside git."""
    try:
        git = _git_dir(root)
        if git is None:
            return None
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if _SHA.match(head):
            return head  # detached
        if not head.startswith("ref: "):
            return None
        return _ref(git, head[5:].strip())
    except OSError:
        return None


def _git_dir(root: Path) -> Path | None:
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    if dot_git.is_file():  # a worktree or a submodule: "gitdir: <path>"
        text = dot_git.read_text(encoding="utf-8").strip()
        if text.startswith("gitdir: "):
            return (root / text[8:]).resolve()
    return None


def _ref(git: Path, ref: str) -> str | None:
    common = git
    if (git / "commondir").is_file():  # a worktree keeps its refs in the main repository
        common = (git / (git / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for folder in (git, common):
        loose = folder / ref
        if loose.is_file():
            sha = loose.read_text(encoding="utf-8").strip()
            return sha if _SHA.match(sha) else None
        packed = folder / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                sha, _, name = line.partition(" ")
                if name == ref and _SHA.match(sha):
                    return sha
    return None


class GitError(Exception):
    """git could not give the files of a commit; the message says why."""


def known_commit(root: Path, stamp: str) -> str | None:
    """The commit a version stamp names, if it is a full commit id that the repository at
    `root` has; None for anything else. A stamp is read from a returned copy, which anyone
    can edit: it reaches git only as a commit id, after --end-of-options, never as an
    option or a revision expression."""
    if not _COMMIT_ID.fullmatch(stamp):
        return None
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                 f"{stamp}^{{commit}}")
    return stamp if found == stamp else None


def export_tree(root: Path, commit: str, folders: list[str], target: Path) -> None:
    """Write `folders` (relative to `root`) as they were at `commit` (a full commit id)
    under `target`."""
    import io
    import tarfile

    if not _COMMIT_ID.fullmatch(commit):
        raise GitError(f"'{commit[:50]}' is not a commit id")
    try:
        # --end-of-options: nothing after it is an option, whatever it begins with
        done = subprocess.run(["git", "-C", str(root), "archive", "--format=tar",
                               "--end-of-options", commit, *folders],
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GitError(f"git could not be run: {err}") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git archive failed")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(target, filter="data")


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def resolve(root: Path, revision: str) -> str | None:
    """The commit a revision names (a branch, a tag, HEAD~2, a hash); None if none."""
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                 f"{revision}^{{commit}}")
    return found if found and _COMMIT_ID.fullmatch(found) else None


def commit_date(root: Path, commit: str) -> str | None:
    """When the commit was made, in UTC: 2026-11-20T09:00:00Z."""
    if not _COMMIT_ID.fullmatch(commit):
        return None
    stamp = _git(root, "log", "-1", "--format=%ct", "--end-of-options", commit)
    if not stamp or not stamp.isdigit():
        return None
    import datetime

    moment = datetime.datetime.fromtimestamp(int(stamp), datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
