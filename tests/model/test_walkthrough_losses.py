"""The ``losses`` chain: the three losses side by side, the note's hunch, where superposition
stops paying — each step checked against the model and a simulation."""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.crossent import run_cross_entropy_check
from superpos_model.sweep.readouts import optimal_losses
from superpos_model.sweep.standing import standing
from superpos_model.walkthrough import CHAINS, SCHEME_CHOICES, Verdict, walkthrough
from superpos_model.walkthrough.losses import LOSSES, stops_paying
from superpos_model.walkthrough.registry import chain_names

KEYS = [
    "losses.linear",
    "losses.relu",
    "losses.cross_entropy",
    "losses.hunch",
    "losses.stops_z",
    "losses.stops_D",
]
#: The issue's small-D reference: random 11.571, multi 13.093 under cross-entropy.
SMALL_D = make_params(T=200, D=8, z=3, samples=300)


def test_losses_is_a_chain_of_all():
    assert "losses" in CHAINS and "losses" in SCHEME_CHOICES
    assert "losses" in chain_names("all")


def by_key(params):
    return {step.key: step for step in walkthrough(params, "losses")}


def test_steps_and_numbers_at_small_d():
    steps = by_key(SMALL_D)
    assert list(steps) == KEYS
    assert all(step.verdict is Verdict.AGREES for step in steps.values())
    ce = steps["losses.cross_entropy"]
    assert ce.theory == pytest.approx(11.571, abs=5e-4)
    report = run_cross_entropy_check(SMALL_D)
    # The hunch's margin is the exact multi − random at the simulated points.
    margin = report.schemes["multi"].at_opt.exact - report.schemes["random"].at_opt.exact
    assert steps["losses.hunch"].theory == pytest.approx(margin, rel=1e-12)
    assert steps["losses.hunch"].theory == pytest.approx(13.093 - 11.571, abs=1e-3)
    assert "superposition wins about 1.1×" in steps["losses.hunch"].title
    assert "linear + MSE: superposition does not win here" in steps["losses.stops_z"].reason


def brute_first_loss(readout: str, params, field: str) -> int | None:
    """The first value above the current at which random does not win alone, by scanning."""
    for value in range(getattr(params, field) + 1, params.T):
        if standing(optimal_losses(readout, params.replace(**{field: value}))).winners != (
            "random",
        ):
            return value
    return None


@pytest.mark.parametrize("readout", ["relu", "cross-entropy"])
# Along D a scan evaluates every D up to T: slow; along z the same search is in the default run.
@pytest.mark.parametrize("field", ["z", pytest.param("D", marks=pytest.mark.slow)])
def test_where_it_stops_matches_a_scan(readout, field):
    params = make_params(T=40, D=8, z=2)
    boundary = stops_paying(readout, params.T, params.D, params.z, field)
    assert standing(optimal_losses(readout, params)).winners == ("random",)
    expected = brute_first_loss(readout, params, field)
    assert (boundary.crossing is None) == (expected is None)
    if expected is not None:
        assert boundary.value == expected


def test_linear_never_lets_superposition_win():
    boundary = stops_paying("linear", 1000, 100, 5, "z")
    assert boundary.crossing is None
    assert boundary.sentence() == "linear + MSE: superposition does not win here (multi does)"


@pytest.mark.slow
def test_defaults_answer_the_hunch_and_find_z_91_to_92():
    steps = by_key(make_params())
    assert all(step.verdict is Verdict.AGREES for step in steps.values())
    hunch = steps["losses.hunch"]
    assert hunch.title.endswith("under cross-entropy superposition wins about 6.9×")
    assert steps["losses.cross_entropy"].theory == pytest.approx(2.6558, abs=5e-5)
    stops = steps["losses.stops_z"]
    for name in ("ReLU + MSE", "linear logits + cross-entropy"):
        assert f"{name}: random wins up to z = 91; from z = 92 multi does" in stops.reason
    assert f"{LOSSES['cross-entropy']}: random wins up to D = 999" in steps["losses.stops_D"].reason
