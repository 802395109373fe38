"""One walkthrough step in full: text, formula, the notes as written, numbers, verdict, picture."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from superpos_model.steps import Step
from superpos_model.views.walkthrough import StepPicture

from .step_format import (
    VERDICT_CLASSES,
    notes_line,
    position,
    step_fields,
    verdict_meaning,
    verdict_text,
)
from .step_plot import StepPlot, legend


class StepView(VerticalScroll):
    """The current step, scrollable; ← and → step through the walkthrough instead of panning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "screen.next_step", "Next step", show=False),
        Binding("left", "screen.previous_step", "Previous step", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("computing the walkthrough…", id="step-position", markup=False)
        yield Static(id="step-title", markup=False)
        yield Static(id="step-explanation", markup=False)
        with Vertical(id="step-formula-box"):
            yield Static(id="step-formula", markup=False)
            yield Static(id="step-notes", markup=False)
        yield Vertical(id="step-numbers")
        with Horizontal(id="step-verdict-row"):
            yield Static(id="step-verdict", markup=False)
            yield Static(id="step-meaning", markup=False)
        yield Static(id="step-reason", markup=False)
        yield StepPlot(id="step-plot")
        yield Static(id="step-legend", markup=False)

    def on_mount(self) -> None:
        self.query_one("#step-formula-box").border_title = "formula"
        self.set_class(True, "-empty")

    def show(self, steps: list[Step], index: int, picture: StepPicture | None) -> None:
        """Show ``steps[index]`` (with its place among ``steps``) and its picture."""
        step = steps[index]
        self.set_class(False, "-empty")
        self.query_one("#step-position", Static).update(position(steps, index))
        self.query_one("#step-title", Static).update(step.title)
        self.query_one("#step-explanation", Static).update(step.explanation)
        self.query_one("#step-formula", Static).update(step.formula)
        notes = notes_line(step)
        notes_box = self.query_one("#step-notes", Static)
        notes_box.update(f"the notes write: {notes}" if notes else "")
        notes_box.display = notes is not None
        self._show_numbers(step)
        verdict = self.query_one("#step-verdict", Static)
        verdict.update(verdict_text(step.verdict))
        self.query_one("#step-meaning", Static).update(verdict_meaning(step.verdict))
        for name in VERDICT_CLASSES.values():
            verdict.remove_class(name)
        verdict.add_class(VERDICT_CLASSES[step.verdict])
        self.query_one("#step-reason", Static).update(step.reason)
        plot = self.query_one(StepPlot)
        plot.show(picture)
        # Two or three marks on one axis need a few rows, not all the height there is.
        plot.set_class(picture is not None and bool(picture.rows), "-comparison")
        self.query_one("#step-legend", Static).update(legend(picture))

    def _show_numbers(self, step: Step) -> None:
        numbers = self.query_one("#step-numbers")
        numbers.remove_children()
        rows = []
        for field in step_fields(step):
            texts = [Static(field.value, classes="field-value", markup=False)]
            if field.detail:
                texts.append(Static(field.detail, classes="field-detail", markup=False))
            rows.append(
                Horizontal(
                    Label(field.label, classes="field-label"),
                    Vertical(*texts, classes="field-values"),
                    classes="field-row",
                )
            )
        numbers.mount_all(rows)
