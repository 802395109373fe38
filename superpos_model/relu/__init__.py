"""The nonlinear readout ŷ = ReLU(a·WᵀW·y − b): exact values, approximations, optimum, simulation.

One scale a ≥ 0 and one bias b shared by all features; the loss is the expected squared
error per sample summed over all T features, as for the linear readout.
"""

from .exact import RANDOM_RELATIVE_ACCURACY, exact_multi, exact_random, exact_single, relu_loss
from .gaussian import gaussian_random
from .optimum import BestBiasCurve, ReluOptimum, best_bias_curve, gaussian_optimum, relu_optimum
from .overlap import Lattice, overlap_sum
from .report import (
    B_RANGE,
    Measured,
    ReluCheckReport,
    ReluRanking,
    ReluSchemeReport,
    parse_bias,
    run_relu_check,
)
from .simulate import ReluSimulation, simulate_relu

__all__ = [
    "B_RANGE",
    "RANDOM_RELATIVE_ACCURACY",
    "BestBiasCurve",
    "Lattice",
    "Measured",
    "ReluCheckReport",
    "ReluOptimum",
    "ReluRanking",
    "ReluSchemeReport",
    "ReluSimulation",
    "best_bias_curve",
    "exact_multi",
    "exact_random",
    "exact_single",
    "gaussian_optimum",
    "gaussian_random",
    "overlap_sum",
    "parse_bias",
    "relu_loss",
    "relu_optimum",
    "run_relu_check",
    "simulate_relu",
]
