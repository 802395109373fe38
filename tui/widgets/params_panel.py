"""The parameter panel: typed entry, nudging and validation of T, D, z, a, samples, seed.

The panel owns no parameters.  It shows the app's ``params`` (any app with a
reactive ``params`` and a ``budget``), validates what the user types with the
model's own rules, and posts :class:`ParamsPanel.Changed` or
:class:`ParamsPanel.Invalid` upward; the app decides what becomes current.  So
the same panel on several screens stays in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from superpos_model import (
    LIMITS,
    ParamError,
    Params,
    check_budget,
    make_params,
    parse_value,
    regime_warning,
)

from ..field_help import FIELD_HELP, UNSET_A

if TYPE_CHECKING:
    from ..app import SuperposApp

FIELDS = tuple(LIMITS)
LABELS = {"T": "T", "D": "D", "z": "z", "a": "a", "samples": "samples", "seed": "seed"}
TOOLTIPS = {**FIELD_HELP, "a": f"{FIELD_HELP['a']} (empty: {UNSET_A})"}

#: The readout scale moves in these steps; integers move by ±1 or ×/÷ 2.
A_FINE, A_COARSE = 0.01, 0.1
INTEGER_FACTOR = 2
#: How long a field that just changed stays marked.
FLASH_SECONDS = 0.6


def format_value(value: int | float | None) -> str:
    """How a field shows a valid value (empty for an unset a)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def nudged(field: str, value: int | float | None, direction: int, coarse: bool) -> int | float:
    """``value`` moved one step up (direction 1) or down (−1); unvalidated."""
    if field == "a":
        step = A_COARSE if coarse else A_FINE
        # Rounding keeps repeated steps on the grid despite binary floating point.
        return round((value or 0.0) + direction * step, 6)
    assert value is not None  # only a may be unset
    if not coarse:
        return int(value) + direction
    return int(value) * INTEGER_FACTOR if direction > 0 else int(value) // INTEGER_FACTOR


class ParamInput(Input):
    """One parameter's text; the arrow and page keys step it instead of scrolling."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "nudge(1, False)", "Step ±", key_display="↑↓"),
        Binding("down", "nudge(-1, False)", "", show=False),
        Binding("pageup,shift+up", "nudge(1, True)", "Big step", key_display="PgUp/Dn", show=False),
        Binding("pagedown,shift+down", "nudge(-1, True)", "", show=False),
    ]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # "?" is never part of a number, so it stays free for the app's help key.
        return character != "?" and super().check_consume_key(key, character)

    def action_nudge(self, direction: int, coarse: bool) -> None:
        self.query_ancestor(ParamsPanel).nudge(self, direction, coarse)


class ParamsPanel(Vertical):
    """Inputs for every model parameter, the validation message and the regime warning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave the inputs", show=False),
    ]

    if TYPE_CHECKING:
        app: SuperposApp  # the app whose params this follows (the attribute is Textual's)

    @dataclass
    class Changed(Message):
        """The user entered a valid, different set of parameters."""

        panel: ParamsPanel
        params: Params

        @property
        def control(self) -> ParamsPanel:
            return self.panel

    @dataclass
    class Invalid(Message):
        """What the user typed is not valid; ``error`` names the field and its range."""

        panel: ParamsPanel
        error: ParamError

        @property
        def control(self) -> ParamsPanel:
            return self.panel

    @dataclass
    class Leave(Message):
        """The user asked to move focus out of the panel (escape)."""

        panel: ParamsPanel

    def compose(self) -> ComposeResult:
        with Grid(id="fields"):
            for name in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(LABELS[name], id=f"label-{name}", classes="field-label")
                    yield ParamInput(
                        id=f"field-{name}",
                        name=name,
                        placeholder="a*" if name == "a" else "",
                        tooltip=TOOLTIPS[name],
                        compact=True,
                        select_on_focus=False,
                    )
        yield Static(id="param-error", markup=False)
        yield Static(id="regime-warning", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "params", self._show_params)

    def field(self, name: str) -> Input:
        return self.query_one(f"#field-{name}", Input)

    def _show_params(self, params: Params) -> None:
        """Make the inputs show ``params``, leaving alone text that already means it."""
        for name in FIELDS:
            value = getattr(params, name)
            field = self.field(name)
            try:
                same = parse_value(name, field.value) == value
            except ParamError:
                same = False
            if not same:
                with field.prevent(Input.Changed):
                    field.value = format_value(value)
        self._mark(None)
        warning = regime_warning(params)
        box = self.query_one("#regime-warning", Static)
        box.update(f"⚠ outside the notes' regime z ≪ D < T: {warning}" if warning else "")
        box.display = bool(warning)

    def revert(self) -> None:
        """Show the app's ``params`` again, dropping what was typed."""
        self._show_params(self.app.params)

    def _flash(self, field: Input) -> None:
        """Mark ``field`` for a moment: a change is seen even where the eyes are not."""
        field.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: field.remove_class("-flash"))

    def _typed(self) -> Params:
        """The parameters the inputs spell, or :class:`ParamError`."""
        params = make_params(**{name: self.field(name).value for name in FIELDS})
        check_budget(params, self.app.budget)
        return params

    def _mark(self, error: ParamError | None) -> None:
        for name in FIELDS:
            bad = error is not None and error.field == name
            self.field(name).set_class(bad, "-rejected")
            self.query_one(f"#label-{name}").set_class(bad, "-rejected")
        self.query_one("#param-error", Static).update(f"✗ {error}" if error else "")
        self.set_class(error is not None, "-has-error")

    @on(Input.Changed)
    def _on_typed(self, event: Input.Changed) -> None:
        event.stop()
        self._flash(event.input)
        try:
            params = self._typed()
        except ParamError as error:
            self._mark(error)
            self.post_message(self.Invalid(self, error))
            return
        self._mark(None)
        # Posted even when equal to app.params: after an invalid edit cancelled the run for
        # these parameters, the app must learn they are back.
        self.post_message(self.Changed(self, params))

    @on(Input.Submitted)
    def _on_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def nudge(self, focused: Input, direction: int, coarse: bool) -> None:
        """Step ``focused``; a step that would be invalid is refused with a bell."""
        name = focused.name
        assert name is not None  # every ParamInput is named after its field
        try:
            current = parse_value(name, focused.value)
        except ParamError:
            current = getattr(self.app.params, name)
        if current is None and name != "a":
            current = getattr(self.app.params, name)
        candidate = nudged(name, current, direction, coarse)
        try:
            self.app.params.replace(**{name: candidate})
        except ParamError:
            self.app.bell()
            return
        focused.value = format_value(candidate)
        focused.cursor_position = len(focused.value)

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))
