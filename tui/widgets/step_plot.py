"""The picture beside a walkthrough step, drawn with plotext from a model-made StepPicture.

Roles differ by shape as well as colour (◆ the formula, ◇ the notes, ┼ with
±SE bars the simulation; exact curves solid, the notes' dotted), so the picture
reads without colour.
"""

from __future__ import annotations

from rich.text import Text

from superpos_model.views.walkthrough import Quantity, Role, StepPicture

from ..axes import picture_limits
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
        plt.title(picture_title(picture))
        plt.xlabel("value" if picture.rows else "readout scale a")
        for curve in picture.curves:
            plt.plot(
                curve.a.tolist(),
                curve.loss.tolist(),
                marker=CURVE_MARKERS[curve.role],
                color=ROLE_COLOURS[curve.role],
            )
        for mark in picture.marks:
            colour = ROLE_COLOURS[mark.role]
            if mark.x_se or mark.y_se:
                self.error_bars(
                    [mark.x], [mark.y], xerr=[mark.x_se], yerr=[mark.y_se], color=colour
                )
            plt.scatter([mark.x], [mark.y], marker=MARKERS[mark.role], color=colour)
        if picture.rows:
            plt.yticks(list(range(1, len(picture.rows) + 1)), list(picture.rows))
        x_limits, y_limits = picture_limits(picture)
        plt.xlim(*x_limits)
        plt.ylim(*y_limits)


def picture_title(picture: StepPicture) -> str:
    """'single: L(a) at a = 0.5', 'multi: a*: where L(a) is lowest', 'formula vs simulated ± SE'."""
    curve = picture.curve
    if curve is None:
        return " vs ".join(reversed(picture.rows)) + " ± SE"
    if curve.quantity is Quantity.AT_A:
        return f"{curve.scheme}: L(a) at a = {picture.at:.4g}"
    return f"{curve.scheme}: {CURVE_TITLES[curve.quantity]}"


def legend(picture: StepPicture | None) -> Text:
    """What each mark of ``picture`` means, in one line."""
    if picture is None:
        return Text()
    # plotext drops a title too wide for the plot, so the y axis is named here.
    parts = [] if picture.rows else [f"↑ {LOSS_LABEL}"]
    if any(c.role is Role.EXACT for c in picture.curves):
        parts.append("⣿ exact L(a)")
    if any(c.role is Role.NOTES for c in picture.curves):
        parts.append("· notes' L(a)")
    names = {Role.FORMULA: "formula", Role.NOTES: "notes", Role.SIMULATED: "simulated ± SE"}
    roles = dict.fromkeys(m.role for m in picture.marks)
    parts += [f"{MARKERS[role]} {names[role]}" for role in roles]
    return Text("  ".join(parts), style="italic")
