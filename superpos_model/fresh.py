"""The random scheme's Monte Carlo: a fresh random embedding for every sample.

The T columns of a random embedding are independent and uniform on the unit
sphere, and a sample's loss involves only the columns it touches: its z active
columns (whose sum is the readout h = W·y) and the inactive ones that h leaks
into.  So each sample draws its own columns, and the samples are independent
and identically distributed over (embedding, active set) together.  The plain
standard error sd/√N of their mean then carries the spread between embeddings
as well as the spread between active sets, in every regime — unlike an average
over a few fixed embeddings, whose SE has only as many degrees of freedom as
there are embeddings.

Per sample, with p_j = w_jᵀh, the loss at readout scale a is
a²·α − 2a·β + z with β = ‖h‖² and α = Σ_active p_i² + Σ_inactive p_k².  The
active columns are drawn in full (h needs them).  An inactive column is
independent of h, and only its component along h enters: for w uniform on the
sphere, wᵀh/‖h‖ is distributed as one coordinate of a uniform unit vector,
g/√(g² + χ²_{D−1}) with g standard normal.  So p_k² = ‖h‖²·g²/(g² + χ²_{D−1})
is drawn from two scalars, exactly the same random variable as projecting a
full D-dimensional draw, at 1/D of the cost.  When the T − z inactive columns
would still exceed :data:`INACTIVE_DRAWS`, a sample draws m < T − z of them and
scales their Σ p_k² by (T − z)/m: unbiased, the samples stay independent, and
the SE stays calibrated (only larger).

The ReLU readout (:mod:`.relu.simulate`) reads the same samples: its per-feature
loss is not a function of p_j² alone, so each sample also keeps its z active
readouts p_i and the signed readouts p_k = ‖h‖·g/√(g² + χ²_{D−1}) of its first
k = :func:`kept_inactive` drawn inactive columns (the same g as in Σ p_k², so α
is unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .monitor import SILENT, Monitor
from .params import Params

#: Random stream of the fresh columns (1–3 are the fixed embeddings', the
#: active sets' and the measured feature pairs').
FRESH_STREAM = 4

#: Inactive columns (samples × columns) all samples together may draw.
INACTIVE_DRAWS = 4e7

#: Floats of fresh columns held at once (32 MB).
CHUNK_FLOATS = 2**22

#: Signed inactive readouts a sample keeps at most, for the ReLU readout.
KEPT_INACTIVE = 64


def inactive_columns(params: Params) -> int:
    """Inactive columns each sample draws: all T − z when affordable, else as many as fit."""
    rest = params.T - params.z
    fit = int(INACTIVE_DRAWS // params.samples)
    return min(rest, max(1, fit)) if rest else 0


def kept_inactive(params: Params) -> int:
    """Signed inactive readouts each sample keeps: the first k = min(m, 64) drawn."""
    return min(KEPT_INACTIVE, inactive_columns(params))


def kept_bytes(params: Params) -> int:
    """Bytes of the readouts the draws keep: samples × (z + k) floats."""
    return 8 * params.samples * (params.z + kept_inactive(params))


def _chunking(params: Params) -> tuple[int, int]:
    """(floats of fresh columns per sample, samples drawn at once)."""
    per_sample = (params.z + 2) * params.D + 2 * inactive_columns(params)
    return per_sample, max(1, CHUNK_FLOATS // per_sample)


def column_bytes(params: Params) -> int:
    """Peak bytes of one chunk of fresh columns and its temporaries (three times its floats)."""
    per_sample, chunk = _chunking(params)
    return 3 * 8 * per_sample * min(chunk, params.samples)


@dataclass(frozen=True, eq=False)
class FreshDraws:
    """Per-sample measurements, each sample on its own random embedding.

    Attributes
    ----------
    alpha, beta : (n,) arrays
        The loss coefficients: loss = a²·α − 2a·β + z.
    active_spread : (n,) array
        Mean over the z active features of (w_iᵀh − 1)²; ε_i² = a²·(w_iᵀh − 1)².
    inactive_energy : (n,) array
        Mean over the drawn inactive features of (w_kᵀh)²; ŷ_k² = a²·(w_kᵀh)².
        Zeros when z = T.
    overlap2 : (n,) array
        ⟨u, v⟩² of one fresh pair of directions per sample.
    inactive : int
        Inactive columns drawn per sample (T − z when all of them).
    active_readouts : (n, z) array
        p_i = w_iᵀh of the active features.
    inactive_readouts : (n, k) array
        p_k = w_kᵀh, sign kept, of the first k = :func:`kept_inactive` drawn inactive
        features; each stands for (T − z)/k of the T − z inactive features.
    """

    alpha: np.ndarray
    beta: np.ndarray
    active_spread: np.ndarray
    inactive_energy: np.ndarray
    overlap2: np.ndarray
    inactive: int
    active_readouts: np.ndarray
    inactive_readouts: np.ndarray

    @property
    def samples(self) -> int:
        return len(self.alpha)

    @property
    def coefficients(self) -> np.ndarray:
        """The (n, 2) per-sample (α, β)."""
        return np.stack([self.alpha, self.beta], axis=1)


def _directions(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    rows = rng.standard_normal(shape)
    rows /= np.sqrt(np.einsum("...d,...d->...", rows, rows))[..., None]
    return rows


def _along_h(
    rng: np.random.Generator, c: int, m: int, D: int, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """For m fresh uniform directions w and a unit u, for c samples: the mean of (wᵀu)²
    over the m, (c,), and the first k of the wᵀu themselves, sign kept, (c, k)."""
    g = rng.standard_normal((c, m))
    g2 = g**2
    total = 2.0 * rng.standard_gamma((D - 1) / 2, (c, m))  # χ²_{D−1}; 0 when D = 1
    total += g2
    cosines = g[:, :k] / np.sqrt(total[:, :k])
    g2 /= total
    return np.asarray(g2.mean(axis=1)), cosines


def draw_fresh(params: Params, monitor: Monitor = SILENT) -> FreshDraws:
    """Draw ``params.samples`` samples, each with fresh columns (see the module docstring)."""
    T, D, z, n = params.T, params.D, params.z, params.samples
    m, k = inactive_columns(params), kept_inactive(params)
    chunk = _chunking(params)[1]
    out = {name: np.empty(n) for name in ("alpha", "beta", "spread", "energy", "overlap2")}
    on, off = np.empty((n, z)), np.empty((n, k))
    starts = range(0, n, chunk)
    for index, start in enumerate(starts):
        c = min(chunk, n - start)
        seeds = np.random.SeedSequence([params.seed, FRESH_STREAM, index])
        rng = np.random.Generator(np.random.SFC64(seeds))
        active = _directions(rng, (c, z, D))
        h = active.sum(axis=1)
        p_active = np.einsum("czd,cd->cz", active, h)
        del active
        beta = np.einsum("cd,cd->c", h, h)
        part = slice(start, start + c)
        if m:
            along, cosines = _along_h(rng, c, m, D, k)
            energy = beta * along
            off[part] = np.sqrt(beta)[:, None] * cosines
        else:
            energy = np.zeros(c)
        pair = _directions(rng, (c, 2, D))
        on[part] = p_active
        out["beta"][part] = beta
        out["alpha"][part] = (p_active**2).sum(axis=1) + (T - z) * energy
        out["spread"][part] = ((p_active - 1.0) ** 2).mean(axis=1)
        out["energy"][part] = energy
        out["overlap2"][part] = np.einsum("cd,cd->c", pair[:, 0], pair[:, 1]) ** 2
        monitor.step((index + 1) / len(starts))
    return FreshDraws(
        out["alpha"], out["beta"], out["spread"], out["energy"], out["overlap2"], m, on, off
    )
