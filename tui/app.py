"""The Textual app: one set of parameters, several screens.

The app holds the single source of truth, ``params``: the last valid
:class:`~superpos_model.Params` (any screen's
:class:`~tui.widgets.params_panel.ParamsPanel` proposes changes; the app
accepts them here).  Each screen (a :class:`~tui.screens.base.ParamsScreen`)
follows it, computes and owns its own result, and exports it on ctrl+s.
Adding a screen is one entry in :data:`SCREENS_TABLE`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath
from typing import ClassVar, TypeVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.theme import ThemeProvider

from superpos_model import DEFAULT_BUDGET, LIMITS, Params, Session
from superpos_model.readout import Readout

from .commands import Command, ScreenCommands
from .screens.base import ParamsScreen
from .screens.explorer import ExplorerScreen
from .widgets.palette import SafeCommandPalette
from .widgets.params_panel import ParamsPanel

#: What a dialog answers.
Result = TypeVar("Result")


@dataclass(frozen=True)
class ScreenEntry:
    """A top-level screen: its mode name, the key that opens it and its footer label."""

    mode: str
    key: str
    label: str
    #: The screen class, or a function making the screen: the screens not on view at
    #: start-up are imported when first opened, so the first result comes sooner.
    screen: Callable[[], Screen]


def _walkthrough() -> Screen:
    from .screens.walkthrough import WalkthroughScreen

    return WalkthroughScreen()


def _interference() -> Screen:
    from .screens.interference import InterferenceScreen

    return InterferenceScreen()


def _optimize() -> Screen:
    from .screens.optimize import OptimizeScreen

    return OptimizeScreen()


def _sweep() -> Screen:
    from .screens.sweep import SweepScreen

    return SweepScreen()


#: Every top-level screen: a ParamsScreen subclass, then one entry here.
SCREENS_TABLE = (
    ScreenEntry("explorer", "f2", "Explorer", ExplorerScreen),
    ScreenEntry("walkthrough", "f3", "Walkthrough", _walkthrough),
    ScreenEntry("interference", "f4", "Interference", _interference),
    ScreenEntry("optimize", "f6", "Optimise", _optimize),
    ScreenEntry("sweep", "f7", "Sweep", _sweep),
)

#: The shared rules (app.tcss) and each screen's own, by absolute path: the app runs from any
#: working directory.
STYLESHEETS: list[str | PurePath] = [
    Path(__file__).resolve().with_name(name)
    for name in (
        "app.tcss",
        "walkthrough.tcss",
        "interference.tcss",
        "optimize.tcss",
        "relu.tcss",
        "sweep.tcss",
    )
]


def _action_name(binding: Binding) -> str:
    """The action a binding runs, without its arguments."""
    return binding.action.partition("(")[0]


#: The footer's one entry for the screen keys (the help and the palette name each).
SCREENS_GROUP = Binding.Group("Screens", compact=True)


class AppCommands(ScreenCommands):
    """The app's own keys in the palette: a switch to every screen of :data:`SCREENS_TABLE`
    and every action (help, export, reseed, …), read off the app's bindings."""

    def _commands(self) -> list[Command]:
        app = self.app
        return app.palette_commands(self.screen) if isinstance(app, SuperposApp) else []


