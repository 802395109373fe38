"""Every plot draws under every theme the palette offers, the ANSI ones included.

The 10-minute tmux monkey picked "ansi-dark" from the theme list while a walkthrough
histogram was on screen: its bars' colour, the theme's ``foreground-muted``, reads
``ansi_default 50%``, which is no RGB colour (ColorParseError ended the app).  The fast
test resolves every colour a plot asks a theme for, in every theme, without running the
app; the slow one renders the plots themselves in every theme.
"""

from __future__ import annotations

from typing import get_args

import pytest

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.widgets.cached_plot import CachedPlot, ThemeVariable, theme_rgb


def test_every_theme_gives_every_plot_colour_an_rgb_or_the_terminals_own():
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    missing_rgb = set()
    for theme in app.available_themes:
        app.theme = theme
        variables = app.get_css_variables()
        for variable in get_args(ThemeVariable):
            rgb = theme_rgb(variables, variable)
            if rgb is None:
                missing_rgb.add(theme)
            else:
                assert all(0 <= channel <= 255 for channel in rgb)
    assert "ansi-dark" in missing_rgb  # the case the monkey found is among them
    assert "textual-dark" not in missing_rgb


@pytest.mark.slow
@run
async def test_the_walkthrough_histogram_and_the_explorer_plot_draw_in_every_theme():
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.current = "random.overlap"  # pictured by a histogram
        await pilot.pause()
        for mode in ("walkthrough", "explorer"):
            await app.switch_mode(mode)
            await settle(pilot)
            plots = [p for p in app.screen.query(CachedPlot) if p.size.area]
            assert plots
            for theme in app.available_themes:
                app.theme = theme
                await pilot.pause()  # the theme's variables are in place
                for plot in plots:
                    plot.render()  # raises if a colour of the theme cannot be drawn
