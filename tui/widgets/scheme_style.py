"""How each scheme looks: a colour (Okabe–Ito, safe for colour blindness) and a letter.

The letter marks the scheme's simulated points, so the plot still reads in
monochrome (NO_COLOR) where the colours are gone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..palette import SCHEME_COLOURS, hex_colour


@dataclass(frozen=True)
class SchemeStyle:
    rgb: tuple[int, int, int]
    letter: str
    key: str

    @property
    def hex(self) -> str:
        return hex_colour(self.rgb)


STYLES = {
    "random": SchemeStyle(SCHEME_COLOURS["random"], "R", "1"),
    "single": SchemeStyle(SCHEME_COLOURS["single"], "S", "2"),
    "multi": SchemeStyle(SCHEME_COLOURS["multi"], "M", "3"),
}
