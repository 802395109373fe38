"""Sweeps and phase diagrams: exact optima, ties, crossings against brute force, the pool."""

from __future__ import annotations

import math
import sys

import numpy as np
import pytest

from superpos_model import Cancelled, Monitor, ParamError, Params, exact_quadratic
from superpos_model.budget import simulation_bytes
from superpos_model.schemes import SCHEMES
from superpos_model.sweep import (
    FAILED,
    TIE,
    TIE_REL_TOL,
    optimal_losses,
    phase_diagram,
    standing,
    sweep,
    sweep_json,
    warm_pool,
)
from superpos_model.sweep.pool import plan, run_tasks
from superpos_model.sweep.readouts import READOUTS, Readout

BASE = Params(T=1000, D=100, z=5)


@pytest.mark.parametrize(
    ("T", "D", "z"),
    [(1000, 100, 5), (400, 40, 5), (1000, 7, 13), (10, 3, 10), (50, 50, 4), (30, 80, 2), (2, 1, 1)],
)
def test_linear_optima_are_the_exact_curves_minima(T, D, z):
    p = Params(T=T, D=D, z=z)
    losses = optimal_losses("linear", p)
    assert list(losses) == list(SCHEMES)
    for name in SCHEMES:
        assert losses[name] == pytest.approx(exact_quadratic(name, p).minimum, rel=1e-12, abs=1e-12)
    assert losses["random"] == pytest.approx(z * (T - 1) / (D + T - 1), rel=1e-15)
    assert losses["single"] == pytest.approx(z * max(T - D, 0) / T, rel=1e-15)


def test_multi_attains_the_rank_bound_exactly_when_D_divides_T():
    T, D, z = 1200, 40, 7
    bound = z * (T - D) * (T - z) / (T * (T - 1))
    assert optimal_losses("linear", Params(T=T, D=D, z=z))["multi"] == bound


def test_equal_losses_are_ties_not_wins():
    # z = 1 with D | T: single and multi both lose (T − D)/T; D ≥ T: both lose nothing.
    s = standing(optimal_losses("linear", Params(T=1000, D=100, z=1)))
    assert s.winners == ("single", "multi") and s.tie
    assert s.runner_up == "random" and s.factor == pytest.approx(0.9090081892629663 / 0.9)
    s = standing(optimal_losses("linear", Params(T=100, D=150, z=3)))
    assert s.winners == ("single", "multi") and s.factor is None  # no ratio to a loss of 0
    # D = 1, z = 1: all three are (T − 1)/T.
    s = standing(optimal_losses("linear", Params(T=9, D=1, z=1)))
    assert s.winners == SCHEMES and s.runner_up is None and s.factor is None


def test_tie_tolerance_is_a_few_ulps_and_no_more():
    x = 4.4820
    within = x * (1 + TIE_REL_TOL / 2)
    assert standing({"random": 9.0, "single": within, "multi": x}).winners == ("single", "multi")
    apart = x * (1 + 1e-13)
    s = standing({"random": 9.0, "single": apart, "multi": x})
    assert s.winners == ("multi",) and s.runner_up == "single" and s.factor > 1
    assert TIE_REL_TOL < 1e-14 and TIE_REL_TOL >= sys.float_info.epsilon


def _brute_winners(base: Params, field: str, lo: int, hi: int) -> dict[int, tuple[str, ...]]:
    return {
        v: standing(optimal_losses("linear", base.replace(**{field: v}))).winners
        for v in range(lo, hi + 1)
    }


@pytest.mark.parametrize(
    ("base", "field", "values"),
    [
        (Params(T=1000, D=100, z=5), "D", [1, 200, 500, 999, 1000, 1500]),
        (Params(T=1000, D=100, z=5), "z", [1, 2, 40, 300, 1000]),
        (Params(T=1000, D=300, z=5), "z", [1, 50, 400, 1000]),
        (Params(T=1000, D=100, z=20), "T", [20, 99, 100, 101, 150, 180, 250, 3000]),
        (Params(T=97, D=10, z=3), "D", [1, 30, 40, 60, 96, 97, 200]),
    ],
)
def test_crossings_match_brute_force_over_every_integer(base, field, values):
    result = sweep(base, field, values, workers=1)
    winners = [p.standing.winners for p in result.points]
    found = list(result.crossings)
    for left, right, w_left, w_right in zip(values, values[1:], winners, winners[1:], strict=False):
        brute = _brute_winners(base, field, left, right)
        changes = [v for v in range(left, right) if brute[v] != brute[v + 1]]
        mine = [c for c in found if left <= getattr(c.below.params, field) < right]
        if w_left == w_right:
            assert mine == []  # invisible from the ends
            continue
        assert mine, f"no crossing between {left} and {right}"
        assert mine[0].below.standing.winners == w_left
        assert mine[-1].above.standing.winners == w_right
        for c in mine:
            n = getattr(c.below.params, field)
            assert getattr(c.above.params, field) == n + 1 and n in changes
            assert c.below.standing.winners == brute[n] and c.above.standing.winners == brute[n + 1]
            exact_below = optimal_losses("linear", base.replace(**{field: n}))
            assert c.below.standing.losses == exact_below
        if len(changes) == 1:
            assert [getattr(c.below.params, field) for c in mine] == changes
    assert found, "these sweeps were chosen to cross somewhere"


