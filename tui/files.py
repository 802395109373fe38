"""Every file the product writes goes through :func:`write_atomic`.

The data is written to a temporary file in the target's own folder and then
renamed into place, so a failed write (a full disk, a file-size limit, a crash)
leaves the old file whole and no partial file behind.  Only a regular file is
ever replaced: never a folder, a symbolic link, a FIFO or a device.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

#: Characters of the target's name kept in the temporary file's name (the rest
#: would only risk the 255-byte limit on names).
_NAME_CHARS = 40
#: The longest file name when the file system does not say (Linux, macOS).
_NAME_MAX = 255


class Unwritable(OSError):
    """No file can be written at a path; ``str()`` is the reason, after the path."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def temporary_name(path: Path) -> Path:
    """A fresh name beside ``path``, short whatever ``path``'s length (at most 174 bytes)."""
    return path.with_name(f".{path.name[:_NAME_CHARS]}.{secrets.token_hex(4)}.tmp")


def check_target(path: Path, *, overwrite: bool) -> None:
    """Raise unless ``write_atomic(path, …, overwrite=overwrite)`` can succeed now.

    :class:`FileExistsError` for an existing regular file when ``overwrite`` is
    false; :class:`Unwritable` (its text says why) for a name too long, something
    other than a regular file at ``path``, or a folder that takes no new file
    (tried with a temporary file, then removed).
    """
    existing = _kind(path)
    if existing is not None:
        _refuse_irregular(path, existing)
        if not overwrite:
            raise FileExistsError(errno.EEXIST, "exists", str(path))
    probe = temporary_name(path)
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise _cannot_write(path, error) from None
    os.unlink(probe)


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool) -> None:
    """Write ``data`` (text as UTF-8) at ``path`` all at once, or not at all.

    Raises :class:`FileExistsError` when ``path`` exists and ``overwrite`` is
    false (checked atomically: a file appearing meanwhile is not replaced),
    :class:`Unwritable` when ``path`` is something other than a regular file
    (even with ``overwrite``), and :class:`OSError` for any other failure;
    either way nothing partial remains.
    """
    if overwrite:
        existing = _kind(path)
        if existing is not None:
            _refuse_irregular(path, existing)
    temporary = temporary_name(path)
    # os.open with 0o666 lets the umask decide the mode, as a plain open() would.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temporary)


def _kind(path: Path) -> int | None:
    """The file type bits of what is at ``path`` (a link itself, not its target), or None."""
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise Unwritable(error.errno, _too_long(path)) from None
        raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> Unwritable:
    reason = error.strerror or str(error)
    return Unwritable(error.errno, f"cannot write in {str(path.parent)!r}: {reason}")


def _too_long(path: Path) -> str:
    try:
        longest = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError):  # the folder's own path is too long to ask about
        longest = _NAME_MAX
    size = len(os.fsencode(path.name))
    if size <= longest:
        return f"the path is too long; use a shorter one, each name at most {longest:,} bytes"
    return f"the name is {size:,} bytes long; use a name of at most {longest:,} bytes"


def _refuse_irregular(path: Path, kind: int) -> None:
    if kind == stat.S_IFDIR:
        raise Unwritable(errno.EISDIR, f"{str(path)!r} is a folder; give a file name")
    if kind != stat.S_IFREG:
        what = "a symbolic link" if kind == stat.S_IFLNK else "not a regular file"
        raise Unwritable(
            errno.EEXIST, f"{str(path)!r} is {what}, which is never replaced; give another name"
        )


def _place_new(temporary: Path, path: Path) -> None:
    # A hard link fails if the name exists, which a check-then-rename could miss.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # Some file systems have no hard links: fall back to check, then rename.
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
