"""The ``superpos-tui`` command line (its JSON output is described in docs/json.md).

Bad input exits with status 2 and one ``error:`` line naming the field and its
allowed range; a closed or full output exits with status 1 and one ``error:``
line (when standard error exists); ctrl+c exits with status 130.  No input
produces a traceback.

Only the standard library is imported here at first: NumPy and Textual load
inside :func:`run`'s guarded region, so even a ctrl+c during start-up is an
``error: interrupted`` line rather than a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from . import streams
from .ending import ending_signals_unwind, status_and_message
from .field_help import FIELD_HELP, UNSET_A
from .startup import NoMemoryToStart, check_address_space

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from superpos_model import Monitor, Params

#: The model parameters, in the order the help lists them (superpos_model.LIMITS's order).
FIELDS = ("T", "D", "z", "a", "samples", "seed")
#: Options that take a value; the word after one is its value even when it starts with "-".
VALUE_OPTIONS = frozenset({*(f"--{name}" for name in FIELDS), "--budget-gb", "--scheme"})
#: The budget's range in GB; its top is lowered to the machine's memory.
BUDGET_GB = (0.01, 1024.0)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors, in our format
        raise UsageError(message)

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        """``--help`` on standard output; a closed or failing one is :class:`streams.OutputError`.

        Argparse would drop the write's error and exit 0 with the help lost.
        """
        if file is not None:
            super().print_help(file)
            return
        streams.require_output()
        streams.emit(self.format_help().removesuffix("\n"))
        streams.finish_output()


class UsageError(Exception):
    """Command-line words that do not parse."""


def joined_values(argv: Sequence[str]) -> list[str]:
    """``--T -1e3`` as ``--T=-1e3``, so a negative-looking value reaches validation.

    Argparse would otherwise take ``-1e3`` for an option and say "expected one
    argument" instead of naming the range.
    """
    words = list(argv)
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            word in VALUE_OPTIONS
            and following is not None
            and following.startswith("-")
            and not following.startswith("--")
        ):
            out.append(f"{word}={following}")
            index += 2
            continue
        out.append(word)
        index += 1
    return out


def _add_param_options(parser: argparse.ArgumentParser) -> None:
    from superpos_model import Params

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
    from .crossent_cli import add_loss_option
    from .interference_cli import add_interference_parser
    from .optimize_cli import add_optimize_parser
    from .relu_cli import add_readout_options
    from .sweep_cli import add_sweep_parser

    parser = _Parser(
        prog="superpos-tui",
        description=(
            "Superposition: the error of D neurons storing T > D sparse features. "
            "Without a command, opens the app; check, walkthrough, interference, optimize and "
            "sweep print plain text."
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
    add_loss_option(check)
    steps = commands.add_parser(
        "walkthrough",
        help="print the derivation step by step, each step beside its simulation",
        allow_abbrev=False,
    )
    _add_param_options(steps)
    from superpos_model.walkthrough import SCHEME_CHOICES

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
    add_interference_parser(commands, _add_param_options)
    add_optimize_parser(commands, _add_param_options)
    add_sweep_parser(commands, _add_param_options)
    return parser


def machine_memory() -> int | None:
    """Bytes of physical memory, or None where the system does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def parse_budget(raw: str | None, memory: int | None = None) -> int:
    """The memory budget in bytes for ``--budget-gb raw``; at most the machine's memory.

    A budget above what the machine has would let NumPy fail mid-run instead of
    refusing up front, so the range's top is the machine's memory.
    """
    from superpos_model import DEFAULT_BUDGET, ParamError
    from superpos_model.params import echo, parse_value

    memory = machine_memory() if memory is None else memory
    low, high = BUDGET_GB
    if memory is not None:
        high = min(high, memory / 2**30)
    allowed = f"use a number from {low:g} to {high:.3g}" + (
        " (this machine's memory)" if high < BUDGET_GB[1] else ""
    )
    if raw is None:
        return min(DEFAULT_BUDGET, int(high * 2**30))
    try:
        gb = parse_value("a", raw)  # the same number rules as every other field
    except ParamError as error:
        if "out of range" in str(error):  # a well-formed number too large for a float
            raise ParamError(
                "budget-gb", f"{echo(raw.strip())} is out of range; {allowed}"
            ) from None
        raise ParamError("budget-gb", f"{echo(repr(raw))} is not a number; {allowed}") from None
    if gb is None:
        raise ParamError("budget-gb", f"is empty; {allowed}")
    if not low <= gb <= high:
        raise ParamError("budget-gb", f"{echo(raw.strip())} is out of range; {allowed}")
    return int(gb * 2**30)


