"""The footer shows the focused widget's keys, and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp

SMALL = make_params(T=300, D=30, z=3, samples=300)


def footer_keys(app) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


def descriptions(app) -> set[str]:
    return {key.description for key in footer_keys(app)}


@run
async def test_the_footer_follows_the_focus_and_keeps_its_keys_while_they_stay_the_same():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        on_the_plot = descriptions(app)
        assert "Zoom" in on_the_plot and "Step ±" not in on_the_plot
        await pilot.press("tab")  # to the first field: its step keys join the footer
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-T"
        in_a_field = footer_keys(app)
        assert "Step ±" in descriptions(app)
        await pilot.press("tab")  # to the next field: the same keys, not rebuilt
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-D"
        assert footer_keys(app) == in_a_field
        assert all(key.is_attached for key in in_a_field)
        await pilot.press("escape")  # back to the view: the field's keys leave
        await settle(pilot)
        assert descriptions(app) == on_the_plot
