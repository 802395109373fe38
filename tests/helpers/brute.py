"""Brute-force references: every active set of a tiny model, and the literal dense Monte Carlo."""

from __future__ import annotations

from itertools import combinations

import numpy as np


def all_active_sets(T: int, z: int) -> np.ndarray:
    """Every z-subset of range(T), one per row."""
    return np.array(list(combinations(range(T), z)), dtype=np.int64)


def indicator_rows(active: np.ndarray, T: int) -> np.ndarray:
    """Dense 0/1 rows y with ones at each row's active features."""
    Y = np.zeros((len(active), T))
    np.put_along_axis(Y, active, 1.0, axis=1)
    return Y


def literal_losses(W: np.ndarray, active: np.ndarray, a: float) -> np.ndarray:
    """‖a·Wᵀ(W·y) − y‖² for each active set, computed the obvious way."""
    Y = indicator_rows(active, W.shape[1])
    Y_hat = a * (Y @ W.T) @ W
    return ((Y_hat - Y) ** 2).sum(axis=1)


def brute_force_loss(W: np.ndarray, z: int, a: float) -> float:
    """The exact expected loss of W: the mean over every active set."""
    return float(literal_losses(W, all_active_sets(W.shape[1], z), a).mean())
