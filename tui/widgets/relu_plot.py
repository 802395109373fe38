"""The plot of a readout with a bias — ReLU under squared error, or the logits under
cross-entropy: each scheme's loss at each a, with b at its best for that a.

Curves are solid (braille); the simulated loss at the best readout carries the
scheme's letter and a ±SE bar; ◆ marks (a*, L*) and a vertical line the current a.
A scheme whose loss has no minimum gets no ◆: a dashed line at the limit its curve
falls toward, and its letter at the finite a where it was simulated.  Only the
schemes shown are drawn; the y-window follows them (or their minima when zoomed),
like the linear plot's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
from rich.text import Text

from .cached_plot import CachedPlot
from .plot_clip import Box, clip_line, inside
from .scheme_style import STYLES

if TYPE_CHECKING:
    from superpos_model.views.relu import ReluExplorer

X_LABEL = "readout scale a (b at its best for each a)"
Y_LABEL = "↑ loss at each a with b at its best, summed over T features"
OPT_MARKER = "◆"
#: Headroom above the highest point shown, and around the minima when zoomed.
Y_PAD, ZOOM_PAD = 0.05, 0.5


def _window(view: ReluExplorer, shown: tuple[str, ...], zoom: bool, log: bool):
    names = shown or tuple(view.report.schemes)
    schemes = [view.report.schemes[n] for n in names]
    minima = [view.best(n).least for n in names]
    simulated = [r.at_opt.simulated + r.at_opt.se for r in schemes]
    if zoom:
        low, high = min(minima), max(minima + simulated)
        pad = max(ZOOM_PAD * (high - low), 0.01 * max(high, 1e-9))
        low, high = low - pad, high + pad
    else:
        curves = [view.curves[n].loss for n in shown] or list(c.loss for c in view.curves.values())
        top = max(float(np.max(c)) for c in curves)
        low, high = 0.0, max(top, *simulated) * (1 + Y_PAD)
    if log:
        positive = [x for x in minima if x > 0] or [1e-6]
        low = max(low, min(positive) / 2)
    return low, max(high, low * 1.01 + 1e-12)


class ReluPlot(CachedPlot):
    """Best-bias loss curves of the schemes shown."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view: tuple[ReluExplorer | None, tuple[str, ...], bool, bool, float | None] = (
            None,
            (),
            False,
            False,
            None,
        )

    def show(
        self,
        view: ReluExplorer | None,
        shown: Iterable[str],
        zoom: bool,
        log: bool,
        current_a: float | None,
    ) -> None:
        self._view = (view, tuple(shown), zoom, log, current_a)
        self.changed()

    def draw(self) -> None:
        view, shown, zoom, log, current_a = self._view
        plt = self.plt
        plt.title(Y_LABEL)
        plt.xlabel(X_LABEL)
        if view is None:
            return
        shown = tuple(name for name in view.curves if name in set(shown))
        low, high = _window(view, shown, zoom, log)
        box = (0.0, view.a_max, low, high)
        for name in shown:
            self._draw_scheme(view, name, log, box)
        if current_a is not None:
            plt.vline(current_a, color=self.colour(None))
        plt.xlim(0.0, view.a_max)
        if log:
            plt.yscale("log")
            plt.ylim(math.log10(low), math.log10(high))
        else:
            plt.ylim(low, high)

    def _draw_scheme(self, view: ReluExplorer, name: str, log: bool, box: Box) -> None:
        """One scheme's curve and marks, cut to the window ``box``: plotext joins points with
        every cell between them, even far outside the axes, so a zoomed window over curves
        that leave it took gigabytes (a MemoryError found by the 10-minute monkey)."""
        plt, style = self.plt, STYLES[name]
        curve, m, best = view.curves[name], view.report.schemes[name].at_opt, view.best(name)
        keep = curve.loss > 0 if log else np.ones(len(curve.a), dtype=bool)
        for xs, ys in clip_line(curve.a[keep].tolist(), curve.loss[keep].tolist(), box):
            plt.plot(xs, ys, marker="braille", color=style.rgb)
        a = best.a
        if (m.simulated > 0 or not log) and inside([a], [m.simulated], box):
            if not log:
                se = min(m.se, box[3] - box[2])  # a bar no taller than the window
                self.error_bars([a], [m.simulated], yerr=[se], color=style.rgb)
            plt.scatter([a], [m.simulated], marker=style.letter, color=style.rgb)
        if best.least > 0 or not log:
            if best.limit:
                # No minimum to mark: the level the curve falls toward as it goes on.
                if box[2] <= best.least <= box[3]:
                    plt.hline(best.least, color=style.rgb)
            elif inside([a], [best.least], box):
                plt.scatter([a], [best.least], marker=OPT_MARKER, color=style.rgb)


def relu_legend(
    view: ReluExplorer | None, shown: Iterable[str], zoom: bool, log: bool, a: float | None
) -> Text:
    """The schemes (with their toggle keys), the view, and each mark's meaning with (a*, b*)."""
    shown = set(shown)
    text = Text()
    for name, style in STYLES.items():
        on = name in shown
        text.append(f"{style.key}:", style="bold")
        label = name
        if view is not None and on:
            best = view.best(name)
            label = f"{name} ({best.a:.3g}, {best.b:.3g})"
            if best.limit:
                label = f"{name} (→ {best.least:.3g}, {best.limit.replace(' ', '')})"
        text.append(
            f"{style.letter} {label}" if on else f"{name} (off)",
            style=f"bold {style.hex}" if on else "dim strike",
        )
        text.append("  ")
    text.append("\n⣿ exact, best b  ┼ simulated ±SE  ◆ (a*, b*)")
    if view is not None and any(view.best(name).limit for name in shown):
        text.append("  ─ limit")
    text.append(f"  │ a = {a:g}" if a is not None else "")
    view_text = ["zoom: minima" if zoom else "all", "log y" if log else "linear y"]
    text.append(f"  [{', '.join(view_text)}]", style="italic")
    return text
