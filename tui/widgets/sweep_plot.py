"""The sweep's plot: each scheme's optimal loss against the swept value, drawn with plotext.

The linear readout is a solid line (braille) with the scheme's capital letter at
every swept value, the ReLU readout a dotted line with the small letter, so the
plot reads without colour; × marks each crossing (midway between its two whole
numbers) and a vertical line the cursor.  A log x axis is drawn as log10 of the
values with ticks at round values.

The y axis has three views (:data:`Y_VIEWS`): the loss from 0, the loss on a log
scale, and each loss divided by its readout's best at that value (log scale, the
winner at 1), where margins of a few per cent between schemes are seen that a
loss axis running to hundreds hides.
"""

from __future__ import annotations

import math

import numpy as np

from superpos_model.sweep import SweepResult
from superpos_model.views.sweep import Series, crossing_marks, sweep_series

from ..axes import linear_ticks, log_ticks, sweep_log_x, sweep_log_y_limits, sweep_y_limits
from .cached_plot import CachedPlot
from .scheme_style import STYLES

Y_LABEL = "↑ optimal loss per sample, summed over T features"
#: The y axis's views, in the order the screen's key cycles them, and their titles.
Y_VIEWS = ("linear", "log", "ratio")
Y_TITLES = {
    "linear": Y_LABEL,
    "log": f"{Y_LABEL} (log scale)",
    "ratio": "↑ loss ÷ its readout's best loss at that value (log scale; 1 = the winner)",
}
CROSSING_MARKER = "×"
#: Line marker and point letter per readout.
LINE_MARKERS = {"linear": "braille", "relu": "·"}


def point_letter(readout: str, scheme: str) -> str:
    letter = STYLES[scheme].letter
    return letter if readout == "linear" else letter.lower()


def relative_losses(series: list[Series]) -> list[np.ndarray]:
    """Each series' loss divided by the least loss of its readout at the same value.

    The winner is at 1; where the best loss is 0 (or a point failed) the ratio is NaN
    and not drawn.
    """
    best: dict[str, np.ndarray] = {}
    for s in series:
        best[s.readout] = np.fmin(best.get(s.readout, np.full_like(s.loss, np.inf)), s.loss)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = [s.loss / best[s.readout] for s in series]
    return [np.where(np.isfinite(r), r, np.nan) for r in ratios]


class SweepPlot(CachedPlot):
    """The losses of a :class:`~superpos_model.sweep.SweepResult`, with a cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: tuple[SweepResult | None, int, str] = (None, 0, "linear")

    def show(self, result: SweepResult | None, cursor: int, y_view: str = "linear") -> None:
        """Redraw ``result`` with the cursor at its ``cursor``-th value, y as ``y_view``
        (one of :data:`Y_VIEWS`)."""
        self._view = (result, cursor, y_view)
        self.changed()

    def draw(self) -> None:
        result, cursor, y_view = self._view
        plt = self.plt
        plt.title(Y_TITLES[y_view])
        if result is None:
            return
        log = sweep_log_x(result.values)
        plt.xlabel(f"{result.field} (log scale)" if log else result.field)

        def at(x: np.ndarray | float) -> np.ndarray:
            return np.log10(x) if log else np.asarray(x, dtype=float)

        series = sweep_series(result)
        ys = relative_losses(series) if y_view == "ratio" else [s.loss for s in series]
        log_y = y_view != "linear"

        def height(y: np.ndarray) -> np.ndarray:
            return np.log10(y) if log_y else y

        drawn = []
        for s, y in zip(series, ys, strict=True):
            keep = np.isfinite(y) & (y > 0) if log_y else np.isfinite(y)
            drawn.append((s, at(s.x[keep]).tolist(), height(y[keep]).tolist()))
        # Every line first, then every letter: no line hides a point's letter.
        for s, x, y in drawn:
            plt.plot(x, y, marker=LINE_MARKERS.get(s.readout, "·"), color=STYLES[s.scheme].rgb)
        for s, x, y in drawn:
            letter = point_letter(s.readout, s.scheme)
            plt.scatter(x, y, marker=letter, color=STYLES[s.scheme].rgb)
        for mark in crossing_marks(result):
            # At a crossing the winner changes: its ratio is 1 on either side.
            level = 1.0 if y_view == "ratio" else mark.loss
            if log_y and not level > 0:
                continue
            plt.scatter(
                [float(at(mark.at))],
                [float(height(np.array(level)))],
                marker=CROSSING_MARKER,
                color=self.colour(None),
            )
        plt.vline(float(at(result.values[cursor])), color=self.colour(None, "accent"))
        if log_y:
            low, high = sweep_log_y_limits(ys)
            plt.ylim(math.log10(low), math.log10(high))
            yticks = log_ticks(low, high, 5)
            plt.yticks([math.log10(t) for t in yticks], [f"{t:g}" for t in yticks])
        else:
            low, high = sweep_y_limits(ys)
            plt.ylim(low, high)
            yticks = linear_ticks(high)
            plt.yticks(list(yticks), [f"{t:g}" for t in yticks])
        left, right = float(at(result.values[0])), float(at(result.values[-1]))
        if right <= left:
            left, right = left - 0.5, right + 0.5
        plt.xlim(left, right)
        if log:
            ticks = log_ticks(result.values[0], result.values[-1])
            plt.xticks([math.log10(t) for t in ticks], [f"{t:g}" for t in ticks])
        elif float(result.values[0]) >= 0:
            shown = [t for t in linear_ticks(right) if t >= left]
            plt.xticks(shown, [f"{t:g}" for t in shown])
