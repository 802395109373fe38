"""Test-session wiring shared by every test directory.

The default run spreads the tests over four processes (``-n 4 --dist loadgroup`` in
``pyproject.toml``).  The tests that drive the installed app in a real terminal
(``tests/terminal``) poll a tmux pane against wall-clock deadlines, so they share one
group and run one after another on one worker rather than compete with each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

TERMINAL_TESTS = Path(__file__).with_name("terminal")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TERMINAL_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.xdist_group("terminal"))


# -- one parse of the stylesheets per test process -----------------------------------
#
# Every app parses the same stylesheets (its own and its widgets' defaults), about a
# tenth of each app test's time; Textual caches a parse per app only.  The tests share
# one parse per process, keyed as Textual keys its own cache plus the theme's
# variables, which the parse substitutes.
_PARSED: dict[tuple, list] = {}
_parse_rules = Stylesheet._parse_rules


def _parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
    key = (css, read_from, is_default_rules, tie_breaker, scope, *sorted(self._variables.items()))
    if key not in _PARSED:
        _PARSED[key] = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
    return _PARSED[key]


Stylesheet._parse_rules = _parse_rules_once
