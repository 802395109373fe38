"""The plain-text what-if table of ``superpos-tui check``: the app's results table as text."""

from __future__ import annotations

import textwrap

from superpos_model import AGREE_SE, TITLES, CheckReport
from superpos_model.views.explorer import TableRow, rankings, table_rows
from superpos_model.walkthrough.verdicts import zero_spread_text

from .format import number, ranking_text, with_se, z_verdict

WIDTH = 80
_HEADER = f"{'':8}{'notes':>10}{'exact':>10}{'simulated ± SE':>20}  {'per feature':>11}  verdict"


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
    titles = {
        "a_opt": "optimal readout scale a*",
        "loss_at_opt": "loss at a*",
        "loss_at_a": f"loss at a = {p.a:g}" if p.a is not None else "",
    }
    rows = table_rows(report, p.a)
    for quantity, title in titles.items():
        group = [row for row in rows if row.quantity == quantity]
        if group:
            lines += ["", title, _HEADER, *(_row(row) for row in group)]
    lines.append("")
    unspread = [row for row in rows if _no_spread(row)]
    if unspread:
        lines.extend(_wrap(f"† {zero_spread_text(unspread[0].samples)}"))
    for where, ranking in rankings(report, p.a).items():
        lines.extend(_wrap(ranking_text(ranking, p.a if where == "at_a" else None)))
    lines += ["", "where the notes slip:"]
    for name, r in report.schemes.items():
        for slip in r.notes.slips:
            lines.extend(_wrap(f"{name} — {TITLES[name]}: {slip}", indent="  "))
    return "\n".join(lines)


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _row(row: TableRow) -> str:
    per_feature = "" if row.per_feature is None else number(row.per_feature, 6)
    return (
        f"{row.scheme:8}{number(row.notes):>10}{number(row.exact):>10}"
        f"{with_se(row.simulated, row.se):>20}  {per_feature:>11}  "
        f"{_verdict(row)}"
    )


def _no_spread(row: TableRow) -> bool:
    return row.se == 0 and row.z_score != 0


def _verdict(row: TableRow) -> str:
    """The z verdict, its SE marked † where no spread was seen (see the table's footnote)."""
    if row.se == 0 and row.z_score == 0:  # every draw the exact value: no SE to count
        return z_verdict(0.0, AGREE_SE, spread=False)
    text = z_verdict(row.z_score, AGREE_SE)
    return text.replace(" SE)", " SE†)") if _no_spread(row) else text
