"""Training W for the linear readout ŷ = a·WᵀW·y on the exact expected loss.

For a fixed W the loss over all active sets is the quadratic A·a² − 2B·a + z
(see :func:`superpos_model.exact.embedding_quadratic`), so the best scale is
a = B/A and the loss of W alone is f(W) = z − B²/A.  That objective and its
gradient need only the D×D matrix S = WWᵀ and the column sum s = W1, never the
T×T Gram, and :func:`scipy.optimize.minimize` (L-BFGS-B) descends it.  Its
floor is the rank-D bound z(T−D)(T−z)/(T(T−1)): no readout of rank ≤ D does
better, and a·WᵀW can be any positive semidefinite matrix of rank D.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..monitor import SILENT, Cancelled, Monitor
from ..params import Params
from ..schemes import make_embedding

#: Step pairs L-BFGS keeps; its memory is about twice this many copies of W.
LBFGS_MEMORY = 10


@dataclass(frozen=True)
class LinearObjective:
    """A, B of the exact loss A·a² − 2B·a + z of one W, and their gradients in W."""

    A: float
    B: float
    z: float
    grad_A: np.ndarray
    grad_B: np.ndarray

    @property
    def a(self) -> float:
        """The best readout scale B/A (0 for an all-zero W)."""
        return self.B / self.A if self.A > 0 else 0.0

    @property
    def loss(self) -> float:
        """z − B²/A, the loss at the best scale."""
        return self.z - (self.B * self.B / self.A if self.A > 0 else 0.0)

    @property
    def grad(self) -> np.ndarray:
        """∂(z − B²/A)/∂W = (B/A)²·∂A − 2(B/A)·∂B."""
        a = self.a
        return a * a * self.grad_A - 2.0 * a * self.grad_B


def linear_objective(W: np.ndarray, params: Params) -> LinearObjective:
    """The exact loss coefficients of W (D×T) and their gradients.

    With S = WWᵀ and s = W1:
    A = (p−q)·tr S² + q·sᵀSs,  ∂A = 4(p−q)·SW + 2q·(Ss·1ᵀ + s·sᵀW);
    B = (p−q)·‖W‖_F² + q·‖s‖²,  ∂B = 2(p−q)·W + 2q·s·1ᵀ.
    Cost: two products of a D×D and a D×T matrix, O(T·D²); memory O(T·D).
    """
    p, q = params.p, params.q
    S = W @ W.T
    s = W.sum(axis=1)
    Ss = S @ s
    SW = S @ W
    A = (p - q) * float(S.ravel() @ S.ravel()) + q * float(s @ Ss)
    B = (p - q) * float(W.ravel() @ W.ravel()) + q * float(s @ s)
    grad_A = 4.0 * (p - q) * SW + 2.0 * q * (Ss[:, None] + np.outer(s, s @ W))
    grad_B = 2.0 * (p - q) * W + 2.0 * q * s[:, None]
    return LinearObjective(A, B, float(params.z), grad_A, grad_B)


def linear_loss(W: np.ndarray, a: float, params: Params) -> float:
    """The exact expected loss of the readout a·WᵀW·y, over all active sets."""
    o = linear_objective(W, params)
    return float(o.A * a * a - 2.0 * o.B * a + o.z)


def rank_bound(params: Params) -> float:
    """z(T−D)(T−z)/(T(T−1)): the least loss of any readout of rank ≤ D (0 when D ≥ T)."""
    T, D, z = params.T, params.D, params.z
    if T < 2:
        return 0.0
    return z * max(T - D, 0) * (T - z) / (T * (T - 1))


def random_start(params: Params) -> np.ndarray:
    """The random scheme's W for ``params.seed``: the common starting point."""
    return make_embedding("random", params.T, params.D, params.seed).matrix()


@dataclass(frozen=True, eq=False)
class LinearResult:
    """A trained linear readout.

    Attributes
    ----------
    W : (D, T) array
        The best embedding seen (normalised to ‖W‖_F² = T; the loss ignores W's scale).
    a : float
        Its best readout scale B/A.
    loss, start_loss : float
        Exact expected losses of the result and of the random start.
    history : tuple of (step, loss)
        The loss after each L-BFGS iteration; step 0 is the start.
    cancelled : bool
        True when the caller stopped the run; the result is then the best so far.
    message : str
        The optimiser's own word on how it ended.
    """

    params: Params
    W: np.ndarray
    a: float
    loss: float
    start_loss: float
    history: tuple[tuple[int, float], ...]
    cancelled: bool
    message: str


def train_linear(
    params: Params,
    steps: int = 500,
    monitor: Monitor = SILENT,
    start: np.ndarray | None = None,
    tolerance: float = 1e-12,
    observe: Callable[[tuple[int, float]], None] | None = None,
) -> LinearResult:
    """Minimise z − B²/A over W with L-BFGS-B from ``start`` (default :func:`random_start`).

    ``steps`` caps the L-BFGS iterations (each costs one or a few O(T·D²)
    evaluations).  ``monitor`` sees the fraction of ``steps`` done and may cancel
    between iterations; a cancelled run returns the best W so far with
    ``cancelled=True``.  ``observe``, if given, sees each (step, loss) as it is
    added to the history (from the training thread: a caller that draws it live
    must hand it to its own thread).
    """
    shape = (params.D, params.T)
    W0 = random_start(params) if start is None else np.array(start, dtype=float)
    if W0.shape != shape:
        raise ValueError(f"start has shape {W0.shape}, expected {shape}")
    first = linear_objective(W0, params)
    best_x, best_loss = W0.ravel().copy(), first.loss
    history: list[tuple[int, float]] = [(0, first.loss)]

    def fun(x: np.ndarray) -> tuple[float, np.ndarray]:
        nonlocal best_x, best_loss
        o = linear_objective(x.reshape(shape), params)
        if o.loss < best_loss:
            best_x, best_loss = x.copy(), o.loss
        return o.loss, o.grad.ravel()

    from scipy.optimize import OptimizeResult, minimize  # SciPy loads only when training

    # SciPy passes the iterate as an OptimizeResult only to a parameter of this exact name.
    def callback(intermediate_result: OptimizeResult) -> None:
        history.append((len(history), float(intermediate_result.fun)))
        if observe is not None:
            observe(history[-1])
        monitor.step(min(len(history) - 1, steps) / steps)

    cancelled, message = False, ""
    try:
        result = minimize(
            fun,
            W0.ravel(),
            jac=True,
            method="L-BFGS-B",
            callback=callback,
            options={"maxiter": steps, "maxcor": LBFGS_MEMORY, "ftol": tolerance, "gtol": 1e-10},
        )
        message = str(result.message)
    except Cancelled:
        cancelled, message = True, "stopped by the caller"
    W = best_x.reshape(shape)
    norm2 = float(W.ravel() @ W.ravel())
    if norm2 > 0:
        W = W * np.sqrt(params.T / norm2)
    final = linear_objective(W, params)
    return LinearResult(
        params, W, final.a, final.loss, first.loss, tuple(history), cancelled, message
    )