def test_known_crossings():
    # At T = 1000, multi wins only near D = T/3 (324…341) and D = T/2 (496…503), where its
    # groups are nearly equal; elsewhere past D = 300 one feature per neuron wins.
    result = sweep(BASE, "D", [1, 200, 330, 400, 500, 999, 1000])
    pairs = [(c.below.params.D, c.above.params.D) for c in result.crossings]
    labels = [(c.below.standing.label, c.above.standing.label) for c in result.crossings]
    assert pairs == [(341, 342), (495, 496), (503, 504), (999, 1000)]
    assert labels == [
        ("multi", "single"),
        ("single", "multi"),
        ("multi", "single"),
        ("single", "single=multi"),
    ]
    # Between 200 and 330 single wins from 300 to 323, invisible from two multi ends.
    assert not any(200 <= c.below.params.D < 330 for c in result.crossings)


def test_linear_random_never_wins_along_z():
    values = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]
    result = sweep(BASE, "z", values)
    assert all("random" not in p.standing.winners for p in result.points)
    assert [p.params.z for p in result.points] == values


def test_bad_sweeps_raise_before_any_work():
    with pytest.raises(ParamError, match=r"^z: at point 3 \(z = 2000\)"):
        sweep(BASE, "z", [1, 5, 2000])
    with pytest.raises(ParamError, match=r"^z: at point 1 \(T = 3\)"):
        sweep(BASE, "T", [3, 10])
    with pytest.raises(ParamError, match=r"^values: must increase strictly; value 2"):
        sweep(BASE, "z", [5, 5])
    with pytest.raises(ParamError, match=r"^values: is empty"):
        sweep(BASE, "z", [])
    with pytest.raises(ParamError, match=r"^vary:"):
        sweep(BASE, "samples", [1, 2])
    with pytest.raises(ParamError, match=r"^readout:"):
        sweep(BASE, "z", [1, 2], "cubic")


def _budget_between(small: Params, large: Params) -> int:
    low, high = simulation_bytes(small), simulation_bytes(large)
    assert low < high
    return (low + high) // 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_simulation_reports_in_its_row_beside_the_exact_values(workers):
    base = Params(T=200, D=4, z=3, samples=200, seed=1)
    budget = _budget_between(base.replace(D=20), base.replace(D=150))
    result = sweep(base, "D", [2, 20, 150, 180], simulate=True, workers=workers, budget=budget)
    failed = [p for p in result.points if p.simulation_error is not None]
    assert [p.params.D for p in failed] == [150, 180]
    for point in failed:
        assert point.simulated is None and "the simulation needs" in point.simulation_error
        assert point.error is None
        assert point.standing.losses == optimal_losses("linear", point.params)
    for point in result.points[:2]:
        assert point.simulation_error is None and set(point.simulated) == set(SCHEMES)
        for name, sim in point.simulated.items():
            exact = point.standing.losses[name]
            assert abs(sim.loss - exact) <= 5 * sim.se + 1e-9
    row = sweep_json(result)["points"][2]
    assert row["simulated"] is None and "budget" in row["simulation_error"]
    assert row["losses"] is not None and row["error"] is None


def test_a_failing_point_reports_in_its_row_and_the_rest_complete(monkeypatch):
    real = READOUTS["linear"]

    def fragile(params, b_min):
        if params.z == 3:
            raise FloatingPointError("overflow in the optimum")
        return real.optimal(params, b_min)

    monkeypatch.setitem(READOUTS, "linear", Readout("linear", fragile, cheap=True))
    result = sweep(BASE, "z", [1, 2, 3, 4, 5], workers=1)
    assert [p.error for p in result.points] == [
        None,
        None,
        "FloatingPointError: overflow in the optimum",
        None,
        None,
    ]
    assert result.points[2].standing is None
    assert all(p.standing is not None for i, p in enumerate(result.points) if i != 2)
    # The change of winner between z = 1 and 2 is still found; z = 3 is skipped.
    assert [(c.below.params.z, c.above.params.z) for c in result.crossings] == [(1, 2)]
    row = sweep_json(result)["points"][2]
    assert row["losses"] is None and row["winners"] is None and row["error"].startswith("Float")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_task_fails_alone_in_the_pool_and_in_process(workers):
    outcomes = run_tasks(math.sqrt, [(4.0,), (-1.0,), (9.0,)], workers=workers)
    assert [o.value for o in outcomes] == [2.0, None, 3.0]
    assert [o.error for o in outcomes] == [None, "ValueError: math domain error", None]


