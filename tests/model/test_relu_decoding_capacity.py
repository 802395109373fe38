"""The decoding-capacity simulation draws only what decides the event; a literal one agrees."""

from __future__ import annotations

import math

import numpy as np
import pytest

from superpos_model.relu.capacity import HALF_SIGNAL, decoding_capacity, wrong_decoding


def _literal(T: int, D: int, z: int, n: int, seed: int) -> float:
    """Draw a whole random embedding and active set per sample and read every feature."""
    rng = np.random.default_rng(seed)
    wrong = 0
    for _ in range(n):
        W = rng.standard_normal((D, T))
        W /= np.linalg.norm(W, axis=0)
        active = rng.choice(T, size=z, replace=False)
        u = W.T @ W[:, active].sum(axis=1)
        y = np.zeros(T, dtype=bool)
        y[active] = True
        wrong += bool(np.any((u > HALF_SIGNAL) != y))
    return wrong / n


@pytest.mark.parametrize(("T", "D", "z"), [(40, 6, 2), (25, 3, 4), (12, 1, 1), (30, 20, 8)])
def test_probability_matches_a_literal_simulation(T, D, z):
    n = 3000
    fast = wrong_decoding(np.random.default_rng(1), T, D, z, n).mean()
    slow = _literal(T, D, z, n, 2)
    se = math.sqrt(max(fast * (1 - fast), slow * (1 - slow), 1e-4) * 2 / n)
    assert abs(fast - slow) <= 4 * se, (fast, slow, se)


def test_crossing_at_the_defaults_lies_between_the_lines():
    cap = decoding_capacity(1000, 100, 2000, 0)
    assert cap.reached
    assert cap.active[0] < cap.crossing < cap.active[-1]
    # Near the notes' D/(8 ln T) and far below the typical l < n.
    assert cap.notes_line < cap.crossing < 2 * cap.notes_line
    assert cap.crossing < cap.typical / 10
    assert np.all(np.diff(cap.active) > 0)
