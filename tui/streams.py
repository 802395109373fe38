"""The process's standard streams at its edges: closed, redirected, full or gone.

``superpos-tui >&-`` starts with no standard output, ``2>&-`` with no standard
error, ``>/dev/full`` with one that cannot be written.  Each becomes one
``error:`` line (when standard error exists) and a status, never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: The standard streams that were closed when the process started.
_closed: set[str] = set()
_NAMES = {0: "input", 1: "output", 2: "error"}


class OutputError(Exception):
    """Standard output is closed or cannot be written; ``str()`` says why."""


def plug_closed() -> None:
    """Put /dev/null on each closed standard descriptor, and remember which were closed.

    Without this the first file opened later would take descriptor 1 or 2, and
    stray prints would land inside it.
    """
    for fd, name in _NAMES.items():
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            _closed.add(name)
    # Python leaves sys.stdout None when descriptor 1 was closed; these stand-ins
    # live as long as the process.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")
    if sys.stdin is None:
        sys.stdin = open(os.devnull)


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # closed or gone
        return False


def non_terminals() -> list[str]:
    """Which of standard input, output and error are not terminals (the app needs all three)."""
    streams = {"input": sys.stdin, "output": sys.stdout, "error": sys.stderr}
    return [name for name, stream in streams.items() if name in _closed or not is_terminal(stream)]


def one_line(text: str) -> str:
    """``text`` with each unprintable character (newline, tab, escape…) spelled as repr
    spells it (``\\n``, ``\\t``, ``\\x1b``): a message echoing typed words stays one line,
    and cannot move the cursor or recolour the terminal."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def say(line: str, anywhere: bool = False) -> None:
    """Write ``line`` as one line (:func:`one_line`) on standard error; with ``anywhere``,
    on standard output if there is no standard error; silently nothing if neither exists
    or both fail."""
    line = one_line(line)
    targets = [("error", sys.stderr)] + ([("output", sys.stdout)] if anywhere else [])
    for name, stream in targets:
        if name in _closed or stream is None:
            continue
        try:
            print(line, file=stream, flush=True)
            return
        except (OSError, ValueError):
            continue


def require_output() -> None:
    """Raise :class:`OutputError` before any work if standard output is closed."""
    if "output" in _closed:
        raise OutputError("standard output is closed; there is nowhere to print the result")


def emit(text: str) -> None:
    """Print ``text`` and a newline on standard output; a failure is :class:`OutputError`."""
    try:
        print(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        silence_stdout()
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def finish_output() -> None:
    """Flush standard output; a failure (a full disk, say) becomes :class:`OutputError`."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        silence_stdout()
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's exit flush cannot fail again."""
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(null)


@contextmanager
def interrupt_after() -> Iterator[None]:
    """Hold a ctrl+c back until the block ends, then raise :class:`KeyboardInterrupt`.

    For imports: an interrupt inside NumPy's start-up can surface as an unrelated
    ImportError, so it waits until the modules are whole.
    """
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
