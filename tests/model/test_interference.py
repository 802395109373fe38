"""The first note's interference thread: overlaps, frame potential, capacity, their steps.

Simulated quantities are checked against their formulas, or against an independent
brute-force simulation in this file, within 3 standard errors; joint checks over a
grid use a chi-square or a Bonferroni-corrected bound instead of loosening.
"""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from superpos_model import AGREE_SE, Cancelled, Monitor, Session, Verdict, make_params, run_check
from superpos_model import interference as jl
from superpos_model.embeddings import RandomEmbedding
from superpos_model.estimate import figure
from superpos_model.interference import capacity as jl_capacity
from superpos_model.interference import overlaps as jl_overlaps
from superpos_model.walkthrough import interference_chain
from superpos_model.walkthrough.interference_capacity import capacity_step
from tests.helpers.spec_keys import INTERFERENCE_KEYS

DEFAULT = make_params()
LN_1000 = 6.907755278982137


def chi2_quantile_999(k: int) -> float:
    """The 0.999 quantile of χ²_k (Wilson–Hilferty; z = 3.0902)."""
    return k * (1 - 2 / (9 * k) + 3.0902 * math.sqrt(2 / (9 * k))) ** 3


def upper_pairs(W: np.ndarray) -> np.ndarray:
    return (W.T @ W)[np.triu_indices(W.shape[1], k=1)]


@pytest.fixture(scope="module")
def analysis():
    return jl.analyse_interference(DEFAULT)


@pytest.fixture(scope="module")
def chain():
    return {step.key: step for step in interference_chain(Session(DEFAULT))}


# --- formulas at hand-computed values -----------------------------------------------------


def test_bounds_at_hand_computed_values():
    # T = m = 1000, D = n = 100, ln 1000 = 6.907755.
    assert jl.rms_typical(100) == pytest.approx(0.1, rel=1e-12)
    assert jl.max_typical(1000, 100) == pytest.approx(0.525652, rel=1e-5)  # √0.2763102
    assert jl.jl_bound(1000, 100) == pytest.approx(0.743384, rel=1e-5)  # √0.5526204
    assert jl.welch_bound(1000, 100) == pytest.approx(0.0949158, rel=1e-5)  # √(900/99900)
    assert jl.capacity_typical(100) == 100
    assert jl.capacity_notes(1000, 100) == pytest.approx(1.809560, rel=1e-5)  # 100/55.26204
    assert jl.capacity_threshold(1000, 100) == pytest.approx(7.238241, rel=1e-5)  # 100/13.81551
    assert jl.max_readout_typical(5, 1000, 100) == pytest.approx(0.831129, rel=1e-5)
    assert jl.random_frame_potential(1000, 100) == 10_990
    assert jl.tight_frame_potential(1000, 100) == 10_000


def test_bounds_at_edges():
    assert jl.welch_bound(2, 1) == 1.0  # two collinear directions are forced in R^1
    assert jl.welch_bound(50, 200) == 0.0  # T ≤ D: orthonormal columns exist
    assert jl.jl_bound(2, 1) == pytest.approx(2.354820, rel=1e-5)  # √(8 ln 2)
    assert jl.tight_frame_potential(50, 200) == 50  # T ≤ D: orthonormal, potential T


def test_notes_capacity_is_the_threshold_capacity_at_half_the_signal():
    for T, D in [(1000, 100), (16_384, 512), (3, 7)]:
        assert jl.capacity_threshold(T, D, 0.5) == pytest.approx(jl.capacity_notes(T, D))
    assert jl.capacity_threshold(1000, 100, 1.0) == pytest.approx(4 * jl.capacity_notes(1000, 100))


def test_bin_probabilities_integrate_the_exact_density():
    edges = np.linspace(-1, 1, 41)
    for D in (1, 2, 3, 10, 100, 10_000):
        assert jl.bin_probabilities(edges, D).sum() == pytest.approx(1.0, abs=1e-9)
    # n = 3: the overlap is uniform on [−1, 1].
    assert np.allclose(jl.bin_probabilities(edges, 3), 1 / 40, atol=1e-12)
    # n = 2: arcsine law, P(t ≤ x) = 1/2 + arcsin(x)/π.
    cdf = 0.5 + np.arcsin(edges) / np.pi
    assert np.allclose(jl.bin_probabilities(edges, 2), np.diff(cdf), atol=1e-9)
    # Mean square from a fine histogram is 1/n.
    fine = np.linspace(-1, 1, 4001)
    middles = (fine[:-1] + fine[1:]) / 2
    assert jl.bin_probabilities(fine, 50) @ middles**2 == pytest.approx(1 / 50, rel=1e-4)


