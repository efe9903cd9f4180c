"""Where results go: standard output and standard error, and the refusal to write over an
input.

Standard output may be a closed pipe (``soicost estimate | head -1``), a full disk
(``> /dev/full``) or a terminal that cannot show ``é`` or ``€`` (``PYTHONIOENCODING=ascii``).
None of these may end in a traceback, and none may print a figure that reads as another.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import select
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from soicost.atomic import os_reason
from soicost.errors import OutputError, UsageError
from soicost.i18n import Lang, Said, tr

# What an encoding cannot show is written as a Python escape (``\u20ac`` for ``€``), never as
# ``?``: an escape cannot be mistaken for a digit, a sign or a separator of a figure, and the
# original character can be recovered from it. The CLI says once, on stderr, that it happened.
ERRORS = "backslashreplace"
# Errors that only a write can raise: a closed pipe, a full disk, a quota, a file too large.
WRITE_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def write_stdout(content: str | bytes) -> bool:
    """Write ``content`` to standard output and flush it; return whether some characters had
    to be escaped because the output's encoding cannot show them.

    Raises :class:`OutputError` when standard output is closed or cannot be written (a closed
    pipe, a full disk); standard output is then pointed at the null device, so that Python's
    flush at exit cannot fail again and print "Exception ignored".
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError(Said("cannot write to standard output: it is closed"))
    try:
        escaped = _write(stream, content)
    except OSError as exc:
        raise output_failed(exc) from None
    except ValueError:  # "I/O operation on closed file"
        raise OutputError(Said("cannot write to standard output: it is closed")) from None
    return escaped


def output_failed(exc: OSError) -> OutputError:
    """The error for a write to standard output that failed with ``exc``; standard output
    goes to the null device from now on, so that the flush at exit does not fail again."""
    _silence(sys.stdout)
    return OutputError(Said("cannot write to standard output: {reason}",
                            reason=os_reason(exc)))


def write_stderr(text: str) -> None:
    """Write a message to standard error; if even that fails there is nobody left to tell."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        _write(stream, text)
    except (OSError, ValueError):
        _silence(stream)


def escape_note(encoding: str | None = None, lang: Lang = "en",
                shown_in: str | None = None) -> str:
    """The note that follows an output whose characters had to be escaped, in ``lang`` when
    standard error (or the encoding ``shown_in``) can show it, else in English: ASCII only,
    since standard error often has the same encoding."""
    name = encoding or getattr(sys.stdout, "encoding", None) or "this"
    worded = _escape_note(lang, name)
    try:
        worded.encode(shown_in or getattr(sys.stderr, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return _escape_note("en", name)
    return worded


def _escape_note(lang: Lang, name: str) -> str:
    return tr(lang, "Note: standard output's encoding ({name}) cannot show some characters; "
                    "they were written as Python escapes (\\xe9, \\u20ac...). Set "
                    "PYTHONIOENCODING=utf-8, or write to a file with --output (always UTF-8).",
              name=name)


def _write(stream: TextIO, content: str | bytes) -> bool:
    """Write all of ``content`` and flush; return whether characters were escaped.

    Bytes go to the binary layer in a loop until every one is written: with
    PYTHONUNBUFFERED the text layer writes straight to the file descriptor and silently
    drops what a short write(2) left out (a pipe closed half-way, a disk that fills up), so
    a truncated output would end with exit status 0.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    escaped = False
    if isinstance(content, str):
        try:
            data = content.encode(encoding)
        except UnicodeEncodeError:
            data, escaped = content.encode(encoding, ERRORS), True
        except LookupError:  # an encoding Python does not know
            data, encoding = content.encode("utf-8"), "utf-8"
    else:
        data = content
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests, IDEs): it takes text
        if isinstance(content, bytes):
            raise OutputError(Said("cannot write to standard output: it takes no binary "
                                   "data; give --output FILE"))
        stream.write(data.decode(encoding))
        stream.flush()
        return escaped
    stream.flush()  # what was written through the text layer goes first
    view = memoryview(data)
    while view:
        try:
            written = buffer.write(view)
        except BlockingIOError as exc:  # a non-blocking descriptor that is full
            written = exc.characters_written
            select.select([], [buffer.fileno()], [])
        view = view[written or 0:]
    buffer.flush()
    return escaped


def _silence(stream: TextIO | None) -> None:
    """Point a failed stream's file descriptor at the null device (the recipe of the Python
    documentation for SIGPIPE), so that what is left in its buffers goes nowhere."""
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)


def refuse_inputs(option: str, outputs: Iterable[Path | None], inputs: Iterable[Path]
                  ) -> None:
    """Refuse to write any of ``outputs`` (named by ``option``) when it is one of ``inputs``,
    by path or through a symbolic or hard link: it would replace the data being read.

    Raises :class:`UsageError` before anything is computed or written.
    """
    sources = [p for p in inputs if _exists(p)]
    for output in outputs:
        if output is None or not _exists(output):
            continue  # a file that does not exist yet cannot be an input
        for source in sources:
            if _same_file(output, source):
                linked = os.path.abspath(output) != os.path.abspath(source)
                raise UsageError(Said(
                    "{output} ({option}) is the input file {source}{linked}: writing it "
                    "would replace the data being read; write elsewhere", output=output,
                    option=option, source=source,
                    linked=Said(" (through a link)") if linked else ""))


def refuse_same(first: tuple[str, Path | None], second: tuple[str, Path | None]) -> None:
    """Refuse two outputs of one command that are the same file: the second would silently
    replace the first."""
    (name_a, a), (name_b, b) = first, second
    if a is None or b is None:
        return
    if os.path.abspath(a) == os.path.abspath(b) or (_exists(a) and _exists(b)
                                                    and _same_file(a, b)):
        raise UsageError(Said("{first} and {second} name the same file ({path}): the second "
                              "would replace the first; give {second} another file name",
                              first=name_a, second=name_b, path=a))


def refuse_data_inputs(option: str, outputs: Iterable[Path | None], data: Path | None
                       ) -> None:
    """:func:`refuse_inputs` for the three files of the data folder ``--data`` names (or
    ``$SOICOST_DATA``, or the bundled one)."""
    from soicost.inputs.loader import resolve_data_dir

    refuse_inputs(option, outputs, data_files(resolve_data_dir(data)))


def data_files(data_dir: Path) -> list[Path]:
    """The three input files of a data folder."""
    from soicost.inputs.loader import FILES

    return [data_dir / name for name in FILES]


def _exists(path: Path) -> bool:
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def terminal_width() -> int:
    """The width of the terminal tables are printed for: ``COLUMNS`` first (as shells set
    it), else the terminal's, else 100 when the output is a file or a pipe."""
    import shutil

    from soicost.render.terminal import DEFAULT_WIDTH

    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
