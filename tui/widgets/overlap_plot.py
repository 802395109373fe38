"""The histogram of pairwise overlaps ⟨w_i, w_j⟩, with the lines that matter beside it.

Measured counts are a filled area (half blocks), the exact expectation a dotted
curve (•), and each line has its own character and a label at its top, so the
plot reads in monochrome (NO_COLOR) where the colours are gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from superpos_model.interference import OverlapStats
from superpos_model.views.interference import Mark, histogram_series, overlap_marks

from ..axes import linear_ticks
from ..format import among, number
from ..palette import BLUE, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, VERMILION, hex_colour
from .cached_plot import CachedPlot

X_LABEL = "overlap ⟨w_i, w_j⟩ of two unit feature directions (a cosine, unitless)"
COUNTS_MARKER, EXPECTED_MARKER = "hd", "•"
COUNTS_RGB, EXPECTED_RGB = BLUE, ORANGE
#: What each vertical line is called on a plot (the negative RMS line is "−RMS").
MARK_LABELS = {
    "rms": "RMS",
    "welch": "Welch",
    "max": "max",
    "max_typical": "√4ln",
    "jl": "JL",
    "notes": "D/8ln T",
    "threshold": "θ²D/2ln T",
    "typical": "z=D",
}


def mark_label(mark: Mark) -> str:
    """The label at the top of a vertical line."""
    return ("−" if mark.value < 0 else "") + MARK_LABELS[mark.key]


#: Columns of a plot taken by the y-axis ticks and the frame, not the data.
AXIS_COLUMNS = 10
#: Rows of a plot taken by the title, the frame, the x ticks and the x label.
AXIS_ROWS = 5
#: Label rows the histogram keeps free above its highest bar.
LABEL_ROWS = 2


@dataclass(frozen=True)
class LineStyle:
    """How one kind of line is drawn and explained."""

    char: str
    rgb: tuple[int, int, int] | None
    meaning: str

    @property
    def text_style(self) -> str:
        """The colour as a Rich style ("" for the foreground)."""
        return hex_colour(self.rgb) if self.rgb else ""


#: Colours from tui/palette.py; None is the theme's foreground.
OVERLAP_LINES = {
    "rms": LineStyle("┆", BLUISH_GREEN, "±RMS"),
    "welch": LineStyle("┊", SKY_BLUE, "Welch"),
    "max": LineStyle("┃", VERMILION, "max seen"),
    "max_typical": LineStyle("╎", REDDISH_PURPLE, "√(4 ln {T}/D)"),
    "jl": LineStyle("║", None, "JL √(8 ln T/D) (notes)"),
}
#: The comment thread writes m features, n dimensions and l active: said once, here.
THREAD_NAMES = "T, D, z: the thread's m, n, l"


#: The legend starts a new line before these kinds, to keep it at two lines at 80 columns.
LEGEND_BREAKS = frozenset({"max"})


class MarkedPlot(CachedPlot):
    """A cached plot that can draw labelled vertical lines."""

    def marks(
        self,
        marks: tuple[Mark, ...],
        styles: dict[str, LineStyle],
        position: Callable[[float], float],
        height: Callable[[int], float],
        floor: float,
    ) -> None:
        """Vertical lines from ``floor`` up to their labels.

        ``position`` maps a value to its fraction of the x-axis and ``height`` a label
        row (0 at the top) to its y.  A label goes on the highest row where it overlaps
        no other, so lines close together (Welch and RMS, say) keep readable labels.
        """
        columns = max(self.size.width - AXIS_COLUMNS, 1)
        rows: list[list[tuple[float, float]]] = []
        # The labels' own background, so a line or bar under a label does not show through.
        background = self.colour(None, "surface")
        for mark in sorted(marks, key=lambda m: m.value):
            centre = position(mark.value) * columns
            half = len(mark_label(mark)) / 2 + 1
            span = (centre - half, centre + half)
            row = next(
                (
                    i
                    for i, taken in enumerate(rows)
                    if all(span[1] < a or span[0] > b for a, b in taken)
                ),
                len(rows),
            )
            if row == len(rows):
                rows.append([])
            rows[row].append(span)
            style = styles[mark.key]
            colour = self.colour(style.rgb)
            y = height(row)
            self.plt.plot([mark.value, mark.value], [floor, y], marker=style.char, color=colour)
            self.plt.text(
                mark_label(mark),
                mark.value,
                y,
                color=colour,
                background=background,
                alignment="center",
            )


class OverlapPlot(MarkedPlot):
    """Pairs per bin of overlap, measured and expected, with the typical and worst-case lines."""

    overlaps: OverlapStats | None = None

    def show(self, overlaps: OverlapStats | None) -> None:
        """Draw new overlaps (None: nothing computed yet)."""
        self.overlaps = overlaps
        self.changed()

    def draw(self) -> None:
        plt, overlaps = self.plt, self.overlaps
        plt.xlabel(X_LABEL)
        if overlaps is None:
            plt.title("↑ pairs per bin")
            return
        series = histogram_series(overlaps.histogram)
        # The title row has room to spare, and the overlaps are the screen's first view.
        plt.title(f"↑ pairs per bin of width {number(series.width, 4)}    ({THREAD_NAMES})")
        for run in series.runs:
            plt.plot(
                series.centres[run].tolist(),
                series.counts[run].tolist(),
                marker=COUNTS_MARKER,
                color=COUNTS_RGB,
                fillx=True,
            )
        plt.plot(
            series.expected_centres.tolist(),
            series.expected.tolist(),
            marker=EXPECTED_MARKER,
            color=EXPECTED_RGB,
        )
        rows = max(self.size.height - AXIS_ROWS, LABEL_ROWS + 1)
        # Room above the highest bar for LABEL_ROWS rows of labels.
        step = series.top / (rows - LABEL_ROWS)
        high = series.top + LABEL_ROWS * step
        width = series.upper - series.lower
        self.marks(
            overlap_marks(overlaps),
            OVERLAP_LINES,
            position=lambda x: (x - series.lower) / width,
            height=lambda row: high - row * step,
            floor=0.0,
        )
        plt.xlim(series.lower, series.upper)
        plt.ylim(0.0, high)
        ticks = linear_ticks(series.top)
        plt.yticks(list(ticks), [f"{t:,.0f}" for t in ticks])


def overlap_legend(overlaps: OverlapStats | None) -> Text:
    """What every mark means, with the value of every line."""
    text = Text()
    text.append("▟█ pairs (measured)", style=f"bold {hex_colour(COUNTS_RGB)}")
    text.append("  ")
    expected = f"{EXPECTED_MARKER} expected (exact density)"
    text.append(expected, style=f"bold {hex_colour(EXPECTED_RGB)}")
    if overlaps is None:
        return text
    examined = among(overlaps.features, overlaps.T)
    # ±RMS are two marks of one kind: the legend gives their magnitude.
    values = {mark.key: abs(mark.value) for mark in overlap_marks(overlaps)}
    for key, style in OVERLAP_LINES.items():
        text.append("\n" if key in LEGEND_BREAKS else "  ")
        meaning = style.meaning.format(T=examined)
        text.append(f"{style.char} {meaning} {number(values[key])}", style=style.text_style)
    return text
