"""Property-based tests of the public model functions over the valid and invalid parameter space."""

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superpos_model import (
    LIMITS,
    SCHEMES,
    ParamError,
    exact_quadratic,
    make_embedding,
    make_params,
    notes_formula,
    parse_value,
    regime_warning,
    run_simulation,
)
from superpos_model.sampling import draw_active_sets
from superpos_model.simulate import draw_shared_active_sets, sample_coefficients
from tests.helpers.brute import literal_losses

PROPERTY = settings(
    derandomize=True, deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def valid_sizes(draw, max_T=100_000_000, max_D=1_000_000):
    T = draw(st.integers(2, max_T))
    D = draw(st.integers(1, max_D))
    z = draw(st.integers(1, T))
    return T, D, z


@PROPERTY
@given(valid_sizes(), st.floats(0, 10))
def test_exact_and_notes_are_finite_and_consistent_everywhere(sizes, a):
    T, D, z = sizes
    params = make_params(T=T, D=D, z=z, a=a)
    best_rank_d = z * (T - D) * (T - z) / (T * (T - 1)) if D < T else 0.0
    for scheme in SCHEMES:
        exact = exact_quadratic(scheme, params)
        assert exact.A >= 0 and exact.B >= 0 and exact.C == z
        assert 0 <= exact.argmin
        assert exact.minimum <= z * (1 + 1e-12)  # a = 0 predicts zeros and costs z
        assert exact.minimum >= best_rank_d * (1 - 1e-9) - 1e-9
        assert math.isfinite(exact(a))
        notes = notes_formula(scheme, params)
        assert all(math.isfinite(v) for v in (notes.a_opt, notes.mse_opt, notes.curve(a)))
    random_notes = notes_formula("random", params).curve
    assert math.isclose(random_notes(a), exact_quadratic("random", params)(a), rel_tol=1e-9)
    regime_warning(params)


@PROPERTY
@given(st.sampled_from(sorted(LIMITS)), st.one_of(st.text(max_size=12), st.floats(), st.integers()))
def test_any_input_is_a_value_or_a_param_error(field, raw):
    try:
        value = parse_value(field, raw)
    except ParamError as error:
        assert error.field == field and str(error).startswith(f"{field}: ")
        return
    try:
        params = make_params(**{field: value})
    except ParamError as error:
        assert error.field == field
        return
    low, high = LIMITS[field]
    got = getattr(params, field)
    assert got is None or low <= got <= high


@PROPERTY
@given(
    valid_sizes(max_T=40, max_D=12),
    st.integers(2, 40),
    st.integers(0, 2**32 - 1),
    st.sampled_from(SCHEMES),
)
def test_simulation_is_literal_and_finite_on_small_models(sizes, samples, seed, scheme):
    T, D, z = sizes
    params = make_params(T=T, D=D, z=z, samples=samples, seed=seed)
    active = draw_shared_active_sets(params)
    embedding = make_embedding(scheme, T, D, seed)
    result = embedding.accumulate(active)
    alpha, beta = sample_coefficients(result.readouts, result.gram)
    np.testing.assert_allclose(
        alpha * 0.25 - beta + z,
        literal_losses(embedding.matrix(), active, 0.5),
        rtol=1e-9,
        atol=1e-9,
    )
    sim = run_simulation(params, scheme, active)
    for value in (sim.curve(0.5), sim.se(0.5), sim.mse_opt, sim.mse_opt_se):
        assert math.isfinite(value)
    assert math.isfinite(sim.a_opt) == (sim.mean.A > 0)
    assert sim.se(0.5) >= 0


@PROPERTY
@given(st.integers(2, 5000), st.data(), st.integers(1, 50), st.integers(0, 2**32 - 1))
def test_active_sets_are_always_distinct_and_in_range(T, data, n, seed):
    z = data.draw(st.integers(1, min(T, 200)))
    sets = draw_active_sets(np.random.default_rng(seed), T, z, n)
    assert sets.shape == (n, z)
    assert sets.min() >= 0 and sets.max() < T
    assert (np.diff(np.sort(sets, axis=1), axis=1) > 0).all()
