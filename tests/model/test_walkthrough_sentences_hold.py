"""The linear chains' sentences hold at the numbers they are printed with, in every regime.

A sentence that states a direction ("below"), a size ("a little", "small") or a count
("collisions happen …") is printed only where the step's own numbers say it.
"""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.exact import exact_quadratic
from superpos_model.notes import notes_multi
from superpos_model.walkthrough import walkthrough

#: The defaults; D ≥ T; z = T; z = 1; D = 1; D = 2 with T = 3.
REGIMES = [
    {},
    {"T": 50, "D": 80, "z": 5},
    {"T": 30, "D": 10, "z": 30},
    {"z": 1},
    {"T": 30, "D": 1, "z": 3},
    {"T": 3, "D": 2, "z": 2},
]


@pytest.mark.parametrize(
    "regime", REGIMES, ids=lambda r: ",".join(f"{k}={v}" for k, v in r.items()) or "defaults"
)
def test_sizes_directions_and_counts_are_said_only_where_true(regime):
    params = make_params(samples=200, **regime)
    T, D, z = params.T, params.D, params.z
    said = {
        step.key: step.explanation
        for chain in ("random", "multi", "conclusions")
        for step in walkthrough(params, chain)
    }
    assert ("a little below z" in said["random.mse_opt"]) == ((T - 1) / (D + T - 1) >= 0.9)
    assert ("collisions happen" in said["multi.total_no_coactivation"]) == (D < T and z > 1)
    exact, notes = exact_quadratic("multi", params).minimum, notes_multi(params).mse_opt
    assert ("optimum below it" in said["multi.mse_opt"]) == (
        D < T and z > 1 and exact < notes - 1e-9
    )
    random = exact_quadratic("random", params).minimum
    small = "small margin" in said["conclusions.multi_beats_random"]
    assert small == (abs(random - exact) <= 0.05 * abs(random))
    assert ("multi z·a²(T − D)/D" in said["conclusions.multi_beats_random"]) == (T > D)
