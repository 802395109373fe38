"""A plotext plot that draws afresh from its data, and only when something changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

from plotext import _utility as plotext_utility
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.color import Color, ColorParseError
from textual_plotext import PlotextPlot


@lru_cache(maxsize=1024)
def _style(fullground: object, style: object, background: object) -> Style:
    """The rich style of one plotext colour triple, decoded from plotext's own ANSI codes."""
    ansi = plotext_utility.colors_to_ansi(fullground, style, background)
    decoded = Text.from_ansi(f"{ansi}x{plotext_utility.ansi_end}")
    return decoded.spans[0].style if decoded.spans else Style()  # type: ignore[return-value]


def _text(matrix: object) -> Text:
    """plotext's character matrix as rich Text, run by run of one style.

    The same picture as ``Text.from_ansi(build())``, without writing every cell's colours
    as ANSI codes and parsing them back (two thirds of a redraw at 200×60).
    """
    marker = matrix.marker  # type: ignore[attr-defined]
    fore, style, back = matrix.fullground, matrix.style, matrix.background  # type: ignore[attr-defined]
    text = Text(no_wrap=True, overflow="crop")
    for row in range(len(marker) - 1, -1, -1):
        chars, f, st, b = marker[row], fore[row], style[row], back[row]
        start = 0
        for col in range(1, len(chars) + 1):
            if col == len(chars) or (f[col], st[col], b[col]) != (f[start], st[start], b[start]):
                text.append("".join(chars[start:col]), _style(f[start], st[start], b[start]))
                start = col
        text.append("\n")
    return text


#: The theme colours a plot may ask for: every theme must give each of them (a test checks).
ThemeVariable = Literal["foreground", "foreground-muted", "accent", "surface"]


def theme_rgb(variables: Mapping[str, str], variable: ThemeVariable) -> tuple[int, int, int] | None:
    """A theme's ``variable`` colour as RGB; None (the terminal's own colour) where the theme
    gives it no RGB value, as the ANSI themes' ``ansi_default 50%``."""
    try:
        return Color.parse(variables[variable]).rgb
    except ColorParseError:
        return None


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
            self._rendered = (key, self._build())
        return self._rendered[1]

    def _build(self) -> Text:
        """What :meth:`PlotextPlot.render` draws, built straight from plotext's matrix."""
        plot = self._plot
        plot.plotsize(self.size.width, self.size.height)
        plot._set_size(self.size.width, self.size.height)  # as PlotextPlot.render does
        plot.theme(self._get_plotext_theme_name(self.app.theme))
        # The figure's build() without its final set_canvas (plotext's figure is untyped).
        figure: Any = plot
        figure._set_sizes()
        figure._build_matrix()
        return _text(figure.monitor.matrix)

    def changed(self) -> None:
        """Ask for a fresh drawing: the data changed."""
        self._version += 1
        self.refresh()

    def draw(self) -> None:
        """Issue the plotext calls for the current data."""
        raise NotImplementedError

    def colour(
        self, rgb: tuple[int, int, int] | None, variable: ThemeVariable = "foreground"
    ) -> tuple[int, int, int] | None:
        """``rgb``, or for None the theme's ``variable`` colour (see :func:`theme_rgb`)."""
        return rgb if rgb is not None else theme_rgb(self.app.theme_variables, variable)

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
