"""What every parameter screen shares: the panel, the status line, progress, one computation.

A :class:`ParamsScreen` shows the app's ``params`` in a
:class:`~tui.widgets.params_panel.ParamsPanel` and one model result computed
from them.  The computation runs in an exclusive thread worker, debounced (the
first change after a quiet spell starts at once; changes closer together than
:data:`DEBOUNCE_SECONDS` are coalesced), and only while the screen is on view
(a screen shown again catches up).  The worker posts :class:`Progressed`,
:class:`Computed` or :class:`Failed` messages; whatever a run reports after a
newer request was made is dropped.  The last good result stays on screen while
a new one is computed and while a field is invalid.

A screen implements :meth:`ParamsScreen.compose_results`,
:meth:`ParamsScreen.compute`, :meth:`ParamsScreen.show_result`,
:meth:`ParamsScreen.status_text` and :meth:`ParamsScreen.export_table`, and
may override the rest (see each method).
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ProgressBar, Static, Tabs
from textual.worker import get_current_worker

from superpos_model import Cancelled, Monitor, Params
from superpos_model.budget import simulation_seconds

from ..commands import Command, ScreenCommands
from ..export import ExportTable, default_name, render, settings_record, stamped
from ..format import point_text
from ..widgets.footer import KeysFooter
from ..widgets.params_panel import ParamsPanel
from .confirm_run import ConfirmRun
from .export_dialog import ExportDialog
from .sizing import TerminalSized

if TYPE_CHECKING:
    from ..app import SuperposApp

Result = TypeVar("Result")

#: Changes closer together than this are coalesced into one computation.
DEBOUNCE_SECONDS = 0.15
#: Parameters whose computation is estimated to take longer than this are confirmed first.
CONFIRM_SECONDS = 5.0
#: Progress is shown only for computations that run longer than this …
PROGRESS_AFTER_SECONDS = 0.25
#: … in steps no smaller than this.
PROGRESS_STEP = 0.02


@dataclass
class Progressed(Message):
    """A run of request ``generation`` has done this fraction of its work."""

    generation: int
    done: float


@dataclass
class Computed(Message):
    """A run of request ``generation`` finished with ``result`` for ``params``."""

    generation: int
    params: Params
    result: object


@dataclass
class Noted(Message):
    """A run of request ``generation`` says how it did its work (see ``Monitor.note``)."""

    generation: int
    text: str


@dataclass
class Failed(Message):
    """A run of request ``generation`` failed: the model refused or broke."""

    generation: int
    error: Exception


class ParamsScreenCommands(ScreenCommands):
    """The palette entries of whichever parameter screen is on view."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, ParamsScreen):
            return []
        # Export, reseed and the rest of the app's keys are the app's own entries.
        edit: Command = ("Edit parameters", "focus the parameter inputs", screen.action_edit)
        return [*screen.commands(), edit]


