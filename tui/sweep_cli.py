"""``superpos-tui sweep``: optimal losses along one parameter, or a phase diagram over two.

sweep --vary z --values 1,2,5 [--readout linear|relu|both] [--loss mse|cross-entropy]
      [--simulate] [--json|--csv]
sweep --vary T/D --values 2,5,10 --vary2 z --values2 1,5,20   (a phase diagram)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence

from superpos_model import LIMITS, Monitor, ParamError, Params, make_params
from superpos_model.params import read_whole
from superpos_model.readout import parse_b_min
from superpos_model.sweep import (
    PHASE_AXES,
    READOUT_CHOICES,
    SWEEP_FIELDS,
    parse_values,
    phase_csv,
    phase_diagram,
    phase_json,
    readout_names,
    sweep,
    sweep_csv,
    sweep_json,
)

from . import streams
from .crossent_cli import add_loss_option, loss_of
from .sweep_text import render_phase, render_sweep

#: What ``--readout`` takes; cross-entropy is asked for with ``--loss``.
COMMAND_LINE_READOUTS = tuple(name for name in READOUT_CHOICES if name != "cross-entropy")

USAGE_NOTE = (
    "Each scheme's optimal loss (exact) at every value of one parameter, the winner (equal "
    "losses are ties) and the crossings: the adjacent whole numbers where the winner changes. "
    "With --vary2 and --values2 it draws a phase diagram instead: the winner in every cell "
    "of the --vary × --vary2 grid (axes z, D, T or T/D; T/D = r sets T = r·D). The parameters "
    "not varied come from --T, --D, --z."
)

#: The most worker processes ``--workers`` may ask for.
MAX_WORKERS = 256


def add_sweep_parser(
    commands: argparse._SubParsersAction,
    add_param_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``sweep`` on the command line's subcommands; it runs :func:`run_sweep`."""
    parser = commands.add_parser(
        "sweep",
        help="each scheme's optimal loss along z, D or T, the winner and the crossings",
        description=USAGE_NOTE,
        allow_abbrev=False,
    )
    add_param_options(parser)
    parser.add_argument(
        "--vary",
        required=True,
        metavar="FIELD",
        help=f"one of {', '.join(SWEEP_FIELDS)} (also T/D for a phase diagram)",
    )
    parser.add_argument("--values", required=True, metavar="V1,V2,…", help="increasing values")
    parser.add_argument("--vary2", metavar="FIELD", help=f"second axis: {', '.join(PHASE_AXES)}")
    parser.add_argument("--values2", metavar="V1,V2,…", help="its increasing values")
    parser.add_argument(
        "--readout",
        default="linear",
        metavar="NAME",
        help=f"one of {', '.join(COMMAND_LINE_READOUTS)} (default linear)",
    )
    add_loss_option(parser)
    parser.add_argument(
        "--b-min",
        metavar="Y",
        default=None,
        help="ReLU optima over b ≥ Y only (0: thresholds only); without it b is any real number",
    )
    parser.add_argument(
        "--simulate", action="store_true", help="also simulate every point (± SE); not with --vary2"
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        help="worker processes (default: every core; 1 computes in this process)",
    )
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print one JSON object")
    formats.add_argument("--csv", action="store_true", help="print CSV rows to stdout")
    parser.set_defaults(run=run_sweep)


def _b_min(args: argparse.Namespace) -> float:
    """``--b-min`` (free without it), refused without a ReLU readout to apply to."""
    b_min = parse_b_min(args.b_min)
    if args.b_min is not None and "relu" not in readout_names(args.readout):
        raise ParamError("b-min", "needs the ReLU readout; add --readout relu or both")
    return b_min


def _workers(raw: str | None) -> int | None:
    if raw is None:
        return None
    return read_whole("workers", raw, 1, MAX_WORKERS)


def _base(args: argparse.Namespace, axes: set[str]) -> Params:
    # The varied fields take their value per point; their own option (or default) must not
    # be judged against the others (say --vary z with --T 3 and the default z = 5).
    values = {name: getattr(args, name) for name in LIMITS if hasattr(args, name)}
    if "a" in values:
        raise ParamError("a", "a sweep compares each scheme's optimum over a; drop --a")
    for name in ("T", "D", "z"):
        if name in values and (name in axes or (name == "T" and "T/D" in axes)):
            raise ParamError(name, f"is set by the swept values; drop --{name}")
    if axes & {"T", "T/D"}:
        values.setdefault("T", LIMITS["T"][1])
    if "z" in axes:
        values["z"] = 1
    return make_params(**values)


def _readout_choice(args: argparse.Namespace) -> str:
    """The sweep's readout: ``--readout``, or cross-entropy's own entry with ``--loss``."""
    if args.readout not in COMMAND_LINE_READOUTS:
        choices = ", ".join(COMMAND_LINE_READOUTS)
        raise ParamError("readout", f"{args.readout!r} is unknown; use one of {choices}")
    return "cross-entropy" if loss_of(args) == "cross-entropy" else args.readout


def run_sweep(args: argparse.Namespace, budget: int, monitor: Monitor) -> int:
    """Validate, compute and print; ParamError propagates to the caller's ``error:`` line."""
    workers = _workers(args.workers)
    args.readout = _readout_choice(args)
    if (args.vary2 is None) != (args.values2 is None):
        raise ParamError("vary2", "--vary2 and --values2 go together")
    if args.vary2 is not None:
        return _run_phase(args, workers, monitor)
    if args.vary not in SWEEP_FIELDS:
        raise ParamError("vary", f"{args.vary!r}; use one of {', '.join(SWEEP_FIELDS)}")
    readout_names(args.readout)
    values = [int(v) for v in parse_values(args.vary, args.values)]  # whole numbers for z, D, T
    base = _base(args, {args.vary})
    result = sweep(
        base,
        args.vary,
        values,
        args.readout,
        simulate=args.simulate,
        workers=workers,
        monitor=monitor,
        budget=budget,
        b_min=_b_min(args),
    )
    if args.json:
        streams.emit(json.dumps(sweep_json(result), indent=2))
    elif args.csv:
        streams.emit(csv_text(sweep_csv(result)))
    else:
        streams.emit(render_sweep(result))
    return 0


def _run_phase(args: argparse.Namespace, workers: int | None, monitor: Monitor) -> int:
    if args.simulate:
        raise ParamError("simulate", "is for one-parameter sweeps; drop --vary2 or --simulate")
    for option, axis in (("vary", args.vary), ("vary2", args.vary2)):
        if axis not in PHASE_AXES:
            raise ParamError(option, f"{axis!r}; use one of {', '.join(PHASE_AXES)}")
    names = readout_names(args.readout)
    xs = parse_values(args.vary, args.values, "values")
    ys = parse_values(args.vary2, args.values2, "values2")
    base = _base(args, {args.vary, args.vary2})
    diagrams = [
        phase_diagram(
            base,
            args.vary,
            xs,
            args.vary2,
            ys,
            name,
            workers=workers,
            monitor=monitor.part(k / len(names), (k + 1) / len(names)),
            b_min=_b_min(args),
        )
        for k, name in enumerate(names)
    ]
    if args.json:
        streams.emit(json.dumps(phase_json(diagrams), indent=2))
    elif args.csv:
        streams.emit(csv_text(phase_csv(diagrams)))
    else:
        streams.emit("\n\n".join(render_phase(d) for d in diagrams))
    return 0


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """``rows`` as CSV text without its last newline (:func:`streams.emit` adds it)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().removesuffix("\n")
