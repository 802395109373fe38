"""``superpos-tui check --loss cross-entropy``: the option, its checks, its text and JSON."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import TYPE_CHECKING

from superpos_model import ParamError, Params
from superpos_model.monitor import SILENT, Monitor

from .format import number, standing_text, with_se
from .relu_cli import AT_HEADER, OPT_HEADER, at_row, chosen_title, verdict_against_exact

if TYPE_CHECKING:
    from superpos_model.crossent import CrossEntropyCheckReport, CrossEntropySchemeReport

# superpos_model.crossent (and SciPy) is imported only when cross-entropy is asked for.

LOSSES = ("mse", "cross-entropy")


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
    if loss == "cross-entropy" and getattr(args, "b_min", None) is not None:
        raise ParamError("b-min", "is for the ReLU readout; cross-entropy's bias b is free")
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
        OPT_HEADER,
        *(_opt_row(r) for r in report.schemes.values()),
    ]
    lines += [_limit_note(r) for r in report.schemes.values() if r.optimum.limit is not None]
    if p.a is not None or report.b is not None:
        lines += ["", chosen_title(p.a, report.b), AT_HEADER]
        lines += [at_row(r) for r in report.schemes.values()]
        top = LARGEST_SCALE * (1 - 1e-6)
        lines += [
            f"{r.scheme}: a is at the top of the search ({r.chosen.a:.4g}); "
            "the loss still falls as a grows"
            for r in report.schemes.values()
            if r.chosen is not None and r.chosen.optimised == "a" and r.chosen.a >= top
        ]
    lines += ["", *textwrap.wrap(standing_text(report.standing(), "at the optimum"), 80)]
    return "\n".join(lines)
