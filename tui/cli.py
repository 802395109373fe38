"""The ``superpos-tui`` command line (its JSON output is described in docs/json.md).

Bad input exits with status 2 and one ``error:`` line naming the field and its
allowed range; no input produces a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

from superpos_model import (
    DEFAULT_BUDGET,
    LIMITS,
    Monitor,
    ParamError,
    Params,
    check_budget,
    make_params,
    run_check,
)
from superpos_model.monitor import SILENT
from superpos_model.walkthrough import SCHEME_CHOICES, walkthrough
from superpos_model.walkthrough.export import walkthrough_json

from .check_text import render_check
from .field_help import FIELD_HELP, UNSET_A
from .optimize_cli import add_optimize_parser, run_optimize_command
from .relu_cli import add_readout_options, check_relu_size, readout_of, relu_check_output
from .sweep_cli import add_sweep_parser
from .walkthrough_text import render_walkthrough

FIELDS = tuple(LIMITS)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors, in our format
        raise UsageError(message)


class UsageError(Exception):
    """Command-line words that do not parse."""


def _add_param_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model parameters")
    defaults = Params()
    for name in FIELDS:
        default = getattr(defaults, name)
        shown = f": {UNSET_A}" if default is None else f" {default}"
        group.add_argument(
            f"--{name}",
            metavar="X" if name == "a" else "N",
            default=argparse.SUPPRESS,
            help=f"{FIELD_HELP[name]} (default{shown})",
        )
    group.add_argument(
        "--budget-gb",
        type=str,
        metavar="GB",
        default=argparse.SUPPRESS,
        help="memory budget for simulations in GB (default 2)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="superpos-tui",
        description=(
            "Superposition: the error of D neurons storing T > D sparse features. "
            "Without a command, opens the app; check, walkthrough and sweep print plain text."
        ),
        allow_abbrev=False,
    )
    _add_param_options(parser)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = commands.add_parser(
        "check", help="print the what-if table (or --json)", allow_abbrev=False
    )
    _add_param_options(check)
    check.add_argument(
        "--json",
        action="store_true",
        help="print the numbers as one JSON object (keys: docs/json.md)",
    )
    add_readout_options(check)
    steps = commands.add_parser(
        "walkthrough",
        help="print the derivation step by step, each step beside its simulation",
        allow_abbrev=False,
    )
    _add_param_options(steps)
    steps.add_argument(
        "--scheme",
        metavar="NAME",
        default="all",
        help=f"one of {', '.join(SCHEME_CHOICES)} (default all)",
    )
    steps.add_argument(
        "--json",
        action="store_true",
        help="print the steps as one JSON object (keys: docs/json.md)",
    )
    add_optimize_parser(commands, _add_param_options)
    add_sweep_parser(commands, _add_param_options)
    return parser


def parse_budget(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_BUDGET
    try:
        gb = float(raw)
    except ValueError:
        gb = float("nan")
    if not 0.01 <= gb <= 1024:
        raise ParamError("budget-gb", f"{raw!r} is not a number from 0.01 to 1024")
    return int(gb * 2**30)


@contextmanager
def progress_line() -> Iterator[Monitor]:
    """A percentage on stderr while a person watches a long run; silent in pipes and CI."""
    if not sys.stderr.isatty():
        yield SILENT
        return
    shown = [-1]

    def show(done: float) -> None:
        percent = int(100 * done)
        if percent != shown[0]:
            shown[0] = percent
            sys.stderr.write(f"\rcomputing… {percent:3d}%  (ctrl+c stops)")
            sys.stderr.flush()

    try:
        yield Monitor(progress=show)
    finally:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def params_from(args: argparse.Namespace) -> Params:
    return make_params(**{name: getattr(args, name) for name in FIELDS if hasattr(args, name)})


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if hasattr(args, "run"):  # a subcommand that validates its own parameters (sweep)
            with progress_line() as monitor:
                code: int = args.run(args, parse_budget(getattr(args, "budget_gb", None)), monitor)
                return code
        params = params_from(args)
        budget = parse_budget(getattr(args, "budget_gb", None))
        if args.command == "check":
            readout, b = readout_of(args)
            if readout == "relu":
                check_relu_size(params, budget)
                with progress_line() as monitor:
                    print(relu_check_output(params, b, args.json, monitor))
                return 0
            check_budget(params, budget)
            with progress_line() as monitor:
                report = run_check(params, monitor, budget=budget)
            print(json.dumps(report.to_json(), indent=2) if args.json else render_check(report))
            return 0
        if args.command == "walkthrough":
            check_budget(params, budget)
            with progress_line() as monitor:
                steps = walkthrough(params, args.scheme, monitor)
            print(
                json.dumps(walkthrough_json(params, steps), indent=2, allow_nan=False)
                if args.json
                else render_walkthrough(params, steps)
            )
            return 0
        if args.command == "optimize":
            return run_optimize_command(args, params, budget)
        return _open_app(params, budget)
    except (ParamError, UsageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def _open_app(params: Params, budget: int) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the app needs a terminal; for plain text use `superpos-tui check`")
    from .app import SuperposApp  # imported late: `check` never loads Textual

    SuperposApp(params, budget=budget).run()
    return 0


def run() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`, say) left early; that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
