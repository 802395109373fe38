"""Losses that are quadratics in the readout scale a.

Every loss in this model has the form L(a) = A·a² − 2B·a + C, so one small
frozen object gives the whole curve, its minimiser and its minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class Quadratic:
    """L(a) = A·a² − 2B·a + C."""

    A: float
    B: float
    C: float

    @overload
    def __call__(self, a: float) -> float: ...
    @overload
    def __call__(self, a: np.ndarray) -> np.ndarray: ...
    @overload
    def __call__(self, a: ArrayLike) -> np.ndarray | float: ...

    def __call__(self, a: ArrayLike) -> np.ndarray | float:
        """L(a): a float for a number, an array for an array."""
        a = np.asarray(a, dtype=float)
        value = self.A * a * a - 2.0 * self.B * a + self.C
        return float(value) if value.ndim == 0 else value

    @property
    def argmin(self) -> float:
        """The minimising a ≥ 0 (B/A); 0 when the curve does not depend on a."""
        if self.A <= 0.0:
            return 0.0
        return max(self.B / self.A, 0.0)

    @property
    def minimum(self) -> float:
        """L at :attr:`argmin`."""
        return float(self(self.argmin))
