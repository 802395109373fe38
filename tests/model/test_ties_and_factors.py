"""One tie rule everywhere, a factor only between losses above round-off, and a walkthrough
mark that names what it checks."""

from __future__ import annotations

from superpos_model import make_params
from superpos_model.session import Session
from superpos_model.sweep import standing
from superpos_model.sweep.export import point_json
from superpos_model.sweep.points import Point
from superpos_model.walkthrough.conclusions import conclusions_chain
from tui.format import order_text, standing_text
from tui.sweep_text import _row


def test_losses_of_zero_up_to_round_off_tie_and_give_no_factor():
    # The ReLU optima at T=50, D=80: random's z = 1 loss is 0 but for the FFT's round-off.
    s = standing({"random": 2.857e-16, "single": 0.0, "multi": 0.0})
    assert s.winners == ("random", "single", "multi") and s.factor is None
    # z = 5: single and multi lose nothing; a ratio to their 0 is no factor (was inf).
    s = standing({"random": 0.6731, "single": 0.0, "multi": 0.0})
    assert s.winners == ("single", "multi") and s.runner_up == "random" and s.factor is None
    point = Point("relu", make_params(T=50, D=80, z=5), s)
    assert point_json(point)["factor"] is None
    assert "∞" not in _row("z", point) and "inf" not in _row("z", point)


def test_a_factor_is_printed_only_between_positive_losses():
    zero = standing({"random": 0.6731, "single": 0.0, "multi": 0.5})
    text = standing_text(zero, "at the optimum")
    assert "single wins" in text and "×" not in text and "no factor" in text
    positive = standing({"random": 1.0223, "single": 4.5, "multi": 4.482})
    assert standing_text(positive, "at the optimum").endswith("4.38× lower")
    tiny = standing({"random": 2e-17, "single": 2.1e-17, "multi": 1.0})
    tiny_text = standing_text(tiny, "at the optimum")
    assert "random and single tie" in tiny_text and "×" not in tiny_text
    linear = order_text({"random": 1.9, "single": 0.0, "multi": 0.0}, None, True)
    assert "∞" not in linear and "tie" in linear


def _tie_step(**values):
    session = Session(make_params(samples=300, **values))
    return next(s for s in conclusions_chain(session) if s.key.endswith("single_multi_tie"))


def test_the_walkthrough_says_tie_only_where_the_exact_optima_tie():
    # Defaults: single 4.5, multi 4.482, a gap of 0.018 that the simulation is checked
    # against; the list must not read "✓ single multi tie".
    step = _tie_step()
    assert "tie" not in step.short_label and "gap" in step.short_label
    assert "tie at their optima" not in step.title and "0.018" in step.explanation
    # z = 1: no co-activation, an exact tie.
    step = _tie_step(z=1)
    assert step.short_label == "single multi tie" and "tie at their optima" in step.title
