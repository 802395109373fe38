"""A plotext plot that draws afresh from its data, and only when something changed."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot


class CachedPlot(PlotextPlot):
    """A plotext plot drawn afresh from its data whenever its data, size or theme changed.

    plotext's build transforms a log axis's data in place, so building one figure
    twice (as a resize does) would take the logarithm twice: every build starts
    from a clear figure and :meth:`draw`.  Renders with nothing new (layout changes,
    scrolling) reuse the last one, since plotext redraws its whole canvas per call.
    """

    can_focus = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._version = 0
        self._rendered: tuple[object, RenderResult] | None = None

    def render(self) -> RenderResult:
        key = (self.size, self._version, self.app.theme)
        if self._rendered is None or self._rendered[0] != key:
            self.plt.clear_data()
            self.plt.clear_figure()
            self.draw()
            self._rendered = (key, super().render())
        return self._rendered[1]

    def changed(self) -> None:
        """Ask for a fresh drawing: the data changed."""
        self._version += 1
        self.refresh()

    def draw(self) -> None:
        """Issue the plotext calls for the current data."""
        raise NotImplementedError

    def colour(self, rgb: tuple[int, int, int] | None, variable: str = "foreground") -> tuple:
        """``rgb``, or for None the theme's ``variable`` colour."""
        return rgb or Color.parse(self.app.theme_variables[variable]).rgb

    def error_bars(
        self,
        x: Sequence[float],
        y: Sequence[float],
        *,
        xerr: Sequence[float] | None = None,
        yerr: Sequence[float] | None = None,
        color: tuple[int, int, int] | None = None,
    ) -> None:
        """Bars reaching ±xerr and ±yerr: plotext's ``error`` spans only ±err/2, so double it."""
        self.plt.error(
            list(x),
            list(y),
            xerr=None if xerr is None else [2 * e for e in xerr],
            yerr=None if yerr is None else [2 * e for e in yerr],
            color=color,
        )
