"""A huge exponent typed into the parameter panel (issue 29 item 1) marks the field
invalid with its range; the app keeps running and keeps the last good result."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp

HUGE = "1e1000000000000000000"


@pytest.mark.parametrize("field", ["T", "a"])
@run
async def test_a_huge_exponent_in_a_field_is_marked_invalid(field):
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = app.screen.result
        box = app.screen.query_one(f"#field-{field}", Input)
        box.value = HUGE
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert box.has_class("-rejected")
        said = str(app.screen.query_one("#param-error", Static).render())
        assert said.startswith(f"✗ {field}: {HUGE} is out of range; use ")
        assert app.params.T == 300 and app.screen.result is shown