# --- overlap distribution ----------------------------------------------------------------


def test_overlap_stats_equal_the_dense_gram():
    params = make_params(T=300, D=30, seed=4)
    stats = jl.overlap_stats(params)
    values = upper_pairs(RandomEmbedding(300, 30, 4).matrix())
    assert stats.features == 300 and stats.histogram.complete
    assert stats.rms == pytest.approx(math.sqrt(np.mean(values**2)), rel=1e-10)
    assert stats.max_abs == pytest.approx(np.abs(values).max(), rel=1e-12)
    counts, _ = np.histogram(values, stats.histogram.edges)
    assert np.array_equal(stats.histogram.counts, counts)
    pairs = 300 * 299 // 2
    assert stats.histogram.counts.sum() == stats.histogram.pairs == stats.rms_pairs == pairs
    assert stats.histogram.source == "all 44,850 pairs"


def test_beyond_all_pairs_the_histogram_samples_pairs_uniformly(monkeypatch):
    # All pairs unaffordable beyond 400 features; one pass over all columns still fits.
    monkeypatch.setattr(jl_overlaps, "PAIR_WORK", 400**2 * 30)
    params = make_params(T=2000, D=30, seed=2)
    stats = jl.overlap_stats(params)
    W = RandomEmbedding(2000, 30, 2).matrix()
    assert stats.features == 400
    assert stats.max_abs == pytest.approx(np.abs(upper_pairs(W[:, :400])).max(), rel=1e-12)
    # The RMS still covers all T(T−1)/2 pairs, through the frame potential.
    assert stats.rms_pairs == 2000 * 1999 // 2
    assert stats.rms == pytest.approx(math.sqrt(np.mean(upper_pairs(W) ** 2)), rel=1e-9)
    hist = stats.histogram
    assert not hist.complete and hist.pairs == jl.sampled_pairs(2000, 30)
    assert hist.counts.sum() == hist.pairs
    uniform = f"{hist.pairs:,} pairs drawn uniformly (with replacement) from all 1,999,000"
    assert hist.source == uniform
    pairs = jl.draw_pairs(params)
    assert np.all(pairs[:, 0] != pairs[:, 1])
    # Uniform endpoints: mean (T−1)/2 and SD T/√12 for either end.
    for end in pairs.T:
        assert abs(end.mean() - 999.5) <= AGREE_SE * 2000 / math.sqrt(12 * end.size)
    sampled = np.einsum("dn,dn->n", W[:, pairs[:, 0]], W[:, pairs[:, 1]])
    assert np.array_equal(hist.counts, np.histogram(sampled, hist.edges)[0])


def test_beyond_one_pass_everything_comes_from_the_examined_features(monkeypatch):
    monkeypatch.setattr(jl_overlaps, "PAIR_WORK", 400**2 * 30)
    monkeypatch.setattr(jl_overlaps, "WORK", 1000 * 30 * 30)
    stats = jl.overlap_stats(make_params(T=2000, D=30, seed=2))
    values = upper_pairs(RandomEmbedding(2000, 30, 2).columns(400))
    assert stats.rms_pairs == stats.histogram.pairs == 400 * 399 // 2
    assert stats.rms == pytest.approx(math.sqrt(np.mean(values**2)), rel=1e-10)
    assert np.array_equal(stats.histogram.counts, np.histogram(values, stats.histogram.edges)[0])
    assert stats.histogram.source == "all 79,800 pairs of the first 400 of 2,000 features"


def test_sizes_are_guarded_at_large_T():
    params = make_params(T=1_000_000, D=100)
    assert jl.examined_features(params) == 3162
    assert jl.capacity_features(params) == 2**21 // 100
    assert jl.sampled_pairs(1_000_000, 100) * 2 * 100 <= jl_overlaps.SAMPLE_ENTRIES
    # Past 2^21 / D columns the capacity simulation still reaches l = 2n.
    assert jl.capacity_features(make_params(T=10**6, D=2048)) == 4 * 2048


def test_rms_overlap_is_n_to_the_minus_half(analysis):
    o = analysis.overlaps
    assert abs(o.rms - 0.1) <= AGREE_SE * o.rms_se
    # The SE matches Var(⟨u,v⟩²) = 2(n−1)/(n²(n+2)) over all pairs.
    n = 100
    exact_se = math.sqrt(2 * (n - 1) / (n * n * (n + 2)) / o.rms_pairs) / (2 * 0.1)
    assert o.rms_se == pytest.approx(exact_se, rel=0.05)