class ParamsScreen(TerminalSized, Generic[Result]):
    """A screen of one model result at the app's parameters; see the module docstring."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ParamsScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "edit", "Edit params", show=False),
    ]
    #: The wide layout (parameters in a column on the left) from this size on.
    WIDE_COLUMNS: ClassVar[int] = 110
    WIDE_ROWS: ClassVar[int] = 34
    #: What is being computed, for the status line and the error toast ("" for nothing).
    WHAT: ClassVar[str] = ""
    #: What ctrl+s exports, for the dialog's title and the palette, and the file name's stem.
    EXPORT_WHAT: ClassVar[str] = "the results"
    EXPORT_STEM: ClassVar[str] = "superpos"
    #: Whether the result depends on the readout scale a; a screen whose result covers
    #: every a (or none) sets False, and moving a then only redraws.
    USES_A: ClassVar[bool] = True

    progress: reactive[float | None] = reactive(None, init=False)

    if TYPE_CHECKING:
        app: SuperposApp  # the app whose params this follows (the attribute is Textual's)

    def __init__(self) -> None:
        super().__init__()
        #: The result on show, and the parameters it was computed at.
        self.result: Result | None = None
        self.result_params: Params | None = None
        #: The parameters of the latest request.
        self._requested: Params | None = None
        self._generation = 0
        self._last_request = -float("inf")
        self._debounce: Timer | None = None
        self._invalid = False
        #: An export asked for and its dialog not yet closed.
        self._exporting = False
        #: The screen size the narrow or wide layout was chosen for.
        self._laid_out_for: Size | None = None
        #: The long-run question on show, and the parameters it now asks about.
        self._asking: ConfirmRun | None = None
        self._asked_about: Params | None = None

    # -- what a screen implements -------------------------------------------

    @abstractmethod
    def compose_results(self) -> ComposeResult:
        """The widgets beside the parameter panel."""

    @abstractmethod
    def compute(self, params: Params, monitor: Monitor) -> Result:
        """The result at ``params`` (runs in a thread: no widgets; check ``monitor``)."""

    @abstractmethod
    def show_result(self) -> None:
        """Draw ``self.result`` (None until the first arrives) at the app's parameters."""

    @abstractmethod
    def status_text(self, params: Params) -> str:
        """The status line while the result on show is for ``params``."""

    @abstractmethod
    def export_table(self) -> ExportTable:
        """The result on show as CSV records and a JSON document."""

    def export_settings(self, params: Params) -> dict[str, object]:
        """What the result on show (computed at ``params``) is for, as its export states it
        in the file and in its default name (:func:`tui.export.settings_record`); by
        default the parameters, with no readout."""
        return settings_record(params, "none", None)

    def same_point(self, one: Params, other: Params) -> bool:
        """Whether a result at ``one`` is the result at ``other`` (see :attr:`USES_A`)."""
        if self.USES_A:
            return one == other
        return one.replace(a=None) == other.replace(a=None)

    def first_focus(self) -> Widget:
        """What has focus when the screen opens: the view (:meth:`leave_target`), if any.

        The keys a screen advertises are bound on the screen and work wherever focus
        is, except in a parameter field (it takes printable keys as text); so the
        screen starts on its view, and ctrl+g goes to the fields.
        """
        return self.leave_target() or self.query_one("#field-T")

    def describe(self, params: Params) -> str:
        """The parameters of a result, for 'updating… (showing …)'."""
        return point_text(params)

    def leave_target(self) -> Widget | None:
        """Where focus goes when the user leaves the parameter panel (escape)."""
        return None

    def commands(self) -> list[Command]:
        """The screen's own command-palette entries (export, reseed and edit are added)."""
        return []

    def recompute(self) -> None:
        """Compute again at the app's parameters: a setting of the screen's own changed.

        A screen with settings of its own calls this when they change, and folds
        them into :meth:`same_point` so that a result for other settings is never
        taken as current.
        """
        self._request()

    def cancel_compute(self) -> None:
        """Drop the computation pending or under way (a setting of the screen's own is
        invalid); the result on show stays."""
        self._cancel()
        self._show_status()

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ParamsPanel(id="params")
            yield from self.compose_results()
        yield Static(id="status", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        # Laid out for the terminal's size from the start: switching afterwards restyles
        # every widget of the screen and rebuilds the footer.
        wide = self._wide(self.app.size)
        self._set_wide(wide)
        yield KeysFooter(compact=not wide, show_command_palette=wide)

    def on_mount(self) -> None:
        self.watch(self.app, "params", self._params_changed, init=False)
        self.query_one("#progress").display = False
        self.first_focus().focus()
        self.show_result()
        self._request()

    def on_resize(self, event: events.Resize) -> None:
        # A screen hears of its virtual size changing too (its content growing or
        # shrinking); nothing here depends on that, and refreshing the footer's bindings
        # for it changes the layout again: at some sizes the two fed each other for good
        # (the app busy in on_resize, found by the 10-minute monkey with resizes).
        if event.size == self._laid_out_for:
            return
        self._laid_out_for = event.size
        wide = self._wide(self.size)
        if wide == self.has_class("-wide"):
            return
        self._set_wide(wide)
        self.refresh_bindings()  # keys that only switch narrow views come and go
        footer = self.query_one(KeysFooter)
        footer.compact = not wide
        footer.show_command_palette = wide

    def _wide(self, size: Size) -> bool:
        """Whether ``size`` has room for every view at once."""
        return size.width >= self.WIDE_COLUMNS and size.height >= self.WIDE_ROWS

    def _set_wide(self, wide: bool) -> None:
        # Narrow, every key must fit on one line (the footer compact, and the palette's
        # key, ctrl+p, left to the help).
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    def on_screen_resume(self) -> None:
        # Parameters changed on another screen are computed for once this one is seen.
        if self.result_params is not None and self._covered(self.app.params):
            self.show_result()
        elif self._requested is None or not self.same_point(self._requested, self.app.params):
            self._request()

    def action_edit(self) -> None:
        self.query_one("#field-T").focus()

    @on(ParamsPanel.Leave)
    def _leave_panel(self) -> None:
        self.action_leave_fields()

    def action_leave_fields(self) -> None:
        """Leave the inputs (the panel's, or a screen's own settings) for the view."""
        target = self.leave_target()
        if target is not None and target.display:
            target.focus()

    # -- views on tabs (narrow layouts) ----------------------------------------

    def show_view_tab(self, tab_id: str) -> None:
        """Make the ``#view-tabs`` show ``tab_id``; focus follows to the view shown.

        The tabs' own TabActivated is not echoed back: two switches in one burst
        would otherwise bounce between the view and the tabs forever.
        """
        tabs = self.query_one("#view-tabs", Tabs)
        if tabs.active != tab_id:
            with self.prevent(Tabs.TabActivated):
                tabs.active = tab_id
        self.keep_focus_on_view()

    def keep_focus_on_view(self) -> None:
        """After the view on show changed: focus follows to the view shown, so its keys
        keep working (focus in a field stays there).

        The pane that had focus may be hidden now (after the layout, focus is gone).
        """
        self.call_after_refresh(self._focus_view_if_lost)

    @staticmethod
    def chosen_tab(event: Tabs.TabActivated) -> str | None:
        """The tab the user chose, or None for a TabActivated the tabs have moved past."""
        return event.tab.id if event.tab.id == event.tabs.active else None

    def _focus_view_if_lost(self) -> None:
        focused = self.focused
        if focused is None or focused not in self.focus_chain:
            target = self.leave_target()
            if target is not None:
                target.focus()

    # -- parameters ----------------------------------------------------------

    def _covered(self, params: Params) -> bool:
        return self.result_params is not None and self.same_point(self.result_params, params)

    def _params_changed(self, params: Params) -> None:
        if not self.is_current:
            return  # computed on resume: only the screen on view spends the time
        if self._covered(params):
            # The result on show is already right; a run for parameters left behind must not
            # replace it.
            self._cancel()
            self.show_result()
        elif not (
            self.computing
            and self._requested is not None
            and self.same_point(self._requested, params)
        ):
            self._request()
        self._show_status()

    def cost_seconds(self, params: Params) -> float:
        """Estimated seconds :meth:`compute` takes at ``params`` (above
        :data:`CONFIRM_SECONDS`, the user is asked first); by default the check's
        simulations, which every screen here runs."""
        return simulation_seconds(params)

    @on(ParamsPanel.Changed)
    def _fields_valid(self, event: ParamsPanel.Changed) -> None:
        self._invalid = False
        if not self.same_point(event.params, self.app.params):
            seconds = self.cost_seconds(event.params)
            if seconds > CONFIRM_SECONDS:
                event.stop()  # the app takes these parameters only once confirmed
                self._confirm(event.panel, event.params, seconds)
                return
        if (
            event.params == self.app.params
            and not self.computing
            and not self._covered(event.params)
        ):
            # Back to the parameters whose run an invalid edit cancelled: run it again.
            self._request()
        self._show_status(event.params)

    def _confirm(self, panel: ParamsPanel, params: Params, seconds: float) -> None:
        self._show_status(params)
        self._asked_about = params
        if self._asking is not None:
            # A burst of typing changes the field once per key, each change queued before
            # the first question shows: one dialog, about the last value, not one per key.
            self._asking.ask_instead(self.describe(params), seconds)
            return

        def answered(run: bool | None) -> None:
            self._asking = None
            if run and self._asked_about is not None:
                self.app.params = self._asked_about
            else:
                panel.revert()  # the fields show the parameters on view again
            self._show_status()

        self._asking = ConfirmRun(self.describe(params), seconds)
        if not self.app.open_dialog(self._asking, answered):
            answered(None)  # another dialog is up: the change is dropped, not queued

    @on(ParamsPanel.Invalid)
    def _field_invalid(self) -> None:
        # Whatever was pending was for parameters the user is now replacing.
        self._invalid = True
        self._cancel()
        self._show_status()

    # -- computation ---------------------------------------------------------

    @property
    def computing(self) -> bool:
        """Whether a computation is waiting out the debounce or running."""
        running = any(w.group == self._group and not w.is_finished for w in self.workers)
        return self._debounce is not None or running

    @property
    def _group(self) -> str:
        return f"compute-{type(self).__name__}"

    def _cancel(self) -> None:
        self._generation += 1
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self.workers.cancel_group(self, self._group)
        self.progress = None

    def _request(self) -> None:
        """Compute for the app's params: now after a quiet spell, else once things settle."""
        self._cancel()
        self._requested = self.app.params
        now = time.monotonic()
        quiet = now - self._last_request >= DEBOUNCE_SECONDS
        self._last_request = now
        if quiet:
            self._start()
        else:
            self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._start)
        self._show_status()

    def _start(self) -> None:
        self._debounce = None
        params, generation = self.app.params, self._generation
        self._requested = params

        def run() -> None:
            worker = get_current_worker()
            started = time.monotonic()
            shown = -1.0

            def progress(done: float) -> None:
                nonlocal shown
                late = time.monotonic() - started > PROGRESS_AFTER_SECONDS
                if late and done - shown >= PROGRESS_STEP and not worker.is_cancelled:
                    shown = done
                    self.post_message(Progressed(generation, done))

            def note(text: str) -> None:
                if not worker.is_cancelled:
                    self.post_message(Noted(generation, text))

            monitor = Monitor(progress=progress, cancelled=lambda: worker.is_cancelled, note=note)
            try:
                result = self.compute(params, monitor)
            except Cancelled:
                return
            except Exception as error:  # reported on screen, whatever it is
                self.post_message(Failed(generation, error))
                return
            if not worker.is_cancelled:
                self.post_message(Computed(generation, params, result))

        self.run_worker(
            run,
            name=self._group,
            group=self._group,
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        if message.generation == self._generation:
            self.progress = message.done

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        if message.generation != self._generation:
            return
        self.progress = None
        self.result, self.result_params = message.result, message.params  # type: ignore[assignment]
        self.show_result()
        self._show_status()

    @on(Noted)
    def _noted(self, message: Noted) -> None:
        if message.generation == self._generation:
            self.notify(message.text, title=self.WHAT.capitalize(), severity="warning")

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        if message.generation != self._generation:
            return
        self.progress = None
        title = f"Cannot compute {self.WHAT}" if self.WHAT else "Cannot compute"
        self.notify(str(message.error), title=title, severity="error")
        self._show_status()

    # -- status and progress -------------------------------------------------

    def watch_progress(self, progress: float | None) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            bar.update(progress=progress)

    def _show_status(self, params: Params | None = None) -> None:
        params = params or self.app.params
        status = self.query_one("#status", Static)
        shown = self.result_params
        if shown is None:
            status.update(f"computing {self.WHAT}…" if self.WHAT else "computing…")
        elif self._invalid:
            # Nothing is computed until the field is fixed: say which result is on show.
            status.update(f"field invalid; showing {self.describe(shown)}")
        elif self.same_point(shown, params):
            status.update(self.status_text(shown))
        else:
            status.update(f"updating… (showing {self.describe(shown)})")

    # -- export --------------------------------------------------------------

    def action_export(self) -> None:
        if self._exporting:
            # The dialog opens a refresh later: the ctrl+s keys of one burst all arrive
            # before it, and each opened one more (stacked dozens deep by the 10-minute
            # monkey, until drawing the screens beneath overflowed the stack).
            return
        if self.result is None or self.result_params is None:
            self.notify("nothing to export yet: the first result is still being computed")
            return
        self._exporting = True
        # A toast still up from an earlier export ("wrote …") is not part of the screen:
        # it goes first, and the picture is taken once the screen has redrawn without it.
        self.app.clear_notifications()
        self.call_later(self._without_toasts, self.result_params)

    async def _without_toasts(self, params: Params) -> None:
        await self.query("Toast").remove()
        self.call_after_refresh(self._open_export, params)

    def _open_export(self, p: Params) -> None:
        try:
            settings = self.export_settings(p)
            table = stamped(self.export_table(), settings)
            # Taken before the dialog opens: the picture is the screen the user chose to export.
            svg = self.app.export_screenshot(title=f"superpos-tui — {self.app.current_mode}")
        except BaseException:
            self._exporting = False  # the next ctrl+s tries again
            raise
        default = Path.cwd() / f"{default_name(self.EXPORT_STEM, settings)}.csv"

        def rendered(path: Path) -> str:
            return render(path, table, lambda: svg)

        def done(path: Path | None) -> None:
            self._exporting = False
            if path is not None:
                # In full: a name typed without a folder lands in the current one.
                self.notify(f"wrote {path.absolute()}", title="Exported")

        # A key of the same burst may have opened another dialog meanwhile.
        dialog = ExportDialog(default, rendered, f"Export {self.EXPORT_WHAT}")
        if not self.app.open_dialog(dialog, done):
            self._exporting = False
