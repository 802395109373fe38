"""The optimum chain: its steps, their numbers against independent computations, verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from superpos_model import make_params
from superpos_model.exact import exact_quadratic
from superpos_model.optimize import rank_bound
from superpos_model.session import Session
from superpos_model.walkthrough import CHAINS, SCHEME_CHOICES, Verdict, walkthrough
from superpos_model.walkthrough.optimum import relu_params

#: D divides T; small enough to train in about a second.
PARAMS = make_params(T=200, D=20, z=3, samples=600)
KEYS = ("spectrum", "rank_bound", "trained", "tight_frame", "worst_case", "gain", "relu")


@pytest.fixture(scope="module")
def steps():
    return {s.key.removeprefix("optimum."): s for s in walkthrough(PARAMS, "optimum")}


def test_the_chain_is_named_but_not_in_all():
    assert "optimum" in SCHEME_CHOICES and "optimum" not in CHAINS


def test_steps_in_order_with_verdicts(steps):
    assert tuple(steps) == KEYS
    verdicts = {key: step.verdict for key, step in steps.items()}
    assert verdicts == {
        "spectrum": Verdict.AGREES,
        "rank_bound": Verdict.AGREES,
        "trained": Verdict.AGREES,
        "tight_frame": Verdict.AGREES,
        "worst_case": Verdict.NOTES_DIFFER,
        "gain": Verdict.AGREES,
        "relu": Verdict.AGREES,
    }


def test_the_spectrum_against_the_matrix(steps):
    """p − q is an eigenvalue of E[yyᵀ] = (p − q)I + q11ᵀ, formed and diagonalised."""
    T = PARAMS.T
    second = (PARAMS.p - PARAMS.q) * np.eye(T) + PARAMS.q * np.ones((T, T))
    eigenvalues = np.linalg.eigvalsh(second)
    assert steps["spectrum"].theory == pytest.approx(eigenvalues[0], rel=1e-9)
    assert eigenvalues[-1] == pytest.approx(PARAMS.z**2 / T, rel=1e-9)
    # Eckart–Young: the loss left by the best rank-D readout is the sum of the smallest T − D.
    assert eigenvalues[: T - PARAMS.D].sum() == pytest.approx(rank_bound(PARAMS), rel=1e-9)


def test_multi_and_training_reach_the_bound_when_d_divides_t(steps):
    bound = rank_bound(PARAMS)
    assert exact_quadratic("multi", PARAMS).minimum == pytest.approx(bound, rel=1e-12)
    assert steps["rank_bound"].theory == steps["trained"].theory == bound
    gain = exact_quadratic("random", PARAMS).minimum - bound
    assert steps["gain"].theory == pytest.approx(gain, rel=1e-6)


@pytest.mark.slow
def test_multi_misses_the_bound_when_d_does_not_divide_t():
    params = make_params(T=210, D=20, z=3, samples=600)
    session = Session(params)
    step = next(
        s for s in walkthrough(params, "optimum", session=session) if s.key.endswith("rank_bound")
    )
    assert "D ∤ T" in step.explanation
    assert exact_quadratic("multi", params).minimum > rank_bound(params) * (1 + 1e-6)
    assert step.verdict in (Verdict.AGREES, Verdict.APPROXIMATION)


def test_relu_step_caps_t_and_says_so():
    capped = relu_params(make_params())
    assert (capped.T, capped.D, capped.z) == (400, 40, 5)
    assert relu_params(PARAMS) == PARAMS


@pytest.mark.slow
def test_the_chain_is_kept_by_the_session():
    session = Session(PARAMS)
    first = walkthrough(PARAMS, "optimum", session=session)
    assert walkthrough(PARAMS, "optimum", session=session) == first
    assert session.hits["chain"] == 1
