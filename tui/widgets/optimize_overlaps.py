"""Pairwise overlaps of the trained W beside the random start's, on the same bins.

The trained W's counts are a filled area (half blocks), the random start's a
dotted curve (•), so the two read apart without colour.
"""

from __future__ import annotations

from rich.text import Text

from superpos_model.views.optimize import OverlapHistograms

from ..axes import linear_ticks
from ..format import count
from ..palette import BLUE, ORANGE, hex_colour
from .cached_plot import CachedPlot

X_LABEL = "overlap ŵ_i·ŵ_j of two unit feature directions"
TRAINED_MARKER, RANDOM_MARKER = "hd", "•"
TRAINED_RGB, RANDOM_RGB = BLUE, ORANGE


class OptimizeOverlapPlot(CachedPlot):
    """Pairs per bin of overlap: trained (filled) and random start (dotted)."""

    histograms: OverlapHistograms | None = None

    def show(self, histograms: OverlapHistograms | None) -> None:
        """Draw new histograms (None: nothing trained yet)."""
        self.histograms = histograms
        self.changed()

    def draw(self) -> None:
        plt, h = self.plt, self.histograms
        plt.xlabel(X_LABEL)
        plt.title("↑ pairs per bin")
        if h is None:
            return
        centres = h.centres.tolist()
        top = float(h.random.max(initial=0))
        if h.trained is not None:
            plt.plot(
                centres, h.trained.tolist(), marker=TRAINED_MARKER, color=TRAINED_RGB, fillx=True
            )
            top = max(top, float(h.trained.max(initial=0)))
        plt.plot(centres, h.random.tolist(), marker=RANDOM_MARKER, color=RANDOM_RGB)
        top = top or 1.0
        plt.xlim(float(h.edges[0]), float(h.edges[-1]))
        plt.ylim(0.0, top * 1.05)
        ticks = linear_ticks(top)
        plt.yticks(list(ticks), [f"{t:,.0f}" for t in ticks])


def overlaps_legend(h: OverlapHistograms | None, trained_label: str = "trained") -> Text:
    """What the two series are, and which pairs were counted."""
    text = Text()
    if h is None or h.trained is not None:
        text.append(f"▟█ {trained_label}", style=f"bold {hex_colour(TRAINED_RGB)}")
        text.append("  ")
    text.append(f"{RANDOM_MARKER} random start", style=f"bold {hex_colour(RANDOM_RGB)}")
    if h is not None:
        pairs = f"all {count(h.pairs)} pairs" if h.all_pairs else f"{count(h.pairs)} pairs drawn"
        text.append(f"  ({pairs})")
    return text
