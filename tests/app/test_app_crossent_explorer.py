"""The explorer under cross-entropy (key r: linear → ReLU → cross-entropy): its numbers are
the model's, the single scheme's missing minimum is said, and r cycles back to linear."""

from __future__ import annotations

import numpy as np
from textual.widgets import Static

from superpos_model import make_params
from superpos_model.crossent import best_bias_curve, gaussian_random, run_cross_entropy_check
from superpos_model.readout import READOUTS, Readout
from tests.helpers.apptools import bias_table_cells, expected_bias_cells, press_readout, run, settle
from tui.app import SuperposApp

SIZE = (80, 24)
#: Small enough to be quick; single has no minimum here too (its loss falls as a → ∞).
SMALL = {"T": 200, "D": 20, "z": 3, "samples": 300}


table_cells = bias_table_cells


def expected_cells(params, b) -> dict[str, list[str]]:
    """Row key → the strings the table must show; a limit's row is at its simulated point."""

    def best(r):
        return r.optimum.sim_a, r.optimum.sim_b, r.optimum.limit or ""

    return expected_bias_cells(run_cross_entropy_check(params, b), gaussian_random, best)


async def cycle_to_cross_entropy(pilot) -> None:
    """r from linear, twice: ReLU, then cross-entropy (the second press cancels ReLU's run)."""
    await press_readout(pilot, 2)


@run
async def test_cross_entropy_shows_the_models_numbers_and_r_cycles_back():
    params = make_params(a=1.2, **SMALL)
    app = SuperposApp(params)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await cycle_to_cross_entropy(pilot)
        assert app.readout == Readout("cross-entropy", 0.5)
        assert app.screen.query_one("#b-cell").display
        assert app.screen.query_one("#relu-plot").display
        assert not app.screen.query_one("#plot").display
        assert table_cells(app) == expected_cells(params, 0.5)
        report = run_cross_entropy_check(params, 0.5)
        placed = report.standing()
        ranking = str(app.screen.query_one("#relu-ranking", Static).render())
        assert f"{placed.factor:.3g}× lower" in ranking and f"{placed.winners[0]} wins" in ranking
        # Single has no minimum: the table says how it approaches its limit, the legend the limit.
        single = report.schemes["single"].optimum
        assert single.limit == "a → ∞"
        assert table_cells(app)["single:opt"][1].startswith("a→∞")
        legend = str(app.screen.query_one("#relu-legend", Static).render())
        assert f"single (→ {single.loss:.3g}, a→∞)" in legend and "─ limit" in legend
        caption = str(app.screen.query_one("#relu-caption", Static).render())
        assert "cross-entropy" in caption
        # The curves drawn are the model's loss with b at its best for each a.
        view = app.screen.result
        for name, curve in view.curves.items():
            model = best_bias_curve(name, params, curve.a)
            np.testing.assert_allclose(curve.loss, model.loss, rtol=1e-9)
        assert "cross-entropy" in str(app.screen.query_one("#status", Static).render())
        # ctrl+s exports what is on screen, saying it is cross-entropy's.
        assert app.screen.export_settings(params)["readout"] == "cross-entropy"
        exported = app.screen.export_table()
        assert exported.document["loss"].startswith("expected binary cross-entropy")
        single_row = next(
            r for r in exported.records if r["scheme"] == "single" and r["quantity"] == "opt"
        )
        assert single_row["limit"] == "a → ∞" and single_row["kind"] == "table"
        # r again: back to linear, the bias hides.
        await pilot.press("r")
        await settle(pilot)
        assert app.readout.kind == "linear"
        assert not app.screen.query_one("#b-cell").display
        assert app.screen.query_one("#plot").display


@run
async def test_help_and_palette_say_what_r_does():
    app = SuperposApp(make_params(**SMALL))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = {description: key for key, description in app._key_help()}
        assert keys["Readout"] == "r"
        about = app.screen.HELP_TEXT
        assert "**r**" in about and all(
            words in about for words in ("linear + MSE", "ReLU + MSE", "cross-entropy")
        )
        names = [c[0] for c in app.screen.commands()]
        assert "Switch readout: linear / ReLU / cross-entropy" in names
        # The key cycles through every choice and comes back.
        seen = [app.readout.kind]
        for _ in READOUTS:
            app.action_toggle_readout()
            seen.append(app.readout.kind)
        assert seen == [*READOUTS, READOUTS[0]]