@pytest.mark.parametrize("workers", [1, 2])
def test_cancelling_stops_the_sweep(workers):
    reports = []

    def cancelled():
        return len(reports) > 0

    monitor = Monitor(progress=reports.append, cancelled=cancelled)
    base = Params(T=300, D=30, z=3, samples=300)
    with pytest.raises(Cancelled):
        sweep(base, "z", list(range(1, 40)), simulate=True, workers=workers, monitor=monitor)
    assert reports and max(reports) < 0.9  # stopped well before the end
    # The pool (if any) still serves the next sweep.
    done = sweep(base, "z", [1, 2], simulate=True, workers=workers)
    assert all(p.error is None for p in done.points)


def test_pool_and_in_process_give_identical_results():
    base = Params(T=300, D=20, z=3, samples=300, seed=7)
    values = [1, 2, 4, 8, 16]
    serial = sweep(base, "z", values, simulate=True, workers=1)
    pooled = sweep(base, "z", values, simulate=True, workers=2)
    assert sweep_json(serial) == sweep_json(pooled)
    assert serial.points == pooled.points and serial.crossings == pooled.crossings


def test_cheap_points_stay_in_process_and_costly_ones_spread_over_workers():
    assert plan(10_000, cheap=True, workers=2) == 0
    assert plan(10, cheap=False, workers=2) == 2
    assert plan(10, cheap=False, workers=1) == 0
    assert plan(1, cheap=False, workers=4) == 0
    assert plan(3, cheap=False, workers=8) == 3


def test_phase_diagram_cells_match_the_exact_optima():
    base = Params(T=1000, D=100, z=5)
    xs, ys = [1, 1.5, 2, 3, 10], [1, 2, 5, 40]
    d = phase_diagram(base, "T/D", xs, "z", ys)
    assert d.winner.shape == (4, 5) and d.losses.shape == (4, 5, 3)
    for i, z in enumerate(ys):
        for j, r in enumerate(xs):
            p = Params(T=round(r * 100), D=100, z=z)
            losses = optimal_losses("linear", p)
            assert d.points[i][j].params == p
            np.testing.assert_array_equal(d.losses[i, j], [losses[n] for n in SCHEMES])
            s = standing(losses)
            assert d.winner[i, j] == (TIE if s.tie else SCHEMES.index(s.winners[0]))
            assert list(d.winners[i, j]) == [n in s.winners for n in SCHEMES]
    assert d.winner[0, 0] == TIE  # T = D: single and multi both lose nothing
    assert not (d.winner == FAILED).any() and d.errors == []
    # T/D = 1.5 with few active features: one feature per neuron wins.
    assert d.winner[0, 1] == SCHEMES.index("single")


def test_bad_phase_diagrams_raise():
    with pytest.raises(ParamError, match=r"^T/D: .*1\.234 × D = 123\.4 is not a whole number"):
        phase_diagram(BASE, "T/D", [1.234, 2], "z", [1])
    with pytest.raises(ParamError, match=r"^vary2:"):
        phase_diagram(BASE, "T", [200, 300], "T/D", [2])
    with pytest.raises(ParamError, match=r"^values2: 200 × 100 cells"):
        phase_diagram(BASE, "z", list(range(1, 201)), "D", list(range(1, 101)))
    with pytest.raises(ParamError, match=r"^z: at cell z = 500, T = 400"):
        phase_diagram(BASE, "z", [1, 500], "T", [400, 1000])


def test_warm_pool_starts_workers_that_then_serve_sweeps():
    warm_pool(2)
    base = Params(T=200, D=10, z=2, samples=200)
    pooled = sweep(base, "D", [2, 5, 10], simulate=True, workers=2)
    assert sweep_json(pooled) == sweep_json(sweep(base, "D", [2, 5, 10], simulate=True, workers=1))


def test_simulating_a_readout_without_simulation_is_refused_up_front(monkeypatch):
    from superpos_model.sweep import points

    monkeypatch.delitem(points.SIMULATORS, "linear")
    with pytest.raises(ParamError, match=r"^readout: linear: its simulation is not available"):
        sweep(BASE, "z", [1, 2], simulate=True, workers=1)
