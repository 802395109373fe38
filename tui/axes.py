"""Axis windows and ticks: the presentation decisions over what the model's views compute.

The views (:mod:`superpos_model.views`) say what to draw; this module decides
how much of it the axes show and where their ticks go.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from superpos_model.views.explorer import Curves, SchemeCurves
from superpos_model.views.walkthrough import StepPicture

#: Zoom to the minima pads the y-window by this fraction of the minima's spread,
#: and by at least this fraction of their level, so a near-tie is still visible.
ZOOM_SPREAD_PAD = 0.5
ZOOM_LEVEL_PAD = 0.01
#: Headroom around everything a window frames, as a fraction of its span.
Y_PAD = 0.05
#: Zooming keeps a scheme's minimum in the x-window only while the window stays
#: within this many widths of the best scheme's bowl; a minimum farther away
#: (single's a* = 1 beside the others' a* ≈ D/T) is marked at the window's edge.
ZOOM_BOWLS = 4.0
#: A walkthrough picture's headroom around everything drawn, as a fraction of its span.
PICTURE_PAD = 0.08
#: A histogram's bars fill their frame: a little headroom on x keeps the edge bars
#: off the axes.
HISTOGRAM_PAD = 0.02
#: Rows of a histogram's canvas where the caller does not say (the app's narrow layout).
HISTOGRAM_ROWS = 9


@dataclass(frozen=True)
class Window:
    """The part of the (a, loss) plane a plot shows: ``x`` and ``y`` as (low, high)."""

    x: tuple[float, float]
    y: tuple[float, float]


def _chosen(curves: Curves, shown: Iterable[str]) -> list[SchemeCurves]:
    chosen = [curves.schemes[name] for name in shown if name in curves.schemes]
    return chosen or list(curves.schemes.values())


def _minima(chosen: list[SchemeCurves]) -> tuple[list[float], list[float]]:
    """The exact minima and the simulated minima ± SE: what every window keeps in view."""
    lows, highs = [], []
    for c in chosen:
        best = int(np.argmin(c.simulated))
        lows += [c.loss_opt, c.simulated[best] - c.simulated_se[best]]
        highs += [c.loss_opt, c.simulated[best] + c.simulated_se[best]]
    return lows, highs


def _bowl(c: SchemeCurves, a: np.ndarray, top: float) -> tuple[float, float]:
    """The a-range where a scheme's exact curve is under ``top`` (its a* at least)."""
    under = a[c.exact <= top]
    if not under.size:
        return c.a_opt, c.a_opt
    return min(float(under[0]), c.a_opt), max(float(under[-1]), c.a_opt)


def plot_window(curves: Curves, shown: Iterable[str], zoom: bool, log: bool = False) -> Window:
    """The window of the loss plot for the schemes ``shown``.

    By default it spans a from 0 to :attr:`Curves.a_max` and loss from just
    under the lowest minimum to just over the loss of the zero readout (a = 0),
    so the minima are told apart (the loss at the chosen a is in the table).
    Curves leave it where they rise past that; the notes' stated minima outside
    it (single's typo z(T−D)/D) are marked at its edge.  Zooming frames the exact and
    simulated minima (with one SE) on y, padded so that a near-tie is visible,
    and on x the bowls of the best scheme and of the schemes whose minima lie
    within :data:`ZOOM_BOWLS` widths of it.  On a log scale the window starts
    just below the smallest positive value it frames.
    """
    chosen = _chosen(curves, shown)
    lows, highs = _minima(chosen)
    if zoom:
        low, high = min(lows), max(highs)
        pad = max(ZOOM_SPREAD_PAD * (high - low), ZOOM_LEVEL_PAD * abs(high))
        low, high = low - pad, high + pad
        x = _zoomed_x(curves, chosen, high)
    else:
        highs += [float(c.exact[0]) for c in chosen]
        low, high = min(lows), max(highs)
        pad = max(Y_PAD * (high - low), ZOOM_LEVEL_PAD * abs(high))
        low, high = low - pad, high + pad
        x = (0.0, curves.a_max)
    if log:
        framed = np.array(lows + highs)
        positive = framed[framed > 0]
        floor = float(positive.min()) / (1.0 + Y_PAD) if positive.size else 1e-12
        low = max(low, floor)
        high = max(high, low * (1.0 + Y_PAD))
    return Window(x, (low, high if high > low else low + 1.0))


