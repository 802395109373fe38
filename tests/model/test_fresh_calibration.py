"""The random scheme's SE is calibrated: over many seeds, about 0.3 % land beyond 3 SE.

Each seed runs the real code path (:func:`run_simulation`, one fresh embedding
per sample).  A rate of at most 1 % beyond 3 SE is rejected only when the count
exceeds the binomial bound below; the old SE (the larger of the within- and
between-embedding spreads over ≤ 8 fixed embeddings) put 2–12 % of seeds there.
"""

import numpy as np
import pytest
from scipy.stats import binom, ks_2samp

from superpos_model import make_params, run_simulation
from superpos_model.exact import exact_random
from superpos_model.fresh import _along_h
from superpos_model.interference.capacity import capacity_simulation

#: Settings where the spread between embeddings dominates the SE.
SETTINGS = [
    dict(T=7, D=3, z=7, a=1.0),
    dict(T=64, D=8, z=1, a=None),
    dict(T=300, D=30, z=30, a=2.0),
]


def largest_count(seeds: int, rate: float = 0.01, alpha: float = 1e-3) -> int:
    """The most seeds beyond 3 SE that a true rate of ``rate`` explains (one-sided, level alpha)."""
    return int(binom.isf(alpha, seeds, rate))


def beyond_three_se(setting: dict, seeds: range, samples: int) -> tuple[int, int]:
    """Seeds whose simulated loss at a (and whose a*) land beyond 3 SE of the exact value."""
    loss, minimiser = 0, 0
    for seed in seeds:
        params = make_params(**setting, samples=samples, seed=seed)
        sim, exact = run_simulation(params, "random"), exact_random(params)
        a = params.a if params.a is not None else exact.argmin
        loss += abs(sim.curve(a) - exact(a)) > 3 * sim.se(a)
        minimiser += abs(sim.a_opt - exact.argmin) > 3 * sim.a_opt_se
    return loss, minimiser


@pytest.mark.parametrize(
    "setting,seeds", [(SETTINGS[0], 200), (SETTINGS[1], 200), (SETTINGS[2], 30)]
)
def test_random_se_is_calibrated_where_embedding_spread_dominates(setting, seeds):
    loss, minimiser = beyond_three_se(setting, range(seeds), 2000)
    assert loss <= largest_count(seeds), (setting, loss)
    assert minimiser <= largest_count(seeds), (setting, minimiser)


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS)
def test_random_se_is_calibrated_over_many_seeds(setting):
    loss, minimiser = beyond_three_se(setting, range(1000, 1400), 2000)
    assert loss <= largest_count(400) and minimiser <= largest_count(400), (loss, minimiser)


def test_inactive_projection_is_distributed_as_a_full_draw():
    # wᵀu for w uniform on S^{D−1} and a fixed unit u, drawn in full and as g/√(g² + χ²_{D−1}).
    rng = np.random.default_rng(11)
    full = rng.standard_normal((20000, 5))
    full /= np.linalg.norm(full, axis=1)[:, None]
    squares, signed = _along_h(np.random.Generator(np.random.SFC64(12)), 20000, 1, 5, 1)
    assert ks_2samp(full[:, 0] ** 2, squares).pvalue > 1e-3
    assert ks_2samp(full[:, 0], signed[:, 0]).pvalue > 1e-3  # signed: the ReLU readout's
    assert np.allclose(signed[:, 0] ** 2, squares, rtol=1e-12, atol=0)
    squares, signed = _along_h(rng, 3, 4, 1, 2)
    assert squares.tolist() == [1.0, 1.0, 1.0] and np.abs(signed).tolist() == [[1.0, 1.0]] * 3


def noise_beyond_three_se(seeds: range) -> int:
    """Seeds whose measured interference noise RMS at l = z lands beyond 3 SE of √(l/n)."""
    beyond = 0
    for seed in seeds:
        c = capacity_simulation(make_params(T=7, D=3, z=7, seed=seed))
        i = c.at(7)
        beyond += abs(c.rms[i] - c.rms_theory[i]) > 3 * c.rms_se[i]
    return beyond


def test_interference_noise_se_is_calibrated_at_small_sizes():
    # Eight shared embeddings put 11 % of seeds beyond 3 SE here; one per draw, about 0.5 %.
    assert noise_beyond_three_se(range(60)) <= largest_count(60)


@pytest.mark.slow
def test_interference_noise_se_is_calibrated_over_many_seeds():
    assert noise_beyond_three_se(range(1000, 1300)) <= largest_count(300)
