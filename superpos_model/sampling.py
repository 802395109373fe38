"""Uniformly random active sets: exactly z distinct features out of T per sample."""

from __future__ import annotations

import numpy as np

#: Rows of the membership table processed at once when z is large relative to T.
_ROW_CHUNK_BYTES = 32 * 2**20


def draw_active_sets(rng: np.random.Generator, T: int, z: int, n: int) -> np.ndarray:
    """Draw ``n`` independent uniform z-subsets of range(T), as an (n, z) int64 array.

    Sparse sets (z² ≤ T) redraw the rare rows with a repeat; dense ones use
    Floyd's algorithm, vectorised over rows.  Both give every z-subset the same
    probability; the order inside a row carries no meaning.
    """
    if z * z <= T:
        return _by_rejection(rng, T, z, n)
    rows = max(1, _ROW_CHUNK_BYTES // T)
    return (
        np.concatenate([_by_floyd(rng, T, z, min(rows, n - start)) for start in range(0, n, rows)])
        if n
        else np.empty((0, z), dtype=np.int64)
    )


def _by_rejection(rng: np.random.Generator, T: int, z: int, n: int) -> np.ndarray:
    sets = rng.integers(0, T, size=(n, z), dtype=np.int64)
    bad = _rows_with_repeats(sets)
    while bad.size:
        sets[bad] = rng.integers(0, T, size=(bad.size, z), dtype=np.int64)
        bad = bad[_rows_with_repeats(sets[bad])]
    return sets


def _rows_with_repeats(sets: np.ndarray) -> np.ndarray:
    if sets.shape[1] < 2:
        return np.empty(0, dtype=np.int64)
    ordered = np.sort(sets, axis=1)
    return np.flatnonzero((np.diff(ordered, axis=1) == 0).any(axis=1))


def _by_floyd(rng: np.random.Generator, T: int, z: int, n: int) -> np.ndarray:
    # Floyd: for j = T−z … T−1 pick t ∈ [0, j]; take t unless already taken, else j.
    taken = np.zeros((n, T), dtype=bool)
    sets = np.empty((n, z), dtype=np.int64)
    rows = np.arange(n)
    for slot, j in enumerate(range(T - z, T)):
        t = rng.integers(0, j + 1, size=n, dtype=np.int64)
        pick = np.where(taken[rows, t], j, t)
        taken[rows, pick] = True
        sets[:, slot] = pick
    return sets
