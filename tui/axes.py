"""Axis windows and ticks: the presentation decisions over what the model's views compute.

The views (:mod:`superpos_model.views`) say what to draw; this module decides
how much of it the axes show and where their ticks go.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from superpos_model.views.explorer import Curves
from superpos_model.views.walkthrough import StepPicture

#: Zoom to the minima pads the y-window by this fraction of the minima's spread,
#: and by at least this fraction of their level, so a near-tie is still visible.
ZOOM_SPREAD_PAD = 0.5
ZOOM_LEVEL_PAD = 0.01
#: Headroom above the largest loss (and below the smallest, on a log scale).
Y_PAD = 0.05
#: A walkthrough picture's headroom around everything drawn, as a fraction of its span.
PICTURE_PAD = 0.08


def y_limits(
    curves: Curves, shown: Iterable[str], zoom: bool, log: bool = False
) -> tuple[float, float]:
    """The loss window for the schemes ``shown``: everything, or just around the minima.

    Zooming frames the exact and simulated minima (with one SE), padded so that
    schemes that nearly tie are still told apart; the notes' stated minima are
    left out because a typo (single's z(T−D)/D) would otherwise set the scale.
    On a log scale the window starts just below the smallest positive loss.
    """
    chosen = [curves.schemes[name] for name in shown if name in curves.schemes]
    if not chosen:
        chosen = list(curves.schemes.values())
    values = [c.exact for c in chosen] + [c.notes for c in chosen if c.notes is not None]
    values += [c.simulated - c.simulated_se for c in chosen]
    values += [c.simulated + c.simulated_se for c in chosen]
    if zoom:
        lows, highs = [], []
        for c in chosen:
            best = int(np.argmin(c.simulated))
            lows += [c.loss_opt, c.simulated[best] - c.simulated_se[best]]
            highs += [c.loss_opt, c.simulated[best] + c.simulated_se[best]]
        low, high = min(lows), max(highs)
        pad = max(ZOOM_SPREAD_PAD * (high - low), ZOOM_LEVEL_PAD * abs(high))
        low, high = low - pad, high + pad
    else:
        high = max(float(np.max(v)) for v in values) * (1.0 + Y_PAD)
        low = 0.0
    if log:
        everything = np.concatenate(values)
        positive = everything[everything > 0]
        floor = float(positive.min()) / (1.0 + Y_PAD) if positive.size else 1e-12
        low = max(low, floor)
        high = max(high, low * (1.0 + Y_PAD))
    return low, high if high > low else low + 1.0


def padded(low: float, high: float, pad: float = PICTURE_PAD) -> tuple[float, float]:
    """[low, high] widened by ``pad`` of its span (or of its level when it has none)."""
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
    return low - pad * span, high + pad * span


def log_ticks(low: float, high: float) -> tuple[float, ...]:
    """1, 2 and 5 times the powers of ten in [low, high], thinned to the decades if many."""
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ticks = [m * 10.0**k for k in decades for m in (1, 2, 5) if low <= m * 10.0**k <= high]
    decade_ticks = [t for t in ticks if math.log10(t).is_integer()]
    return tuple(decade_ticks if len(decade_ticks) >= 3 else ticks)


def linear_ticks(high: float, most: int = 6) -> tuple[float, ...]:
    """Round ticks 0, s, 2s, … up to ``high``: s is 1, 2 or 5 times a power of ten, the
    smallest that gives at most ``most`` ticks."""
    if not high > 0:
        return (0.0,)
    power = 10.0 ** math.floor(math.log10(high / most))
    step = next(m * power for m in (1, 2, 5, 10) if high / (m * power) < most)
    # Rounding drops the binary noise of k·step (0.6000000000000001).
    return tuple(round(k * step, 12) for k in range(int(high / step) + 1))


def picture_limits(picture: StepPicture) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y windows of a walkthrough picture: everything drawn, with headroom.

    A loss curve spans its whole a-grid; a comparison spans its values ± SE on x
    and one unit per row on y.
    """
    marks = picture.marks
    if picture.rows:
        low = min(m.x - m.x_se for m in marks)
        high = max(m.x + m.x_se for m in marks)
        return padded(low, high), (0.5, len(picture.rows) + 0.5)
    right = max(float(c.a[-1]) for c in picture.curves)
    lows = [float(c.loss.min()) for c in picture.curves] + [m.y - m.y_se for m in marks]
    highs = [float(c.loss.max()) for c in picture.curves] + [m.y + m.y_se for m in marks]
    return (0.0, right), padded(min(lows), max(highs))


#: A sweep's x axis is logarithmic once its values span this factor or more.
LOG_X_SPAN = 20.0


def sweep_log_x(values: Iterable[float]) -> bool:
    """Whether swept values are drawn on a log axis: all positive and spanning many-fold."""
    xs = [float(v) for v in values]
    return bool(xs) and min(xs) > 0 and max(xs) / min(xs) >= LOG_X_SPAN


def sweep_y_limits(losses: Iterable[np.ndarray]) -> tuple[float, float]:
    """From 0 to just above the largest finite loss drawn."""
    finite = [float(np.nanmax(v)) for v in losses if np.isfinite(v).any()]
    high = max(finite, default=1.0) * (1.0 + Y_PAD)
    return 0.0, high if high > 0 else 1.0
