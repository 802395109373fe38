"""Writing a screen's results to disk: CSV, JSON or an SVG screenshot.

Each screen hands over an :class:`ExportTable` (its CSV records and its JSON
document); the file's suffix picks the format.  Nothing is overwritten unless the caller
says so, and every way a write can fail comes back as one readable message.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from superpos_model import Params

from .files import Unwritable, write_atomic

FORMATS = (".csv", ".json", ".svg")


class ExportError(Exception):
    """An export that could not be written; ``str()`` says why in plain words."""


class FileExists(ExportError):
    """The target exists and the caller did not allow overwriting it."""


@dataclass(frozen=True)
class ExportTable:
    """What a screen exports: flat records under ``columns`` (CSV) and one ``document`` (JSON).

    None in a record means "not applicable" (an empty CSV cell).  ``comments`` are
    written before the CSV header as ``# …`` lines (what the numbers are for).
    """

    columns: Sequence[str]
    records: Sequence[Mapping[str, object]]
    document: Mapping[str, object]
    comments: Sequence[str] = ()


def params_record(params: Params) -> dict[str, object]:
    """The parameters a result is for, as a JSON export states them."""
    return {name: getattr(params, name) for name in ("T", "D", "z", "a", "samples", "seed")}


def _csv(table: ExportTable) -> str:
    out = io.StringIO()
    out.writelines(f"# {line}\n" for line in table.comments)
    writer = csv.DictWriter(out, fieldnames=list(table.columns), lineterminator="\n")
    writer.writeheader()
    for record in table.records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return out.getvalue()


def _finite(value: object) -> object:
    # JSON has no NaN or infinity; null says "not available" honestly.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _json(table: ExportTable) -> str:
    return json.dumps(_finite(dict(table.document)), indent=2) + "\n"


def expand(raw: str) -> Path:
    """The path a typed name means (``~`` expanded); :class:`ExportError` if it has none."""
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # ~name for a user this machine does not know, or no home
        user = raw.split("/", 1)[0]
        raise ExportError(
            f"{_shown(user)}: no such user's home folder; give another path"
        ) from None


def _shown(path: object) -> str:
    # A path in a message: its end says most, so a long one keeps its last characters.
    text = str(path)
    return text if len(text) <= 60 else "…" + text[-59:]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def render(path: Path, table: ExportTable, screenshot: Callable[[], str]) -> str:
    """The text to write at ``path``, in the format its suffix names."""
    try:
        folder = path.is_dir()
    except OSError as error:  # a name too long to look up, a folder we may not read, …
        raise ExportError(f"cannot write {_shown(path)}: {_reason(error)}") from None
    if folder:
        raise ExportError(f"{_shown(path)} is a folder; give a file name")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(table)
    if suffix == ".json":
        return _json(table)
    if suffix == ".svg":
        return screenshot()
    raise ExportError(f"{_shown(path.name)}: use a name ending in {', '.join(FORMATS)}")


def write(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` atomically; raise :class:`ExportError` on any failure.

    A failed write leaves an existing file as it was and no partial file behind.
    """
    try:
        write_atomic(path, text, overwrite=overwrite)
    except FileExistsError:
        raise FileExists(f"{_shown(path)} exists") from None
    except Unwritable as error:  # a link, a FIFO, a device: never replaced
        raise ExportError(str(error)) from None
    except OSError as error:
        raise ExportError(f"cannot write {_shown(path)}: {_reason(error)}") from None
    return path
