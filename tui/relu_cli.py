"""``superpos-tui check --readout relu``: its options, its checks, its text and JSON."""

from __future__ import annotations

import argparse
import json
import math
import textwrap
from typing import TYPE_CHECKING

from superpos_model import AGREE_SE, ParamError, Params, z_score
from superpos_model.estimate import roundoff_se
from superpos_model.monitor import SILENT, Monitor
from superpos_model.readout import FREE_BIAS as FREE
from superpos_model.readout import bias_range

from .format import number, standing_text, with_se, z_verdict

if TYPE_CHECKING:
    from superpos_model.crossent import CrossEntropySchemeReport
    from superpos_model.relu import ReluCheckReport, ReluSchemeReport

# superpos_model.relu (and SciPy) is imported only when the ReLU readout is asked for,
# so that the linear commands start as fast as before.

READOUTS = ("linear", "relu")
#: Absolute round-off of an exact loss (the FFT's ~1e-16 per lattice mass, summed).
EXACT_ROUNDOFF = 1e-12
#: The tables' headers, shared with ``check --loss cross-entropy`` (same columns).
OPT_HEADER = (
    f"{'':6} {'a*':>8} {'b*':>8} {'exact':>8} {'Gaussian':>8} {'simulated ± SE':>17}  verdict"
)
AT_HEADER = f"{'':6} {'a':>8} {'b':>8} {'exact':>8} {'simulated ± SE':>17}  verdict"


def add_readout_options(parser: argparse.ArgumentParser) -> None:
    """--readout and --b, for ``check``."""
    parser.add_argument(
        "--readout",
        metavar="NAME",
        default="linear",
        help="linear (ŷ = a·WᵀWy, the default) or relu (ŷ = ReLU(a·WᵀWy − b))",
    )
    parser.add_argument(
        "--b",
        metavar="Y",
        default=None,
        help="ReLU bias b, any finite number: also report the loss at (a, b); without --a, "
        "at a's best value for this b (and --a without --b: at b's best for that a)",
    )
    parser.add_argument(
        "--b-min",
        metavar="Y",
        default=None,
        help="search the ReLU optimum over b ≥ Y only (0: thresholds only); "
        "without it b is any real number",
    )


def b_min_of(args: argparse.Namespace, readout: str) -> float:
    """The least bias of the ReLU optimum (``--b-min``; free without it)."""
    from superpos_model.readout import parse_b_min

    raw = getattr(args, "b_min", None)
    if raw is not None and readout == "linear":
        raise ParamError("b-min", "needs the ReLU readout; add --readout relu")
    return parse_b_min(raw)


def readout_of(args: argparse.Namespace) -> tuple[str, float | None]:
    """The chosen readout and bias; raises ParamError for a bad name or a misplaced --b."""
    readout = str(getattr(args, "readout", "linear")).strip().lower()
    if readout not in READOUTS:
        raise ParamError("readout", f"{readout!r} is unknown; use linear or relu")
    raw_b = getattr(args, "b", None)
    if readout == "linear":
        if raw_b is not None:
            raise ParamError(
                "b",
                "needs the ReLU readout or cross-entropy; "
                "add --readout relu or --loss cross-entropy",
            )
        return readout, None
    from superpos_model.relu import parse_bias

    return readout, parse_bias(raw_b)


def check_relu_size(params: Params, budget: int) -> None:
    """Refuse, before any work, a ReLU simulation over the memory budget."""
    from superpos_model.relu.simulate import check_relu_budget

    check_relu_budget(params, budget)


def relu_check_output(
    params: Params, b: float | None, as_json: bool, monitor: Monitor = SILENT, b_min: float = FREE
) -> str:
    """What ``check --readout relu`` prints."""
    from superpos_model.relu import run_relu_check

    report = run_relu_check(params, b, monitor, b_min=b_min)
    return json.dumps(report.to_json(), indent=2) if as_json else render_relu_check(report)


