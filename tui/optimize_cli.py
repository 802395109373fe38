"""``superpos-tui optimize``: train the embedding W from a random start and report it.

Ctrl+c stops training and still prints the result so far (the best W for the
linear readout, the last iterate for the ReLU one), marked
``"interrupted": true`` in the JSON (and a line in the text), then exits with
status 130.  A second ctrl+c ends the program at once.
"""

from __future__ import annotations

import argparse
import io
import json
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from superpos_model import ParamError, Params, regime_warning
from superpos_model.monitor import Monitor
from superpos_model.optimize import READOUTS
from superpos_model.optimize.relu import DEFAULT_SETTINGS
from superpos_model.optimize.report import DEFAULT_STEPS, STEPS_RANGE, OptimizeReport, run_optimize
from superpos_model.params import read_whole

from . import streams
from .files import Unwritable, check_target, write_atomic
from .format import number, with_se

INTERRUPTED = 130


def add_optimize_parser(
    commands: argparse._SubParsersAction,
    add_param_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Register ``optimize`` with the shared model-parameter options."""
    parser = commands.add_parser(
        "optimize",
        help="train the embedding W (and a, b) from a random start",
        description=(
            "Train W from the random scheme's embedding: exactly for the linear readout "
            "(L-BFGS on the closed-form loss), by minibatch Adam for the ReLU one (then a "
            "held-out Monte Carlo ± SE). Training chooses a, so --a is refused; --samples "
            "is the size of the ReLU held-out estimate. Ctrl+c stops and prints the result "
            "so far with "
            '"interrupted": true, exit status 130.'
        ),
        allow_abbrev=False,
    )
    add_param_options(parser)
    parser.add_argument(
        "--readout", metavar="NAME", default="linear", help="linear (default) or relu"
    )
    parser.add_argument(
        "--steps",
        metavar="N",
        default=None,
        help=(
            f"at most N optimiser steps, {STEPS_RANGE[0]:,} to {STEPS_RANGE[1]:,} "
            f"(default {DEFAULT_STEPS['linear']} linear, {DEFAULT_STEPS['relu']} relu)"
        ),
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=(
            "ReLU only: the class preset, 1,000 steps on larger batches, within 5 %% of the "
            "full run's loss in a fraction of its time"
        ),
    )
    parser.add_argument(
        "--save",
        metavar="FILE.npz",
        default=None,
        help="write W (D×T), a and b to FILE.npz, a new file unless --force",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="let --save replace an existing regular file (never a link, FIFO or folder)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def parse_steps(raw: str | None) -> int | None:
    """The ``--steps`` value, or None for the readout's default."""
    if raw is None:
        return None
    return read_whole("steps", str(raw), *STEPS_RANGE)


def check_writable(path: Path, force: bool = False) -> None:
    """Raise :class:`ParamError` unless ``--save path`` can be written (before training).

    An existing file is replaced only with ``force``, and never anything but a
    regular file.
    """
    try:
        check_target(path, overwrite=force)
    except (FileExistsError, Unwritable) as error:
        raise _save_error(path, error) from None


def _save_error(path: Path, error: OSError) -> ParamError:
    """``--save``'s message for a refused or failed write at ``path``."""
    if isinstance(error, FileExistsError):
        return ParamError("save", f"{str(path)!r} exists; add --force to replace it")
    if isinstance(error, Unwritable):
        return ParamError("save", str(error))
    reason = error.strerror or str(error)
    return ParamError("save", f"writing {str(path)!r} failed: {reason}")


def save_failure(path: Path, report: OptimizeReport, force: bool = False) -> ParamError | None:
    """numpy.savez of W, a, b written atomically at ``path``; the error if it failed."""
    buffer = io.BytesIO()
    try:
        np.savez(buffer, W=report.W, a=np.float64(report.a), b=np.float64(report.b))
        write_atomic(path, buffer.getvalue(), overwrite=force)
    except OSError as error:  # an existing file may have been created since the check
        return _save_error(path, error)
    return None


@contextmanager
def interruptible() -> Iterator[Monitor]:
    """A monitor that the first ctrl+c cancels (and a percentage on a terminal's stderr)."""
    stop = threading.Event()
    show = _progress_writer() if sys.stderr.isatty() else None
    in_main = threading.current_thread() is threading.main_thread()

    def on_interrupt(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the next one ends it

    previous = signal.signal(signal.SIGINT, on_interrupt) if in_main else None
    try:
        yield Monitor(progress=show, cancelled=stop.is_set)
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
        if show is not None:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _progress_writer() -> Callable[[float], None]:
    shown = [-1]

    def show(done: float) -> None:
        percent = int(100 * done)
        if percent != shown[0]:
            shown[0] = percent
            sys.stderr.write(f"\rtraining… {percent:3d}%  (ctrl+c stops, keeps the result so far)")
            sys.stderr.flush()

    return show


def run_optimize_command(args: argparse.Namespace, params: Params, budget: int) -> int:
    """Validate, train, print (and save); the exit status."""
    if params.a is not None:
        raise ParamError("a", "optimize chooses the readout scale itself; leave --a out")
    if args.readout not in READOUTS:
        raise ParamError(
            "readout", f"{args.readout!r} is unknown; use one of {', '.join(READOUTS)}"
        )
    steps = parse_steps(args.steps)
    save = Path(args.save) if args.save is not None else None
    if save is not None:
        check_writable(save, args.force)
    with interruptible() as monitor:
        report = run_optimize(params, args.readout, steps, monitor, budget, quick=args.quick)
    # Save, then print: a failing output (a full disk) must not lose the trained W, and a
    # failing save must not lose the printed result; the save's error comes last.
    failure = save_failure(save, report, args.force) if save is not None else None
    streams.emit(json.dumps(report.to_json(), indent=2) if args.json else render_optimize(report))
    if failure is not None:
        raise failure
    return INTERRUPTED if report.cancelled else 0


def render_optimize(report: OptimizeReport) -> str:
    """The readable form: losses before and after, the baselines, what W looks like."""
    p, m = report.params, report.measures
    se = report.se

    def loss(value: float | None, error: float | None = None) -> str:
        if value is None:
            return "—"
        return number(value, 6) if error is None else with_se(value, error)

    how = (
        "exact expected loss (L-BFGS on the closed form)"
        if report.readout == "linear"
        else f"held-out Monte Carlo over {p.samples:,} samples ± SE (Adam on sampled sets)"
    )
    done = report.history[-1][0] if report.history else 0
    lines = [
        f"T={p.T:,} features, D={p.D:,} neurons, z={p.z:,} active, seed {p.seed}: "
        f"{report.readout} readout, {done:,} of at most {report.steps:,} steps"
        + (" (the quick preset)" if report.quick else ""),
        f"loss = {how}",
    ]
    if report.readout == "relu":
        start = DEFAULT_SETTINGS
        lines.append(f"start = the random scheme's W with a = {start.a0:g}, b = {start.b0:g}")
    warning = regime_warning(p)
    if warning:
        text = f"warning: outside the notes' regime z ≪ D < T: {warning}"
        lines.extend(textwrap.wrap(text, width=80, subsequent_indent="  "))
    if report.cancelled:
        lines.append("interrupted: the result reached so far")
    lines += [
        "",
        f"  random start          {loss(report.start_loss, report.start_se)}",
        f"  trained               {loss(report.loss, se)}   (a = {number(report.a, 5)}, "
        f"b = {number(report.b, 5)})",
    ]
    if report.bound is not None:
        gap = (report.loss - report.bound) / report.bound if report.bound > 0 else 0.0
        lines.append(f"  rank-D bound          {loss(report.bound)}   (gap {gap:.3%})")
    random = report.baselines.get("random")
    if random:
        lines.append(
            f"  below random scheme   {(random - report.loss) / random:.2%} of its optimal loss"
        )
    lines += ["", "each scheme at its own optimal readout:"]
    for name, value in report.baselines.items():
        lines.append(f"  {name:20}  {loss(value) if value is not None else 'not available'}")
    lines += [
        "",
        "the trained embedding:",
        f"  largest overlap       {number(m.max_overlap, 4)}   ({m.pairs_text})",
        f"  RMS overlap           {number(m.rms_overlap, 4)}   (Welch bound "
        f"{number(m.welch_bound, 4)}, random 1/√D {number(m.random_rms, 4)})",
        f"  tight-frame residual  {number(m.tight_frame_residual, 3)}   (0 for a tight frame)",
        f"  column norms          {number(m.norm_min, 4)} to {number(m.norm_max, 4)}",
        f"  share of 1 in rows    {number(m.ones_in_row_space, 4)}   (‖P1‖²/T)",
    ]
    return "\n".join(lines)
