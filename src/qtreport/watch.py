"""`qtreport watch`: build, then build again each time a YAML file under data/ or
templates/ is saved, until Ctrl+C.

The process stays up, so a rebuild pays only for the work itself: Python's start, the
imports and pydantic's schemas, most of a cold `qtreport build`, are paid once. The
operating system tells us of changes (inotify, FSEvents, ReadDirectoryChangesW) through
watchfiles; a burst of events from one save (an editor's temporary file, then a rename)
becomes one rebuild. Each rebuild also runs check's text warnings; it prints the errors
in full, the warnings the last save brought (a misspelt word as it is written), and one
line counting them all (`--verbose`: every warning, every time).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .diagnostics import Findings
from .output import Printer, print_human, print_not_written, print_short, print_written
from .pipeline import Paths, build
from .readers.yaml import is_report_file

QUIET_MS = 50  # a save is over when no event has come for this long
WAKE_MS = 100  # how long the watcher waits before it wakes with nothing to report


def run_watch(paths: Paths, printer: Printer, review: bool = False, verbose: bool = False,
              fmt: str = "docx") -> None:
    """Build now and after every change, until Ctrl+C."""
    from watchfiles import watch

    folders = [folder for folder in (paths.data, paths.templates) if folder.is_dir()]
    seen: set[tuple[str, str, str]] = set()  # the warnings of the last build
    try:
        changes_seen = watch(*folders, watch_filter=_read_by_check(folders), step=QUIET_MS,
                             rust_timeout=WAKE_MS, yield_on_timeout=True)
        # The watcher is in place once it first answers (within WAKE_MS): a save made
        # during the first build is then a change still to come, not a change missed.
        next(changes_seen, None)
        seen = _build(paths, printer, review, fmt, verbose, seen, changed=[])
        _waiting(paths, printer, folders)
        for changes in changes_seen:
            if changes:  # an empty set is a wake-up with nothing changed
                seen = _build(paths, printer, review, fmt, verbose, seen,
                              changed=sorted({p for _, p in changes}))
                _waiting(paths, printer, folders)
    except KeyboardInterrupt:  # Ctrl+C: the way out, whether waiting or building
        pass
    printer.line(("Đã dừng theo dõi", "green"), " (stopped watching).")


def _read_by_check(folders: list[Path]) -> Callable[[Any, str], bool]:
    """The changes worth a rebuild: to the files `check` reads, and no others."""
    def wanted(_change: Any, path: str) -> bool:
        return any(is_report_file(Path(path), folder) for folder in folders
                   if Path(path).is_relative_to(folder))

    return wanted


def _build(paths: Paths, printer: Printer, review: bool, fmt: str, verbose: bool,
           seen: set[tuple[str, str, str]], changed: Iterable[str]) -> set[tuple[str, str, str]]:
    """Build once and say so; the warnings of this build, to tell the next what is new."""
    names = ", ".join(paths.name(Path(p)) for p in changed)
    if names:
        printer.line((f"── {time.strftime('%H:%M:%S')} ", "dim"), "đã sửa (changed): ", names)
    started = time.perf_counter()
    result = build(paths, review=review, fmt=fmt, text_checks=True)
    seconds = f"{time.perf_counter() - started:.2f}".replace(".", ",")
    warnings = {(f.file, f.code, f.message_en) for f in result.findings.warnings}
    if verbose:
        print_human(result.findings, printer)
    else:  # the errors in full, the new warnings, and a count
        new = Findings()
        new.items = [f for f in result.findings.warnings
                     if (f.file, f.code, f.message_en) not in seen] if changed else []
        print_human(new, printer, totals=False)
        print_short(result.findings, printer)
    if result.output is not None:
        print_written(printer, paths.name(result.output), f" · {seconds} s")
    else:
        print_not_written(printer)
    return warnings


def _waiting(paths: Paths, printer: Printer, folders: list[Path]) -> None:
    watched = " và ".join(f"{paths.name(folder)}/" for folder in folders)
    printer.line(("Đang theo dõi ", "dim"), watched,
                 (" … (watching for changes; Ctrl+C to stop)", "dim"))
    printer.flush()
    # The command paces the garbage collector for one short build (cli.main); a process
    # that builds hundreds of times must free each build's cycles, or it grows by about
    # 4 MB a build. Done here, after the editor has the result.
    gc.collect()
