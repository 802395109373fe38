"""The parameter panel: typed entry, nudging and validation of T, D, z, a, samples, seed.

On screens that declare ``READOUT_SWITCH`` it also holds the readout switch
(linear, ReLU, or linear logits under cross-entropy) and, with the latter two, the
bias b: the app's ``readout``, a :class:`~superpos_model.readout.Readout` kept apart
from the parameters.

The panel owns no parameters.  It shows the app's ``params`` (any app with a
reactive ``params`` and a ``budget``), validates what the user types with the
model's own rules, and posts :class:`ParamsPanel.Changed` or
:class:`ParamsPanel.Invalid` upward; the app decides what becomes current.  So
the same panel on several screens stays in step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from superpos_model import (
    LIMITS,
    ParamError,
    Params,
    check_budget,
    make_params,
    parse_value,
    regime_warning,
)
from superpos_model.readout import Readout, parse_bias

from ..field_help import FIELD_HELP, UNSET_A

if TYPE_CHECKING:
    from ..app import SuperposApp

FIELDS = tuple(LIMITS)
LABELS = {"T": "T", "D": "D", "z": "z", "a": "a", "samples": "samples", "seed": "seed"}
TOOLTIPS = {**FIELD_HELP, "a": f"{FIELD_HELP['a']} (empty: {UNSET_A})"}
#: The bias field and the readout switch (shown only where the screen offers the readout).
BIAS_TOOLTIP = (
    "bias b, any finite number (ReLU: b > 0 is a threshold; cross-entropy: the logits' offset)"
)
READOUT_TOOLTIP = (
    "readout and loss: linear ŷ = a·WᵀW·y or ReLU ŷ = ReLU(a·WᵀW·y − b) under squared error, "
    "or the logits a·WᵀW·y − b under cross-entropy (key r)"
)
READOUT_CHOICES = (("linear", "linear"), ("ReLU", "relu"), ("cross-entropy", "cross-entropy"))

#: Characters a field takes: any valid value fits many times over, and a paste of
#: thousands of characters must not be validated (and echoed) one keystroke at a time.
FIELD_CHARS = 32

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
    if field in ("a", "b"):
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
    class ReadoutChanged(Message):
        """The user switched the readout or entered a valid bias b."""

        panel: ParamsPanel
        readout: Readout

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
                        max_length=FIELD_CHARS,
                    )
            with Horizontal(classes="field", id="readout-cell"):
                yield Label("readout", id="label-readout", classes="field-label")
                yield Select(
                    READOUT_CHOICES,
                    id="field-readout",
                    allow_blank=False,
                    value="linear",
                    compact=True,
                    tooltip=READOUT_TOOLTIP,
                )
            with Horizontal(classes="field", id="b-cell"):
                yield Label("b", id="label-b", classes="field-label")
                yield ParamInput(
                    id="field-b",
                    name="b",
                    max_length=FIELD_CHARS,
                    tooltip=BIAS_TOOLTIP,
                    compact=True,
                    select_on_focus=False,
                )
        yield Static(id="param-error", markup=False)
        yield Static(id="regime-warning", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "params", self._show_params)
        self.watch(self.app, "readout", self._show_readout)

    @property
    def offers_readout(self) -> bool:
        """Whether the screen this panel is on uses the readout switch."""
        return bool(getattr(self.screen, "READOUT_SWITCH", False))

    def _show_readout(self, readout: Readout) -> None:
        self.query_one("#readout-cell").display = self.offers_readout
        self.query_one("#b-cell").display = self.offers_readout and readout.uses_bias
        box: Select[str] = self.query_one("#field-readout", Select)
        if box.value != readout.kind:
            with box.prevent(Select.Changed):
                box.value = readout.kind
        field = self.field("b")
        try:
            same = parse_bias(field.value) == readout.b
        except ParamError:
            same = False
        if not same:
            with field.prevent(Input.Changed):
                field.value = format_value(readout.b)

    @on(Select.Changed, "#field-readout")
    def _on_switched(self, event: Select.Changed) -> None:
        event.stop()
        readout = self.app.readout
        if event.value != readout.kind:
            self.post_message(self.ReadoutChanged(self, replace(readout, kind=str(event.value))))

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
        # The walkthrough's need is the largest: every screen's work then fits.
        check_budget(params, self.app.budget, "walkthrough")
        return params

    def _typed_bias(self) -> float | None:
        """The bias the b field spells while it is on show (None when hidden), or ParamError."""
        if not self.query_one("#b-cell").display:
            return None
        return parse_bias(self.field("b").value)

    def _mark(self, error: ParamError | None) -> None:
        for name in (*FIELDS, "b"):
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
            bias = self._typed_bias()
        except ParamError as error:
            self._mark(error)
            self.post_message(self.Invalid(self, error))
            return
        self._mark(None)
        if bias is not None and bias != self.app.readout.b:
            self.post_message(self.ReadoutChanged(self, Readout(self.app.readout.kind, bias)))
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
        if name == "b":
            self._nudge_bias(focused, direction, coarse)
            return
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

    def _nudge_bias(self, focused: Input, direction: int, coarse: bool) -> None:
        """b takes any finite value: every step is valid."""
        try:
            current = parse_bias(focused.value)
        except ParamError:
            current = self.app.readout.b
        focused.value = format_value(nudged("b", current, direction, coarse))
        focused.cursor_position = len(focused.value)

    def action_leave(self) -> None:
        self.post_message(self.Leave(self))
