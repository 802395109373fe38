"""The picture beside a walkthrough step, drawn with plotext from a model-made StepPicture.

Roles differ by shape as well as colour (◆ the formula, ◇ the notes, ┼ with
±SE bars the simulation; exact curves solid, the notes' dotted; a histogram's
bars are blocks, its marks stand on stems above them), so the picture reads
without colour.
"""

from __future__ import annotations

from rich.text import Text

from superpos_model.histogram import Histogram
from superpos_model.views.walkthrough import Quantity, Role, StepPicture

from ..axes import mark_heights, picture_limits, round_ticks
from ..palette import BLUE, BLUISH_GREEN, VERMILION
from .cached_plot import CachedPlot

LOSS_LABEL = "loss per sample, summed over T features"
#: A loss-curve picture's title, after its scheme's name.
CURVE_TITLES = {
    Quantity.ARGMIN: "a*: where L(a) is lowest",
    Quantity.MINIMUM: "L(a*): the lowest loss",
}

#: One colour per role (tui/palette.py).
ROLE_COLOURS = {
    Role.FORMULA: BLUE,
    Role.EXACT: BLUE,
    Role.NOTES: VERMILION,
    Role.SIMULATED: BLUISH_GREEN,
}
MARKERS = {Role.FORMULA: "◆", Role.EXACT: "◆", Role.NOTES: "◇", Role.SIMULATED: "┼"}
CURVE_MARKERS = {Role.EXACT: "braille", Role.NOTES: "·"}
#: A histogram's bars, and the stem from the value axis up to each mark.
BAR = "█"
STEM = "│"
#: Rows of a plotext figure outside its canvas: the title, the frame's two borders,
#: the x ticks and the x label.
FIGURE_ROWS = 5
#: Columns of the plot a histogram's title cannot use: plotext centres a title on
#: the canvas, right of the y tick labels ('0.108┤', 6 columns), and drops one
#: that does not fit.  Then the fewest characters of a wording worth showing cut
#: short (fewer say nothing).
TITLE_MARGIN = 8
SHORTEST_CUT = 12
#: Columns per x tick of a histogram, so that tick labels never run together.
TICK_COLUMNS = 12


class StepPlot(CachedPlot):
    """A :class:`StepPicture`, or nothing."""

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What is drawn now.
        self.picture: StepPicture | None = None

    def show(self, picture: StepPicture | None) -> None:
        self.picture = picture
        self.changed()

    def draw(self) -> None:
        picture, plt = self.picture, self.plt
        if picture is None:
            return
        plt.title(picture_title(picture, self.size.width))
        plt.xlabel(x_label(picture))
        if picture.histogram is not None:
            self._bars(picture.histogram)
        for curve in picture.curves:
            plt.plot(
                curve.a.tolist(),
                curve.loss.tolist(),
                marker=CURVE_MARKERS[curve.role],
                color=ROLE_COLOURS[curve.role],
            )
        canvas_rows = max(self.size.height - FIGURE_ROWS, 1)
        heights = [m.y for m in picture.marks]
        if picture.histogram is not None:
            heights = list(mark_heights(picture, canvas_rows)[1])
        for mark, y in zip(picture.marks, heights, strict=True):
            colour = ROLE_COLOURS[mark.role]
            if picture.histogram is not None:
                plt.plot([mark.x, mark.x], [0.0, y], marker=STEM, color=colour)
            if mark.x_se or mark.y_se:
                self.error_bars([mark.x], [y], xerr=[mark.x_se], yerr=[mark.y_se], color=colour)
            plt.scatter([mark.x], [y], marker=MARKERS[mark.role], color=colour)
        if picture.rows:
            plt.yticks(list(range(1, len(picture.rows) + 1)), list(picture.rows))
        x_limits, y_limits = picture_limits(picture, canvas_rows)
        if picture.histogram is not None:
            # plotext's own ticks over a small range read '-0.00000'; round ones read '0.0005'.
            ticks = round_ticks(*x_limits, most=max(3, self.size.width // TICK_COLUMNS))
            plt.xticks(list(ticks), [f"{t:.4g}" for t in ticks])
        plt.xlim(*x_limits)
        plt.ylim(*y_limits)

    def _bars(self, histogram: Histogram) -> None:
        """One bar a bin, as wide as the bin (plotext sizes a bar by the spacing of its
        neighbours, so every bin is given; it leaves an empty one blank)."""
        self.plt.bar(
            histogram.centres.tolist(),
            histogram.shares.tolist(),
            width=1.0,
            marker=BAR,
            color=self.colour(None, "foreground-muted"),
            reset_ticks=False,
        )


def x_label(picture: StepPicture) -> str:
    """What the x axis measures."""
    if picture.histogram is not None:
        return "value per sample"
    return "value" if picture.rows else "readout scale a"


def picture_title(picture: StepPicture, width: int | None = None) -> str:
    """'single: L(a) at a = 0.5', 'multi: a*: where L(a) is lowest', 'formula vs simulated ± SE',
    or for a histogram what was measured and on how many samples, within ``width``."""
    curve = picture.curve
    if picture.histogram is not None:
        return histogram_title(picture.measured, picture.histogram.total, width)
    if curve is None:
        return " vs ".join(reversed(picture.rows)) + " ± SE"
    if curve.quantity is Quantity.AT_A:
        return f"{curve.scheme}: L(a) at a = {picture.at:.4g}"
    return f"{curve.scheme}: {CURVE_TITLES[curve.quantity]}"


def histogram_title(measured: tuple[str, ...], samples: int, width: int | None) -> str:
    """'<what was measured>: 2,000 samples', with the first wording of ``measured`` that fits
    ``width`` (plotext drops a title wider than the plot), else the first cut short with '…'."""
    count = f"{samples:,} samples"
    titles = [f"{what}: {count}" for what in measured]
    room = (width or 0) - TITLE_MARGIN
    fits = [t for t in titles if width is None or len(t) <= room]
    if fits:
        return fits[0]
    cut = room - len(count) - 3  # the '…: ' between
    if measured and cut >= SHORTEST_CUT:
        return f"{measured[0][:cut].rstrip()}…: {count}"
    return count


def legend(picture: StepPicture | None) -> Text:
    """What each mark of ``picture`` means, in one line."""
    if picture is None:
        return Text()
    # plotext drops a title too wide for the plot, so the y axis is named here.
    parts = [] if picture.rows or picture.histogram else [f"↑ {LOSS_LABEL}"]
    if any(c.role is Role.EXACT for c in picture.curves):
        parts.append("⣿ exact L(a)")
    if any(c.role is Role.NOTES for c in picture.curves):
        parts.append("· notes' L(a)")
    simulated = "simulated mean ± SE" if picture.histogram else "simulated ± SE"
    names = {Role.FORMULA: "formula", Role.NOTES: "notes", Role.SIMULATED: simulated}
    roles = dict.fromkeys(m.role for m in picture.marks)
    parts += [f"{MARKERS[role]} {names[role]}" for role in roles]
    if picture.histogram is not None:
        parts.append(f"{BAR} {bars_meaning(picture.histogram)}")
    return Text("  ".join(parts), style="italic")


def bars_meaning(histogram: Histogram) -> str:
    """'share of samples, 20 of 2,000 beyond the frame': what the bars show and leave out."""
    if not histogram.outside:
        return "share of samples"
    return f"share of samples, {histogram.outside:,} of {histogram.total:,} beyond the frame"
