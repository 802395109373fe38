"""Readout noise versus the number z of active features, with the three capacity lines.

Measured points carry letters (R: RMS noise, M: largest of the readouts) and
±SE bars, the theory curves differ by line (braille √(z/D), dotted max theory),
◆ marks where the measured noise reaches its level, and each capacity line has
its own character and a label, so the plot reads in monochrome (NO_COLOR).
"""

from __future__ import annotations

import math

from rich.text import Text

from superpos_model.interference import CapacitySimulation
from superpos_model.views.interference import (
    Mark,
    capacity_curves,
    capacity_l_range,
    capacity_marks,
    capacity_noise_range,
    crossing_points,
    level_marks,
    noise_points,
)

from ..axes import log_ticks
from ..format import among, count
from ..palette import BLUE, BLUISH_GREEN, REDDISH_PURPLE, VERMILION, hex_colour
from .overlap_plot import AXIS_ROWS, LineStyle, MarkedPlot

TITLE = "↑ readout noise, in units of one feature's signal"
X_LABEL = "z, features active at once (both axes log scale)"
RMS_RGB, MAX_RGB = BLUE, VERMILION
RMS_MARKER, MAX_MARKER = "R", "M"
POINT_MARKERS = {"rms": RMS_MARKER, "max": MAX_MARKER}
SE_MARKER = "│"
RMS_THEORY_MARKER, MAX_THEORY_MARKER = "braille", "·"
CROSSING_MARKER = "◆"

#: Colours from tui/palette.py; None is the theme's foreground.
CAPACITY_LINES = {
    "notes": LineStyle("╎", None, "D/(8 ln T)"),
    "threshold": LineStyle("┆", REDDISH_PURPLE, "θ²D/(2 ln {T})"),
    "typical": LineStyle("┃", BLUISH_GREEN, "D"),
}
LEVEL_LINES = {
    "signal": LineStyle("─", None, "signal"),
    "theta": LineStyle("╌", REDDISH_PURPLE, "θ"),
}
POINT_COLOURS = {"rms": RMS_RGB, "max": MAX_RGB}


class CapacityPlot(MarkedPlot):
    """RMS and largest readout noise against l, their theory, levels and capacities."""

    capacity: CapacitySimulation | None = None

    def show(self, capacity: CapacitySimulation | None) -> None:
        """Draw a new simulation (None: nothing computed yet)."""
        self.capacity = capacity
        self.changed()

    def draw(self) -> None:
        c, plt = self.capacity, self.plt
        plt.title(TITLE)
        plt.xlabel(X_LABEL)
        if c is None:
            return
        low, high = capacity_l_range(c)
        bottom, top = capacity_noise_range(c)
        # Both axes are logarithmic: √l is a straight line of slope ½, and the levels
        # 1 and θ stay apart however far the largest noise reaches.
        plt.xscale("log")
        plt.yscale("log")
        curves = capacity_curves(c)
        active = curves.active.tolist()
        plt.plot(active, curves.rms.tolist(), marker=RMS_THEORY_MARKER, color=RMS_RGB)
        plt.plot(active, curves.max.tolist(), marker=MAX_THEORY_MARKER, color=MAX_RGB)
        for level in level_marks(c):
            style = LEVEL_LINES[level.key]
            plt.plot(
                [low, high], [level.value] * 2, marker=style.char, color=self.colour(style.rgb)
            )
        span, rows = math.log(high / low), max(self.size.height - AXIS_ROWS, 2)
        self.marks(
            capacity_marks(c),
            CAPACITY_LINES,
            position=lambda x: math.log(x / low) / span,
            height=lambda row: top * (bottom / top) ** (row / rows),
            floor=bottom,
        )
        for name, points in noise_points(c).items():
            marker, rgb = POINT_MARKERS[name], POINT_COLOURS[name]
            for x, y0, y1 in zip(points.active, points.low, points.high, strict=True):
                plt.plot([float(x)] * 2, [float(y0), float(y1)], marker=SE_MARKER, color=rgb)
            plt.scatter(points.active.tolist(), points.value.tolist(), marker=marker, color=rgb)
        levels = {"rms": 1.0, "max": c.threshold}
        for point in crossing_points(c):
            plt.scatter(
                [point.value],
                [levels[point.key]],
                marker=CROSSING_MARKER,
                color=POINT_COLOURS[point.key],
            )
        # plotext takes a log axis's limits as powers of ten, its ticks as values.
        plt.xlim(math.log10(low), math.log10(high))
        plt.ylim(math.log10(bottom), math.log10(top))
        for axis, ticks in (
            (plt.xticks, log_ticks(low, high)),
            (plt.yticks, log_ticks(bottom, top)),
        ):
            axis(list(ticks), [f"{t:g}" for t in ticks])


def capacity_legend(capacity: CapacitySimulation | None) -> Text:
    """What every mark means, with the levels and the value of every capacity line."""
    text = Text()
    examined = among(capacity.features, capacity.T) if capacity is not None else "T"
    text.append(f"{RMS_MARKER} RMS ±SE", style=f"bold {hex_colour(RMS_RGB)}")
    text.append(" ⣀ √(z/D)   ", style=hex_colour(RMS_RGB))
    text.append(f"{MAX_MARKER} max of {examined} readouts ±SE", style=f"bold {hex_colour(MAX_RGB)}")
    text.append(f" {MAX_THEORY_MARKER * 3} √(2z ln {examined}/D)", style=hex_colour(MAX_RGB))
    text.append(f"  {CROSSING_MARKER} crossing")
    if capacity is None:
        return text
    text.append("\n")
    levels = level_marks(capacity)
    for level in levels:
        style = LEVEL_LINES[level.key]
        text.append(f"{style.char * 2} {level_label(level, levels)}  ", style=style.text_style)
    for mark in capacity_marks(capacity):
        style = CAPACITY_LINES[mark.key]
        meaning = style.meaning.format(T=examined)
        text.append(f"{style.char} {meaning} {count(mark.value)}  ", style=style.text_style)
    return text


def level_label(level: Mark, levels: tuple[Mark, ...]) -> str:
    """'signal = θ = 1' when θ is 1 (one line), else 'signal 1' and 'θ = …'."""
    if level.key == "theta":
        return f"θ = {level.value:g}"
    return "signal = θ = 1" if len(levels) == 1 else "signal 1"
