"""Every file the product writes goes through :func:`write_atomic`.

The text is written to a temporary file in the target's own folder and then
renamed into place, so a failed write (a full disk, a file-size limit, a crash)
leaves the old file whole and no partial file behind.
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from pathlib import Path

#: Characters of the target's name kept in the temporary file's name (the rest
#: would only risk the 255-byte limit on names).
_NAME_CHARS = 40


def write_atomic(path: Path, text: str, *, overwrite: bool) -> None:
    """Write ``text`` (UTF-8) at ``path`` all at once, or not at all.

    Raises :class:`FileExistsError` when ``path`` exists and ``overwrite`` is
    false (checked atomically: a file appearing meanwhile is not replaced), and
    :class:`OSError` for any other failure; either way nothing partial remains.
    """
    temporary = path.with_name(f".{path.name[:_NAME_CHARS]}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide the mode, as a plain open() would.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)


def _place_new(temporary: Path, path: Path) -> None:
    # A hard link fails if the name exists, which a check-then-rename could miss.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links: fall back to check, then rename.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temporary, path)
