"""A loss with no minimum: random's ReLU loss at z = 1 falls to 0 as a → ∞ (b = a − 1) and never
reaches it.  The limit is reported, with how it is approached; no factor is made of the
loss at some far point of the approach."""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.relu import relu_optimum, run_relu_check
from superpos_model.sweep import optimal_losses, standing
from tui.relu_cli import render_relu_check

PARAMS = make_params(T=200, D=20, z=1, samples=300)


def test_the_optimum_carries_the_limit_and_a_point_of_its_approach():
    o = relu_optimum("random", PARAMS)
    assert o.limit == "a → ∞ with b = a − 1" and o.least == 0.0
    assert 0 < o.loss < 1e-9 and o.a == o.b + 1  # the simulated point of the approach
    assert not relu_optimum("multi", PARAMS).limit  # attained: no limit
    assert relu_optimum("multi", PARAMS).least == relu_optimum("multi", PARAMS).loss


def test_sweep_and_ranking_use_the_limit_and_give_no_factor():
    losses = optimal_losses("relu", PARAMS)
    assert losses["random"] == 0.0
    s = standing(losses)
    assert s.winners == ("random",) and s.factor is None


def test_check_reports_the_limit_in_json_and_text():
    report = run_relu_check(PARAMS)
    random = report.to_json()["schemes"]["random"]
    assert random["opt"] == {"a": None, "b": None, "limit": "a → ∞ with b = a − 1"}
    assert random["mse_opt"]["exact"] == 0.0
    at = random["mse_opt"]["at"]
    assert at["a"] == at["b"] + 1 and 0 < at["exact"] < 1e-9
    text = render_relu_check(report)
    assert "no minimum" in text and "a → ∞ with b = a − 1" in text
    assert "× lower" not in text and "e+" not in text


@pytest.mark.slow  # 45 settings × 3 schemes; the z = 1 limit above is the default run's
def test_across_the_corners_every_optimum_is_attained_inside_the_search_or_named_a_limit():
    """Issue 27: an infimum at the edge of the search (a → ∞, b → ±∞) is reported as a
    limit, never as a point.  Over the corners of (T, D, z), for every scheme, an
    optimum without a limit sits well inside the search and is not a loss of round-off;
    the only limit there is random's at z = 1 (a → ∞ with b = a − 1)."""
    limits = set()
    for T in (3, 10, 50):
        for D in sorted({1, 2, T - 1, T, 2 * T}):
            for z in sorted({1, 2, T - 1, T}):
                params = make_params(T=T, D=D, z=z)
                for scheme in ("random", "single", "multi"):
                    o = relu_optimum(scheme, params)
                    if o.limit:
                        limits.add((scheme, z, o.limit))
                    else:
                        assert o.a <= 50 and abs(o.b) <= 50, (T, D, z, scheme, o)
                        assert o.loss == 0 or o.loss > 1e-9, (T, D, z, scheme, o)
    assert limits == {("random", 1, "a → ∞ with b = a − 1")}
