"""The app's colours: the Okabe–Ito palette, told apart with colour blindness too.

Every plot and legend takes its colours from here, so a scheme or a role has
one colour everywhere.  Shapes and letters carry the same meaning without
colour (NO_COLOR).
"""

from __future__ import annotations

RGB = tuple[int, int, int]

ORANGE: RGB = (230, 159, 0)
SKY_BLUE: RGB = (86, 180, 233)
BLUISH_GREEN: RGB = (0, 158, 115)
BLUE: RGB = (0, 114, 178)
VERMILION: RGB = (213, 94, 0)
REDDISH_PURPLE: RGB = (204, 121, 167)

#: Each embedding scheme's colour.
SCHEME_COLOURS: dict[str, RGB] = {
    "random": ORANGE,
    "single": SKY_BLUE,
    "multi": REDDISH_PURPLE,
}


def hex_colour(rgb: RGB) -> str:
    """'#rrggbb', as Rich styles take a colour."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)
