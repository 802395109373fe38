"""Exact finite-size losses: what simulation converges to.

For a fixed W with Gram G = WᵀW and active sets of exactly z out of T features,
E[yyᵀ] = (p−q)I + q·11ᵀ with p = z/T and q = z(z−1)/(T(T−1)), so

    E_y L(a) = (p−q)‖aG − I‖_F² + q‖(aG − I)·1‖² = A·a² − 2B·a + z,
    A = (p−q)‖WWᵀ‖_F² + q‖Wᵀ(W1)‖²,   B = (p−q)‖W‖_F² + q‖W1‖².
"""

from __future__ import annotations

from .embeddings import PassResult
from .params import Params
from .quadratic import Quadratic
from .schemes import multi_group_sizes


def embedding_quadratic(result: PassResult, params: Params) -> Quadratic:
    """Exact loss over all active sets for the one W that ``result`` summarises."""
    p, q = params.p, params.q
    gram, s = result.gram, result.column_sum
    gram_frobenius2 = float(gram.ravel() @ gram.ravel())
    readout_of_sum2 = float(s @ gram @ s)  # ‖Wᵀ(W1)‖² = (W1)ᵀ WWᵀ (W1)
    A = (p - q) * gram_frobenius2 + q * readout_of_sum2
    B = (p - q) * result.frobenius2 + q * float(s @ s)
    return Quadratic(A, B, float(params.z))


def exact_random(params: Params) -> Quadratic:
    """z[(1−a)² + a²(T−1)/D], averaged over random unit-vector embeddings."""
    T, D, z = params.T, params.D, params.z
    return Quadratic(z * (1 + (T - 1) / D), z, z)


def exact_single(params: Params) -> Quadratic:
    """z[(r/T)(1−a)² + (T−r)/T] with r = min(D, T) features represented."""
    represented = min(params.D, params.T) / params.T
    z = params.z
    return Quadratic(z * represented, z * represented, z)


def exact_multi(params: Params) -> Quadratic:
    """Σ_k [a²g_k·E c_k² − 2a·E c_k² + E c_k], c_k ~ Hypergeometric(T, g_k, z)."""
    T, z = params.T, params.z
    A = B = 0.0
    for g, neurons in multi_group_sizes(T, params.D).items():
        mean = z * g / T
        second_moment = mean * ((1 - g / T) * (T - z) / (T - 1) + z * g / T)
        A += neurons * g * second_moment
        B += neurons * second_moment
    return Quadratic(A, B, z)


EXACT = {"random": exact_random, "single": exact_single, "multi": exact_multi}


def exact_quadratic(scheme: str, params: Params) -> Quadratic:
    """The exact expected loss curve of ``scheme`` (averaged over embeddings for random)."""
    return EXACT[scheme](params)
