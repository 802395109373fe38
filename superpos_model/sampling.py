"""Uniformly random active sets: exactly z distinct features out of T per sample."""

from __future__ import annotations

import numpy as np

from .monitor import SILENT, Monitor

#: Rows of the membership table processed at once when z is large relative to T.
_ROW_CHUNK_BYTES = 32 * 2**20
#: Entries checked for repeats between two cancellation checks.
_CHECK_CHUNK = 2**22


def draw_active_sets(
    rng: np.random.Generator, T: int, z: int, n: int, monitor: Monitor = SILENT
) -> np.ndarray:
    """Draw ``n`` independent uniform z-subsets of range(T), as an (n, z) int64 array.

    Sparse sets (z² ≤ T) redraw the rare rows with a repeat; dense ones use
    Floyd's algorithm, vectorised over rows.  Both give every z-subset the same
    probability; the order inside a row carries no meaning.  ``monitor`` is
    checked between chunks of rows, so a superseded run stops here too; the
    chunking never changes which sets a seed draws.
    """
    # Inner loops only check for cancellation: their progress would run backwards.
    quiet = Monitor(cancelled=monitor.cancelled)
    if z * z <= T:
        return _by_rejection(rng, T, z, n, quiet)
    rows = max(1, _ROW_CHUNK_BYTES // T)
    chunks = []
    for start in range(0, n, rows):
        monitor.step(start / n)
        chunks.append(_by_floyd(rng, T, z, min(rows, n - start), quiet))
    return np.concatenate(chunks) if chunks else np.empty((0, z), dtype=np.int64)


def _by_rejection(rng: np.random.Generator, T: int, z: int, n: int, monitor: Monitor) -> np.ndarray:
    sets = rng.integers(0, T, size=(n, z), dtype=np.int64)
    bad = _rows_with_repeats(sets, monitor)
    while bad.size:
        monitor.step(0.0)
        sets[bad] = rng.integers(0, T, size=(bad.size, z), dtype=np.int64)
        bad = bad[_rows_with_repeats(sets[bad], monitor)]
    return sets


def _rows_with_repeats(sets: np.ndarray, monitor: Monitor) -> np.ndarray:
    n, z = sets.shape
    if z < 2:
        return np.empty(0, dtype=np.int64)
    rows = max(1, _CHECK_CHUNK // z)
    found = []
    for start in range(0, n, rows):
        monitor.step(start / n)
        ordered = np.sort(sets[start : start + rows], axis=1)
        found.append(start + np.flatnonzero((np.diff(ordered, axis=1) == 0).any(axis=1)))
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def _by_floyd(rng: np.random.Generator, T: int, z: int, n: int, monitor: Monitor) -> np.ndarray:
    # Floyd: for j = T−z … T−1 pick t ∈ [0, j]; take t unless already taken, else j.
    taken = np.zeros((n, T), dtype=bool)
    sets = np.empty((n, z), dtype=np.int64)
    rows = np.arange(n)
    for slot, j in enumerate(range(T - z, T)):
        if slot % 256 == 0:
            monitor.step(0.0)
        t = rng.integers(0, j + 1, size=n, dtype=np.int64)
        pick = np.where(taken[rows, t], j, t)
        taken[rows, pick] = True
        sets[:, slot] = pick
    return sets
