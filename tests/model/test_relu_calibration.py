"""The ReLU readout's random-scheme SE is calibrated: few seeds land beyond 3 SE.

Each seed runs the real code path (:func:`simulate_relu`, one fresh embedding per
sample, as the linear readout's random scheme).  A rate of at most 1 % beyond 3 SE
is rejected only when the count exceeds the binomial bound below; the old SE
(pooled over a few shared embeddings) put 8–16 % of seeds there at small T.
"""

import pytest
from scipy.stats import binom

from superpos_model import make_params
from superpos_model.relu import relu_loss, relu_optimum, simulate_relu

#: Small T, where one embedding's loss is far from the average over embeddings.
SETTINGS = [
    dict(T=5, D=1, z=5, a=1.0, b=0.5),
    dict(T=7, D=3, z=7, a=1.0, b=0.5),
    dict(T=10, D=3, z=10, a=1.0, b=0.5),
]
#: More of them for the slow run: an inactive sample (T − z > 64), all inactive
#: features, larger D and z, and the defaults.
MORE_SETTINGS = [
    dict(T=64, D=8, z=1, a=1.5, b=0.6),
    dict(T=300, D=30, z=30, a=2.0, b=1.5),
    dict(T=200, D=8, z=3, a=1.4, b=0.5),
    dict(T=1000, D=100, z=5, a=None, b=None),  # the defaults, at the exact optimum (a*, b*)
]


def largest_count(seeds: int, rate: float = 0.01, alpha: float = 1e-3) -> int:
    """The most seeds beyond 3 SE that a true rate of ``rate`` explains (one-sided, level alpha)."""
    return int(binom.isf(alpha, seeds, rate))


def beyond_three_se(setting: dict, seeds: range, samples: int = 2000) -> int:
    """Seeds whose simulated random-scheme loss lands beyond 3 SE of the exact value."""
    a, b = setting["a"], setting["b"]
    shape = {k: setting[k] for k in ("T", "D", "z")}
    if a is None:
        opt = relu_optimum("random", make_params(**shape))
        a, b = opt.a, opt.b
    beyond = 0
    for seed in seeds:
        params = make_params(**shape, samples=samples, seed=seed)
        sim = simulate_relu(params, "random", a, b)
        exact = float(relu_loss("random", params, a, b))
        beyond += abs(float(sim.loss[0]) - exact) > 3 * float(sim.se[0])
    return beyond


@pytest.mark.parametrize("setting", SETTINGS)
def test_relu_random_se_is_calibrated_at_small_t(setting):
    beyond = beyond_three_se(setting, range(200))
    assert beyond <= largest_count(200), (setting, beyond)


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS + MORE_SETTINGS)
def test_relu_random_se_is_calibrated_over_many_seeds(setting):
    beyond = beyond_three_se(setting, range(1000, 1400))
    assert beyond <= largest_count(400), (setting, beyond)