def verdict_against_exact(simulated: float, exact: float, se: float) -> str:
    """The verdict of a simulation against an exact value computed on the overlap lattice."""
    from superpos_model.relu import RANDOM_RELATIVE_ACCURACY

    # The exact value's own error (relative, plus round-off near 0) joins the SE.
    accuracy = RANDOM_RELATIVE_ACCURACY * abs(exact) + EXACT_ROUNDOFF
    z = z_score(simulated, exact, math.hypot(se, accuracy))
    return z_verdict(z, AGREE_SE, spread=not roundoff_se(se, simulated, exact))


def _opt_row(r: ReluSchemeReport) -> str:
    gaussian = "—" if r.gaussian is None else number(r.gaussian.loss)
    m, o = r.at_opt, r.optimum
    # No minimiser: the infimum in the exact column, the limit in words below the table.
    a, b, exact = ("→ ∞", "→ ∞", o.limit_loss) if o.limit else (o.a, o.b, m.exact)
    verdict = verdict_against_exact(m.simulated, m.exact, m.se)
    return (
        f"{r.scheme:6} {_cell(a):>8} {_cell(b):>8} {number(exact):>8} "
        f"{gaussian:>8} {with_se(m.simulated, m.se):>17}  {verdict}"
    )


def _cell(x: float | str) -> str:
    return x if isinstance(x, str) else number(x)


def _limit_lines(report: ReluCheckReport) -> list[str]:
    """Each loss with no minimum: its limit, how it is approached, where it was simulated."""
    lines = []
    for r in report.schemes.values():
        o = r.optimum
        if o.limit:
            lines += [
                f"{r.scheme}: no minimum; the loss falls to {number(o.limit_loss)} as {o.limit},",
                f"  never reaching it; simulated at a = {o.a:g}, b = {o.b:g}, where it is "
                f"{o.loss:.3g}",
            ]
    return lines


def at_row(r: ReluSchemeReport | CrossEntropySchemeReport) -> str:
    """One scheme's loss at the chosen (a, b): the point, exact, simulated ± SE, verdict."""
    m, c = r.at_chosen, r.chosen
    assert m is not None and c is not None
    return (
        f"{r.scheme:6} {number(c.a):>8} {number(c.b):>8} {number(m.exact):>8} "
        f"{with_se(m.simulated, m.se):>17}  {verdict_against_exact(m.simulated, m.exact, m.se)}"
    )


def chosen_title(a: float | None, b: float | None) -> str:
    """What the loss "at" is for, saying which of a and b was optimised (not given)."""
    if a is None:
        return f"loss at b = {b:g}, a at its best for it (not given; per scheme)"
    if b is None:
        return f"loss at a = {a:g}, b at its best for it (not given; per scheme)"
    return f"loss at a = {a:g}, b = {b:g}"


def render_relu_check(report: ReluCheckReport) -> str:
    """The human-readable ReLU table: best (a, b), exact, Gaussian, simulated ± SE, winner."""
    p = report.params
    lines = [
        f"T={p.T:,} features, D={p.D:,} neurons, z={p.z:,} active, "
        f"{p.samples:,} samples, seed {p.seed}",
        "readout ŷ = ReLU(a·WᵀW·y − b); loss = expected squared error per sample,",
        "summed over all T features; simulated at the exact optimum",
        "",
        f"best readout (a*, b*) over a ≥ 0 and {bias_range(report.b_min)}; "
        "Gaussian: normal approximation",
        OPT_HEADER,
        *(_opt_row(r) for r in report.schemes.values()),
        *_limit_lines(report),
        *filter(None, [report.intercept_sentence()]),
    ]
    if report.chosen:
        lines += ["", chosen_title(p.a, report.b), AT_HEADER]
        lines += [at_row(r) for r in report.schemes.values()]
    lines += ["", *textwrap.wrap(standing_text(report.standing(), "at the optimum"), 80)]
    return "\n".join(lines)
