"""Test-session wiring shared by every test directory.

The default run spreads the tests over four processes (``-n 4 --dist loadgroup`` in
``pyproject.toml``).  The tests that drive the installed app in a real terminal
(``tests/terminal``) poll a tmux pane against wall-clock deadlines, so they share one
group and run one after another on one worker rather than compete with each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TERMINAL_TESTS = Path(__file__).with_name("terminal")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TERMINAL_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("terminal"))
