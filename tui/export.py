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


def render(path: Path, table: ExportTable, screenshot: Callable[[], str]) -> str:
    """The text to write at ``path``, in the format its suffix names."""
    if path.expanduser().is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(table)
    if suffix == ".json":
        return _json(table)
    if suffix == ".svg":
        return screenshot()
    raise ExportError(f"{path.name}: use a name ending in {', '.join(FORMATS)}")


def write(path: Path, text: str, overwrite: bool = False) -> Path:
    """Write ``text`` to ``path`` (``~`` expanded); raise :class:`ExportError` on any failure."""
    path = path.expanduser()
    if path.exists() and not overwrite:
        raise FileExists(f"{path} exists")
    try:
        with path.open("w" if overwrite else "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise FileExists(f"{path} exists") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"cannot write {path}: {reason}") from None
    return path
