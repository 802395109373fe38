"""The loss against training steps, live, with the fixed schemes' optima as horizontal lines.

The training curve is drawn in dots (•); each line has its own character and
its label and value at the right end, so the plot reads without colour
(NO_COLOR).  Lines at the same loss (multi and the bound when D divides T) share
one line and one label.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from superpos_model.views.optimize import LossLine

from ..axes import linear_ticks, padded
from ..format import number
from ..palette import BLUE, SCHEME_COLOURS, VERMILION, hex_colour
from .cached_plot import CachedPlot

X_LABEL = "training step"
TRAINED_RGB = BLUE
BOUND_RGB = VERMILION
#: Each line's character: the schemes by their initial, the bound by a heavy rule.
LINE_CHARS = {"random": "r", "single": "s", "multi": "m", "bound": "═"}
#: Points drawn of a long history: plotext's build time grows with them.
DRAWN_POINTS = 300
TRAINED_MARKER = "•"


def line_rgb(key: str) -> tuple[int, int, int]:
    """A line's colour: the scheme's own, or the bound's."""
    return SCHEME_COLOURS.get(key, BOUND_RGB)


class OptimizeLossPlot(CachedPlot):
    """Loss per sample against step, with random, single, multi and (linear) the rank-D bound."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: tuple[LossLine, ...] = ()
        self._history: tuple[tuple[int, float], ...] = ()
        self._readout = "linear"

    def show(
        self, lines: tuple[LossLine, ...], history: Sequence[tuple[int, float]], readout: str
    ) -> None:
        """Redraw with horizontal ``lines`` and the training ``history`` so far."""
        self._lines, self._history, self._readout = lines, tuple(history), readout
        self.changed()

    def draw(self) -> None:
        plt = self.plt
        noisy = " (minibatch estimate, noisy)" if self._readout == "relu" else ""
        plt.title(f"↑ loss per sample{noisy}")
        plt.xlabel(X_LABEL)
        lines, history = self._lines, self._history
        right = max(max((step for step, _ in history), default=0), 1)
        values = [line.value for line in lines] + [loss for _, loss in history]
        if not values:
            return
        background = self.colour(None, "surface")
        for group in merged(lines):
            first = group[0]
            colour = self.colour(line_rgb(first.key))
            label = " = ".join(line.label for line in group) + f" {number(first.value)}"
            plt.plot(
                [0, right], [first.value, first.value], marker=LINE_CHARS[first.key], color=colour
            )
            plt.text(
                label, right, first.value, color=colour, background=background, alignment="right"
            )
        # The training curve last, over the lines: it often runs along one of them (ReLU's
        # random start) and, drawn first, was hidden under that line's characters.
        if history:
            every = max(1, len(history) // DRAWN_POINTS)
            shown = list(history[::every]) + ([history[-1]] if len(history) % every else [])
            plt.plot(
                [s for s, _ in shown],
                [v for _, v in shown],
                marker=TRAINED_MARKER,
                color=self.colour(TRAINED_RGB),
            )
        plt.ylim(*padded(min(values), max(values)))
        plt.xlim(0, right)
        ticks = linear_ticks(right, 5)
        plt.xticks(list(ticks), [f"{t:,.0f}" for t in ticks])


def merged(lines: tuple[LossLine, ...]) -> list[list[LossLine]]:
    """Lines grouped where their values agree to display precision (they are drawn once)."""
    groups: list[list[LossLine]] = []
    for line in lines:
        if groups and number(groups[-1][0].value) == number(line.value):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def loss_legend(lines: tuple[LossLine, ...], latest: float | None, se: float | None) -> Text:
    """The latest training loss and how far it sits from random and the lowest line."""
    text = Text()
    trained = f"{TRAINED_MARKER} trained" + (f" {number(latest)}" if latest is not None else "")
    if latest is not None and se is not None:
        trained += f" ± {number(se, 2)} (held out)"
    text.append(trained, style=f"bold {hex_colour(TRAINED_RGB)}")
    values = {line.key: line.value for line in lines}
    if latest is None or not values:
        return text
    random = values.get("random")
    if random:
        gain = 100 * (random - latest) / random
        text.append(f"  {abs(gain):.2f} % {'below' if gain >= 0 else 'above'} random")
    # The bound when there is one (it ties multi when D divides T), else the best scheme.
    lowest = values.get("bound", min(values.values()))
    label = "the bound" if "bound" in values else "the best scheme"
    text.append(f"  {latest - lowest:+.2g} from {label}")
    return text