@contextmanager
def progress_line() -> Iterator[Monitor]:
    """A percentage on stderr while a person watches a long run; silent in pipes and CI."""
    from superpos_model import Monitor
    from superpos_model.monitor import SILENT

    if not streams.is_terminal(sys.stderr):
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
    from superpos_model import make_params

    return make_params(**{name: getattr(args, name) for name in FIELDS if hasattr(args, name)})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv``; the exit status."""
    from superpos_model import ParamError, check_budget, run_check

    try:
        args = build_parser().parse_args(joined_values(sys.argv[1:] if argv is None else argv))
        if hasattr(args, "run"):  # a subcommand that validates its own parameters (sweep)
            streams.require_output()
            with progress_line() as monitor:
                code: int = args.run(args, parse_budget(getattr(args, "budget_gb", None)), monitor)
            return code
        params = params_from(args)
        budget = parse_budget(getattr(args, "budget_gb", None))
        if args.command is None:
            return _open_app(params, budget)
        streams.require_output()
        if args.command == "optimize":
            from .optimize_cli import run_optimize_command

            return run_optimize_command(args, params, budget)
        if args.command == "check":
            from .crossent_cli import cross_entropy_check_output, loss_of
            from .relu_cli import b_min_of, check_relu_size, readout_of, relu_check_output

            if loss_of(args) == "cross-entropy":
                from superpos_model.readout import parse_bias

                b = parse_bias(getattr(args, "b", None))
                check_relu_size(params, budget)  # the same simulation, another loss
                with progress_line() as monitor:
                    streams.emit(cross_entropy_check_output(params, b, args.json, monitor))
                return 0
            readout, b = readout_of(args)
            b_min = b_min_of(args, readout)
            if readout == "relu":
                check_relu_size(params, budget)
                with progress_line() as monitor:
                    streams.emit(relu_check_output(params, b, args.json, monitor, b_min))
                return 0
        check_budget(params, budget, args.command)
        if args.command == "check":
            from .check_text import render_check

            with progress_line() as monitor:
                report = run_check(params, monitor, budget=budget)
            streams.emit(
                json.dumps(report.to_json(), indent=2) if args.json else render_check(report)
            )
            return 0
        from superpos_model.walkthrough import walkthrough

        from .walkthrough_text import render_walkthrough

        with progress_line() as monitor:
            steps = walkthrough(params, args.scheme, monitor)
        if args.json:
            from superpos_model.walkthrough.export import walkthrough_json

            streams.emit(json.dumps(walkthrough_json(params, steps), indent=2, allow_nan=False))
        else:
            streams.emit(render_walkthrough(params, steps))
        return 0
    except (ParamError, UsageError) as error:
        streams.say(f"error: {error}")
        return 2
    except MemoryError:
        # The budget is an estimate; the machine's other users may still leave too little.
        streams.say(
            "error: not enough memory for these parameters; lower samples, D or T, or --budget-gb"
        )
        return 2
    except streams.OutputError as error:
        streams.say(f"error: {error}")
        return 1
    except KeyboardInterrupt as stop:  # ctrl+c, or SIGTERM / SIGHUP (tui.ending)
        code, message = status_and_message(stop)
        streams.say(message)
        return code


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _open_app(params: Params, budget: int) -> int:
    missing = streams.non_terminals()
    if missing:
        streams.say(
            f"error: the app needs a terminal, and standard {_listed(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not one; for plain text use "
            "`superpos-tui check`",
            anywhere=True,
        )
        return 2
    with streams.interrupt_after():
        from .app_process import run_app  # imported late: `check` never loads Textual

    return run_app(params, budget)


def run() -> None:
    """The ``superpos-tui`` entry point: :func:`main` inside every process edge's guard."""
    try:
        with ending_signals_unwind():
            with streams.interrupt_after():
                streams.plug_closed()
                check_address_space()
                import superpos_model  # noqa: F401  (loaded whole before any work)
            code = main()
            streams.finish_output()
    except KeyboardInterrupt as stop:
        code, message = status_and_message(stop)
        streams.say(message)
    except (NoMemoryToStart, streams.OutputError) as error:
        streams.say(f"error: {error}")
        code = 1
    except BrokenPipeError:
        # The reader (`| head`, say) left early; that is not an error worth a traceback.
        streams.silence_stdout()
        code = 0
    sys.exit(code)
