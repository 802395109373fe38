"""``superpos-tui check --loss cross-entropy``: the option, its checks, its text and JSON."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from superpos_model import ParamError, Params
from superpos_model.monitor import SILENT, Monitor

from .format import number, with_se
from .relu_cli import verdict_against_exact

if TYPE_CHECKING:
    from superpos_model.crossent import CrossEntropyCheckReport, CrossEntropySchemeReport

# superpos_model.crossent (and SciPy) is imported only when cross-entropy is asked for.

LOSSES = ("mse", "cross-entropy")
_HEADER = f"{'':6} {'a*':>8} {'b*':>8} {'exact':>8} {'Gaussian':>8} {'simulated ± SE':>17}  verdict"
_AT_HEADER = f"{'':6} {'a':>8} {'b':>8} {'exact':>8} {'simulated ± SE':>17}  verdict"


def add_loss_option(parser: argparse.ArgumentParser) -> None:
    """--loss, for ``check``."""
    parser.add_argument(
        "--loss",
        metavar="NAME",
        default="mse",
        help=(
            "mse (squared error, the default) or cross-entropy (the logits a·WᵀWy − b, "
            "binary cross-entropy per feature; linear readout only)"
        ),
    )


def loss_of(args: argparse.Namespace) -> str:
    """The chosen loss; raises ParamError for a bad name or cross-entropy with ReLU."""
    loss = str(getattr(args, "loss", "mse")).strip().lower()
    if loss not in LOSSES:
        raise ParamError("loss", f"{loss!r} is unknown; use mse or cross-entropy")
    readout = str(getattr(args, "readout", "linear")).strip().lower()
    if loss == "cross-entropy" and readout != "linear":
        raise ParamError(
            "loss",
            "cross-entropy takes the linear readout's values as logits; "
            "drop --readout or use --loss mse",
        )
    return loss


def cross_entropy_check_output(
    params: Params, b: float | None, as_json: bool, monitor: Monitor = SILENT
) -> str:
    """What ``check --loss cross-entropy`` prints."""
    from superpos_model.crossent import run_cross_entropy_check

    report = run_cross_entropy_check(params, b, monitor)
    return json.dumps(report.to_json(), indent=2) if as_json else render_cross_entropy_check(report)


def _opt_row(r: CrossEntropySchemeReport) -> str:
    o, m = r.optimum, r.at_opt
    a = o.limit or "" if o.a is None else number(o.a)
    b = "—" if o.b is None else number(o.b)
    gaussian = "—" if r.gaussian is None else number(r.gaussian.loss)
    return (
        f"{r.scheme:6} {a:>8} {b:>8} {number(o.loss):>8} {gaussian:>8} "
        f"{with_se(m.simulated, m.se):>17}  {verdict_against_exact(m.simulated, m.exact, m.se)}"
    )


def _limit_note(r: CrossEntropySchemeReport) -> str:
    o = r.optimum
    return (
        f"{r.scheme}: no minimum; the loss falls toward {number(o.loss)} as {o.limit};\n"
        f"  simulated at a = {o.sim_a:g}, b = {o.sim_b:.4g}, where it is {number(r.at_opt.exact)}"
    )


def _at_row(r: CrossEntropySchemeReport) -> str:
    m, point = r.at_chosen, r.chosen_point
    assert m is not None and point is not None
    return (
        f"{r.scheme:6} {point[0]:>8.4g} {point[1]:>8.4g} {number(m.exact):>8} "
        f"{with_se(m.simulated, m.se):>17}  {verdict_against_exact(m.simulated, m.exact, m.se)}"
    )


def _chosen_title(report: CrossEntropyCheckReport) -> str:
    a, b = report.params.a, report.b
    if report.optimised == "b":
        return f"loss at a = {a:g}, b at its best for that a"
    if report.optimised == "a":
        return f"loss at b = {b:g}, a at its best for that b"
    return f"loss at a = {a:g}, b = {b:g}"


def _verdict_line(report: CrossEntropyCheckReport) -> str:
    placed = report.standing()
    losses, first, second = placed.losses, placed.winners[0], placed.runner_up
    if placed.tie:
        line = f"at the optimum: {' and '.join(placed.winners)} tie at {number(losses[first])}"
        return line + ("" if second is None else f", below {second}'s {number(losses[second])}")
    assert second is not None
    against = f"against {second}'s {number(losses[second])} (exact)"
    if losses[first] == 0:
        return f"at the optimum: {first} wins: its loss falls to 0, {against}"
    return (
        f"at the optimum: {first} wins, {number(losses[first])} {against}: "
        f"{placed.factor:.3g}× lower"
    )


def render_cross_entropy_check(report: CrossEntropyCheckReport) -> str:
    """The human-readable table: best (a, b) or the limit, exact, Gaussian, simulated ± SE."""
    from superpos_model.crossent.optimum import LARGEST_SCALE

    p = report.params
    lines = [
        f"T={p.T:,} features, D={p.D:,} neurons, z={p.z:,} active, "
        f"{p.samples:,} samples, seed {p.seed}",
        "logits t = a·WᵀW·y − b; loss = binary cross-entropy per feature, log(1 + e^−t)",
        "when active and log(1 + e^t) when not, summed over all T features",
        "",
        "best logits (a*, b*) over a ≥ 0 and all real b; Gaussian: normal approximation",
        _HEADER,
        *(_opt_row(r) for r in report.schemes.values()),
    ]
    lines += [_limit_note(r) for r in report.schemes.values() if r.optimum.limit is not None]
    if report.optimised is not None or (p.a is not None and report.b is not None):
        lines += ["", _chosen_title(report), _AT_HEADER]
        lines += [_at_row(r) for r in report.schemes.values()]
        lines += [
            f"{r.scheme}: a is at the top of the search ({r.chosen_point[0]:g}); "
            "the loss still falls as a grows"
            for r in report.schemes.values()
            if report.optimised == "a"
            and r.chosen_point
            and r.chosen_point[0] >= LARGEST_SCALE * (1 - 1e-6)
        ]
    lines += ["", _verdict_line(report)]
    return "\n".join(lines)
