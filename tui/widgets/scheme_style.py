"""How each scheme looks: a colour (Okabe–Ito, safe for colour blindness) and a letter.

The letter marks the scheme's simulated points, so the plot still reads in
monochrome (NO_COLOR) where the colours are gone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SchemeStyle:
    rgb: tuple[int, int, int]
    letter: str
    key: str

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


STYLES = {
    "random": SchemeStyle((230, 159, 0), "R", "1"),
    "single": SchemeStyle((86, 180, 233), "S", "2"),
    "multi": SchemeStyle((204, 121, 167), "M", "3"),
}
