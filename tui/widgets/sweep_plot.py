"""The sweep's plot: each scheme's optimal loss against the swept value, drawn with plotext.

The linear readout is a solid line (braille) with the scheme's capital letter at
every swept value, the ReLU readout a dotted line with the small letter, so the
plot reads without colour; × marks each crossing (midway between its two whole
numbers) and a vertical line the cursor.  A log x axis is drawn as log10 of the
values with ticks at round values.
"""

from __future__ import annotations

import math

import numpy as np

from superpos_model.sweep import SweepResult
from superpos_model.views.sweep import crossing_marks, sweep_series

from ..axes import linear_ticks, log_ticks, sweep_log_x, sweep_y_limits
from .cached_plot import CachedPlot
from .scheme_style import STYLES

Y_LABEL = "↑ optimal loss per sample, summed over T features"
CROSSING_MARKER = "×"
#: Line marker and point letter per readout.
LINE_MARKERS = {"linear": "braille", "relu": "·"}


def point_letter(readout: str, scheme: str) -> str:
    letter = STYLES[scheme].letter
    return letter if readout == "linear" else letter.lower()


class SweepPlot(CachedPlot):
    """The losses of a :class:`~superpos_model.sweep.SweepResult`, with a cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: tuple[SweepResult | None, int] = (None, 0)

    def show(self, result: SweepResult | None, cursor: int) -> None:
        """Redraw ``result`` with the cursor at its ``cursor``-th value."""
        self._view = (result, cursor)
        self.changed()

    def draw(self) -> None:
        result, cursor = self._view
        plt = self.plt
        plt.title(Y_LABEL)
        if result is None:
            return
        log = sweep_log_x(result.values)
        plt.xlabel(f"{result.field} (log scale)" if log else result.field)

        def at(x: np.ndarray | float) -> np.ndarray:
            return np.log10(x) if log else np.asarray(x, dtype=float)

        series = sweep_series(result)
        drawn = []
        for s in series:
            keep = np.isfinite(s.loss)
            drawn.append((s, at(s.x[keep]).tolist(), s.loss[keep].tolist()))
        # Every line first, then every letter: no line hides a point's letter.
        for s, x, y in drawn:
            plt.plot(x, y, marker=LINE_MARKERS.get(s.readout, "·"), color=STYLES[s.scheme].rgb)
        for s, x, y in drawn:
            letter = point_letter(s.readout, s.scheme)
            plt.scatter(x, y, marker=letter, color=STYLES[s.scheme].rgb)
        for mark in crossing_marks(result):
            plt.scatter(
                [float(at(mark.at))], [mark.loss], marker=CROSSING_MARKER, color=self.colour(None)
            )
        plt.vline(float(at(result.values[cursor])), color=self.colour(None, "accent"))
        low, high = sweep_y_limits(s.loss for s in series)
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
