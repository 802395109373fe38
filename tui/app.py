"""The Textual app: one set of parameters, several screens.

The app holds the single source of truth, ``params``: the last valid
:class:`~superpos_model.Params` (any screen's
:class:`~tui.widgets.params_panel.ParamsPanel` proposes changes; the app
accepts them here).  Each screen (a :class:`~tui.screens.base.ParamsScreen`)
follows it, computes and owns its own result, and exports it on ctrl+s.
Adding a screen is one entry in :data:`SCREENS_TABLE`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from superpos_model import DEFAULT_BUDGET, LIMITS, Params

from .screens.base import ParamsScreen
from .screens.explorer import ExplorerScreen
from .screens.help import HelpScreen
from .screens.interference import InterferenceScreen
from .screens.sweep import SweepScreen
from .screens.walkthrough import WalkthroughScreen
from .widgets.params_panel import ParamsPanel


@dataclass(frozen=True)
class ScreenEntry:
    """A top-level screen: its mode name, the key that opens it and its footer label."""

    mode: str
    key: str
    label: str
    screen: type[Screen]


#: Every top-level screen: a ParamsScreen subclass, then one entry here.
SCREENS_TABLE = (
    ScreenEntry("explorer", "f2", "Explorer", ExplorerScreen),
    ScreenEntry("walkthrough", "f3", "Walkthrough", WalkthroughScreen),
    ScreenEntry("interference", "f4", "Interference", InterferenceScreen),
    ScreenEntry("sweep", "f7", "Sweep", SweepScreen),
)

#: The shared rules (app.tcss) and each screen's own, by absolute path: the app runs from any
#: working directory.
STYLESHEETS: list[str | PurePath] = [
    Path(__file__).resolve().with_name(name)
    for name in ("app.tcss", "walkthrough.tcss", "interference.tcss", "sweep.tcss")
]


class SuperposApp(App):
    """superpos-tui: how much error D neurons make storing T > D sparse features."""

    CSS_PATH = STYLESHEETS
    TITLE = "superpos-tui"
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        entry.mode: entry.screen for entry in SCREENS_TABLE
    }
    DEFAULT_MODE = SCREENS_TABLE[0].mode
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("ctrl+s", "export", "Export"),  # the screen on view's results
        Binding("ctrl+r", "reseed", "Reseed"),
        *(
            Binding(
                entry.key,
                f"switch_mode('{entry.mode}')",
                entry.label,
                show=len(SCREENS_TABLE) > 1,
            )
            for entry in SCREENS_TABLE
        ),
    ]

    params: reactive[Params] = reactive(Params, always_update=False, init=False)

    def __init__(self, params: Params, budget: int = DEFAULT_BUDGET) -> None:
        super().__init__()
        self.budget = budget
        self.set_reactive(SuperposApp.params, params)

    @on(ParamsPanel.Changed)
    def _panel_changed(self, event: ParamsPanel.Changed) -> None:
        self.params = event.params

    def action_reseed(self) -> None:
        seeds = int(LIMITS["seed"][1]) + 1
        self.params = self.params.replace(seed=(self.params.seed + 1) % seeds)

    # -- help, export -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("help", "export") and isinstance(self.screen, ModalScreen):
            return False  # let the dialog's own input have the key
        return True

    def action_help(self) -> None:
        # A screen may explain itself (its own settings) beside the keys.
        about = getattr(self.screen, "HELP_TEXT", "")
        self.push_screen(HelpScreen(self._key_help(), about))

    def _key_help(self) -> list[tuple[str, str]]:
        """(keys, description) for the app, the screen and every widget of ours on it."""
        nodes = [self, self.screen, *self.screen.query("*")]
        ours = [n for n in nodes if type(n).__module__.startswith(__package__ + ".")]
        keys: dict[str, list[str]] = {}
        for node_type in dict.fromkeys(type(n) for n in ours):
            for binding in Binding.make_bindings(node_type.__dict__.get("BINDINGS", [])):
                if not binding.description:
                    continue
                shown = keys.setdefault(binding.description or binding.action, [])
                display = self.get_key_display(binding)
                if display not in shown:
                    shown.append(display)
        keys.setdefault("Command palette", [self.get_key_display(Binding("ctrl+p", ""))])
        keys.setdefault("Quit", [self.get_key_display(Binding("ctrl+q", ""))])
        keys.setdefault("Next / previous field", ["tab", "shift+tab"])
        return [(" ".join(k), description) for description, k in keys.items()]

    def action_export(self) -> None:
        screen = self.screen
        if isinstance(screen, ParamsScreen):
            screen.action_export()