class SuperposApp(App):
    """superpos-tui: how much error D neurons make storing T > D sparse features."""

    CSS_PATH = STYLESHEETS
    TITLE = "superpos-tui"
    MODES: ClassVar[dict[str, str | Callable[[], Screen]]] = {
        entry.mode: entry.screen for entry in SCREENS_TABLE
    }
    DEFAULT_MODE = SCREENS_TABLE[0].mode
    COMMANDS = App.COMMANDS | {AppCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            priority=True,
            tooltip="what the numbers mean and every key of the screen",
        ),
        Binding("ctrl+s", "export", "Export", tooltip="the screen on view as CSV, JSON or SVG"),
        # Left out of the footer for room (80 columns); the help and the palette list it.
        Binding(
            "ctrl+r",
            "reseed",
            "Reseed",
            show=False,
            tooltip="next random seed: new embeddings and samples",
        ),
        # On screens with READOUT_SWITCH.
        Binding(
            "r",
            "toggle_readout",
            "Readout",
            tooltip="readout and loss: linear + MSE → ReLU + MSE → linear logits + cross-entropy",
        ),
        # One footer entry for all screens: at 80 columns their labels would not fit.
        *(
            Binding(
                entry.key,
                f"switch_mode('{entry.mode}')",
                entry.label,
                show=len(SCREENS_TABLE) > 1,
                group=SCREENS_GROUP,
                tooltip=f"switch to the {entry.label} screen",
            )
            for entry in SCREENS_TABLE
        ),
    ]

    params: reactive[Params] = reactive(Params, always_update=False, init=False)
    #: The readout and loss (linear, ReLU or cross-entropy) and the bias b, apart from
    #: ``params``: see
    #: :mod:`superpos_model.readout`.
    readout: reactive[Readout] = reactive(Readout, always_update=False, init=False)

    def __init__(self, params: Params, budget: int = DEFAULT_BUDGET) -> None:
        super().__init__()
        self.budget = budget
        self.set_reactive(SuperposApp.params, params)
        self._session = Session(params)
        self._session_lock = threading.Lock()

    def session(self, params: Params) -> Session:
        """The one :class:`Session` at ``params``: screens at one point share what they compute.

        Called from the screens' workers.  The app's session follows ``params``
        (replaced when they change); a run for parameters already left behind gets
        a session of its own, so it cannot evict the current one.
        """
        with self._session_lock:
            if self._session.params == params:
                return self._session
            if params != self.params:
                return Session(params)
            self._session = Session(params)
            return self._session

    def watch_params(self, params: Params) -> None:
        with self._session_lock:
            if self._session.params != params:
                self._session = Session(params)  # and the old point's results are freed

    @on(ParamsPanel.Changed)
    def _panel_changed(self, event: ParamsPanel.Changed) -> None:
        self.params = event.params

    @on(ParamsPanel.ReadoutChanged)
    def _readout_changed(self, event: ParamsPanel.ReadoutChanged) -> None:
        self.readout = event.readout

    def action_toggle_readout(self) -> None:
        self.readout = self.readout.cycled()

    def action_reseed(self) -> None:
        seeds = int(LIMITS["seed"][1]) + 1
        self.params = self.params.replace(seed=(self.params.seed + 1) % seeds)

    # Textual's own palettes, but ones whose keys survive a burst (widgets/palette.py):
    # the commands, and the theme list the palette's "Theme" entry opens.

    def action_command_palette(self) -> None:
        # No id, unlike Textual's: a ctrl+p in the burst that closed the last palette can
        # arrive before Textual has removed it, and a second one with its id would not mount.
        if self.use_command_palette:
            self.open_dialog(SafeCommandPalette())

    def open_dialog(
        self, dialog: ModalScreen[Result], callback: Callable[[Result | None], None] | None = None
    ) -> bool:
        """Show ``dialog`` unless a dialog is up already (then ring the bell): whether it opened.

        Dialogs never stack.  The keys of one burst could open the help, an export and
        the palette over each other, and then every resize reflowed every screen under
        every dialog, each reflow resizing the dialogs again: the app spun on resizes,
        its memory growing, until killed (found by the 10-minute monkey).
        """
        if isinstance(self.screen, ModalScreen):
            self.bell()
            return False
        self.push_screen(dialog, callback)
        return True

    def action_show_help_panel(self) -> None:
        # The palette's "Keys" runs after the palette closes, on whatever screen is then on
        # top: one that the same burst opened may not be attached yet (MountError, found by
        # the 10-minute monkey). The keys panel is for the screen in use; skip it there.
        if self.screen.is_attached:
            super().action_show_help_panel()

    def search_themes(self) -> None:
        self.push_screen(
            SafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    # -- help, export -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._works_on(action, self.screen)

    @staticmethod
    def _works_on(action: str, screen: Screen) -> bool:
        """Whether one of the app's own actions does something on ``screen``."""
        if action in ("help", "export") and isinstance(screen, ModalScreen):
            return False  # let the dialog's own input have the key
        if action == "toggle_readout":
            return bool(getattr(screen, "READOUT_SWITCH", False))
        return True

    def palette_commands(self, screen: Screen) -> list[Command]:
        """A palette entry for each of the app's keys that does something on ``screen`` (the
        one the palette was opened on): so a new screen or app key is in the palette too."""
        commands: list[Command] = []
        for binding in Binding.make_bindings(SuperposApp.BINDINGS):
            if not binding.description or not self._works_on(_action_name(binding), screen):
                continue
            screen_switch = binding.group is SCREENS_GROUP
            title = f"{binding.description} screen" if screen_switch else binding.description
            help_text = f"{binding.tooltip} ({self.get_key_display(binding)})"
            commands.append((title, help_text, partial(self.run_action, binding.action)))
        return commands

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # Markdown is costly to import: on first use

        # A screen may explain itself (its own settings) beside the keys.
        about = getattr(self.screen, "HELP_TEXT", "")
        self.open_dialog(HelpScreen(self._key_help(), about))

    def _key_help(self) -> list[tuple[str, str]]:
        """(keys, description) for the app, the screen and every widget of ours on it."""
        keys: dict[str, list[str]] = {}
        for binding in self.advertised_bindings():
            shown = keys.setdefault(binding.description, [])
            display = self.get_key_display(binding)
            if display not in shown:
                shown.append(display)
        keys.setdefault("Command palette", [self.get_key_display(Binding("ctrl+p", ""))])
        keys.setdefault("Quit", [self.get_key_display(Binding("ctrl+q", ""))])
        keys.setdefault("Next / previous field", ["tab", "shift+tab"])
        return [(" ".join(k), description) for description, k in keys.items()]

    def advertised_bindings(self) -> list[Binding]:
        """Every binding the help lists for the screen on view, one per key: the app's (those
        that do something here), the screen's and those of every widget of ours on it."""
        nodes = [self, self.screen, *self.screen.query("*")]
        # Each class of ours once, its bases' bindings too (ctrl+g is ParamsScreen's).
        ours = [
            cls
            for cls in dict.fromkeys(c for n in nodes for c in type(n).__mro__)
            if cls.__module__.startswith(__package__ + ".")
        ]
        advertised: list[Binding] = []
        seen: set[str] = set()  # a key listed once, under the first (outermost) binding
        for node_type in ours:
            for binding in Binding.make_bindings(node_type.__dict__.get("BINDINGS", [])):
                if not binding.description or binding.key in seen:
                    continue
                if not self._listed(node_type, _action_name(binding)):
                    continue
                seen.add(binding.key)
                advertised.append(binding)
        return advertised

    def _listed(self, node_type: type, action: str) -> bool:
        """Whether the help lists a binding of ``node_type`` (the app, the screen or a widget):
        not when the app or the screen says its action does nothing now, as the footer leaves
        it out (r on a screen without the readout switch; ctrl+t where every view is on view)."""
        if node_type is SuperposApp:
            return self.check_action(action, ()) is not False
        if isinstance(self.screen, node_type):
            return self.screen.check_action(action, ()) is not False
        return True

    def action_export(self) -> None:
        screen = self.screen
        if isinstance(screen, ParamsScreen):
            screen.action_export()
