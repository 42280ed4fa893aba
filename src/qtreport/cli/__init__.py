"""The command line: `qtreport check`, `build`, `watch`, `indicators`, `diff`, `init`,
`import` and `feedback …`, run from the repository root. The stages run in pipeline.py,
the other workflows in workflows/; this package reads options and prints (app.py: what
every command shares; report_commands.py; round_commands.py).

Exit codes: 0 no errors; 1 the input has errors (or warnings with --strict);
2 the command was used wrongly (unknown option, no data/ folder here); 3 qtreport failed.
"""

from __future__ import annotations

from . import report_commands, round_commands  # noqa: F401  (they add the commands)
from .app import app, printer

__all__ = ["app", "main"]


def main() -> None:
    """The console script: no input may end in a traceback. A crash is a bug in qtreport,
    reported as one (with the traceback only when QTREPORT_DEBUG is set)."""
    import gc
    import os

    # A build is short and its objects live until the end: the cyclic collector's default
    # pace (a pass per 700 new objects, about 120 passes while pydantic, Jinja and
    # python-docx set up) cost 7% of a build and freed nothing worth having. (`watch`,
    # which builds again and again, collects after each build itself.)
    gc.set_threshold(100_000, 50, 50)
    try:
        app()
    except SystemExit as done:  # typer turns a reader gone (`check | head`) into exit 1
        _leave(done.code)
    except Exception as err:  # anything the stages did not turn into a finding
        if os.environ.get("QTREPORT_DEBUG"):
            raise
        printer(stderr=True).line(
            ("Lỗi nội bộ của qtreport", "red"),
            f" (internal error: {type(err).__name__}: {err}).\n"
            "This is a bug in qtreport, not in the report: please report it with the command "
            "you ran; QTREPORT_DEBUG=1 shows the details.")
        _leave(3)


def _leave(code: int | str | None) -> None:
    """End the process without tearing the interpreter down. Freeing every object of a
    finished build one by one (the cyclic collector's last passes over pydantic's and
    lxml's objects) took longer than writing the document. Files are already closed and
    the DOCX synced by then; only the standard streams need flushing. (mypy ends the same
    way.)"""
    import os
    import sys

    if isinstance(code, str):  # sys.exit("message"): print it, as Python would
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `qtreport check | head`: the reader has gone
        code = code or 1
    os._exit(code or 0)
