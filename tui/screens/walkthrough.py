"""The walkthrough: the notes' derivation step by step, each step beside its simulation.

The screen shares the app's ``params`` (its ParamsPanel is the Explorer's) and
computes the steps itself, with :func:`superpos_model.walkthrough.walkthrough`
in a thread worker; the picture of each step comes from
:mod:`superpos_model.walkthrough_plot`.  While a new walkthrough is computed,
or while a typed value is invalid, the last good steps stay on screen.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static

from superpos_model import Monitor, Params
from superpos_model.steps import Step
from superpos_model.walkthrough import CHAINS, walkthrough
from superpos_model.walkthrough_plot import StepPicture, step_picture

from ..commands import Command, ScreenCommands
from ..computation import BackgroundComputation
from ..widgets.params_panel import ParamsPanel
from ..widgets.step_format import params_summary
from ..widgets.step_list import CHAIN_PREFIX, StepList
from ..widgets.step_view import StepView

#: At least this many columns and rows: parameters in a column on the left (as in the
#: Explorer), otherwise in a strip on top.
WIDE_COLUMNS, WIDE_ROWS = 110, 34


class WalkthroughCommands(ScreenCommands):
    """Command-palette entries for the walkthrough's actions."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, WalkthroughScreen):
            return []
        entries = [
            ("Presenter mode", "big verdict and formula, no chrome (F5)", screen.action_presenter),
            ("Next step", "the next step of the derivation", screen.action_next_step),
            ("Previous step", "the previous step", screen.action_previous_step),
            ("Show / hide the step list", "more room for the step", screen.action_toggle_list),
            ("Edit parameters", "focus the parameter inputs", screen.action_edit),
            ("Reseed", "next random seed: new embeddings and samples", screen.app.action_reseed),
        ]
        for number, chain in enumerate(CHAINS, start=1):
            jump = partial(screen.action_chain, number)
            entries.append((f"Go to chain {chain}", f"its first step (key {number})", jump))
        return entries


