"""The Textual app: one set of parameters, one computation, several screens.

The app holds the single source of truth:

* ``params`` — the last valid :class:`~superpos_model.Params` (any screen's
  :class:`~tui.widgets.params_panel.ParamsPanel` proposes changes; the app
  accepts them here);
* ``report`` — the :class:`~superpos_model.CheckReport` for ``params`` (None
  until the first one arrives), recomputed off the UI thread;
* ``progress`` — the running computation's progress in [0, 1], or None when
  nothing slow is running.

A screen follows them with ``self.watch(self.app, "params" | "report", ...)``.
Adding a screen is one entry in :data:`SCREENS_TABLE`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from superpos_model import (
    DEFAULT_BUDGET,
    LIMITS,
    CheckReport,
    Params,
    run_check,
)
from superpos_model.explore import loss_curves

from . import export
from .computation import BackgroundComputation
from .screens.explorer import ExplorerScreen
from .screens.export_dialog import ExportDialog
from .screens.help import HelpScreen
from .screens.interference import InterferenceScreen
from .screens.walkthrough import WalkthroughScreen
from .widgets.palette import SafeCommandPalette
from .widgets.params_panel import ParamsPanel


@dataclass(frozen=True)
class ScreenEntry:
    """A top-level screen: its mode name, the key that opens it and its footer label."""

    mode: str
    key: str
    label: str
    screen: type[Screen]


#: Every top-level screen.  A new screen that shares the parameters composes a
#: ParamsPanel and watches ``app.params`` / ``app.report``; then it is one entry here.
SCREENS_TABLE = (
    ScreenEntry("explorer", "f2", "Explorer", ExplorerScreen),
    ScreenEntry("walkthrough", "f3", "Walkthrough", WalkthroughScreen),
    ScreenEntry("interference", "f4", "Interference", InterferenceScreen),
)

#: Changes closer together than this are coalesced into one computation; the
#: first change after a quiet spell starts at once, so single edits are not delayed.
DEBOUNCE_SECONDS = 0.15


class SuperposApp(BackgroundComputation, App):
    """superpos-tui: how much error D neurons make storing T > D sparse features."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "superpos-tui"
    MODES: ClassVar[dict[str, type[Screen]]] = {entry.mode: entry.screen for entry in SCREENS_TABLE}
    DEFAULT_MODE = SCREENS_TABLE[0].mode
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("ctrl+s", "export", "Export"),
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
    report: reactive[CheckReport | None] = reactive(None, always_update=True, init=False)
    progress: reactive[float | None] = reactive(None, init=False)

    def __init__(self, params: Params, budget: int = DEFAULT_BUDGET) -> None:
        super().__init__()
        self.budget = budget
        self.set_reactive(SuperposApp.params, params)
        self._last_request = -float("inf")
        self._debounce: Timer | None = None

    def on_mount(self) -> None:
        self._request()

    # -- parameters -------------------------------------------------------

    @on(ParamsPanel.Changed)
    def _panel_changed(self, event: ParamsPanel.Changed) -> None:
        if event.params == self.params and not self.computing and not self._covers(event.params):
            # Back to the parameters whose run an invalid edit cancelled: run it again.
            self._request()
        self.params = event.params

    def _covers(self, params: Params) -> bool:
        """Whether the report on show is for ``params`` (any a: losses are quadratics in a)."""
        return self.report is not None and self.report.params.replace(a=None) == params.replace(
            a=None
        )

    @on(ParamsPanel.Invalid)
    def _panel_invalid(self) -> None:
        # Whatever was pending was for parameters the user is now replacing.
        self._cancel()

    def watch_params(self, old: Params, new: Params) -> None:
        if self._covers(new):
            # Every loss is a quadratic in a, so the report on show is already right; a run
            # for parameters left behind must not replace it.
            self._cancel()
            return
        if self.computing and old.replace(a=None) == new.replace(a=None):
            return  # the run under way is for these parameters; a only moves along its curves
        self._request()

    def action_reseed(self) -> None:
        seeds = int(LIMITS["seed"][1]) + 1
        self.params = self.params.replace(seed=(self.params.seed + 1) % seeds)

    # -- computation ------------------------------------------------------

    @property
    def computing(self) -> bool:
        """Whether a computation is waiting out the debounce or running."""
        running = any(w.group == "compute" and not w.is_finished for w in self.workers)
        return self._debounce is not None or running

    def _cancel(self) -> None:
        self._generation += 1
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self.workers.cancel_group(self, "compute")
        self.progress = None

    def _request(self) -> None:
        """Recompute for the current params: now after a quiet spell, else once things settle."""
        self._cancel()
        now = time.monotonic()
        quiet = now - self._last_request >= DEBOUNCE_SECONDS
        self._last_request = now
        if quiet:
            self._start()
        else:
            self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._start)

    def _start(self) -> None:
        self._debounce = None
        params = self.params
        self._compute_in_thread(
            lambda monitor: run_check(params, monitor, budget=self.budget, interference=False),
            group="compute",
            progressed=self._progressed,
            finished=self._finished,
            failed=self._failed,
        )

    def _progressed(self, done: float) -> None:
        self.progress = done

    def _finished(self, report: CheckReport) -> None:
        self.progress = None
        self.report = report

    def _failed(self, error: Exception) -> None:
        self.progress = None
        self.notify(str(error), title="Cannot compute", severity="error")

    def action_command_palette(self) -> None:
        # Textual's own palette, but one whose page keys survive a burst (widgets/palette.py).
        if self.use_command_palette and not SafeCommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    # -- help, export -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("help", "export") and isinstance(self.screen, ModalScreen):
            return False  # let the dialog's own input have the key
        return True

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self._key_help()))

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
        report = self.report
        if report is None:
            self.notify("nothing to export yet: the first result is still being computed")
            return
        curves = loss_curves(report, self.params.a)
        # Taken now, so the picture is the screen the user chose to export, not the dialog.
        svg = self.export_screenshot(title=f"superpos-tui — {self.current_mode}")
        p = report.params
        default = Path.cwd() / f"superpos-T{p.T}-D{p.D}-z{p.z}.csv"

        def rendered(path: Path) -> str:
            return export.render(path, report, curves, lambda: svg)

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(f"wrote {path}", title="Exported")

        self.push_screen(ExportDialog(default, rendered), done)
