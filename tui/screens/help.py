"""The help screen: what the numbers mean and every key, read from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from .sizing import TerminalSized

ABOUT = """\
# superpos-tui

T features are stored in D neurons; z of them are active in each sample. The readout
is ŷ = a·WᵀW·y and the **loss** is the expected squared error per sample, **summed over
all T features** (the table also gives the per-feature mean, loss / T).

Three ways to place the features: **random** directions (superposition), **single**
(one feature per neuron, the rest dropped) and **multi** (one neuron per feature,
about T/D features share each neuron).

For each scheme: **notes** is the source notes' formula as written (slips included:
single's z(T−D)/D is a typo for z(T−D)/T), **exact** the finite-size expectation, and
**simulated ± SE** a Monte Carlo of the model with its standard error.

Type a value and it is checked as you type: a field that is not valid is marked and
the allowed range shown, while the last good result stays on screen.
"""


#: How to leave, said at the top and on the frame (the app's footer is behind the dialog).
CLOSE = "esc, q or ? closes this help · ↑↓ PgUp PgDn scroll"


def keys_markdown(bindings: list[tuple[str, str]]) -> str:
    rows = "\n".join(f"| `{key}` | {description} |" for key, description in bindings)
    return f"## Keys\n\n| key | does |\n|---|---|\n{rows}\n"


class HelpScreen(ModalScreen[None], TerminalSized):
    """Explanations plus the keys of the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help")
    ]

    def __init__(self, bindings: list[tuple[str, str]], about: str = "") -> None:
        super().__init__()
        self.keys = bindings
        #: The screen's own explanation (Markdown), after the app's.
        self.about = about
        self._dismissing = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            box.border_subtitle = CLOSE
            yield Static(CLOSE, id="help-close", markup=False)
            about = f"{self.about}\n" if self.about else ""
            yield Markdown(ABOUT + "\n" + about + keys_markdown(self.keys))

    def on_mount(self) -> None:
        # Nothing to focus if closed before it was mounted (see ExportDialog.on_mount).
        for box in self.query("#help-box"):
            box.focus()

    async def action_dismiss(self, result: None = None) -> None:
        # Textual's action awaits pending callbacks before it pops, so the close keys of
        # one burst (esc q ? pasted at once) can all start a dismiss; the second would pop
        # the screen below or resolve the push's result twice (InvalidStateError).
        if self._dismissing:
            return
        self._dismissing = True
        await super().action_dismiss(result)