class WalkthroughScreen(BackgroundComputation, Screen):
    """Step through the derivation; every number follows the parameters."""

    CSS_PATH = Path(__file__).parent.parent / "walkthrough.tcss"
    COMMANDS: ClassVar[set[type[Provider]]] = {WalkthroughCommands}
    # Letters are left to a focused Input (it consumes printable keys), so typing a value
    # never steps; the arrows are bound where they mean nothing else (StepView, here).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,j,right", "next_step", "Next", key_display="n/→"),
        Binding("p,k,left", "previous_step", "Prev", key_display="p/←"),
        Binding("c", "next_chain", "Chain"),
        Binding("C", "previous_chain", "Previous chain", show=False),
        *(
            Binding(str(number), f"chain({number})", f"Chain {chain}", show=False)
            for number, chain in enumerate(CHAINS, start=1)
        ),
        Binding("f5", "presenter", "Presenter"),
        Binding("s", "toggle_list", "Step list", show=False),
        Binding("ctrl+g", "edit", "Edit params", show=False),
    ]

    current: reactive[str | None] = reactive(None, init=False)
    presenter: reactive[bool] = reactive(False, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[Step] = []
        self.pictures: dict[str, StepPicture] = {}
        #: The parameters ``steps`` were computed at, and those last asked for.
        self.shown_params: Params | None = None
        self._requested: Params | None = None
        #: Whether the latest request is still being computed.
        self._busy = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ParamsPanel(id="params")
            with Horizontal(id="walk"):
                yield StepList(id="steps")
                yield StepView(id="step-view")
        yield Static(id="status", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "params", self._params_changed, init=False)
        self.query_one(ProgressBar).display = False
        self._request()
        self.query_one(StepView).focus()

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_COLUMNS and self.size.height >= WIDE_ROWS
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    def on_screen_resume(self) -> None:
        # Parameters changed on another screen were not computed here (see _params_changed).
        if self._requested != self.app.params:
            self._request()

    # -- computation ------------------------------------------------------

    def _params_changed(self, params: Params) -> None:
        # A walkthrough takes seconds: only the screen the user is looking at computes one.
        if self.is_current:
            self._request()

    def _request(self) -> None:
        params = self.app.params
        self._generation += 1
        self._requested = params
        self._busy = True
        self._compute_in_thread(
            partial(_steps_and_pictures, params),
            group="walkthrough",
            progressed=self._progressed,
            finished=partial(self._finished, params),
            failed=self._failed,
        )
        self._show_status()

    def _progressed(self, done: float) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(progress=done)

    def _finished(
        self, params: Params, computed: tuple[list[Step], dict[str, StepPicture]]
    ) -> None:
        steps, pictures = computed
        self._idle()
        old = self.current
        self.steps, self.pictures, self.shown_params = steps, pictures, params
        key = _keep(steps, old)
        self.query_one(StepList).show(steps, key)
        self.current = key
        if key == old:
            self._show_step()  # same key, new numbers: the watcher will not fire
        self._show_status()

    def _failed(self, error: Exception) -> None:
        self._idle()
        self.notify(str(error), title="Cannot compute the walkthrough", severity="error")
        self._show_status()

    @property
    def computing(self) -> bool:
        """Whether the steps shown are not yet those of the latest parameters asked for."""
        return self._busy

    def _idle(self) -> None:
        self._busy = False
        self.query_one(ProgressBar).display = False

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.shown_params is None:
            status.update("computing the walkthrough…")
        elif self.computing:
            status.update(f"updating… (showing {params_summary(self.shown_params)})")
        else:
            status.update(params_summary(self.shown_params))

    # -- the current step -------------------------------------------------

    def watch_current(self) -> None:
        self._show_step()

    def _show_step(self) -> None:
        index = self._index()
        if index is None:
            return
        step = self.steps[index]
        view = self.query_one(StepView)
        view.show(self.steps, index, self.pictures.get(step.key))
        view.scroll_home(animate=False)
        self.query_one(StepList).highlight_step(step.key)

    def _index(self) -> int | None:
        keys = [step.key for step in self.steps]
        return keys.index(self.current) if self.current in keys else None

    @on(OptionList.OptionHighlighted, "#steps")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key is not None and not key.startswith(CHAIN_PREFIX):
            self.current = key

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self) -> None:
        self.query_one(StepView).focus()

    def _move(self, offset: int) -> None:
        index = self._index()
        if index is None:
            return
        target = index + offset
        if 0 <= target < len(self.steps):
            self.current = self.steps[target].key
        else:
            self.app.bell()

    def action_next_step(self) -> None:
        self._move(1)

    def action_previous_step(self) -> None:
        self._move(-1)

    def _chain_start(self, chain: str) -> None:
        for step in self.steps:
            if step.chain == chain:
                self.current = step.key
                return

    def _chain_offset(self, offset: int) -> None:
        index = self._index()
        if index is None:
            return
        chains = list(dict.fromkeys(step.chain for step in self.steps))
        here = chains.index(self.steps[index].chain)
        self._chain_start(chains[(here + offset) % len(chains)])

    def action_next_chain(self) -> None:
        self._chain_offset(1)

    def action_previous_chain(self) -> None:
        self._chain_offset(-1)

    def action_chain(self, number: int) -> None:
        self._chain_start(list(CHAINS)[number - 1])

    # -- view -------------------------------------------------------------

    def action_presenter(self) -> None:
        self.presenter = not self.presenter

    def watch_presenter(self, presenter: bool) -> None:
        self.set_class(presenter, "-presenter")
        self.query_one(Footer).compact = presenter
        if presenter:
            # The inputs and the list are hidden: keys must reach the step view.
            self.query_one(StepView).focus()

    def action_toggle_list(self) -> None:
        self.toggle_class("-no-list")
        if self.has_class("-no-list") and self.focused is self.query_one(StepList):
            self.query_one(StepView).focus()

    def action_edit(self) -> None:
        if self.presenter:
            self.presenter = False  # the inputs are hidden in presenter mode
        self.query_one("#field-T").focus()

    @on(ParamsPanel.Leave)
    def _leave_panel(self) -> None:
        self.query_one(StepView).focus()


def _steps_and_pictures(
    params: Params, monitor: Monitor
) -> tuple[list[Step], dict[str, StepPicture]]:
    """Every step of the walkthrough at ``params``, and each step's picture by its key."""
    steps = walkthrough(params, "all", monitor)
    return steps, {step.key: step_picture(step, params) for step in steps}


def _keep(steps: list[Step], key: str | None) -> str:
    """The step to show after a recompute: ``key`` if it is still there, else the first."""
    keys = [step.key for step in steps]
    return key if key in keys else keys[0]
