"""The plot of loss versus readout scale a, drawn with plotext.

Exact curves are solid (braille), the notes' curves dotted, simulated points
carry the scheme's letter and ±SE bars, ◆ marks each exact a* and ◇ the notes'
stated a*, and a vertical line the current a.  Markers differ by shape as well
as colour, so the plot reads without colour.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from rich.text import Text

from superpos_model.views.explorer import Curves

from ..axes import y_limits
from .cached_plot import CachedPlot
from .scheme_style import STYLES

X_LABEL = "readout scale a"
Y_LABEL = "↑ loss per sample, summed over T features"
NOTES_MARKER = "·"
OPT_MARKER, NOTES_OPT_MARKER = "◆", "◇"


#: Points drawn per curve: the curves are smooth quadratics joined by straight segments, and
#: plotext's build time grows with the points (a redraw is on every keypress's path).
DRAWN_POINTS = 67


def _positive(x: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    keep = y > 0
    return x[keep].tolist(), y[keep].tolist()


def _thinned(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every k-th point, ends included, for at most about DRAWN_POINTS points."""
    step = max(1, len(x) // DRAWN_POINTS)
    keep = np.unique(np.r_[np.arange(0, len(x), step), len(x) - 1])
    return x[keep], y[keep]


class LossPlot(CachedPlot):
    """Loss curves of the schemes shown, optionally zoomed to the minima or on a log scale."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: tuple[Curves | None, tuple[str, ...], bool, bool] = (None, (), False, False)

    def show(self, curves: Curves | None, shown: Iterable[str], zoom: bool, log: bool) -> None:
        """Redraw with new data or view settings."""
        self._view = (curves, tuple(shown), zoom, log)
        self.changed()

    def draw(self) -> None:
        curves, shown, zoom, log = self._view
        plt = self.plt
        plt.title(Y_LABEL)
        plt.xlabel(X_LABEL)
        if curves is None:
            return
        shown = tuple(name for name in curves.schemes if name in set(shown))
        low, high = y_limits(curves, shown, zoom, log)
        for name in shown:
            self._draw_scheme(curves, name, log)
        if curves.current_a is not None:
            plt.vline(curves.current_a, color=self.colour(None))
        plt.xlim(0.0, curves.a_max)
        if log:
            # plotext takes a log axis's limits as powers of ten.
            plt.yscale("log")
            plt.ylim(math.log10(low), math.log10(high))
        else:
            plt.ylim(low, high)

    def _draw_scheme(self, curves: Curves, name: str, log: bool) -> None:
        plt, c, style = self.plt, curves.schemes[name], STYLES[name]
        color = style.rgb
        plt.plot(*_positive(*_thinned(curves.a, c.exact)), marker="braille", color=color)
        if c.notes is not None:
            plt.plot(*_positive(*_thinned(curves.a, c.notes)), marker=NOTES_MARKER, color=color)
        if not log:
            # A ±SE bar reaching below zero has no place on a log axis.
            self.error_bars(
                c.simulated_a.tolist(),
                c.simulated.tolist(),
                yerr=c.simulated_se.tolist(),
                color=color,
            )
        plt.scatter(*_positive(c.simulated_a, c.simulated), marker=style.letter, color=color)
        for a, loss, marker in (
            (c.notes_a_opt, c.notes_loss_opt, NOTES_OPT_MARKER),
            (c.a_opt, c.loss_opt, OPT_MARKER),
        ):
            # Outside the notes' regime a loss can be 0 (D ≥ T) or even negative (the notes'
            # single formula), which a log axis cannot place.
            if loss > 0 or not log:
                plt.scatter([a], [loss], marker=marker, color=color)


def legend(shown: Iterable[str], zoom: bool, log: bool, current_a: float | None) -> Text:
    """Two lines: the schemes (with their toggle keys) and view, then every mark's meaning."""
    shown = set(shown)
    text = Text()
    for name, style in STYLES.items():
        on = name in shown
        text.append(f"{style.key}:", style="bold")
        text.append(
            f"{style.letter} {name}" if on else f"{name} (off)",
            style=f"bold {style.hex}" if on else "dim strike",
        )
        text.append("  ")
    view = ["zoom: minima" if zoom else "zoom: all", "y: log" if log else "y: linear"]
    text.append(f"[{', '.join(view)}]\n", style="italic")
    text.append("⣿ exact  · notes  ┼ simulated ±SE  ◆ a*  ◇ notes' a*")
    text.append(f"  │ a = {current_a:g}" if current_a is not None else "  (no a chosen)")
    return text
