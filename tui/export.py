"""Writing a screen's results to disk: CSV, JSON or an SVG screenshot.

Each screen hands over an :class:`ExportTable` (its CSV records and its JSON
document); the file's suffix picks the format.  Every export is stamped with the
settings it is for (:func:`settings_record`: T, D, z, a, b, readout, samples and seed)
in the file (:func:`stamped`) and in its default name (:func:`default_name`).  Nothing
is overwritten unless the caller says so, and every way a write can fail comes back as
one readable message.
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


#: The settings every export carries, in this order.
SETTINGS = ("T", "D", "z", "a", "b", "readout", "samples", "seed")


def settings_record(
    params: Params, readout: str, b: float | None, swept: Sequence[str] = ()
) -> dict[str, object]:
    """T, D, z, a, b, readout, samples and seed of an export (None: not set or not used).

    ``readout`` is linear, relu, both, or none (a result no readout enters); b is the
    ReLU bias where one was chosen; a field named in ``swept`` takes many values, and
    reads "swept".
    """
    record: dict[str, object] = {**params_record(params), "b": b, "readout": readout}
    for name in swept:
        record[name] = "swept"
    return {name: record[name] for name in SETTINGS}


def settings_line(settings: Mapping[str, object]) -> str:
    """The settings as one ``name=value`` line (a CSV comment); an unset one is empty."""
    return " ".join(f"{k}={'' if v is None else v}" for k, v in settings.items())


def stamped(table: ExportTable, settings: Mapping[str, object]) -> ExportTable:
    """``table`` with its settings: the JSON's first key, ``settings``, and a CSV comment
    line after the table's own (a title comment stays the file's first line)."""
    document = {"settings": dict(settings), **table.document}
    comments = [*table.comments, f"settings: {settings_line(settings)}"]
    return ExportTable(table.columns, table.records, document, comments)


def default_name(stem: str, settings: Mapping[str, object]) -> str:
    """A file name (no suffix) that says every setting: ``stem-T1000-D100-z5-aopt-…-seed0``.

    An unset a is each scheme's optimum ("aopt"), an unset b "bnone"; the readout stands
    by itself.
    """
    parts = [stem]
    for name, value in settings.items():
        if name == "readout":
            parts.append(str(value))
        else:
            shown = {"a": "opt"}.get(name, "none") if value is None else value
            parts.append(f"{name}{shown}")
    return "-".join(parts)


def table_csv(table: ExportTable) -> str:
    """The CSV file: the comments, the header, a line per record (None as empty)."""
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


def table_json(table: ExportTable) -> str:
    """The JSON file: the document, with null for NaN and infinities."""
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
        return table_csv(table)
    if suffix == ".json":
        return table_json(table)
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
