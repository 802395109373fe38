"""The explorer's table survives being emptied and refilled with the same layout.

Emptied ("computing…") and then given a report with the very rows and widths of
before, the table updated its cells in place and found none (CellDoesNotExist:
the 10-minute tmux monkey).
"""

from __future__ import annotations

from textual.widgets import DataTable

from superpos_model import CheckReport, make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.widgets.results_table import ResultsTable


@run
async def test_the_table_refills_after_it_was_emptied():
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        report = app.screen.result
        assert isinstance(report, CheckReport)
        table = app.screen.query_one(ResultsTable)
        table.show(None, app.params.a)
        table.show(report, app.params.a)
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == len(report.schemes) * 2