def _zoomed_x(curves: Curves, chosen: list[SchemeCurves], top: float) -> tuple[float, float]:
    best = min(chosen, key=lambda c: c.loss_opt)
    x0, x1 = _bowl(best, curves.a, top)
    width = max(x1 - x0, 1e-3 * curves.a_max)
    for c in chosen:
        lo, hi = _bowl(c, curves.a, top)
        lo, hi = min(lo, x0), max(hi, x1)
        if hi - lo <= ZOOM_BOWLS * width:
            x0, x1 = lo, hi
    pad = Y_PAD * (x1 - x0) or 0.05 * curves.a_max
    return max(0.0, x0 - pad), min(curves.a_max, x1 + pad)


def y_limits(
    curves: Curves, shown: Iterable[str], zoom: bool, log: bool = False
) -> tuple[float, float]:
    """The loss window of :func:`plot_window`."""
    return plot_window(curves, shown, zoom, log).y


def round_ticks(low: float, high: float, most: int = 6) -> tuple[float, ...]:
    """Round ticks in [low, high]: multiples of s, where s is 1, 2 or 5 times a power of
    ten, the smallest that gives at most ``most`` ticks."""
    span = high - low
    if not span > 0:
        return (low,)
    power = 10.0 ** math.floor(math.log10(span / most))
    step = next(m * power for m in (1, 2, 5, 10) if span / (m * power) < most)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    # Rounding drops the binary noise of k·step (0.6000000000000001).
    return tuple(round(k * step, 12) for k in range(first, last + 1))


def padded(low: float, high: float, pad: float = PICTURE_PAD) -> tuple[float, float]:
    """[low, high] widened by ``pad`` of its span (or of its level when it has none)."""
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
    return low - pad * span, high + pad * span


#: A log axis with fewer of its 1-2-5 ticks than this gets round ticks instead.
LOG_TICKS_LEAST = 3


def log_ticks(low: float, high: float, most: int = 6) -> tuple[float, ...]:
    """1, 2 and 5 times the powers of ten in [low, high], thinned to the decades if many.

    A window narrower than that (a loss between 4.4 and 5.1 holds only the 5) gets
    the round ticks of :func:`round_ticks` instead, at most ``most``: a log axis
    over less than a decade is nearly linear, and one label cannot be read as a scale.
    """
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ticks = [m * 10.0**k for k in decades for m in (1, 2, 5) if low <= m * 10.0**k <= high]
    decade_ticks = [t for t in ticks if math.log10(t).is_integer()]
    if len(decade_ticks) >= LOG_TICKS_LEAST:
        return tuple(decade_ticks)
    if len(ticks) >= LOG_TICKS_LEAST:
        return tuple(ticks)
    return round_ticks(low, high, most)


def linear_ticks(high: float, most: int = 6) -> tuple[float, ...]:
    """Round ticks 0, s, 2s, … up to ``high`` (see :func:`round_ticks`)."""
    return round_ticks(0.0, high, most) if high > 0 else (0.0,)


def mark_heights(picture: StepPicture, rows: int) -> tuple[float, tuple[float, ...]]:
    """A histogram's y-window top and the height of each of its marks, on ``rows`` rows.

    The bars take the rows the marks leave; each level of marks (the marks' y,
    1 to n) gets a row of its own above the tallest bar, so marks in one
    column stay apart however short the plot.
    """
    assert picture.histogram is not None
    levels = max(m.y for m in picture.marks)
    peak = float(picture.histogram.shares.max()) or 1.0
    row = peak / max(rows - levels - 1.0, 1.0)
    return peak + (levels + 1.0) * row, tuple(peak + m.y * row for m in picture.marks)


def picture_limits(
    picture: StepPicture, rows: int = HISTOGRAM_ROWS
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The x and y windows of a walkthrough picture: everything drawn, with headroom.

    A loss curve spans its whole a-grid; a comparison spans its values ± SE on x
    and one unit per row on y; a histogram spans its bins and marks (± SE) on x
    and, on y, from 0 (the bars' base) to a row above its highest mark when
    drawn on ``rows`` rows (:func:`mark_heights`).
    """
    marks = picture.marks
    if picture.histogram is not None:
        edges = picture.histogram.edges
        low = min([float(edges[0])] + [m.x - m.x_se for m in marks])
        high = max([float(edges[-1])] + [m.x + m.x_se for m in marks])
        return padded(low, high, HISTOGRAM_PAD), (0.0, mark_heights(picture, rows)[0])
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


def sweep_log_y_limits(values: Iterable[np.ndarray]) -> tuple[float, float]:
    """Just below the smallest positive finite value drawn to just above the largest
    (a log axis: the padding is a factor)."""
    drawn = [v[np.isfinite(v) & (v > 0)] for v in values]
    low = min((float(v.min()) for v in drawn if v.size), default=1.0)
    high = max((float(v.max()) for v in drawn if v.size), default=1.0)
    return low / (1.0 + Y_PAD), max(high, low * (1.0 + Y_PAD)) * (1.0 + Y_PAD)
