"""``superpos-tui interference``: the interference screen's numbers and capacity curve.

interference [--threshold θ] [model options] [--json | --csv]

The same :func:`~superpos_model.interference.analyse_interference` as the screen, and the
same records as its export (:func:`tui.interference_numbers.interference_table`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from superpos_model import LIMITS, Monitor, ParamError, make_params
from superpos_model.interference import DEFAULT_THRESHOLD, analyse_interference

from . import streams
from .export import settings_line, settings_record, stamped, table_csv, table_json
from .interference_numbers import (
    THRESHOLD_RANGE,
    examined_text,
    interference_table,
    numbers_rows,
)


def add_interference_parser(
    commands: argparse._SubParsersAction,
    add_param_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``interference`` on the command line's subcommands."""
    parser = commands.add_parser(
        "interference",
        help="the overlaps of random feature directions and the capacity curve",
        description=(
            "How large the overlaps of T random unit directions in D dimensions are (RMS, "
            "largest, the bounds), and the noise on a readout as z features are active at "
            "once (RMS and largest, against theory) with the three capacity estimates. The "
            "same numbers as the Interference screen (f4) and its export."
        ),
        allow_abbrev=False,
    )
    add_param_options(parser)
    low, high = THRESHOLD_RANGE
    parser.add_argument(
        "--threshold",
        metavar="θ",
        default=str(DEFAULT_THRESHOLD),
        help=f"the worst-case noise level, {low:g} to {high:g} (default {DEFAULT_THRESHOLD:g})",
    )
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print one JSON object")
    formats.add_argument("--csv", action="store_true", help="print CSV rows to stdout")
    parser.set_defaults(run=run_interference)


def _threshold(raw: str) -> float:
    low, high = THRESHOLD_RANGE
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ParamError("threshold", f"{raw!r}; use a number from {low:g} to {high:g}")
    return value


def run_interference(args: argparse.Namespace, budget: int, monitor: Monitor) -> int:
    """Validate, compute and print; ParamError propagates to the caller's ``error:`` line."""
    params = make_params(**{name: getattr(args, name) for name in LIMITS if hasattr(args, name)})
    threshold = _threshold(args.threshold)
    analysis = analyse_interference(params, threshold, monitor)
    settings = settings_record(params, "none", None)
    table = stamped(interference_table(analysis, params, threshold), settings)
    if args.json:
        streams.emit(table_json(table).removesuffix("\n"))
    elif args.csv:
        streams.emit(table_csv(table).removesuffix("\n"))
    else:
        rows_text = numbers_rows(analysis).values()
        width = max(len(quantity) for quantity, _, _ in rows_text)
        measured = max(len(m) for _, m, _ in rows_text)
        lines = [f"{q:<{width}}  {m:<{measured}}  {t}".rstrip() for q, m, t in rows_text]
        streams.emit("\n".join([settings_line(settings), "", *lines, "", examined_text(analysis)]))
    return 0
