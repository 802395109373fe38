"""The plain-text what-if table of ``superpos-tui check``."""

from __future__ import annotations

import textwrap

from superpos_model import TITLES, CheckReport
from superpos_model.report import AGREE_SE

from .format import number, with_se, z_verdict

_A_HEADER = f"{'':8}{'notes':>10}{'exact':>10}{'simulated ± SE':>20}"
_HEADER = f"{_A_HEADER}  {'per feature':>11}  verdict"


def render_check(report: CheckReport) -> str:
    """The human-readable report: a*, loss at a* and at the chosen a, and the winner."""
    p = report.params
    lines = [
        f"T={p.T:,} features, D={p.D:,} neurons, z={p.z:,} active, "
        f"{p.samples:,} samples, seed {p.seed}",
        "loss = expected squared error per sample, summed over all T features",
    ]
    if report.warning:
        lines.append(f"warning: outside the notes' regime z ≪ D < T: {report.warning}")
    lines += ["", "optimal readout scale a*", _A_HEADER]
    for name, r in report.schemes.items():
        sim = r.simulation
        lines.append(
            f"{name:8}{number(r.notes.a_opt):>10}{number(r.exact.argmin):>10}"
            f"{with_se(sim.a_opt, sim.a_opt_se):>20}"
        )
    lines += ["", "loss at a*", _HEADER]
    for name, r in report.schemes.items():
        sim = r.simulation
        lines.append(
            _loss_row(
                name,
                r.notes.mse_opt,
                r.exact.minimum,
                sim.mse_opt,
                sim.mse_opt_se,
                p.T,
                r.z_score(),
            )
        )
    if p.a is not None:
        lines += ["", f"loss at a = {p.a:g}", _HEADER]
        for name, r in report.schemes.items():
            sim = r.simulation
            lines.append(
                _loss_row(
                    name,
                    r.notes.curve(p.a),
                    r.exact(p.a),
                    sim.curve(p.a),
                    sim.se(p.a),
                    p.T,
                    r.z_score(p.a),
                )
            )
    lines.append("")
    lines.extend(_wrap(_ranking_line(report, None)))
    if p.a is not None:
        lines.extend(_wrap(_ranking_line(report, p.a)))
    lines.append("")
    lines.append("where the notes slip:")
    for name, r in report.schemes.items():
        for slip in r.notes.slips:
            lines.extend(_wrap(f"{name} — {TITLES[name]}: {slip}", indent="  "))
    return "\n".join(lines)


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=80, initial_indent=indent, subsequent_indent=indent + "  ")


def _loss_row(name, notes, exact, simulated, se, T, z_score) -> str:
    return (
        f"{name:8}{number(notes):>10}{number(exact):>10}{with_se(simulated, se):>20}"
        f"  {number(exact / T, 6):>11}  {z_verdict(z_score, AGREE_SE)}"
    )


def _ranking_line(report: CheckReport, a: float | None) -> str:
    ranking = report.ranking(a)
    where = "at each scheme's a*" if a is None else f"at a = {a:g}"
    resolved = (
        "simulation resolves the gap"
        if ranking.resolved
        else "within simulation noise: more samples needed to see it"
    )
    return (
        f"{where}: {ranking.winner} wins, {number(ranking.margin)} below "
        f"{ranking.runner_up} (exact); {resolved}"
    )
