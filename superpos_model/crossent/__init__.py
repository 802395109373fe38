"""Cross-entropy of the linear logits a·WᵀW·y − b: exact values, approximation, optimum, simulation.

The second note wonders whether a loss other than squared error makes superposition
pay; here each feature's loss is the binary cross-entropy of its logit, summed over
the T features, with one scale a ≥ 0 and one bias b shared by all features.
"""

from .exact import cross_entropy, exact_multi, exact_random, exact_single, softplus
from .gaussian import gaussian_random
from .optimum import (
    A_TO_INFINITY,
    B_TO_MINUS_INFINITY,
    CrossEntropyOptimum,
    best_bias_curve,
    cross_entropy_optimum,
    gaussian_optimum,
)
from .report import (
    LOSS_NAME,
    CrossEntropyCheckReport,
    CrossEntropySchemeReport,
    run_cross_entropy_check,
)
from .simulate import LOGISTIC, simulate_cross_entropy

__all__ = [
    "A_TO_INFINITY",
    "B_TO_MINUS_INFINITY",
    "LOGISTIC",
    "LOSS_NAME",
    "CrossEntropyCheckReport",
    "CrossEntropyOptimum",
    "CrossEntropySchemeReport",
    "best_bias_curve",
    "cross_entropy",
    "cross_entropy_optimum",
    "exact_multi",
    "exact_random",
    "exact_single",
    "gaussian_optimum",
    "gaussian_random",
    "run_cross_entropy_check",
    "simulate_cross_entropy",
    "softplus",
]
