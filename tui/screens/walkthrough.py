"""The walkthrough: the notes' derivation step by step, each step beside its simulation.

The screen shares the app's ``params`` (its ParamsPanel is the Explorer's) and
computes the steps itself, with :func:`superpos_model.walkthrough.walkthrough`
in a thread worker; the picture of each step comes from
:mod:`superpos_model.views.walkthrough`.  While a new walkthrough is computed,
or while a typed value is invalid, the last good steps stay on screen.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, OptionList

from superpos_model import Monitor, Params
from superpos_model.steps import Step
from superpos_model.views.walkthrough import StepPicture, step_picture
from superpos_model.walkthrough import CHAINS, walkthrough

from ..commands import Command
from ..export import ExportTable, params_record, settings_record
from ..widgets.step_format import params_summary
from ..widgets.step_list import CHAIN_PREFIX, StepList
from ..widgets.step_view import StepView
from .base import ParamsScreen

#: What the walkthrough computes: every step, and each step's picture by its key.
Computed = tuple[list[Step], dict[str, StepPicture]]
#: The columns of the CSV export, one row per step (the JSON has the same keys per step).
STEP_COLUMNS = ("chain", "key", "title", "theory", "notes", "simulated", "se", "verdict")


class WalkthroughScreen(ParamsScreen[Computed]):
    """Step through the derivation; every number follows the parameters."""

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
    ]
    WHAT = "the walkthrough"
    EXPORT_WHAT = "the walkthrough's steps"
    EXPORT_STEM = "superpos-walkthrough"

    current: reactive[str | None] = reactive(None, init=False)
    presenter: reactive[bool] = reactive(False, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[Step] = []
        self.pictures: dict[str, StepPicture] = {}

    def compose_results(self) -> ComposeResult:
        with Horizontal(id="walk"):
            yield StepList(id="steps")
            yield StepView(id="step-view")

    def first_focus(self) -> Widget:
        return self.query_one(StepView)

    # -- the ParamsScreen contract ------------------------------------------

    def compute(self, params: Params, monitor: Monitor) -> Computed:
        """Every step of the walkthrough at ``params``, and each step's picture by its key."""
        steps = walkthrough(params, "all", monitor, session=self.app.session(params))
        return steps, {step.key: step_picture(step, params) for step in steps}

    def show_result(self) -> None:
        if self.result is None or self.result[0] is self.steps:
            return
        old = self.current
        self.steps, self.pictures = self.result
        key = _keep(self.steps, old)
        self.query_one(StepList).show(self.steps, key)
        self.current = key
        if key == old:
            self._show_step()  # same key, new numbers: the watcher will not fire

    def status_text(self, params: Params) -> str:
        return params_summary(params)

    def describe(self, params: Params) -> str:
        return params_summary(params)

    def leave_target(self) -> Widget:
        return self.query_one(StepView)

    def export_settings(self, params: Params) -> dict[str, object]:
        # Its chains cover both readouts: the nonlinear one is ReLU's.
        return settings_record(params, "both", None)

    def export_table(self) -> ExportTable:
        assert self.result_params is not None
        records = [_step_record(step) for step in self.steps]
        document = {
            "params": params_record(self.result_params),
            "steps": records,
        }
        return ExportTable(STEP_COLUMNS, records, document)

    def commands(self) -> list[Command]:
        entries: list[Command] = [
            ("Presenter mode", "big verdict and formula, no chrome (F5)", self.action_presenter),
            ("Next step", "the next step of the derivation", self.action_next_step),
            ("Previous step", "the previous step", self.action_previous_step),
            ("Show / hide the step list", "more room for the step", self.action_toggle_list),
        ]
        for number, chain in enumerate(CHAINS, start=1):
            jump = partial(self.action_chain, number)
            entries.append((f"Go to chain {chain}", f"its first step (key {number})", jump))
        return entries

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
        if event.option_index != event.option_list.highlighted:
            # A stale echo of a highlight a later move replaced: following it would move the
            # step back, and that highlight's echo would move it forward, without end.
            return
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
        self.query_one(Footer).compact = presenter or self.has_class("-narrow")
        view = self.query_one(StepView)
        if presenter:
            # The inputs and the list are hidden: keys must reach the step view.
            view.focus()
        # The step is laid out anew: it opens at its top, title first, not where the other
        # layout's scroll left it (on the verdict box, say).
        self.call_after_refresh(view.scroll_home, animate=False)

    def action_toggle_list(self) -> None:
        self.toggle_class("-no-list")
        if self.has_class("-no-list") and self.focused is self.query_one(StepList):
            self.query_one(StepView).focus()

    def action_edit(self) -> None:
        if self.presenter:
            self.presenter = False  # the inputs are hidden in presenter mode
        self.query_one("#field-T").focus()


def _step_record(step: Step) -> dict[str, object]:
    """One step as both exports write it."""
    return {
        "chain": step.chain,
        "key": step.key,
        "title": step.title,
        "theory": step.theory,
        "notes": step.notes_value,
        "simulated": step.simulated.value,
        "se": step.simulated.se,
        "verdict": str(step.verdict),
    }


def _keep(steps: list[Step], key: str | None) -> str:
    """The step to show after a recompute: ``key`` if it is still there, else the first."""
    keys = [step.key for step in steps]
    return key if key in keys else keys[0]
