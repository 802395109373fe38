"""The plot of loss versus readout scale a, drawn with plotext.

Exact curves are solid (braille), the notes' curves dotted, simulated points
carry the scheme's letter and ±SE bars, ◆ marks each exact a* and ◇ the notes'
stated a*, and a vertical line the current a.  Markers differ by shape as well
as colour, so the plot reads without colour.  Everything is cut to the window
:func:`~tui.axes.plot_window` chooses; a minimum outside it is written at the
edge it lies beyond, with an arrow and its value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

import numpy as np
from rich.text import Text

from superpos_model.views.explorer import Curves, SchemeCurves

from ..axes import Window, log_ticks, plot_window, round_ticks
from ..format import fixed, tick
from .cached_plot import CachedPlot
from .plot_clip import Box, clip_line, inside
from .scheme_style import STYLES

X_LABEL = "readout scale a"
Y_LABEL = "↑ loss per sample, summed over T features"
NOTES_MARKER = "·"
OPT_MARKER, NOTES_OPT_MARKER = "◆", "◇"
#: Ticks on each axis, at most.
X_TICKS, Y_TICKS = 6, 5


def _ys(values: np.ndarray, log: bool) -> np.ndarray:
    """Loss in plot coordinates: log10 on a log axis (non-positive values drop out as NaN)."""
    if not log:
        return values
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(values > 0, np.log10(np.where(values > 0, values, 1.0)), np.nan)


def _box(window: Window, log: bool) -> Box:
    (x0, x1), (y0, y1) = window.x, window.y
    if log:
        y0, y1 = math.log10(y0), math.log10(y1)
    return x0, x1, y0, y1


Alignment = Literal["left", "center", "right"]


def _edge_label(a: float, loss: float, window: Window) -> tuple[str, float, Alignment] | None:
    """Where a mark outside the window is written: (arrow, x, alignment), None if inside."""
    (x0, x1), (y0, y1) = window.x, window.y
    if a < x0:
        return "◀", x0, "left"
    if a > x1:
        return "▶", x1, "right"
    if loss > y1:
        return "▲", a, "center"
    if loss < y0:
        return "▼", a, "center"
    return None


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
        window = plot_window(curves, shown, zoom, log)
        box = _box(window, log)
        for name in shown:
            self._draw_scheme(curves.a, curves.schemes[name], window, box, log)
        a = curves.current_a
        if a is not None and box[0] <= a <= box[1]:
            plt.vline(a, color=self.colour(None))
        plt.xlim(box[0], box[1])
        plt.ylim(box[2], box[3])
        self._ticks(window, log)

    def _ticks(self, window: Window, log: bool) -> None:
        plt = self.plt
        xs = round_ticks(*window.x, X_TICKS)
        x_step = xs[1] - xs[0] if len(xs) > 1 else window.x[1] - window.x[0]
        plt.xticks(list(xs), [tick(x, x_step) for x in xs])
        if log:
            ys = log_ticks(*window.y, Y_TICKS)
            plt.yticks([math.log10(y) for y in ys], [f"{y:g}" for y in ys])
        else:
            ys = round_ticks(*window.y, Y_TICKS)
            y_step = ys[1] - ys[0] if len(ys) > 1 else window.y[1] - window.y[0]
            plt.yticks(list(ys), [tick(y, y_step) for y in ys])

    def _draw_scheme(
        self, grid: np.ndarray, c: SchemeCurves, window: Window, box: Box, log: bool
    ) -> None:
        plt, style = self.plt, STYLES[c.scheme]
        color = style.rgb
        lines = [(c.exact, "braille")]
        if c.notes is not None:
            lines.append((c.notes, NOTES_MARKER))
        for values, marker in lines:
            y = _ys(values, log)
            keep = ~np.isnan(y)
            for xs, ys in clip_line(grid[keep].tolist(), y[keep].tolist(), box):
                plt.plot(xs, ys, marker=marker, color=color)
        sim_a, sim = c.simulated_a, c.simulated
        points = inside(sim_a.tolist(), _ys(sim, log).tolist(), box)
        if points and not log:
            # A ±SE bar reaching below zero has no place on a log axis.
            self.error_bars(
                sim_a[points].tolist(),
                sim[points].tolist(),
                yerr=np.minimum(c.simulated_se[points], window.y[1] - window.y[0]).tolist(),
                color=color,
            )
        if points:
            plt.scatter(
                sim_a[points].tolist(),
                _ys(sim[points], log).tolist(),
                marker=style.letter,
                color=color,
            )
        for a, loss, marker in (
            (c.notes_a_opt, c.notes_loss_opt, NOTES_OPT_MARKER),
            (c.a_opt, c.loss_opt, OPT_MARKER),
        ):
            # Outside the notes' regime a loss can be 0 (D ≥ T) or even negative (the notes'
            # single formula), which a log axis cannot place.
            if log and loss <= 0:
                continue
            edge = _edge_label(a, loss, window)
            at = float(_ys(np.array([loss]), log)[0])
            if edge is None:
                plt.scatter([a], [at], marker=marker, color=color)
                continue
            arrow, x, alignment = edge
            label = f"{arrow}{style.letter}{marker} {fixed(loss, 2)}"
            if arrow in "◀▶":
                label += f" at a={a:.3g}"
                at = min(max(at, box[2]), box[3])
            else:
                at = box[3] if arrow == "▲" else box[2]
            plt.text(label, x, at, color=color, alignment=alignment)


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
    text.append(f"[{', '.join(view)}]", style="italic")
    text.append(f"  │ a = {current_a:g}\n" if current_a is not None else "\n")
    text.append("⣿ exact · notes  R S M sim ±SE (a staggered)  ◆ a* ◇ notes' a*  ▲ off-plot")
    return text
