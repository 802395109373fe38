"""The screens share one Session per point: switching screens reuses what another computed."""

from __future__ import annotations

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp

SMALL = make_params(T=300, D=40, z=3, samples=400)


@run
async def test_switching_screens_at_one_point_computes_each_piece_once():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        session = app.session(SMALL)
        for key in ("f3", "f4", "f2"):
            await pilot.press(key)
            await settle(pilot)
        assert app.session(SMALL) is session
        # Each scheme simulated once (explorer), reused by the walkthrough's chains; the
        # interference analysis run once (walkthrough), reused by the interference screen.
        assert session.misses["simulation"] == 3
        assert session.misses["interference"] == 1
        assert session.hits["simulation"] >= 3
        assert session.hits["interference"] >= 1
        assert session.misses["active_sets"] == 1


@run
async def test_a_new_point_gets_a_new_session():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.session(SMALL)
        app.action_reseed()
        await settle(pilot)
        second = app.session(app.params)
        assert second is not first and second.params.seed == SMALL.seed + 1
        assert second.misses["simulation"] == 3
