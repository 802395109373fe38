"""Write docs/explorer.svg, the README's picture of the explorer (fixed seed, 120×36).

Run:  .venv/bin/python docs/make_explorer_svg.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from superpos_model import make_params
from tui.app import SuperposApp

TARGET = Path(__file__).with_name("explorer.svg")
SIZE = (120, 36)


async def main() -> None:
    app = SuperposApp(make_params(T=1000, D=100, z=5, a=0.3))
    async with app.run_test(size=SIZE) as pilot:
        for box in app.screen.query(Input):
            box.cursor_blink = False
        while app.screen.computing or app.screen.result is None:
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
        await pilot.pause()
        TARGET.write_text(app.export_screenshot(title="superpos-tui — explorer"))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    asyncio.run(main())