def test_histogram_follows_the_exact_density(analysis):
    hist = analysis.overlaps.histogram
    assert hist.counts.sum() == hist.pairs == 1000 * 999 // 2
    assert hist.expected.sum() == pytest.approx(hist.pairs, rel=1e-9)
    # Indicators of distinct pairs are pairwise independent: bin counts are binomial.
    used = hist.expected >= 5
    statistic = np.sum((hist.counts[used] - hist.expected[used]) ** 2 / hist.expected[used])
    assert statistic <= chi2_quantile_999(int(used.sum()) - 1)
    # The range shows the JL bound, and every overlap lies inside it.
    assert hist.edges[-1] >= jl.jl_bound(1000, 100)


# --- the largest overlap -------------------------------------------------------------------


def brute_maxima(T: int, D: int, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    maxima = []
    for _ in range(count):
        W = rng.standard_normal((D, T))
        W /= np.linalg.norm(W, axis=0)
        maxima.append(np.abs(upper_pairs(W)).max())
    return np.array(maxima)


def test_largest_overlap_against_an_independent_simulation(analysis):
    mx = analysis.maxima
    assert mx.maxima[0] == analysis.overlaps.max_abs  # embedding 0 is the one check reports
    ours = mx.estimate
    brute = brute_maxima(1000, 100, 16, seed=12345)
    brute_se = brute.std(ddof=1) / math.sqrt(brute.size)
    assert abs(ours.value - brute.mean()) <= AGREE_SE * math.hypot(ours.se, brute_se)


def test_largest_overlap_sits_between_welch_and_the_asymptotic(analysis):
    mx = analysis.maxima
    assert mx.complete and mx.features == 1000
    assert all(jl.welch_bound(1000, 100) < m < jl.jl_bound(1000, 100) for m in mx.maxima)
    # At m = 1000 the ln ln m corrections keep the maximum clearly below √(4 ln m / n).
    assert mx.estimate.value + AGREE_SE * mx.estimate.se < mx.asymptotic


# --- frame potential -----------------------------------------------------------------------


def test_frame_potential_of_random_embeddings(analysis):
    f = analysis.frame
    estimate = f.estimate
    assert abs(estimate.value - (1000 + 1000 * 999 / 100)) <= AGREE_SE * estimate.se
    assert min(f.values) >= f.tight_minimum == 10_000
    # The pair-level SE: Var = 4·C(T,2)·Var(⟨u,v⟩²), Var(⟨u,v⟩²) = 2(n−1)/(n²(n+2)).
    n = 100
    assert f.square_variance == pytest.approx(2 * (n - 1) / (n * n * (n + 2)), rel=0.05)
    exact_se = math.sqrt(4 * (1000 * 999 / 2) * 2 * (n - 1) / (n * n * (n + 2)) / len(f.values))
    assert 0.95 * exact_se <= estimate.se <= 1.5 * exact_se
    # The exact optimal loss follows the potential: z − zT/FP, up to co-activation terms.
    implied = 5 - 5 * 1000 / estimate.value
    assert f.loss_estimate.value == pytest.approx(implied, rel=1e-3)
    assert f.loss_estimate.value > 5 * (1000 - 100) / 1000  # random loses to a tight frame


def test_frame_potential_equals_the_dense_gram():
    params = make_params(T=200, D=40, seed=9)
    f = jl.frame_potential(params)
    for k, value in enumerate(f.values):
        W = RandomEmbedding(200, 40, 9, k).matrix()
        assert value == pytest.approx(np.sum((W.T @ W) ** 2), rel=1e-10)
        assert value >= 200**2 / 40


# --- capacity ------------------------------------------------------------------------------


def test_capacity_rms_noise_is_sqrt_l_over_n(analysis):
    c = analysis.capacity
    assert c.active[0] == 1 and c.active[-1] == 200 and 5 in c.active
    z = (c.rms - c.rms_theory) / c.rms_se
    assert np.sum(z**2) <= chi2_quantile_999(len(z))
    # Bonferroni over the grid at 1%: no single point beyond 3.5 SE.
    assert np.abs(z).max() <= 3.5


def brute_max_noise(T: int, D: int, active: int, embeddings: int, draws: int) -> tuple:
    rng = np.random.default_rng(777)
    means = []
    for _ in range(embeddings):
        W = rng.standard_normal((D, T))
        W /= np.linalg.norm(W, axis=0)
        largest = []
        for _ in range(draws):
            y = np.zeros(T)
            y[rng.choice(T, active, replace=False)] = 1
            largest.append(np.abs(W.T @ (W @ y) - y).max())
        means.append(np.mean(largest))
    means = np.array(means)
    return means.mean(), means.std(ddof=1) / math.sqrt(embeddings)


@pytest.mark.parametrize("active", [8, 50])
def test_capacity_max_noise_against_an_independent_simulation(analysis, active):
    c = analysis.capacity
    i = c.at(active)
    assert c.active[i] == active
    mean, se = brute_max_noise(1000, 100, active, embeddings=8, draws=24)
    assert abs(c.max[i] - mean) <= AGREE_SE * math.hypot(c.max_se[i], se)
    # Finite m: the mean maximum falls short of √(2 l ln m / n).
    assert c.max[i] + AGREE_SE * c.max_se[i] < c.max_theory[i]


def test_noise_draws_on_known_embeddings():
    rng = np.random.default_rng(0)
    sizes = np.array([1, 3, 5])
    # Orthonormal directions: no noise anywhere, active or not.
    mean_square, largest = jl_capacity._noise_draws(np.eye(6), rng, sizes)
    assert np.all(mean_square == 0) and np.all(largest == 0)
    # Features 0 and 1 share one direction. One of them active: noise 1 on the other, one
    # of 4 inactive readouts. Both active: each reads 2, noise 1 on the active ones only.
    W = np.eye(6)[:, [0, 0, 1, 2, 3, 4]]
    mean_square, largest = jl_capacity._noise_draws(W, rng, np.full(200, 2))
    cases = set(zip(np.round(mean_square, 12), np.round(largest, 12), strict=True))
    assert cases == {(0.0, 0.0), (0.25, 1.0), (0.0, 1.0)}


def test_typical_capacity_is_n(analysis):
    typical = analysis.capacity.typical
    assert typical.reached
    assert abs(typical.active - 100) <= AGREE_SE * typical.se


def test_threshold_capacity_supports_theta_squared_n_over_2_ln_m(analysis):
    c = analysis.capacity
    worst = c.worst
    assert c.threshold == jl.DEFAULT_THRESHOLD == 1.0
    assert worst.reached
    below = int(np.flatnonzero(c.active == worst.below)[0])
    assert np.all(c.max[: below + 1] < 1.0) and c.max[below + 1] >= 1.0
    assert worst.below < worst.active <= c.active[below + 1]
    assert jl.supported_capacity(c) == "threshold"
    # The notes' n/(8 ln m) is far too pessimistic, l < n far too optimistic, for the worst
    # readout.
    assert abs(worst.active - c.capacity_notes) > AGREE_SE * worst.se
    assert 3 * c.capacity_notes < worst.active < c.capacity_typical / 5
    # The asymptotic max overshoots at finite m, so the measured crossing comes later.
    assert worst.active > c.capacity_threshold


def test_crossing_interpolates_the_squared_noise():
    active = np.array([1, 2, 4, 8])
    values = np.sqrt(active / 4.0)  # crosses 1 at exactly l = 4
    cross = jl.crossing(active, values, np.full(4, 0.01), 1.0)
    assert cross.reached and cross.below == 2 and cross.active == pytest.approx(4.0)
    never = jl.crossing(active, values, np.full(4, 0.01), 5.0)
    assert not never.reached and never.below == 8 and never.active == 8.0
    first = jl.crossing(active, values * 10, np.full(4, 0.01), 1.0)
    assert first.below == 0 and 0 < first.active < 1


def test_threshold_must_be_positive():
    with pytest.raises(ValueError, match="threshold"):
        jl.capacity_simulation(make_params(T=50, D=10), threshold=0.0)


# --- determinism and the monitor -----------------------------------------------------------


def test_same_seed_same_numbers_other_seed_other_numbers():
    params = make_params(T=300, D=30, z=3, samples=200, seed=5)
    first, second = jl.analyse_interference(params), jl.analyse_interference(params)
    other = jl.analyse_interference(params.replace(seed=6))
    assert first.overlaps.rms == second.overlaps.rms
    assert np.array_equal(first.overlaps.histogram.counts, second.overlaps.histogram.counts)
    assert first.maxima == second.maxima and first.frame == second.frame
    assert np.array_equal(first.capacity.max, second.capacity.max)
    assert first.capacity.worst == second.capacity.worst
    assert first.overlaps.rms != other.overlaps.rms
    assert first.maxima.maxima != other.maxima.maxima
    assert not np.array_equal(first.capacity.rms, other.capacity.rms)


def test_monitor_reports_progress_and_cancels():
    params = make_params(T=300, D=30, samples=200)
    seen = []
    jl.analyse_interference(params, monitor=Monitor(progress=seen.append))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and seen[0] >= 0
    with pytest.raises(Cancelled):
        jl.analyse_interference(params, monitor=Monitor(cancelled=lambda: True))


# --- the walkthrough chain -----------------------------------------------------------------

DEFAULT_VERDICTS = {
    "interference.typical_noise": Verdict.NOTES_DIFFER,  # √(8 ln m/n) is 7.4× the RMS
    "interference.rms": Verdict.AGREES,
    "interference.max": Verdict.APPROXIMATION,  # 14% below the asymptotic at m = 1000
    "interference.noise": Verdict.AGREES,
    "interference.capacity_typical": Verdict.AGREES,
    "interference.capacity": Verdict.NOTES_DIFFER,  # n/(8 ln m) is ~5× too small
    "interference.frame_potential": Verdict.AGREES,
}


def test_chain_verdicts_at_defaults(chain):
    assert {key: step.verdict for key, step in chain.items()} == DEFAULT_VERDICTS
    for step in chain.values():
        assert step.chain == "interference"
        assert math.isfinite(step.simulated.value) and step.simulated.se > 0
        assert step.simulated.samples > 1 and step.title and step.reason


def test_chain_values_are_the_formulas(chain, analysis):
    assert chain["interference.typical_noise"].theory == 0.1
    assert chain["interference.typical_noise"].notes_value == jl.jl_bound(1000, 100)
    assert chain["interference.max"].theory == jl.max_typical(1000, 100)
    assert chain["interference.noise"].theory == pytest.approx(math.sqrt(5 / 100))
    assert chain["interference.capacity"].theory == jl.capacity_threshold(1000, 100)
    assert chain["interference.capacity"].notes_value == jl.capacity_notes(1000, 100)
    assert chain["interference.frame_potential"].theory == 10_990
    assert chain["interference.rms"].simulated.value == analysis.overlaps.rms
    assert "threshold" not in chain["interference.capacity"].reason  # names the line, not key
    assert "θ²n/(2 ln m) = 7.238" in chain["interference.capacity"].reason


# --- check --json --------------------------------------------------------------------------


def test_check_json_interference_block_has_exactly_the_spec_keys():
    block = run_check(DEFAULT).to_json()["interference"]
    assert set(block) == INTERFERENCE_KEYS
    stats = jl.overlap_stats(DEFAULT)
    assert block["rms_simulated"] == stats.rms and block["max_simulated"] == stats.max_abs
    assert block["max_features"] == stats.features
    assert block["jl_bound"] == pytest.approx(math.sqrt(8 * LN_1000 / 100), rel=1e-12)


def test_the_capacity_step_compares_every_line_at_the_readouts_it_examines(monkeypatch):
    """Issue 27 item 8: where the simulation reads out m′ < T features, the notes' line it
    is compared with is n/(8 ln m′) too, not n/(8 ln T); the T values are said apart."""
    monkeypatch.setattr(jl_capacity, "CAPACITY_ENTRIES", 400 * 30)
    monkeypatch.setattr(jl_capacity, "CAPACITY_MAX_ENTRIES", 400 * 30)
    params = make_params(T=3000, D=30, z=2, samples=100)
    c = jl_capacity.capacity_simulation(params)
    step = capacity_step(SimpleNamespace(capacity=c))  # the step reads the capacity only
    assert c.features == 400 < params.T
    notes = jl.capacity_notes(400, 30)
    assert step.notes_value == pytest.approx(notes)
    assert f"is {c.worst.active / notes:.1f}× too small" in step.reason
    assert f"n/(8 ln T) = {figure(jl.capacity_notes(3000, 30))}" in step.reason


@pytest.mark.slow  # the issue's own case: 50 000 features (the test above is its small twin)
def test_at_t_50000_d_500_the_notes_line_is_compared_at_the_examined_readouts():
    params = make_params(T=50_000, D=500, z=5, samples=100)
    c = jl_capacity.capacity_simulation(params)
    step = capacity_step(SimpleNamespace(capacity=c))
    notes = jl.capacity_notes(c.features, 500)
    assert c.features < params.T and step.notes_value == pytest.approx(notes)
    assert f"is {c.worst.active / notes:.1f}× too small" in step.reason
